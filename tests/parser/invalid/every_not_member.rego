# flags: --v1
# want: FILE:6:10: rego_parse_error: unexpected { token: expected `x[, y] in xs { ... }` expression
package test

p if {
	every x { true }
}
