# flags: --v1
# want: FILE:7:1: rego_parse_error: unexpected } token: expected `x in xs` or `x, y in xs` expression
package test

p if {
	some x == 1
}
