"""The maintenance report with --photos: the before/after thumbnails of each work order of the
period, read back from the PDF (text and image count), from the API and the command line."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from ops_console.cli import main
from ops_console.reports import ReportRequest, build_report
from tests.attachment_files import pdf, photo

from .conftest import demo_available, pdf_text

pytestmark = pytest.mark.skipif(not demo_available(), reason="the demo data has not landed")

NOV = (date(2026, 11, 1), date(2026, 11, 30))
NUMBER = "WO-2026-000540"  # a gate of 湖滨, assigned to zhang.wei, created 2026-11-28


def _images(path) -> int:
    return sum(len(page.images) for page in PdfReader(str(path)).pages)


@pytest.fixture
def photographed(rs):
    tech = rs.accounts.actor("zhang.wei")
    w = rs.workorders
    w.attach(tech, NUMBER, "门禁-维修前.jpg", photo(colour="#a33"), kind="before")
    w.attach(tech, NUMBER, "门禁-维修后.jpg", photo(colour="#3a3"), kind="after")
    w.attach(tech, NUMBER, "签字.pdf", pdf(), kind="signoff")  # not a before/after photo
    return NUMBER


def test_photos_per_order_in_both_languages(rs, manager, photographed, tmp_path):
    plain = tmp_path / "plain.pdf"
    r = build_report(rs, manager, ReportRequest("maintenance", *NOV, community="湖滨"), plain)
    assert "photos" not in r.figures and "Before and after photos" not in pdf_text(plain)
    images_plain = _images(plain)
    out = tmp_path / "photos.pdf"
    req = ReportRequest("maintenance", *NOV, community="湖滨", lang="en", options={"photos": "yes"})
    r = build_report(rs, manager, req, out)
    assert r.figures["photos"] == {NUMBER: 2} and r.figures["photo_orders"] == 1
    text = pdf_text(out)
    assert "Before and after photos" in text
    assert NUMBER in text.split("Before and after photos")[1]
    assert "Before · 门禁-维修前.jpg" in text and "After · 门禁-维修后.jpg" in text
    assert "签字.pdf" not in text
    assert _images(out) == images_plain + 2
    zh = tmp_path / "photos-zh.pdf"
    req = ReportRequest(
        "maintenance", *NOV, community="湖滨", lang="zh_CN", options={"photos": "yes"}
    )
    build_report(rs, manager, req, zh)
    text = pdf_text(zh)
    assert "维修前后照片" in text and "维修前 · 门禁-维修前.jpg" in text


def test_a_period_without_photos_says_so(rs, manager, tmp_path):
    out = tmp_path / "none.pdf"
    req = ReportRequest("maintenance", *NOV, community="湖滨", lang="en", options={"photos": "yes"})
    r = build_report(rs, manager, req, out)
    assert r.figures["photos"] == {}
    assert "No before or after photos were attached" in pdf_text(out)


def test_cli_photos(rs, photographed, auditor_signed_in, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    url = f"sqlite:///{rs.db.sqlite_path}"
    code = main(["report", "maintenance", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--community", "湖滨", "--lang", "en", "--photos", "--out", str(out),
                 "--db", url])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "Before · 门禁-维修前.jpg" in pdf_text(out)
