"""The resident notice, and bad input: one clear message, no file left behind."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from ops_console.cli import main
from ops_console.domain.errors import NotFound, ValidationError
from ops_console.reports import ReportCancelled, ReportRequest, build_report
from ops_console.services.context import SYSTEM

from .conftest import pdf_text

NOV = (date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_notice_is_one_large_print_page(rs, manager, out):
    req = ReportRequest(
        "notice",
        *NOV,
        community="湖滨",
        options={"message": "东门门禁将更换读卡器。如需帮助请致电 13812345678。"},
    )
    r = build_report(rs, manager, req, out / "n.pdf", out / "n.csv")
    assert r.pages == 1 and r.figures["body_pt"] >= 16
    text = pdf_text(out / "n.pdf")
    assert "设施维护通知" in text and "湖滨" in text and "东门门禁" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "13812345678" not in (out / "n.csv").read_text("utf-8-sig")
    # the body is really printed at 16 pt or more
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * tm[0])

    PdfReader(str(out / "n.pdf")).pages[0].extract_text(visitor_text=visit)
    body = [s for s in sizes if s > 10]  # header and footer are small print
    assert body and min(body) >= 16


def test_notice_needs_a_community_and_fits_one_page(rs, manager, out):
    with pytest.raises(ValidationError, match="community"):
        build_report(rs, manager, ReportRequest("notice", *NOV), out / "n.pdf")
    long = ReportRequest("notice", *NOV, community="湖滨", options={"message": "维护。" * 400})
    with pytest.raises(ValidationError, match="一页"):
        build_report(rs, manager, long, out / "n.pdf")
    assert not list(out.iterdir())


def test_from_after_to_is_refused(rs, auditor, out):
    req = ReportRequest("audit", date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(ValidationError, match="before --from"):
        build_report(rs, auditor, req, out / "a.pdf")
    assert not list(out.iterdir())


def test_unknown_community_is_refused(rs, auditor, out):
    with pytest.raises(NotFound, match="沙河"):
        build_report(rs, auditor, ReportRequest("audit", *NOV, community="沙河"), out / "a.pdf")
    assert not list(out.iterdir())


def test_unknown_contract_is_refused(rs, auditor, out):
    with pytest.raises(NotFound, match="HT-404"):
        build_report(rs, auditor, ReportRequest("audit", *NOV, contract="HT-404"), out / "a.pdf")


def test_unwritable_output_is_refused_before_any_work(rs, auditor, out):
    with pytest.raises(ValidationError, match="does not exist"):
        build_report(rs, auditor, ReportRequest("audit", *NOV), out / "nope" / "a.pdf")
    with pytest.raises(ValidationError, match="folder"):
        build_report(rs, auditor, ReportRequest("audit", *NOV), out)


def test_cancel_leaves_nothing_and_keeps_an_older_file(rs, auditor, out):
    target = out / "a.pdf"
    target.write_bytes(b"old")
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(ReportCancelled):
        build_report(rs, auditor, ReportRequest("audit", *NOV), target, cancelled=cancelled)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf"]


def test_progress_reaches_one(rs, auditor, out):
    seen: list[float] = []
    build_report(rs, auditor, ReportRequest("audit", *NOV), out / "a.pdf", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_cli_prints_a_report_and_refuses_bad_input(rs, auditor_signed_in, out, capsys):
    url = f"sqlite:///{rs.db.sqlite_path}"
    pdf = out / "audit.pdf"
    code = main(
        [
            "report",
            "audit",
            "--db",
            url,
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            str(pdf),
            "--csv",
            str(out / "audit.csv"),
            "--lang",
            "en",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "page(s)" in captured.out and "Audit Log Report" in pdf_text(pdf)
    code = main(
        [
            "report",
            "audit",
            "--db",
            url,
            "--from",
            "2026-12-01",
            "--to",
            "2026-11-30",
            "--out",
            str(out / "bad.pdf"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "before --from" in err
    code = main(
        [
            "report",
            "notice",
            "--db",
            url,
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--community",
            "沙河",
            "--out",
            str(out / "n.pdf"),
        ]
    )
    assert code == 2 and "沙河" in capsys.readouterr().err
    assert not (out / "bad.pdf").exists() and not (out / "n.pdf").exists()


def test_notice_defaults_to_the_next_maintenance_window(rs, out):
    # a manager of every community: the demo's coming window (2026-12-12) is in 张江
    manager = next(
        rs.accounts.actor(u.username)
        for u in rs.accounts.list_users(SYSTEM)
        if u.role == "manager" and not u.communities
    )
    now = rs.clock.now()
    windows = [w for w in rs.monitoring.list_maintenance_windows(manager) if w.ends_at > now]
    assert windows, "the demo ships a coming maintenance window"
    w = min(windows, key=lambda w: w.starts_at)
    req = ReportRequest("notice", *NOV, community=w.community)
    r = build_report(rs, manager, req, out / "n.pdf")
    text = pdf_text(out / "n.pdf")
    assert r.pages == 1 and w.community in text
    start = w.starts_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert start in r.figures["when"] and start in text
