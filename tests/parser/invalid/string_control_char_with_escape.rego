# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal string literal: "a	b\n"
package test

p := "a	b\n"
