# flags: --v0 --no-locations
package old

deny[msg] {
	input.kind == "Pod"
	msg := "no pods"
}

labels[k] = v {
	v := input.labels[k]
}

f(x) = true {
	x > 1
}

p { false } { true }

q = 1 { false } else = 2

gap [x] {
	x := 2
}
