# flags: --v1
# want: FILE:5:1: rego_parse_error: unexpected package
package test

package other
