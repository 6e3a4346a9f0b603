#!/usr/bin/env bash
# The main job: a gateway and a local headless node on this machine, paired over loopback.
# Installs and builds on first use, then keeps both running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f hosts/cli/dist/main.js ] || npm run build

export OPENCLAW_STATE_DIR="${OPENCLAW_STATE_DIR:-$HOME/.openclaw}"
PORT="${OPENCLAW_GATEWAY_PORT:-18789}"
NAME="${OPENCLAW_NODE_NAME:-$(hostname) (local)}"
LOGS="$OPENCLAW_STATE_DIR/logs"
# A new state dir is private; an existing one is left as its owner set it (the gateway warns
# when others can enter it).
[ -d "$OPENCLAW_STATE_DIR" ] || mkdir -m 700 -p "$OPENCLAW_STATE_DIR"
mkdir -p "$LOGS"
openclaw() { node "$ROOT/hosts/cli/bin/openclaw.js" "$@"; }
# The node flags and environment the installed services give each long-lived host
# (HOST_NODE_FLAGS, hostEnvironment). Paths and kinds are arguments, never source text: a
# checkout path with a quote, # or % still works.
host_setting() { node --input-type=module -e "const m = await import((await import('node:url')).pathToFileURL(process.argv[1]).href); console.log(process.argv[2] === 'glibc' ? m.hostEnvironment(process.env).GLIBC_TUNABLES ?? '' : m.HOST_NODE_FLAGS[process.argv[2]].join(' '))" "$ROOT/hosts/cli/dist/services/openclaw-command.js" "$1"; }
host() {
  local kind=$1 tunables
  shift
  tunables="$(host_setting glibc)"
  env ${tunables:+"GLIBC_TUNABLES=$tunables"} node $(host_setting "$kind") "$ROOT/hosts/cli/bin/openclaw.js" "$kind" run "$@"
}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 0' INT TERM

echo "Starting the gateway on 127.0.0.1:$PORT (state in $OPENCLAW_STATE_DIR)..."
host gateway --port "$PORT" >"$LOGS/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  grep -q 'listening on' "$LOGS/gateway.log" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$LOGS/gateway.log" >&2; exit 1; }
  sleep 0.1
done

# --show-secrets: config get prints secrets as __OPENCLAW_REDACTED__ otherwise.
OPENCLAW_GATEWAY_TOKEN="$(openclaw config get gateway.auth.token --show-secrets)"
export OPENCLAW_GATEWAY_TOKEN
URL="ws://127.0.0.1:$PORT"

echo "Starting a headless node \"$NAME\"..."
host node --host 127.0.0.1 --port "$PORT" --display-name "$NAME" >"$LOGS/node.log" 2>&1 &
pids+=($!)

# Loopback device pairing is silent; the node's commands still need an operator's approval.

for _ in $(seq 1 100); do
  pending="$(openclaw nodes pending --json --url "$URL" 2>/dev/null || true)"
  request="$(printf '%s' "$pending" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const p=JSON.parse(s);const r=Array.isArray(p)?p.find(x=>x.displayName===process.argv[1]):undefined;if(r)console.log(r.requestId)}catch{}})' "$NAME")"
  if [ -n "$request" ]; then
    openclaw nodes approve "$request" --url "$URL" >/dev/null
    break
  fi
  status="$(openclaw nodes status --json --url "$URL" 2>/dev/null || true)"
  if printf '%s' "$status" | grep -q '"approvalState": "approved"'; then break; fi
  sleep 0.2
done

echo
openclaw nodes status --url "$URL"
echo
echo "Invoking system.which on the node:"
openclaw nodes invoke --url "$URL" --node "$NAME" --command system.which --params '{"bins":["sh","uname"]}'
cat <<EOF

The gateway and the node are running (logs in $LOGS). In another terminal:

  export OPENCLAW_STATE_DIR="$OPENCLAW_STATE_DIR" OPENCLAW_GATEWAY_PORT="$PORT"
  npx openclaw nodes status
  npx openclaw nodes describe --node "$NAME"
  npx openclaw nodes invoke --node "$NAME" --command system.which --params '{"bins":["git"]}'

Press Ctrl-C to stop both.
EOF
wait
