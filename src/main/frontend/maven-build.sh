#!/usr/bin/env bash
# Builds the browser page for the Maven build (phase generate-resources): installs the npm packages from
# package-lock.json (npm ci) when node_modules is missing or older than the lock file, then bundles
# CodeMirror and the page into OUT_DIR with esbuild.   Usage: maven-build.sh OUT_DIR
set -euo pipefail
[[ "${BASH_SOURCE[0]}" == */* ]] && cd "${BASH_SOURCE[0]%/*}"
out="${1:?usage: maven-build.sh OUT_DIR}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: the browser page (src/main/frontend) is built with Node.js 18+ and npm, and they are not on PATH." >&2
  echo "ERROR: install them (e.g. apt-get install nodejs npm) and build again." >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if (( major < 18 )); then
  echo "ERROR: the browser page needs Node.js 18 or newer; this node is $(node --version)." >&2
  exit 1
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[frontend] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[frontend] npm run build"
npm run --silent build -- "$out"
