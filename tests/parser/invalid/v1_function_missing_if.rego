# flags: --v1
# want: FILE:5:1: rego_parse_error: `if` keyword is required before function body
package test

f(x) = y {
	y := x
}
