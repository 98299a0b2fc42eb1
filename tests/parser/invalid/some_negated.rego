# flags: --v1
# want: FILE:6:6: rego_parse_error: unexpected some keyword: illegal negation of 'some'
package test

p if {
	not some x
}
