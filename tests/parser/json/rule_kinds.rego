# flags: --v1 --no-locations
package kinds

import data.lib.helpers as h

default allow := false

allow if input.user == "admin"

names contains name if {
	some name in input.names
}

ports[name] := port if {
	some name, port in input.ports
}

double(x) := y if {
	y := x * 2
} else := 0

a.b[c].d := 1 if c := "k"

roles.admin contains "root"
