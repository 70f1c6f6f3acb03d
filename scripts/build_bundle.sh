#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle (dist/ops-console) and say how big and how slow it was.
#
#   scripts/build_bundle.sh            uses .venv (scripts/bootstrap.sh --dev installs PyInstaller)
#
# Prints the build time, the unpacked size and the biggest parts. About 2-3 minutes on the
# shared 2-core machine; PyInstaller keeps its own cache of processed libraries in
# ~/.cache/pyinstaller, so a rebuild with the same dependency versions is faster.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
V="${OPS_CONSOLE_VENV:-$ROOT/.venv}/bin"
cd "$ROOT"
if [[ ! -x "$V/pyinstaller" ]]; then
  echo "PyInstaller is not in $V: run scripts/bootstrap.sh --dev first" >&2
  exit 1
fi
start=$(date +%s)
# PYTHONPATH: the spec and PyInstaller import ops_console from this tree, not an older install.
PYTHONPATH="$ROOT" "$V/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installers/ops-console.spec
secs=$(($(date +%s) - start))
bytes=$(du -sb dist/ops-console | cut -f1)
echo "==> bundle dist/ops-console built in ${secs} s: $((bytes / 1000000)) MB ($((bytes / 1048576)) MiB) unpacked" >&2
echo "    biggest parts:" >&2
# awk reads the whole list (head would close the pipe early, and pipefail would fail the
# build on sort's SIGPIPE once the list outgrows the pipe's buffer)
find dist/ops-console -type f -printf '%s %P\n' | sort -rn |
  awk 'NR <= 12 { printf "    %6.1f MB  %s\n", $1 / 1e6, $2 }' >&2
