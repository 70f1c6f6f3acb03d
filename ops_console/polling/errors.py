"""Why a poll failed: a kind the scheduler acts on, and the detail a person reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..domain.messages import Msg


class ErrorKind(StrEnum):
    """What went wrong, in words the scheduler and the message catalogue act on."""

    TIMEOUT = "timeout"  # no answer within the timeout and its retries: retry in the slow lane
    UNREACHABLE = "unreachable"  # the network said no (ICMP error, connection refused)
    RESOLVE = "resolve"  # the host name does not resolve, or the address is not one
    AUTH = "auth"  # SNMPv3 security: user, keys, engine, time window, security level
    CREDENTIAL = "credential"  # no credential, or one of the wrong kind for the device
    CONFIG = "config"  # no profile for the category, an unknown SNMP version or probe
    PROTOCOL = "protocol"  # an answer that cannot be used (malformed, mismatched, loops)
    INTERNAL = "internal"  # a bug: logged with its traceback


@dataclass(frozen=True)
class PollError:
    """A typed poll error.

    Attributes:
        kind: what went wrong (the scheduler retries only ``TIMEOUT``).
        detail: the technical description in English (logs, ``-v``).
        params: the figures a message template shows (``timeout_s``, ``tries``, ``host``).
        code: the message's code in the catalogue (``poll.timeout``) when the error has
            words of its own; otherwise the kind's (``poll.protocol`` with the detail).
    """

    kind: ErrorKind
    detail: str
    params: dict[str, str | int | float] = field(default_factory=dict, compare=False)
    code: str | None = None

    def message(self) -> Msg:
        """The error as a stored message: code plus parameters."""
        if self.code is not None:
            return Msg(self.code, dict(self.params))
        generic = GENERIC[self.kind]
        return Msg(generic, {"detail": self.detail})

    def __str__(self) -> str:
        return self.detail

    @property
    def is_timeout(self) -> bool:
        return self.kind is ErrorKind.TIMEOUT


# the message of an error without words of its own: its kind's, with the technical detail
GENERIC = {
    ErrorKind.TIMEOUT: "poll.timeout_v3",
    ErrorKind.UNREACHABLE: "poll.unreachable",
    ErrorKind.RESOLVE: "poll.unreachable",
    ErrorKind.AUTH: "poll.auth",
    ErrorKind.CREDENTIAL: "poll.credential",
    ErrorKind.CONFIG: "poll.config",
    ErrorKind.PROTOCOL: "poll.protocol",
    ErrorKind.INTERNAL: "poll.internal",
}
