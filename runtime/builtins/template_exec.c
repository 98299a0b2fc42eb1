/*
 * Executor for the text/template subset of strings.render_template (see
 * template.h).  Values are Rego values; a missing object key is NULL and
 * prints as <undefined>.
 */
#include <ctype.h>
#include <string.h>

#include "runtime/builtins/gofmt.h"
#include "runtime/builtins/template.h"

/* Variables in scope at once; declarations beyond it fail. */
#define TEXEC_MAX_VARS 256

typedef struct texec {
    rg_strbuf *out;
    rg_arena *arena;
    const char *err;
    const char *var_names[TEXEC_MAX_VARS];
    const rg_value *var_values[TEXEC_MAX_VARS];
    size_t nvars;
} texec;

static bool tx_fail(texec *x, const char *msg)
{
    if (!x->err)
        x->err = rg_arena_printf(x->arena, "template: template: %s", msg);
    return false;
}

/* ---- Printing and truth ------------------------------------------------ */

static void tx_print(rg_strbuf *b, const rg_value *v);

static void tx_print_number(rg_strbuf *b, const rg_value *v)
{
    rg_gofmt_arg a = { .kind = RG_GOFMT_FLOAT, .f = rg_number_double(v) };
    rg_gofmt(b, "%v", 2, &a, 1);
}

static void tx_print_list(rg_strbuf *b, const rg_value *v)
{
    rg_strbuf_addc(b, '[');
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i)
            rg_strbuf_addc(b, ' ');
        tx_print(b, rg_value_kind(v) == RG_SET ? rg_set_at(v, i)
                                               : rg_array_at(v, i));
    }
    rg_strbuf_addc(b, ']');
}

static void tx_print_map(rg_strbuf *b, const rg_value *v)
{
    rg_strbuf_adds(b, "map[");
    for (size_t i = 0; i < rg_len(v); i++) {
        if (i)
            rg_strbuf_addc(b, ' ');
        tx_print(b, rg_object_key_at(v, i));
        rg_strbuf_addc(b, ':');
        tx_print(b, rg_object_value_at(v, i));
    }
    rg_strbuf_addc(b, ']');
}

/* Go's %v of the JSON-decoded form of v. */
static void tx_print(rg_strbuf *b, const rg_value *v)
{
    if (!v) {
        rg_strbuf_adds(b, "<undefined>");
        return;
    }
    switch (rg_value_kind(v)) {
    case RG_NULL: rg_strbuf_adds(b, "<nil>"); break;
    case RG_BOOLEAN: rg_strbuf_adds(b, rg_bool_get(v) ? "true" : "false");
        break;
    case RG_NUMBER: tx_print_number(b, v); break;
    case RG_STRING: rg_strbuf_add(b, rg_string_bytes(v), rg_string_len(v));
        break;
    case RG_OBJECT: tx_print_map(b, v); break;
    default: tx_print_list(b, v); break;
    }
}

/* Go template truth: false, 0, nil, "" and empty collections are
 * false. */
static bool tx_truth(const rg_value *v)
{
    if (!v)
        return false;
    switch (rg_value_kind(v)) {
    case RG_NULL: return false;
    case RG_BOOLEAN: return rg_bool_get(v);
    case RG_NUMBER: return rg_number_double(v) != 0;
    case RG_STRING: return rg_string_len(v) > 0;
    default: return rg_len(v) > 0;
    }
}

/* ---- Variables --------------------------------------------------------- */

static bool tx_var_set(texec *x, const char *name, const rg_value *v,
                       bool assign)
{
    for (size_t i = x->nvars; assign && i-- > 0;)
        if (strcmp(x->var_names[i], name) == 0) {
            x->var_values[i] = v;
            return true;
        }
    if (assign)
        return tx_fail(x, rg_arena_printf(x->arena, "undefined variable: "
                                          "%s", name));
    if (x->nvars == TEXEC_MAX_VARS)
        return tx_fail(x, "too many variables");
    x->var_names[x->nvars] = name;
    x->var_values[x->nvars++] = v;
    return true;
}

static bool tx_var_get(texec *x, const char *name, const rg_value **v)
{
    for (size_t i = x->nvars; i-- > 0;)
        if (strcmp(x->var_names[i], name) == 0) {
            *v = x->var_values[i];
            return true;
        }
    return tx_fail(x, rg_arena_printf(x->arena, "undefined variable: %s",
                                      name));
}

/* ---- Evaluation ---------------------------------------------------------- */

static bool tx_pipe(texec *x, const rg_tpl_pipe *p, const rg_value *dot,
                    const rg_value **out);

static bool tx_fields(texec *x, const rg_tpl_arg *a, const rg_value *v,
                      const rg_value **out)
{
    for (size_t i = 0; i < a->nfields; i++) {
        if (!v || rg_value_kind(v) == RG_NULL) {
            v = NULL;
            continue;
        }
        if (rg_value_kind(v) != RG_OBJECT)
            return tx_fail(x, rg_arena_printf(x->arena, "can't evaluate "
                                              "field %s", a->fields[i]));
        v = rg_object_get_str(v, a->fields[i], strlen(a->fields[i]));
    }
    *out = v;
    return true;
}

static bool tx_arg(texec *x, const rg_tpl_arg *a, const rg_value *dot,
                   const rg_value **out)
{
    const rg_value *v = dot;
    switch (a->kind) {
    case RG_TPL_ARG_LITERAL:
        *out = a->literal;
        return true;
    case RG_TPL_ARG_PIPE:
        return tx_pipe(x, a->pipe, dot, out);
    case RG_TPL_ARG_FUNC:
        return tx_fail(x, rg_arena_printf(x->arena, "function %s used as "
                                          "a value", a->func));
    case RG_TPL_ARG_FIELD:
        if (a->var && !tx_var_get(x, a->var, &v))
            return false;
        return tx_fields(x, a, v, out);
    }
    return false;
}

/* Arguments of a function call, the piped value last. */
typedef struct tx_args {
    const rg_value **v;
    size_t n;
} tx_args;

static bool tx_compare(texec *x, const char *f, tx_args *a,
                       const rg_value **out)
{
    if (a->n < 2 || !a->v[0] || !a->v[1])
        return tx_fail(x, rg_arena_printf(x->arena, "%s: missing "
                                          "argument", f));
    if (strcmp(f, "eq") == 0 || strcmp(f, "ne") == 0) {
        bool eq = false;
        for (size_t i = 1; i < a->n; i++)
            eq = eq || (a->v[i] && rg_value_equal(a->v[0], a->v[i]));
        *out = rg_bool(f[0] == 'e' ? eq : !eq);
        return true;
    }
    if (rg_value_kind(a->v[0]) != rg_value_kind(a->v[1]))
        return tx_fail(x, rg_arena_printf(x->arena, "%s: incompatible "
                                          "types for comparison", f));
    int c = rg_value_compare(a->v[0], a->v[1]);
    bool r = f[0] == 'l' ? (f[1] == 't' ? c < 0 : c <= 0)
                         : (f[1] == 't' ? c > 0 : c >= 0);
    *out = rg_bool(r);
    return true;
}

static bool tx_index(texec *x, tx_args *a, const rg_value **out)
{
    const rg_value *v = a->n ? a->v[0] : NULL;
    for (size_t i = 1; v && i < a->n; i++) {
        int64_t k;
        if (rg_value_kind(v) == RG_OBJECT)
            v = a->v[i] ? rg_object_get(v, a->v[i]) : NULL;
        else if (rg_value_kind(v) == RG_ARRAY && a->v[i] &&
                 rg_value_kind(a->v[i]) == RG_NUMBER &&
                 rg_number_int64(a->v[i], &k) && k >= 0 &&
                 (uint64_t)k < rg_len(v))
            v = rg_array_at(v, (size_t)k);
        else
            return tx_fail(x, "index: index out of range or of wrong "
                              "type");
    }
    *out = v;
    return true;
}

static bool tx_len(texec *x, tx_args *a, const rg_value **out)
{
    const rg_value *v = a->n == 1 ? a->v[0] : NULL;
    if (!v || rg_value_kind(v) < RG_STRING)
        return tx_fail(x, "len of value of wrong type");
    *out = rg_int(x->arena, (int64_t)rg_len(v));
    return true;
}

static bool tx_logic(const char *f, tx_args *a, const rg_value **out)
{
    if (strcmp(f, "not") == 0) {
        *out = rg_bool(a->n == 0 || !tx_truth(a->v[0]));
        return true;
    }
    bool want = strcmp(f, "or") == 0;
    for (size_t i = 0; i < a->n; i++)
        if (tx_truth(a->v[i]) == want || i + 1 == a->n) {
            *out = a->v[i];
            return true;
        }
    *out = rg_null();
    return true;
}

/* print and println: operands separated as Go's fmt.Sprint(ln) does. */
static void tx_sprint(rg_strbuf *b, tx_args *a, bool ln)
{
    for (size_t i = 0; i < a->n; i++) {
        bool str = a->v[i] && rg_value_kind(a->v[i]) == RG_STRING;
        bool prev = i && a->v[i - 1] &&
                    rg_value_kind(a->v[i - 1]) == RG_STRING;
        if (i && (ln || (!str && !prev)))
            rg_strbuf_addc(b, ' ');
        tx_print(b, a->v[i]);
    }
    if (ln)
        rg_strbuf_addc(b, '\n');
}

static void tx_printf(texec *x, rg_strbuf *b, tx_args *a)
{
    rg_gofmt_arg *g = rg_arena_calloc(x->arena, a->n + 1, sizeof *g);
    for (size_t i = 1; i < a->n; i++) {
        const rg_value *v = a->v[i];
        if (v && rg_value_kind(v) == RG_NUMBER) {
            g[i - 1].kind = RG_GOFMT_FLOAT;
            g[i - 1].f = rg_number_double(v);
            continue;
        }
        rg_strbuf s;
        rg_strbuf_init(&s, x->arena);
        tx_print(&s, v);
        g[i - 1] = (rg_gofmt_arg){ .kind = RG_GOFMT_STRING, .s = s.data,
                                   .len = s.len };
    }
    const rg_value *f = a->v[0];
    rg_gofmt(b, rg_string_bytes(f), rg_string_len(f), g, a->n - 1);
}

/* Go's template.HTMLEscapeString. */
static void tx_html(rg_strbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '<': rg_strbuf_adds(b, "&lt;"); break;
        case '>': rg_strbuf_adds(b, "&gt;"); break;
        case '&': rg_strbuf_adds(b, "&amp;"); break;
        case '\'': rg_strbuf_adds(b, "&#39;"); break;
        case '"': rg_strbuf_adds(b, "&#34;"); break;
        case '\0': rg_strbuf_rune(b, 0xFFFD); break;
        default: rg_strbuf_addc(b, s[i]); break;
        }
    }
}

/* Go's template.JSEscapeString for the ASCII characters it escapes;
 * other characters are copied. */
static void tx_js(rg_strbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '\'' || c == '"')
            rg_strbuf_printf(b, "\\%c", c);
        else if (c < ' ' || strchr("<>&=`", c) != NULL)
            rg_strbuf_printf(b, "\\u%04X", c);
        else
            rg_strbuf_addc(b, (char)c);
    }
}

/* Go's url.QueryEscape. */
static void tx_urlquery(rg_strbuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            rg_strbuf_addc(b, (char)c);
        else if (c == ' ')
            rg_strbuf_addc(b, '+');
        else
            rg_strbuf_printf(b, "%%%02X", c);
    }
}

/* html, js and urlquery: escape the operands printed as print does. */
static bool tx_escape(texec *x, const char *f, tx_args *a,
                      const rg_value **out)
{
    rg_strbuf text, b;
    rg_strbuf_init(&text, x->arena);
    rg_strbuf_init(&b, x->arena);
    tx_sprint(&text, a, false);
    if (f[0] == 'h')
        tx_html(&b, text.data, text.len);
    else if (f[0] == 'j')
        tx_js(&b, text.data, text.len);
    else
        tx_urlquery(&b, text.data, text.len);
    *out = rg_string(x->arena, b.data, b.len);
    return true;
}

static bool tx_call(texec *x, const char *f, tx_args *a,
                    const rg_value **out)
{
    if (!strcmp(f, "eq") || !strcmp(f, "ne") || !strcmp(f, "lt") ||
        !strcmp(f, "le") || !strcmp(f, "gt") || !strcmp(f, "ge"))
        return tx_compare(x, f, a, out);
    if (!strcmp(f, "and") || !strcmp(f, "or") || !strcmp(f, "not"))
        return tx_logic(f, a, out);
    if (!strcmp(f, "index"))
        return tx_index(x, a, out);
    if (!strcmp(f, "len"))
        return tx_len(x, a, out);
    if (!strcmp(f, "html") || !strcmp(f, "js") || !strcmp(f, "urlquery"))
        return tx_escape(x, f, a, out);
    bool is_printf = !strcmp(f, "printf");
    if (!is_printf && strcmp(f, "print") && strcmp(f, "println"))
        return tx_fail(x, rg_arena_printf(x->arena, "function %s not "
                                          "defined", f));
    rg_strbuf b;
    rg_strbuf_init(&b, x->arena);
    if (is_printf && (a->n == 0 || !a->v[0] ||
                      rg_value_kind(a->v[0]) != RG_STRING))
        return tx_fail(x, "printf: format must be a string");
    if (is_printf)
        tx_printf(x, &b, a);
    else
        tx_sprint(&b, a, f[5] == 'l');
    *out = rg_string(x->arena, b.data, b.len);
    return true;
}

static bool tx_cmd(texec *x, const rg_tpl_cmd *c, const rg_value *dot,
                   const rg_value *piped, bool has_piped,
                   const rg_value **out)
{
    if (c->args[0].kind != RG_TPL_ARG_FUNC) {
        if (c->nargs > 1 || has_piped)
            return tx_fail(x, "can't give argument to non-function");
        return tx_arg(x, &c->args[0], dot, out);
    }
    tx_args a = { rg_arena_alloc(x->arena, (c->nargs + 1) * sizeof *a.v),
                  0 };
    for (size_t i = 1; i < c->nargs; i++)
        if (!tx_arg(x, &c->args[i], dot, &a.v[a.n++]))
            return false;
    if (has_piped)
        a.v[a.n++] = piped;
    return tx_call(x, c->args[0].func, &a, out);
}

static bool tx_pipe(texec *x, const rg_tpl_pipe *p, const rg_value *dot,
                    const rg_value **out)
{
    const rg_value *v = NULL;
    for (size_t i = 0; i < p->ncmds; i++)
        if (!tx_cmd(x, &p->cmds[i], dot, v, i > 0, &v))
            return false;
    if (p->ndecl && !p->assign && p->ndecl == 1)
        return tx_var_set(x, p->decl[0], v, false) && (*out = v, true);
    if (p->ndecl && p->assign)
        return tx_var_set(x, p->decl[0], v, true) && (*out = v, true);
    *out = v;
    return true;
}

static bool tx_list(texec *x, const rg_tpl_node *n, const rg_value *dot);

/* One iteration of range: bind the variables, run the body. */
static bool tx_range_step(texec *x, const rg_tpl_node *n,
                          const rg_value *key, const rg_value *elem)
{
    size_t scope = x->nvars;
    const rg_tpl_pipe *p = n->pipe;
    bool ok = true;
    if (p->ndecl == 1)
        ok = tx_var_set(x, p->decl[0], elem, false);
    else if (p->ndecl == 2)
        ok = tx_var_set(x, p->decl[0], key, false) &&
             tx_var_set(x, p->decl[1], elem, false);
    ok = ok && tx_list(x, n->body, elem);
    x->nvars = scope;
    return ok;
}

static bool tx_range(texec *x, const rg_tpl_node *n, const rg_value *dot)
{
    rg_tpl_pipe bare = *n->pipe;
    bare.ndecl = 0;
    const rg_value *v;
    if (!tx_pipe(x, &bare, dot, &v))
        return false;
    if (!tx_truth(v))
        return tx_list(x, n->alt, dot);
    rg_kind k = rg_value_kind(v);
    if (k < RG_ARRAY)
        return tx_fail(x, "range can't iterate over value");
    for (size_t i = 0; i < rg_len(v); i++) {
        const rg_value *key = k == RG_OBJECT ? rg_object_key_at(v, i)
                                             : rg_int(x->arena, (int64_t)i);
        const rg_value *elem = k == RG_OBJECT ? rg_object_value_at(v, i)
                               : k == RG_SET ? rg_set_at(v, i)
                                             : rg_array_at(v, i);
        if (!tx_range_step(x, n, key, elem))
            return false;
    }
    return true;
}

static bool tx_node(texec *x, const rg_tpl_node *n, const rg_value *dot)
{
    const rg_value *v;
    size_t scope = x->nvars;
    bool ok = true;
    switch (n->kind) {
    case RG_TPL_TEXT:
        rg_strbuf_add(x->out, n->text, n->text_len);
        return true;
    case RG_TPL_PRINT:
        if (!tx_pipe(x, n->pipe, dot, &v))
            return false;
        if (!n->pipe->ndecl)
            tx_print(x->out, v);
        return true;
    case RG_TPL_RANGE:
        return tx_range(x, n, dot);
    case RG_TPL_IF:
    case RG_TPL_WITH:
        if (!tx_pipe(x, n->pipe, dot, &v))
            return false;
        if (tx_truth(v))
            ok = tx_list(x, n->body, n->kind == RG_TPL_WITH ? v : dot);
        else
            ok = tx_list(x, n->alt, dot);
        x->nvars = scope;
        return ok;
    }
    return false;
}

static bool tx_list(texec *x, const rg_tpl_node *n, const rg_value *dot)
{
    size_t scope = x->nvars;
    for (; n; n = n->next)
        if (!tx_node(x, n, dot))
            return false;
    x->nvars = scope;
    return true;
}

bool rg_template_exec(rg_strbuf *out, const rg_tpl_node *root,
                      const rg_value *dot, const char **err)
{
    texec *x = rg_arena_calloc(out->arena, 1, sizeof *x);
    x->out = out;
    x->arena = out->arena;
    tx_var_set(x, "$", dot, false);
    bool ok = tx_list(x, root, dot);
    if (!ok)
        *err = x->err;
    return ok;
}
