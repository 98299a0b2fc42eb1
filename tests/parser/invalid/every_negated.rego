# flags: --v1
# want: FILE:6:6: rego_parse_error: unexpected every keyword: illegal negation of 'every'
package test

p if {
	not every x in [1] { x }
}
