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

uint32_t rg_rid_path_hash(const char *path)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

const char *rg_rid_file_format(rg_arena *arena, uint32_t path_hash,
                               const char *plain_id)
{
    return rg_arena_printf(arena, "path=%u/api=%s", (unsigned)path_hash,
                           plain_id);
}

const char *rg_rid_plain(const char *id)
{
    if (strncmp(id, "path=", 5) != 0)
        return id;
    const char *api = strstr(id, "/api=");
    return api ? api + 5 : id;
}
