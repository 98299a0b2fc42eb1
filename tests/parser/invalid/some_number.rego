# flags: --v1
# want: FILE:6:7: rego_parse_error: unexpected number token: expected var
package test

p if {
	some 1
}
