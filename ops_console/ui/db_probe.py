"""Try a database URL off the GUI thread (Settings page, first-run dialog) and say how it went."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.errors import OpsError
from .i18n import error_text, tr
from .tasks import TaskControl, TaskRunner


def probe_database(runner: TaskRunner, url: str, show: Callable[[str], None]) -> None:
    """Connect to ``url`` in the background; ``show`` gets "connecting", then the verdict."""
    show(tr("Connecting…"))

    def check(_control: TaskControl) -> bool:
        from ..app import probe_database

        return probe_database(url)

    def ok(has_schema: bool) -> None:
        show(
            tr("✔ Connected; the database is ready.")
            if has_schema
            else tr("✔ Connected; the database is empty (it will be set up at start).")
        )

    def failed(exc: Exception) -> None:
        show("✘ " + (error_text(exc) if isinstance(exc, OpsError) else repr(exc)))

    runner.run(check, success=ok, failure=failed, name="db test")
