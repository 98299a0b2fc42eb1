/*
 * Validation of http.send request objects.
 */
#include "runtime/builtins/httpreq.h"

#include <string.h>

#include "runtime/builtins/extargs.h"
#include "runtime/builtins/format.h"

static const char *const allowed_keys[] = {
    "method", "url", "body", "enable_redirect", "force_json_decode",
    "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs",
    "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable",
    "tls_client_cert", "tls_client_cert_file",
    "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
    "tls_client_key_env_variable", "tls_insecure_skip_verify",
    "tls_server_name", "timeout", "cache", "force_cache",
    "force_cache_duration_seconds", "raise_error", "caching_mode",
    "max_retry_attempts", "cache_ignored_headers",
};

static bool is_allowed(const rg_value *key)
{
    if (rg_value_kind(key) != RG_STRING)
        return false;
    for (size_t i = 0; i < RG_ARRAY_LEN(allowed_keys); i++)
        if (strcmp(allowed_keys[i], rg_string_bytes(key)) == 0)
            return true;
    return false;
}

rg_bstatus rg_httpreq_validate(rg_bctx *ctx, const rg_value *req, int pos)
{
    if (rg_extargs_kind(ctx, req, pos, RG_OBJECT) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    rg_arena *arena = rg_bctx_arena(ctx);
    rg_builder *invalid = rg_set_builder(arena, 0);
    for (size_t i = 0; i < rg_len(req); i++)
        if (!is_allowed(rg_object_key_at(req, i)))
            rg_builder_add(invalid, rg_object_key_at(req, i));
    const rg_value *bad = rg_builder_finish(invalid);
    if (rg_len(bad))
        return rg_extargs_operand_error(ctx, pos, "invalid request "
                                        "parameters(s): %s",
                                        rg_format_text(arena, bad));
    rg_builder *missing = rg_set_builder(arena, 2);
    static const char *const required[] = { "method", "url" };
    for (size_t i = 0; i < 2; i++)
        if (!rg_object_get_str(req, required[i], strlen(required[i])))
            rg_builder_add(missing, rg_cstring(arena, required[i]));
    const rg_value *miss = rg_builder_finish(missing);
    if (rg_len(miss))
        return rg_extargs_operand_error(ctx, pos, "missing required request "
                                        "parameters(s): %s",
                                        rg_format_text(arena, miss));
    return RG_BUILTIN_OK;
}

const char *rg_httpreq_string(const rg_value *obj, const char *key)
{
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : NULL;
}
