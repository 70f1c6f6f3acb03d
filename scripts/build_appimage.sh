#!/usr/bin/env bash
# Build the AppImage dist/Ops_Console-<version>-x86_64.AppImage from the bundle, and check it.
#
#   scripts/build_bundle.sh && scripts/build_appimage.sh [dist/ops-console]
#
# The reference AppImage runtime is a prebuilt binary that this project's machines cannot
# fetch, so the runtime is built here from installers/linux/appimage/runtime.c against
# libsquashfs (Debian's libsquashfs-dev, linked statically): it extracts and runs, as the
# reference runtime does with APPIMAGE_EXTRACT_AND_RUN=1, and needs no FUSE. The AppDir is the
# bundle plus AppRun, the desktop entry, the icon and the AppStream metainfo, packed with
# mksquashfs (zstd). Ends by running the AppImage's --version with APPIMAGE_EXTRACT_AND_RUN=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/ops-console}" && pwd)"
PY="${OPS_CONSOLE_VENV:-$ROOT/.venv}/bin/python"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/ops_console/__init__.py")"
WORK="$ROOT/build/appimage"
APPDIR="$WORK/AppDir"
OUT="$ROOT/dist/Ops_Console-$VERSION-x86_64.AppImage"
start=$(date +%s)

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/share/metainfo" "$APPDIR/usr/share/applications"
cp -a "$BUNDLE/." "$APPDIR/"
ln -s ops-console "$APPDIR/AppRun"
install -m 644 "$ROOT/installers/linux/ops-console.desktop" "$APPDIR/ops-console.desktop"
install -m 644 "$ROOT/installers/linux/ops-console.desktop" "$APPDIR/usr/share/applications/"
install -m 644 "$ROOT/installers/linux/io.github.ops_console.metainfo.xml" \
  "$APPDIR/usr/share/metainfo/io.github.ops_console.appdata.xml"
"$PY" "$ROOT/scripts/make_icons.py" "$WORK/icons" >/dev/null
install -m 644 "$WORK/icons/hicolor/256x256/apps/ops-console.png" "$APPDIR/ops-console.png"
ln -s ops-console.png "$APPDIR/.DirIcon"

# The runtime: static, then marked as an AppImage of type 2 ('A' 'I' 2 at offset 8).
gcc -O2 -static -o "$WORK/runtime" "$ROOT/installers/linux/appimage/runtime.c" \
  -lsquashfs -lzstd -llzma -llz4 -lz 2> >(grep -v "statically linked applications requires" >&2)
strip "$WORK/runtime"
printf 'AI\002' | dd of="$WORK/runtime" bs=1 seek=8 count=3 conv=notrunc status=none

mksquashfs "$APPDIR" "$WORK/payload.squashfs" -root-owned -noappend -comp zstd -quiet -no-progress
cat "$WORK/runtime" "$WORK/payload.squashfs" >"$OUT"
chmod 755 "$OUT"
echo "==> $(basename "$OUT"): $(($(stat -c %s "$OUT") / 1000000)) MB, built in $(($(date +%s) - start)) s" >&2

out="$(env -i PATH=/usr/bin:/bin HOME="$WORK" APPIMAGE_EXTRACT_AND_RUN=1 TMPDIR="$WORK" "$OUT" --version 2>&1)"
if [[ "$out" != "ops-console $VERSION" ]]; then
  echo "AppImage --version said: $out" >&2
  exit 1
fi
if compgen -G "$WORK/appimage_extracted_*" >/dev/null; then
  echo "AppImage left its extracted folder behind" >&2
  exit 1
fi
echo "    APPIMAGE_EXTRACT_AND_RUN=1 $(basename "$OUT") --version: $out" >&2
