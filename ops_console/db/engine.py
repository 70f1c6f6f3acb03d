"""Engines and sessions: SQLite pragmas, write transactions, migrations, backups."""

from __future__ import annotations

import select
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, Engine, ExceptionContext, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DisconnectionError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import AccountDisabled, AuthenticationFailed, OpsError, ValidationError

BUSY_TIMEOUT_MS = 15_000


class DatabaseError(OpsError):
    """The database cannot be opened, migrated or reached."""


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe), so a
    # write transaction can take the lock up front with BEGIN IMMEDIATE instead of
    # failing with "database is locked" when it upgrades from a read.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # a new file gives pages freed by retention back to the file system, a few at a time
    # (upkeep's incremental vacuum); an existing file is switched once by ``migrate.upgrade``.
    # Only an empty file is set here: on an existing one the pragma wants the write lock, so
    # every connection would wait behind (or fail on) another's write, and a read-only file
    # could not be opened at all
    if cur.execute("PRAGMA page_count").fetchone()[0] == 0:
        cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get("write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _refused_sign_in(exc: OperationalError) -> bool:
    # libpq reports a refused password or a NOLOGIN role only in its message (no SQLSTATE
    # reaches the client before the session exists)
    text = str(exc.orig)
    return "password authentication failed" in text or "not permitted to log in" in text


def _ended_by_admin(exc: BaseException) -> bool:
    # a session ended by pg_terminate_backend (a person disabled), or a reconnection refused
    # because the login role is NOLOGIN now
    text = str(exc)
    return (
        "terminating connection due to administrator command" in text
        or "not permitted to log in" in text
    )


def _gone(dbapi_conn: Any, _record: object, _proxy: object) -> None:
    """Refuse a pooled PostgreSQL connection the server has ended, without a round trip.

    An idle connection in the pool has nothing to read: when its socket is readable, the
    server has sent something unasked (the "terminating connection" of pg_terminate_backend,
    a shutdown, a closed socket), or the socket failed (keepalives). The pool then drops it
    and checks out another, or connects anew (SQLAlchemy's ``DisconnectionError``).
    """
    pgconn = dbapi_conn.pgconn
    if dbapi_conn.closed or pgconn.socket < 0:
        raise DisconnectionError("connection closed")
    try:
        readable, _, failed = select.select([pgconn.socket], [], [pgconn.socket], 0)
    except (OSError, ValueError) as exc:
        raise DisconnectionError(f"connection socket unusable: {exc}") from exc
    if readable or failed:
        raise DisconnectionError("the server ended the connection")


class Database:
    """One database: an engine, sessions for reading and writing, migrations.

    Attributes:
        url: the SQLAlchemy URL, password hidden when printed.
        engine: the SQLAlchemy engine.
        person: on a seat of a shared installation, the user whose own login role this
            connects as (the server checked their password); None otherwise.
    """

    def __init__(self, url: str | URL, *, echo: bool = False, person: str | None = None) -> None:
        self.person = person
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise ValidationError(f"--db: not a database URL: {url!r}") from exc
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            database = parsed.database or ""
            if database and database != ":memory:":
                parent = Path(database).expanduser().resolve().parent
                if not parent.is_dir():
                    raise DatabaseError(f"database folder does not exist: {parent}")
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
        else:
            # no pre-ping: it costs a round trip at every checkout (74 ms through a 30 ms
            # link, before every page's read); ``_gone`` checks the socket instead, and TCP
            # keepalives make a vanished server's socket show it within a minute or two
            keepalives = {"keepalives": 1, "keepalives_idle": 60, "keepalives_interval": 10}
            kwargs["connect_args"] = {
                k: v
                for k, v in {**keepalives, "keepalives_count": 3}.items()
                if k not in parsed.query  # the URL's own settings win
            }
        try:
            self.engine: Engine = create_engine(parsed, **kwargs)
        except (ModuleNotFoundError, ImportError) as exc:
            raise DatabaseError(
                f"no driver for {parsed.drivername}: install the PostgreSQL extra "
                f"(pip install 'ops-console[postgres]'): {exc}"
            ) from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            event.listen(self.engine, "checkout", _gone)
        self._signed_in = False
        if person is not None:
            event.listen(self.engine, "handle_error", self._person_refused)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(write=True), expire_on_commit=False
        )
        # PostgreSQL: a read of one statement runs in autocommit (:meth:`glance`)
        self._glance = (
            self._read
            if self.is_sqlite
            else sessionmaker(
                self.engine.execution_options(isolation_level="AUTOCOMMIT"),
                expire_on_commit=False,
            )
        )

    @property
    def needs_person(self) -> bool:
        """True for a seat's PostgreSQL URL, which names no user: it connects as the person
        who signs in (:meth:`for_person`), never with a shared account."""
        return not self.is_sqlite and not self.url.username

    def for_person(self, username: str, password: str) -> Database:
        """Return the same database reached as ``username``'s own login role.

        The password goes to the server (SCRAM) and nowhere else: it is not stored, and the
        URL shown to anyone hides it.
        """
        return Database(self.url.set(username=username, password=password), person=username)

    @property
    def seat_url(self) -> URL:
        """The URL without a user or password: host, port, database and options."""
        u = self.url
        return URL.create(
            u.drivername, host=u.host, port=u.port, database=u.database, query=u.query
        )

    @property
    def display_url(self) -> str:
        """Return the URL with any password hidden."""
        return self.url.render_as_string(hide_password=True)

    @property
    def sqlite_path(self) -> Path | None:
        """Return the SQLite file, or None for PostgreSQL and in-memory databases."""
        if not self.is_sqlite or not self.url.database or self.url.database == ":memory:":
            return None
        return Path(self.url.database).expanduser().resolve()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """Open a write transaction: committed on success, rolled back on any error."""
        session = self._write()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Open a read-only unit of work (its transaction is rolled back at the end).

        ``close`` ends the transaction (the pool rolls the connection back) without
        ``rollback``'s expiry of every loaded object: after reading 100,000 work orders that
        expiry alone cost a second, for objects that are discarded anyway.
        """
        session = self._read()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def glance(self) -> Iterator[Session]:
        """Open a read of a single statement, which needs no transaction of its own.

        On PostgreSQL it runs in autocommit: no BEGIN before it and no ROLLBACK after it,
        a round trip each on a remote database (the check before every write of the window
        took four round trips instead of one). A read of several statements that must agree
        with each other uses :meth:`read`, whose statements share one snapshot.
        """
        session = self._glance()
        try:
            yield session
        finally:
            session.close()

    def _person_refused(self, context: ExceptionContext) -> None:
        # after the sign-in, a seat whose person was disabled says so in words (the sign-in
        # itself keeps its own answer: a wrong password, a lock)
        if self._signed_in and _ended_by_admin(context.original_exception):
            raise AccountDisabled.of(
                "your account {username} was disabled: ask an administrator",
                username=self.person,
            ) from context.original_exception

    def check(self) -> None:
        """Connect once; raise DatabaseError with the driver's reason if that fails."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            self._signed_in = True
        except OperationalError as exc:
            if self.person is not None and _refused_sign_in(exc):
                # the same words as a wrong password on SQLite: no hint which names exist
                raise AuthenticationFailed.of("wrong user name or password") from exc
            raise DatabaseError(
                f"cannot reach the database {self.display_url}: {exc.orig or exc}"
            ) from exc
        except SQLAlchemyError as exc:
            # only driver errors (DBAPIError, a StatementError) carry ``orig``; others, a pool
            # timeout for one, do not, and used to raise AttributeError here
            reason = (exc.orig if isinstance(exc, StatementError) else None) or exc
            raise DatabaseError(f"cannot reach the database {self.display_url}: {reason}") from exc

    def transport(self) -> str | None:
        """How this connection travels: None for SQLite (a local file); for PostgreSQL the
        TLS version when the server reports it encrypted (pg_stat_ssl), else ''."""
        if self.is_sqlite:
            return None
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
            ).first()
        if row is None or not row[0]:
            return ""
        return str(row[1] or "TLS")

    def has_schema(self) -> bool:
        """Return True when the database has been migrated at least once."""
        try:
            return inspect(self.engine).has_table("alembic_version")
        except OperationalError as exc:
            raise DatabaseError(f"cannot open {self.display_url}: {exc.orig}") from exc

    def backup(self, target: Path) -> Path:
        """Write a consistent copy of a live SQLite database to ``target``.

        Uses SQLite's online backup API, so writers may keep writing meanwhile.
        """
        source = self.sqlite_path
        if source is None:
            raise DatabaseError(
                "backup copies the embedded SQLite database; for PostgreSQL use pg_dump"
            )
        if not source.exists():
            raise DatabaseError(f"no database at {source}")
        target = Path(target).expanduser().resolve()
        if not target.parent.is_dir():
            raise ValidationError(f"backup: folder does not exist: {target.parent}")
        partial = target.with_name(target.name + ".partial")
        src = sqlite3.connect(source)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.Error as exc:
            partial.unlink(missing_ok=True)
            raise DatabaseError(f"backup failed: {exc}") from exc
        finally:
            src.close()
        partial.replace(target)
        return target

    def backup_before_migration(self) -> Path | None:
        """Copy the SQLite file aside before an upgrade; return the copy's path."""
        source = self.sqlite_path
        if source is None or not source.exists() or source.stat().st_size == 0:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = source.parent / "backups"
        folder.mkdir(exist_ok=True)
        return self.backup(folder / f"{source.stem}-{stamp}.db")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
