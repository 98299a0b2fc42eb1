# flags: --v1
# want: FILE:5:6: rego_parse_error: illegal byte-order mark
package test

p := "﻿"
