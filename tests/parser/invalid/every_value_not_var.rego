# flags: --v1
# want: FILE:6:21: rego_parse_error: unexpected { token: expected value to be a variable
package test

p if {
	every [x] in [[1]] { true }
}
