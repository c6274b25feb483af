#!/usr/bin/env bash
# Build the one-folder Pont app with PyInstaller: dist/pont/ (Linux, Windows), dist/Pont.app (macOS).
#
#   bash packaging/build.sh            from a clean clone: makes .venv-build, installs .[build]
#   PONT_VENV=.venv bash packaging/build.sh    reuse an existing venv (faster; the venv must
#                                               hold only Pont and its dependencies + extras)
#
# Then: bash packaging/smoke.sh (runs the bundle headless and checks the size budget).
# Needs: python3 (3.11+) with venv, binutils (objdump, strip), and network access for pip.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}
VENV=${PONT_VENV:-$ROOT/.venv-build}
DIST=${PONT_DIST:-$ROOT/dist}
WORK=${PONT_WORK:-$ROOT/build/pyinstaller}

if [ ! -x "$VENV/bin/python" ]; then
  echo "build: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
# A clean venv: Pont with exactly its own dependencies and PyInstaller (the `build` extra).
# Not editable: the spec takes Pont's code from this checkout, the venv gives the libraries.
if ! "$PY" -c "import PyInstaller, PySide6, sqlcipher3, keyring, pyhanko, fpdf, pypdfium2" 2>/dev/null; then
  echo "build: installing .[build] into $VENV"
  "$PY" -m pip install -q --upgrade pip
  "$PY" -m pip install -q "$ROOT[build]"
fi

# Icons for the platform (Windows .ico, macOS .icns) and the hicolor PNGs for Linux.
QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py --out build/icons
# The translation catalogues, compiled (none yet: English (UK) is the source language).
"$PY" packaging/update_translations.py --release

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/pont.spec
echo "build: PyInstaller took $(( $(date +%s) - start )) s"

case "$(uname -s)" in
  Darwin) BUNDLE="$DIST/Pont.app" ;;
  *) BUNDLE="$DIST/pont" ;;
esac
bytes=$(du -sb "$BUNDLE" 2>/dev/null | cut -f1 || du -sk "$BUNDLE" | awk '{print $1 * 1024}')
echo "build: $BUNDLE is $(( bytes / 1000000 )) MB ($bytes bytes); budget: $(grep -v "^#" packaging/BUDGET | tr -dc 0-9) bytes"
echo "build: largest parts:"
(cd "$BUNDLE" && find . -type f -printf '%s %p\n' | sort -rn | head -8 |
  awk '{ printf "  %6.1f MB  %s\n", $1 / 1000000, $2 }') || true
