# flags: --v1
# METADATA
# title: Locations
package loc

# A comment.
p := "é" if input.x == 1
