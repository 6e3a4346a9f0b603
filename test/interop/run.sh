#!/usr/bin/env bash
# One command for the interoperability tests: install the real OpenClaw into the cache, build,
# and run test/interop against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
OPENCLAW_INTEROP_CACHE="$(bash test/interop/install.sh)"
export OPENCLAW_INTEROP_CACHE OPENCLAW_INTEROP=1
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
npx vitest run test/interop "$@"
