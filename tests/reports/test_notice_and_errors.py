"""The resident notice, and bad input: one clear message, no file left behind."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
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
    assert r.pages == 1 and r.figures["body_pt"] >= 18
    text = pdf_text(out / "n.pdf")
    assert "设施维护通知" in text and "湖滨" in text and "东门门禁" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "13812345678" not in (out / "n.csv").read_text("utf-8-sig")
    # the body is really printed at 18 pt or more
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(font_size * tm[0])

    PdfReader(str(out / "n.pdf")).pages[0].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 18  # a poster: no small print, no header or footer


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
    start = w.starts_at.astimezone(ZoneInfo("Asia/Shanghai"))
    day = f"{start.year}年{start.month}月{start.day}日"
    assert r.figures["when"].startswith(day) and day in text


def _boss(rs):
    return next(
        rs.accounts.actor(u.username)
        for u in rs.accounts.list_users(SYSTEM)
        if u.role == "manager" and not u.communities
    )


def _flat(path):
    return "".join(pdf_text(path).split())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_notice_needs_the_community_office_phone(rs, out, lang):
    rs.accounts.add_community(SYSTEM, "枫林", zones=["南门"], name_en="Maple Grove")
    boss = _boss(rs)
    req = ReportRequest("notice", *NOV, community="枫林", lang=lang)
    with pytest.raises(ValidationError) as err:
        build_report(rs, boss, req, out / "n.pdf")
    assert "枫林" in str(err.value) and "communities set-phone" in str(err.value)
    assert not list(out.iterdir())
    admin = next(
        rs.accounts.actor(u.username) for u in rs.accounts.list_users(SYSTEM) if u.role == "admin"
    )
    with pytest.raises(ValidationError, match="021-1234"):
        rs.accounts.set_community_phone(admin, "枫林", "021-1234")  # too short: refused
    c = rs.accounts.set_community_phone(admin, "枫林", "021-50801234")
    assert c.phone == "021-50801234"
    r = build_report(rs, boss, req, out / "n.pdf")
    assert r.pages == 1 and "021-50801234" in pdf_text(out / "n.pdf")


def test_community_wide_notice_in_plain_words(rs, out):
    boss = _boss(rs)
    r = build_report(rs, boss, ReportRequest("notice", *NOV, community="张江"), out / "n.pdf")
    text = _flat(out / "n.pdf")
    # the demo's coming window: 张江, Saturday 12 December, 01:00-05:00 local
    assert "2026年12月12日（星期六）凌晨1:00至凌晨5:00" in text
    assert "张江社区全小区" in text and "地点：张江社区全小区" in text
    assert "网络线路" in text  # the reason in words ("网络割接" in the window's own text)
    for jargon in ("割接", "（计划）", "NVR", "巡检"):
        assert jargon not in text, jargon
    # 张江 has wristband gateways: a community-wide window may cut off their SOS calls
    assert "呼救（SOS）" in text and "120" in text
    assert "有事请打社区电话：021-50800000" in text  # the office's number, never masked
    # a poster: no console name, no operator
    assert boss.username not in text and (boss.display_name or boss.username) not in text
    assert "智慧社区运维平台" not in text and "由" not in text.split("张江社区居委会")[-1]
    assert r.figures["phone"] == "021-50800000"
    en = build_report(
        rs, boss, ReportRequest("notice", *NOV, community="张江", lang="en"), out / "e.pdf"
    )
    text = " ".join(pdf_text(out / "e.pdf").split())
    assert "Saturday 12 December 2026, 1:00 am to 5:00 am" in text
    assert "the whole of Zhangjiang" in text and "SOS" in text and "021-50800000" in text
    assert boss.username not in text and en.pages == 1


def test_device_window_names_the_gate_and_spares_sos(rs, out):
    from datetime import datetime

    boss = _boss(rs)
    tz = ZoneInfo("Asia/Shanghai")
    rs.monitoring.add_maintenance_window(
        boss,
        start=datetime(2026, 11, 30, 15, 0, tzinfo=tz),  # a Monday afternoon
        end=datetime(2026, 11, 30, 17, 30, tzinfo=tz),
        reason="东门人行闸机更换主板（计划）",
        device_tag="HB-GATE-007",
    )
    r = build_report(rs, boss, ReportRequest("notice", *NOV, community="湖滨"), out / "n.pdf")
    text = _flat(out / "n.pdf")
    assert "2026年11月30日（星期一）下午3:00至下午5:30" in text
    assert "湖滨社区东门（东门人行通道入口）的门禁" in text
    assert "换上新的零件" in text and "刷脸开门暂时不能用" in text
    assert "主板" not in text and "（计划）" not in text
    assert "不影响老人智能手环的“呼救（SOS）”功能" in text
    assert r.figures["where"].startswith("湖滨社区东门")


def _contrast(a, b):
    def lum(c):
        def ch(v):
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b_ = (ch(float(x)) for x in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_notice_meets_the_large_print_rules(rs, out, lang):
    """MIIT 适老化: body 18 pt or more, line spacing 1.3 or more, contrast 4.5:1 or more,
    read back from the PDF itself."""
    boss = _boss(rs)
    path = out / "n.pdf"
    build_report(rs, boss, ReportRequest("notice", *NOV, community="张江", lang=lang), path)
    page = PdfReader(str(path)).pages[0]
    shown: list[tuple[float, float, tuple]] = []  # (size, baseline y, fill colour)
    fills: list[tuple] = []  # colours of filled rectangles (backgrounds)
    state = {"fill": (0.0, 0.0, 0.0), "rect": False}

    def before(op, args, cm, tm):
        if op == b"rg":
            state["fill"] = tuple(float(a) for a in args)
        elif op == b"re":
            state["rect"] = True
        elif op in (b"f", b"B", b"f*") and state["rect"]:
            fills.append(state["fill"])
            state["rect"] = False
        elif op in (b"Tj", b"TJ"):
            size = float(tm[0]) * state.get("tf", 0.0)
            shown.append((size, float(tm[5]), state["fill"]))
        if op == b"Tf":
            state["tf"] = float(args[1])

    page.extract_text(visitor_operand_before=before)
    assert shown
    sizes = sorted({round(s, 1) for s, _y, _c in shown})
    assert sizes[0] >= 18, sizes
    # line spacing: consecutive lines of one size are at least 1.3 x the size apart
    by_size: dict[float, list[float]] = {}
    for size, y, _c in shown:
        by_size.setdefault(round(size, 1), []).append(round(y, 1))
    gaps = []
    for size, ys in by_size.items():
        lines = sorted(set(ys), reverse=True)
        gaps += [(a - b) / size for a, b in pairwise(lines)]
    assert gaps and min(gaps) >= 1.3, min(gaps)
    # contrast: every text colour on every background used (paper white, the box's tint)
    backgrounds = {(1.0, 1.0, 1.0), *fills}
    for _s, _y, colour in shown:
        for bg in backgrounds:
            assert _contrast(colour, bg) >= 4.5, (colour, bg)


def test_notice_templates_have_both_languages_and_no_jargon():
    from ops_console.reports import notice_text

    t = notice_text.templates()
    assert "maintenance" in t.reasons and "community" in t.categories
    for code in (
        "access_gate",
        "camera",
        "waste_station",
        "smart_bin",
        "env_sensor",
        "wristband_gateway",
        "parking",
        "network",
    ):
        assert code in t.categories and code in t.names, code
    for entry in (*t.reasons.values(), *t.categories.values()):
        assert entry.zh.strip() and entry.en.strip()
        for jargon in ("割接", "（计划）", "NVR", "SNMP", "_"):
            assert jargon not in entry.zh and jargon not in entry.en
    assert notice_text.reason_of("冬季全面巡检与网络割接（计划）") == "network"
    assert notice_text.reason_of("东门人行闸机更换主板") == "replacement"
    assert notice_text.reason_of("") == "maintenance"


def test_when_words_weekday_and_part_of_day():
    from datetime import datetime

    from ops_console.reports.notice_text import when_words

    tz = ZoneInfo("Asia/Shanghai")
    at = datetime(2026, 12, 12, 1, 0, tzinfo=tz)
    assert (
        when_words(at, at.replace(hour=5), True) == "2026年12月12日（星期六）凌晨1:00 至 凌晨5:00"
    )
    assert (
        when_words(at.replace(hour=9, minute=30), at.replace(hour=12, minute=15), True)
        == "2026年12月12日（星期六）上午9:30 至 中午12:15"
    )
    assert (
        when_words(at.replace(hour=20), datetime(2026, 12, 13, 2, 0, tzinfo=tz), True)
        == "2026年12月12日（星期六）晚上8:00 至 12月13日（星期日）凌晨2:00"
    )
    assert (
        when_words(at.replace(hour=20), datetime(2026, 12, 13, 0, 0, tzinfo=tz), False)
        == "Saturday 12 December 2026, 8:00 pm to midnight"
    )


def test_cli_sets_and_lists_the_community_phone(rs, tmp_path, capsys, monkeypatch):
    import json

    monkeypatch.setenv("OPS_CONSOLE_USER", "admin")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "admin1234")
    url = f"sqlite:///{rs.db.sqlite_path}"
    assert main(["communities", "set-phone", "湖滨", "0571 8700 1234", "--db", url]) == 0
    assert "0571 8700 1234" in capsys.readouterr().out
    assert main(["communities", "list", "--format", "json", "--db", url]) == 0
    rows = {c["name"]: c for c in json.loads(capsys.readouterr().out)}
    assert rows["湖滨"]["phone"] == "0571 8700 1234"
    assert main(["communities", "set-phone", "湖滨", "12345", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "12345" in err and err.count("\n") == 1
    auditor = next(
        rs.accounts.actor(u.username) for u in rs.accounts.list_users(SYSTEM) if u.role == "auditor"
    )
    entries = rs.audit.page(auditor, limit=5)
    assert any(
        e.action == "community.update" and "0571 8700 1234" in (e.after_json or "") for e in entries
    )
