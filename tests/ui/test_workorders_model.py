"""The work-order table filters and sorts in bulk: same answers as the rules, at any size."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from ops_console.domain.messages import typed
from ops_console.services.sla import ClockView
from ops_console.services.sla.service import OpenClock
from ops_console.services.workorders.service import WorkOrderRow
from ops_console.ui.models.roles import OBJECT_ROLE
from ops_console.ui.models.workorders import (
    RESOLUTION,
    RESPONSE,
    TITLE,
    WorkOrderProxy,
    WorkOrderTableModel,
)
from ops_console.ui.pages.workorders import WorkOrdersPage
from ops_console.ui.sla_text import clock_text, sort_value
from ops_console.ui.workorder_text import words

NOW = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
STATUSES = ("new", "assigned", "in_progress", "on_hold", "resolved", "closed", "cancelled")


def _rows(n: int, seed: int = 7) -> tuple[list[WorkOrderRow], dict[str, OpenClock]]:
    rnd = random.Random(seed)
    rows, clocks = [], {}
    for i in range(n, 0, -1):
        status = rnd.choice(STATUSES)
        number = f"WO-2026-{i:06d}"
        rows.append(
            WorkOrderRow(
                i,
                number,
                "repair",
                rnd.choice(("alarm", "liaison", "resident_app")),
                status,
                rnd.choice(("P1", "P2", "P3", "P4")),
                typed(rnd.choice(("摄像头离线", "道闸无法抬杆", "Gate stuck")) + f" {i}"),
                rnd.choice((None, f"HB-GATE-{i % 50:03d}")),
                rnd.choice((1, 2, 3)),
                rnd.choice((None, "zhang.wei", "li.qiang")),
                NOW - timedelta(minutes=i),
                NOW,
                None,
                1,
            )
        )
        if status not in ("closed", "cancelled"):
            state = rnd.choice(("running", "running", "paused", "stopped", "not_started"))
            minutes = rnd.uniform(0, 600)

            def view(m: float = minutes, st: str = state) -> ClockView:
                return ClockView(
                    m,
                    240,
                    st,
                    m > 240,
                    192 <= m <= 240,
                    NOW + timedelta(minutes=240 - m) if st == "running" else None,
                    max(0.0, 240 - m),
                    max(0.0, m - 240),
                )

            clocks[number] = OpenClock(
                number, "P1", status, typed(""), None, 1, view(), view(), "ok"
            )
    return rows, clocks


def _expected(rows: list[WorkOrderRow], f: dict[str, Any]) -> list[str]:
    out = []
    for w in rows:
        # open: in the firm's hands; resolved orders wait for the liaison, not counted open
        if f.get("status") == "open" and w.status not in (
            "new",
            "assigned",
            "in_progress",
            "on_hold",
        ):
            continue
        if f.get("status") not in (None, "", "open") and w.status != f["status"]:
            continue
        if any(f.get(k) and getattr(w, k) != f[k] for k in ("priority", "community_id", "source")):
            continue
        if f.get("mine") and w.assignee != f["mine"]:
            continue
        text = (f.get("text") or "").lower()
        hay = f"{w.number}\t{words(w.title)}\t{w.device or ''}\t{w.assignee or ''}".lower()
        if text and text not in hay:
            continue
        out.append(w.number)
    return sorted(out)


def test_bulk_filters_match_the_rules_while_typing(qapp: Any) -> None:
    rows, clocks = _rows(3000)
    model = WorkOrderTableModel({1: "湖滨", 2: "张江", 3: "科技园"})
    proxy = WorkOrderProxy(model)
    model.set_rows(rows, clocks)

    def shown() -> list[str]:
        return sorted(proxy.index(r, 0).data(OBJECT_ROLE).number for r in range(proxy.rowCount()))

    cases = [
        {"status": "open"},
        {"status": "open", "community_id": 2},
        {"status": "open", "community_id": 2, "priority": "P1"},  # narrower
        {"status": "on_hold", "priority": "P1"},  # wider on one criterion
        {"mine": "zhang.wei"},
        {"mine": "zhang.wei", "text": "g"},
        {"mine": "zhang.wei", "text": "ga"},
        {"mine": "zhang.wei", "text": "gate"},
        {"mine": "zhang.wei", "text": "gat"},  # backspace
        {"text": "摄像头"},
        {"text": "hb-gate-01"},
        {"source": "alarm", "text": "WO-2026-0001"},
        {},
    ]
    for f in cases:
        proxy.set_filter(**f)
        assert shown() == _expected(rows, f), f
    assert proxy.rowCount() == 3000


def test_sorted_by_deadline_like_the_countdown_reads(qapp: Any) -> None:
    rows, clocks = _rows(800, seed=3)
    model = WorkOrderTableModel()
    proxy = WorkOrderProxy(model)
    model.set_rows(rows, clocks)
    for col in (RESPONSE, RESOLUTION):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(col, order)
            got = [model.row_at(r).number for r in range(model.rowCount())]
            views = {
                n: (c.response if col == RESPONSE else c.resolution) for n, c in clocks.items()
            }
            # the sort value is exactly the countdown's own (text aside)
            for v in list(views.values())[:200]:
                assert sort_value(v) == clock_text(v)[1]
            values = [sort_value(views[n]) if n in views else float("inf") for n in got]
            assert values == sorted(values, reverse=order == Qt.SortOrder.DescendingOrder)
    proxy.sort(TITLE)
    titles = [words(model.row_at(r).title) for r in range(model.rowCount())]
    assert titles == sorted(titles)
    number = rows[123].number
    assert model.row_at(model.row_of(number)).number == number


def test_search_box_filters_the_page(ctx_for: Any, qtbot: Any) -> None:
    page = WorkOrdersPage(ctx_for("wang.jianguo"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    page.status.setCurrentIndex(page.status.findData(""))
    assert page.proxy.rowCount() == 548  # 540 of history + 8 from open alarms
    page.search.setText("WO-2026-00051")
    numbers = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert numbers == {f"WO-2026-00051{d}" for d in range(10)}
    assert page.count.text() == "10 work orders"
    page.search.setText("no such thing")
    assert page.proxy.rowCount() == 0
    assert page.list_stack.currentWidget() is page.empty
    page.search.clear()
    assert page.proxy.rowCount() == 548  # 540 of history + 8 from open alarms
