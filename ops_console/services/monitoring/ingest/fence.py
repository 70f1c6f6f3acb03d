"""The write fence of a registered poller: its results are stored only under the leases it
still holds (see ``services.pollers.registry``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ....db import Session
from ....db.repos import pollers as repo
from ....polling.results import PollResult


@dataclass(frozen=True)
class Fence:
    """A poller's identity for its store transactions.

    Attributes:
        poller_id: the poller's row.
        epoch: its registration; a poller declared dead, or registered again, has a new one.
    """

    poller_id: int
    epoch: int

    def admit(self, session: Session, results: Sequence[PollResult]) -> list[PollResult]:
        """The results this poller may still store, in the caller's store transaction: none
        when it is no longer registered under its epoch; otherwise those of devices whose
        lease it holds, polled since it took that lease (a result polled under an earlier
        lease, before a take-over and back, is dropped)."""
        if not results or not repo.fence_poller(session, self.poller_id, self.epoch):
            return []
        leases = repo.lease_rows(session, self.poller_id, [r.device_id for r in results])
        kept = []
        for r in results:
            lease = leases.get(r.device_id)
            if lease is None:
                continue
            since = lease.since
            if since is None or r.at >= since:
                kept.append(r)
        return kept
