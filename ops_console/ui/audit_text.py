"""Audit entries in words an outside auditor reads: what was done, to what, which fields changed.

The log stores action codes (``workorder.hold``), entity names and JSON snapshots; the views
show a translated label per action, the affected object by its name (asset tag, work-order
number, user name) and one "field: old → new" line per changed field. The raw JSON stays
available (tooltip and detail pane) for auditors who want the record as it was hashed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.messages import Msg
from ..domain.text import name_and_login
from ..reports import audit_words
from .i18n import (
    CRITICALITY,
    HOLD_REASONS,
    KINDS,
    ROLES,
    SEVERITY,
    SOURCES,
    STATUS,
    N,
    current_language,
    label,
    tr,
)
from .widgets import local
from .workorder_text import words

if TYPE_CHECKING:
    from ..services.audit.log import AuditRow

# the codes the log uses, with their words in both languages (one table for the page and the
# audit report: reports/audit_words.py)
AUDIT_ACTIONS = audit_words.ACTIONS
ENTITIES = audit_words.ENTITIES
# values shown through a label table (by field name)
VALUE_TABLES = {
    "status": STATUS,
    "reason_code": HOLD_REASONS,
    "kind": KINDS,
    "work_kind": KINDS,
    "source": SOURCES,
    "role": ROLES,
    "mandatory_for": ROLES,
    "criticality": CRITICALITY,
    "severity": SEVERITY,
}
BOOLS = (N("yes"), N("no"))
# fields whose value is a login: shown as "name (login)"
PEOPLE_FIELDS = ("assignee", "created_by")


@dataclass
class Names:
    """Ids the log stores, resolved to names (users, communities, organizations, contracts)."""

    users: dict[int, str] = field(default_factory=dict)  # id → login
    people: dict[str, str] = field(default_factory=dict)  # login → display name
    communities: dict[int, str] = field(default_factory=dict)
    organizations: dict[int, str] = field(default_factory=dict)
    contracts: dict[int, str] = field(default_factory=dict)
    policies: dict[int, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # device category code → name


def actor_text(login: str, names: Names | None = None) -> str:
    """Who acted, as people read it: "李强 (li.qiang)" (the login alone when the name is not
    known), the console's own steps as "system" in words."""
    if login == "system":
        return tr("system")
    return name_and_login(names.people.get(login) if names else None, login)


def action_label(code: str) -> str:
    return audit_words.action(code, current_language())


def entity_label(code: str) -> str:
    return audit_words.entity(code, current_language())


def _id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def object_name(e: AuditRow, names: Names) -> str:
    """The affected object in words: ``Device HB-GATE-001``, ``User wang.lei``."""
    after, before = audit_words.snapshot(e.after_json), audit_words.snapshot(e.before_json)
    snap = {**before, **after}
    eid = e.entity_id or ""
    ident = eid
    if e.entity == "user":
        login = snap.get("username") or names.users.get(_id(eid) or -1)
        ident = actor_text(str(login), names) if login else eid
    elif e.entity == "community":
        ident = snap.get("name") or names.communities.get(_id(eid) or -1) or eid
    elif e.entity == "organization":
        ident = snap.get("name") or names.organizations.get(_id(eid) or -1) or eid
    elif e.entity in ("alarm", "care_alert"):
        ident = f"#{eid} {snap.get('device') or ''}".strip()
    elif e.entity == "maintenance_window":
        where = snap.get("device") or snap.get("community") or ""
        ident = f"#{eid} {where}".strip()
    elif e.entity == "training_record":
        ident = " · ".join(p for p in eid.split("/") if p)
    return f"{entity_label(e.entity)} {ident}".strip()


def value_text(key: str, value: Any, names: Names) -> str:
    """A stored value as a reader expects it (names for ids, labels for codes, local times)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return tr(BOOLS[0] if value else BOOLS[1])
    if key == "assignee_id" and _id(value) in names.users:
        return actor_text(names.users[_id(value) or -1], names)
    if key in PEOPLE_FIELDS and isinstance(value, str):
        return actor_text(value, names)
    if key in ("assignee_id", "firm_id", "community_id", "contract_id", "sla_policy_id"):
        table = {
            "assignee_id": names.users,
            "firm_id": names.organizations,
            "community_id": names.communities,
            "contract_id": names.contracts,
            "sla_policy_id": names.policies,
        }[key]
        return table.get(_id(value) or -1, str(value))
    if key in VALUE_TABLES and isinstance(value, str):
        return label(VALUE_TABLES[key], value)
    if key in ("category", "category_code", "categories") and isinstance(value, str):
        return names.categories.get(value, value)
    if isinstance(value, dict) and "code" in value:  # a message stored as code + parameters
        try:
            return words(Msg.from_json(value))
        except (KeyError, TypeError, ValueError):
            pass
    if isinstance(value, list):
        return ", ".join(value_text(key, v, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k} {value_text(k, v, names)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return local(datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def field_label(key: str) -> str:
    return audit_words.field(key, current_language()) if key else tr("Value")


def _line(key: str, value: str) -> str:
    return tr("{field}: {value}").format(field=field_label(key), value=value)


def change_lines(e: AuditRow, names: Names) -> list[str]:
    """One ``field: old → new`` line per changed field (``field: value`` when created)."""
    before, after = audit_words.snapshot(e.before_json), audit_words.snapshot(e.after_json)
    lines = []
    for key in list(dict.fromkeys([*before, *after])):
        old, new = before.get(key), after.get(key)
        if key in before and key in after:
            if old == new:
                continue
            lines.append(
                _line(key, f"{value_text(key, old, names)} → {value_text(key, new, names)}")
            )
        elif key in after:
            if new is None or new == "" or new == []:
                continue
            lines.append(_line(key, value_text(key, new, names)))
        else:
            lines.append(_line(key, f"{value_text(key, old, names)} → —"))
    return lines


def joined(lines: list[str]) -> str:
    """Change lines on one line (a table cell)."""
    return ("；" if current_language().startswith("zh") else "; ").join(lines)


def raw_text(e: AuditRow) -> str:
    """The entry as it was hashed, for auditors."""
    return "\n".join(
        (
            tr("Action code: {code}").format(code=e.action),
            tr("Entity: {entity} {id}").format(entity=e.entity, id=e.entity_id or ""),
            tr("Before (JSON): {json}").format(json=e.before_json or "—"),
            tr("After (JSON): {json}").format(json=e.after_json or "—"),
            tr("Hash: {hash}").format(hash=e.hash),
        )
    )
