# flags: --v1
# want: FILE:5:1: rego_parse_error: `contains` keyword is required for partial set rules
package test

p[1]
