#!/usr/bin/env bash
# An independent RDF parser for the output checks: rapper (Debian's raptor2-utils). Never fails the
# build: the test that needs it skips with the reason when it cannot be installed.
set -u
if ! command -v rapper >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq raptor2-utils >/dev/null 2>&1 \
        || { $SUDO apt-get update -qq >/dev/null 2>&1; $SUDO apt-get install -y -qq raptor2-utils >/dev/null 2>&1; } \
        || echo "setup-parsers: could not install raptor2-utils; the rapper check will be skipped" >&2
fi
exit 0
