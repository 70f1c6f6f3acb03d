"""Attachments in the work-order detail, driven offscreen: attach a photo and a PDF, their
thumbnails shown, in the timeline, opened full size on double-click, audited; refusals shown
in words with nothing kept; the auditor cannot attach."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ops_console.ui.i18n import set_language
from ops_console.ui.pages.workorders import WorkOrdersPage
from ops_console.ui.tasks import SyncRunner, Task, TaskControl
from tests.attachment_files import pdf, photo

NUMBER = "WO-2026-000540"  # assigned to the technician zhang.wei in the demo


def _hold(ctx: Any) -> list[tuple[Any, Any, Any, Any]]:
    """Make ``ctx``'s runner keep its tasks (function, success, failure, name) unrun."""
    held: list[tuple[Any, Any, Any, Any]] = []

    class Held(SyncRunner):
        def run(self, fn: Any, *, success: Any = None, failure: Any = None, **kw: Any) -> Task:
            held.append((fn, success, failure, kw.get("name")))
            return Task("held")

    ctx.runner = Held()
    return held


def _page(ctx: Any, qtbot: Any) -> WorkOrdersPage:
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    page.activate()
    page.status.setCurrentIndex(page.status.findData(""))
    page.select(NUMBER)
    assert page.info.number == NUMBER
    return page


def _attach(page: WorkOrdersPage, path: Path, kind: str) -> None:
    page.files.kind.setCurrentIndex(page.files.kind.findData(kind))
    page.files.attach(path)


def _timeline(page: WorkOrdersPage) -> list[str]:
    return [page.timeline.item(i).text() for i in range(page.timeline.count())]


def test_attach_show_open_and_audit(ctx_for: Any, qtbot: Any, tmp_path: Path) -> None:
    ctx = ctx_for("zhang.wei")
    page = _page(ctx, qtbot)
    files = page.files
    assert files.list.count() == 0 and files.empty.isVisible()
    assert files.attach_button.isEnabled()
    jpeg = tmp_path / "门禁-维修前.jpg"
    jpeg.write_bytes(photo(size=(1024, 768)))
    signed = tmp_path / "签字确认.pdf"
    signed.write_bytes(pdf())
    _attach(page, jpeg, "before")
    _attach(page, signed, "signoff")
    assert [a.file_name for a in page.info.attachments] == ["门禁-维修前.jpg", "签字确认.pdf"]
    assert files.list.isVisible() and not files.empty.isVisible()
    assert [files.list.item(i).text() for i in range(files.list.count())] == [
        "门禁-维修前.jpg",
        "签字确认.pdf",
    ]
    photo_id, pdf_id = (a.id for a in page.info.attachments)
    assert files.thumbnail_shown(photo_id) and files.thumbnail_shown(pdf_id)
    lines = _timeline(page)
    assert any("张伟: attached Before the repair 门禁-维修前.jpg" in t for t in lines), lines
    assert any("attached Resident's sign-off 签字确认.pdf" in t for t in lines)
    # double-click opens the photo at its own size
    rect = files.list.visualItemRect(files.list.item(0))
    # a real double-click: press and release, then the double-click
    qtbot.mouseClick(files.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(files.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = files.viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.file is not None and viewer.file.content == jpeg.read_bytes()
    assert viewer.pages[0].pixmap().size().toTuple() == (1024, 768)
    viewer.close()
    # and the PDF's page, drawn by PDFium
    viewer = files.open_item(files.list.item(1))
    assert viewer is not None and len(viewer.pages) == 1
    assert not viewer.pages[0].pixmap().isNull() and viewer.pages[0].pixmap().height() > 800
    copy = tmp_path / "copy.pdf"
    viewer.save_to(copy)
    assert copy.read_bytes() == signed.read_bytes()
    assert "Saved" in viewer.status.text()
    # the copy is written in the background: the click itself writes nothing
    held = _hold(viewer.ctx)
    later = tmp_path / "later.pdf"
    viewer.save_to(later)
    assert [name for _fn, _ok, _bad, name in held] == ["save copy"] and not later.exists()
    fn, ok, _bad, _name = held.pop()
    ok(fn(TaskControl()))
    assert later.read_bytes() == signed.read_bytes() and str(later) in viewer.status.text()
    # a folder that cannot be written: the reason in the dialog, nothing left behind
    viewer.save_to(tmp_path / "missing" / "x.pdf")
    fn, _ok, bad, _name = held.pop()
    try:
        fn(TaskControl())
    except Exception as exc:  # what the runner hands to the failure callback
        bad(exc)
    assert "cannot write" in viewer.status.text()
    assert not (tmp_path / "missing").exists()
    viewer.close()
    auditor = ctx.services.accounts.actor("admin")
    entries = [
        json.loads(e.after_json)
        for e in ctx.services.audit.page(auditor, entity="work_order")
        if e.action == "workorder.attach" and e.entity_id == NUMBER and e.actor == "zhang.wei"
    ]
    assert sorted(e["file"] for e in entries) == ["签字确认.pdf", "门禁-维修前.jpg"]


def test_refusals_are_shown_and_nothing_is_kept(
    ctx_for: Any, qtbot: Any, tmp_path: Path, popups: list[str]
) -> None:
    ctx = ctx_for("zhang.wei")
    page = _page(ctx, qtbot)
    notes = tmp_path / "notes.txt"
    notes.write_text("门禁坏了", "utf-8")
    page.files.attach(notes)
    assert popups and "notes.txt is not a photo (JPEG, PNG, HEIC) or a PDF" in popups[-1]
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(photo()[:2500])
    set_language("zh_CN")
    page.files.attach(cut)
    assert "cut.jpg 不是可读的图片" in popups[-1], popups[-1]
    assert page.files.attach_button.isEnabled()  # given back after the refusal
    assert ctx.services.workorders.attachments(ctx.actor, NUMBER) == []
    assert page.files.list.count() == 0


def test_the_auditor_reads_but_cannot_attach(ctx_for: Any, qtbot: Any, tmp_path: Path) -> None:
    tech = ctx_for("zhang.wei")
    jpeg = tmp_path / "after.jpg"
    jpeg.write_bytes(photo())
    tech.services.workorders.attach_file(tech.actor, NUMBER, jpeg, kind="after")
    ctx = ctx_for("zhou.min")  # the auditor
    page = _page(ctx, qtbot)
    assert page.files.list.count() == 1 and not page.files.attach_button.isEnabled()
    assert page.files.thumbnail_shown(page.info.attachments[0].id)
    assert page.files.choose_file() is None


def test_the_reports_page_asks_for_photos_on_the_maintenance_report(
    ctx_for: Any, qtbot: Any
) -> None:
    from ops_console.ui.pages.reports import ReportsPage

    page = ReportsPage(ctx_for("li.hong"))
    qtbot.addWidget(page)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("sla"))
    assert not page.photos.isVisible()
    page.photos.setChecked(True)
    assert page.request().options == {}  # only the maintenance report prints photos
    page.kind.setCurrentIndex(page.kind.findData("maintenance"))
    assert page.photos.isVisible()
    assert page.request().options == {"photos": "yes"}


def test_the_size_limit_is_the_installations_setting(
    ctx_for: Any, qtbot: Any, tmp_path: Path, popups: list[str]
) -> None:
    """An administrator saves the limit on the Settings page for every seat; a technician's
    Settings page shows it without letting them change it, and their attach applies it."""
    from ops_console.ui.pages.settings import SettingsPage
    from tests.attachment_files import noisy_photo

    admin_page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(admin_page)
    assert admin_page.attachment_mb.value() == 10 and admin_page.attachment_mb.isEnabled()
    admin_page.attachment_mb.setValue(1)
    admin_page.save_attachment_limit()
    assert "1 MB" in admin_page.attachment_status.text()
    ctx = ctx_for("zhang.wei")
    assert ctx.services.workorders.attachment_max_mb() == 1
    tech_settings = SettingsPage(ctx)
    qtbot.addWidget(tech_settings)
    assert tech_settings.attachment_mb.value() == 1
    assert not tech_settings.attachment_mb.isEnabled()
    assert not tech_settings.save_attachment_mb.isEnabled()
    page = _page(ctx, qtbot)
    big = tmp_path / "big.png"
    big.write_bytes(noisy_photo(1.2))
    page.files.attach(big)
    assert popups and "over the limit of 1 MB per file" in popups[-1], popups
    assert ctx.services.workorders.attachments(ctx.actor, NUMBER) == []


def test_the_settings_page_reads_the_size_limit_in_the_background(
    demo_services: Any, qtbot: Any
) -> None:
    """No statement from the GUI thread when the page is built (three round trips of a
    remote database); the limit shows, and may be saved, once the read came back."""
    from sqlalchemy import event

    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.pages.settings import SettingsPage
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import SyncRunner, Task, TaskControl

    held: list[tuple[Any, Any]] = []

    class Held(SyncRunner):  # keeps the background reads to run them when the test says
        def run(self, fn: Any, *, success: Any = None, **kw: Any) -> Task:
            held.append((fn, success, kw.get("name")))
            return Task("held")

    sql: list[str] = []
    engine = demo_services.db.engine
    listener = lambda *a: sql.append(a[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        actor = demo_services.accounts.actor("admin")
        sql.clear()  # the test's own sign-in above; from here on, the page's
        ctx = UiContext(demo_services, actor, Held(), AppEvents(), open_settings())
        page = SettingsPage(ctx)
        qtbot.addWidget(page)
        assert sql == [], sql  # the limit, the communities and the users are read in the pool
        assert not page.attachment_mb.isEnabled() and not page.save_attachment_mb.isEnabled()
        assert page.community.count() == 0 and not page.save_phone.isEnabled()
        assert page.users.topLevelItemCount() == 0
        reads = {"attachment-limit-read", "settings-communities", "settings-users"}
        for fn, success, _name in [h for h in held if h[2] in reads]:
            success(fn(TaskControl()))
        assert page.attachment_mb.value() == 10 and page.save_attachment_mb.isEnabled()
        communities = demo_services.accounts.list_communities(actor)
        assert page.community.count() == len(communities) > 0 and page.save_phone.isEnabled()
        assert page.community_phone.text() == (communities[0].phone or "")
        users = demo_services.accounts.list_users(actor)
        assert page.users.topLevelItemCount() == len(users) > 0
    finally:
        event.remove(engine, "before_cursor_execute", listener)
