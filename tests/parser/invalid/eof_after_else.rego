# flags: --v1
# want: FILE:8:1: rego_parse_error: unexpected eof token: expected else value term or rule body
package test

p if {
	false
} else
