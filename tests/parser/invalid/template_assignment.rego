# flags: --v1
# want: FILE:5:9: rego_parse_error: unexpected assignment (':=') in template-string expression
package test

p := $"{x := 1}"
