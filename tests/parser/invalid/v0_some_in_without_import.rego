# flags: --v0
# want: FILE:6:9: rego_parse_error: unexpected identifier token: expected \n or ; or } (hint: `import future.keywords.in` for `some x in xs` expressions)
package test

p {
	some x in [1]
}
