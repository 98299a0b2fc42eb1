# flags: --v0
# want: FILE:9:3: rego_parse_error: expected else keyword
package test

p = 1 {
	false
} else = 2 {
	true
} {
	true
}
