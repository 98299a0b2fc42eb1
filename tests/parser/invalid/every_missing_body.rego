# flags: --v1
# want: FILE:7:1: rego_parse_error: unexpected } token: missing body
package test

p if {
	every x in [1]
}
