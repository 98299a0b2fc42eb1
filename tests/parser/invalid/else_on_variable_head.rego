# flags: --v1
# want: FILE:7:3: rego_parse_error: else keyword cannot be used on rules with variables in head
package test

p[x] := 1 if {
	x := 1
} else := 2
