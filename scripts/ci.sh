#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, builds, runs every
# test and ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages used by the tests and benchmarks (GNU time for peak RSS figures; Chromium,
# Xvfb, xwininfo and a font for the canvas, whose tests fail without them; ffmpeg for the
# media toolkit's clips and screen capture; xsetroot and xrandr from x11-xserver-utils, xauth and
# pulseaudio for the screen tests; gpsd, gpsfake, GeoClue and a D-Bus daemon for location;
# a session bus, dunst and gammu for the notify and sms plugins, whose tests talk to a real
# notification daemon and gammu's dummy phone; python3-dbus and python3-gi for the
# ModemManager stand-in, since no test machine has a modem; systemd-analyze to verify the
# generated service units; openssl for test certificates; openssh-server and its client for the
# SSH tunnel recipe, tested against a real sshd on a loopback port; redis-server for the gateway
# cluster, tested against real Redis processes on loopback ports).
DEBIAN_PACKAGES=(time chromium xvfb x11-utils x11-xserver-utils xauth pulseaudio fonts-dejavu-core ffmpeg gpsd gpsd-clients geoclue-2.0 dbus-daemon dbus dbus-x11 dunst gammu python3-dbus python3-gi systemd openssl openssh-server openssh-client redis-server)
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]} (install them with apt-get as root)" >&2
    exit 1
  fi
fi

export TURBO_TELEMETRY_DISABLED=1
# Each phase prints how long it took, so a slower CI run shows where the time went.
started=$SECONDS
phase() { echo "ci: $1 took $((SECONDS - started)) s" >&2; started=$SECONDS; }
# The interoperability tests run against the real OpenClaw, installed outside the repository;
# the download needs nothing from the build, so it runs meanwhile.
interop=$(mktemp)
bash test/interop/install.sh >"$interop" &
interop_pid=$!
npm ci --no-audit --no-fund
phase install
npm run build
phase build
npx tsc -p tsconfig.check.json
phase type-check
wait "$interop_pid"
OPENCLAW_INTEROP_CACHE="$(cat "$interop")"
rm -f "$interop"
phase "OpenClaw for the interop tests"
export OPENCLAW_INTEROP_CACHE OPENCLAW_INTEROP=1
results=$(mktemp)
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$results" || status=$?
phase tests
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file that fails outside any test (a hook, an import) counts as one failure too.
  const broken = r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (r.numTotalTests === 0) process.exit(1);
' "$results" || status=1
rm -f "$results"
# The fault suite in its bounded form: real processes, crashes and floods; ends with its own
# "faults: N passed, N failed" line.
node faults/run.js --bounded || status=1
phase "fault suite"
exit "$status"
