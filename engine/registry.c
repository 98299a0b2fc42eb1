/*
 * Builtin lookup for the compiler: one index space over the engine's
 * registered builtins, the builtins the engine implements itself
 * (engine/builtins_engine.c, then engine/builtins_internal.c) and the
 * library's (runtime/builtins/).  Index order: library first, then
 * the engine's own, then registered ones; lookup by name prefers
 * registered, then the engine's, then the library's.
 */
#include "engine/internal.h"
#include "engine/builtins_engine.h"
#include "engine/builtins_internal.h"
#include "engine/xform.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static const rg_builtin_def *const *library(size_t *count)
{
    return rg_builtin_all(count);
}

/* The engine's own builtins: both tables as one list of *count. */
static size_t own_count(void)
{
    size_t nengine, ninternal;
    rg_engine_builtins(&nengine);
    rg_internal_builtins(&ninternal);
    return nengine + ninternal;
}

static const rg_builtin_def *own_at(size_t i)
{
    size_t nengine, ninternal;
    const rg_builtin_def *engine = rg_engine_builtins(&nengine);
    const rg_builtin_def *internal = rg_internal_builtins(&ninternal);
    assert(i < nengine + ninternal);
    return i < nengine ? &engine[i] : &internal[i - nengine];
}

int32_t rg_engine_builtin_index(const rg_engine *engine, const char *name)
{
    size_t nlib, nown = own_count();
    const rg_builtin_def *const *lib = library(&nlib);
    for (size_t i = engine->ncustom; i-- > 0;)
        if (strcmp(engine->custom[i]->name, name) == 0)
            return (int32_t)(nlib + nown + i);
    for (size_t i = 0; i < nown; i++)
        if (strcmp(own_at(i)->name, name) == 0)
            return (int32_t)(nlib + i);
    for (size_t i = 0; i < nlib; i++)
        if (strcmp(lib[i]->name, name) == 0)
            return (int32_t)i;
    return -1;
}

const rg_builtin_def *rg_engine_builtin_at(const rg_engine *engine,
                                           int32_t index)
{
    size_t nlib, nown = own_count();
    const rg_builtin_def *const *lib = library(&nlib);
    size_t i = (size_t)index;
    if (i < nlib)
        return lib[i];
    if (i < nlib + nown)
        return own_at(i - nlib);
    return engine->custom[i - nlib - nown];
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **rg_engine_builtin_names(rg_arena *arena, size_t *count)
{
    size_t nlib, nown = own_count(), nlow = 0;
    const rg_builtin_def *const *lib = library(&nlib);
    while (rg_lower_call_name(nlow))
        nlow++;
    const char **names = rg_arena_calloc(arena, nlib + nown + nlow,
                                         sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < nlib; i++)
        names[n++] = lib[i]->name;
    for (size_t i = 0; i < nown; i++)
        names[n++] = own_at(i)->name;
    for (size_t i = 0; i < nlow; i++)
        names[n++] = rg_lower_call_name(i);
    qsort(names, n, sizeof *names, compare_names);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || strcmp(names[kept - 1], names[i]) != 0)
            names[kept++] = names[i];
    *count = kept;
    return names;
}
