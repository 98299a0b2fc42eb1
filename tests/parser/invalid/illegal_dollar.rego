# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal $ character
package test

p := $x
