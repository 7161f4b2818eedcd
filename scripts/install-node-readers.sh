#!/usr/bin/env bash
# Installs the JavaScript the tests use (tests/js: graphology-gexf reads the GEXF export; axe-core
# checks the HTML page's accessibility in Chromium) from the npm
# registry at the versions of tests/js/package-lock.json; Debian's nodejs and npm when missing.
set -euo pipefail
cd "$(dirname "$0")/../tests/js"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "error: node and npm are missing and apt-get needs root; install Debian's nodejs and npm" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -d node_modules/graphology-gexf ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
