#!/usr/bin/env bash
# Install what the browser tests (tests/web/test_browser.py) need: Debian's chromium.
# Idempotent: does nothing when /usr/bin/chromium is already there. The Python side
# (playwright from PyPI) comes with the project's `test` extra; Playwright drives this
# system chromium through executable_path, so no browser is ever downloaded
# (`playwright install` is never run: it fetches a browser build and fails offline).
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    echo "chromium present: $CHROMIUM"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        # Not fatal: the browser tests then skip and say why.
        echo "warning: chromium is missing and this user cannot install it; run as root:" \
             "apt-get update && apt-get install -y chromium" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium installed: $($CHROMIUM --version 2>/dev/null || echo "$CHROMIUM")"
