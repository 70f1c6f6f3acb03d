#!/usr/bin/env bash
# Check the Debian package: unpack it into a scratch root (dpkg-deb -x, nothing installed on
# this machine), validate its desktop entry and AppStream metainfo, look for the icon in every
# size and the systemd unit, compare its version with the version source, and run the
# installed launcher from the scratch root.
#
#   scripts/smoke_deb.sh [dist/ops-console_<version>_<arch>.deb]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/ops_console/__init__.py")"
DEB="${1:-$ROOT/dist/ops-console_${VERSION}_$(dpkg --print-architecture).deb}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
ok() { printf '  ok    %s\n' "$1"; passed=$((passed + 1)); }
bad() { printf '  FAIL  %s\n' "$1"; [[ -n "${2:-}" ]] && sed 's/^/        /' <<<"$2" | tail -n 15; failed=$((failed + 1)); }
echo "==> checking $DEB ($(($(stat -c %s "$DEB") / 1000000)) MB)" >&2

v="$(dpkg-deb -f "$DEB" Version)"
if [[ "$v" == "$VERSION" ]]; then ok "package version $v"; else bad "package version $v, the version source says $VERSION"; fi
deps="$(dpkg-deb -f "$DEB" Depends)"
missing_deps=""
for need in fonts-wqy-microhei libxcb-cursor0 libfontconfig1 libegl1 libpq5 libc6; do
  grep -q "\b$need\b" <<<"$deps" || missing_deps+=" $need"
done
if [[ -z "$missing_deps" ]]; then ok "Depends names the font and Qt's system libraries"; else bad "Depends lacks$missing_deps" "$deps"; fi

R="$WORK/root"
dpkg-deb -x "$DEB" "$R"
if out="$(desktop-file-validate "$R/usr/share/applications/ops-console.desktop" 2>&1)" && [[ -z "$out" ]]; then
  ok "desktop entry valid"
else
  bad "desktop-file-validate" "$out"
fi
if out="$(appstreamcli validate --no-net "$R/usr/share/metainfo/io.github.ops_console.metainfo.xml" 2>&1)"; then
  ok "AppStream metainfo valid"
else
  bad "appstreamcli validate" "$out"
fi
release="$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$R/usr/share/metainfo/io.github.ops_console.metainfo.xml" | head -n 1)"
if [[ "$release" == "$VERSION" ]]; then ok "metainfo's newest release is $release"; else bad "metainfo's newest release is '$release', not $VERSION"; fi
icons=0
for size in 16 22 24 32 48 64 128 256 512; do
  [[ -s "$R/usr/share/icons/hicolor/${size}x${size}/apps/ops-console.png" ]] && icons=$((icons + 1))
done
if [[ $icons -eq 9 && -s "$R/usr/share/icons/hicolor/scalable/apps/ops-console.svg" ]]; then
  ok "icon in 9 sizes and as SVG"
else
  bad "icons: $icons of 9 sizes"
fi
unit="$R/lib/systemd/system/ops-console-poller@.service"
if [[ -s "$unit" ]] && grep -q '^ExecStart=/opt/ops-console/ops-console poller run --name %i' "$unit"; then
  # A template is verified as an instance; the program is only unpacked here, not installed,
  # so that one complaint is expected.
  cp "$unit" "$WORK/ops-console-poller@smoke.service"
  out=""
  if command -v systemd-analyze >/dev/null; then
    out="$(systemd-analyze verify --man=no "$WORK/ops-console-poller@smoke.service" 2>&1 |
      grep -v 'ops-console is not executable')"
  fi
  if [[ -z "$out" ]]; then ok "poller service unit (systemd-analyze verify)"; else bad "systemd-analyze verify" "$out"; fi
else
  bad "the poller service unit is missing or does not run 'ops-console poller run'"
fi
if dpkg-deb -I "$DEB" postinst 2>/dev/null | grep -q "adduser --system"; then
  ok "postinst creates the poller's system user"
else
  bad "no postinst creating the ops-console user"
fi

# The installed launcher, from the scratch root, with a scrubbed environment.
out="$(env -i PATH=/usr/bin:/bin HOME="$WORK/home" OPS_CONSOLE_HOME="$WORK/home" QT_QPA_PLATFORM=offscreen \
  "$R/usr/bin/ops-console" --version 2>&1)"
if [[ "$out" == "ops-console $VERSION" ]]; then ok "installed launcher: $out"; else bad "installed launcher --version" "$out"; fi
out="$(env -i PATH=/usr/bin:/bin HOME="$WORK/home" OPS_CONSOLE_HOME="$WORK/home" QT_QPA_PLATFORM=offscreen \
  OPS_CONSOLE_DB="sqlite:///$WORK/ops.db" "$R/usr/bin/ops-console" init 2>&1)"
if [[ $? -eq 0 && -s "$WORK/ops.db" ]]; then ok "installed launcher: init creates an empty database"; else bad "installed launcher init" "$out"; fi

echo "deb package check: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
