"""First start from an installer: the first-run dialog, then the sign-in; no demo unless chosen."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from ops_console.app import needs_setup
from ops_console.db.engine import Database
from ops_console.services.container import Services
from ops_console.ui import launch
from ops_console.ui import settings as ui_settings
from ops_console.ui.dialogs import first_run, login
from ops_console.ui.dialogs.first_run import FirstRunDialog
from ops_console.ui.i18n import set_language
from ops_console.ui.tasks import SyncRunner


def dialog_for(tmp_path: Path, qtbot: Any) -> FirstRunDialog:
    dialog = FirstRunDialog(f"sqlite:///{tmp_path / 'ops.db'}", runner=SyncRunner())
    qtbot.addWidget(dialog)
    return dialog


def test_creates_the_database_and_admin_without_the_demo(tmp_path: Path, qtbot: Any) -> None:
    dialog = dialog_for(tmp_path, qtbot)
    assert dialog.use_sqlite.isChecked() and not dialog.demo.isChecked()
    assert not dialog.ok.isEnabled()  # no password yet
    dialog.password.setText("long-enough-pw")
    dialog.repeat.setText("long-enough-pX")
    assert not dialog.ok.isEnabled()
    assert "the two entries differ" in dialog.problems.text()
    dialog.repeat.setText("long-enough-pw")
    assert dialog.ok.isEnabled() and dialog.problems.text() == ""
    dialog.ok.click()
    assert dialog.outcome is not None and dialog.outcome.admin == "admin"
    assert dialog.outcome.demo_loaded is False
    assert dialog.isHidden()  # accepted
    services = Services(Database(dialog.database_url()))
    actor = services.accounts.authenticate("admin", "long-enough-pw")
    assert services.accounts.list_communities(actor) == []
    services.close()


def test_an_unreachable_postgresql_keeps_every_field(tmp_path: Path, qtbot: Any) -> None:
    dialog = dialog_for(tmp_path, qtbot)
    dialog.show()
    dialog.use_pg.setChecked(True)
    assert not dialog.ok.isEnabled()  # no URL yet
    dialog.pg_url.setText("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    dialog.test_button.click()
    assert dialog.db_result.text().startswith("✘ cannot reach the database")
    dialog.password.setText("long-enough-pw")
    dialog.repeat.setText("long-enough-pw")
    dialog.ok.click()
    assert dialog.outcome is None and dialog.isVisible()
    assert dialog.db_result.text().startswith("✘ cannot reach the database")
    assert dialog.password.text() == "long-enough-pw" and dialog.ok.isEnabled()


def test_problems_read_in_chinese(tmp_path: Path, qtbot: Any) -> None:
    set_language("zh_CN")
    dialog = dialog_for(tmp_path, qtbot)
    dialog.username.setText("bad name!")
    dialog.password.setText("short")
    assert dialog.windowTitle() != "Set up Ops Console"
    problems = dialog.problems.text()
    assert "bad name!" in problems and "8" in problems
    assert "characters" not in problems and "use letters" not in problems


def test_an_empty_database_opens_the_first_run_then_the_sign_in(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    shown: list[str] = []

    def first_run_exec(self: FirstRunDialog) -> int:
        shown.append("first run")
        self.runner = SyncRunner()
        self.password.setText("long-enough-pw")
        self.repeat.setText("long-enough-pw")
        self.start_setup()
        return int(self.result())

    def login_exec(self: login.LoginDialog) -> int:
        shown.append("sign in")
        assert not self.hint.isVisibleTo(self)  # no demo, so no demo hint
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(first_run.FirstRunDialog, "exec", first_run_exec)
    monkeypatch.setattr(login.LoginDialog, "exec", login_exec)
    assert launch.run(argparse.Namespace(db=url)) == 0
    assert shown == ["first run", "sign in"]
    assert not needs_setup(Database(url))
    assert ui_settings.get(ui_settings.open_settings(), "database_url") == url
    # the second start goes straight to the sign-in
    shown.clear()
    assert launch.run(argparse.Namespace(db=url)) == 0
    assert shown == ["sign in"]
