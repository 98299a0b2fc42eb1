/*
 * The Rego abstract syntax tree that parser/ builds and engine/ compiles.
 *
 * The tree follows the shape of OPA's AST (module, rules with heads and
 * bodies, expressions, terms), so OPA's rules about safety, scoping and
 * evaluation map onto it directly:
 *
 *   - An infix or prefix operator is a call: "x + y" is the call
 *     plus(x, y), "x = y" is eq(x, y), "x := y" is assign(x, y),
 *     "x == y" is equal(x, y), "x in xs" is internal.member_2(x, xs),
 *     "k, v in xs" is internal.member_3.  A minus sign before a number
 *     literal is part of the number ("-1"); OPA has no unary minus on
 *     other terms, so "-x" is a parse error.
 *     The operator of a call is a ref term: the builtin's name as a
 *     var-headed ref ("plus", "io.jwt.decode") or a ref to a function.
 *   - An expression is a term, a call, a "some" declaration or "every".
 *   - A rule's head is a ref ("p", "a.b[x].c") with optional args, key
 *     and value; the rule kind is derived once by the parser.
 *
 * Every node carries its position.  The whole tree of a module lives in
 * the module's arena and dies with rg_module_free.  Else branches and
 * v0's chained bodies share their head's ref, key and argument terms
 * with the first rule, so a pass that rewrites terms in place must copy
 * them first.
 */
#ifndef RG_AST_H
#define RG_AST_H

#include "runtime/arena.h"
#include "runtime/common.h"

typedef struct rg_loc {
    const char *file;   /* lives in the module's arena */
    uint32_t line;      /* 1-based */
    uint32_t col;       /* 1-based, in characters (code points), as
                           OPA counts columns */
    uint32_t offset;    /* byte offset of the node's first character */
    uint32_t length;    /* bytes of source the node spans */
} rg_loc;

typedef struct rg_term rg_term;
typedef struct rg_expr rg_expr;
typedef struct rg_rule rg_rule;

typedef struct rg_body {
    rg_expr **exprs;
    uint32_t count;
} rg_body;

typedef enum rg_term_kind {
    RG_TERM_NULL,
    RG_TERM_BOOLEAN,
    RG_TERM_NUMBER,
    RG_TERM_STRING,
    RG_TERM_VAR,
    RG_TERM_REF,
    RG_TERM_ARRAY,
    RG_TERM_OBJECT,
    RG_TERM_SET,
    RG_TERM_ARRAY_COMP,
    RG_TERM_SET_COMP,
    RG_TERM_OBJECT_COMP,
    RG_TERM_CALL,
    RG_TERM_TEMPLATE
} rg_term_kind;

/* One piece of a template string: literal text or an embedded
 * expression ("{expr}"). */
typedef struct rg_template_part {
    const char *text;   /* decoded literal bytes when expr is NULL */
    uint32_t len;
    rg_expr *expr;
} rg_template_part;

struct rg_term {
    rg_term_kind kind;
    rg_loc loc;
    union {
        bool boolean;
        struct {                /* the literal exactly as written */
            const char *text;   /* "12", "-3.5e10", "1e400" */
            uint32_t len;
        } number;
        struct {
            const char *bytes;  /* decoded, NUL-terminated */
            uint32_t len;
            bool raw;           /* written as `raw string` */
        } string;
        struct {
            const char *name;   /* NUL-terminated */
            uint32_t len;
            bool wildcard;      /* "_" as written; the parser renames
                                   each to a unique "$N" name */
        } var;
        struct {
            /* parts[0] is the head: a var, or for refs such as
             * f(x).y, [1,2][0], {"a":1}.a a call or composite term.
             * Later parts are the selectors: ".name" becomes a string
             * term, "[expr]" the term inside the brackets. */
            rg_term **parts;
            uint32_t count;
        } ref;
        struct {                /* array and set */
            rg_term **items;
            uint32_t count;
        } collection;
        struct {
            rg_term **keys;
            rg_term **values;
            uint32_t count;
        } object;
        struct {                /* comprehensions; key only for object */
            rg_term *key;
            rg_term *value;
            rg_body body;
        } comp;
        struct {
            /* args[0] is the operator (a ref term); args[1..] the
             * operands.  A call in a rule body with one operand more
             * than the function's arity binds its output there. */
            rg_term **args;
            uint32_t count;
        } call;
        struct {
            rg_template_part *parts;
            uint32_t count;
            bool multiline;     /* $`...` rather than $"..." */
        } template;
    } u;
};

typedef enum rg_expr_kind {
    RG_EXPR_TERM,       /* a lone term: "x", "input.ok", "f(x)" */
    RG_EXPR_CALL,       /* operator call: terms[0] operator, rest args */
    RG_EXPR_SOME,       /* "some x, y" */
    RG_EXPR_SOME_IN,    /* "some v in xs", "some k, v in xs" */
    RG_EXPR_EVERY,      /* "every k, v in xs { body }" */
    RG_EXPR_AND,        /* experimental "lhs and rhs" */
    RG_EXPR_OR,         /* experimental "lhs or rhs" */
    RG_EXPR_GROUP       /* experimental "{ body }" used as an operand of
                           and/or or after not: true when body is */
} rg_expr_kind;

/* "with target as value" */
typedef struct rg_with {
    rg_term *target;    /* a ref: input..., data..., or a function */
    rg_term *value;
    rg_loc loc;
} rg_with;

struct rg_expr {
    rg_expr_kind kind;
    rg_loc loc;
    bool negated;       /* "not expr" */
    uint32_t index;     /* position in its body, as written */
    rg_with **withs;
    uint32_t with_count;
    union {
        rg_term *term;                  /* RG_EXPR_TERM */
        struct {
            rg_term **terms;
            uint32_t count;
        } call;                         /* RG_EXPR_CALL */
        struct {
            rg_term **vars;
            uint32_t count;
        } some;                         /* RG_EXPR_SOME */
        struct {
            rg_term *key;               /* NULL unless "some k, v in" */
            rg_term *value;
            rg_term *domain;
        } some_in;                      /* RG_EXPR_SOME_IN */
        struct {
            rg_term *key;               /* NULL unless "every k, v in" */
            rg_term *value;
            rg_term *domain;
            rg_body body;
        } every;                        /* RG_EXPR_EVERY */
        struct {
            rg_expr *lhs;
            rg_expr *rhs;
        } logic;                        /* RG_EXPR_AND, RG_EXPR_OR */
        rg_body group;                  /* RG_EXPR_GROUP */
    } u;
};

typedef enum rg_rule_kind {
    RG_RULE_COMPLETE,       /* p := 1, p = 1 if ..., p if ... */
    RG_RULE_PARTIAL_SET,    /* p contains x if ..., v0: p[x] { ... } */
    RG_RULE_PARTIAL_OBJECT, /* p[k] := v if ..., a.b[x] := y */
    RG_RULE_FUNCTION,       /* f(x) := y if ... */
    RG_RULE_MULTI_VALUE     /* a.b[x].c contains y (general ref head) */
} rg_rule_kind;

typedef struct rg_head {
    rg_term *ref;       /* the rule's name: a ref, "p" or "a.b[x].c" */
    rg_term **args;     /* function arguments */
    uint32_t arg_count;
    rg_term *key;       /* partial set element or object key; or NULL */
    rg_term *value;     /* NULL when not written (implies true) */
    bool assign;        /* written with := */
    bool contains;      /* written with contains */
    rg_loc loc;
} rg_head;

/* A "# METADATA" comment block, kept verbatim and with its parsed
 * scope.  The YAML inside is decoded later, by whoever needs it. */
typedef struct rg_annotation {
    const char *yaml;   /* the block's text with the "# " prefixes cut */
    uint32_t len;
    const char *scope;  /* "rule", "document", "package", "subpackages";
                           NULL when not written */
    rg_rule *rule;      /* the rule it precedes; NULL for a package */
    rg_loc loc;
} rg_annotation;

struct rg_rule {
    rg_rule_kind kind;
    rg_head head;
    rg_body body;       /* a rule written without body gets "true" */
    bool is_default;
    bool body_written;  /* false for "p := 1" */
    bool if_written;    /* the "if" keyword preceded the body */
    rg_rule *else_rule; /* next in an else chain; NULL at the end */
    rg_annotation **annotations;
    uint32_t annotation_count;
    rg_loc loc;
};

typedef struct rg_import {
    rg_term *path;      /* a ref: data.x.y, input, future.keywords.in */
    const char *alias;  /* NULL when not written */
    rg_loc loc;
} rg_import;

typedef struct rg_comment {
    const char *text;   /* after the '#', not NUL-terminated */
    uint32_t len;
    rg_loc loc;
} rg_comment;

typedef enum rg_rego_version {
    RG_REGO_V0 = 0,
    RG_REGO_V1 = 1
} rg_rego_version;

typedef struct rg_module {
    const char *file;
    rg_rego_version version;    /* dialect the module was parsed with */
    bool v1_compatible;         /* a v0 module with "import rego.v1": the
                                   v1 rules and checks apply to it */
    rg_term *package;           /* a ref starting with data */
    rg_loc package_loc;
    rg_import **imports;
    uint32_t import_count;
    rg_rule **rules;            /* top-level rules in source order; else
                                   branches hang off rg_rule.else_rule */
    uint32_t rule_count;
    rg_annotation **annotations; /* every METADATA block, in order */
    uint32_t annotation_count;
    rg_comment *comments;
    uint32_t comment_count;
    rg_arena *arena;            /* owns the whole tree */
} rg_module;

#endif
