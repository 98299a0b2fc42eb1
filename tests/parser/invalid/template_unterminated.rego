# flags: --v1
# want: FILE:5:13: rego_parse_error: non-terminated string
package test

p := $"abc{x}
