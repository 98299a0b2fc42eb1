# flags: --v1
# want: FILE:6:20: rego_parse_error: unexpected { token: expected key to be a variable
package test

p if {
	every 1, x in [1] { true }
}
