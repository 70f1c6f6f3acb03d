"""structured messages: an alarm's message, its hand-over reasons and a device's last poll
error are stored as a code plus parameters (JSON of domain.messages.Msg), rendered in the reader's language when
shown; the English sentences stored before are taken apart into codes here

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from ops_console.paths import resources_dir

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The words the console stored before 0016, frozen here: this migration must read what older
# versions wrote, whatever later versions say.
_NUM = r"(\d+(?:\.\d+)?)"
_ISO = r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)?)"
_V3 = {
    "SNMPv3 authentication failed: wrong auth key or protocol": "poll.v3_wrong_digest",
    "SNMPv3 user unknown to the agent": "poll.v3_unknown_user",
    "SNMPv3 decryption failed: wrong privacy key or protocol": "poll.v3_decryption",
    "SNMPv3 security level not supported by the agent": "poll.v3_security_level",
    "SNMPv3 engine discovery failed": "poll.v3_engine",
    "SNMPv3 message outside the time window": "poll.v3_time_window",
    "SNMPv3 security level not supported by the agent for this user": "poll.v3_security_level",
    "SNMPv3 message outside the agent's time window": "poll.v3_time_window",
    "SNMPv3 engine ID unknown to the agent": "poll.v3_engine",
}


def _msg(code: str, **params: object) -> dict[str, object]:
    return {"code": code, "params": params}


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def poll_error(text: str) -> dict[str, Any]:
    """A poll error's English text as a message (``poll.recorded`` when not recognised)."""
    text = text.strip()
    m = re.fullmatch(rf"no response after (\d+) × {_NUM} s \(host down, wrong community, or not an SNMP agent\)", text)  # fmt: skip
    if m:
        return _msg("poll.timeout", tries=int(m[1]), timeout_s=float(m[2]))
    m = re.fullmatch(rf"no response \(timeout {_NUM} s, (\d+) retr(?:y|ies)\)", text)
    if m:
        return _msg("poll.timeout", tries=int(m[2]) + 1, timeout_s=float(m[1]))
    m = re.fullmatch(rf"no response to SNMPv3 engine discovery after (\d+) × {_NUM} s .*", text)
    if m:
        return _msg("poll.timeout_v3_discovery", tries=int(m[1]), timeout_s=float(m[2]))
    if text.startswith("no response (timeout)"):
        return _msg("poll.timeout_v3")
    m = re.fullmatch(rf"TCP (\d+): no answer within {_NUM} s", text)
    if m:
        return _msg("poll.tcp_timeout", port=int(m[1]), timeout_s=float(m[2]))
    m = re.fullmatch(r"TCP (\d+): connection refused \(service not running\)", text)
    if m:
        return _msg("poll.tcp_refused", port=int(m[1]))
    m = re.fullmatch(rf"ICMP: no echo reply within {_NUM} s", text)
    if m:
        return _msg("poll.icmp_timeout", timeout_s=float(m[1]))
    m = re.fullmatch(r"cannot resolve host name '([^']*)'(?:: .*)?", text)
    if m:
        return _msg("poll.resolve", host=m[1])
    if text == "no SNMP credential configured":
        return _msg("poll.no_credential")
    bare = re.sub(r" \(usmStats\w+\)$", "", text)
    if bare in _V3:
        return _msg(_V3[bare])
    for prefix, code in (
        ("unreachable: ", "poll.unreachable"),
        ("internal error: ", "poll.internal"),
        ("credential ", "poll.credential"),
        ("unknown credential ", "poll.credential"),
    ):
        if text.startswith(prefix):
            detail = text[len(prefix) :] if code != "poll.credential" else text
            return _msg(code, detail=detail)
    return _msg("poll.recorded", text=text)


def _labels() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """From the device profiles: each metric's English label → its Chinese label and its
    states; each trap's English label → its Chinese one."""
    metrics: dict[str, dict[str, Any]] = {}
    traps: dict[str, str] = {}
    folder = resources_dir() / "profiles"
    for path in sorted(folder.glob("*.toml")):
        if path.name == "discovery.toml":
            continue
        with path.open("rb") as f:
            data = tomllib.load(f)
        specs = list(data.get("metrics", []))
        for table in data.get("tables", []):
            specs += table.get("columns", [])
        for spec in specs:
            en = spec.get("label_en") or spec.get("key", "")
            states = {
                s["state"]: (s.get("label_en") or s["state"], s.get("label_zh") or "")
                for s in (spec.get("states") or {}).values()
                if isinstance(s, dict) and "state" in s
            }
            entry = metrics.setdefault(en, {"zh": spec.get("label_zh") or en, "states": {}})
            entry["states"].update(states)
        for trap in data.get("traps", []):
            if trap.get("label_en"):
                traps[trap["label_en"]] = trap.get("label_zh") or trap["label_en"]
    return metrics, traps


def _instant(iso: str) -> dict[str, str]:
    at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return {"instant": (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()}


def alarm_message(
    text: str, tag: str, metrics: dict[str, dict[str, Any]], traps: dict[str, str]
) -> dict[str, Any]:
    """An alarm's English message as a message (``alarm.recorded`` when not recognised)."""
    if text.startswith(f"{tag} unreachable: "):
        return _msg("alarm.unreachable", device=tag, error=poll_error(text[len(tag) + 14 :]))
    m = re.fullmatch(rf"{re.escape(tag)}: no data since {_ISO}", text)
    if m:
        return _msg("alarm.stale_since", device=tag, time=_instant(m[1]))
    m = re.fullmatch(
        rf"{re.escape(tag)}: never polled \(in service and watched since {_ISO}\)", text
    )
    if m:
        return _msg("alarm.stale_never", device=tag, time=_instant(m[1]))
    rest = text[len(tag) + 1 :] if text.startswith(f"{tag} ") else None
    if rest is not None:
        # the longest label first: "Band battery low" before "Band"
        for en in sorted(metrics, key=len, reverse=True):
            if not rest.startswith(en):
                continue
            after = rest[len(en) :]
            label = {"en": en, "zh_CN": metrics[en]["zh"]}
            row = ""
            rm = re.match(r" \[([^\]]*)\]", after)
            if rm:
                row, after = f" [{rm[1]}]", after[rm.end() :]
            tm = re.fullmatch(r" (-?[\d.]+(?:e[+-]?\d+)?)(\S*): (warning|critical|compliance)", after)
            if tm:
                return _msg(
                    "alarm.threshold", device=tag, metric=label, row=row, value=tm[1],
                    unit=tm[2], level=_msg(f"level.{tm[3]}"),
                )  # fmt: skip
            sm = re.fullmatch(r": (.+)", after)
            if sm:
                state_en, state_zh = metrics[en]["states"].get(sm[1], (sm[1], ""))
                state = {"en": state_en, "zh_CN": state_zh or state_en}
                return _msg("alarm.status", device=tag, metric=label, row=row, state=state)
        for en in sorted(traps, key=len, reverse=True):
            if rest == en or re.fullmatch(rf"{re.escape(en)} \(.*\)", rest):
                return _msg(
                    "alarm.trap", device=tag, label={"en": en, "zh_CN": traps[en]},
                    subject=rest[len(en) :],
                )  # fmt: skip
    return _msg("alarm.recorded", text=text)


def handover_reason(text: str) -> dict[str, Any]:
    """A hand-over (or recovery) failure's English reason as a message."""
    m = re.fullmatch(r"device (\S+) is retired: its alarms raise no work order", text)
    if m:
        return _msg("handover.retired", device=m[1])
    m = re.fullmatch(r"work order (\S+) is (closed|cancelled): it is not marked device recovered", text)
    if m:
        return _msg(f"handover.{m[2]}", number=m[1])
    if re.fullmatch(r"(?:RuntimeError: )?work-order service unavailable(?: \(no \w+\))?", text):
        return _msg("handover.unavailable")
    fixed = {
        "no work order was recorded before the upgrade: retried": "handover.before_upgrade_retried",
        "cleared before the upgrade without a work order: not retried": (
            "handover.before_upgrade_cleared"
        ),
        "not recorded as told before the upgrade: retried": "handover.before_upgrade_told",
    }
    if text in fixed:
        return _msg(fixed[text])
    return _msg("handover.error", detail=text[:300])


def upgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.add_column(sa.Column("message_data", sa.Text(), nullable=True))
    bind = op.get_bind()
    metrics, traps = _labels()
    rows = bind.execute(
        sa.text(
            "SELECT a.id, a.message, d.asset_tag FROM alarms a JOIN devices d ON d.id = a.device_id"
        )
    ).all()
    for alarm_id, message, tag in rows:
        data = alarm_message(message or "", tag, metrics, traps)
        bind.execute(
            sa.text("UPDATE alarms SET message_data = :m WHERE id = :i"),
            {"m": json.dumps(data, ensure_ascii=False, sort_keys=True), "i": alarm_id},
        )
    states = bind.execute(
        sa.text("SELECT device_id, last_error FROM device_states WHERE last_error IS NOT NULL")
    ).all()
    for device_id, text in states:
        if text and not text.startswith("{"):
            data = poll_error(text)
            bind.execute(
                sa.text("UPDATE device_states SET last_error = :m WHERE device_id = :d"),
                {"m": json.dumps(data, ensure_ascii=False, sort_keys=True), "d": device_id},
            )
    for column in ("handover_error", "recovery_error"):
        reasons = bind.execute(
            sa.text(f"SELECT id, {column} FROM alarms WHERE {column} IS NOT NULL")
        ).all()
        for alarm_id, text in reasons:
            if text and not text.startswith("{"):
                encoded = json.dumps(handover_reason(text), ensure_ascii=False, sort_keys=True)
                bind.execute(
                    sa.text(f"UPDATE alarms SET {column} = :m WHERE id = :i"),
                    {"m": encoded, "i": alarm_id},
                )
    with op.batch_alter_table("alarms") as batch:
        batch.alter_column("message_data", existing_type=sa.Text(), nullable=False)
        batch.drop_column("message")


def downgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.add_column(sa.Column("message", sa.String(500), nullable=True))
    bind = op.get_bind()
    for alarm_id, data in bind.execute(sa.text("SELECT id, message_data FROM alarms")).all():
        bind.execute(
            sa.text("UPDATE alarms SET message = :m WHERE id = :i"),
            {"m": _english(json.loads(data))[:500], "i": alarm_id},
        )
    with op.batch_alter_table("alarms") as batch:
        batch.alter_column("message", existing_type=sa.String(500), nullable=False)
        batch.drop_column("message_data")


def _english(data: dict[str, Any]) -> str:
    """A stored message in English words again (for a downgrade)."""
    from ops_console.domain.messages import Msg

    return str(Msg.from_json(data))
