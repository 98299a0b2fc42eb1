#!/bin/sh
# Install the Debian packages the build needs, if any are missing.
# Run as root with apt-get, it installs them and says which; otherwise it
# prints the command to run and fails.
set -e

# pkg-config module, then the Debian package that provides it.
wanted="libcjson:libcjson-dev yaml-0.1:libyaml-dev libcurl:libcurl4-openssl-dev
libpcre2-8:libpcre2-dev gmp:libgmp-dev mpfr:libmpfr-dev libcrypto:libssl-dev
check:check"

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc make"
# Some command-line tests compare JSON documents with python3's json module.
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
for pair in $wanted; do
    module=${pair%%:*}
    package=${pair#*:}
    if ! pkg-config --exists "$module" 2>/dev/null; then
        missing="$missing $package"
    fi
done
# The time builtins read IANA time zones from the system zoneinfo.
[ -e /usr/share/zoneinfo/UTC ] || missing="$missing tzdata"
[ -z "$missing" ] && exit 0
missing="$missing libsubunit-dev"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $missing >/dev/null
    echo "deps: installed"
else
    echo "deps: missing packages:$missing" >&2
    echo "deps: run: sudo apt-get install$missing" >&2
    exit 1
fi
