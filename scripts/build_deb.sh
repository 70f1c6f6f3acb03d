#!/usr/bin/env bash
# Build the Debian package dist/ops-console_<version>_<arch>.deb from the bundle.
#
#   scripts/build_bundle.sh && scripts/build_deb.sh [dist/ops-console]
#
# The package installs the bundle in /opt/ops-console with /usr/bin/ops-console pointing at it,
# the desktop entry, the AppStream metainfo, the icon in every size (rendered from the one
# SVG), and the poller's systemd unit (not enabled: `systemctl enable --now
# ops-console-poller@NAME` after filling in /etc/ops-console/poller.env; the package creates
# the system user ops-console it runs as). Depends: is worked out by
# dpkg-shlibdeps from the libraries the bundle leaves to the system, plus what is loaded at run
# time (OpenGL/EGL, libpq for PostgreSQL), the Chinese font and adduser (for the postinst).
# Compressed with zstd (dpkg 1.21, Debian 12): xz took over 4 minutes on the shared machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/ops-console}" && pwd)"
PY="${OPS_CONSOLE_VENV:-$ROOT/.venv}/bin/python"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/ops_console/__init__.py")"
ARCH="$(dpkg --print-architecture)"
WORK="$ROOT/build/deb"
PKG="$WORK/root"
OUT="$ROOT/dist/ops-console_${VERSION}_${ARCH}.deb"

rm -rf "$WORK"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/metainfo" "$PKG/usr/share/icons" "$PKG/usr/share/doc/ops-console" \
  "$PKG/lib/systemd/system" "$PKG/etc/ops-console"

cp -a "$BUNDLE" "$PKG/opt/ops-console"
ln -s ../../opt/ops-console/ops-console "$PKG/usr/bin/ops-console"
install -m 644 "$ROOT/installers/linux/ops-console.desktop" "$PKG/usr/share/applications/"
install -m 644 "$ROOT/installers/linux/io.github.ops_console.metainfo.xml" "$PKG/usr/share/metainfo/"
"$PY" "$ROOT/scripts/make_icons.py" "$WORK/icons" >/dev/null
cp -r "$WORK/icons/hicolor" "$PKG/usr/share/icons/"
install -m 644 "$ROOT/installers/linux/ops-console-poller@.service" "$PKG/lib/systemd/system/"
install -m 600 "$ROOT/installers/linux/poller.env" "$PKG/etc/ops-console/poller.env"
install -m 644 "$ROOT/README.md" "$ROOT/CHANGELOG.md" "$PKG/usr/share/doc/ops-console/"
install -m 644 "$ROOT/resources/fonts/LICENSE-wqy-microhei.txt" "$PKG/usr/share/doc/ops-console/"

# Depends: the shared libraries the bundle does not carry, as dpkg-shlibdeps finds them.
mkdir -p "$WORK/src/debian"
printf 'Source: ops-console\n\nPackage: ops-console\nArchitecture: any\n' >"$WORK/src/debian/control"
mapfile -d '' elves < <(find "$PKG/opt/ops-console" -type f \( -name '*.so*' -o -name ops-console \) -print0)
shlibs="$(cd "$WORK/src" && dpkg-shlibdeps -O --ignore-missing-info -l"$PKG/opt/ops-console/_internal" \
  "${elves[@]}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
# Loaded at run time, so no linker entry names them: OpenGL/EGL (Qt), libpq (psycopg), the font.
depends="$shlibs"
for extra in libegl1 libgl1 libpq5 fonts-wqy-microhei adduser; do
  grep -q "\b$extra\b" <<<"$depends" || depends+=", $extra"
done

size_kb=$(du -sk "$PKG" | cut -f1)
cat >"$PKG/DEBIAN/control" <<EOF
Package: ops-console
Version: $VERSION
Architecture: $ARCH
Maintainer: Ops Console developers <ops-console@users.noreply.github.com>
Installed-Size: $size_kb
Depends: $depends
Section: utils
Priority: optional
Description: operations console for smart residential communities
 Ops Console (智慧社区运维控制台) keeps the inventory of a community's connected devices,
 polls them for health over SNMP, turns alarms and residents' reports into fault work
 orders, measures the maintenance contract's SLA, tracks staff training and prints the
 reports a sub-district office and an auditor accept. English and Simplified Chinese.
EOF
echo /etc/ops-console/poller.env >"$PKG/DEBIAN/conffiles"
# The poller unit runs as the system user ops-console, with /var/lib/ops-console as its home.
cat >"$PKG/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ] && ! getent passwd ops-console >/dev/null; then
  adduser --system --group --home /var/lib/ops-console --no-create-home \
    --gecos "Ops Console poller" ops-console >/dev/null
fi
exit 0
EOF
chmod 755 "$PKG/DEBIAN/postinst"

mkdir -p "$(dirname "$OUT")"
dpkg-deb --root-owner-group -Zzstd -z9 --build "$PKG" "$OUT" >/dev/null
echo "==> $(basename "$OUT"): $(($(stat -c %s "$OUT") / 1000000)) MB" >&2
echo "    Depends: $depends" >&2
