# flags: --v1
# want: FILE:5:11: rego_parse_error: found empty body
package test

p := [x | ]
