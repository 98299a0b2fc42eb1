# flags: --v1
# want: FILE:5:1: rego_parse_error: invalid annotation scope 'everything'
package test

# METADATA
# scope: everything
p := 1
