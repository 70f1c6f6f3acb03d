"""Shared fixtures: a migrated temporary database, an in-memory keyring, a fixed clock."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import MemoryKeyring, SecretStore, use_backend
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM, Actor

_TEMPLATE: dict[str, bytes] = {}
_DEMO_SECRETS: dict[tuple[str, str], str] = {}


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MemoryKeyring]:
    """Keep every test away from the real user folders and the real keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("OPS_CONSOLE_HOME", str(home))
    monkeypatch.delenv("OPS_CONSOLE_DB", raising=False)
    monkeypatch.delenv("OPS_CONSOLE_USER", raising=False)
    monkeypatch.delenv("OPS_CONSOLE_PASSWORD", raising=False)
    monkeypatch.delenv("OPS_CONSOLE_KEYRING_PASSPHRASE", raising=False)
    backend = MemoryKeyring()
    use_backend(backend)
    yield backend


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """The CLI's poller, run in this process by a test (``main(["poll", ...])``), tunes the
    process's garbage collector as a poller's own process (``tune_collector``): each test
    leaves it as it found it."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*threshold)
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()


@pytest.fixture
def keyring_backend(_isolated: MemoryKeyring) -> MemoryKeyring:
    return _isolated


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))


def _migrated_copy(target: Path) -> None:
    """Copy a database migrated once per session (migrating costs ~0.5 s each time)."""
    if "db" not in _TEMPLATE:
        template = target.with_name("template.db")
        db = Database(f"sqlite:///{template}")
        migrate.upgrade(db)
        Services(db).inventory.sync_categories()
        db.dispose()
        _TEMPLATE["db"] = template.read_bytes()
        template.unlink()
    target.write_bytes(_TEMPLATE["db"])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "ops.db"
    _migrated_copy(path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{db_path}")
    yield database
    database.dispose()


@pytest.fixture
def services(db: Database, clock: FixedClock, keyring_backend: MemoryKeyring) -> Services:
    return Services(db, clock, SecretStore(keyring_backend))


@pytest.fixture
def admin(services: Services) -> Actor:
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin", display_name="Root")
    return services.accounts.actor("root")


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo community loaded, built once per test session."""
    from ops_console.demo import loader as demo

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    backend = MemoryKeyring()
    use_backend(backend)
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    services = Services(
        db, FixedClock(datetime(2026, 11, 29, 1, 0, tzinfo=UTC)), SecretStore(backend)
    )
    demo.load(services)
    db.dispose()
    _DEMO_SECRETS.update(backend.entries)
    return path


@pytest.fixture
def demo_services(
    demo_db_template: Path, tmp_path: Path, keyring_backend: MemoryKeyring
) -> Iterator[Services]:
    """Services over a private copy of the demo database (clock: 2026-11-29 09:00 +08:00)."""
    path = tmp_path / "demo.db"
    path.write_bytes(demo_db_template.read_bytes())
    keyring_backend.entries.update(_DEMO_SECRETS)  # e.g. the field-encryption key
    db = Database(f"sqlite:///{path}")
    yield Services(
        db, FixedClock(datetime(2026, 11, 29, 1, 0, tzinfo=UTC)), SecretStore(keyring_backend)
    )
    db.dispose()


# --- CI: the PostgreSQL tests must run, not be skipped ------------------------------------------
# .ci/run sets OPS_CONSOLE_REQUIRE_POSTGRES=1 (scripts/bootstrap.sh --dev installs PostgreSQL):
# there, a test marked ``postgres`` that was skipped fails the run, naming it and the reason.
_PG_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "postgres" in report.keywords:
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        _PG_SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("OPS_CONSOLE_REQUIRE_POSTGRES") == "1" and _PG_SKIPPED:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"FAILED: {len(_PG_SKIPPED)} PostgreSQL test(s) skipped, but "
                "OPS_CONSOLE_REQUIRE_POSTGRES=1 (CI) requires them to run:",
                red=True,
            )
            for line in _PG_SKIPPED:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
