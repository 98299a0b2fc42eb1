# flags: --v1
# want: FILE:5:1: rego_parse_error: var cannot be used for rule name
package test

x
