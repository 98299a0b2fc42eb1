# flags: --v1
# want: FILE:5:1: rego_parse_error: rule must have value assignment and/or body declaration
package test

a.b.c
