#!/usr/bin/env bash
# What the tests need that pip cannot give: Debian's Chromium and CJK
# fonts (without them Chinese renders as boxes), and Lighthouse from npm.
# Installs only what is missing; needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)  # the reproducible-build test runs one build on another day
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
# Wanted, not needed: Chromium's headless shell runs the browser tests a fifth faster (Debian has it; where
# there is no such package, the tests use the full Chromium: scripts/measuring/measure.py).
optional=()
[ -x /usr/bin/chromium-headless-shell ] || optional+=(chromium-headless-shell)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ ${#missing[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ]; then
  echo "setup-system: installing ${missing[*]} ${optional[*]}"
  $SUDO apt-get update -q >/dev/null
fi
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}" >/dev/null
fi
if [ ${#optional[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${optional[@]}" >/dev/null 2>&1 \
    || echo "setup-system: no ${optional[*]} here; the browser tests use the full Chromium"
fi
if [ ! -x node_modules/.bin/lighthouse ]; then
  echo "setup-system: installing lighthouse (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
