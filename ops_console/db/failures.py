"""What went wrong with the database, said in one line a person can act on.

The command line and the console catch what no service expected (a write lock held too
long, a read-only or full disk, two sessions inserting the same key at once) and show this
line instead of a traceback. Only this package knows SQLAlchemy's and the drivers' errors.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError, StatementError

from .engine import BUSY_TIMEOUT_MS

# SQLite's and PostgreSQL's own words for the faults people meet, and what to tell them
_KNOWN = (
    (
        "database is locked",
        "the database is busy: another program has held its write lock for more than "
        f"{BUSY_TIMEOUT_MS // 1000} s; nothing was written, try again",
    ),
    (
        "readonly database",
        "the database file is read-only (its permissions, an immutable flag or a read-only "
        "disk): nothing can be saved, not even a sign-in",
    ),
    ("disk is full", "the disk holding the database is full: nothing was written"),
    ("disk i/o error", "the disk holding the database failed to read or write: nothing was written"),
    ("unable to open database", "the database file cannot be opened (missing, or no permission)"),
    ("could not serialize access", "another session changed the same rows at the same time: "
     "nothing was written, try again"),
    ("deadlock detected", "another session changed the same rows at the same time: "
     "nothing was written, try again"),
)  # fmt: skip


def describe_failure(exc: BaseException) -> str | None:
    """Return one line naming the cause of a database failure, or None if ``exc`` is not one."""
    if not isinstance(exc, SQLAlchemyError):
        return None
    driver = exc.orig if isinstance(exc, StatementError) else None
    reason = " ".join(str(driver or exc).split("\n", 1)[0].split())
    lowered = reason.lower()
    for words, said in _KNOWN:
        if words in lowered:
            return said
    if isinstance(exc, IntegrityError):
        return (
            "another session saved the same record at the same time "
            f"({reason}): nothing was written, try again"
        )
    if isinstance(exc, OperationalError):
        return f"the database failed: {reason}"
    return f"database error: {reason}"
