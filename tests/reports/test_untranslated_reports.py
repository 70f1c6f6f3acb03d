"""Every report, PDF (read back as text) and CSV, in both languages: nothing untranslated.

In Chinese no identifier-looking ASCII word (``snake_case``, ``dotted.action``, a status code);
in English no Chinese outside the names and words of the demo's data (tests/untranslated.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ops_console.reports import ReportRequest, build_report
from ops_console.reports.api import KINDS

from ..untranslated import read_text, report
from .conftest import demo_available, pdf_text

pytestmark = pytest.mark.skipif(not demo_available(), reason="the demo data is not shipped")

NOV = (date(2026, 11, 1), date(2026, 11, 30))
MESSAGE = {
    "zh_CN": "东门门禁将更换读卡器。",
    "en": "The east gate's card reader will be replaced.",
}
SCOPE = {
    "sla": {"contract": "HB-2026"},
    "notice": {"community": "湖滨"},
    "maintenance": {"community": "湖滨"},
    "availability": {"community": "湖滨"},
}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_report_and_csv_in_the_reader_language(
    demo_services: Any, tmp_path: Path, lang: str
) -> None:
    services = demo_services
    manager = services.accounts.actor("wang.jianguo")
    auditor = services.accounts.actor("zhou.min")
    texts: dict[str, str] = {}
    for kind in KINDS:
        scope: dict[str, Any] = dict(SCOPE.get(kind, {}))
        if kind == "notice":  # the message is the writer's, in the notice's language
            scope["options"] = {"message": MESSAGE[lang]}
        req = ReportRequest(kind, *NOV, lang=lang, **scope)
        pdf, out_csv = tmp_path / f"{kind}-{lang}.pdf", tmp_path / f"{kind}-{lang}.csv"
        who = auditor if kind == "audit" else manager
        r = build_report(services, who, req, pdf, out_csv if kind != "notice" else None)
        texts[f"{kind} PDF"] = pdf_text(r.path)
        if r.csv_path is not None:
            texts[f"{kind} CSV"] = read_text(r.csv_path)
    found = report(texts, lang)
    assert found == [], "\n".join(found)
