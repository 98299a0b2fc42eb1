# flags: --v1
# want: FILE:5:14: rego_parse_error: expected } to end template string expression
package test

p := $"abc{x y}"
