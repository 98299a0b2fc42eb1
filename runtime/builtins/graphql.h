/*
 * GraphQL documents as OPA's graphql builtins see them: parsing query
 * and schema documents into values shaped like the gqlparser library's
 * AST after OPA's pruning (no positions, no null or empty members), and
 * validating schemas and queries.
 */
#ifndef RG_GRAPHQL_H
#define RG_GRAPHQL_H

#include "runtime/value.h"

/* Parse a query document.  Returns the AST object, or NULL with
 * "MESSAGE in GraphQL string at location L:C" at *err (in arena). */
const rg_value *rg_graphql_parse_query(rg_arena *arena, const char *src,
                                       size_t len, const char **err);

/* Parse a schema document, the same way. */
const rg_value *rg_graphql_parse_schema(rg_arena *arena, const char *src,
                                        size_t len, const char **err);

/* v without the "Position" members the parser records (as OPA prunes
 * gqlparser's positions).  Lives in arena. */
const rg_value *rg_graphql_strip_positions(rg_arena *arena, const rg_value *v);

/* Check a parsed schema document (merged with the built-in scalars and
 * directives).  Returns NULL when valid, else a message in arena. */
const char *rg_graphql_check_schema(rg_arena *arena, const rg_value *schema);

/* Check a parsed query against a parsed, valid schema.  Returns NULL
 * when valid, else "MESSAGE in GraphQL query string at location L:C". */
const char *rg_graphql_check_query(rg_arena *arena, const rg_value *schema,
                                   const rg_value *query);

/* Check the rules that need no schema (unique names, lone anonymous
 * operation, used fragments).  Returns NULL or an error with location. */
const char *rg_graphql_check_document(rg_arena *arena, const rg_value *doc);

/* "MESSAGE in GraphQL string at location L:C" for a parsed node (0:0
 * when the node has no recorded position).  Lives in arena. */
const char *rg_graphql_error_at(rg_arena *arena, const rg_value *node,
                                const char *message);

#endif
