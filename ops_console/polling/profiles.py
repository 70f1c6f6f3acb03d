"""Device profiles: load and validate the TOML files of ``resources/profiles/``.

A malformed profile is refused with the file name and the line of the offending key.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ops_console.domain.device_record import CATEGORY_CODES as CATEGORY_CODES
from ops_console.domain.errors import ValidationError

try:
    from ops_console.paths import resources_dir as _resources_dir
except ImportError:  # until the lead's paths.py exists

    def _resources_dir() -> Path:
        return Path(__file__).resolve().parents[2] / "resources"


KINDS = ("gauge", "counter", "status", "text")
SEVERITIES = ("ok", "warning", "critical", "compliance")
HEALTH_LEVELS = ("up", "degraded", "down")
_OID_RE = re.compile(r"^1(\.(0|[1-9][0-9]{0,9}))+$")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


class ProfileError(ValidationError):
    """A profile file that cannot be used; the message names the file and the line."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{Path(path).name}, line {line}" if line else Path(path).name
        super().__init__(f"malformed profile {where}: {reason}")


@dataclass(frozen=True, kw_only=True)
class Labelled:
    """What a profile names in both languages (a profile, metric, state, table or trap): given
    by keyword, after the other fields; empty where the file gives none."""

    label_en: str = ""
    label_zh: str = ""


_LABELS = tuple(f.name for f in fields(Labelled))


@dataclass(frozen=True)
class Threshold:
    """Warning and critical levels with hysteresis.

    Attributes:
        direction: ``above`` (high is bad) or ``below`` (low is bad).
        warning: entry level of the warning state (``None`` = no warning level).
        critical: entry level of the critical state (``None`` = no critical level).
        hysteresis: how far back past a level the value must go before the state clears.
    """

    direction: str
    warning: float | None
    critical: float | None
    hysteresis: float = 0.0


@dataclass(frozen=True)
class StatusState(Labelled):
    """Meaning of one value of a status metric."""

    value: int
    state: str
    severity: str
    alarm: str | None = None


@dataclass(frozen=True)
class MetricSpec(Labelled):
    """One polled value.

    Attributes:
        key: the metric's name in samples and alarm rules (``fill_level``).
        oid: numeric OID; a full instance for scalars, the column OID in a table.
        kind: ``gauge``, ``counter`` (stored as a rate per second), ``status`` or ``text``.
        unit: unit after scaling (for counters: the unit per second).
        scale: multiplier applied to the raw value.
        valid_min, valid_max: values outside are absurd and recorded as a problem.
        threshold: levels for gauges and counter rates.
        states: meaning of status values.
        alarm: the alarm rule name (defaults to the key).
        counter_bits: 32 or 64; wrap limit of a counter.
    """

    key: str
    oid: str
    kind: str
    unit: str = ""
    scale: float = 1.0
    valid_min: float | None = None
    valid_max: float | None = None
    threshold: Threshold | None = None
    states: tuple[StatusState, ...] = ()
    alarm: str | None = None
    counter_bits: int = 32

    @property
    def rule(self) -> str:
        return self.alarm or self.key

    def state_of(self, value: int) -> StatusState | None:
        for s in self.states:
            if s.value == value:
                return s
        return None


@dataclass(frozen=True)
class TableSpec(Labelled):
    """A table walked with GETBULK (or GETNEXT): one row per index.

    Attributes:
        key: the table's name (``bands``); samples are named ``<key>.<column>``.
        oid: the entry OID all columns live under.
        columns: column metrics; their ``oid`` is the column OID (without index).
        max_rows: stop walking after this many rows (protects against runaway agents).
    """

    key: str
    oid: str
    columns: tuple[MetricSpec, ...]
    max_rows: int = 1000


@dataclass(frozen=True)
class TrapMapping(Labelled):
    """What a received notification means.

    Attributes:
        oid: the snmpTrapOID value (v2c) or enterprise.0.specific (v1).
        action: ``alarm`` (open/repeat an alarm), ``clear`` (clear one) or ``care`` (care alert).
        rule: alarm rule name for ``alarm``/``clear``; care kind (sos, fall, removal) for ``care``.
        severity: alarm severity.
        work_kind: the kind of work order an alarm dispatches (repair, cleaning, inspection).
        subject_oid: OID prefix of a varbind naming the subject (e.g. the wristband id).
    """

    oid: str
    action: str
    rule: str
    severity: str = "warning"
    work_kind: str = "repair"
    subject_oid: str | None = None


@dataclass(frozen=True)
class HealthSpec:
    """How a device's health follows from its metric states.

    Attributes:
        down_metrics: metrics whose critical state makes the device down (not just degraded).
        degraded_at: the worst metric severity from which health is degraded.
        missing_is_degraded: whether a metric that could not be read degrades health.
    """

    down_metrics: tuple[str, ...] = ()
    degraded_at: str = "warning"
    missing_is_degraded: bool = True


@dataclass(frozen=True)
class ProbeSpec:
    """A reachability probe: ``tcp`` to a port, or ``icmp`` echo."""

    kind: str
    port: int | None = None


@dataclass(frozen=True)
class Profile(Labelled):
    """A device category's polling profile (its labels are required in the file)."""

    code: str
    metrics: tuple[MetricSpec, ...]
    tables: tuple[TableSpec, ...] = ()
    traps: tuple[TrapMapping, ...] = ()
    health: HealthSpec = HealthSpec()
    probe: ProbeSpec | None = None
    source: str = ""

    def metric(self, key: str) -> MetricSpec | None:
        for m in self.metrics:
            if m.key == key:
                return m
        return None

    def trap(self, oid: str) -> TrapMapping | None:
        for t in self.traps:
            if t.oid == oid:
                return t
        return None


# --- line numbers ---------------------------------------------------------------------------

_SEG_RE = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')


def _split_key(raw: str) -> tuple[str, ...]:
    return tuple(a or b or c for a, b, c in _SEG_RE.findall(raw))


def find_line(text: str, path: tuple[str | int, ...]) -> int | None:
    """Find the line that defines ``path`` (e.g. ``("metrics", 2, "threshold", "warning")``).

    Returns the exact key's line, else the line of the closest enclosing key or table header.
    """
    arrays: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    best: tuple[int, int] | None = None  # (matched length, line)

    def resolve(segments: tuple[str, ...], new_array: bool) -> tuple[str | int, ...]:
        out: tuple[str | int, ...] = ()
        for i, seg in enumerate(segments):
            out = (*out, seg)
            last = i == len(segments) - 1
            if last and new_array:
                arrays[out] = arrays.get(out, -1) + 1
                out = (*out, arrays[out])
            elif out in arrays:
                out = (*out, arrays[out])
        return out

    def consider(found: tuple[str | int, ...], line: int) -> None:
        nonlocal best
        n = len(found)
        if n <= len(path) and tuple(path[:n]) == found and (best is None or n > best[0]):
            best = (n, line)

    for lineno, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("[["):
            current = resolve(_split_key(s[2 : s.find("]]")]), True)
            consider(current, lineno)
        elif s.startswith("["):
            current = resolve(_split_key(s[1 : s.find("]")]), False)
            consider(current, lineno)
        elif "=" in s:
            key = _split_key(s.split("=", 1)[0])
            if key:
                consider((*current, *key), lineno)
    return best[1] if best else None


# --- validation -----------------------------------------------------------------------------


class _Checker:
    """Reads a parsed profile, raising ProfileError at the first problem with its line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, where: tuple[str | int, ...], reason: str) -> ProfileError:
        return ProfileError(self.path, find_line(self.text, where), reason)

    def get(
        self,
        table: dict[str, Any],
        where: tuple[str | int, ...],
        key: str,
        types: type | tuple[type, ...],
        required: bool = True,
        default: object = None,
    ) -> Any:
        if key not in table:
            if required:
                raise self.fail(where, f"{_dotted(where) or 'top level'}: missing key {key!r}")
            return default
        value = table[key]
        if isinstance(value, bool) and bool not in _as_tuple(types):
            raise self.fail((*where, key), f"{key} must be {_type_names(types)}, not a boolean")
        if not isinstance(value, types):
            raise self.fail(
                (*where, key),
                f"{_dotted((*where, key))} must be {_type_names(types)}, got {value!r}",
            )
        return value

    def unknown_keys(
        self, table: dict[str, Any], where: tuple[str | int, ...], allowed: set[str]
    ) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail((*where, key), f"unknown key {_dotted((*where, key))!r}")

    def labels(
        self, table: dict[str, Any], where: tuple[str | int, ...], required: bool = False
    ) -> dict[str, str]:
        """The table's ``label_en`` and ``label_zh``, as :class:`Labelled` takes them."""
        return {
            key: self.get(table, where, key, str, required=required, default="") for key in _LABELS
        }

    def oid(self, table: dict[str, Any], where: tuple[str | int, ...], key: str = "oid") -> str:
        value: str = self.get(table, where, key, str)
        if not _OID_RE.match(value):
            raise self.fail(
                (*where, key), f"{key} {value!r} is not a numeric OID like 1.3.6.1.2.1.1.3.0"
            )
        return value

    def number(
        self,
        table: dict[str, Any],
        where: tuple[str | int, ...],
        key: str,
        default: float | None = None,
    ) -> float | None:
        value = self.get(table, where, key, (int, float), required=False, default=default)
        if value is not None and not math.isfinite(value):
            raise self.fail((*where, key), f"{key} must be a finite number")
        return None if value is None else float(value)

    def choice(
        self,
        table: dict[str, Any],
        where: tuple[str | int, ...],
        key: str,
        options: tuple[str, ...],
        default: str | None = None,
    ) -> str:
        value = self.get(table, where, key, str, required=default is None, default=default)
        if value not in options:
            raise self.fail(
                (*where, key), f"{key} must be one of {', '.join(options)}; got {value!r}"
            )
        return str(value)

    # -- pieces --

    def threshold(self, raw: object, where: tuple[str | int, ...]) -> Threshold:
        if not isinstance(raw, dict):
            raise self.fail(where, "threshold must be a table")
        self.unknown_keys(raw, where, _keys(Threshold))
        direction = self.choice(raw, where, "direction", ("above", "below"))
        warning = self.number(raw, where, "warning")
        critical = self.number(raw, where, "critical")
        hysteresis = self.number(raw, where, "hysteresis", 0.0) or 0.0
        if warning is None and critical is None:
            raise self.fail(where, "threshold needs a warning or a critical level")
        if hysteresis < 0:
            raise self.fail((*where, "hysteresis"), "hysteresis must not be negative")
        if warning is not None and critical is not None:
            wrong = critical < warning if direction == "above" else critical > warning
            if wrong:
                side = "above" if direction == "above" else "below"
                raise self.fail(
                    (*where, "critical"),
                    f"critical {critical:g} must lie {side} warning {warning:g} (direction {direction})",
                )
        return Threshold(direction, warning, critical, hysteresis)

    def states(self, raw: object, where: tuple[str | int, ...]) -> tuple[StatusState, ...]:
        if not isinstance(raw, dict) or not raw:
            raise self.fail(
                where, "states must be a non-empty table of value = { state, severity }"
            )
        out = []
        for k, v in raw.items():
            w = (*where, k)
            try:
                value = int(k)
            except ValueError:
                raise self.fail(w, f"status value {k!r} is not an integer") from None
            if not isinstance(v, dict):
                raise self.fail(
                    w, f"status value {k} must be a table {{ state = ..., severity = ... }}"
                )
            self.unknown_keys(v, w, _keys(StatusState, "value"))
            out.append(
                StatusState(
                    value=value,
                    state=self.get(v, w, "state", str),
                    severity=self.choice(v, w, "severity", SEVERITIES),
                    alarm=self.get(v, w, "alarm", str, required=False),
                    **self.labels(v, w),
                )
            )
        return tuple(out)

    def metric(self, raw: object, where: tuple[str | int, ...]) -> MetricSpec:
        if not isinstance(raw, dict):
            raise self.fail(where, "a metric must be a table")
        self.unknown_keys(raw, where, _keys(MetricSpec))
        key = self.get(raw, where, "key", str)
        if not _KEY_RE.match(key):
            raise self.fail((*where, "key"), f"metric key {key!r} must be lower_snake_case")
        kind = self.choice(raw, where, "kind", KINDS)
        scale = self.number(raw, where, "scale", 1.0)
        if scale == 0:
            raise self.fail((*where, "scale"), "scale must not be zero")
        threshold = None
        if "threshold" in raw:
            if kind not in ("gauge", "counter"):
                raise self.fail((*where, "threshold"), f"a {kind} metric cannot have a threshold")
            threshold = self.threshold(raw["threshold"], (*where, "threshold"))
        states: tuple[StatusState, ...] = ()
        if kind == "status":
            if "states" not in raw:
                raise self.fail(where, f"status metric {key!r} needs a states table")
            states = self.states(raw["states"], (*where, "states"))
        elif "states" in raw:
            raise self.fail(
                (*where, "states"), f"only status metrics have states ({key} is {kind})"
            )
        bits = self.get(raw, where, "counter_bits", int, required=False, default=32)
        if bits not in (32, 64):
            raise self.fail((*where, "counter_bits"), "counter_bits must be 32 or 64")
        vmin = self.number(raw, where, "valid_min")
        vmax = self.number(raw, where, "valid_max")
        if vmin is not None and vmax is not None and vmin > vmax:
            raise self.fail((*where, "valid_max"), "valid_max is below valid_min")
        return MetricSpec(
            key=key,
            oid=self.oid(raw, where),
            kind=kind,
            unit=self.get(raw, where, "unit", str, required=False, default=""),
            scale=scale if scale is not None else 1.0,
            **self.labels(raw, where, required=True),
            valid_min=vmin,
            valid_max=vmax,
            threshold=threshold,
            states=states,
            alarm=self.get(raw, where, "alarm", str, required=False),
            counter_bits=bits,
        )

    def metrics(self, raw: object, where: tuple[str | int, ...]) -> tuple[MetricSpec, ...]:
        if not isinstance(raw, list):
            raise self.fail(
                where, f"{_dotted(where)} must be an array of tables ([[{_dotted(where)}]])"
            )
        out: list[MetricSpec] = []
        seen: dict[str, int] = {}
        for i, m in enumerate(raw):
            spec = self.metric(m, (*where, i))
            if spec.key in seen:
                raise self.fail((*where, i, "key"), f"duplicate metric key {spec.key!r}")
            seen[spec.key] = i
            out.append(spec)
        return tuple(out)

    def table(self, raw: object, where: tuple[str | int, ...]) -> TableSpec:
        if not isinstance(raw, dict):
            raise self.fail(where, "a table spec must be a table")
        self.unknown_keys(raw, where, _keys(TableSpec))
        oid = self.oid(raw, where)
        if "columns" not in raw:
            raise self.fail(where, "table needs [[tables.columns]]")
        columns = self.metrics(raw["columns"], (*where, "columns"))
        for i, c in enumerate(columns):
            if not c.oid.startswith(oid + "."):
                raise self.fail(
                    (*where, "columns", i, "oid"),
                    f"column {c.key} OID {c.oid} is not under the table OID {oid}",
                )
        max_rows = self.get(raw, where, "max_rows", int, required=False, default=1000)
        if max_rows < 1:
            raise self.fail((*where, "max_rows"), "max_rows must be positive")
        return TableSpec(
            key=self.get(raw, where, "key", str),
            oid=oid,
            columns=columns,
            **self.labels(raw, where),
            max_rows=max_rows,
        )

    def trap(self, raw: object, where: tuple[str | int, ...]) -> TrapMapping:
        if not isinstance(raw, dict):
            raise self.fail(where, "a trap mapping must be a table")
        self.unknown_keys(raw, where, _keys(TrapMapping))
        action = self.choice(raw, where, "action", ("alarm", "clear", "care"))
        rule = self.get(raw, where, "rule", str)
        if action == "care" and rule not in ("sos", "fall", "removal"):
            raise self.fail(
                (*where, "rule"), f"care alert kind must be sos, fall or removal; got {rule!r}"
            )
        subject = self.oid(raw, where, "subject_oid") if "subject_oid" in raw else None
        return TrapMapping(
            oid=self.oid(raw, where),
            action=action,
            rule=rule,
            severity=self.choice(raw, where, "severity", SEVERITIES, default="warning"),
            work_kind=self.choice(
                raw, where, "work_kind", ("repair", "inspection", "cleaning"), default="repair"
            ),
            subject_oid=subject,
            **self.labels(raw, where),
        )

    def profile(self, data: dict[str, Any], expected_code: str | None) -> Profile:
        self.unknown_keys(data, (), {"profile", "metrics", "tables", "traps", "health", "probe"})
        head = self.get(data, (), "profile", dict)
        self.unknown_keys(head, ("profile",), {"code", "label_en", "label_zh", "version"})
        code = self.get(head, ("profile",), "code", str)
        if code not in CATEGORY_CODES:
            raise self.fail(("profile", "code"), f"unknown category code {code!r}")
        if expected_code and code != expected_code:
            raise self.fail(
                ("profile", "code"),
                f"code {code!r} does not match the file name {expected_code}.toml",
            )
        metrics = self.metrics(self.get(data, (), "metrics", list), ("metrics",))
        tables = tuple(
            self.table(t, ("tables", i))
            for i, t in enumerate(self.get(data, (), "tables", list, required=False, default=[]))
        )
        traps = tuple(
            self.trap(t, ("traps", i))
            for i, t in enumerate(self.get(data, (), "traps", list, required=False, default=[]))
        )
        seen_oids: set[str] = set()
        for i, t in enumerate(traps):
            if t.oid in seen_oids:
                raise self.fail(("traps", i, "oid"), f"trap OID {t.oid} is mapped twice")
            seen_oids.add(t.oid)
        health = HealthSpec()
        if "health" in data:
            h = self.get(data, (), "health", dict)
            self.unknown_keys(h, ("health",), _keys(HealthSpec))
            down = self.get(h, ("health",), "down_metrics", list, required=False, default=[])
            keys = {m.key for m in metrics}
            for name in down:
                if name not in keys:
                    raise self.fail(
                        ("health", "down_metrics"), f"down_metrics names unknown metric {name!r}"
                    )
            health = HealthSpec(
                down_metrics=tuple(down),
                degraded_at=self.choice(
                    h, ("health",), "degraded_at", ("warning", "critical"), default="warning"
                ),
                missing_is_degraded=self.get(
                    h, ("health",), "missing_is_degraded", bool, required=False, default=True
                ),
            )
        probe = None
        if "probe" in data:
            p = self.get(data, (), "probe", dict)
            self.unknown_keys(p, ("probe",), _keys(ProbeSpec))
            kind = self.choice(p, ("probe",), "kind", ("tcp", "icmp"))
            port = self.get(p, ("probe",), "port", int, required=kind == "tcp")
            if port is not None and not 0 < port < 65536:
                raise self.fail(("probe", "port"), f"port {port} out of range")
            probe = ProbeSpec(kind, port)
        return Profile(
            code=code,
            **self.labels(head, ("profile",), required=True),
            metrics=metrics,
            tables=tables,
            traps=traps,
            health=health,
            probe=probe,
            source=str(self.path),
        )


def _keys(spec: type, *not_keys: str) -> set[str]:
    """The keys a table of the file may hold: the fields of ``spec`` (but ``not_keys``, read
    otherwise)."""
    return {f.name for f in fields(spec)} - set(not_keys)


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _type_names(types: type | tuple[type, ...]) -> str:
    names = {
        int: "a number",
        float: "a number",
        str: "a string",
        dict: "a table",
        list: "an array",
        bool: "true or false",
    }
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in _as_tuple(types)))


def _dotted(where: tuple[str | int, ...]) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_profile(text: str, path: Path | str, expected_code: str | None = None) -> Profile:
    """Parse and validate one profile's text; ``path`` is used in messages."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        line = int(match.group(1)) if match else None
        raise ProfileError(path, line, f"TOML syntax: {exc}") from None
    return _Checker(path, text).profile(data, expected_code)


def load_profile(path: Path | str) -> Profile:
    """Load one profile file; the file name (without .toml) must be its category code."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(path, None, f"cannot read: {exc}") from None
    return parse_profile(text, path, expected_code=path.stem)


def profiles_dir() -> Path:
    return _resources_dir() / "profiles"


def load_profiles(directory: Path | str | None = None) -> dict[str, Profile]:
    """Load every ``<code>.toml`` of the profiles folder (``discovery.toml`` excluded).

    Raises:
        ProfileError: at the first malformed file.
    """
    folder = Path(directory) if directory is not None else profiles_dir()
    out: dict[str, Profile] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.stem == "discovery":
            continue
        profile = load_profile(path)
        out[profile.code] = profile
    return out
