# flags: --v1
# want: FILE:5:1: rego_parse_error: invalid annotation scope 'import'
package test

# METADATA
# title: imports
import data.x
