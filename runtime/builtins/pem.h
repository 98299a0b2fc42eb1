/*
 * PEM blocks ("-----BEGIN TYPE-----" ... "-----END TYPE-----"), found and
 * decoded as Go's encoding/pem does, headers skipped.
 */
#ifndef RG_PEM_H
#define RG_PEM_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/arena.h"

typedef struct rg_pem_block {
    const char *type;           /* NUL-terminated, in the arena */
    unsigned char *der;         /* decoded body, in the arena */
    size_t der_len;
} rg_pem_block;

/* Find and decode the first PEM block in data[0..len).  Returns true and
 * sets *rest to the offset after its END line; false when there is none
 * (*rest is then 0). */
bool rg_pem_next(rg_arena *arena, const char *data, size_t len,
                 rg_pem_block *block, size_t *rest);

#endif
