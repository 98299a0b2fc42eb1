#!/bin/sh
# Run the benchmarks recorded in docs/benchmarks.md against the binaries
# in build folder $1 (make bench passes it).  Each section prints its
# own lines; run from the repository root.
BUILD=${1:-build}
status=0

# ---- parsing: every conformance module, median of several passes ------
echo "== parsing"
if [ -x "$BUILD/bench/parse_bench" ]; then
    "$BUILD/bench/parse_bench" || status=1
else
    echo "parse_bench not built in $BUILD/bench"
    status=1
fi

exit $status
