"""What a service is built on: the installation's database and the clock it reads the time
from, both passed in by the composition root (``services.container.Services``)."""

from __future__ import annotations

from ..db.engine import Database
from ..domain.clock import Clock


class ServiceBase:
    """A service over one database, reading the time from one clock.

    Attributes:
        db: the database; each call of a service is one transaction of it.
        clock: where the service reads the time (a fake one in tests).
    """

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
