/*
 * Terms: scalars, vars, refs, calls, infix operators with OPA's
 * precedence, arrays, sets, objects and their comprehensions.  Template
 * strings are in parser/parse_template.c.
 *
 * Precedence, loosest first: "in" (with "k, v in xs"), then == != < >
 * <= >=, then | (union), then & (intersection), then + -, then * / %.
 * All are left-associative.  A ref or call must follow its head with no
 * whitespace: "f (x)" is not a call.
 */
#include "parser/parse_internal.h"

#include <string.h>

static rg_term *finish_term(rg_parser *p, rg_term *t);

rg_term *rg_parse_term_var(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    rg_term *t;
    if (rg_pstate_text_is(p, "_"))
        t = rg_ast_wildcard(p, loc);
    else
        t = rg_ast_var_len(p, rg_pstate_text(p), rg_token_len(&p->lx.tok),
                           loc);
    rg_pstate_next(p);
    return t;
}

bool rg_parse_term_keyword_ref(rg_parser *p)
{
    const rg_lexer *lx = &p->lx;
    if (!rg_tok_is_keyword(lx->tok.kind) || lx->pos >= lx->len)
        return false;
    char c = lx->src[lx->pos];
    if (c != '.' && c != '[')
        return false;
    p->lx.tok.kind = RG_TOK_IDENT;
    return true;
}

static rg_term *parse_number(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    char prefix[2];
    uint32_t plen = 0;
    if (rg_pstate_tok(p) == RG_TOK_MINUS) {
        prefix[plen++] = '-';
        rg_pstate_next(p);
        if (rg_pstate_tok(p) != RG_TOK_NUMBER &&
            rg_pstate_tok(p) != RG_TOK_DOT) {
            rg_pstate_illegal(p, "expected number");
            return NULL;
        }
    }
    if (rg_pstate_tok(p) == RG_TOK_DOT) {
        prefix[plen++] = '.';
        rg_pstate_next(p);
        if (rg_pstate_tok(p) != RG_TOK_NUMBER) {
            rg_pstate_illegal(p, "expected number");
            return NULL;
        }
    }
    const rg_token *t = &p->lx.tok;
    uint32_t n = rg_token_len(t);
    char *text = rg_arena_alloc(p->arena, plen + n + 1);
    memcpy(text, prefix, plen);
    memcpy(text + plen, p->lx.src + t->start, n);
    text[plen + n] = '\0';
    if (!rg_parse_string_number(p, text, plen + n))
        return NULL;
    rg_term *term = rg_ast_term(p, RG_TERM_NUMBER, loc);
    term->u.number.text = text;
    term->u.number.len = plen + n;
    rg_pstate_next(p);
    rg_pstate_close(p, &term->loc);
    return term;
}

static rg_term *parse_string(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    const char *s;
    uint32_t len;
    bool raw = p->lx.tok.raw;
    if (!rg_parse_string_token(p, &s, &len))
        return NULL;
    rg_term *t = rg_ast_string(p, s, len, loc);
    t->u.string.raw = raw;
    rg_pstate_next(p);
    return t;
}

/* Items up to end, each an infix term (no "k, v in"): call arguments,
 * array, set items.  Pushes them on the scratch stack. */
static bool parse_term_list(rg_parser *p, rg_tok end)
{
    if (rg_pstate_tok(p) == end)
        return true;
    for (;;) {
        rg_term *t = rg_parse_term_infix(p, false);
        if (t == NULL)
            return false;
        rg_pstate_push(p, t);
        if (rg_pstate_tok(p) == end)
            return true;
        if (rg_pstate_tok(p) != RG_TOK_COMMA) {
            rg_pstate_illegal(p, "expected \",\" or \"%s\"",
                              rg_tok_name(end));
            return false;
        }
        rg_pstate_next(p);
        if (rg_pstate_tok(p) == end)
            return true;
    }
}

static bool is_set_constructor(const rg_term *op)
{
    return op->kind == RG_TERM_REF && op->u.ref.count == 1 &&
           strcmp(op->u.ref.parts[0]->u.var.name, "set") == 0;
}

/* A call of op; the current token is "(". */
static rg_term *parse_call(rg_parser *p, rg_term *op)
{
    rg_loc loc = op->loc;
    rg_pstate_next(p);
    if (rg_pstate_tok(p) == RG_TOK_RPAREN) {
        rg_pstate_next(p);
        rg_term *t;
        if (is_set_constructor(op)) {
            t = rg_ast_term(p, RG_TERM_SET, loc);
        } else {
            rg_term **args = rg_arena_alloc(p->arena, sizeof(rg_term *));
            args[0] = op;
            t = rg_ast_call(p, args, 1, loc);
        }
        rg_pstate_close(p, &t->loc);
        return t;
    }
    size_t base = p->top;
    rg_pstate_push(p, op);
    if (!parse_term_list(p, RG_TOK_RPAREN)) {
        p->top = base;
        return NULL;
    }
    rg_pstate_next(p);
    uint32_t count;
    rg_term **args = (rg_term **)rg_pstate_pop(p, base, &count);
    rg_term *t = rg_ast_call(p, args, count, loc);
    rg_pstate_close(p, &t->loc);
    return t;
}

static bool valid_ref_head(const rg_term *t)
{
    switch (t->kind) {
    case RG_TERM_VAR: case RG_TERM_ARRAY: case RG_TERM_OBJECT:
    case RG_TERM_SET: case RG_TERM_ARRAY_COMP: case RG_TERM_SET_COMP:
    case RG_TERM_OBJECT_COMP: case RG_TERM_CALL:
        return true;
    default:
        return false;
    }
}

/* ".name" selector: the current token is the dot. */
static rg_term *parse_dot_part(rg_parser *p)
{
    uint32_t line = p->lx.tok.line;
    uint32_t col = p->lx.tok.col;
    rg_pstate_next(p);
    if (p->lx.tok.ws_before) {
        rg_pstate_error_at(p, line, col + 1, "unexpected whitespace token: "
                           "expected identifier");
        return NULL;
    }
    rg_tok k = rg_pstate_tok(p);
    if (k != RG_TOK_IDENT && !rg_tok_is_keyword(k)) {
        rg_pstate_illegal(p, "expected identifier");
        return NULL;
    }
    const rg_token *t = &p->lx.tok;
    rg_term *s = rg_ast_string(p, rg_pstate_text(p), rg_token_len(t),
                               rg_pstate_loc(p));
    rg_pstate_next(p);
    return s;
}

/* "[expr]" selector: the current token is "[". */
static rg_term *parse_bracket_part(rg_parser *p)
{
    rg_pstate_next(p);
    rg_term *t = rg_parse_term_infix(p, true);
    if (t == NULL)
        return NULL;
    if (rg_pstate_tok(p) != RG_TOK_RBRACK) {
        rg_pstate_illegal(p, "expected ]");
        return NULL;
    }
    rg_pstate_next(p);
    return t;
}

static bool is_selector(const rg_parser *p)
{
    rg_tok k = rg_pstate_tok(p);
    return k == RG_TOK_DOT || k == RG_TOK_LBRACK || k == RG_TOK_LPAREN;
}

static bool continues_ref(const rg_parser *p)
{
    rg_tok k = rg_pstate_tok(p);
    return !p->lx.tok.ws_before &&
           (k == RG_TOK_DOT || k == RG_TOK_LBRACK || k == RG_TOK_LPAREN);
}

/* The ref of the parts above base, popped from the scratch stack. */
static rg_term *pop_ref(rg_parser *p, size_t base, rg_loc loc)
{
    uint32_t count;
    rg_term **parts = (rg_term **)rg_pstate_pop(p, base, &count);
    rg_term *ref = rg_ast_ref(p, parts, count, loc);
    rg_pstate_close(p, &ref->loc);
    return ref;
}

/* A call of the ref so far, and any selectors after it: "f(x).y". */
static rg_term *parse_ref_call(rg_parser *p, size_t base, rg_loc loc)
{
    rg_term *result = parse_call(p, pop_ref(p, base, loc));
    if (result && continues_ref(p) && rg_pstate_tok(p) != RG_TOK_LPAREN)
        result = rg_parse_term_ref(p, result, false);
    return result;
}

rg_term *rg_parse_term_ref(rg_parser *p, rg_term *head, bool gap_ok)
{
    if (!rg_pstate_enter(p))
        return NULL;
    rg_loc loc = head->loc;
    if (!valid_ref_head(head))
        rg_pstate_error_at(p, loc.line, loc.col,
                           "illegal ref (head cannot be %s)",
                           rg_ast_value_name(head));
    size_t base = p->top;
    rg_pstate_push(p, head);
    rg_term *result = NULL;
    for (bool first = true;; first = false) {
        bool selector = first && gap_ok ? is_selector(p) : continues_ref(p);
        if (!selector) {
            result = pop_ref(p, base, loc);
            break;
        }
        if (rg_pstate_tok(p) == RG_TOK_LPAREN) {
            result = parse_ref_call(p, base, loc);
            break;
        }
        rg_term *part = rg_pstate_tok(p) == RG_TOK_DOT
                            ? parse_dot_part(p) : parse_bracket_part(p);
        if (part == NULL) {
            p->top = base;
            break;
        }
        rg_pstate_push(p, part);
    }
    rg_pstate_leave(p);
    return result;
}

static bool is_root_document(const rg_term *t)
{
    if (t->kind != RG_TERM_VAR)
        return false;
    const char *name = t->u.var.name;
    return (t->u.var.len == 4 && memcmp(name, "data", 4) == 0) ||
           (t->u.var.len == 5 && memcmp(name, "input", 5) == 0);
}

static rg_term *finish_term(rg_parser *p, rg_term *t)
{
    if (t == NULL)
        return NULL;
    if (continues_ref(p))
        return rg_parse_term_ref(p, t, false);
    if (is_root_document(t))
        return rg_ast_ref(p, &t, 1, t->loc);
    return t;
}

static rg_term *make_collection(rg_parser *p, rg_term_kind kind,
                                size_t base, rg_loc loc)
{
    rg_term *t = rg_ast_term(p, kind, loc);
    t->u.collection.items = (rg_term **)rg_pstate_pop(
        p, base, &t->u.collection.count);
    return t;
}

static rg_term *make_comprehension(rg_parser *p, rg_term_kind kind,
                                   rg_term *key, rg_term *value,
                                   rg_body body, rg_loc loc)
{
    rg_term *t = rg_ast_term(p, kind, loc);
    t->u.comp.key = key;
    t->u.comp.value = value;
    t->u.comp.body = body;
    return t;
}

/* After "[x |": the body, or NULL. */
static bool parse_comp_body(rg_parser *p, rg_tok end, rg_body *body)
{
    rg_pstate_next(p);
    return rg_parse_expr_body(p, end, body);
}

/* The rest of a list whose first item is already on the stack above
 * base; the current token follows that item. */
static bool list_rest(rg_parser *p, rg_tok end)
{
    if (rg_pstate_tok(p) == end)
        return true;
    if (rg_pstate_tok(p) != RG_TOK_COMMA) {
        rg_pstate_illegal(p, "expected \",\" or \"%s\"", rg_tok_name(end));
        return false;
    }
    rg_pstate_next(p);
    return parse_term_list(p, end);
}

static rg_term *array_items(rg_parser *p, rg_term *head, rg_loc loc)
{
    size_t base = p->top;
    if (head) {
        head = rg_parse_term_infix_from(p, head, false);
        if (head == NULL)
            return NULL;
        rg_pstate_push(p, head);
        if (!list_rest(p, RG_TOK_RBRACK))
            return NULL;
    } else if (!parse_term_list(p, RG_TOK_RBRACK)) {
        return NULL;
    }
    rg_pstate_next(p);
    return make_collection(p, RG_TERM_ARRAY, base, loc);
}

static rg_term *parse_array(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    rg_pstate_next(p);
    if (rg_pstate_tok(p) == RG_TOK_RBRACK) {
        rg_pstate_next(p);
        return rg_ast_term(p, RG_TERM_ARRAY, loc);
    }
    bool may_comp = true;
    if (rg_pstate_tok(p) == RG_TOK_COMMA) {
        may_comp = false;
        rg_pstate_next(p);
    }
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_term *head = rg_parse_term_atom(p);
    if (head == NULL)
        return NULL;
    if (rg_pstate_tok(p) == RG_TOK_BAR && may_comp) {
        rg_body body;
        if (parse_comp_body(p, RG_TOK_RBRACK, &body)) {
            rg_pstate_next(p);
            return make_comprehension(p, RG_TERM_ARRAY_COMP, NULL, head,
                                      body, loc);
        }
        if (rg_pstate_tok(p) != RG_TOK_COMMA)
            return NULL;
        rg_pstate_restore(p, &s);
        head = NULL;
    }
    return array_items(p, head, loc);
}

static rg_term *set_items(rg_parser *p, rg_term *head, rg_loc loc)
{
    size_t base = p->top;
    if (head) {
        rg_pstate_push(p, head);
        if (!list_rest(p, RG_TOK_RBRACE))
            return NULL;
    } else if (!parse_term_list(p, RG_TOK_RBRACE)) {
        return NULL;
    }
    rg_pstate_next(p);
    return make_collection(p, RG_TERM_SET, base, loc);
}

static rg_term *parse_set(rg_parser *p, const rg_pstate *s, rg_term *head,
                          bool may_comp, rg_loc loc)
{
    if (rg_pstate_tok(p) == RG_TOK_BAR && may_comp) {
        rg_body body;
        if (parse_comp_body(p, RG_TOK_RBRACE, &body)) {
            rg_pstate_next(p);
            return make_comprehension(p, RG_TERM_SET_COMP, NULL, head,
                                      body, loc);
        }
        if (rg_pstate_tok(p) != RG_TOK_COMMA)
            return NULL;
        rg_pstate_restore(p, s);
        return set_items(p, NULL, loc);
    }
    return set_items(p, head, loc);
}

/* "key: value" pairs after the first; keys and values alternate on the
 * stack. */
static bool parse_pair_list(rg_parser *p)
{
    if (rg_pstate_tok(p) == RG_TOK_RBRACE)
        return true;
    for (;;) {
        rg_term *key = rg_parse_term_infix(p, false);
        if (key == NULL)
            return false;
        if (rg_pstate_tok(p) != RG_TOK_COLON) {
            rg_pstate_illegal(p, "expected \":\"");
            return false;
        }
        rg_pstate_next(p);
        rg_term *value = rg_parse_term_infix(p, false);
        if (value == NULL)
            return false;
        rg_pstate_push(p, key);
        rg_pstate_push(p, value);
        if (rg_pstate_tok(p) == RG_TOK_RBRACE)
            return true;
        if (rg_pstate_tok(p) != RG_TOK_COMMA) {
            rg_pstate_illegal(p, "expected \",\" or \"}\"");
            return false;
        }
        rg_pstate_next(p);
        if (rg_pstate_tok(p) == RG_TOK_RBRACE)
            return true;
    }
}

static rg_term *make_object(rg_parser *p, size_t base, rg_loc loc)
{
    uint32_t n;
    rg_term **flat = (rg_term **)rg_pstate_pop(p, base, &n);
    rg_term *t = rg_ast_term(p, RG_TERM_OBJECT, loc);
    uint32_t count = n / 2;
    t->u.object.count = count;
    t->u.object.keys = rg_arena_alloc(p->arena, count * sizeof(rg_term *));
    t->u.object.values = rg_arena_alloc(p->arena,
                                        count * sizeof(rg_term *));
    for (uint32_t i = 0; i < count; i++) {
        t->u.object.keys[i] = flat[2 * i];
        t->u.object.values[i] = flat[2 * i + 1];
    }
    return t;
}

static rg_term *object_rest(rg_parser *p, rg_term *key, rg_term *value,
                            rg_loc loc)
{
    rg_tok k = rg_pstate_tok(p);
    if (k != RG_TOK_RBRACE && k != RG_TOK_COMMA) {
        rg_pstate_illegal(p, "non-terminated object");
        return NULL;
    }
    size_t base = p->top;
    rg_pstate_push(p, key);
    rg_pstate_push(p, value);
    if (k == RG_TOK_COMMA) {
        rg_pstate_next(p);
        if (!parse_pair_list(p)) {
            p->top = base;
            return NULL;
        }
    }
    rg_pstate_next(p);
    return make_object(p, base, loc);
}

/* After "{key:"; the current token is the colon. */
static rg_term *parse_object(rg_parser *p, rg_term *key, bool may_comp,
                             rg_loc loc)
{
    rg_pstate_next(p);
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_term *value = rg_parse_term_atom(p);
    if (value == NULL)
        return NULL;
    if (may_comp && rg_pstate_tok(p) == RG_TOK_BAR) {
        rg_body body;
        if (parse_comp_body(p, RG_TOK_RBRACE, &body)) {
            rg_pstate_next(p);
            return make_comprehension(p, RG_TERM_OBJECT_COMP, key, value,
                                      body, loc);
        }
        rg_pstate_restore(p, &s);
        value = rg_parse_term_infix(p, false);
    } else {
        value = rg_parse_term_infix_from(p, value, false);
    }
    if (value == NULL)
        return NULL;
    return object_rest(p, key, value, loc);
}

static rg_term *parse_set_or_object(rg_parser *p)
{
    rg_loc loc = rg_pstate_loc(p);
    rg_pstate_next(p);
    if (rg_pstate_tok(p) == RG_TOK_RBRACE) {
        rg_pstate_next(p);
        return rg_ast_term(p, RG_TERM_OBJECT, loc);
    }
    bool may_comp = true;
    if (rg_pstate_tok(p) == RG_TOK_COMMA) {
        may_comp = false;
        rg_pstate_next(p);
    }
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_term *head = rg_parse_term_atom(p);
    if (head == NULL)
        return NULL;
    rg_tok k = rg_pstate_tok(p);
    if ((k == RG_TOK_BAR && may_comp) || k == RG_TOK_RBRACE ||
        k == RG_TOK_COMMA)
        return parse_set(p, &s, head, may_comp, loc);
    if (k == RG_TOK_COLON)
        return parse_object(p, head, may_comp, loc);
    head = rg_parse_term_infix_from(p, head, false);
    if (head == NULL)
        return NULL;
    k = rg_pstate_tok(p);
    if (k == RG_TOK_RBRACE || k == RG_TOK_COMMA)
        return set_items(p, head, loc);
    if (k == RG_TOK_COLON)
        return parse_object(p, head, may_comp, loc);
    rg_pstate_illegal(p, "non-terminated set");
    return NULL;
}

static rg_term *parse_paren(rg_parser *p)
{
    rg_pstate_next(p);
    rg_term *t = rg_parse_term_infix(p, true);
    if (t == NULL)
        return NULL;
    if (rg_pstate_tok(p) != RG_TOK_RPAREN) {
        rg_pstate_error_at(p, p->lx.tok.line, p->lx.tok.col,
                           "non-terminated expression");
        return NULL;
    }
    rg_pstate_next(p);
    return t;
}

static rg_term *parse_scalar(rg_parser *p, rg_term_kind kind, bool value)
{
    rg_term *t = rg_ast_term(p, kind, rg_pstate_loc(p));
    t->u.boolean = value;
    rg_pstate_next(p);
    return t;
}

static rg_term *parse_atom_inner(rg_parser *p)
{
    rg_parse_term_keyword_ref(p);
    switch (rg_pstate_tok(p)) {
    case RG_TOK_NULL:
        return parse_scalar(p, RG_TERM_NULL, false);
    case RG_TOK_TRUE:
        return parse_scalar(p, RG_TERM_BOOLEAN, true);
    case RG_TOK_FALSE:
        return parse_scalar(p, RG_TERM_BOOLEAN, false);
    case RG_TOK_MINUS: case RG_TOK_DOT: case RG_TOK_NUMBER:
        return parse_number(p);
    case RG_TOK_STRING:
        return parse_string(p);
    case RG_TOK_TEMPLATE_PART: case RG_TOK_TEMPLATE_END:
        return rg_parse_template(p);
    case RG_TOK_IDENT: case RG_TOK_CONTAINS:
        return rg_parse_term_var(p);
    case RG_TOK_LBRACK:
        return parse_array(p);
    case RG_TOK_LBRACE:
        return parse_set_or_object(p);
    case RG_TOK_LPAREN:
        return parse_paren(p);
    default:
        rg_pstate_illegal_token(p);
        return NULL;
    }
}

static bool is_composite_start(rg_tok k)
{
    return k == RG_TOK_LBRACK || k == RG_TOK_LBRACE || k == RG_TOK_LPAREN;
}

rg_term *rg_parse_term_atom(rg_parser *p)
{
    bool composite = is_composite_start(rg_pstate_tok(p));
    rg_term *cached;
    if (composite && rg_pcache_get(p, &cached))
        return cached;
    if (!rg_pstate_enter(p))
        return NULL;
    uint32_t start = p->lx.tok.start;
    uint32_t nerr = p->nerr;
    rg_term *t = finish_term(p, parse_atom_inner(p));
    if (composite)
        rg_pcache_put(p, start, t, nerr);
    rg_pstate_leave(p);
    return t;
}

static int binary_precedence(rg_tok k)
{
    switch (k) {
    case RG_TOK_EQUAL: case RG_TOK_NEQ: case RG_TOK_LT: case RG_TOK_GT:
    case RG_TOK_LTE: case RG_TOK_GTE:
        return 1;
    case RG_TOK_BAR:
        return 2;
    case RG_TOK_AMP:
        return 3;
    case RG_TOK_PLUS: case RG_TOK_MINUS:
        return 4;
    case RG_TOK_STAR: case RG_TOK_SLASH: case RG_TOK_PERCENT:
        return 5;
    default:
        return 0;
    }
}

/* Precedence climbing over the binary operators at min_prec or above.
 * A chain of operators of one precedence is a loop, so a flat chain of
 * any length parses in constant stack; only a switch to a tighter
 * operator recurses, at most once per precedence level. */
static rg_term *climb(rg_parser *p, rg_term *lhs, int min_prec)
{
    int prec;
    if (lhs == NULL || binary_precedence(rg_pstate_tok(p)) < min_prec)
        return lhs;
    if (!rg_pstate_enter(p))
        return NULL;
    while (lhs && (prec = binary_precedence(rg_pstate_tok(p))) >= min_prec) {
        rg_term *op = rg_ast_op(p, rg_tok_name(rg_pstate_tok(p)),
                                rg_pstate_loc(p));
        rg_pstate_next(p);
        rg_term *rhs = rg_parse_term_atom(p);
        while (rhs && binary_precedence(rg_pstate_tok(p)) > prec)
            rhs = climb(p, rhs, prec + 1);
        if (rhs == NULL) {
            lhs = NULL;
            break;
        }
        rg_loc loc = lhs->loc;
        lhs = rg_ast_call2(p, op, lhs, rhs, loc);
        rg_pstate_close(p, &lhs->loc);
    }
    rg_pstate_leave(p);
    return lhs;
}

/* An operand of "in": a term with every tighter operator. */
static rg_term *in_operand(rg_parser *p)
{
    return climb(p, rg_parse_term_atom(p), 1);
}

/* "lhs, mhs in rhs" after lhs; restores and returns NULL when the
 * comma does not start that form. */
static rg_term *try_key_value_in(rg_parser *p, rg_term *lhs)
{
    rg_pstate s;
    rg_pstate_save(p, &s);
    rg_pstate_next(p);
    rg_term *mhs = in_operand(p);
    if (mhs && rg_pstate_tok(p) == RG_TOK_IN) {
        rg_loc op_loc = rg_pstate_loc(p);
        rg_pstate_next(p);
        rg_term *rhs = in_operand(p);
        if (rhs) {
            rg_term **args = rg_arena_alloc(p->arena, 4 * sizeof(rg_term *));
            args[0] = rg_ast_op(p, "internal.member_3", op_loc);
            args[1] = lhs;
            args[2] = mhs;
            args[3] = rhs;
            rg_term *call = rg_ast_call(p, args, 4, lhs->loc);
            rg_pstate_close(p, &call->loc);
            return call;
        }
    }
    rg_pstate_restore(p, &s);
    return NULL;
}

rg_term *rg_parse_term_infix_from(rg_parser *p, rg_term *lhs,
                                  bool key_value)
{
    lhs = climb(p, lhs, 1);
    /* A keyword directly followed by "." or "[" after a term starts the
     * next expression's ref ("x == 1" then "with.foo == 2"). */
    rg_parse_term_keyword_ref(p);
    /* As in OPA, "k, v in" is tried only before the first "in". */
    if (lhs && key_value && rg_pstate_tok(p) == RG_TOK_COMMA) {
        rg_term *call = try_key_value_in(p, lhs);
        if (call)
            lhs = call;
    }
    int depth = p->depth;
    while (lhs && rg_pstate_tok(p) == RG_TOK_IN) {
        if (!rg_pstate_enter(p)) {
            lhs = NULL;
            break;
        }
        rg_term *op = rg_ast_op(p, "internal.member_2", rg_pstate_loc(p));
        rg_pstate_next(p);
        rg_term *rhs = in_operand(p);
        if (rhs == NULL) {
            lhs = NULL;
            break;
        }
        rg_loc loc = lhs->loc;
        lhs = rg_ast_call2(p, op, lhs, rhs, loc);
        rg_pstate_close(p, &lhs->loc);
    }
    p->depth = depth;
    return lhs;
}

rg_term *rg_parse_term_infix(rg_parser *p, bool key_value)
{
    if (!rg_pstate_enter(p))
        return NULL;
    rg_term *t = rg_parse_term_atom(p);
    if (t)
        t = rg_parse_term_infix_from(p, t, key_value);
    rg_pstate_leave(p);
    return t;
}
