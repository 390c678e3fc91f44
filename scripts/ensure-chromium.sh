#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through playwright-core (Playwright's own
# browser download cannot work offline). Install it when missing and we are allowed to.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
# Chinese fonts too: without them screenshots show boxes instead of characters.
if [[ -x "$CHROMIUM" ]] && { [[ -n ${CHROMIUM_PATH:-} ]] || fc-list 2>/dev/null | grep -qi "noto.*cjk"; }; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
  echo "Installing Chromium and CJK fonts for the browser tests (apt-get install chromium fonts-noto-cjk)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk > /dev/null
  exit 0
fi
if [[ -x "$CHROMIUM" ]]; then
  echo "warning: no CJK font found (apt-get install fonts-noto-cjk); screenshots will show boxes for Chinese." >&2
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM: install it (e.g. sudo apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH." >&2
exit 1
