"""The error that refuses an input (a file, a form) for the problems found in it."""

from __future__ import annotations

from collections.abc import Sequence

from ...domain.errors import ValidationError


def problems_error(template: str, problems: Sequence[str], /, **params: object) -> ValidationError:
    """The error listing ``problems`` under a heading such as ``"{name}: {n_problems}
    problems"``: ``n_problems`` (how many there are) is filled in with the other parameters."""
    return ValidationError.of(template, problems=problems, n_problems=len(problems), **params)
