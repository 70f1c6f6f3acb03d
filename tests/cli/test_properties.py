"""Property tests of the command line: whatever comes in, a clear answer comes out.

Random rows and values go to the device CSV, work-order CSV and contract importers, and random
arguments to every command; each run must end with exit 0 or 2 (or 1 with one line), never a
traceback or an "internal error", and a refused command must leave the database as it was.
The commands run in-process through ``main()`` (a subprocess each would take minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ops_console.cli import build_parser, main
from ops_console.services.formats import HEADER
from tests.unit.services.workorders_world import CONTRACT, DEVICES

SETTINGS = settings(
    max_examples=int(os.environ.get("OPS_CONSOLE_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# never run here: the GUI, the endless poller, network scans, a fresh installation
SKIP = {("init",), ("poll",), ("poller", "run"), ("discover",), ("snapshot",)}
USER, PASSWORD = "root", "rootpass1"
WO_HEADER = "number,event,at,actor,assignee,priority,asset_tag,community,title,note"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small installation: a community, devices, a technician, a contract, a work order."""
    folder = tmp_path_factory.mktemp("props")
    url = f"sqlite:///{folder / 'ops.db'}"
    saved = {k: os.environ.get(k) for k in ("OPS_CONSOLE_USER", "OPS_CONSOLE_PASSWORD")}
    os.environ.update(OPS_CONSOLE_USER=USER, OPS_CONSOLE_PASSWORD=PASSWORD)
    try:
        with _stdin(f"{PASSWORD}\n"):
            assert main(["init", "--db", url, "--admin", USER, "--password-stdin"]) == 0
        assert (
            main(["communities", "add", "湖滨", "--zone", "1幢", "--zone", "北门", "--db", url])
            == 0
        )
        assert main(["communities", "add", "西溪", "--db", url]) == 0
        devices = folder / "devices.csv"
        devices.write_text(
            "\n".join([",".join(HEADER), *(",".join(r) for r in DEVICES)]) + "\n", "utf-8"
        )
        assert main(["devices", "import", str(devices), "--db", url]) == 0
        with _stdin("password1\n"):
            assert main(["users", "add", "tech1", "--role", "technician", "--password-stdin",
                         "--db", url]) == 0  # fmt: skip
        contract = folder / "contract.toml"
        contract.write_text(CONTRACT, "utf-8")
        assert main(["contracts", "import", str(contract), "--db", url]) == 0
        new = ["workorders", "new", "--title", "灯不亮", "--priority", "P3"]
        assert main([*new, "--source", "resident_phone", "--community", "湖滨", "--db", url]) == 0
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return folder / "ops.db"


@pytest.fixture
def url(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "ops.db"
    # SQLite's backup, not a file copy: a copy of ops.db alone leaves out what still sits in
    # its write-ahead log (the copy then lacked the technician added last)
    src, dst = sqlite3.connect(template), sqlite3.connect(path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    monkeypatch.setenv("OPS_CONSOLE_USER", USER)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    return f"sqlite:///{path}"


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


# what signing in itself writes: the failure count, and after five failures the lock (its time
# on the user and its audit entry, which moves the chain's head); random --user values with the
# environment's password fail to sign in, so a run may lock "tech1" or "root" on the way
SIGN_IN_COLUMNS = {"users": ("last_login_at", "failed_logins", "locked_until")}
SIGN_IN_ROWS = {"audit_entries": "WHERE action <> 'user.locked'"}
SIGN_IN_TABLES = ("audit_head",)


def digest(url: str) -> str:
    """A fingerprint of every row, leaving out what signing in itself writes."""
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    h = hashlib.sha256()
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in sorted(set(tables) - set(SIGN_IN_TABLES)):
        columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        columns = [c for c in columns if c not in SIGN_IN_COLUMNS.get(table, ())]
        cols = ", ".join(f'"{c}"' for c in columns)
        where = SIGN_IN_ROWS.get(table, "")
        for row in con.execute(f'SELECT {cols} FROM "{table}" {where} ORDER BY 1'):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def check(url: str, argv: list[str], stdin: str = "") -> int:
    """Run one command; assert the outcome is a clear one and a refusal wrote nothing."""
    before = digest(url)
    out, err = io.StringIO(), io.StringIO()
    with _stdin(stdin), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([*argv, "--db", url])
        except SystemExit as exc:  # argparse refusing the usage
            code = int(exc.code or 0)
    text = err.getvalue()
    assert "Traceback" not in text and "internal error" not in text, (argv, text)
    assert code in (0, 1, 2), (argv, code, text)
    if code == 1:
        assert len(text.strip().splitlines()) == 1, (argv, text)
    if code != 0:
        assert digest(url) == before, ("a refused command wrote", argv, text)
    return code


# values people type, good and bad ---------------------------------------------------------
NAMES = ["湖滨", "张江", "HB-2026", "root", "tech1", "HB-GATE-001", "WO-2026-000001", "P1"]
junk = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=24,
)
numbers = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e308", "0", "-1", "0.001", "99999999999999999999"]),
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2026-11-01", "2026-11-30", "0001-01-01", "9999-12-31", "2026-02-30"]),
)
values = st.one_of(junk, numbers, dates, st.sampled_from(NAMES))


# the importers ------------------------------------------------------------------------------
GOOD_DEVICE = dict(zip(HEADER, DEVICES[0], strict=True))


@st.composite
def device_rows(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for i in range(draw(st.integers(1, 3))):
        row = dict(GOOD_DEVICE, asset_tag=f"PROP-{i}")
        for column in draw(st.lists(st.sampled_from(HEADER), max_size=5, unique=True)):
            row[column] = draw(values)
        rows.append([row[h] for h in HEADER])
    return rows


def _csv(rows: list[list[str]], header: str) -> str:
    buf = io.StringIO()
    import csv

    w = csv.writer(buf)
    for row in rows:
        w.writerow(row)
    return header + "\n" + buf.getvalue()


@SETTINGS
@given(rows=device_rows())
def test_device_import_of_random_rows(url, tmp_path, rows):
    path = tmp_path / "d.csv"
    path.write_text(_csv(rows, ",".join(HEADER)), "utf-8")
    check(url, ["devices", "import", str(path)])


WO_GOOD = [
    "WO-2026-000101", "created", "2026-11-02T09:00:00+08:00", "老王", "", "P2", "HB-GATE-001",
    "湖滨", "门禁坏了", "source=resident_phone",
]  # fmt: skip


@st.composite
def history_rows(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        row = list(WO_GOOD)
        for column in draw(st.lists(st.integers(0, 9), max_size=4, unique=True)):
            row[column] = draw(values)
        if draw(st.booleans()):
            row.append(draw(junk))  # a column too many
        rows.append(row)
    return rows


@SETTINGS
@given(rows=history_rows())
def test_work_order_import_of_random_rows(url, tmp_path, rows):
    path = tmp_path / "h.csv"
    path.write_text(_csv(rows, WO_HEADER), "utf-8")
    check(url, ["workorders", "import", str(path)])


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {float("inf"): "inf", float("-inf"): "-inf"}.get(value, repr(value)) \
            if value == value else "nan"  # fmt: skip
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


toml_values = st.one_of(
    st.sampled_from([float("nan"), float("inf"), -1.0, 1e308, 10**30, 0.001, 525600 * 2]),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    junk,
    dates,
    st.lists(st.one_of(junk, dates, st.integers()), max_size=3),
)
CONTRACT_KEYS = [
    line.split(" = ")[0] for line in CONTRACT.splitlines() if " = " in line and "{" not in line
]


NUMERIC_KEYS = [
    "monthly_fee", "penalty_cap_ratio", "response_minutes", "resolution_minutes",
    "penalty_per_breach", "penalty_per_hour", "warning_ratio",
]  # fmt: skip
NUMERIC_KEYS = [k for k in NUMERIC_KEYS if k in CONTRACT_KEYS]
toml_numbers = st.one_of(
    st.sampled_from([float("nan"), float("inf"), -1.0, 1e308, 10**30, 0.001, 525600 * 2]),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
)
changes_ = st.one_of(
    st.tuples(st.sampled_from(NUMERIC_KEYS), toml_numbers),
    st.tuples(st.sampled_from(CONTRACT_KEYS), toml_values),
)


@SETTINGS
@given(changes=st.lists(changes_, max_size=4))
def test_contract_import_of_random_values(url, tmp_path, changes):
    lines = CONTRACT.splitlines()
    for key, value in changes:
        at = [i for i, line in enumerate(lines) if line.startswith(f"{key} = ")]
        lines[at[len(at) // 2]] = f"{key} = {_toml(value)}"
    path = tmp_path / "c.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    check(url, ["contracts", "import", str(path)])


# every command, random arguments --------------------------------------------------------------
def _commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every leaf command of the parser, but those in SKIP."""
    found = []

    def walk(p: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, p))
            return
        for name, child in subs[0].choices.items():
            if (*path, name) not in SKIP:
                walk(child, (*path, name))

    walk(build_parser(), ())
    return found


COMMANDS = _commands()
PATH_ARGS = {"file", "out", "csv", "witness", "outdir"}


@st.composite
def invocations(draw: st.DrawFn, tmp: Path) -> tuple[list[str], str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    files = st.sampled_from(
        [str(tmp / "x.csv"), str(tmp / "missing" / "x.pdf"), str(tmp), str(tmp / "out.pdf")]
    )
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest in ("db", "user"):
            continue
        if action.option_strings and not action.required and not draw(st.booleans()):
            continue
        if action.nargs == 0:  # a flag
            argv.append(action.option_strings[0])
            continue
        if action.dest in PATH_ARGS:
            value = draw(files)
        elif action.choices and draw(st.integers(0, 3)):
            value = draw(st.sampled_from(list(action.choices)))
        else:
            value = draw(values)
        argv.extend([action.option_strings[0], value] if action.option_strings else [value])
    return argv, draw(junk) + "\n"


@SETTINGS
@given(data=st.data())
def test_every_command_with_random_arguments(url, tmp_path, data):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", "utf-8")
    argv, stdin = data.draw(invocations(tmp_path))
    check(url, argv, stdin)


def test_failed_sign_ins_up_to_the_lock_count_as_writing_nothing(url):
    """The environment holds root's password: as tech1 every command is refused, and the fifth
    refusal locks tech1 (the lock and its audit entry are sign-in bookkeeping, not a write)."""
    codes = [check(url, ["devices", "list", "--user", "tech1"]) for _ in range(6)]
    assert codes == [1] * 6
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    users = dict(con.execute("SELECT username, locked_until FROM users").fetchall())
    con.close()
    assert users["tech1"] is not None, users
