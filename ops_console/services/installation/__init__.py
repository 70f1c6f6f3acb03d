"""A shared installation's secrets for pollers: the installation key, held only by enrolled
hosts (``keys``), the envelope encryption of what the database stores (``envelope``), and a poller
host's own login role (``poller_login``)."""

from __future__ import annotations

from .envelope import CannotDecrypt
from .keys import EnrollResult, InstallationSecrets, NotEnrolled
from .poller_login import enroll_poller, login_name, poller_credentials

__all__ = [
    "CannotDecrypt",
    "EnrollResult",
    "InstallationSecrets",
    "NotEnrolled",
    "enroll_poller",
    "login_name",
    "poller_credentials",
]
