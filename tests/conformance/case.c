/*
 * Running one conformance case: build an engine with the case's
 * modules (test-0.rego, test-1.rego...), data and input, evaluate the
 * query with the case's strictness, and judge rows and errors.
 */
#include "tests/conformance/conformance.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/json.h"

static const rg_value *field(const rg_value *spec, const char *name)
{
    return rg_object_get_str(spec, name, strlen(name));
}

static bool flag(const rg_value *spec, const char *name)
{
    const rg_value *v = field(spec, name);
    return v && rg_value_kind(v) == RG_BOOLEAN && rg_bool_get(v);
}

static const char *text(const rg_value *spec, const char *name)
{
    const rg_value *v = field(spec, name);
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : NULL;
}

static char *fmt(const char *f, ...) RG_PRINTF(1, 2);

static char *fmt(const char *f, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return rg_xstrdup(buf);
}

static void quiet_print(void *user, const char *file, int line,
                        const char *message)
{
    RG_UNUSED(user);
    RG_UNUSED(file);
    RG_UNUSED(line);
    RG_UNUSED(message);
}

static int load(rg_engine *e, const rg_value *spec, rg_errors *errs)
{
    const rg_value *mods = field(spec, "modules");
    for (size_t i = 0; mods && i < rg_len(mods); i++) {
        const rg_value *m = rg_array_at(mods, i);
        char name[32];
        snprintf(name, sizeof name, "test-%zu.rego", i);
        if (rg_engine_add_module(e, name, rg_string_bytes(m),
                                 rg_string_len(m), errs) < 0)
            return -1;
    }
    const rg_value *data = field(spec, "data");
    if (data && rg_value_kind(data) == RG_OBJECT &&
        rg_engine_set_data(e, "", data, errs) < 0)
        return -1;
    return 0;
}

static const rg_value *case_input(rg_arena *a, const rg_value *spec,
                                  rg_errors *errs, bool *bad)
{
    const char *term = text(spec, "input_term");
    *bad = false;
    if (term) {
        const rg_value *v = rg_engine_parse_term(a, term, strlen(term),
                                                 errs);
        *bad = v == NULL;
        return v;
    }
    return field(spec, "input");
}

static char *first_error(const rg_errors *errs)
{
    return errs->count ? rg_error_format(&errs->items[0]) :
                         rg_xstrdup("(no message)");
}

/* Judge an error outcome against want_error / want_error_code. */
static conf_status judge_error(const rg_value *spec, const rg_errors *errs,
                               char **reason)
{
    const char *want = text(spec, "want_error");
    const char *code = text(spec, "want_error_code");
    char *got = first_error(errs);
    if (want == NULL && code == NULL) {
        *reason = fmt("unexpected error: %s", got);
        free(got);
        return CONF_FAIL;
    }
    if (code && strcmp(errs->items[0].code, code) != 0) {
        *reason = fmt("error code %s, want %s (%s)", errs->items[0].code,
                      code, got);
        free(got);
        return CONF_FAIL;
    }
    if (want && strstr(got, want) == NULL) {
        *reason = fmt("error \"%s\" does not contain \"%s\"", got, want);
        free(got);
        return CONF_FAIL;
    }
    free(got);
    return CONF_PASS;
}

static conf_status judge_rows(const rg_value *spec, const rg_result *r,
                              char **reason)
{
    const rg_value *want = field(spec, "want_result");
    if (want == NULL)
        return CONF_PASS;
    rg_arena *a = rg_arena_new(0);
    bool sortb = flag(spec, "sort_bindings");
    const rg_value *got = rg_conf_actual_rows(a, r, sortb,
                                              flag(spec,
                                                   "ignore_generated_vars"));
    const rg_value *exp = rg_conf_expected_rows(a, want, sortb);
    conf_status st = CONF_PASS;
    if (!rg_value_equal(got, exp)) {
        char *g = rg_json_text(got, 0, 0);
        char *w = rg_json_text(exp, 0, 0);
        *reason = fmt("result %.1500s, want %.1500s", g, w);
        free(g);
        free(w);
        st = CONF_FAIL;
    }
    rg_arena_free(a);
    return st;
}

static conf_status evaluate(const conf_case *c, rg_engine *e, rg_arena *a,
                            rg_errors *errs, char **reason)
{
    const rg_value *spec = c->spec;
    bool bad_input;
    const rg_value *input = case_input(a, spec, errs, &bad_input);
    if (bad_input || load(e, spec, errs) < 0 ||
        rg_engine_compile(e, errs) < 0) {
        *reason = fmt("compile failed: %s", errs->count ?
                      rg_error_format(&errs->items[0]) : "?");
        return CONF_FAIL;
    }
    const char *query = text(spec, "query");
    rg_query *q = query ? rg_query_prepare(e, query, errs) : NULL;
    if (q == NULL)
        return judge_error(spec, errs, reason);
    rg_result *r = rg_query_eval(q, input, errs);
    conf_status st = CONF_PASS;
    if (errs->count)
        st = judge_error(spec, errs, reason);
    else if (text(spec, "want_error") || text(spec, "want_error_code")) {
        *reason = fmt("expected an error, got %zu rows",
                      r ? rg_result_rows(r) : 0);
        st = CONF_FAIL;
    }
    if (st == CONF_PASS && r)
        st = judge_rows(spec, r, reason);
    rg_result_free(r);
    rg_query_free(q);
    return st;
}

conf_status rg_conf_run_case(const conf_case *c, char **reason)
{
    rg_options opts;
    rg_options_init(&opts);
    opts.dialect = c->dialect;
    opts.strict_builtin_errors = flag(c->spec, "strict_error");
    opts.experimental_keywords = flag(c->spec, "experimental_keywords");
    opts.max_steps = CONF_MAX_STEPS;
    opts.timeout_ms = CONF_TIMEOUT_MS;
    opts.print = quiet_print;
    rg_engine *e = rg_engine_new(&opts);
    rg_arena *a = rg_arena_new(0);
    rg_errors errs;
    rg_errors_init(&errs);
    *reason = NULL;
    conf_status st = evaluate(c, e, a, &errs, reason);
    rg_errors_free(&errs);
    rg_arena_free(a);
    rg_engine_free(e);
    return st;
}
