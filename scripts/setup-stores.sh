#!/usr/bin/env bash
# Make the external components of the SPARQL tests available, quietly and idempotently:
#   - Virtuoso (Debian virtuoso-opensource: virtuoso-t, isql-vt) via apt-get when missing;
#   - the Oxigraph server (PyPI oxigraph, pinned) in the project's virtualenv when missing;
#   - Comunica (npm, tests/js/package-lock.json) via `npm ci` when node is there and it is missing.
# Exits 0 even when a component cannot be installed; its tests then skip with a reason.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
OXIGRAPH_VERSION="0.5.13"

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi

if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get update -qq >/dev/null 2>&1 || true
        $SUDO apt-get install -y -qq virtuoso-opensource >/dev/null 2>&1 \
            || echo "setup-stores: could not install virtuoso-opensource; Virtuoso tests will be skipped" >&2
        # The package starts a system service on the default ports; the tests start their own.
        if command -v service >/dev/null 2>&1; then $SUDO service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi
    else
        echo "setup-stores: no apt-get; Virtuoso tests will be skipped" >&2
    fi
fi

if [ -x "$VENV/bin/python" ] && [ ! -x "$VENV/bin/oxigraph" ]; then
    "$VENV/bin/pip" install --quiet "oxigraph==$OXIGRAPH_VERSION" \
        || echo "setup-stores: could not install oxigraph; Oxigraph server tests will be skipped" >&2
fi

if command -v npm >/dev/null 2>&1; then
    if [ ! -d "$ROOT/tests/js/node_modules/@comunica/query-sparql" ]; then
        (cd "$ROOT/tests/js" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) \
            || echo "setup-stores: npm ci failed in tests/js; Comunica tests will be skipped" >&2
    fi
else
    echo "setup-stores: no npm; Comunica tests will be skipped" >&2
fi
exit 0
