#!/usr/bin/env bash
# Installs Comunica (a SPARQL engine written in TypeScript, from the npm registry) into
# .venv/comunica for the cross-engine query tests (tests/test_queries.py). Pinned versions.
# Apache Jena from Debian (libapache-jena-java 4.5) was tried first: its ARQ fails to start on
# this Debian's Java 17 (an internal error in its bundled Xerces), so Comunica is the non-Python engine.
set -euo pipefail
cd "$(dirname "$0")/.."
target=.venv/comunica
if [ -f "$target/node_modules/@comunica/query-sparql-file/package.json" ] && [ -f "$target/node_modules/n3/package.json" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "error: npm is missing; install Debian's nodejs and npm packages" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
mkdir -p "$target"
npm install --prefix "$target" --no-audit --no-fund --silent --save-exact @comunica/query-sparql-file@4.5.0 n3@1.26.0
