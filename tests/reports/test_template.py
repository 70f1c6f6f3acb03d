"""The shared template: embedded Chinese font, page N of M, repeated table headers, CSV, masking."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ops_console.paths import resources_dir
from ops_console.reports.fonts import report_font
from ops_console.reports.masking import mask_name, mask_phone, scrub
from ops_console.reports.output import CsvTable, write_csv
from ops_console.reports.template import (
    PageInfo,
    Styles,
    bar_chart,
    data_table,
    line_chart,
    render_pdf,
)


def _info() -> PageInfo:
    return PageInfo(
        title="测试报告",
        scope="湖滨",
        period="2026-11-01 至 2026-11-30",
        generated_at="2026-11-29 09:00",
        generated_by="王经理 (wang)",
        page_of="第 {page} 页 / 共 {pages} 页",
        footer="智慧社区运维平台",
        app="Ops Console",
    )


def test_the_shipped_font_is_used_and_embedded():
    font = report_font()
    assert font.embedded
    assert font.path == resources_dir() / "fonts" / "wqy-microhei.ttc"
    assert (resources_dir() / "fonts" / "LICENSE-wqy-microhei.txt").is_file()


def test_long_table_repeats_its_header_and_pages_are_numbered():
    st = Styles()
    rows = [(i, f"湖滨-门禁-{i:03d}", f"{i * 1.5:.1f}") for i in range(1, 201)]
    story = [
        data_table(["序号", "设备名称", "分钟"], rows, st, numeric=(0, 2)),
        bar_chart(["第1周", "第2周"], [("工单", [3, 5])], title="趋势", font=st.font),
        line_chart(["第1周", "第2周"], [("达标率", [90.0, 95.5])], title="达标率", font=st.font),
    ]
    buf = io.BytesIO()
    pages = render_pdf(buf, story, _info())
    reader = PdfReader(io.BytesIO(buf.getvalue()))
    assert pages == len(reader.pages) >= 3
    for n, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"第 {n} 页 / 共 {pages} 页" in text
        assert "测试报告" in text and "湖滨" in text
    table_pages = [p.extract_text() for p in reader.pages if "湖滨-门禁-" in p.extract_text()]
    assert len(table_pages) >= 2 and all("设备名称" in t for t in table_pages)
    assert "湖滨-门禁-200" in reader.pages[-1].extract_text() or any(
        "湖滨-门禁-200" in t for t in table_pages
    )


def test_csv_is_utf8_with_bom_and_sections(tmp_path):
    path = tmp_path / "t.csv"
    n = write_csv(
        path,
        [
            CsvTable("甲", ["社区", "数量"], [("湖滨", 3)]),
            CsvTable("乙", ["a"], iter([(1,), (2,)])),
        ],
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and n == 3
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[:3] == ["# 甲", "社区,数量", "湖滨,3"]
    assert not list(tmp_path.glob(".*partial"))


def test_masking():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_name("张三") == "张*" and mask_name("欧阳娜娜") == "欧***"
    assert (
        scrub("住户13812345678报修，电话 021-12345678") == "住户138****5678报修，电话 021-****5678"
    )


def test_fit_cuts_long_cells_to_the_width_with_an_ellipsis():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ops_console.reports.fonts import report_font
    from ops_console.reports.template import _fit

    font = report_font().name
    text = "HB-GATE-007 湖滨-东门-人脸门禁-01 (a long device name)"
    width = 30 * 2.8346  # 30 mm in points
    cut = _fit(text, width, font, 6.8)
    assert cut.endswith("…") and text.startswith(cut[:-1])
    assert stringWidth(cut, font, 6.8) <= width
    # one more character would not have fitted
    assert stringWidth(text[: len(cut)] + "…", font, 6.8) > width
    assert _fit("short", width, font, 6.8) == "short"


def test_text_width_is_reportlabs_width_of_the_whole_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ops_console.reports.template import text_width

    font = report_font().name
    for text in ("12,345.67", "湖滨社区居民委员会 HB-GATE-007", "", "…"):
        assert abs(text_width(text, font, 6.8) - stringWidth(text, font, 6.8)) < 1e-6
