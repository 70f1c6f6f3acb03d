"""The services container: one database, one clock, one secret store.

Built only by the composition root (``ops_console.app``), from which the CLI and the GUI
both start; every service is reached through it and created on first use, so a command pays
only for what it uses.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..db.engine import Database
from ..domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    # keyring pulls in urllib, email and http.client: ~80 ms a command that reads no secret
    from ..secrets import SecretStore
    from .accounts import AccountsService
    from .audit import AuditService
    from .inventory import InventoryService
    from .monitoring import MonitoringService
    from .pollers import PollersService
    from .sla import ContractsService, SlaService, StatementService
    from .training import TrainingService
    from .workorders import WorkOrdersService


class Services:
    """Every service of one installation.

    Attributes:
        db: the database.
        clock: the clock every service reads the time from.
        secrets: where SNMP credentials and the field key live.
    """

    def __init__(
        self, db: Database, clock: Clock | None = None, secrets: SecretStore | None = None
    ) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()
        self._secrets = secrets

    def signed_in_as(self, username: str, password: str) -> Services:
        """Return services over the same database reached as ``username``'s own login role
        (a seat of a shared installation); raises AuthenticationFailed if the server refuses."""
        from .accounts.seat import connect_as

        db = connect_as(self.db, username, password)
        # the same secret store (a passphrase given already stays given)
        return Services(db, self.clock, self.__dict__.get("secrets", self._secrets))

    @cached_property
    def secrets(self) -> SecretStore:
        from ..secrets import SecretStore

        return self._secrets or SecretStore()

    @cached_property
    def accounts(self) -> AccountsService:
        from .accounts import AccountsService

        return AccountsService(self.db, self.clock)

    @cached_property
    def inventory(self) -> InventoryService:
        from .inventory import InventoryService

        return InventoryService(self.db, self.clock)

    @cached_property
    def audit(self) -> AuditService:
        from .audit import AuditService

        return AuditService(self.db, self.clock)

    @cached_property
    def monitoring(self) -> MonitoringService:
        from .monitoring import MonitoringService

        return MonitoringService(
            self.db,
            self.clock,
            secrets=self.secrets,
            workorders=lambda: self.workorders,  # looked up at each hand-over
        )

    @cached_property
    def workorders(self) -> WorkOrdersService:
        from .workorders import WorkOrdersService

        return WorkOrdersService(self.db, self.clock, self.secrets)

    @cached_property
    def sla(self) -> SlaService:
        from .sla import SlaService

        return SlaService(self.db, self.clock)

    @cached_property
    def statements(self) -> StatementService:
        from .sla import StatementService

        return StatementService(self.db, self.clock, self.sla, self.contracts)

    @cached_property
    def training(self) -> TrainingService:
        from .training import TrainingService

        return TrainingService(self.db, self.clock)

    @cached_property
    def contracts(self) -> ContractsService:
        from .sla import ContractsService

        return ContractsService(self.db, self.clock)

    @cached_property
    def pollers(self) -> PollersService:
        """The pollers' registry with the default heartbeat and failover delay."""
        from .pollers import PollersService

        return PollersService(self.db, self.clock)

    def close(self) -> None:
        self.db.dispose()
