/*
 * The builtin registry: every table listed in runtime/builtins/tables.h,
 * gathered once into a flat list and an open-addressing hash table keyed
 * by name, so rg_builtin_find costs one hash and a probe or two.
 *
 * The index is built on first use under pthread_once, so concurrent
 * evaluations may look builtins up without further locking; after that
 * it is read-only.  Its memory is static.
 */
#include <assert.h>
#include <pthread.h>
#include <string.h>

#include "runtime/builtin.h"
#include "runtime/builtins/registry.h"

#define RG_BUILTIN_TABLE(cat) extern const rg_builtin_def rg_builtins_##cat[];
#include "runtime/builtins/tables.h"
#undef RG_BUILTIN_TABLE

static const rg_builtin_def *const registry_tables[] = {
#define RG_BUILTIN_TABLE(cat) rg_builtins_##cat,
#include "runtime/builtins/tables.h"
#undef RG_BUILTIN_TABLE
    NULL
};

/* Upper bound on the number of builtins in the library.  OPA has about
 * 200; the bound only sizes static arrays and is checked by an assert. */
#define REGISTRY_MAX 1024

/* Hash slots: a power of two at least twice REGISTRY_MAX, so the table is
 * at most half full and probes stay short. */
#define REGISTRY_SLOTS 2048

static const rg_builtin_def *registry_list[REGISTRY_MAX];
static size_t registry_count;
static const rg_builtin_def *registry_slots[REGISTRY_SLOTS];
static pthread_once_t registry_once = PTHREAD_ONCE_INIT;

/* FNV-1a over the name's bytes. */
static uint64_t registry_hash(const char *name)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t registry_slot(const char *name)
{
    size_t i = (size_t)registry_hash(name) & (REGISTRY_SLOTS - 1);
    while (registry_slots[i] && strcmp(registry_slots[i]->name, name) != 0)
        i = (i + 1) & (REGISTRY_SLOTS - 1);
    return i;
}

static void registry_add(const rg_builtin_def *def)
{
    assert(registry_count < REGISTRY_MAX);
    size_t slot = registry_slot(def->name);
    /* Two tables defining one name is a programming error. */
    assert(registry_slots[slot] == NULL);
    registry_slots[slot] = def;
    registry_list[registry_count++] = def;
}

static void registry_build(void)
{
    for (size_t t = 0; registry_tables[t]; t++)
        for (const rg_builtin_def *d = registry_tables[t]; d->name; d++)
            registry_add(d);
}

const rg_builtin_def *rg_builtin_find(const char *name)
{
    pthread_once(&registry_once, registry_build);
    return registry_slots[registry_slot(name)];
}

const rg_builtin_def *const *rg_builtin_all(size_t *count)
{
    pthread_once(&registry_once, registry_build);
    *count = registry_count;
    return registry_list;
}

/* OPA's deprecated builtins, unavailable to Rego v1 modules. */
static const char *const registry_deprecated[] = {
    "all", "any", "cast_array", "cast_boolean", "cast_null",
    "cast_object", "cast_set", "cast_string", "net.cidr_overlap",
    "re_match", "set_diff"
};

bool rg_builtin_deprecated(const char *name)
{
    for (size_t i = 0; i < RG_ARRAY_LEN(registry_deprecated); i++)
        if (strcmp(registry_deprecated[i], name) == 0)
            return true;
    return false;
}
