"""The Devices page: model by the book, filters, add/edit/retire dialogs, CSV import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ops_console.ui.models.devices import HEALTH_COL, TAG, DeviceFilterProxy, DeviceTableModel
from ops_console.ui.models.roles import OBJECT_ROLE, SORT_ROLE
from ops_console.ui.pages.devices import DevicesPage


def _page(ctx_for: Any, qtbot: Any, user: str = "admin") -> DevicesPage:
    page = DevicesPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def test_model_sorts_and_filters_with_native_values(demo_services: Any, qtbot: Any) -> None:
    actor = demo_services.accounts.actor("admin")
    rows = demo_services.inventory.list_devices(actor)
    model = DeviceTableModel()
    proxy = DeviceFilterProxy(model)
    model.set_rows(rows)
    assert proxy.rowCount() == len(rows) == 344
    proxy.sort(TAG, Qt.SortOrder.DescendingOrder)
    tags = [proxy.data(proxy.index(r, TAG)) for r in range(proxy.rowCount())]
    assert tags == sorted(tags, reverse=True)
    assert isinstance(proxy.data(proxy.index(0, HEALTH_COL), SORT_ROLE), int)
    proxy.set_filter(community="张江", category="camera")
    assert 0 < proxy.rowCount() < 119
    assert all(
        proxy.data(proxy.index(r, 0), OBJECT_ROLE).community == "张江"
        for r in range(proxy.rowCount())
    )
    proxy.set_filter(text="zj-cam-00")
    narrow = proxy.rowCount()
    proxy.set_filter(text="zj-cam-0")
    assert proxy.rowCount() >= narrow
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Asset tag"


def test_page_filters(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    assert page.proxy.rowCount() == 344
    page.community.setCurrentIndex(page.community.findData("湖滨"))
    assert page.proxy.rowCount() == 121
    qtbot.keyClicks(page.text, "GATE-00")
    qtbot.waitUntil(lambda: page.proxy.rowCount() < 121)
    assert "of 344 devices" in page.count.text()
    page.text.setText("no-such-thing")
    qtbot.waitUntil(lambda: page.body.currentWidget() is page.empty)
    assert "No device matches" in page.empty.title.text()


def test_liaison_sees_own_community_and_no_edit(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot, "chen.jing")
    assert page.proxy.rowCount() == 121
    assert not page.add_button.isVisibleTo(page)


def test_add_edit_retire(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    dialog = page.add_device()
    assert not dialog.is_valid()
    dialog.tag.setText("HB-NEW-1")
    dialog.name.setText("新设备")
    dialog.address.setText("not an address!")
    assert not dialog.save_button.isEnabled()
    assert "Address" in dialog.problems.text()
    dialog.address.setText("127.10.1.250")
    assert dialog.is_valid()
    with qtbot.waitSignal(dialog.finished):
        dialog.save_button.click()
    assert page.model.total() == 345
    page.apply_filters({"text": "HB-NEW-1"})
    assert page.selected().asset_tag == "HB-NEW-1"
    edit = page.edit_device()
    edit.name.setText("改名")
    with qtbot.waitSignal(edit.finished):
        edit.save_button.click()
    page.apply_filters({"text": "HB-NEW-1"})
    assert page.selected().name == "改名"
    retire = page.retire_device()
    assert not retire.ok.isEnabled()
    retire.reason.setText("replaced")
    retire.confirm.setChecked(True)
    with qtbot.waitSignal(retire.finished):
        retire.ok.click()
    page.apply_filters({"text": "HB-NEW-1"})
    assert page.selected().status == "retired"


def test_import_with_errors_lists_every_bad_line(ctx_for: Any, qtbot: Any, tmp_path: Path) -> None:
    from ops_console.services.formats import HEADER

    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(HEADER)
        + "\nX-1,ok,camera,湖滨,,,,,,127.0.0.9,v2c,161,demo-v2c,300,,,normal,in_service"
        + "\nX-2,bad,nosuchcat,湖滨,,,,,,127.0.0.9,v2c,161,demo-v2c,300,,,normal,in_service"
        + "\nX-3,bad,camera,湖滨,,,,,,127.0.0.9,v9,161,demo-v2c,300,,,normal,in_service\n",
        encoding="utf-8",
    )
    page = _page(ctx_for, qtbot)
    wizard = page.import_csv()
    wizard.set_path(bad)
    wizard.next()
    assert wizard.preview_page.table.rowCount() == 3
    assert any("line 4" in p for p in wizard.problems)
    wizard.next()
    text = "\n".join(wizard.problems)
    assert "line 3" in text and "line 4" in text
    assert "Nothing was imported" in wizard.import_page.result.text()
    assert page.model.total() == 344

    good = tmp_path / "good.csv"
    good.write_text(
        bad.read_text(encoding="utf-8").splitlines()[0]
        + "\n"
        + bad.read_text(encoding="utf-8").splitlines()[1]
        + "\n",
        encoding="utf-8",
    )
    wizard2 = page.import_csv()
    wizard2.set_path(good)
    wizard2.next()
    wizard2.next()
    assert wizard2.outcome is not None and wizard2.outcome.created == 1
    assert page.model.total() == 345


def test_export(ctx_for: Any, qtbot: Any, tmp_path: Path, popups: list[str]) -> None:
    page = _page(ctx_for, qtbot)
    page.apply_filters({"community": "科技园"})
    out = tmp_path / "out.csv"
    page.export_to(out)
    assert out.read_text(encoding="utf-8-sig").count("\n") == 105
    assert "Exported 104" in popups[-1]


def test_double_click_opens_detail(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    page.view.selectRow(0)
    with qtbot.waitSignal(page.ctx.events.open_page) as sig:
        page.open_detail()
    assert sig.args[0] == "device_detail"


def test_ctrl_n_adds_a_device(ctx_for: Any, qtbot: Any) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut

    from ops_console.ui.dialogs.device import DeviceDialog

    page = _page(ctx_for, qtbot)
    (shortcut,) = [s for s in page.findChildren(QShortcut) if s.key() == QKeySequence("Ctrl+N")]
    shortcut.activated.emit()
    assert any(d.isVisible() for d in page.findChildren(DeviceDialog))
