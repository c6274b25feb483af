#!/usr/bin/env bash
# Remove what packaging/linux/install.sh installed. The vault, its backups and the settings
# are the person's data and stay where they are.
set -euo pipefail

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
PREFIX=${PONT_PREFIX:-$HOME/.local/opt/pont}
BIN=${PONT_BIN:-$HOME/.local/bin}

if [ -L "$BIN/pont" ] && [ "$(readlink "$BIN/pont")" = "$PREFIX/pont" ]; then
  rm -f "$BIN/pont"
fi
rm -rf "$PREFIX"
rm -f "$DATA/applications/org.pont.Pont.desktop" \
  "$DATA/mime/packages/org.pont.Pont.xml" \
  "$DATA/metainfo/org.pont.Pont.metainfo.xml"
find "$DATA/icons/hicolor" -name 'org.pont.Pont.*' -delete 2>/dev/null || true

command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null &&
  gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" 2>/dev/null || true
echo "uninstall: Pont removed (your vault and backups were not touched)"
