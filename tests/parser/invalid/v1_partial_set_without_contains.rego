# flags: --v1
# want: FILE:5:1: rego_parse_error: `if` keyword is required before rule body
package test

deny[msg] {
	msg := "x"
}
