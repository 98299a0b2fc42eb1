# flags: --v1
# want: FILE:5:1: rego_parse_error: 'some' declarations cannot be used for rule head
package test

some x
