# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal number format
package test

p := 12ab
