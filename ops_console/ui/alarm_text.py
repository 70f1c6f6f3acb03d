"""Alarm messages, poll errors and alarm hand-overs in the console's language.

The monitoring service stores an alarm's message in English (the CLI, the audit log and
work orders keep it as it is). The console shows it again from the alarm's rule and what the
message holds: ``unreachable`` with the poll error, ``stale_data`` with the time, a profile's
threshold or status rule (``fill_high``, ``band_battery_low:<row>``) with the metric's label,
value and level, a trap's rule (``link_down:<ifIndex>``) with its label: the labels come from
the device profiles (``label_zh``), the words from Qt translations (context ``ops``). A message
it does not recognise is shown as stored.

Poll errors (``ops_console/polling``) are plain English texts; the common ones are recognised
by pattern and shown translated, any other one as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .i18n import SEVERITY, N, current_language, label, tr
from .widgets import local

if TYPE_CHECKING:
    from ..services.monitoring import AlarmInfo

UNREACHABLE = "unreachable"
STALE = "stale_data"
_ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)?"


def _when(iso: str) -> str:
    """An ISO instant from a stored message in local time (naive ones are UTC)."""
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return local(dt if dt.tzinfo else dt.replace(tzinfo=UTC))


def _fill(template: str, original: str, **params: Any) -> str:
    """``template`` translated and filled in; ``original`` when it has no translation (so the
    English console shows the stored text word for word)."""
    translated = tr(template)
    if translated == template:
        return original
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        return original


# --- poll errors -------------------------------------------------------------------------
# phrases the polling package uses as a whole error or inside one
_PHRASES = frozenset(
    (
        N("host down, wrong community, or not an SNMP agent"),
        N("host down, not an SNMP agent, or no SNMPv3"),
        N("host down, not an SNMP agent, or wrong SNMPv3 privacy key"),
        N(
            "the agent answered engine discovery just before: wrong SNMPv3 privacy key or "
            "protocol, or the agent is overloaded"
        ),
        N("no SNMP credential configured"),
        N(
            "SNMPv3 security level not supported by the agent for this user "
            "(usmStatsUnsupportedSecLevels)"
        ),
        N("SNMPv3 message outside the agent's time window (usmStatsNotInTimeWindows)"),
        N("SNMPv3 user unknown to the agent (usmStatsUnknownUserNames)"),
        N("SNMPv3 engine ID unknown to the agent (usmStatsUnknownEngineIDs)"),
        N("SNMPv3 authentication failed: wrong auth key or protocol (usmStatsWrongDigests)"),
        N("SNMPv3 decryption failed: wrong privacy key or protocol (usmStatsDecryptionErrors)"),
        N("SNMPv3 authentication failed: wrong auth key or protocol"),
        N("SNMPv3 user unknown to the agent"),
        N("SNMPv3 decryption failed: wrong privacy key or protocol"),
        N("SNMPv3 security level not supported by the agent"),
        N("SNMPv3 engine discovery failed"),
        N("SNMPv3 message outside the time window"),
        N("SNMPv3 auth key must be at least 8 characters"),
        N("SNMPv3 privacy needs authentication too"),
        N("SNMPv3 privacy key must be at least 8 characters"),
        N("no response (timeout): host down, not an SNMP agent, or wrong SNMPv3 privacy key"),
    )
)


def _phrase(text: str) -> str:
    return tr(text) if text in _PHRASES else text


_N = r"(?P<{}>\d+(?:\.\d+)?)"
# (pattern, template, how the groups become parameters); the first match wins
_POLL_ERRORS: list[tuple[re.Pattern[str], str, Callable[[dict[str, Any]], dict[str, Any]]]] = [
    (
        re.compile(
            r"no response \(timeout {} s, {} retr(?:y|ies)\)".format(
                _N.format("seconds"), _N.format("retries")
            )
        ),
        N("no response (timeout {seconds} s, {retries} retries)"),
        lambda g: g,
    ),
    (
        re.compile(
            r"no response to SNMPv3 engine discovery after {} × {} s \((?P<why>.+)\)".format(
                _N.format("tries"), _N.format("seconds")
            )
        ),
        N("no response to SNMPv3 engine discovery after {tries} × {seconds} s ({why})"),
        lambda g: {**g, "why": _phrase(g["why"])},
    ),
    (
        re.compile(
            r"no response after {} × {} s \((?P<why>.+)\)".format(
                _N.format("tries"), _N.format("seconds")
            )
        ),
        N("no response after {tries} × {seconds} s ({why})"),
        lambda g: {**g, "why": _phrase(g["why"])},
    ),
    (
        re.compile(r"(?P<phrase>.+) again after (?P<fix>a resync|rediscovery)"),
        N("{phrase}, again after {fix}"),
        lambda g: {
            "phrase": _phrase(g["phrase"]),
            "fix": tr("a resync") if g["fix"] == "a resync" else tr("rediscovery"),
        },
    ),
    (
        re.compile(r"TCP (?P<port>\d+): no answer within {} s".format(_N.format("seconds"))),
        N("TCP {port}: no answer within {seconds} s"),
        lambda g: g,
    ),
    (
        re.compile(r"TCP (?P<port>\d+): connection refused \(service not running\)"),
        N("TCP {port}: connection refused (service not running)"),
        lambda g: g,
    ),
    (
        re.compile(r"ICMP: no echo reply within {} s".format(_N.format("seconds"))),
        N("ICMP: no echo reply within {seconds} s"),
        lambda g: g,
    ),
    (
        re.compile(r"cannot resolve host name (?P<host>'[^']*'|\S+)(?:: (?P<detail>.*))?"),
        N("cannot resolve host name {host}: {detail}"),
        lambda g: {**g, "detail": g["detail"] or "-"},
    ),
    (
        re.compile(r"credential (?P<name>'[^']*') is a community, but the device is set to SNMPv3"),
        N("credential {name} is a community, but the device is set to SNMPv3"),
        lambda g: g,
    ),
    (
        re.compile(
            r"credential (?P<name>'[^']*') is an SNMPv3 user, but the device is set to "
            r"(?P<version>\S+)"
        ),
        N("credential {name} is an SNMPv3 user, but the device is set to {version}"),
        lambda g: g,
    ),
    (
        re.compile(r"unknown credential (?P<name>'[^']*')"),
        N("unknown credential {name}"),
        lambda g: g,
    ),
    (
        re.compile(r"credential (?P<name>'[^']*') unavailable: (?P<detail>.*)"),
        N("credential {name} unavailable: {detail}"),
        lambda g: g,
    ),
    (
        re.compile(r"credential (?P<name>'[^']*'): (?P<problem>.*)"),
        N("credential {name}: {problem}"),
        lambda g: {**g, "problem": _phrase(g["problem"])},
    ),
    (
        re.compile(r"agent error (?P<status>\w+) \(index (?P<index>\d+)\)"),
        N("agent error {status} (index {index})"),
        lambda g: g,
    ),
    (
        re.compile(r"table (?P<table>\S+): (?P<error>.+)"),
        N("table {table}: {error}"),
        lambda g: {**g, "error": poll_error(g["error"])},
    ),
    (
        re.compile(r"unreachable: (?P<detail>.+)"),
        N("unreachable: {detail}"),
        lambda g: g,
    ),
    (
        re.compile(r"internal error: (?P<detail>.+)"),
        N("internal error: {detail}"),
        lambda g: g,
    ),
]


def poll_error(text: str | None) -> str:
    """A poll error (``ops_console/polling``) in the console's language; unknown ones as is."""
    if not text:
        return ""
    if text in _PHRASES:
        return tr(text)
    for pattern, template, params in _POLL_ERRORS:
        m = pattern.fullmatch(text)
        if m is not None:
            groups = {k: v for k, v in m.groupdict().items()}
            return _fill(template, text, **params(groups))
    return text


# --- alarm messages ----------------------------------------------------------------------
def _zh() -> bool:
    return current_language().startswith("zh")


class AlarmTexts:
    """Alarm messages and hand-overs in the console's language.

    Args:
        profiles: the device profiles by category code (``services.monitoring.service.profiles``):
            their metric, state and trap labels name the alarm.
    """

    def __init__(self, profiles: Mapping[str, Any] | None) -> None:
        # rule → (English label in messages, label in the UI language, spec or trap)
        self.rules: dict[str, list[tuple[str, str, Any]]] = {}
        for p in (profiles or {}).values():
            for spec, name in self._specs(p):
                for rule in {spec.rule, *(s.alarm for s in spec.states if s.alarm)}:
                    en = spec.label_en or name
                    self.rules.setdefault(rule, []).append((en, self._pick(spec, en), spec))
            for t in getattr(p, "traps", ()):
                if t.action == "alarm" and t.label_en:
                    self.rules.setdefault(t.rule, []).append(
                        (t.label_en, self._pick(t, t.label_en), None)
                    )
        for found in self.rules.values():
            found.sort(key=lambda f: -len(f[0]))  # the longest label first

    @staticmethod
    def _specs(profile: Any) -> Iterable[tuple[Any, str]]:
        for m in getattr(profile, "metrics", ()):
            yield m, m.key
        for t in getattr(profile, "tables", ()):
            for c in t.columns:
                yield c, f"{t.key}.{c.key}"

    @staticmethod
    def _pick(thing: Any, en: str) -> str:
        return (thing.label_zh or en) if _zh() else en

    def message(self, alarm: AlarmInfo, device: bool = True) -> str:
        """The alarm's message in the console's language (as stored when not recognised);
        without the leading asset tag when ``device`` is False (a column beside the device)."""
        text = self._message(alarm)
        tag = alarm.asset_tag
        if not device and tag and text.startswith(tag):
            rest = text[len(tag) :]
            for sep in (": ", "：", " "):
                if rest.startswith(sep) and rest[len(sep) :].strip():
                    return rest[len(sep) :]
        return text

    def _message(self, alarm: AlarmInfo) -> str:
        text = alarm.message or ""
        if current_language() == "en":
            return text  # stored in English
        tag = alarm.asset_tag
        rule = alarm.rule or ""
        base = rule.split(":", 1)[0]
        if rule == UNREACHABLE:
            m = re.fullmatch(rf"{re.escape(tag)} unreachable: (?P<error>.*)", text, re.S)
            if m:
                return _fill(
                    N("{device} unreachable: {error}"),
                    text,
                    device=tag,
                    error=poll_error(m["error"]),
                )
            return text
        if rule == STALE:
            m = re.fullmatch(rf"{re.escape(tag)}: no data since (?P<at>{_ISO})", text)
            if m:
                return _fill(
                    N("{device}: no data since {time}"), text, device=tag, time=_when(m["at"])
                )
            m = re.fullmatch(
                rf"{re.escape(tag)}: never polled \(in service and watched since (?P<at>{_ISO})\)",
                text,
            )
            if m:
                return _fill(
                    N("{device}: never polled (in service and watched since {time})"),
                    text,
                    device=tag,
                    time=_when(m["at"]),
                )
            return text
        for en, local_label, spec in self.rules.get(base, ()):
            head = f"{tag} {en}"
            if not text.startswith(head):
                continue
            out = self._rest(text[len(head) :], spec)
            if out is not None:
                return f"{tag} {local_label}{out}"
        return text

    def _rest(self, rest: str, spec: Any) -> str | None:
        """What follows the label: ``[row] value unit: level`` (threshold), ``[row]: state``
        (status), `` (subject)`` or nothing (trap); None when it is none of them."""
        if spec is None:  # a trap: the subject in brackets, kept as it is
            return rest if rest == "" or re.fullmatch(r" \(.*\)", rest) else None
        row = ""
        m = re.match(r" \[(?P<row>[^\]]*)\]", rest)
        if m:
            row = f" [{m['row']}]"
            rest = rest[m.end() :]
        m = re.fullmatch(r" (?P<value>\S+): (?P<level>\w+)", rest)
        if m and spec.threshold is not None and m["level"] in SEVERITY:
            value = m["value"]
            level = label(SEVERITY, m["level"])
            if _zh():
                return f"{row} {value}：{level}"
            return f"{row} {value}: {level}"
        m = re.fullmatch(r": (?P<state>.+)", rest)
        if m and spec.kind == "status":
            state = m["state"]
            for s in spec.states:
                if s.state == state:
                    state = self._pick(s, s.label_en or s.state)
                    break
            return f"{row}：{state}" if _zh() else f"{row}: {state}"
        return None

    def handover(self, alarm: AlarmInfo, detail: bool = False) -> str:
        """The hand-over to work orders in a few words: the work order, or why none (yet);
        with ``detail`` the whole reason and when the next attempt is due (for a tooltip).
        A work order not yet (or never to be) told that the alarm cleared says so."""
        if alarm.work_order_number:
            recovery = self.recovery(alarm, detail)
            number = str(alarm.work_order_number)
            return f"{number} · {recovery}" if recovery else number
        if alarm.handover_status == "done":
            return tr("Handed over")
        if alarm.handover_status == "failed":
            return tr("Refused: {reason}").format(
                reason=handover_error(alarm.handover_error, short=not detail)
                or tr("no reason recorded")
            )
        if not alarm.handover_attempts:
            return tr("Pending")
        error = handover_error(alarm.handover_error, short=not detail)
        if not detail:
            return tr("Retrying (attempt {n} failed: {error})").format(
                n=alarm.handover_attempts, error=error
            )
        nxt = local(alarm.handover_next_at) if alarm.handover_next_at else "-"
        return tr("Retrying (attempt {n} failed: {error}; next {time})").format(
            n=alarm.handover_attempts, error=error, time=nxt
        )

    def recovery(self, alarm: AlarmInfo, detail: bool = False) -> str:
        """What went wrong telling the work order that the alarm cleared ("device
        recovered"); empty when nothing did (open, told, or not tried yet)."""
        status = getattr(alarm, "recovery_status", None)
        if status == "failed":
            return tr("Not marked recovered: {reason}").format(
                reason=recovery_error(alarm.recovery_error, short=not detail)
                or tr("no reason recorded")
            )
        if status != "pending" or not alarm.recovery_attempts:
            return ""
        error = handover_error(alarm.recovery_error, short=not detail)
        if not detail:
            return tr("Recovery retrying (attempt {n} failed)").format(n=alarm.recovery_attempts)
        nxt = local(alarm.recovery_next_at) if alarm.recovery_next_at else "-"
        return tr("Recovery not recorded yet (attempt {n} failed: {error}; next {time})").format(
            n=alarm.recovery_attempts, error=error, time=nxt
        )


_FINAL = re.compile(
    r"work order (?P<number>\S+) is (?P<status>closed|cancelled): "
    r"it is not marked device recovered"
)


def recovery_error(text: str | None, short: bool = False) -> str:
    """Why a work order is never marked "device recovered", in the console's language."""
    if not text:
        return ""
    m = _FINAL.fullmatch(text)
    if not m:
        return handover_error(text, short)
    if m["status"] == "closed":
        if short:
            return tr("work order closed")
        return _fill(
            N("work order {number} was closed before it could be marked device recovered"),
            text,
            number=m["number"],
        )
    if short:
        return tr("work order cancelled")
    return _fill(
        N("work order {number} was cancelled before it could be marked device recovered"),
        text,
        number=m["number"],
    )


_RETIRED = re.compile(r"device (?P<device>\S+) is retired: its alarms raise no work order")
_UNAVAILABLE = re.compile(r"(?:RuntimeError: )?work-order service unavailable \(no \w+\)")


def handover_error(text: str | None, short: bool = False) -> str:
    """Why a hand-over failed, in the console's language (unknown reasons as stored);
    ``short``: a few words where the row already names the device."""
    if not text:
        return ""
    m = _RETIRED.fullmatch(text)
    if m:
        if short:
            return tr("device retired")
        return _fill(
            N("device {device} is retired: its alarms raise no work order"),
            text,
            device=m["device"],
        )
    if _UNAVAILABLE.fullmatch(text):
        return tr("work-order service unavailable")
    return text
