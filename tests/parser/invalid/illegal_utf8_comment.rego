# flags: --v1
# want: FILE:5:1: rego_parse_error: illegal utf-8 character
package test

# bad Ã( byte
p := 1
