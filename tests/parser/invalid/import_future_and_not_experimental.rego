# flags: --v1
# want: FILE:5:8: rego_parse_error: unexpected keyword, must be one of [contains every if in not]
package test

import future.keywords.and
