/*
 * Digest builtins: crypto.md5, crypto.sha1, crypto.sha256, the
 * crypto.hmac.* family and crypto.hmac.equal (a constant-time compare).
 * Results are lowercase hex, as in OPA.  OpenSSL computes the digests.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "runtime/builtins/extargs.h"

static const rg_value *hex_value(rg_bctx *ctx, const unsigned char *d,
                                 unsigned n)
{
    static const char digits[] = "0123456789abcdef";
    char buf[2 * EVP_MAX_MD_SIZE];
    for (unsigned i = 0; i < n; i++) {
        buf[2 * i] = digits[d[i] >> 4];
        buf[2 * i + 1] = digits[d[i] & 15];
    }
    return rg_extargs_str(ctx, buf, 2 * (size_t)n);
}

static rg_bstatus digest(rg_bctx *ctx, const rg_value *arg, const EVP_MD *md,
                         const rg_value **out)
{
    const char *s;
    size_t len;
    if (rg_extargs_string(ctx, arg, 1, &s, &len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_Digest(s, len, d, &n, md, NULL);
    *out = hex_value(ctx, d, n);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_md5(rg_bctx *ctx, const rg_value *const *args,
                         size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return digest(ctx, args[0], EVP_md5(), out);
}

static rg_bstatus bi_sha1(rg_bctx *ctx, const rg_value *const *args,
                          size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return digest(ctx, args[0], EVP_sha1(), out);
}

static rg_bstatus bi_sha256(rg_bctx *ctx, const rg_value *const *args,
                            size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return digest(ctx, args[0], EVP_sha256(), out);
}

static rg_bstatus hmac(rg_bctx *ctx, const rg_value *const *args,
                       const EVP_MD *md, const rg_value **out)
{
    const char *msg, *key;
    size_t msg_len, key_len;
    if (rg_extargs_string(ctx, args[0], 1, &msg, &msg_len) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &key, &key_len) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    /* HMAC() needs a non-NULL key pointer even for an empty key. */
    HMAC(md, key_len ? key : "", (int)key_len, (const unsigned char *)msg,
         msg_len, d, &n);
    *out = hex_value(ctx, d, n);
    return RG_BUILTIN_OK;
}

static rg_bstatus bi_hmac_md5(rg_bctx *ctx, const rg_value *const *args,
                              size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return hmac(ctx, args, EVP_md5(), out);
}

static rg_bstatus bi_hmac_sha1(rg_bctx *ctx, const rg_value *const *args,
                               size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return hmac(ctx, args, EVP_sha1(), out);
}

static rg_bstatus bi_hmac_sha256(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return hmac(ctx, args, EVP_sha256(), out);
}

static rg_bstatus bi_hmac_sha512(rg_bctx *ctx, const rg_value *const *args,
                                 size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    return hmac(ctx, args, EVP_sha512(), out);
}

static rg_bstatus bi_hmac_equal(rg_bctx *ctx, const rg_value *const *args,
                                size_t nargs, const rg_value **out)
{
    RG_UNUSED(nargs);
    const char *a, *b;
    size_t alen, blen;
    if (rg_extargs_string(ctx, args[0], 1, &a, &alen) != RG_BUILTIN_OK ||
        rg_extargs_string(ctx, args[1], 2, &b, &blen) != RG_BUILTIN_OK)
        return RG_BUILTIN_ERROR;
    *out = rg_bool(alen == blen && CRYPTO_memcmp(a, b, alen) == 0);
    return RG_BUILTIN_OK;
}

const rg_builtin_def rg_builtins_crypto[] = {
    { "crypto.md5", 1, bi_md5, false, false },
    { "crypto.sha1", 1, bi_sha1, false, false },
    { "crypto.sha256", 1, bi_sha256, false, false },
    { "crypto.hmac.md5", 2, bi_hmac_md5, false, false },
    { "crypto.hmac.sha1", 2, bi_hmac_sha1, false, false },
    { "crypto.hmac.sha256", 2, bi_hmac_sha256, false, false },
    { "crypto.hmac.sha512", 2, bi_hmac_sha512, false, false },
    { "crypto.hmac.equal", 2, bi_hmac_equal, false, false },
    { NULL, 0, NULL, false, false },
};
