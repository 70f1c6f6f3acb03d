"""How long `ops-console init --demo` takes on a fresh SQLite database.

Times the real command in a new process (median of 3), next to `ops-console init`
without the demo (schema only) measured in the same run, so the figure for the demo
itself is the difference. The demo loads through the product's own importers
(communities, users, devices CSV, contracts, training, work-order history...).

    .venv/bin/python benchmarks/init_demo.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str], home: Path) -> tuple[float, str]:
    env = dict(os.environ, OPS_CONSOLE_HOME=str(home), OPS_CONSOLE_KEYRING_PASSPHRASE="bench")
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "ops_console", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {p.stderr}")
    return elapsed, p.stdout


def main() -> int:
    demo, plain = [], []
    out = ""
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            s, _ = timed(["init", "--db", f"sqlite:///{tmp}/plain.db"], Path(tmp))
            plain.append(s)
        with tempfile.TemporaryDirectory() as tmp:
            s, out = timed(["init", "--demo", "--db", f"sqlite:///{tmp}/demo.db"], Path(tmp))
            demo.append(s)
    print(out.strip())
    d, p = statistics.median(demo), statistics.median(plain)
    print(f"init --demo: {d:.2f} s (median of 3, whole process)")
    print(f"init (schema only, same run): {p:.2f} s")
    print(f"the demo itself: {d - p:.2f} s ({d / p:.1f}x the schema-only init)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
