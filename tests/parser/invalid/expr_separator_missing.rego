# flags: --v1
# want: FILE:6:9: rego_parse_error: unexpected identifier token: expected \n or ; or }
package test

p if {
	x := 1 y := 2
}
