# flags: --v1
# want: FILE:6:9: rego_parse_error: unexpected number token: expected ident
package test

p if {
	q with 1 as 2
}
