# flags: --v1
# want: FILE:3:1: rego_parse_error: package expected
p := 1
