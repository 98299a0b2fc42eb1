# flags: --v1
# want: FILE:6:2: rego_parse_error: unexpected if keyword
package test

p if {
	if := 1
}
