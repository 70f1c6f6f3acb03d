"""A throwaway PostgreSQL server for tests (the binaries are on Debian's image)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_bin() -> Path | None:
    for version in ("17", "16", "15", "14"):
        p = Path(f"/usr/lib/postgresql/{version}/bin")
        if (p / "initdb").exists():
            return p
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# the owner ``ops`` trusted on loopback, and ``ops_signin`` (it may only report a failed
# sign-in); every other role (the people's login roles) by SCRAM password, as a shared
# installation's pg_hba.conf has it
SCRAM_HBA = """\
local all all trust
host all ops 127.0.0.1/32 trust
host all ops_signin 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


@contextmanager
def postgres_server(
    hba: str | None = None, files: dict[str, bytes] | None = None, options: str = ""
) -> Iterator[str]:
    """Start a server in a temporary folder; yield its SQLAlchemy URL; stop and remove it.

    Args:
        hba: the pg_hba.conf to use (default: trust everyone, initdb's ``-A trust``).
        files: files to put in the data folder (a TLS certificate and key), readable by the
            server alone.
        options: more server options (``-c ssl=on``).
    """
    bindir = find_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="ops-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(tmp, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = tmp / "data"
    try:
        subprocess.run(
            [
                *run_as,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "ops",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
        )
        if hba is not None:
            (data / "pg_hba.conf").write_text(hba)
        for name, content in (files or {}).items():
            path = data / name
            path.write_bytes(content)
            path.chmod(0o600)
            if run_as:
                shutil.chown(path, "postgres", "postgres")
        subprocess.run(
            [
                *run_as,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(tmp / "log"),
                "-w",
                "-o",
                f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off {options}",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *run_as,
                str(bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "ops",
                "ops",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://ops@127.0.0.1:{port}/ops"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)
