"""``care ack`` and ``care close --outcome`` over the demo, as the community's liaison."""

from __future__ import annotations

from typing import Any

from ops_console.cli import main
from ops_console.services.monitoring.alarms import raise_care_alert


def test_care_close_needs_an_acknowledgement_and_an_outcome(
    demo_services: Any, capsys: Any, monkeypatch: Any
) -> None:
    services = demo_services
    admin = services.accounts.actor("admin")
    gw = services.inventory.list_devices(admin, community="湖滨", category="wristband_gateway")[0]
    with services.db.write() as s:
        care_id = raise_care_alert(
            s, now=services.clock.now(), device_id=gw.id, asset_tag=gw.asset_tag, kind="sos",
            band_id="B-0909",
        )  # fmt: skip
    url = str(services.db.url)
    monkeypatch.setenv("OPS_CONSOLE_USER", "chen.jing")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "demo1234")
    base = ["care", "close", str(care_id), "--db", url]
    assert main([*base, "--outcome", "已上门"]) == 2
    assert "acknowledge it first" in capsys.readouterr().err
    assert main(["care", "ack", str(care_id), "--note", "网格员上门", "--db", url]) == 0
    capsys.readouterr()
    assert main([*base, "--outcome", " "]) == 2
    assert "say what happened" in capsys.readouterr().err
    assert main([*base, "--outcome", "老人血糖低，已由家属陪同就医"]) == 0
    out = capsys.readouterr().out
    assert f"care alert {care_id} (sos) closed by chen.jing: 老人血糖低" in out
    assert main([*base, "--outcome", "again"]) == 2
    assert "already closed by chen.jing" in capsys.readouterr().err
