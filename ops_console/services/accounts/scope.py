"""Which communities a read covers: the one named (if the actor may see it), else all the
actor's communities. Shared by every list a liaison sees only part of, as is the look-up of
one device the actor may see."""

from __future__ import annotations

from ...db import Session
from ...db.models import Community, Device
from ...db.repos import accounts as accounts_repo
from ...db.repos import inventory as inventory_repo
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


def visible_device(session: Session, actor: Actor, tag: str) -> Device:
    """The device with asset tag ``tag``, when the actor may see its community.

    Raises:
        NotFound: no device with that asset tag.
        PermissionDenied: the actor is not assigned to the device's community.
    """
    d = inventory_repo.device_by_tag(session, tag)
    if d is None:
        raise NotFound.of("no device with asset tag {device!r}", device=tag)
    actor.require_community(d.community_id, d.community.name)
    return d
