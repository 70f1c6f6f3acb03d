#!/usr/bin/env bash
# Set up, create the embedded SQLite database with the demo community (first time),
# and open the console. Without a display it runs under xvfb-run (or offscreen).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
PY="$ROOT/.venv/bin/python"
OC="$ROOT/.venv/bin/ops-console"
# A headless machine has no OS keyring. For the demo only, keep secrets in the encrypted
# file store with a demo passphrase, and say so; real installations set their own.
if [[ -z "${OPS_CONSOLE_KEYRING_PASSPHRASE:-}" ]] &&
   ! "$PY" -c 'import sys; from ops_console.secrets import SecretStore; sys.exit(0 if SecretStore().status().usable else 1)' 2>/dev/null; then
  echo "==> no OS keyring here: the demo keeps its secrets in an encrypted file with a demo" >&2
  echo "    passphrase; set OPS_CONSOLE_KEYRING_PASSPHRASE to choose your own" >&2
  export OPS_CONSOLE_KEYRING_PASSPHRASE="ops-console-demo"
fi
# The demo loads only into an empty database (its passwords are public); on a database that
# holds other data, init --demo refuses and the console opens on that database as it is.
if ! "$OC" init --demo; then
  echo "==> the demo was not loaded (see above); opening the console on the existing database" >&2
fi
exec "$OC" "$@"
