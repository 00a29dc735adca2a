#!/usr/bin/env bash
# Make a headless browser available to the view tests, quietly and idempotently.
#   - Debian's chromium at /usr/bin/chromium (apt-get) when it is missing;
#   - Playwright for Python (pinned) in the project's virtualenv when it is missing.
# Playwright's own browser downloads are never used: the tests launch /usr/bin/chromium.
# Exits 0 even when chromium cannot be installed; the browser tests then skip with a reason.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PLAYWRIGHT_VERSION="1.65.2"

if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null 2>&1; then
        SUDO=""
        if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
        export DEBIAN_FRONTEND=noninteractive
        $SUDO apt-get update -qq >/dev/null 2>&1 || true
        $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null 2>&1 \
            || $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 \
            || echo "setup-browser: could not install chromium; browser tests will be skipped" >&2
    else
        echo "setup-browser: no apt-get; browser tests will be skipped" >&2
    fi
fi

if [ -x "$VENV/bin/python" ]; then
    if ! "$VENV/bin/python" -c "import playwright" >/dev/null 2>&1; then
        "$VENV/bin/pip" install --quiet "playwright==$PLAYWRIGHT_VERSION" \
            || echo "setup-browser: could not install playwright; browser tests will be skipped" >&2
    fi
fi
exit 0
