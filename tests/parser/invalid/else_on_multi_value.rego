# flags: --v1
# want: FILE:7:3: rego_parse_error: else keyword cannot be used on multi-value rules
package test

p contains x if {
	x := 1
} else := 2
