"""Errors every layer raises and the CLI and UI turn into one clear message."""

from __future__ import annotations


class OpsError(Exception):
    """Base of every expected error: its message is shown to the user as is.

    Attributes:
        exit_code: the CLI's exit status for this kind of error (2 = bad input).
    """

    exit_code = 1


class ValidationError(OpsError):
    """Input that breaks a rule: a bad field, a malformed file, an unknown name."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = list(problems or [])

    def __str__(self) -> str:
        base = super().__str__()
        if not self.problems:
            return base
        return base + "\n" + "\n".join(self.problems)


class NotFound(OpsError):
    """A named thing (device, user, contract, work order) does not exist."""

    exit_code = 2


class PermissionDenied(OpsError):
    """The acting user's role or community scope does not allow the action."""


class AuthenticationFailed(OpsError):
    """Wrong user name or password, or the account is locked."""


class Conflict(OpsError):
    """Someone else saved first (optimistic locking) or a uniqueness rule broke."""


class TransitionRefused(OpsError):
    """A work-order lifecycle transition that the rules do not allow."""

    exit_code = 2


class SecretStoreUnavailable(OpsError):
    """No usable keyring: neither an OS keyring nor the configured fallback."""
