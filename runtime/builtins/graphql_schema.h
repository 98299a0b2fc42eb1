/*
 * A GraphQL schema index built from a parsed schema document merged with
 * the built-in scalars and directives: types with their extensions
 * folded in, directive definitions, and the root operation types.
 */
#ifndef RG_GRAPHQL_SCHEMA_H
#define RG_GRAPHQL_SCHEMA_H

#include "runtime/value.h"

typedef struct rg_gql_type {
    const char *name;
    const char *kind;           /* "OBJECT", "SCALAR", ... */
    const rg_value **fields;    /* field or input value definitions */
    size_t nfields;
    const char **interfaces;
    size_t ninterfaces;
    const char **members;       /* union member names */
    size_t nmembers;
    const char **values;        /* enum value names */
    size_t nvalues;
    const rg_value **directives;
    size_t ndirectives;
    bool builtin;
} rg_gql_type;

typedef struct rg_gql_schema {
    rg_gql_type *types;         /* in the arena */
    size_t ntypes, cap;
    const rg_value **directives;    /* directive definitions */
    size_t ndirectives, dcap;
    const char *roots[3];       /* query, mutation, subscription or NULL */
} rg_gql_schema;

/* Build the index of doc into s (memory in arena).  Returns NULL, or the
 * first validation error's message. */
const char *rg_graphql_schema_build(rg_arena *arena, const rg_value *doc,
                                    rg_gql_schema *s);

const rg_gql_type *rg_graphql_schema_type(const rg_gql_schema *s,
                                          const char *name);
const rg_value *rg_graphql_schema_directive(const rg_gql_schema *s,
                                            const char *name);

/* The named type at the bottom of a Type node ({"NamedType", "Elem"}). */
const char *rg_graphql_schema_named(const rg_value *type);

/* A member string of an AST object, or "" when absent. */
const char *rg_graphql_str(const rg_value *obj, const char *key);
/* A member of an AST object, or NULL. */
const rg_value *rg_graphql_get(const rg_value *obj, const char *key);

/* Check a literal value against an input type of s.  Returns NULL, or a
 * message (in arena) without location.  Variables are not checked. */
const char *rg_graphql_check_value(rg_arena *arena, const rg_gql_schema *s,
                                   const rg_value *type,
                                   const rg_value *value);

#endif
