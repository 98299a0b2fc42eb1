/*
 * The subset of Go's text/template that strings.render_template
 * supports, shared by the parser (template_parse.c) and the executor
 * (template_exec.c).
 *
 * Supported: text; {{pipeline}} actions with {{- and -}} trimming;
 * comment actions; {{if}} / {{else if}} / {{else}} / {{end}};
 * {{range}} over arrays, sets and objects, with "$i, $v :=" and
 * {{else}}; {{with}}; variables ($x := ..., $x = ..., $); fields
 * (.a.b, $x.a); string, number, boolean and nil literals; parenthesised
 * pipelines; "|" chaining; and the functions and, or, not, len, index,
 * eq, ne, lt, le, gt, ge, print, println, printf, html, js and urlquery.
 * Not supported: define, template, block, break, continue, methods and
 * the call and slice functions.
 *
 * Values print as Go prints the JSON-decoded variables: numbers as
 * float64 (%v), arrays as [a b], objects as map[k:v], null as <nil>; a
 * missing object key prints <undefined>.
 */
#ifndef RG_TEMPLATE_H
#define RG_TEMPLATE_H

#include "runtime/builtins/strbuf.h"
#include "runtime/value.h"

/* Deepest nesting of blocks and parentheses a template may use. */
#define RG_TEMPLATE_MAX_DEPTH 100

typedef enum rg_tpl_kind {
    RG_TPL_TEXT,        /* text */
    RG_TPL_PRINT,       /* pipe */
    RG_TPL_IF,          /* pipe, body, alt */
    RG_TPL_RANGE,       /* pipe, body, alt */
    RG_TPL_WITH         /* pipe, body, alt */
} rg_tpl_kind;

typedef enum rg_tpl_arg_kind {
    RG_TPL_ARG_FIELD,   /* dot or variable, then field names */
    RG_TPL_ARG_LITERAL, /* literal value */
    RG_TPL_ARG_FUNC,    /* function name */
    RG_TPL_ARG_PIPE     /* parenthesised pipeline */
} rg_tpl_arg_kind;

typedef struct rg_tpl_pipe rg_tpl_pipe;

typedef struct rg_tpl_arg {
    rg_tpl_arg_kind kind;
    const char *var;            /* FIELD: variable name, NULL for dot */
    const char **fields;        /* FIELD: names after it */
    size_t nfields;
    const rg_value *literal;    /* LITERAL */
    const char *func;           /* FUNC */
    rg_tpl_pipe *pipe;          /* PIPE */
} rg_tpl_arg;

typedef struct rg_tpl_cmd {
    rg_tpl_arg *args;
    size_t nargs;
} rg_tpl_cmd;

struct rg_tpl_pipe {
    const char *decl[2];        /* variables declared or assigned */
    size_t ndecl;
    bool assign;                /* "=" rather than ":=" */
    rg_tpl_cmd *cmds;
    size_t ncmds;
};

typedef struct rg_tpl_node rg_tpl_node;

struct rg_tpl_node {
    rg_tpl_kind kind;
    const char *text;
    size_t text_len;
    rg_tpl_pipe *pipe;
    rg_tpl_node *body;          /* first node of the block */
    rg_tpl_node *alt;           /* first node of the else branch */
    rg_tpl_node *next;
};

/* Parse tpl into nodes living in arena.  Returns true with *root set
 * (NULL for an empty template), or false with a Go-style message in
 * *err. */
bool rg_template_parse(rg_arena *arena, const char *tpl, size_t len,
                       rg_tpl_node **root, const char **err);

/* Execute the nodes with dot as the data, appending to out.  Returns
 * true, or false with a message in *err. */
bool rg_template_exec(rg_strbuf *out, const rg_tpl_node *root,
                      const rg_value *dot, const char **err);

#endif
