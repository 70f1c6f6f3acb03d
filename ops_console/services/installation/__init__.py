"""A shared installation's secrets for pollers: the installation key, held only by enrolled
hosts (``keys``), and the envelope encryption of what the database stores (``envelope``)."""

from __future__ import annotations

from .envelope import CannotDecrypt
from .keys import EnrollResult, InstallationSecrets, NotEnrolled

__all__ = ["CannotDecrypt", "EnrollResult", "InstallationSecrets", "NotEnrolled"]
