/*
 * JSON Web Key parsing into OpenSSL keys.  Key parameters are unpadded
 * base64url big-endian integers; EVP_PKEY_fromdata builds the keys.
 */
#include "runtime/builtins/jwk.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/json.h"

typedef struct jwk_ctx {
    rg_arena *arena;
    const rg_value *obj;
    const char **err;
} jwk_ctx;

static const char *field_str(const rg_value *obj, const char *key)
{
    const rg_value *v = rg_object_get_str(obj, key, strlen(key));
    return v && rg_value_kind(v) == RG_STRING ? rg_string_bytes(v) : NULL;
}

static bool field_bytes(jwk_ctx *c, const char *key, unsigned char **out,
                        size_t *len)
{
    const rg_value *v = rg_object_get_str(c->obj, key, strlen(key));
    size_t pos;
    if (!v || rg_value_kind(v) != RG_STRING)
        return false;
    if (!rg_b64_decode(c->arena, RG_B64_RAW_URL, rg_string_bytes(v),
                       rg_string_len(v), out, len, &pos)) {
        *c->err = rg_arena_printf(c->arena, "failed to decode %s: illegal "
                                  "base64 data at input byte %zu", key, pos);
        return false;
    }
    return true;
}

/* Push big-endian field key as the BIGNUM parameter name; false when it
 * is missing (and required). */
static bool push_bn(jwk_ctx *c, OSSL_PARAM_BLD *bld, const char *key,
                    const char *name, BIGNUM **keep)
{
    unsigned char *bytes;
    size_t len;
    if (!field_bytes(c, key, &bytes, &len))
        return false;
    *keep = BN_bin2bn(bytes, (int)len, NULL);
    return OSSL_PARAM_BLD_push_BN(bld, name, *keep) == 1;
}

static EVP_PKEY *from_params(const char *type, OSSL_PARAM_BLD *bld,
                             bool private_key)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    EVP_PKEY *key = NULL;
    if (pctx && params && EVP_PKEY_fromdata_init(pctx) == 1)
        EVP_PKEY_fromdata(pctx, &key, private_key ? EVP_PKEY_KEYPAIR
                                                  : EVP_PKEY_PUBLIC_KEY,
                          params);
    EVP_PKEY_CTX_free(pctx);
    OSSL_PARAM_free(params);
    return key;
}

static EVP_PKEY *rsa_key(jwk_ctx *c)
{
    static const char *const priv[][2] = {
        { "d", OSSL_PKEY_PARAM_RSA_D },
        { "p", OSSL_PKEY_PARAM_RSA_FACTOR1 },
        { "q", OSSL_PKEY_PARAM_RSA_FACTOR2 },
        { "dp", OSSL_PKEY_PARAM_RSA_EXPONENT1 },
        { "dq", OSSL_PKEY_PARAM_RSA_EXPONENT2 },
        { "qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
    };
    BIGNUM *bns[8] = { 0 };
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    EVP_PKEY *key = NULL;
    bool ok = push_bn(c, bld, "n", OSSL_PKEY_PARAM_RSA_N, &bns[0]) &&
              push_bn(c, bld, "e", OSSL_PKEY_PARAM_RSA_E, &bns[1]);
    bool private_key = ok && field_str(c->obj, "d") != NULL;
    for (size_t i = 0; private_key && i < RG_ARRAY_LEN(priv); i++)
        if (field_str(c->obj, priv[i][0]))
            push_bn(c, bld, priv[i][0], priv[i][1], &bns[2 + i]);
    if (ok)
        key = from_params("RSA", bld, private_key);
    OSSL_PARAM_BLD_free(bld);
    for (size_t i = 0; i < RG_ARRAY_LEN(bns); i++)
        BN_free(bns[i]);
    return key;
}

static const char *group_of(const char *crv, size_t *width)
{
    if (crv && strcmp(crv, "P-256") == 0) {
        *width = 32;
        return "prime256v1";
    }
    if (crv && strcmp(crv, "P-384") == 0) {
        *width = 48;
        return "secp384r1";
    }
    if (crv && strcmp(crv, "P-521") == 0) {
        *width = 66;
        return "secp521r1";
    }
    return NULL;
}

static EVP_PKEY *ec_key(jwk_ctx *c)
{
    size_t width, xl, yl;
    const char *group = group_of(field_str(c->obj, "crv"), &width);
    unsigned char *x, *y;
    if (!group || !field_bytes(c, "x", &x, &xl) ||
        !field_bytes(c, "y", &y, &yl) || xl > width || yl > width)
        return NULL;
    /* Uncompressed point: 0x04, X, Y, each padded to the field width. */
    unsigned char *point = rg_arena_calloc(c->arena, 1, 2 * width + 1);
    point[0] = 4;
    memcpy(point + 1 + width - xl, x, xl);
    memcpy(point + 1 + 2 * width - yl, y, yl);
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point,
                                     2 * width + 1);
    BIGNUM *d = NULL;
    bool private_key = field_str(c->obj, "d") != NULL &&
                       push_bn(c, bld, "d", OSSL_PKEY_PARAM_PRIV_KEY, &d);
    EVP_PKEY *key = from_params("EC", bld, private_key);
    OSSL_PARAM_BLD_free(bld);
    BN_free(d);
    return key;
}

static EVP_PKEY *okp_key(jwk_ctx *c)
{
    const char *crv = field_str(c->obj, "crv");
    unsigned char *x, *d;
    size_t xl, dl;
    if (!crv || strcmp(crv, "Ed25519") != 0)
        return NULL;
    if (field_str(c->obj, "d") && field_bytes(c, "d", &d, &dl))
        return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, d, dl);
    if (!field_bytes(c, "x", &x, &xl))
        return NULL;
    return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, x, xl);
}

static bool parse_one(jwk_ctx *c, rg_jwk *k)
{
    memset(k, 0, sizeof *k);
    const char *kty = field_str(c->obj, "kty");
    const char *alg = field_str(c->obj, "alg");
    const char *kid = field_str(c->obj, "kid");
    k->alg = alg ? alg : "";
    k->kid = kid ? kid : "";
    if (!kty) {
        *c->err = "invalid key type from JSON ()";
        return false;
    }
    if (strcmp(kty, "oct") == 0) {
        if (!field_bytes(c, "k", &k->secret, &k->secret_len))
            k->secret = (unsigned char *)"";
        return true;
    }
    if (strcmp(kty, "RSA") == 0)
        k->pkey = rsa_key(c);
    else if (strcmp(kty, "EC") == 0)
        k->pkey = ec_key(c);
    else if (strcmp(kty, "OKP") == 0)
        k->pkey = okp_key(c);
    if (!k->pkey && !*c->err)
        *c->err = rg_arena_printf(c->arena, "invalid %s key", kty);
    return k->pkey != NULL;
}

void rg_jwk_set_free(rg_jwk_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        EVP_PKEY_free(set->keys[i].pkey);
    free(set->keys);
    set->keys = NULL;
    set->count = 0;
}

void rg_jwk_set_add(rg_jwk_set *set, EVP_PKEY *pkey)
{
    set->keys = rg_xrealloc(set->keys, (set->count + 1) * sizeof *set->keys);
    memset(&set->keys[set->count], 0, sizeof *set->keys);
    set->keys[set->count].pkey = pkey;
    set->keys[set->count].alg = "";
    set->keys[set->count].kid = "";
    set->count++;
}

bool rg_jwk_parse(rg_arena *arena, const char *text, size_t len,
                  rg_jwk_set *set, const char **err)
{
    rg_errors errs;
    rg_errors_init(&errs);
    const rg_value *doc = rg_json_parse(arena, text, len, NULL, NULL, &errs);
    rg_errors_free(&errs);
    set->keys = NULL;
    set->count = 0;
    *err = NULL;
    if (!doc || rg_value_kind(doc) != RG_OBJECT) {
        *err = "failed to unmarshal JSON into key set";
        return false;
    }
    const rg_value *keys = rg_object_get_str(doc, "keys", 4);
    size_t n = keys && rg_value_kind(keys) == RG_ARRAY ? rg_len(keys) : 1;
    set->keys = rg_xcalloc(n + 1, sizeof *set->keys);
    for (size_t i = 0; i < n; i++) {
        jwk_ctx c = { arena, keys ? rg_array_at(keys, i) : doc, err };
        if (rg_value_kind(c.obj) != RG_OBJECT ||
            !parse_one(&c, &set->keys[set->count])) {
            if (!*err)
                *err = "invalid key in set";
            rg_jwk_set_free(set);
            return false;
        }
        set->count++;
    }
    return true;
}
