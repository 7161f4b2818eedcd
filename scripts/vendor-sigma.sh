#!/usr/bin/env bash
# Vendors the WebGL renderer of large pages (src/relgraph/export/html.py, RENDERERS): sigma.js 3
# and graphology, from the npm registry at pinned versions, each tarball checked against the
# integrity hash the registry published for it. Both are MIT; their licence files are copied
# beside the built files. The page inlines sigma.min.js (UMD, global `Sigma`) and
# graphology.umd.min.js (UMD, global `graphology`). After a refresh: run tests/test_html_webgl.py.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A INTEGRITY=(
  [sigma@3.0.3]="sha512-5H0zFlx6/NTQpqBg4Rm569ZOpnBOXMaS25UQThIWMU3XyzI5AhmorK/gnl87BvJBLhQd0tW4C0LIp3enWzMoNw=="
  [graphology@0.26.0]="sha512-8SSImzgUUYC89Z042s+0r/vMibY7GX/Emz4LDO5e7jYXhuoWfHISPFJYjpRLUSJGq6UQ6xlenvX1p/hJdfXuXg=="
)
declare -A BUILT=([sigma@3.0.3]="dist/sigma.min.js" [graphology@0.26.0]="dist/graphology.umd.min.js")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for package in "${!INTEGRITY[@]}"; do
  name="${package%@*}"
  (cd "$work" && mkdir "$name" && cd "$name" && npm pack "$package" --silent >/dev/null)
  tarball="$(ls "$work/$name"/*.tgz)"
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  [ "$actual" = "${INTEGRITY[$package]}" ] || { echo "error: $package: integrity $actual, expected ${INTEGRITY[$package]}" >&2; exit 1; }
  tar xzf "$tarball" -C "$work/$name"
  grep -q '"license": "MIT"' "$work/$name/package/package.json" || { echo "error: $package is not MIT" >&2; exit 1; }
  built="${BUILT[$package]}"
  cp "$work/$name/package/$built" "src/relgraph/static/$(basename "$built")"
  cp "$work/$name/package/LICENSE.txt" "src/relgraph/static/$name.LICENSE.txt"
  echo "$package $(basename "$built")"
done
(cd src/relgraph/static && sha256sum sigma.min.js graphology.umd.min.js)
