# flags: --v0
# want: FILE:5:1: rego_parse_error: var cannot be used for rule name
package test

p if {
	true
}
