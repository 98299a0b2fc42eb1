# flags: --v1
# want: FILE:5:6: rego_parse_error: number too big
package test

p := 1e99999999
