# flags: --v1
# want: FILE:5:1: rego_parse_error: annotation scope 'package' must be applied to package (have rule)
package test

# METADATA
# scope: package
p := 1
