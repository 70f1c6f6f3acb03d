"""PostgreSQL as the security boundary: group roles, per-person login roles, grants, audit append.

A shared installation has one owner role (it runs the migrations and owns every table and
function) and one login role per person, a member of exactly one group role per console role
(``ops_technician``, ``ops_liaison``, ``ops_manager``, ``ops_admin``, ``ops_auditor``,
``ops_poller``). Seats connect as the person signing in, never as the owner.

Nothing here trusts the client: login roles are created and changed only through SECURITY
DEFINER functions that check the caller is an administrator (or, for a password, the person
themselves) and that the target is a console login, never another role of the server; the
audit chain is appended only by ``ops_audit_append``, which serialises writers on the head
row, records ``session_user`` and hashes it with the entry (so ``verify`` notices an edit);
and a deferred trigger on every table of people's data appends an entry of its own for a
transaction that changed rows without one (psql instead of the console).

The SQL is installed by migration 0009; a later migration that changes it must install it
again (every statement is ``CREATE OR REPLACE`` or guarded) and call ``ops_apply_grants()``
after creating tables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from ..domain.errors import Conflict, PermissionDenied, ValidationError

log = logging.getLogger(__name__)

CONSOLE_ROLES = ("technician", "liaison", "manager", "admin", "auditor", "poller")

# Tables whose rows no person changes directly and that the audit trigger leaves alone:
# the chain itself, Alembic's row, and the poller's high-volume operational state (its
# samples, health, leases), which the monitoring services account for in their own entries;
# the device categories are shipped data, synchronised from the profiles at start-up.
AUDIT_TABLES = ("audit_entries", "audit_head", "audit_archives")
# the poller's high-volume operational state: samples, health, rule states, its runs
POLLER_STATE = (
    "metric_names",
    "samples_open",
    "series_chunks",
    "series_marks",
    "health_spans",
    "device_states",
    "poller_runs",
    "alarm_rule_states",
)
UNAUDITED = (
    "alembic_version",
    "device_categories",
    *AUDIT_TABLES,
    *POLLER_STATE,
    "pollers",
    "device_leases",
    "work_order_counters",
)
# what the poller role writes (and an admin, whose console may run the poller)
MONITORING = (*POLLER_STATE, "alarms", "care_alerts", "pollers", "device_leases")
# the alarm → work-order hand-over the poller makes
HANDOVER = ("work_orders", "work_order_events", "work_order_counters")
# the installation key's tables (migration 0012): administrators and pollers only
SECRET_TABLES = ("installation_key", "stored_secrets", "enrolled_hosts")


def group_role(console_role: str) -> str:
    """Return the PostgreSQL group role of a console role."""
    return f"ops_{console_role}"


# every console role's group, as a GRANT or a policy names them
CONSOLE_GROUPS = ", ".join(group_role(r) for r in CONSOLE_ROLES)


def current_schema(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SELECT current_schema()").scalar_one())


def run(conn: Connection, statements: list[str]) -> None:
    """Execute SQL through the driver with no parameters (its ``%I`` and ``%L`` are
    PL/pgSQL's ``format`` placeholders, not the driver's)."""
    raw = conn.connection.driver_connection
    for statement in statements:
        raw.execute(statement)  # type: ignore[union-attr]


def _rights(functions: Mapping[str, str | None]) -> list[str]:
    """The SQL that lets only the roles named run each function: ``functions`` maps a
    function's signature to the roles granted it (None: nobody but its owner)."""
    out = [f"REVOKE ALL ON FUNCTION {', '.join(functions)} FROM PUBLIC"]
    granted: dict[str, list[str]] = {}
    for signature, roles in functions.items():
        if roles is not None:
            granted.setdefault(roles, []).append(signature)
    out += [f"GRANT EXECUTE ON FUNCTION {', '.join(f)} TO {r}" for r, f in granted.items()]
    return out


def _drop(functions: Iterable[str]) -> str:
    return f"DROP FUNCTION IF EXISTS {', '.join(functions)}"


def _list(names: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{n}'" for n in names) + "]"


def _admin_only(doing: str) -> str:
    """The PL/pgSQL lines (at a function body's indent) that refuse a caller who does not
    manage logins, with 'ops: only an administrator <doing>' (SQLSTATE 42501)."""
    return f"""IF NOT ops_may_manage_logins() THEN
                RAISE EXCEPTION 'ops: only an administrator {doing}'
                  USING ERRCODE = '42501';
              END IF;"""


# the functions install_statements creates, each with the roles that may run it
_LOGIN_FUNCTIONS: dict[str, str | None] = {
    "ops_console_group_of(text)": CONSOLE_GROUPS,
    "ops_may_manage_logins()": None,
    "ops_login_check(text, text)": None,
    "ops_login_create(text, text, text)": "ops_admin",
    "ops_login_set_role(text, text)": "ops_admin",
    "ops_login_set_password(text, text, text)": CONSOLE_GROUPS,
    "ops_login_set_active(text, boolean)": "ops_admin",
    "ops_audit_append(timestamptz, text, text, text, text, text, text)": CONSOLE_GROUPS,
    "ops_audit_row()": None,
    "ops_apply_grants()": None,
}


def install_statements(schema: str) -> list[str]:
    """Return the SQL that installs roles, functions, grants and triggers (idempotent)."""
    path = f"SET search_path = {schema}, pg_temp"
    groups = _list(tuple(group_role(r) for r in CONSOLE_ROLES))
    # p_role must name a console role
    console_role = f"""IF NOT ('ops_' || p_role) = ANY({groups}) THEN
                RAISE EXCEPTION 'ops: no console role %', p_role USING ERRCODE = '22023';
              END IF;"""
    return [
        # group roles: cluster-wide, so created only when missing
        f"""DO $$ DECLARE r text; BEGIN
            FOREACH r IN ARRAY {groups} LOOP
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
              END IF;
            END LOOP; END $$""",
        # ---- login roles --------------------------------------------------------------------
        f"""CREATE OR REPLACE FUNCTION ops_console_group_of(p_user text) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT g.rolname::text FROM pg_auth_members m
                JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
               WHERE u.rolname = p_user AND g.rolname = ANY({groups}) LIMIT 1 $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_may_manage_logins() RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT session_user = current_user
                  OR pg_has_role(session_user, 'ops_admin', 'MEMBER') $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_check(p_user text, p_verifier text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            BEGIN
              IF p_verifier IS NOT NULL AND p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
                RAISE EXCEPTION 'ops: a password is passed as its SCRAM verifier, never in clear'
                  USING ERRCODE = '22023';
              END IF;
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_user)
                 AND ops_console_group_of(p_user) IS NULL THEN
                RAISE EXCEPTION 'ops: % is a database role that is not a console login', p_user
                  USING ERRCODE = '42501';
              END IF;
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_create(p_user text, p_verifier text, p_role text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            BEGIN
              {_admin_only("adds users")}
              {console_role}
              PERFORM ops_login_check(p_user, p_verifier);
              IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_user) THEN
                RAISE EXCEPTION 'ops: a login role % exists already', p_user
                  USING ERRCODE = '42710';
              END IF;
              EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I',
                             p_user, p_verifier, 'ops_' || p_role);
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_set_role(p_user text, p_role text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            DECLARE g text;
            BEGIN
              {_admin_only("changes roles")}
              {console_role}
              PERFORM ops_login_check(p_user, NULL);
              FOREACH g IN ARRAY {groups} LOOP
                IF pg_has_role(p_user, g, 'MEMBER') THEN
                  EXECUTE format('REVOKE %I FROM %I', g, p_user);
                END IF;
              END LOOP;
              EXECUTE format('GRANT %I TO %I', 'ops_' || p_role, p_user);
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_set_password(p_user text, p_verifier text,
                                                              p_hash text)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            BEGIN
              IF NOT (ops_may_manage_logins() OR session_user = p_user) THEN
                RAISE EXCEPTION 'ops: only an administrator or % changes this password', p_user
                  USING ERRCODE = '42501';
              END IF;
              PERFORM ops_login_check(p_user, p_verifier);
              EXECUTE format('ALTER ROLE %I PASSWORD %L', p_user, p_verifier);
              UPDATE users SET password_hash = p_hash, failed_logins = 0
               WHERE username = p_user;
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_set_active(p_user text, p_active boolean)
            RETURNS void LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            BEGIN
              {_admin_only("disables users")}
              PERFORM ops_login_check(p_user, NULL);
              EXECUTE format('ALTER ROLE %I %s', p_user,
                             CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
            END $f$""",
        # ---- the audit chain, appended by the database -------------------------------------
        f"""CREATE OR REPLACE FUNCTION ops_audit_append(
              p_at timestamptz, p_actor text, p_action text, p_entity text, p_entity_id text,
              p_before text, p_after text) RETURNS bigint
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            DECLARE
              v_last bigint; v_prev text; v_id bigint; v_hash text; v_payload text;
              v_role text := session_user;
            BEGIN
              -- the head row's lock serialises every writer (Python's own appends lock it too)
              SELECT last_id, last_hash INTO v_last, v_prev FROM audit_head WHERE id = 1
                FOR UPDATE;
              IF NOT FOUND THEN
                PERFORM pg_advisory_xact_lock(1329474);  -- two first entries at once
                SELECT last_id, last_hash INTO v_last, v_prev FROM audit_head WHERE id = 1
                  FOR UPDATE;
                IF NOT FOUND THEN
                  v_last := 0; v_prev := repeat('0', 64);
                  INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, v_last, v_prev);
                END IF;
              END IF;
              v_id := v_last + 1;
              -- exactly services.audit.entry_hash's JSON: [id, at, actor, action, entity,
              -- entity_id, before, after, prev_hash, db_role], no spaces, non-ASCII kept
              v_payload := '[' || v_id::text
                || ',' || to_json(to_char(p_at AT TIME ZONE 'UTC',
                                          'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00')::text
                || ',' || to_json(p_actor)::text || ',' || to_json(p_action)::text
                || ',' || to_json(p_entity)::text
                || ',' || coalesce(to_json(p_entity_id)::text, 'null')
                || ',' || coalesce(to_json(p_before)::text, 'null')
                || ',' || coalesce(to_json(p_after)::text, 'null')
                || ',' || to_json(v_prev)::text || ',' || to_json(v_role)::text || ']';
              v_hash := encode(sha256(convert_to(v_payload, 'UTF8')), 'hex');
              INSERT INTO audit_entries (id, at, actor, action, entity, entity_id, before_json,
                                         after_json, prev_hash, hash, db_role, db_xact)
                VALUES (v_id, p_at, p_actor, p_action, p_entity, p_entity_id, p_before,
                        p_after, v_prev, v_hash, v_role, txid_current());
              UPDATE audit_head SET last_id = v_id, last_hash = v_hash WHERE id = 1;
              RETURN v_id;
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_audit_immutable() RETURNS trigger
            LANGUAGE plpgsql {path} AS $f$
            BEGIN
              RAISE EXCEPTION 'ops: audit entries are never changed' USING ERRCODE = '42501';
            END $f$""",
        "DROP TRIGGER IF EXISTS ops_audit_immutable ON audit_entries",
        """CREATE TRIGGER ops_audit_immutable BEFORE UPDATE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION ops_audit_immutable()""",
        # a change no console entry covers: the deferred trigger (it runs at commit, after the
        # service's own entry) appends one naming the login role
        f"""CREATE OR REPLACE FUNCTION ops_audit_row() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            DECLARE v_old jsonb; v_new jsonb;
            BEGIN
              IF EXISTS (SELECT 1 FROM audit_entries WHERE db_xact = txid_current()
                           AND action NOT LIKE 'db.%') THEN
                RETURN NULL;
              END IF;
              IF TG_OP <> 'INSERT' THEN v_old := to_jsonb(OLD) - 'password_hash'; END IF;
              IF TG_OP <> 'DELETE' THEN v_new := to_jsonb(NEW) - 'password_hash'; END IF;
              -- a sign-in's bookkeeping (a lock is audited as user.locked by the service)
              IF TG_TABLE_NAME = 'users' AND TG_OP = 'UPDATE'
                 AND v_old - 'last_login_at' - 'failed_logins'
                     = v_new - 'last_login_at' - 'failed_logins' THEN
                RETURN NULL;
              END IF;
              PERFORM ops_audit_append(now(), session_user::text, 'db.' || lower(TG_OP),
                                       TG_TABLE_NAME::text, coalesce(v_new, v_old) ->> 'id',
                                       v_old::text, v_new::text);
              RETURN NULL;
            END $f$""",
        # ---- grants -------------------------------------------------------------------------
        f"""CREATE OR REPLACE FUNCTION ops_apply_grants() RETURNS void
            LANGUAGE plpgsql {path} AS $f$
            DECLARE
              t text; g text; cols text;
              schema_name text := current_schema();
              writers text[] := ARRAY['ops_technician', 'ops_liaison', 'ops_manager',
                                      'ops_admin', 'ops_poller'];
            BEGIN
              EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', schema_name,
                             array_to_string({groups}, ', '));
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema_name LOOP
                EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
                FOREACH g IN ARRAY {groups} LOOP
                  EXECUTE format('REVOKE ALL ON %I FROM %I', t, g);
                END LOOP;
                -- who reads what: every group reads every table but the password hashes;
                -- the audit trail is read by administrators and auditors only
                IF t = 'users' THEN
                  SELECT string_agg(quote_ident(column_name), ', ') INTO cols
                    FROM information_schema.columns
                   WHERE table_schema = schema_name AND table_name = 'users'
                     AND column_name <> 'password_hash';
                  EXECUTE format('GRANT SELECT (%s) ON users TO %s', cols,
                                 array_to_string({groups}, ', '));
                  EXECUTE 'GRANT INSERT, UPDATE, DELETE ON users TO ops_admin';
                ELSIF t = ANY({_list(AUDIT_TABLES)}) THEN
                  -- the poller reads the chain to witness it daily (it never writes a row)
                  EXECUTE format('GRANT SELECT ON %I TO ops_admin, ops_auditor, ops_poller', t);
                ELSIF t = ANY({_list(SECRET_TABLES)}) THEN
                  EXECUTE format('GRANT SELECT ON %I TO ops_admin, ops_poller', t);
                  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_admin', t);
                  CONTINUE;
                ELSE
                  EXECUTE format('GRANT SELECT ON %I TO %s', t, array_to_string({groups}, ', '));
                END IF;
                -- who writes what (row-level security narrows it to communities and orders)
                IF t = ANY({_list(AUDIT_TABLES)}) OR t IN ('users', 'alembic_version') THEN
                  CONTINUE;
                END IF;
                EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_admin', t);
                IF t = ANY({_list(MONITORING)}) THEN
                  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_poller', t);
                  IF t IN ('alarms', 'care_alerts') THEN
                    EXECUTE format('GRANT UPDATE ON %I TO ops_liaison, ops_manager', t);
                  END IF;
                ELSIF t IN ('communities', 'zones', 'organizations', 'user_communities',
                            'device_categories', 'settings') THEN
                  NULL;  -- administrators only
                ELSE
                  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_manager', t);
                END IF;
                IF t = ANY({_list(HANDOVER)}) THEN
                  EXECUTE format('GRANT INSERT, UPDATE ON %I TO ops_liaison, ops_technician', t);
                  -- the poller's orders are the ones it raises (policies ops_poller_*);
                  -- it appends their events, never changes one
                  EXECUTE format('GRANT INSERT%s ON %I TO ops_poller',
                                 CASE WHEN t = 'work_order_events' THEN '' ELSE ', UPDATE' END, t);
                ELSIF t = 'preventive_runs' THEN
                  EXECUTE format('GRANT INSERT, UPDATE ON %I TO ops_poller', t);
                ELSIF t IN ('work_order_parts', 'sla_reminders') THEN
                  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_technician', t);
                ELSIF t = 'work_order_attachments' THEN
                  -- an attachment is added, never changed (row security: their own orders)
                  EXECUTE format('GRANT INSERT ON %I TO ops_technician, ops_liaison', t);
                ELSIF t = 'maintenance_windows' THEN
                  EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO ops_liaison', t);
                END IF;
              END LOOP;
              FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = schema_name LOOP
                EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO %s', t,
                               array_to_string(writers, ', '));
              END LOOP;
              -- the audit trigger on every table of people's data
              FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = schema_name
                         AND NOT tablename = ANY({_list(UNAUDITED)}) LOOP
                EXECUTE format('DROP TRIGGER IF EXISTS ops_audit_row ON %I', t);
                EXECUTE format('CREATE CONSTRAINT TRIGGER ops_audit_row AFTER INSERT OR UPDATE '
                               'OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                               'EXECUTE FUNCTION ops_audit_row()', t);
              END LOOP;
            END $f$""",
        "SELECT ops_apply_grants()",
        # functions: nobody by default; the groups what they need
        *_rights(_LOGIN_FUNCTIONS),
    ]


def uninstall_statements() -> list[str]:
    """Return the SQL that removes the functions and triggers (group roles stay: they are
    the server's, and may have members)."""
    return [
        """DO $$ DECLARE t text; BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
              EXECUTE format('DROP TRIGGER IF EXISTS ops_audit_row ON %I', t);
            END LOOP; END $$""",
        "DROP TRIGGER IF EXISTS ops_audit_immutable ON audit_entries",
        _drop(["ops_audit_immutable()", *reversed(_LOGIN_FUNCTIONS)]),
    ]


# ---- what the services call --------------------------------------------------------------------
def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _verifier(session: Session, username: str, password: str) -> str:
    """Return the SCRAM-SHA-256 verifier of a password, computed here by libpq: the password
    itself never travels to the server or into its logs."""
    raw = session.connection().connection.driver_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    verifier: bytes = pgconn.encrypt_password(
        password.encode("utf-8"), username.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def refusal(exc: DBAPIError) -> tuple[str | None, str]:
    """The SQLSTATE of an error the database raised and its message, without the "ops: " our
    functions put before what they refuse."""
    code = getattr(exc.orig, "sqlstate", None)
    message = str(getattr(getattr(exc.orig, "diag", None), "message_primary", "") or exc.orig)
    return code, message.removeprefix("ops: ")


# the console's error for what our functions refuse, by SQLSTATE (else ValidationError)
_ERRORS: dict[str | None, Callable[[str], Exception]] = {
    "42501": PermissionDenied,
    "42710": Conflict,
}


def _problem(exc: DBAPIError) -> Exception:
    code, message = refusal(exc)
    return _ERRORS.get(code, ValidationError)(message)


def call(
    session: Session,
    sql: str,
    /,
    problem: Callable[[DBAPIError], Exception] = _problem,
    **params: object,
) -> Any:
    """Run ``SELECT f(:p…)`` and return the value of its one row; an error the database
    raises comes out as ``problem(exc)`` (by default a refusal is PermissionDenied, a role
    that exists already Conflict, anything else ValidationError)."""
    try:
        return session.execute(text(sql), params).scalar_one()
    except DBAPIError as exc:
        raise problem(exc) from exc


def create_login(session: Session, username: str, password: str, role: str) -> None:
    """Create the person's login role (SCRAM password) in the group of their console role."""
    verifier = _verifier(session, username, password)
    call(session, "SELECT ops_login_create(:u, :v, :r)", u=username, v=verifier, r=role)


def login_exists(session: Session, username: str) -> bool:
    return bool(
        session.execute(
            text("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :u)"), {"u": username}
        ).scalar_one()
    )


def set_login_role(session: Session, username: str, role: str) -> None:
    call(session, "SELECT ops_login_set_role(:u, :r)", u=username, r=role)


def set_login_password(session: Session, username: str, password: str, slow_hash: str) -> None:
    """Set the login role's SCRAM password and the users row's own hash together."""
    verifier = _verifier(session, username, password)
    call(
        session,
        "SELECT ops_login_set_password(:u, :v, :h)",
        u=username,
        v=verifier,
        h=slow_hash,
    )


def set_login_active(session: Session, username: str, active: bool) -> None:
    call(session, "SELECT ops_login_set_active(:u, :a)", u=username, a=active)


def audit_append(session: Session, **entry: object) -> int:
    """Append an entry through the database's own function; return its id.

    ``entry``: the entry's content by name, as ``services.audit.trail.record`` states it (at,
    actor, action, entity, entity_id, before_json, after_json: the function's arguments, in
    this order).
    """
    return int(
        session.execute(
            text(
                "SELECT ops_audit_append(:at, :actor, :action, :entity, :entity_id, "
                ":before_json, :after_json)"
            ),
            entry,
        ).scalar_one()
    )


# ---- row-level security (migration 0010) -------------------------------------------------------
# Who sees which rows, as the console's own rules have it: a person with communities sees only
# theirs (a liaison); a technician sees the work orders assigned to them and the devices of their
# firm's contracts; everyone else every row. The policies read the caller's scope once per
# statement (an InitPlan over these functions), not once per row. The owner bypasses them.
_SCOPE = "(SELECT ops_my_communities())"
_DEVICES = "(SELECT ops_my_devices())"
_ORDERS = "(SELECT ops_my_orders())"


def _any(subquery: str) -> str:
    # ``x = ANY((SELECT f()))`` would compare x with each row of the subquery; the cast makes
    # it the one array value, still computed once per statement
    return f"ANY({subquery}::integer[])"


_COMMUNITY_ROW = f"({_SCOPE} IS NULL OR community_id = {_any(_SCOPE)})"
_DEVICE_ROW = f"({_DEVICES} IS NULL OR device_id = {_any(_DEVICES)})"
RLS_POLICIES: dict[str, str] = {
    "communities": f"({_SCOPE} IS NULL OR id = {_any(_SCOPE)})",
    "zones": _COMMUNITY_ROW,
    "devices": f"{_COMMUNITY_ROW} AND ((SELECT ops_my_role()) IS DISTINCT FROM 'technician' "
    f"OR contract_id = {_any('(SELECT ops_my_contracts())')} "
    f"OR community_id = {_any('(SELECT ops_my_contract_communities())')})",
    **{
        t: _DEVICE_ROW
        for t in (
            "device_states",
            "samples_open",
            "series_chunks",
            "health_spans",
            "alarm_rule_states",
            "alarms",
            "care_alerts",
            "device_leases",
            "preventive_runs",
        )
    },
    "maintenance_windows": f"(device_id IS NULL OR {_DEVICE_ROW}) AND "
    f"(community_id IS NULL OR {_COMMUNITY_ROW})",
    "preventive_plans": f"(device_id IS NULL OR {_DEVICE_ROW})",
    "work_orders": "CASE WHEN (SELECT ops_my_role()) = 'technician' "
    "THEN assignee_id = (SELECT ops_me()) "
    f"ELSE {_COMMUNITY_ROW} END",
    "work_order_events": f"({_ORDERS} IS NULL OR work_order_id = {_any(_ORDERS)})",
    "work_order_parts": f"({_ORDERS} IS NULL OR work_order_id = {_any(_ORDERS)})",
    "work_order_attachments": f"({_ORDERS} IS NULL OR work_order_id = {_any(_ORDERS)})",
}


# the functions that read the caller's scope, in the order they are created: the console's
# groups may run them
_SCOPE_FUNCTIONS = (
    "ops_me()",
    "ops_my_role()",
    "ops_my_communities()",
    "ops_my_contracts()",
    "ops_my_contract_communities()",
    "ops_my_devices()",
    "ops_my_orders()",
)


def rls_statements(schema: str) -> list[str]:
    """Return the SQL that installs the scope functions and the row-level policies."""
    path = f"SET search_path = {schema}, pg_temp"
    fns = [
        f"""CREATE OR REPLACE FUNCTION ops_me() RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT id FROM users WHERE username = session_user $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_my_role() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT role::text FROM users WHERE username = session_user $f$""",
        # NULL: every community (no scope, or not a person: the owner, a poller's service)
        f"""CREATE OR REPLACE FUNCTION ops_my_communities() RETURNS integer[]
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT CASE WHEN count(uc.community_id) = 0 THEN NULL
                          ELSE array_agg(uc.community_id) END
                FROM users u JOIN user_communities uc ON uc.user_id = u.id
               WHERE u.username = session_user $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_my_contracts() RETURNS integer[]
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT coalesce(array_agg(c.id), '{{}}') FROM contracts c
                JOIN users u ON u.organization_id = c.firm_id
               WHERE u.username = session_user $f$""",
        # the communities the technician's firm's contracts cover
        f"""CREATE OR REPLACE FUNCTION ops_my_contract_communities() RETURNS integer[]
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT coalesce(array_agg(DISTINCT cc.community_id), '{{}}')
                FROM contract_communities cc JOIN contracts c ON c.id = cc.contract_id
                JOIN users u ON u.organization_id = c.firm_id
               WHERE u.username = session_user $f$""",
        # NULL: every device
        f"""CREATE OR REPLACE FUNCTION ops_my_devices() RETURNS integer[]
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT CASE
                WHEN ops_my_communities() IS NULL
                     AND ops_my_role() IS DISTINCT FROM 'technician' THEN NULL
                ELSE (SELECT coalesce(array_agg(d.id), '{{}}') FROM devices d
                       WHERE (ops_my_communities() IS NULL
                              OR d.community_id = ANY(ops_my_communities()))
                         AND (ops_my_role() IS DISTINCT FROM 'technician'
                              OR d.contract_id = ANY(ops_my_contracts())
                              OR d.community_id = ANY(ops_my_contract_communities())))
              END $f$""",
        # NULL: every work order
        f"""CREATE OR REPLACE FUNCTION ops_my_orders() RETURNS integer[]
            LANGUAGE sql STABLE SECURITY DEFINER {path} AS $f$
              SELECT CASE
                WHEN ops_my_role() = 'technician' THEN
                  (SELECT coalesce(array_agg(w.id), '{{}}') FROM work_orders w
                    WHERE w.assignee_id = ops_me())
                WHEN ops_my_communities() IS NULL THEN NULL
                ELSE (SELECT coalesce(array_agg(w.id), '{{}}') FROM work_orders w
                       WHERE w.community_id = ANY(ops_my_communities()))
              END $f$""",
    ]
    grants = _rights(dict.fromkeys(_SCOPE_FUNCTIONS, CONSOLE_GROUPS))
    policies: list[str] = []
    for table, rule in RLS_POLICIES.items():
        # a table a later migration creates (the time-series store's, 0013) is skipped here
        # and gets its policy when that migration runs these statements again
        policies.append(
            f"""DO $p$ BEGIN IF to_regclass('{table}') IS NOT NULL THEN
                  ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                  DROP POLICY IF EXISTS ops_scope ON {table};
                  CREATE POLICY ops_scope ON {table} TO {CONSOLE_GROUPS} USING ({rule})
                    WITH CHECK ({rule});
                END IF; END $p$"""
        )
    return fns + grants + policies


# What the poller role writes of the work orders: only those it generates (raised from an
# alarm, or by a preventive plan), and the events of those. Restrictive policies narrow the
# community policy above for ops_poller alone (migration 0020).
POLLER_SOURCES = "source IN ('alarm', 'preventive')"
POLLER_POLICIES: dict[str, tuple[str, str]] = {
    "ops_poller_raises": ("work_orders", f"FOR INSERT TO ops_poller WITH CHECK ({POLLER_SOURCES})"),
    "ops_poller_updates": (
        "work_orders",
        f"FOR UPDATE TO ops_poller USING ({POLLER_SOURCES}) WITH CHECK ({POLLER_SOURCES})",
    ),
    "ops_poller_events": (
        "work_order_events",
        "FOR INSERT TO ops_poller WITH CHECK (work_order_id IN "
        f"(SELECT id FROM work_orders WHERE {POLLER_SOURCES}))",
    ),
}


def poller_statements() -> list[str]:
    """Return the SQL of the poller's restrictive policies (idempotent)."""
    out: list[str] = []
    for name, (table, rule) in POLLER_POLICIES.items():
        out.append(f"DROP POLICY IF EXISTS {name} ON {table}")
        out.append(f"CREATE POLICY {name} ON {table} AS RESTRICTIVE {rule}")
    return out


def unpoller_statements() -> list[str]:
    return [f"DROP POLICY IF EXISTS {n} ON {t}" for n, (t, _) in POLLER_POLICIES.items()]


def unrls_statements() -> list[str]:
    out: list[str] = []
    for table in RLS_POLICIES:
        out.append(
            f"""DO $p$ BEGIN IF to_regclass('{table}') IS NOT NULL THEN
                  DROP POLICY IF EXISTS ops_scope ON {table};
                  ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
                END IF; END $p$"""
        )
    out.append(_drop(reversed(_SCOPE_FUNCTIONS)))
    return out


# ---- lockout (migration 0013) ------------------------------------------------------------------
# A refused connection leaves no trace the database can count, so the console reports it: it
# connects as ``ops_signin`` (a login role whose one right is ops_sign_in_failed; pg_hba.conf
# lets it in without a password) and the function counts the failures of the person's role;
# the fifth in a row sets the role NOLOGIN until 15 minutes later (users.locked_until), so the
# server itself refuses even the right password meanwhile, from the console or psql. The lock
# is lifted by an admin (users unlock) or by the first sign-in attempt after it ran out.
# ops_now() is the clock (a test replaces it). psql alone cannot be counted this way: the
# server's auth_delay module slows its guessing (README).
SIGNIN_ROLE = "ops_signin"
MAX_FAILURES = 5


# the lockout's functions, each with the roles that may run it
_LOCKOUT_FUNCTIONS: dict[str, str | None] = {
    "ops_now()": CONSOLE_GROUPS,
    "ops_sign_in_failed(text)": SIGNIN_ROLE,
    "ops_sign_in_ok()": CONSOLE_GROUPS,
}


def lockout_statements(schema: str) -> list[str]:
    """Return the SQL that installs the sign-in role and the lockout functions."""
    path = f"SET search_path = {schema}, pg_temp"
    return [
        f"""DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SIGNIN_ROLE}') THEN
                CREATE ROLE {SIGNIN_ROLE} LOGIN;
              END IF; END $$""",
        f"""CREATE OR REPLACE FUNCTION ops_now() RETURNS timestamptz
            LANGUAGE sql STABLE {path} AS $f$ SELECT now() $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_sign_in_failed(p_user text)
            RETURNS TABLE (state text, minutes integer)
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            DECLARE
              v_id integer; v_active boolean; v_until timestamptz; v_failed integer;
              v_now timestamptz := ops_now();
            BEGIN
              SELECT id, active, locked_until INTO v_id, v_active, v_until FROM users
               WHERE username = p_user FOR UPDATE;
              IF NOT FOUND OR NOT v_active OR ops_console_group_of(p_user) IS NULL THEN
                RETURN QUERY SELECT 'refused'::text, 0;  -- no such person: nothing to count
                RETURN;
              END IF;
              IF v_until IS NOT NULL AND v_until > v_now THEN
                RETURN QUERY SELECT 'locked'::text,
                  ceil(extract(epoch FROM v_until - v_now) / 60)::integer;
                RETURN;
              END IF;
              IF v_until IS NOT NULL THEN  -- the lock ran out: the role may log in again
                UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = v_id;
                EXECUTE format('ALTER ROLE %I LOGIN', p_user);
                PERFORM ops_audit_append(v_now, p_user, 'user.lock_expired', 'user', v_id::text,
                  json_build_object('locked_until', v_until)::text, NULL);
                RETURN QUERY SELECT 'unlocked'::text, 0;
                RETURN;
              END IF;
              UPDATE users SET failed_logins = failed_logins + 1 WHERE id = v_id
                RETURNING failed_logins INTO v_failed;
              IF v_failed < {MAX_FAILURES} THEN
                RETURN QUERY SELECT 'counted'::text, 0;
                RETURN;
              END IF;
              v_until := v_now + interval '15 minutes';
              UPDATE users SET locked_until = v_until, failed_logins = 0 WHERE id = v_id;
              EXECUTE format('ALTER ROLE %I NOLOGIN', p_user);
              PERFORM ops_audit_append(v_now, p_user, 'user.locked', 'user', v_id::text, NULL,
                json_build_object('locked_until', v_until)::text);
              RETURN QUERY SELECT 'now_locked'::text, 15;
            END $f$""",
        f"""CREATE OR REPLACE FUNCTION ops_sign_in_ok() RETURNS void
            LANGUAGE sql SECURITY DEFINER {path} AS $f$
              UPDATE users SET failed_logins = 0, last_login_at = ops_now()
               WHERE username = session_user $f$""",
        *_rights(_LOCKOUT_FUNCTIONS),
        f"GRANT USAGE ON SCHEMA {schema} TO {SIGNIN_ROLE}",
    ]


def unlockout_statements() -> list[str]:
    return [_drop(reversed(_LOCKOUT_FUNCTIONS))]


# ---- ending a disabled person's sessions (migration 0019) ----------------------------------------
# Disabling a person makes their login role NOLOGIN, which stops new connections only; their
# open sessions are ended by ops_login_end_sessions, an admin's checked call. The owner needs
# the right to signal other roles' backends (pg_signal_backend; a superuser has it): the
# migration grants it where the owner may, and says so where it may not (README).
_SESSION_FUNCTIONS: dict[str, str | None] = {"ops_login_end_sessions(text)": "ops_admin"}


def session_statements(schema: str) -> list[str]:
    """Return the SQL that installs ``ops_login_end_sessions`` (idempotent)."""
    path = f"SET search_path = {schema}, pg_temp"
    return [
        """DO $$ BEGIN
              IF NOT pg_has_role(current_user, 'pg_signal_backend', 'MEMBER') THEN
                EXECUTE format('GRANT pg_signal_backend TO %I', current_user);
              END IF;
            EXCEPTION WHEN OTHERS THEN
              RAISE WARNING 'ops: % cannot end sessions of disabled people until a superuser '
                'runs GRANT pg_signal_backend TO %', current_user, current_user;
            END $$""",
        f"""CREATE OR REPLACE FUNCTION ops_login_end_sessions(p_user text) RETURNS integer
            LANGUAGE plpgsql SECURITY DEFINER {path} AS $f$
            DECLARE v_ended integer;
            BEGIN
              {_admin_only("ends a person''s sessions")}
              PERFORM ops_login_check(p_user, NULL);
              SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO v_ended
                FROM pg_stat_activity
               WHERE usename = p_user AND pid <> pg_backend_pid();
              RETURN v_ended;
            END $f$""",
        *_rights(_SESSION_FUNCTIONS),
    ]


def unsession_statements() -> list[str]:
    return [_drop(_SESSION_FUNCTIONS)]


def end_sessions(session: Session, username: str) -> int:
    """End every open session of ``username``'s login role; return how many ended."""
    return int(call(session, "SELECT ops_login_end_sessions(:u)", u=username))


def failed_sign_in(url: URL, username: str) -> tuple[str, int]:
    """Report a refused sign-in of ``username`` as ``ops_signin``; return the lockout state
    ('counted', 'now_locked', 'locked' with the minutes left, 'unlocked': the lock ran out and
    the role may log in again, 'refused': nobody to count) — or ('unknown', 0) when the
    server does not let ``ops_signin`` in (pg_hba.conf), which is logged."""
    signin = URL.create(
        url.drivername,
        username=SIGNIN_ROLE,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    engine = create_engine(signin, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            row = conn.execute(text("SELECT * FROM ops_sign_in_failed(:u)"), {"u": username}).one()
            return str(row[0]), int(row[1])
    except DBAPIError as exc:
        log.warning("cannot count the failed sign-in of %s as %s: %s", username, SIGNIN_ROLE, exc)
        return "unknown", 0
    finally:
        engine.dispose()


def sign_in_ok(session: Session) -> None:
    session.execute(text("SELECT ops_sign_in_ok()"))
