#!/usr/bin/env bash
# macOS: build "Ops Console.app" and a disk image with it and a link to /Applications.
# Runs on a Mac (.github/workflows/installers.yml uses a hosted macOS runner), not on the
# Linux CI.
#
#   installers/macos/build_dmg.sh        -> dist/Ops-Console-<version>.dmg
#
# The .app comes from the same PyInstaller spec (its BUNDLE step writes Info.plist: bundle
# id io.github.ops_console, the version from ops_console/__init__.py, English and Chinese).
# Signing and notarization need the maintainers' Apple Developer ID: when CODESIGN_IDENTITY
# is set the app is signed with the hardened runtime before the image is made; notarize the
# .dmg afterwards with `xcrun notarytool submit --wait` and `xcrun stapler staple`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' ops_console/__init__.py)"
"$PY" scripts/make_icons.py build/icons
PYTHONPATH="$ROOT" "$PY" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
  installers/ops-console.spec
APP="dist/Ops Console.app"
plutil -lint "$APP/Contents/Info.plist"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
  codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict "$APP"
fi
"$APP/Contents/MacOS/ops-console" --version
STAGE="build/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Ops Console $VERSION" -srcfolder "$STAGE" -ov -format UDZO \
  "dist/Ops-Console-$VERSION.dmg"
echo "dist/Ops-Console-$VERSION.dmg"
