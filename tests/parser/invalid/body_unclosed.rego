# flags: --v1
# want: FILE:7:1: rego_parse_error: unexpected eof token
package test

p if {
	true
