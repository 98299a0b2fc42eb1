#!/bin/sh
# The README's first command: run Regolith's main job on the bundled
# sample.  Until the scanner lands this parses the sample policy.
set -e
BUILD=${1:-build}
"$BUILD/regolith" parse examples/policy/sample.rego
