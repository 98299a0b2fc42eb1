# flags: --v1
# want: FILE:5:9: rego_parse_error: unexpected negation ('not') in template-string expression
package test

p := $"{not x}"
