# flags: --v0
# want: FILE:6:8: rego_parse_error: unexpected identifier token: expected \n or ; or } (hint: `import future.keywords.every` for `every x in xs { ... }` expressions)
package test

p {
	every x in [1] { x }
}
