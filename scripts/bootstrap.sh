#!/usr/bin/env bash
# Set up everything Ops Console needs on this machine: system packages (when root on
# Debian/Ubuntu), a virtual environment in .venv, and the package with its extras.
# Safe to run again: it installs only what is missing.
#
#   scripts/bootstrap.sh          runtime + PostgreSQL driver
#   scripts/bootstrap.sh --dev    also the test and lint tools, snmpd and poppler
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${OPS_CONSOLE_VENV:-$ROOT/.venv}"
DEV=0
[[ "${1:-}" == "--dev" ]] && DEV=1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# --- system packages -------------------------------------------------------------
# Qt's shared libraries, a font with Chinese glyphs, Xvfb for machines without a
# display; for tests also net-snmp (snmpd, snmpget, snmptrap), poppler-utils and the PostgreSQL
# server (the tests start throwaway servers of their own; CI fails if those tests were skipped),
# and for the bundle and the Linux packages the system libraries the bundle leaves to the host
# (CUPS, OpenSSL, libpq), dpkg-dev, desktop-file-utils and appstream, and what builds the
# AppImage runtime (gcc, static libsquashfs and its compressors) and image (squashfs-tools).
RUNTIME_PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 fonts-wqy-microhei xvfb xauth)
DEV_PKGS=(snmpd snmp poppler-utils postgresql libcups2 libssl3 libpq5 dpkg-dev desktop-file-utils
  appstream gcc libc6-dev libsquashfs-dev squashfs-tools libzstd-dev liblzma-dev liblz4-dev
  zlib1g-dev)

need=()
if command -v dpkg-query >/dev/null 2>&1; then
  pkgs=("${RUNTIME_PKGS[@]}")
  (( DEV )) && pkgs+=("${DEV_PKGS[@]}")
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
fi
if (( ${#need[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # Debian starts a system snmpd on port 161 when it installs it; the tests run their own.
    if command -v systemctl >/dev/null 2>&1; then systemctl disable --now snmpd >/dev/null 2>&1 || true; fi
    pkill -x snmpd >/dev/null 2>&1 || true
  else
    say "missing system packages (install them with your package manager, e.g. sudo apt-get install): ${need[*]}"
  fi
fi

# --- Python ------------------------------------------------------------------------
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Ops Console needs Python 3.11 or newer; $("$PY" --version 2>&1) found" >&2
  exit 1
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  say "creating the virtual environment $VENV"
  "$PY" -m venv "$VENV"
fi
extras="postgres"
(( DEV )) && extras="postgres,dev"
stamp="$VENV/.ops-console-installed-$extras"
if [[ ! -f "$stamp" || "$ROOT/pyproject.toml" -nt "$stamp" || "$ROOT/setup.py" -nt "$stamp" ]]; then
  say "installing Ops Console and its Python packages ($extras)"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e "$ROOT[$extras]"
  # PySide6 6.11 wheels ship their .pyi stubs without PEP 561's py.typed marker, so mypy would
  # read every Qt class as Any; mark them typed (6.12.0, which has the marker, is left out for
  # a reference-counting crash: see pyproject.toml)
  "$VENV/bin/python" - <<'PY'
import pathlib, PySide6
marker = pathlib.Path(PySide6.__file__).parent / "py.typed"
if not marker.exists():
    marker.write_text("")
PY
  touch "$stamp"
fi
