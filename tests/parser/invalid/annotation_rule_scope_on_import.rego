# flags: --v1
# want: FILE:5:1: rego_parse_error: annotation scope 'rule' must be applied to rule (have import)
package test

# METADATA
# scope: rule
import data.x
