#!/bin/sh
# The README's first command: scan the bundled example application
# (examples/app) against every control of the embedded policy library,
# listing each failed resource with its file, line and fix.  The scan
# finds problems on purpose, so its exit status 1 (threshold crossed) is
# not a demo failure; only 2 (usage or input error) is.
BUILD=${1:-build}
"$BUILD/regolith" scan framework all examples/app -v
status=$?
[ "$status" -le 1 ]
