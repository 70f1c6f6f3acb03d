"""The command line prints times in the console's time zone and the console's own words for
work orders in --lang (#13 item 2)."""

from __future__ import annotations

import pytest

from ops_console.cli import main
from ops_console.domain.messages import Msg
from tests.unit.services.workorders_world import PASSWORD, build


@pytest.fixture
def world(services, tmp_path, db_path, monkeypatch):
    a = build(services, tmp_path)
    monkeypatch.setenv("OPS_CONSOLE_USER", "mgr")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    return {"services": services, "a": a, "url": f"sqlite:///{db_path}"}


def test_maintenance_list_prints_the_console_time_zone(world, capsys):
    argv = ["maintenance", "add", "--community", "湖滨", "--from", "2027-01-05T09:00", "--to",
            "2027-01-05T10:00", "--reason", "检修", "--db", world["url"]]  # fmt: skip
    assert main(argv) == 0
    capsys.readouterr()
    assert main(["maintenance", "list", "--db", world["url"]]) == 0
    out = capsys.readouterr().out
    # entered at 09:00 local time, stored in UTC (01:00), shown as entered
    assert "2027-01-05T09:00:00+08:00" in out and "2027-01-05T10:00:00+08:00" in out, out
    assert "+00:00" not in out


def test_a_title_the_console_wrote_reads_in_the_chosen_language(world, capsys):
    from ops_console.db.models import WorkOrder

    services, a = world["services"], world["a"]
    wo = services.workorders.create(
        a["liaison"], title="门禁不开", priority="P2", source="liaison", device="HB-GATE-001"
    )
    title = Msg("workorder.preventive_title", {"plan": "月度巡检", "device": "北门门禁"})
    with services.db.write() as s:  # as a plan raises it
        row = s.query(WorkOrder).filter_by(number=wo.number).one()
        row.title, row.title_data = "", title.dumps()
    assert main(["workorders", "list", "--lang", "zh_CN", "--db", world["url"]]) == 0
    assert "月度巡检：北门门禁" in capsys.readouterr().out
    assert main(["workorders", "show", wo.number, "--lang", "en", "--db", world["url"]]) == 0
    assert "title:     月度巡检: 北门门禁" in capsys.readouterr().out
