# flags: --v1 --no-locations
package exprs

p if {
	not input.off
	x := [v | some v in input.xs; v > 0]
	s := {k: v | some k, v in input.m}
	every i in x { i < 10 }
	count(x) >= 1 with input.xs as [1]
	y := 1 + 2 * 3 - -4 % 5
	z := {1, 2} | set() & {3}
	t := $"n={y} \{literal}"
	_ = `raw`
	input.a[_].b == "c"; "é\u00e9" != 1e400
}
