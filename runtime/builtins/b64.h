/*
 * Base64 with Go's encoding/base64 rules: standard and URL alphabets,
 * padded and raw forms, '\r' and '\n' skipped while decoding, and Go's
 * error text "illegal base64 data at input byte N".
 */
#ifndef RG_B64_H
#define RG_B64_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/arena.h"

typedef enum rg_b64_kind {
    RG_B64_STD,         /* + / with '=' padding */
    RG_B64_RAW_STD,     /* + / without padding */
    RG_B64_URL,         /* - _ with '=' padding */
    RG_B64_RAW_URL      /* - _ without padding */
} rg_b64_kind;

/* Decode in[0..len) into a buffer in arena (*out, *out_len, with a NUL
 * after the bytes).  On failure returns false and sets *err_pos to the
 * byte offset Go reports. */
bool rg_b64_decode(rg_arena *arena, rg_b64_kind kind, const char *in,
                   size_t len, unsigned char **out, size_t *out_len,
                   size_t *err_pos);

/* Encode in[0..len); returns a NUL-terminated string in arena. */
char *rg_b64_encode(rg_arena *arena, rg_b64_kind kind,
                    const unsigned char *in, size_t len);

#endif
