"""No OS keyring: the console says so and asks for the encrypted store's passphrase."""

from __future__ import annotations

from typing import Any

import keyring
from keyring.backends import fail
from PySide6.QtWidgets import QLabel

from ops_console import secrets
from ops_console.ui.dialogs.passphrase import PassphraseDialog
from ops_console.ui.launch import ask_passphrase
from ops_console.ui.pages.settings import SettingsPage


def _no_keyring(monkeypatch: Any) -> None:
    monkeypatch.delenv("OPS_CONSOLE_KEYRING_PASSPHRASE", raising=False)
    secrets.use_backend(fail.Keyring())  # what keyring resolves on a headless machine
    assert keyring.get_keyring().__class__ is fail.Keyring


def _texts(widget: Any) -> str:
    return "\n".join(w.text() for w in widget.findChildren(QLabel))


def test_settings_say_there_is_no_os_keyring_and_the_dialog_unlocks_the_file(
    ctx_for: Any, qtbot: Any, monkeypatch: Any
) -> None:
    _no_keyring(monkeypatch)
    ctx = ctx_for("admin")
    ctx.services.__dict__["secrets"] = secrets.SecretStore()  # real resolution, no memory store
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    shown = _texts(page)
    assert "No — none is usable on this machine (keyring.backends.fail.Keyring)" in shown
    assert "No OS keyring is available on this machine" in shown
    assert "ChainerBackend" not in shown
    page.tabs.setCurrentIndex(page.tab_keys().index("keyring"))
    page.ask_passphrase()
    dialog = page.passphrase_dialog
    assert dialog.first_time and not dialog.ok.isEnabled()
    dialog.passphrase.setText("short")
    assert "at least 8 characters" in dialog.error.text() and not dialog.ok.isEnabled()
    dialog.passphrase.setText("a long passphrase")
    dialog.again.setText("a long passphrasf")
    assert "differ" in dialog.error.text() and not dialog.ok.isEnabled()
    dialog.again.setText("a long passphrase")
    assert dialog.is_valid()
    dialog.ok.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "encrypted file" in dialog.where
    ctx.services.secrets.field_key()  # secrets can be stored now
    shown = _texts(page)
    assert "Usable:" in shown and "secrets are kept in the encrypted file" in shown
    assert "No — none is usable on this machine" in shown  # still not an OS keyring


def test_a_wrong_passphrase_is_refused_and_nothing_changes(
    services: Any, qtbot: Any, monkeypatch: Any
) -> None:
    _no_keyring(monkeypatch)
    first = secrets.SecretStore()
    first.unlock("the right passphrase")
    key = first.field_key()
    store = secrets.SecretStore()
    dialog = PassphraseDialog(store, str(store.store_file()), first_time=False)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.passphrase.setText("the wrong one")
    dialog.ok.click()
    assert dialog.isVisible() and "does not open" in dialog.error.text()
    assert store.needs_passphrase() and dialog.passphrase.text() == ""
    dialog.passphrase.setText("the right passphrase")
    dialog.ok.click()
    assert not dialog.isVisible() and store.field_key(create=False) == key


def test_start_up_asks_only_when_there_is_neither_keyring_nor_passphrase(
    services: Any, monkeypatch: Any
) -> None:
    opened: list[PassphraseDialog] = []
    monkeypatch.setattr(PassphraseDialog, "exec", lambda self: opened.append(self) or 0)
    ask_passphrase(services)  # the memory store of the tests: nothing to ask
    assert opened == []
    _no_keyring(monkeypatch)
    services.__dict__["secrets"] = secrets.SecretStore()
    ask_passphrase(services)
    assert len(opened) == 1 and opened[0].first_time
