"""Errors every layer raises and the CLI and UI turn into one clear message.

An error raised with :meth:`OpsError.of` keeps its message template and parameters
besides the English text: ``str(exc)`` (what the CLI prints) is the template filled in,
and the desktop console translates the template (Qt context ``errors``) and fills in the
same parameters. ``resources/translations/update.py`` collects every template of a
``X.of("…")``, ``Message("…")`` or ``term("…")`` call in ``services`` and ``domain``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self


def term(text: str) -> str:
    """Mark a phrase used as an error parameter for translation (it stays English here)."""
    return text


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return value


def render(template: str, params: dict[str, object]) -> str:
    """The English text: the template filled in (lists joined with commas)."""
    return template.format(**{k: _plain(v) for k, v in params.items()})


@dataclass(frozen=True)
class Message:
    """A translatable message: a template and its parameters (``str()`` is the English)."""

    template: str
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.template, self.params)


class _Templated:
    """What carries its message template and parameters besides its English text (a problem
    line, an error), so that the desktop console can translate it: kept by ``of``, read back as
    ``message``."""

    template: str | None = None
    params: dict[str, object]

    def _keep(self, template: str, params: dict[str, object]) -> Self:
        self.template = template
        self.params = params
        return self

    def _message(self, english: str) -> Message:
        """The template and parameters; the English text alone when made without a template."""
        if self.template is None:
            return Message(english, {})
        return Message(self.template, getattr(self, "params", {}))


class Problem(_Templated, str):
    """One problem of a file or form: its English text that also carries its template.

    A problem *is* its English text (``line 3: snmp_port: 'x' is not a whole number``), so
    code that sorts, joins, compares or prints problem lines keeps working and the CLI prints
    the same; the desktop console translates ``template`` (Qt context ``errors``) and fills in
    ``params`` like a message raised with :meth:`OpsError.of`. A problem's parameter may be
    another problem (``where`` = ``line {line}: ``), translated in turn.
    """

    @classmethod
    def of(cls, template: str, /, **params: object) -> Problem:
        """A translatable problem: ``Problem.of("{column}: missing", column="name")``."""
        return cls(render(template, params))._keep(template, params)

    @property
    def message(self) -> Message:
        """The problem as template and parameters (the plain text when made without)."""
        return self._message(str(self))


def problems_of(exc: OpsError) -> list[str]:
    """An error as problem lines: the problems it lists, else its own message (as templates)."""
    listed = getattr(exc, "problem_messages", None)
    if listed:
        return [p if isinstance(p, str) else Problem.of(p.template, **p.params) for p in listed]
    if exc.template is not None:
        return [Problem.of(exc.template, **exc.params)]
    return [str(exc)]


class OpsError(_Templated, Exception):
    """Base of every expected error: its message is shown to the user as is.

    Attributes:
        exit_code: the CLI's exit status for this kind of error (2 = bad input).
        template: the untranslated message template when raised with :meth:`of`.
        params: the template's parameters (names for the translated template too).
    """

    exit_code = 1

    @classmethod
    def of(cls, template: str, /, **params: object) -> Self:
        """An error with a translatable message: ``NotFound.of("no user {name!r}", name=n)``."""
        return cls(render(template, params))._keep(template, params)

    @property
    def message(self) -> Message:
        """The message as template and parameters (the plain text when raised without)."""
        return self._message(Exception.__str__(self))


class ValidationError(OpsError):
    """Input that breaks a rule: a bad field, a malformed file, an unknown name."""

    exit_code = 2

    def __init__(self, message: str, problems: Iterable[str | Message] | None = None) -> None:
        super().__init__(message)
        self.problem_messages: list[str | Message] = list(problems or [])
        self.problems: list[str] = [str(p) for p in self.problem_messages]

    @classmethod
    def of(  # type: ignore[override]  # ``problems`` is no template parameter here
        cls, template: str, /, problems: Iterable[str | Message] | None = None, **params: object
    ) -> Self:
        return cls(render(template, params), problems)._keep(template, params)

    @classmethod
    def of_problem(cls, problem: str) -> Self:
        """The error of one problem line: its text, with its template when it carries one."""
        template = getattr(problem, "template", None)
        if template is None:
            return cls(str(problem))
        return cls.of(template, **problem.params)  # type: ignore[attr-defined]

    def __str__(self) -> str:
        base = Exception.__str__(self)
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


class AccountDisabled(PermissionDenied):
    """The signed-in person was disabled (or locked out) since they signed in: their next
    action is refused, and on PostgreSQL their connections were ended."""


class RoleChanged(PermissionDenied):
    """The signed-in person's role or communities changed since they signed in: the action
    is refused once, and the console goes on with what the new role may do.

    Attributes:
        actor: the person as the database has them now (a ``services.context.Actor``).
    """

    actor: object = None


class Conflict(OpsError):
    """Someone else saved first (optimistic locking) or a uniqueness rule broke."""


class TransitionRefused(OpsError):
    """A work-order lifecycle transition that the rules do not allow."""

    exit_code = 2


class SecretStoreUnavailable(OpsError):
    """No usable keyring: neither an OS keyring nor the configured fallback."""
