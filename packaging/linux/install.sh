#!/usr/bin/env bash
# Install the one-folder Pont bundle for the current user, the XDG way:
#   ~/.local/opt/pont/                     the bundle (dist/pont, copied)
#   ~/.local/bin/pont                      a symlink to it (the command line)
#   ~/.local/share/applications/org.pont.Pont.desktop    (menu entry, file types it opens)
#   ~/.local/share/mime/packages/org.pont.Pont.xml       (request, SD-JWT, backup types)
#   ~/.local/share/icons/hicolor/<size>/apps/org.pont.Pont.{png,svg}
#   ~/.local/share/metainfo/org.pont.Pont.metainfo.xml  (software centres)
#
#   bash packaging/linux/install.sh [BUNDLE]     BUNDLE defaults to dist/pont
# Nothing needs root. Undo with packaging/linux/uninstall.sh (the vault is never touched).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE=${1:-$ROOT/dist/pont}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
PREFIX=${PONT_PREFIX:-$HOME/.local/opt/pont}
BIN=${PONT_BIN:-$HOME/.local/bin}
ICONS=${PONT_ICONS:-$ROOT/build/icons}
PYTHON=${PYTHON:-python3}

[ -x "$BUNDLE/pont" ] || { echo "install: no bundle at $BUNDLE (run packaging/build.sh)" >&2; exit 1; }
if [ ! -d "$ICONS/hicolor" ]; then
  # the PNGs are build products (build.sh makes them); render them now with the build venv
  venv_python=${PONT_VENV:-$ROOT/.venv-build}/bin/python
  [ -x "$venv_python" ] || venv_python=$PYTHON
  QT_QPA_PLATFORM=offscreen "$venv_python" "$ROOT/packaging/make_icons.py" --out "$ICONS"
fi

# the bundle: copied next to the old one, then swapped in, so a failed copy changes nothing
mkdir -p "$(dirname "$PREFIX")"
rm -rf "$PREFIX.new"
cp -a "$BUNDLE" "$PREFIX.new"
rm -rf "$PREFIX.old"
[ -e "$PREFIX" ] && mv "$PREFIX" "$PREFIX.old"
mv "$PREFIX.new" "$PREFIX"
rm -rf "$PREFIX.old"
mkdir -p "$BIN"
ln -sfn "$PREFIX/pont" "$BIN/pont"

# desktop entry: Exec and TryExec point at the installed program (~/.local/bin may not be on
# the desktop session's PATH)
install -d "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo"
sed -e "s#^Exec=pont #Exec=\"$PREFIX/pont\" #" -e "s#^TryExec=pont#TryExec=$PREFIX/pont#" \
  "$HERE/org.pont.Pont.desktop" > "$DATA/applications/org.pont.Pont.desktop"
install -m 644 "$HERE/org.pont.Pont.mime.xml" "$DATA/mime/packages/org.pont.Pont.xml"
install -m 644 "$HERE/org.pont.Pont.metainfo.xml" "$DATA/metainfo/org.pont.Pont.metainfo.xml"
(cd "$ICONS/hicolor" && find . -name 'org.pont.Pont.*' | while read -r icon; do
  install -D -m 644 "$icon" "$DATA/icons/hicolor/$icon"
done)

# refresh the caches the desktop reads (each tool is optional)
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null &&
  gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" 2>/dev/null || true
# make Pont the default for its request files and packets (the person can change it)
if command -v xdg-mime >/dev/null; then
  xdg-mime default org.pont.Pont.desktop application/x-pont-request+json application/sd-jwt ||
    true
fi

echo "install: Pont is in $PREFIX ($(du -sh "$PREFIX" | cut -f1)); run it from the menu or: $BIN/pont"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "install: note: $BIN is not on your PATH" ;; esac
