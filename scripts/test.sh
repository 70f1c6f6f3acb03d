#!/usr/bin/env bash
# Set up (system packages, .venv with the dev extras) and run every check CI runs:
# ruff, the import-linter layering contracts, mypy, the bundle (built with PyInstaller and
# smoke-tested from the bundle alone), the Debian package (unpacked into a scratch root and
# run), the AppImage (its --version without FUSE), and the whole pytest suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/bootstrap.sh" --dev
V="$ROOT/.venv/bin"
export QT_QPA_PLATFORM=offscreen
echo "==> ruff" >&2
"$V/ruff" check .
"$V/ruff" format --check .
echo "==> import-linter (layering contracts in pyproject.toml)" >&2
"$V/lint-imports"
echo "==> mypy (strict, the whole package)" >&2
"$V/mypy" ops_console
echo "==> bundle: build it, then smoke-test it from the bundle alone" >&2
OPS_CONSOLE_VENV="$ROOT/.venv" "$ROOT/scripts/build_bundle.sh"
OPS_CONSOLE_VENV="$ROOT/.venv" "$ROOT/scripts/smoke_bundle.sh" "$ROOT/dist/ops-console"
echo "==> Debian package: build it, unpack it into a scratch root and run it" >&2
OPS_CONSOLE_VENV="$ROOT/.venv" "$ROOT/scripts/build_deb.sh" "$ROOT/dist/ops-console"
"$ROOT/scripts/smoke_deb.sh"
echo "==> AppImage: build it and run its --version without FUSE" >&2
OPS_CONSOLE_VENV="$ROOT/.venv" "$ROOT/scripts/build_appimage.sh" "$ROOT/dist/ops-console"
echo "==> pytest" >&2
"$V/python" -m pytest -q "$@"
