"""SNMP credentials as the poller sees them: a frozen value, produced by ``ops_console.secrets``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

AUTH_PROTOCOLS = ("MD5", "SHA", "SHA224", "SHA256", "SHA384", "SHA512")
PRIV_PROTOCOLS = ("DES", "3DES", "AES", "AES192", "AES256")


@dataclass(frozen=True)
class SnmpCredential:
    """A community (v1/v2c) or an SNMPv3 USM user.

    Attributes:
        community: the community string for v1/v2c (``None`` for a v3 user).
        user: the v3 user name.
        auth_proto: ``SHA`` (default), ``SHA256``... or ``None`` for noAuthNoPriv.
        auth_key: the authentication pass phrase.
        priv_proto: ``AES`` (default), ``AES256``, ``DES``... or ``None`` for authNoPriv.
        priv_key: the privacy pass phrase.
    """

    community: str | None = field(default=None, repr=False)
    user: str | None = None
    auth_proto: str | None = None
    auth_key: str | None = field(default=None, repr=False)
    priv_proto: str | None = None
    priv_key: str | None = field(default=None, repr=False)

    @property
    def is_v3(self) -> bool:
        return self.user is not None

    def problem(self) -> str | None:
        """Say what is wrong with this credential, or ``None`` when it is usable."""
        if self.user is None:
            return (
                None
                if self.community is not None
                else "credential has neither community nor v3 user"
            )
        if self.auth_proto is not None and self.auth_proto.upper() not in AUTH_PROTOCOLS:
            return f"unknown SNMPv3 auth protocol {self.auth_proto!r}"
        if self.priv_proto is not None and self.priv_proto.upper() not in PRIV_PROTOCOLS:
            return f"unknown SNMPv3 privacy protocol {self.priv_proto!r}"
        if self.auth_proto and len(self.auth_key or "") < 8:
            return "SNMPv3 auth key must be at least 8 characters"
        if self.priv_proto and not self.auth_proto:
            return "SNMPv3 privacy needs authentication too"
        if self.priv_proto and len(self.priv_key or "") < 8:
            return "SNMPv3 privacy key must be at least 8 characters"
        return None


CredentialProvider = Callable[[str], SnmpCredential | None]
"""Credential name → credential (``None`` when the name is unknown)."""


class CycleCredentials:
    """Caches a provider's answers for one poll cycle, so a keyring is asked once per name.

    Errors from the provider are cached too (as a reason), so a locked keyring does not
    get asked 10,000 times.
    """

    def __init__(self, provider: CredentialProvider) -> None:
        self._provider = provider
        self._cache: dict[str, SnmpCredential | str] = {}

    def get(self, name: str) -> SnmpCredential | str:
        """Return the credential, or a reason string why there is none."""
        hit = self._cache.get(name)
        if hit is None:
            try:
                cred = self._provider(name)
            except Exception as exc:  # a keyring backend may raise anything
                hit = f"credential {name!r} unavailable: {exc}"
            else:
                if cred is None:
                    hit = f"unknown credential {name!r}"
                else:
                    hit = cred.problem() or cred
                    if isinstance(hit, str):
                        hit = f"credential {name!r}: {hit}"
            self._cache[name] = hit
        return hit
