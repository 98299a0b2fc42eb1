# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal string literal: "\u12G4"
package test

p := "\u12G4"
