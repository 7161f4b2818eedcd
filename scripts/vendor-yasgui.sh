#!/usr/bin/env bash
# Refreshes the query editor that `relgraph serve` ships (src/relgraph/static/yasgui.min.js and
# yasgui.min.css) from the npm registry's @zazuko/yasgui package, at the version given (default:
# the one vendored now), and prints the lines for src/relgraph/static/README.md. The package is
# MIT and ships no licence file; static/yasgui.LICENSE.txt holds the MIT text of its repository.
# After a refresh: run tests/test_serve.py (the page in Chromium, axe-core, no external request).
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-4.6.2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@zazuko/yasgui@$version" --silent >/dev/null && tar xzf ./*.tgz)
grep -q "\"license\": \"MIT\"" "$work/package/package.json" || { echo "error: @zazuko/yasgui@$version is not MIT" >&2; exit 1; }
for file in yasgui.min.js yasgui.min.css; do
  cp "$work/package/build/$file" "src/relgraph/static/$file"
done
echo "@zazuko/yasgui $version"
(cd src/relgraph/static && sha256sum yasgui.min.js yasgui.min.css)
