/*
 * Request objects of http.send and providers.aws.sign_req: the keys OPA
 * allows and requires, checked with OPA's error texts.
 */
#ifndef RG_HTTPREQ_H
#define RG_HTTPREQ_H

#include "runtime/builtin.h"

/* Check that req (operand pos) is an object whose keys are all allowed
 * and include "method" and "url"; errors are
 * "operand POS invalid request parameters(s): {...}" and
 * "operand POS missing required request parameters(s): {...}". */
rg_bstatus rg_httpreq_validate(rg_bctx *ctx, const rg_value *req, int pos);

/* The string under key, or NULL when absent or not a string. */
const char *rg_httpreq_string(const rg_value *obj, const char *key);

#endif
