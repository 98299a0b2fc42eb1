/*
 * JSON Schema (drafts 4, 6 and 7) as OPA's gojsonschema-based builtins
 * check and apply it: schema checking with gojsonschema's messages, and
 * validation producing errors with a type, a field path and a
 * description.
 *
 * These keywords are supported: type, enum, const, properties, required,
 * additionalProperties, patternProperties, propertyNames,
 * minProperties, maxProperties, dependencies, items, additionalItems,
 * minItems, maxItems, uniqueItems, contains, minLength, maxLength,
 * pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum (draft 4
 * booleans and draft 6 numbers), multipleOf, allOf, anyOf, oneOf, not,
 * if/then/else, definitions and local $ref ("#", "#/..."), boolean
 * schemas, and "format" for date-time, date, time, email, hostname,
 * ipv4, ipv6, uri, uri-reference, uuid and regex (other formats pass).
 * Not supported: remote or file $ref, and $id-based resolution.
 */
#ifndef RG_JSONSCHEMA_H
#define RG_JSONSCHEMA_H

#include "runtime/value.h"

/* Check schema; returns NULL when it is valid, else gojsonschema's
 * message in arena. */
const char *rg_jsonschema_check(rg_arena *arena, const rg_value *schema);

/* Validate doc against a checked schema.  Returns an array (in arena) of
 * error objects {"error", "type", "field", "desc"}; empty when valid. */
const rg_value *rg_jsonschema_validate(rg_arena *arena, const rg_value *schema,
                                       const rg_value *doc);

/* Whether v satisfies "format" (true for unknown formats and for
 * non-string values). */
bool rg_jsonschema_format_ok(rg_arena *arena, const char *format,
                             const rg_value *v);

#endif
