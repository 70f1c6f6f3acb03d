"""Each SLA report row carries the targets of the policy version its work order was created under."""

from __future__ import annotations

from datetime import date

from ops_console.paths import resources_dir


def _row(services, admin, number):
    report = services.sla.report(admin, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    return next(r for r in report.rows if r.number == number)


def test_rows_keep_their_own_policy_targets(demo_services):
    admin = demo_services.accounts.actor("admin")
    row = _row(demo_services, admin, "WO-2026-000481")  # P1, 24x7: 30 / 240 minutes
    assert (row.priority, row.response_target_minutes, row.resolution_target_minutes) == (
        "P1",
        30,
        240,
    )
    assert row.resolution_breached and row.minutes_late == row.resolution_minutes - 240

    # new terms from today: old work orders keep the targets they were created under
    text = (resources_dir() / "demo" / "contracts" / "HB-2026.toml").read_text("utf-8")
    changed = text.replace(
        "response_minutes = 30\nresolution_minutes = 240",
        "response_minutes = 20\nresolution_minutes = 180",
        1,
    )
    assert changed != text
    result = demo_services.contracts.import_text(admin, changed)
    assert result.new_policy
    after = _row(demo_services, admin, "WO-2026-000481")
    assert (after.response_target_minutes, after.resolution_target_minutes) == (30, 240)
    assert after.penalty == row.penalty
