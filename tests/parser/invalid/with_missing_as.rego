# flags: --v1
# want: FILE:7:1: rego_parse_error: unexpected } token: expected as keyword
package test

p if {
	q with input
}
