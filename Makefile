# Regolith build: the library build/libregolith.a, the CLI build/regolith,
# the conformance runner and the tests.
#
#   make            build everything in build/ (optimised, with -g)
#   make test       install missing packages, build, run every test
#   make test-asan  the same tests under AddressSanitizer and UBSan,
#                   built in build/asan/
#   make demo       scan the bundled example (the README's first command)
#   make bench      run the benchmarks recorded in docs/benchmarks.md
#   make deps       install the Debian packages the build needs

CC       ?= cc
BUILD    ?= build
OPT      ?= -O2
PKGS     := libcjson yaml-0.1 libcurl libpcre2-8 gmp mpfr libcrypto
TESTPKGS := check

# -Wconversion is left out: value and bytecode code converts between
# size_t, uint32_t and int64_t on purpose in many places, and each cast it
# would demand hides more than it shows.
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
        -Wformat=2 -Wundef -Wvla -Wwrite-strings -Wcast-align \
        -Wredundant-decls -Wnested-externs -Wmissing-include-dirs

CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           $(OPT) -g $(WARN) -Iinclude -I. \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread
TESTLIBS := $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

# Library sources, bottom layer first.  Every .c file in these folders is
# part of libregolith.a.
LIBDIRS := runtime runtime/builtins parser engine k8s
LIBSRC  := $(foreach d,$(LIBDIRS),$(wildcard $(d)/*.c))
LIBOBJ  := $(LIBSRC:%.c=$(BUILD)/obj/%.o)
# The policy library rules/, embedded by a generated source file.
EMBED   := $(BUILD)/tools/embed_rules
BUNDLE  := $(BUILD)/gen/policy_bundle.c
LIBOBJ  += $(BUILD)/obj/gen/policy_bundle.o
CLISRC  := $(wildcard cli/*.c)
CLIOBJ  := $(CLISRC:%.c=$(BUILD)/obj/%.o)
CONFSRC := $(wildcard tests/conformance/*.c)
CONFOBJ := $(CONFSRC:%.c=$(BUILD)/obj/%.o)
BENCHSRC := $(wildcard bench/*.c)
UNITSRC := $(wildcard tests/unit/test_*.c)
UNITBIN := $(UNITSRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCHBIN := $(BENCHSRC:bench/%.c=$(BUILD)/bench/%)

LIB  := $(BUILD)/libregolith.a
CLI  := $(BUILD)/regolith
CONF := $(BUILD)/regolith-conformance

.PHONY: all deps test test-run test-asan demo bench clean FORCE

all: $(LIB) $(CLI) $(if $(CONFSRC),$(CONF)) $(UNITBIN) $(BENCHBIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(EMBED): tools/embed_rules.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# Runs every time; the generator rewrites the file only when rules/
# changed, so an unchanged library recompiles nothing.
$(BUNDLE): $(EMBED) FORCE
	@mkdir -p $(dir $@)
	@$(EMBED) rules $@

$(BUILD)/obj/gen/policy_bundle.o: $(BUNDLE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(LIBOBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(CLI): $(CLIOBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CLIOBJ) $(LIB) $(LDLIBS)

$(CONF): $(CONFOBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(CONFOBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags check) $(LDFLAGS) \
	    -o $@ $< $(LIB) $(TESTLIBS) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

deps:
	@sh tools/deps.sh

# The test command: set-up, build, then every suite.
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test-run

test-run:
	@sh tests/run.sh $(BUILD)

test-asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SANITIZE=1 OPT=-O1 all
	@CK_FORK=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 $(MAKE) --no-print-directory BUILD=build/asan test-run

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf build

-include $(LIBOBJ:.o=.d) $(CLIOBJ:.o=.d) $(CONFOBJ:.o=.d)
