# flags: --v1
# want: FILE:5:1: rego_parse_error: contains keyword cannot be used for rule name
package test

contains := 1
