#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when it is missing (Playwright's own browser
# download does not work on machines without general internet access).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "error: /usr/bin/chromium is missing and apt-get needs root; install Debian's chromium package" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
