"""Envelope encryption of the secrets a shared installation keeps in its database.

Each secret is encrypted (AES-256-GCM) under a data key of its own; the data key is encrypted
under the installation key; both bind the secret's name as associated data, so a ciphertext
moved to another name does not decrypt. The installation key reaches an enrolled host sealed
for that host's X25519 key (an ephemeral key agreement, HKDF-SHA256, AES-256-GCM), so it never
crosses the database in a form another host could open. ``cryptography``'s primitives only.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ...domain.errors import OpsError

NONCE = 12


class CannotDecrypt(OpsError):
    """The key at hand is not the one the secret was encrypted under (or the data was altered)."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def key_id(key: bytes) -> str:
    """A fingerprint of the installation key, to tell keys apart without revealing them."""
    return hashlib.sha256(b"ops-console installation key\0" + key).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _encrypt(key: bytes, plain: bytes, aad: bytes) -> str:
    nonce = os.urandom(NONCE)
    return _b64(nonce + AESGCM(key).encrypt(nonce, plain, aad))


def _decrypt(key: bytes, token: str, aad: bytes) -> bytes:
    raw = base64.b64decode(token)
    try:
        return AESGCM(key).decrypt(raw[:NONCE], raw[NONCE:], aad)
    except InvalidTag as exc:
        raise CannotDecrypt("this key does not decrypt it") from exc


def seal(installation_key: bytes, name: str, plain: bytes) -> tuple[str, str]:
    """Encrypt ``plain`` for ``name``; return (wrapped data key, ciphertext)."""
    data_key = new_key()
    aad = name.encode("utf-8")
    return _encrypt(installation_key, data_key, b"data key\0" + aad), _encrypt(data_key, plain, aad)


def open_sealed(installation_key: bytes, name: str, wrapped: str, ciphertext: str) -> bytes:
    """Decrypt what :func:`seal` made; raise CannotDecrypt under any other key."""
    aad = name.encode("utf-8")
    data_key = _decrypt(installation_key, wrapped, b"data key\0" + aad)
    return _decrypt(data_key, ciphertext, aad)


def host_keypair() -> tuple[str, str]:
    """Return a new host key pair as (private, public), base64 of their raw bytes."""
    private = X25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    raw_public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return _b64(raw_private), _b64(raw_public)


def _kek(shared: bytes, public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"ops-console enroll\0" + public
    ).derive(shared)


def seal_for_host(public_b64: str, installation_key: bytes) -> str:
    """Seal the installation key so that only the holder of the host's private key opens it."""
    host_public = base64.b64decode(public_b64)
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(host_public))
    eph_public = ephemeral.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    token = _encrypt(_kek(shared, host_public), installation_key, eph_public)
    return _b64(eph_public) + "." + token


def open_for_host(private_b64: str, sealed: str) -> bytes:
    """Open what :func:`seal_for_host` made, with the host's private key."""
    eph_b64, token = sealed.split(".", 1)
    eph_public = base64.b64decode(eph_b64)
    private = X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph_public))
    host_public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return _decrypt(_kek(shared, host_public), token, eph_public)
