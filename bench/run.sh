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

# ---- compile cache: 500 rules in a fresh engine, warm cache vs none ----
echo "== compile cache"
if [ -x "$BUILD/bench/cache_bench" ]; then
    "$BUILD/bench/cache_bench" || status=1
else
    echo "cache_bench not built in $BUILD/bench"
    status=1
fi

# ---- scanning: the shared corpus and a generated 2,500-resource cluster,
# framework all, median wall time of several runs and the largest peak
# memory (from the scanner's --stats, which reads getrusage).  The
# embedded library is used unless SCAN_POLICY_DIR names another -------
echo "== scanning"
SCAN_RUNS=${SCAN_RUNS:-5}
SHARED=${SHARED:-$(git rev-parse --show-toplevel 2>/dev/null)/../shared}
[ -d "$SHARED/manifests" ] || SHARED=/work/shared
scan_bench() {
    label=$1
    shift
    times=""
    cpus=""
    peak=0
    i=0
    while [ "$i" -lt "$SCAN_RUNS" ]; do
        start=$(date +%s%N)
        "$BUILD/regolith" scan framework all ${SCAN_POLICY_DIR:+--policy-dir \
            "$SCAN_POLICY_DIR"} "$@" --format json --stats \
            >/dev/null 2>"$tmpdir/stats"
        rc=$?
        end=$(date +%s%N)
        if [ "$rc" -gt 1 ]; then
            echo "$label: scan failed with exit status $rc"
            status=1
            return
        fi
        times="$times $(( (end - start) / 1000000 ))"
        kib=$(sed -n 's/^stats: peak memory \([0-9]*\) KiB.*/\1/p' \
              "$tmpdir/stats")
        cpus="$cpus $(sed -n 's/^stats: .* CPU time \([0-9]*\) ms$/\1/p' \
              "$tmpdir/stats")"
        [ "${kib:-0}" -gt "$peak" ] && peak=$kib
        i=$((i + 1))
    done
    median=$(echo "$times" | tr ' ' '\n' | sed '/^$/d' | sort -n |
             awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    cpu=$(echo "$cpus" | tr ' ' '\n' | sed '/^$/d' | sort -n |
          awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    echo "$label: median ${median} ms of $SCAN_RUNS runs (all:$times ms), CPU ${cpu} ms, peak memory $((peak / 1024)) MiB"
}
tmpdir=$(mktemp -d)
if [ -x "$BUILD/bench/gen_cluster" ] && [ -d "$SHARED/manifests" ]; then
    "$BUILD/bench/gen_cluster" "$tmpdir/cluster" 2500
    scan_bench "shared manifests" "$SHARED/manifests"
    scan_bench "generated cluster (2,500 resources)" "$tmpdir/cluster"
else
    echo "scanning: needs $BUILD/bench/gen_cluster and $SHARED/manifests"
    status=1
fi
rm -rf "$tmpdir"

exit $status
