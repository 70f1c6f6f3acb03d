#!/usr/bin/env bash
# Set up, create the embedded SQLite database with the demo community (first time),
# and open the console. Without a display it runs under xvfb-run (or offscreen).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
OC="$ROOT/.venv/bin/ops-console"
"$OC" init --demo
exec "$OC" "$@"
