package example

import rego.v1

default allow := false

allow if {
    input.user in data.admins
}

allow if {
    input.method == "GET"
    input.path[0] == "public"
}

denied_paths contains p if {
    not allow
    p := concat("/", input.path)
}

roles[user] := role if {
    some user, role in data.roles
}
