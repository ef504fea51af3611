#!/usr/bin/env bash
# Makes sure the e2e tests have a Chromium: $CHROMIUM_PATH, /usr/bin/chromium, or (as root on
# Debian) installs Debian's chromium package. Never downloads a browser build of its own.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "e2e: installing Debian's chromium (apt-get install -y chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "e2e: no Chromium found. Install one (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
exit 1
