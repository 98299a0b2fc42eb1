/*
 * The instruction set of the Regolith VM: one X-macro table.
 *
 * Each row is RG_OP(NAME, FORMAT, SUMMARY).  An instruction has an
 * opcode and four 32-bit operands a, b, c, d; FORMAT names what each
 * operand means, using: r = register, k = constant index, n = count or
 * length, i = immediate, N = rule-tree node id, B = builtin index,
 * w = with-modifier index, s = builder slot, "-" = unused.
 *
 * Execution model (see engine/vm.c): a body is straight-line code run
 * by exec(pc).  Instructions that can succeed several times (ITER, the
 * calls of relations) run the rest of the body, exec(pc + 1), once per
 * result and then return, so backtracking is the C call stack.  A
 * nested block (negation, comprehension) is the n instructions after
 * its opening instruction and ends with an instruction that returns
 * (SUCCEED, COMP_ADD...).  An instruction "fails" by returning to the
 * innermost iteration, which then tries its next element.
 *
 * Adding an opcode touches this table and one case in engine/vm.c.
 */
#ifndef RG_OPCODES_H
#define RG_OPCODES_H

#define RG_OPCODE_TABLE(RG_OP)                                              \
    RG_OP(CONST,       "r k - -", "r[a] = constant b")                      \
    RG_OP(MOVE,        "r r - -", "r[a] = r[b]")                            \
    RG_OP(INPUT,       "r - - -", "r[a] = input; fail when undefined")      \
    RG_OP(FAIL,        "- - - -", "fail: backtrack")                        \
    RG_OP(TRUTHY,      "r - - -", "fail when r[a] is false")                \
    RG_OP(EQUAL,       "r r - -", "fail unless r[a] equals r[b]")           \
    RG_OP(COMPARE,     "r r r i", "r[a] = (r[b] OP r[c]), OP = d")          \
    RG_OP(TEST,        "r r i -", "fail unless r[a] OP r[b], OP = c")       \
    RG_OP(GET,         "r r r -", "r[a] = r[b][r[c]]; fail when absent")    \
    RG_OP(ITER,        "r r r -", "for each key r[b], value r[c] in r[a]")  \
    RG_OP(IS_ARRAY,    "r n - -", "fail unless r[a] is an array of b")      \
    RG_OP(IS_OBJECT,   "r n - -", "fail unless r[a] is an object of b keys")\
    RG_OP(INDEX,       "r r i -", "r[a] = array r[b] item c")               \
    RG_OP(MAKE_ARRAY,  "r r n -", "r[a] = array of r[b .. b+c)")            \
    RG_OP(MAKE_SET,    "r r n -", "r[a] = set of r[b .. b+c)")              \
    RG_OP(MAKE_OBJECT, "r r n -", "r[a] = object of key/value pairs "       \
                                  "r[b .. b+2c)")                           \
    RG_OP(CALL,        "r B r n", "r[a] = builtin b(r[c .. c+d))")          \
    RG_OP(CALL_ITER,   "r B r n", "for each result r[a] of relation b")     \
    RG_OP(FUNC,        "r N r n", "r[a] = function node b(r[c .. c+d))")    \
    RG_OP(NODE,        "r N - -", "r[a] = value of rule-tree node b")       \
    RG_OP(DATA,        "r N k -", "r[a] = base data at node b's path + "    \
                                  "constant path c")                        \
    RG_OP(NODE_PATH,   "r N r n", "r[a] = document at node b's path + "     \
                                  "keys r[c .. c+d), resolved at run time") \
    RG_OP(NOT,         "n - - -", "run the next a instructions; fail if "   \
                                  "they succeed, else skip them")           \
    RG_OP(SUCCEED,     "- - - -", "end a negated block: it succeeded")      \
    RG_OP(COMP_BEGIN,  "r i n s", "r[a] = collection (kind b) built by "    \
                                  "the next c instructions in slot d")      \
    RG_OP(COMP_ADD,    "s r r i", "add r[b] (key r[c]) to slot a of kind "  \
                                  "d; backtrack")                           \
    RG_OP(WITH_PUSH,   "w r - -", "apply with-modifier a = r[b]")           \
    RG_OP(WITH_POP,    "w - - -", "undo with-modifier a")                   \
    RG_OP(OUT,         "r r n i", "rule output: value r[a], path "          \
                                  "r[b .. b+c), mode d")                    \
    RG_OP(ROW,         "- - - -", "query output: record the bindings")      \
    RG_OP(PRINT,       "r n - -", "print r[a .. a+b), undefined as "        \
                                  "<undefined>")                            \
    RG_OP(TEMPLATE,    "r r n -", "r[a] = concatenation of r[b .. b+c)")

typedef enum rg_opcode {
#define RG_OP_ENUM(name, fmt, summary) RG_OP_##name,
    RG_OPCODE_TABLE(RG_OP_ENUM)
#undef RG_OP_ENUM
    RG_OP__COUNT
} rg_opcode;

/* Comparison operators of COMPARE and TEST. */
typedef enum rg_cmp {
    RG_CMP_EQ,
    RG_CMP_NE,
    RG_CMP_LT,
    RG_CMP_LE,
    RG_CMP_GT,
    RG_CMP_GE
} rg_cmp;

/* Output modes of OUT. */
typedef enum rg_outmode {
    RG_OUT_VALUE,   /* complete rule or function: one value */
    RG_OUT_ENTRY,   /* value at path (partial object, ref head) */
    RG_OUT_ELEM     /* set element r[a] at path (partial set) */
} rg_outmode;

/* Comprehension kinds of COMP_BEGIN. */
typedef enum rg_compkind {
    RG_COMP_ARRAY,
    RG_COMP_SET,
    RG_COMP_OBJECT
} rg_compkind;

/* Name of an opcode ("ITER"), for listings. */
const char *rg_opcode_name(rg_opcode op);

#endif
