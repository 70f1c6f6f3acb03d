#!/usr/bin/env bash
# Smoke-test the PyInstaller bundle from the bundle alone: no virtual environment, no source
# tree, a scrubbed environment (env -i) and a fresh home folder.
#
#   scripts/smoke_bundle.sh [dist/ops-console]
#
# Checks: every shared library resolves; `--version` matches the version source; the keyring
# backends of every platform are inside and the encrypted-file fallback works without an OS
# keyring; `init --demo` on a temporary database; `report sla` to a PDF read back as text;
# `snapshot` offscreen with every page non-blank in both languages; the console window starts
# under Xvfb and stays up. Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/ops-console}" && pwd)"
EXE="$BUNDLE/ops-console"
CHECK_PY="${OPS_CONSOLE_VENV:-$ROOT/.venv}/bin/python" # only to look at the results
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/ops_console/__init__.py")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
ok() { printf '  ok    %s\n' "$1"; passed=$((passed + 1)); }
bad() { printf '  FAIL  %s\n' "$1"; [[ -n "${2:-}" ]] && sed 's/^/        /' <<<"$2" | tail -n 15; failed=$((failed + 1)); }

# The bundle alone: nothing from the caller's environment but a plain PATH and a new home.
run() {
  env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 OPS_CONSOLE_HOME="$WORK/home" \
    QT_QPA_PLATFORM=offscreen OPS_CONSOLE_DB="sqlite:///$WORK/ops.db" \
    OPS_CONSOLE_USER=admin OPS_CONSOLE_PASSWORD=admin1234 "$@"
}
mkdir -p "$WORK/home"
echo "==> smoke test of the bundle $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))" >&2

# 1. Every ELF file's libraries resolve (from the bundle or from the system).
missing="$(find "$BUNDLE" -type f \( -name '*.so*' -o -name ops-console \) -print0 |
  xargs -0 -n 50 env LD_LIBRARY_PATH="$BUNDLE/_internal" ldd 2>/dev/null | grep 'not found' | sort -u)"
if [[ -z "$missing" ]]; then ok "every shared library resolves"; else bad "libraries not found" "$missing"; fi

# 2. The version.
out="$(run "$EXE" --version 2>&1)"
if [[ "$out" == "ops-console $VERSION" ]]; then ok "--version: $out"; else bad "--version says '$out', the version source says $VERSION"; fi

# 3. Keyring: the backends of Windows, macOS and Linux are inside, with keyring's entry points
#    (a frozen keyring without them finds no backend: keyring issue 591).
listing="$("$CHECK_PY" - "$BUNDLE" <<'EOF'
import sys
import tempfile
from pathlib import Path
from PyInstaller.archive.readers import CArchiveReader, ZlibArchiveReader
exe = CArchiveReader(str(Path(sys.argv[1]) / "ops-console"))
pyz = next(name for name in exe.toc if name.endswith(".pyz"))
with tempfile.NamedTemporaryFile(suffix=".pyz") as tmp:
    tmp.write(exe.extract(pyz))
    tmp.flush()
    print("\n".join(ZlibArchiveReader(tmp.name).toc))
EOF
)"
keyring_ok=1
for mod in keyring.backends.SecretService keyring.backends.libsecret keyring.backends.kwallet \
  keyring.backends.Windows keyring.backends.macOS ops_console.db.migrate; do
  grep -qx "$mod" <<<"$listing" || { bad "module $mod is not in the bundle"; keyring_ok=0; }
done
if ((keyring_ok)) && compgen -G "$BUNDLE/_internal/keyring-*.dist-info/entry_points.txt" >/dev/null; then
  ok "keyring backends of every platform and keyring's entry points are inside"
else
  bad "keyring's entry points (dist-info) are missing"
fi

# 4. init --demo on a temporary database (Alembic migrations from the bundle).
if out="$(run "$EXE" init --demo 2>&1)"; then ok "init --demo"; else bad "init --demo" "$out"; fi

# 5. No OS keyring here: secrets refused without a passphrase, kept encrypted with one.
if out="$(printf 'public-demo\n' | run "$EXE" credentials set smoke-v2c --snmp-community-stdin 2>&1)"; then
  bad "credentials set without a keyring nor a passphrase should refuse" "$out"
elif grep -q "OPS_CONSOLE_KEYRING_PASSPHRASE" <<<"$out"; then
  ok "without a keyring: refused, naming OPS_CONSOLE_KEYRING_PASSPHRASE"
else
  bad "without a keyring: unclear refusal" "$out"
fi
if out="$(printf 's3cret-community\n' | run env OPS_CONSOLE_KEYRING_PASSPHRASE=smoke "$EXE" \
  credentials set smoke-v2c --snmp-community-stdin 2>&1)" &&
  [[ -s "$WORK/home/data/secrets.enc" ]] && ! grep -q "s3cret-community" "$WORK/home/data/secrets.enc"; then
  ok "encrypted-file secret store (OPS_CONSOLE_KEYRING_PASSPHRASE)"
else
  bad "encrypted-file secret store" "$out"
fi

# 6. An SLA report as PDF, read back as text.
if out="$(run "$EXE" report sla --contract HB-2026 --from 2026-11-01 --to 2026-11-30 \
  --lang zh_CN --out "$WORK/sla.pdf" 2>&1)"; then
  text="$(pdftotext -enc UTF-8 "$WORK/sla.pdf" - 2>&1)"
  if grep -q "HB-2026" <<<"$text" && grep -q "结算单" <<<"$text"; then
    ok "report sla: $(grep -c . <<<"$text") lines of text, in Chinese"
  else
    bad "report sla: the PDF does not read back" "$text"
  fi
else
  bad "report sla" "$out"
fi

# 7. Every page rendered offscreen, in both languages, none blank.
if out="$(run "$EXE" snapshot "$WORK/shots" 2>&1)"; then
  verdict="$("$CHECK_PY" - "$WORK/shots" <<'EOF'
import os
import sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QGuiApplication, QImage
app = QGuiApplication(["check"])
files = sorted(Path(sys.argv[1]).rglob("*.png"))
blank = []
for png in files:
    img = QImage(str(png))
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    if img.isNull() or len(colours) < 8:
        blank.append(png.name)
langs = sorted({p.parent.name for p in files})
print(f"{len(files)} pages ({', '.join(langs)}); blank: {', '.join(blank) or 'none'}")
sys.exit(1 if blank or len(files) < 10 or langs != ["en", "zh_CN"] else 0)
EOF
)"
  if [[ $? -eq 0 ]]; then ok "snapshot: $verdict"; else bad "snapshot: $verdict"; fi
else
  bad "snapshot" "$out"
fi

# 8. The window itself, started with no display: it re-runs itself under xvfb-run and must
#    still be up (at its sign-in) after 15 seconds.
if command -v xvfb-run >/dev/null; then
  setsid env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 OPS_CONSOLE_HOME="$WORK/home" \
    OPS_CONSOLE_DB="sqlite:///$WORK/ops.db" "$EXE" >"$WORK/gui.log" 2>&1 &
  gui=$!
  sleep 15
  if kill -0 "$gui" 2>/dev/null; then
    ok "the console starts without a display (under xvfb-run) and stays up"
  else
    wait "$gui"
    bad "the console under Xvfb exited with $?" "$(cat "$WORK/gui.log")"
  fi
  kill -- -"$gui" 2>/dev/null
  wait "$gui" 2>/dev/null
else
  bad "xvfb-run is not installed (scripts/bootstrap.sh installs it)"
fi

echo "bundle smoke test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
