# flags: --v1 --experimental --no-locations
package logic

import future.keywords.and
import future.keywords.not
import future.keywords.or

p if {
	input.a and input.b or not { x := 1; x > 2 }
	(input.c or input.d) and input.e with input as {}
}
