"""Residents' contacts in a shared installation: sealed and opened inside PostgreSQL.

A contact is encrypted (pgcrypto's OpenPGP symmetric encryption, AES-256, with an integrity
check) under a contact key that the database generates and keeps in ``ops_private.contact_key``,
a schema no login role may even look into. Only two SECURITY DEFINER functions touch that key:

- ``ops_contact_seal(json)`` returns the stored form (``pg1:`` and base64) for a new contact;
- ``ops_contact(order_id)`` returns the contact of one work order to a caller who may read it
  (a manager or an administrator, the liaison of the order's community, the technician it is
  assigned to; every one of them within their communities) and refuses everyone else (an
  auditor, another technician, a poller) with SQLSTATE 42501.

So the key never reaches a seat at all: an auditor reads every work order's row and sees only
ciphertext, and a person with psql gets no more than through the console. A contact stored
before this (a Fernet token under a seat's keyring key) is handed back unchanged to those
allowed, and the seat decrypts it as before; it is sealed in the database when next edited.

On SQLite nothing here is used: the contact stays Fernet-encrypted under the keyring's field key.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..domain.errors import NotFound, PermissionDenied
from .pg_security import CONSOLE_ROLES, call, group_role, refusal

PRIVATE = "ops_private"
SEALED = "pg1:"


def install_statements(conn: Connection, schema: str) -> list[str]:
    """Return the SQL that creates the key (once) and the two functions (idempotent).

    pgcrypto is a trusted extension: the owner installs it into the private schema, or uses it
    where an administrator of the server installed it already.
    """
    raw = conn.connection.driver_connection
    raw.execute(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE}")  # type: ignore[union-attr]
    raw.execute(f"CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA {PRIVATE}")  # type: ignore[union-attr]
    x = str(
        conn.exec_driver_sql(
            "SELECT quote_ident(n.nspname) FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'"
        ).scalar_one()
    )
    path = f"SET search_path = {schema}, pg_temp"
    key = f"(SELECT encode(k.key, 'hex') FROM {PRIVATE}.contact_key k WHERE k.id = 1)"
    everyone = ", ".join(group_role(r) for r in CONSOLE_ROLES)
    return [
        f"REVOKE ALL ON SCHEMA {PRIVATE} FROM PUBLIC",
        f"""CREATE TABLE IF NOT EXISTS {PRIVATE}.contact_key (
              id integer PRIMARY KEY CHECK (id = 1), key bytea NOT NULL)""",
        f"""INSERT INTO {PRIVATE}.contact_key (id, key) VALUES (1, {x}.gen_random_bytes(32))
            ON CONFLICT (id) DO NOTHING""",
        f"REVOKE ALL ON {PRIVATE}.contact_key FROM PUBLIC",
        f"""CREATE OR REPLACE FUNCTION ops_contact_seal(p_contact text) RETURNS text
            LANGUAGE sql VOLATILE SECURITY DEFINER {path} AS $f$
              SELECT '{SEALED}' || encode({x}.pgp_sym_encrypt(p_contact, {key},
                                          'cipher-algo=aes256, s2k-mode=1'), 'base64') $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_contact(p_order integer) RETURNS text
            LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $f$
            DECLARE
              v_enc text; v_number text; v_community integer; v_assignee integer;
              v_role text; v_scope integer[];
            BEGIN
              SELECT resident_contact_enc, number, community_id, assignee_id
                INTO v_enc, v_number, v_community, v_assignee
                FROM work_orders WHERE id = p_order;
              IF NOT FOUND THEN
                RAISE EXCEPTION 'ops: no work order %', p_order USING ERRCODE = 'P0002';
              END IF;
              -- the owner (installing, migrating) may; a person by their role and reach
              IF session_user <> current_user THEN
                SELECT role::text INTO v_role FROM users
                 WHERE username = session_user AND active;
                v_scope := ops_my_communities();
                -- coalesce: no role (a poller's login) or no assignee is a refusal, not NULL
                IF NOT coalesce((v_scope IS NULL OR v_community = ANY(v_scope))
                        AND (v_role IN ('manager', 'admin', 'liaison')
                             OR (v_role = 'technician' AND v_assignee = ops_me())), false) THEN
                  RAISE EXCEPTION 'ops: % may not read the resident''s contact on %',
                    session_user, v_number USING ERRCODE = '42501';
                END IF;
              END IF;
              IF v_enc IS NULL OR v_enc NOT LIKE '{SEALED}%' THEN
                RETURN v_enc;  -- none, or sealed by a seat before (its keyring key opens it)
              END IF;
              RETURN {x}.pgp_sym_decrypt(decode(substr(v_enc, {len(SEALED) + 1}), 'base64'),
                                         {key});
            END $f$""",
        "REVOKE ALL ON FUNCTION ops_contact_seal(text), ops_contact(integer) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION ops_contact(integer) TO {everyone}",
        "GRANT EXECUTE ON FUNCTION ops_contact_seal(text) TO ops_liaison, ops_manager, ops_admin",
    ]


def uninstall_statements() -> list[str]:
    return [
        "DROP FUNCTION IF EXISTS ops_contact(integer), ops_contact_seal(text)",
        f"DROP TABLE IF EXISTS {PRIVATE}.contact_key",
    ]


def seal(session: Session, payload: str) -> str:
    """Return the stored form of a contact (its JSON), sealed by the database."""
    return str(call(session, "SELECT ops_contact_seal(:p)", _refusal, p=payload))


def open_contact(session: Session, order_id: int) -> str | None:
    """Return a work order's contact as the database hands it to the signed-in person: its
    JSON, a token sealed before by a seat, or None; refused (PermissionDenied) to others."""
    value = call(session, "SELECT ops_contact(:o)", _refusal, o=order_id)
    return None if value is None else str(value)


# the console's error for what ops_contact refuses, by SQLSTATE (anything else as raised)
_ERRORS: dict[str | None, Callable[[str], Exception]] = {
    "P0002": NotFound,
    "42501": PermissionDenied,
}


def _refusal(exc: DBAPIError) -> Exception:
    code, message = refusal(exc)
    return _ERRORS[code](message) if code in _ERRORS else exc
