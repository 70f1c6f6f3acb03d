"""``ops-console settings show|set``: retention of each time-series resolution as installation
settings (administrators change them, audited), bad input named with nothing changed, and the
next prune deleting by them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from ops_console.cli import main
from ops_console.db.models import AuditEntry, SeriesChunk, Setting
from ops_console.services.context import SYSTEM

DEFAULTS = {
    "retention.raw_days": 7,
    "retention.five_min_days": 60,
    "retention.hourly_days": 730,
    "attachments.max_mb": 10,
}


@pytest.fixture
def url(services, db_path, monkeypatch):
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin", display_name="Root")
    services.accounts.add_user(SYSTEM, "mgr", "mgrpass12", "manager", display_name="Mgr")
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    return f"sqlite:///{db_path}"


def _show(url: str, capsys) -> dict[str, int]:
    assert main(["settings", "show", "--format", "json", "--db", url]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_administrator_changes_retention_and_it_is_audited(url, services, capsys):
    assert _show(url, capsys) == DEFAULTS
    rc = main(["settings", "set", "retention.raw_days", "14", "retention.five_min_days", "90",
               "--db", url])  # fmt: skip
    assert rc == 0
    assert capsys.readouterr().out.splitlines() == [
        "retention.five_min_days = 90",
        "retention.raw_days = 14",
    ]
    assert _show(url, capsys) == DEFAULTS | {
        "retention.raw_days": 14,
        "retention.five_min_days": 90,
    }
    with services.db.read() as s:
        row = s.get(Setting, "retention.raw_days")
        assert row is not None and (row.value, row.updated_by) == ("14", "root")
        entries = s.query(AuditEntry).filter_by(action="settings.change").all()
    assert [(e.actor, e.entity, e.entity_id) for e in entries] == [
        ("root", "settings", "retention")
    ]
    assert json.loads(entries[0].before_json)["retention.raw_days"] == 7
    assert json.loads(entries[0].after_json)["retention.five_min_days"] == 90


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["retention.raw", "3"], "no setting named 'retention.raw'"),
        (
            ["retention.raw_days", "a week"],
            "retention.raw_days: a whole number of days, not 'a week'",
        ),
        (["retention.raw_days", "0"], "retention.raw_days: between 1 and 366 days, not 0"),
        (["retention.hourly_days", "30"], "no longer than hourly buckets (30 days)"),
        (["retention.raw_days"], "a value for each name"),
        (["attachments.max_mb", "0"], "attachments.max_mb: between 1 and 100 MB, not 0"),
        (["attachments.max_mb", "101"], "attachments.max_mb: between 1 and 100 MB, not 101"),
        (["attachments.max_mb", "ten"], "attachments.max_mb: a whole number of MB, not 'ten'"),
        # a bad value among good ones: nothing is written
        (
            ["attachments.max_mb", "20", "retention.raw_days", "0"],
            "retention.raw_days: between 1 and 366 days, not 0",
        ),
        (
            ["retention.raw_days", "14", "attachments.max_mb", "500"],
            "attachments.max_mb: between 1 and 100 MB, not 500",
        ),
    ],
)
def test_bad_settings_are_named_and_nothing_changes(url, capsys, words, message):
    assert main(["settings", "set", *words, "--db", url]) == 2
    assert message in capsys.readouterr().err
    assert _show(url, capsys) == DEFAULTS


def test_the_attachment_limit_is_one_for_the_installation(url, services, capsys):
    """An administrator's attachments.max_mb is what every seat's attach applies (the
    service reads it from the database, not from the seat; workorders attach refusing by it
    is in test_attachments_cli), audited before and after."""

    assert main(["settings", "set", "attachments.max_mb", "2", "--db", url]) == 0
    assert capsys.readouterr().out.splitlines() == ["attachments.max_mb = 2"]
    assert _show(url, capsys) == DEFAULTS | {"attachments.max_mb": 2}
    assert services.workorders.attachment_max_mb() == 2
    with services.db.read() as s:
        entry = s.query(AuditEntry).filter_by(action="settings.change").one()
    assert (entry.actor, entry.entity, entry.entity_id) == ("root", "settings", "attachments")
    assert json.loads(entry.before_json) == {"attachments.max_mb": 10}
    assert json.loads(entry.after_json) == {"attachments.max_mb": 2}


def test_a_manager_may_read_but_not_change_settings(url, monkeypatch, capsys):
    monkeypatch.setenv("OPS_CONSOLE_USER", "mgr")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "mgrpass12")
    assert _show(url, capsys) == DEFAULTS
    assert main(["settings", "set", "retention.raw_days", "3", "--db", url]) != 0
    assert "change the installation's settings" in capsys.readouterr().err
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert _show(url, capsys) == DEFAULTS


def test_the_next_prune_deletes_by_the_settings(url, services, capsys):
    # a raw chunk 10 days old, already rolled up (so retention alone decides); kept with
    # 14 days of raw samples, deleted once the setting says 7 again
    now = datetime(2026, 11, 20, tzinfo=UTC)
    start = int((now - timedelta(days=10)).timestamp()) // 3600 * 3600
    services.inventory.sync_categories()
    with services.db.write() as s:
        s.connection().exec_driver_sql(
            "INSERT INTO communities (id, name, timezone) VALUES (1, 'c', 'UTC')"
        )
        s.connection().exec_driver_sql(
            "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
            "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
            "updated_at, search_text) VALUES (1, 'D-1', 'd', 'smart_bin', 1, '127.0.0.1', "
            "'v2c', 161, 60, 'in_service', 'normal', '2026-10-01 00:00:00', "
            "'2026-10-01 00:00:00', '')"
        )
        s.connection().exec_driver_sql("INSERT INTO metric_names (id, name) VALUES (1, 'm')")
        s.add(SeriesChunk(device_id=1, resolution_s=0, metric_id=1, start=start, n=1, data=b"x"))
        for name in ("rollup_300", "rollup_3600", "sealed"):
            s.connection().exec_driver_sql(
                "INSERT INTO series_marks (name, upto) VALUES (?, ?)", (name, int(now.timestamp()))
            )
    assert main(["settings", "set", "retention.raw_days", "14", "--db", url]) == 0
    services.monitoring.prune(now)
    with services.db.read() as s:
        assert s.query(SeriesChunk).count() == 1
    assert main(["settings", "set", "retention.raw_days", "7", "--db", url]) == 0
    services.monitoring.prune(now)
    with services.db.read() as s:
        assert s.query(SeriesChunk).count() == 0
