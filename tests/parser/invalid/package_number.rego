# flags: --v1
# want: FILE:3:9: rego_parse_error: unexpected number token
package 1
