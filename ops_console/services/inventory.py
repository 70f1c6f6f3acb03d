"""The device inventory: create, edit, retire, search, list, CSV import and export."""

from __future__ import annotations

import io
import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypedDict, TypeVar, Unpack

from ..db import Session
from ..db.engine import Database
from ..db.models import Device, DeviceCategory, DeviceState
from ..db.repos import accounts as accounts_repo
from ..db.repos import inventory as repo
from ..domain.clock import Clock
from ..domain.device_record import COLUMNS as DEVICE_COLUMNS
from ..domain.errors import NotFound, Problem, ValidationError
from ..domain.messages import stored
from ..domain.text import check_text
from ..paths import resources_dir
from . import audit
from .accounts import community_ids, visible_device
from .context import Actor
from .fleet import FleetHealth, fleet_health
from .formats import (
    DeviceFields,
    JsonFields,
    column_problem,
    parse_fields,
    place_of,
    problems_error,
    write_csv,
)
from .formats.device_csv import read_csv


def _line_of(where: str) -> str:
    """``line 3: `` → ``line 3`` (translatable); any other prefix without its colon."""
    line = re.fullmatch(r"line (\d+): ", where)
    return Problem.of("line {line}", line=int(line[1])) if line else where.rstrip(": ")


def search_text(*parts: str | None) -> str:
    """Build a device's search key (keep in step with migration 0002)."""
    return " ".join(p.strip().lower() for p in parts if p)


@dataclass(frozen=True)
class DeviceRow(repo.DeviceListRow, JsonFields):
    """A device as lists and tables show it (the repository's row: its fields; the last
    error in English words in the JSON, as ``devices_json`` shows it)."""

    def to_fields(self) -> DeviceFields:
        """The device in the CSV's words (its columns, taken from this row)."""
        return DeviceFields(**{name: getattr(self, name) for name in DEVICE_COLUMNS})


_ROW_FIELDS = tuple(f.name for f in fields(DeviceRow))


def _english_error(obj: str) -> str:
    """A row's JSON with its last error in English words, as ``DeviceRow.to_json`` has it
    (the database writes the stored message; only rows with one are decoded again)."""
    if '"last_error": "{' not in obj and '"last_error":"{' not in obj:
        return obj
    row = json.loads(obj)
    row["last_error"] = str(stored(row["last_error"]))
    return json.dumps(row, ensure_ascii=False)


def _json_rows(session: Session, **filters: Unpack[repo.DeviceFilters]) -> list[str]:
    return repo.device_rows_json(session, _ROW_FIELDS, **filters)


class DeviceQuery(TypedDict, total=False):
    """Which devices a list or an export holds (see ``InventoryService.list_devices``)."""

    community: str | None
    category: str | None
    status: str | None
    health: str | None
    text: str | None
    limit: int | None
    offset: int


_T = TypeVar("_T")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def load_categories() -> dict[str, dict[str, str]]:
    """Read the category codes and names shipped in resources/categories.toml."""
    with open(resources_dir() / "categories.toml", "rb") as fh:
        return tomllib.load(fh)


def _snapshot(d: Device, community: str, zone: str) -> dict[str, Any]:
    return {
        "asset_tag": d.asset_tag,
        "name": d.name,
        "category": d.category_code,
        "community": community,
        "zone": zone,
        "location": d.location or "",
        "vendor": d.vendor or "",
        "model": d.model or "",
        "serial": d.serial or "",
        "address": d.address or "",
        "snmp_version": d.snmp_version,
        "snmp_port": d.snmp_port,
        "credential": d.credential or "",
        "poll_interval_s": d.poll_interval_s,
        "install_date": d.install_date,
        "warranty_end": d.warranty_end,
        "criticality": d.criticality,
        "status": d.status,
    }


class InventoryService:
    """Devices and categories."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def sync_categories(self) -> int:
        """Make the categories table match resources/categories.toml; return how many exist."""
        cats = load_categories()
        with self.db.write() as s:
            existing = {c.code: c for c in repo.categories(s)}
            for code, names in cats.items():
                c = existing.get(code)
                if c is None:
                    s.add(
                        DeviceCategory(
                            code=code, name_en=names["name_en"], name_zh=names["name_zh"]
                        )
                    )
                else:
                    c.name_en, c.name_zh = names["name_en"], names["name_zh"]
        return len(cats)

    def categories(self) -> list[tuple[str, str, str]]:
        with self.db.read() as s:
            return [(c.code, c.name_en, c.name_zh) for c in repo.categories(s)]

    # reading ----------------------------------------------------------------------
    def list_devices(self, actor: Actor, **query: Unpack[DeviceQuery]) -> list[DeviceRow]:
        """Return the devices the actor may see, filtered (:class:`DeviceQuery`), sorted by
        asset tag."""
        return self._rows(actor, partial(repo.device_rows, row=DeviceRow), **query)

    def fleet_health(self, actor: Actor, *, community: str | None = None) -> FleetHealth:
        """Return the devices by community and health, retired ones apart (the one count
        the dashboard, the Devices page and the availability report show)."""
        return fleet_health(self.list_devices(actor, community=community))

    def devices_json(self, actor: Actor, **query: Unpack[DeviceQuery]) -> str:
        """Return the rows of :meth:`list_devices` as one JSON array text.

        The same values as ``[r.to_json() for r in list_devices(...)]``; the database writes
        each row's JSON object, so exporting 100,000 devices takes a fraction of building
        and encoding Python dicts.
        """
        objects = self._rows(actor, _json_rows, **query)
        return "[" + ",\n".join(_english_error(o) for o in objects) + "]"

    def _rows(
        self, actor: Actor, fetch: Callable[..., list[_T]], **query: Unpack[DeviceQuery]
    ) -> list[_T]:
        """The rows ``fetch`` reads for ``query``: its community by name becomes the ids the
        actor may see; an unknown category is refused."""
        actor.require("read")
        category = query.get("category")
        with self.db.read() as s:
            ids = community_ids(s, actor, query.pop("community", None))
            if category and category not in {c.code for c in repo.categories(s)}:
                raise ValidationError.of(
                    "--category: unknown category {category!r}", category=category
                )
            rows: list[_T] = fetch(s, community_ids=ids, **query)
            return rows

    def get(self, actor: Actor, asset_tag: str) -> DeviceRow:
        actor.require("read")
        with self.db.read() as s:
            rows = repo.device_rows(s, DeviceRow, asset_tag=asset_tag)
        if not rows:
            raise NotFound.of("no device with asset tag {asset_tag!r}", asset_tag=asset_tag)
        row = rows[0]
        actor.require_community(row.community_id, row.community)
        return row

    # writing ----------------------------------------------------------------------
    def _apply(
        self, s: Session, actor: Actor, rows: list[tuple[str, DeviceFields]], now: datetime
    ) -> tuple[ImportResult, list[str]]:
        """Validate references and write rows; return problems instead of writing when any."""
        problems: list[str] = []
        cats = {c.code for c in repo.categories(s)}
        communities = {c.name: c for c in accounts_repo.all_communities(s)}
        zones = repo.zones_by_community(s)
        existing = repo.devices_by_tags(s, [f.asset_tag for _, f in rows])
        seen: dict[str, str] = {}

        def flag(where: str, column: str, template: str, /, **params: object) -> None:
            """A problem of the row's ``column``: ``line 3: zone: no zone 'X' in Y``."""
            problems.append(column_problem(place_of(where), column, Problem.of(template, **params)))

        for where, f in rows:
            if f.asset_tag in seen:
                other = _line_of(seen[f.asset_tag])
                flag(
                    where,
                    "asset_tag",
                    "duplicate {tag!r} (also on {other})",
                    tag=f.asset_tag,
                    other=other,
                )
            seen[f.asset_tag] = where
            if f.category not in cats:
                flag(
                    where,
                    "category",
                    "unknown category {category!r} (one of {categories})",
                    category=f.category,
                    categories=sorted(cats),
                )
            c = communities.get(f.community)
            if c is None:
                flag(where, "community", "no community named {community!r}", community=f.community)
            else:
                if not actor.sees_community(c.id):
                    flag(
                        where,
                        "community",
                        "{username} is not assigned to {community}",
                        username=actor.username,
                        community=f.community,
                    )
                if f.zone and (c.id, f.zone) not in zones:
                    flag(
                        where,
                        "zone",
                        "no zone {zone!r} in {community}",
                        zone=f.zone,
                        community=f.community,
                    )
        if problems:
            return ImportResult(0, 0, 0), problems
        counts = [0, 0, 0]  # created, updated, unchanged (audit.Saved)
        community_names = {cc.id: n for n, cc in communities.items()}
        zone_names = {zid: n for (_, n), zid in zones.items()}

        def shown(d: Device) -> dict[str, Any]:
            zone = zone_names.get(d.zone_id, "") if d.zone_id else ""
            return _snapshot(d, community_names.get(d.community_id, ""), zone)

        for _, f in rows:
            c = communities[f.community]
            zone_id = zones.get((c.id, f.zone)) if f.zone else None
            values = {
                "name": f.name,
                "category_code": f.category,
                "community_id": c.id,
                "zone_id": zone_id,
                "location": f.location or None,
                "vendor": f.vendor or None,
                "model": f.model or None,
                "serial": f.serial or None,
                "address": f.address or None,
                "snmp_version": f.snmp_version,
                "snmp_port": f.snmp_port,
                "credential": f.credential or None,
                "poll_interval_s": f.poll_interval_s,
                "install_date": f.install_date,
                "warranty_end": f.warranty_end,
                "criticality": f.criticality,
                "status": f.status,
                "search_text": search_text(f.asset_tag, f.name, f.location, f.address, f.serial),
            }
            old = existing.get(f.asset_tag)
            if old is not None and not actor.sees_community(old.community_id):
                raise ValidationError.of(
                    "asset_tag: {asset_tag} belongs to a community {username} may not change",
                    asset_tag=f.asset_tag,
                    username=actor.username,
                )
            d, saved = audit.save(
                s,
                old,
                values,
                create=partial(
                    Device, asset_tag=f.asset_tag, created_at=now, updated_at=now, **values
                ),
                at=now,
                actor=actor.username,
                entity="device",
                entity_id=f.asset_tag,
                actions=("device.create", "device.update"),
                snapshot=shown,
            )
            if saved == audit.Saved.CREATED:
                s.add(DeviceState(device_id=d.id, health="unknown"))
            elif saved == audit.Saved.UPDATED:
                d.updated_at = now
            counts[saved] += 1
        return ImportResult(*counts), []

    def import_csv(self, actor: Actor, path: Path) -> ImportResult:
        """Import a device CSV, all or nothing.

        Raises:
            ValidationError: listing every bad row as ``line N: column: problem``.
        """
        actor.require("inventory.write")
        raw_rows = read_csv(path)
        parsed: list[tuple[str, DeviceFields]] = []
        problems: list[str] = []
        for line, raw in raw_rows:
            where = f"line {line}: "
            fields_, errs = parse_fields(raw, where)
            problems.extend(errs)
            if fields_ is not None:
                parsed.append((where, fields_))
        now = self.clock.now()
        with self.db.write() as s:
            result, more = self._apply(s, actor, parsed, now)
            problems.extend(more)
            if problems:
                problems.sort(
                    key=lambda p: int(p.split(":")[0].split()[1]) if p.startswith("line ") else 0
                )
                raise problems_error(
                    "{path}: {n_problems} problem(s), nothing imported",
                    problems,
                    path=path,
                )
        return result

    def save(self, actor: Actor, fields_: DeviceFields) -> ImportResult:
        """Create or update one device (the edit dialog)."""
        actor.require("inventory.write")
        raw = {
            k: ("" if v is None else v.isoformat() if isinstance(v, date) else str(v))
            for k, v in asdict(fields_).items()
        }
        parsed, problems = parse_fields(raw, "")
        if parsed is None:
            raise ValidationError.of("the device has problems", problems=problems)
        now = self.clock.now()
        with self.db.write() as s:
            result, more = self._apply(s, actor, [("", parsed)], now)
            if more:
                raise ValidationError.of("the device has problems", problems=more)
        return result

    def retire(self, actor: Actor, asset_tag: str, reason: str = "") -> None:
        """Mark a device retired: it stays on record but is no longer polled or counted."""
        actor.require("inventory.write")
        check_text(reason, "reason", multiline=True, max_length=2000)
        now = self.clock.now()
        with self.db.write() as s:
            d = visible_device(s, actor, asset_tag)
            if d.status == "retired":
                raise ValidationError.of("{asset_tag} is already retired", asset_tag=asset_tag)
            before = d.status
            d.status = "retired"
            d.updated_at = now
            audit.record(
                s,
                now,
                actor,
                "device.retire",
                "device",
                asset_tag,
                before={"status": before},
                after={"status": "retired", "reason": reason},
            )

    def export_csv(self, actor: Actor, path: Path, **filters: Unpack[DeviceQuery]) -> int:
        """Write the devices the actor sees to a CSV (UTF-8 with BOM for Excel); return the count.

        The file appears whole or not at all (written to a temporary name, then renamed).
        """
        rows = self.list_devices(actor, **filters)
        target = Path(path)
        if not target.parent.is_dir():
            raise ValidationError.of(
                "{path}: folder {parent} does not exist", path=path, parent=target.parent
            )
        buf = io.StringIO()
        write_csv([r.to_fields() for r in rows], buf)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            partial.write_text(buf.getvalue(), encoding="utf-8-sig", newline="")
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ValidationError.of(
                "{path}: cannot write: {strerror}", path=path, strerror=exc.strerror
            ) from exc
        return len(rows)
