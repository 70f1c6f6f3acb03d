"""People and where they may act: organizations, communities, zones, users and their roles,
passwords, and the communities a read covers (``scope``)."""

from __future__ import annotations

from .passwords import MIN_LENGTH
from .scope import community_ids, community_named, visible_device
from .service import AccountsService, CommunityInfo, new_organization

__all__ = [
    "MIN_LENGTH",
    "AccountsService",
    "CommunityInfo",
    "community_ids",
    "community_named",
    "new_organization",
    "visible_device",
]
