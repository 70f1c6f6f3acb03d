"""Which communities a read covers: the one named (if the actor may see it), else all the
actor's communities. Shared by every list a liaison sees only part of."""

from __future__ import annotations

from ...db import Session
from ...db.models import Community
from ...db.repos import accounts as accounts_repo
from ...domain.errors import NotFound
from ..context import Actor


def community_named(session: Session, name: str | None) -> Community:
    """The community called ``name``.

    Raises:
        NotFound: no community of that name.
    """
    c = accounts_repo.community_by_name(session, name or "")
    if c is None:
        raise NotFound.of("no community named {community!r}", community=name)
    return c


def community_ids(session: Session, actor: Actor, community: str | None) -> list[int] | None:
    """The community ids a read is limited to; None means every community.

    Raises:
        NotFound: no community named ``community``.
        PermissionDenied: the actor is not assigned to it.
    """
    if community:
        c = community_named(session, community)
        actor.require_community(c.id, c.name)
        return [c.id]
    return None if actor.community_ids is None else sorted(actor.community_ids)
