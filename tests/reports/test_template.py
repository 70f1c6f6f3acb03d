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


def test_wrap_lines_never_cuts_and_keeps_punctuation_off_the_line_start():
    from ops_console.reports.template import text_width, wrap_lines

    font = report_font().name
    width = 30 * 2.8346  # 30 mm in points
    text = "Assignee, Override reason, Status, Community, Contract, Resident contact"
    lines = wrap_lines(text, width, font, 8)
    assert len(lines) > 1 and " ".join(lines) == text  # broken at spaces, nothing lost
    assert all(text_width(line, font, 8) <= width for line in lines)
    zh = "平均修复时长（小时，自然时间），含挂起；不含维护窗口。"
    for w in (40.0, 45.0, 50.0, 55.0, 60.0):
        lines = wrap_lines(zh, w, font, 8)
        assert "".join(lines) == zh
        assert not any(line[0] in "，。；）" for line in lines[1:]), lines
    assert wrap_lines("a\nb", width, font, 8) == ("a", "b")


def test_long_table_rows_wrap_across_pages_without_losing_a_row():
    st = Styles()
    rows = [
        (i, f"WO-2026-{i:06d}", "Assignee, Override reason, Status, Community, Resident contact")
        for i in range(1, 301)
    ]
    buf = io.BytesIO()
    pages = render_pdf(
        buf,
        [data_table(["#", "Object", "Fields"], rows, st, widths=[40, 80, 90], wrap=(1, 2))],
        _info(),
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(buf.getvalue())).pages)
    assert pages > 3 and "…" not in text
    assert all(f"WO-2026-{i:06d}" in text for i in range(1, 301))
    assert text.count("Resident") == 300 and text.count("Override") == 300


def test_chinese_paragraphs_never_start_a_line_with_a_comma():
    from reportlab.platypus import Paragraph

    st = Styles()
    texts = (
        "平均修复时长(小时，自然时间)",
        "费用为登记的备件数量，人工按工时折算为小时；未登记单价：无？",
        "自工单创建至最后一次“已解决”的工作时间，并扣除“已解决”至“重新打开”之间的时间",
    )
    for text in texts:
        for width in range(30, 120, 2):
            p = Paragraph(text, st.head_cell)
            p.wrap(width, 1000)
            lines = ["".join(w for w in line[1]) for line in p.blPara.lines]
            assert "".join(lines) == text
            assert not any(line[0] in "，；：？”" for line in lines[1:]), (width, lines)


def test_text_width_is_reportlabs_width_of_the_whole_line():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ops_console.reports.template import text_width

    font = report_font().name
    for text in ("12,345.67", "湖滨社区居民委员会 HB-GATE-007", "", "…"):
        assert abs(text_width(text, font, 6.8) - stringWidth(text, font, 6.8)) < 1e-6
