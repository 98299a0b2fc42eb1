# flags: --v1
# want: FILE:7:3: rego_parse_error: `if` keyword is required before rule body
package test

p := 1 if {
	false
} else := 2 {
	true
}
