# flags: --v1
# want: FILE:5:6: rego_parse_error: unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., f contains <VALUE> { ... })
package test

f(x) contains 1
