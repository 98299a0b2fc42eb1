# flags: --v0
# want: FILE:6:1: rego_parse_error: found empty body
package test

p {
}
