# flags: --v1
# want: FILE:5:1: rego_parse_error: negated expressions cannot be used for rule head
package test

not p
