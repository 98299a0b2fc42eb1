# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal utf-8 character
package test

p := "ÿ"
