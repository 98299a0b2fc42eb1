# flags: --v1
# want: FILE: rego_parse_error: empty module
# only a comment
