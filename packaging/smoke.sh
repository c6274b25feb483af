#!/usr/bin/env bash
# Check a built bundle (bash packaging/build.sh first):
#   1. size: `du -sb` of the bundle must not exceed packaging/BUDGET;
#   2. libraries: every Qt / ICU / PySide library a bundled file links to is in the bundle;
#   3. `pont --smoke-test` in the frozen app, headless, with an empty HOME, inside a private
#      D-Bus session with an unlocked gnome-keyring: it must print "PONT SMOKE OK", exit 0,
#      and have stored, used and forgotten a device key in the Secret Service;
#   4. if xvfb-run is installed, the same test on the xcb platform (the real X11 plugin).
#
#   bash packaging/smoke.sh [BUNDLE]        BUNDLE defaults to dist/pont
# Needs: dbus-run-session (dbus) and gnome-keyring-daemon (gnome-keyring), as .ci/run installs.
# PONT_SMOKE_NO_KEYRING=1 skips the keyring part where those cannot be installed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUNDLE=${1:-$ROOT/dist/pont}
EXE="$BUNDLE/pont"
BUDGET=$(grep -v '^#' "$ROOT/packaging/BUDGET" | tr -dc 0-9)
MARKER="PONT SMOKE OK"
failed=0

fail() { echo "smoke: FAIL: $*" >&2; failed=1; }

[ -x "$EXE" ] || { echo "smoke: no bundle at $BUNDLE (run packaging/build.sh)" >&2; exit 1; }

# 1. size budget
bytes=$(du -sb "$BUNDLE" | cut -f1)
echo "smoke: bundle $(( bytes / 1000000 )) MB ($bytes bytes), budget $(( BUDGET / 1000000 )) MB"
if [ "$bytes" -gt "$BUDGET" ]; then
  fail "the bundle is over its size budget by $(( (bytes - BUDGET) / 1000 )) kB (packaging/BUDGET)"
fi

# 2. no bundled file needs a Qt library that pruning removed
missing=$(cd "$BUNDLE/_internal" && find . -name '*.so*' -type f -print0 |
  xargs -0 -r objdump -p 2>/dev/null | awk '/NEEDED/ {print $2}' | sort -u |
  grep -E '^lib(Qt6|icu|pyside6|shiboken6)' | while read -r lib; do
    [ -e "$lib" ] || [ -e "PySide6/Qt/lib/$lib" ] || echo "$lib"
  done || true)
if [ -n "$missing" ]; then
  fail "bundled files link to libraries the bundle lacks: $(echo "$missing" | tr '\n' ' ')"
fi

# 3. the smoke test, headless, with a real Secret Service and nobody's real data
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat > "$scratch/inner.sh" <<'EOF'
set -eu
home=$1; shift
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
if [ "${PONT_SMOKE_KEYRING:-}" = required ]; then
  # a new login keyring with a throwaway password, unlocked; the daemon ends with the bus
  eval "$(printf 'smoke-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
fi
exec timeout 180 "$@" --smoke-test
EOF

run_smoke() {  # label, then the command prefix
  local label=$1; shift
  local home="$scratch/home-$label" out="$scratch/out-$label" rc=0
  mkdir -p "$home"
  "$@" bash "$scratch/inner.sh" "$home" "$EXE" > "$out" 2> "$out.err" || rc=$?
  cat "$out"
  if [ "$rc" -ne 0 ] || ! grep -q "^$MARKER " "$out"; then
    sed 's/^/  stderr: /' "$out.err" | grep -v 'Failed to set fd limit' | tail -30 >&2
    fail "$label: exit status $rc, marker ${MARKER@Q} $(grep -q "^$MARKER " "$out" && echo found || echo missing)"
  else
    echo "smoke: $label: ok"
  fi
}

if [ "${PONT_SMOKE_NO_KEYRING:-}" = 1 ]; then
  QT_QPA_PLATFORM=offscreen run_smoke offscreen env
else
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || { echo "smoke: $tool is missing (apt-get install dbus gnome-keyring)" >&2; exit 1; }
  done
  PONT_SMOKE_KEYRING=required run_smoke offscreen-keyring dbus-run-session --
fi

# 4. the X11 platform plugin really loads (the bundle's xcb plugin and its libraries)
if command -v xvfb-run >/dev/null; then
  PONT_SMOKE_PLATFORM=xcb run_smoke xcb xvfb-run -a -s "-screen 0 1280x900x24"
else
  echo "smoke: xvfb-run not installed; the xcb platform was not tried"
fi

if [ "$failed" -ne 0 ]; then
  echo "smoke: FAILED" >&2
  exit 1
fi
echo "smoke: all checks passed"
