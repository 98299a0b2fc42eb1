/*
 * Kubernetes resource identifiers; see k8s/rid.h.
 */
#include "k8s/rid.h"

#include <string.h>

void rg_rid_split_api_version(rg_arena *arena, const char *api_version,
                              const char **group, const char **version)
{
    const char *av = api_version ? api_version : "";
    const char *slash = strchr(av, '/');
    if (slash == NULL) {
        *group = rg_arena_strdup(arena, "");
        *version = rg_arena_strdup(arena, av);
        return;
    }
    *group = rg_arena_strndup(arena, av, (size_t)(slash - av));
    *version = rg_arena_strdup(arena, slash + 1);
}

const char *rg_rid_format(rg_arena *arena, const char *api_version,
                          const char *namespace_, const char *kind,
                          const char *name)
{
    const char *group, *version;
    rg_rid_split_api_version(arena, api_version, &group, &version);
    return rg_arena_printf(arena, "%s/%s/%s/%s/%s", group, version,
                           namespace_ ? namespace_ : "", kind ? kind : "",
                           name ? name : "");
}
