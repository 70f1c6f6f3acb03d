"""The Settings page: database, language, appearance, keyring status, users, about."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ... import __version__
from ...services.accounts.service import CommunityInfo, UserInfo
from ...services.workorders import MAX_MB_RANGE
from .. import settings as ui_settings
from .. import style
from ..context import UiContext
from ..db_probe import probe_database
from ..i18n import (
    LANGUAGES,
    ROLES,
    current_language,
    error_text,
    label,
    set_language,
    tr,
)
from ..widgets import label as make_label
from ..widgets import local
from .base import Page, list_tree

T = TypeVar("T")


class SettingsPage(Page):
    key = "settings"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.add_header()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Settings sections"))
        self._keys: list[str] = []
        self._add_tab("appearance", self._appearance(), tr("General"))
        self._add_tab("database", self._database(), tr("Database"))
        self._add_tab("keyring", self._keyring(), tr("Secrets"))
        if ctx.actor.can("community.write"):
            self._add_tab("communities", self._communities(), tr("Communities"))
        if ctx.actor.can("users.write"):
            self._add_tab("users", self._users(), tr("Users"))
        self._add_tab("about", self._about(), tr("About"))
        self.outer.addWidget(self.tabs, 1)

    def _add_tab(self, key: str, widget: QWidget, title: str) -> None:
        self._keys.append(key)
        self.tabs.addTab(widget, title)

    def tab_keys(self) -> list[str]:
        return list(self._keys)

    # language and appearance -----------------------------------------------------------
    def _appearance(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setSpacing(12)
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language"))
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.currentIndexChanged.connect(
            lambda _i: self.switch_language(self.language.currentData())
        )
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(tr("Language:"), self.language)
        s = self.ctx.settings
        self.large_font = QCheckBox(tr("Large text (easier to read)"))
        self.large_font.setChecked(ui_settings.get(s, "large_font"))
        self.high_contrast = QCheckBox(tr("High-contrast colours"))
        self.high_contrast.setChecked(ui_settings.get(s, "high_contrast"))
        self.notifications = QCheckBox(
            tr("Tray notifications for P1 alarms, dead pollers and SLA breaches")
        )
        self.notifications.setChecked(ui_settings.get(s, "notifications"))
        self.care_sound = QCheckBox(tr("Beep when an SOS or fall alert arrives"))
        self.care_sound.setChecked(ui_settings.get(s, "care_sound"))
        for box in (self.large_font, self.high_contrast, self.notifications, self.care_sound):
            box.toggled.connect(self.apply_appearance)
            form.addRow("", box)
        self.poller_in_app = QCheckBox(tr("Run the poller inside this console"))
        self.poller_in_app.setToolTip(
            tr("Off when a headless poller ('ops-console poll') writes to the same database.")
        )
        self.poller_in_app.setEnabled(self.ctx.poller is not None and self.ctx.poller.may_run)
        self.poller_in_app.setChecked(
            self.ctx.poller is not None
            and (self.ctx.poller.state.running or ui_settings.get(s, "poller_in_app"))
        )
        self.poller_in_app.toggled.connect(self.set_poller)
        form.addRow(tr("Polling:"), self.poller_in_app)
        self.in_flight = QSpinBox()
        self.in_flight.setAccessibleName(tr("Concurrent polls"))
        self.in_flight.setRange(*ui_settings.IN_FLIGHT_RANGE)
        self.in_flight.setSingleStep(10)
        self.in_flight.setValue(int(ui_settings.poller_options(s)["max_in_flight"]))
        self.in_flight.setToolTip(
            tr(
                "How many devices this console's poller asks at once; dead devices never hold up "
                "the living."
            )
        )
        self.in_flight.valueChanged.connect(
            lambda v: ui_settings.put(self.ctx.settings, "poller_in_flight", int(v))
        )
        form.addRow(tr("Concurrent polls:"), self.in_flight)
        self.traps = QCheckBox(tr("Receive traps and informs on UDP port"))
        self.traps.setChecked(ui_settings.get(s, "poller_traps"))
        self.trap_port = QSpinBox()
        self.trap_port.setAccessibleName(tr("Trap port"))
        self.trap_port.setRange(1, 65535)
        self.trap_port.setValue(ui_settings.get(s, "poller_trap_port"))
        self.trap_port.setEnabled(self.traps.isChecked())
        self.trap_port.setToolTip(
            tr(
                "Ports below 1024 need administrator rights; 1162 is the usual choice. Leave it "
                "off when a headless poller on this computer receives the traps."
            )
        )
        self.traps.toggled.connect(self._traps_changed)
        self.trap_port.valueChanged.connect(
            lambda v: ui_settings.put(self.ctx.settings, "poller_trap_port", int(v))
        )
        trap_row = QHBoxLayout()
        trap_row.addWidget(self.traps)
        trap_row.addWidget(self.trap_port)
        trap_row.addStretch(1)
        form.addRow(tr("Traps:"), trap_row)
        form.addRow(tr("Largest attachment:"), self._attachment_limit())
        hint = QLabel(tr("Poller settings apply the next time the poller starts."))
        hint.setProperty("role", "muted")
        form.addRow("", hint)
        return w

    def _attachment_limit(self) -> QHBoxLayout:
        """The installation's attachment size limit (setting attachments.max_mb): the same
        for every seat, so an administrator saves it to the database (audited); others see
        it. It is read in the background (on the GUI thread it held the page's opening for
        three round trips, 99-139 ms through a 30 ms link): until then nobody may save."""
        self.attachment_mb = QSpinBox()
        self.attachment_mb.setAccessibleName(tr("Largest photo or PDF to attach"))
        self.attachment_mb.setRange(*MAX_MB_RANGE)
        self.attachment_mb.setSuffix(tr(" MB"))
        self.save_attachment_mb = QPushButton(tr("Save for every seat"))
        self.save_attachment_mb.clicked.connect(self.save_attachment_limit)
        may = self.ctx.actor.can("settings.write")
        self.attachment_status = make_label("")
        for widget in (self.attachment_mb, self.save_attachment_mb):
            widget.setEnabled(False)
            widget.setToolTip(
                tr("An installation setting (attachments.max_mb), the same for every seat.")
                if may
                else tr("An administrator sets it for the whole installation.")
            )
        wo = self.ctx.services.workorders

        def read(mb: int) -> None:
            if not isValid(self.attachment_mb):  # the page was rebuilt meanwhile
                return
            self.attachment_mb.setValue(mb)
            for widget in (self.attachment_mb, self.save_attachment_mb):
                widget.setEnabled(may)

        def failed(exc: Exception) -> None:
            if isValid(self.attachment_status):
                self.attachment_status.setText(error_text(exc))

        self.ctx.runner.run(
            lambda _c: wo.attachment_max_mb(),
            success=read,
            failure=failed,
            name="attachment-limit-read",
        )
        row = QHBoxLayout()
        row.addWidget(self.attachment_mb)
        row.addWidget(self.save_attachment_mb)
        row.addWidget(self.attachment_status, 1)
        return row

    def save_attachment_limit(self) -> None:
        """Save the attachment size limit for the installation in the background (audited)."""
        wo, actor, value = self.ctx.services.workorders, self.ctx.actor, self.attachment_mb.value()
        self.save_attachment_mb.setEnabled(False)

        def saved(mb: object) -> None:
            self.save_attachment_mb.setEnabled(True)
            self.attachment_status.setText(
                tr("Saved: every seat refuses a file over {n} MB.").format(n=mb)
            )

        def failed(exc: Exception) -> None:
            self.save_attachment_mb.setEnabled(True)
            self.attachment_status.setText(error_text(exc))

        self.ctx.runner.run(
            lambda _c: wo.set_attachment_max_mb(actor, str(value)),
            success=saved,
            failure=failed,
            name="attachment-limit",
        )

    def _traps_changed(self, on: bool) -> None:
        ui_settings.put(self.ctx.settings, "poller_traps", bool(on))
        self.trap_port.setEnabled(on)

    def set_poller(self, on: bool) -> None:
        """Start or stop the in-app poller now and remember the choice."""
        ui_settings.put(self.ctx.settings, "poller_in_app", bool(on))
        poller = self.ctx.poller
        if poller is None:
            return
        if on:
            poller.start()
        else:
            poller.stop()

    def switch_language(self, lang: str) -> None:
        """Switch the UI language now; every page is rebuilt in the new language."""
        if not set_language(lang):
            self.ctx.events.message.emit(tr("The translation {lang} is missing.").format(lang=lang))
            return
        ui_settings.put(self.ctx.settings, "language", lang)
        self.ctx.events.language_changed.emit()

    def apply_appearance(self) -> None:
        s = self.ctx.settings
        ui_settings.put(s, "large_font", self.large_font.isChecked())
        ui_settings.put(s, "high_contrast", self.high_contrast.isChecked())
        ui_settings.put(s, "notifications", self.notifications.isChecked())
        ui_settings.put(s, "care_sound", self.care_sound.isChecked())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply(
                app, high_contrast=self.high_contrast.isChecked(), large=self.large_font.isChecked()
            )
        self.ctx.events.appearance_changed.emit()

    # database ------------------------------------------------------------------------
    def _database(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addWidget(
            make_label(
                tr("In use now: {db}").format(db=self.ctx.services.db.display_url), wrap=True
            )
        )
        self.use_sqlite = QRadioButton(tr("Embedded SQLite file (one computer)"))
        self.use_pg = QRadioButton(tr("PostgreSQL server (several people and pollers)"))
        group = QButtonGroup(w)
        group.addButton(self.use_sqlite)
        group.addButton(self.use_pg)
        url = str(ui_settings.get(self.ctx.settings, "database_url") or "")
        (self.use_pg if url.startswith("postgresql") else self.use_sqlite).setChecked(True)
        self.sqlite_path = QLineEdit(url[len("sqlite:///") :] if url.startswith("sqlite") else "")
        self.sqlite_path.setPlaceholderText(tr("Default file in the data folder"))
        self.sqlite_path.setAccessibleName(tr("SQLite file"))
        self.pg_url = QLineEdit(url if url.startswith("postgresql") else "")
        self.pg_url.setPlaceholderText("postgresql+psycopg://user:password@host:5432/ops")
        self.pg_url.setAccessibleName(tr("PostgreSQL URL"))
        form = QFormLayout()
        form.addRow(self.use_sqlite)
        form.addRow(tr("File:"), self.sqlite_path)
        form.addRow(self.use_pg)
        form.addRow(tr("URL:"), self.pg_url)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton(tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.save_db = QPushButton(tr("Use at next start"))
        self.save_db.clicked.connect(self.save_database)
        row.addWidget(self.test_button)
        row.addWidget(self.save_db)
        row.addStretch(1)
        layout.addLayout(row)
        self.db_result = make_label("", wrap=True)
        self.db_result.setAccessibleName(tr("Connection test result"))
        layout.addWidget(self.db_result)
        layout.addStretch(1)
        return w

    def database_url(self) -> str:
        if self.use_pg.isChecked():
            return self.pg_url.text().strip()
        path = self.sqlite_path.text().strip()
        return f"sqlite:///{path}" if path else ""

    def test_connection(self) -> None:
        url = self.database_url() or str(self.ctx.services.db.url)
        probe_database(self.ctx.runner, url, self.db_result.setText)

    def save_database(self) -> None:
        ui_settings.put(self.ctx.settings, "database_url", self.database_url())
        self.db_result.setText(tr("Saved: the console uses it from the next start."))

    # secrets -------------------------------------------------------------------------
    def _keyring(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        try:
            store = self.ctx.services.secrets
            st = store.status()
            form.addRow(tr("Backend:"), make_label(st.backend_name))
            form.addRow(
                tr("OS keyring:"),
                make_label(
                    tr("Yes")
                    if st.os_keyring
                    else tr("No — none is usable on this machine ({found})").format(
                        found=st.found or "?"
                    )
                ),
            )
            form.addRow(
                tr("Secure:"),
                make_label(tr("Yes") if st.is_secure else tr("No — secrets are not protected")),
            )
            form.addRow(tr("Usable:"), make_label(tr("Yes") if st.usable else tr("No")))
            form.addRow(tr("Details:"), make_label(st.message, wrap=True))
            if store.needs_passphrase():
                unlock = QPushButton(tr("Enter the passphrase…"))
                unlock.clicked.connect(self.ask_passphrase)
                form.addRow("", unlock)
        except Exception as exc:
            form.addRow(make_label(str(exc), "error", wrap=True))
        return w

    def ask_passphrase(self) -> None:
        """Open the passphrase dialog; on success the Secrets tab is rebuilt."""
        from ..dialogs.passphrase import PassphraseDialog

        store = self.ctx.services.secrets
        path = store.store_file()
        dialog = PassphraseDialog(
            store, str(path), first_time=not path.exists(), runner=self.ctx.runner
        )
        dialog.setParent(self, dialog.windowFlags())
        dialog.accepted.connect(self._rebuild_keyring_tab)
        self.passphrase_dialog = dialog
        dialog.open()

    def _rebuild_keyring_tab(self) -> None:
        index = self._keys.index("keyring")
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, self._keyring(), tr("Secrets"))
        self.tabs.setCurrentIndex(index)
        if old is not None:
            old.deleteLater()

    # communities: the office's phone number, printed on every resident notice --------------
    def _communities(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.community = QComboBox()
        self.community.setAccessibleName(tr("Community"))
        self.community_phone = QLineEdit()
        self.community_phone.setAccessibleName(tr("Community phone"))
        self.community_phone.setPlaceholderText("021-50801234")
        self._phones: dict[str, str] = {}
        self.community.currentTextChanged.connect(
            lambda name: self.community_phone.setText(self._phones.get(name, ""))
        )
        self.save_phone = QPushButton(tr("Save phone number"))
        self.save_phone.setEnabled(False)  # until the communities are read

        self.save_phone.clicked.connect(self.save_community_phone)
        self.phone_status = make_label("", wrap=True)
        form.addRow(tr("Community:"), self.community)
        form.addRow(tr("Community phone:"), self.community_phone)
        form.addRow("", self.save_phone)
        form.addRow(
            "",
            make_label(
                tr(
                    "The number residents call at the community office. Every resident notice "
                    "prints it; a notice for a community without one cannot be printed."
                ),
                "muted",
                wrap=True,
            ),
        )
        form.addRow("", self.phone_status)
        accounts, actor = self.ctx.services.accounts, self.ctx.actor

        def read(communities: list[CommunityInfo]) -> None:
            for c in communities:
                self._phones[c.name] = c.phone or ""
                self.community.addItem(c.name)
            self.community_phone.setText(self._phones.get(self.community.currentText(), ""))
            self.save_phone.setEnabled(bool(communities))

        self._read_into(
            "settings-communities",
            lambda: accounts.list_communities(actor),
            self.community,
            read,
            self.phone_status,
        )
        return w

    def save_community_phone(self) -> None:
        """Save the selected community's phone number in the background (audited)."""
        services, actor = self.ctx.services, self.ctx.actor
        name, phone = self.community.currentText(), self.community_phone.text()
        self.save_phone.setEnabled(False)

        def saved(c: object) -> None:
            self.save_phone.setEnabled(True)
            number = getattr(c, "phone", "") or ""
            self._phones[name] = number
            self.phone_status.setText(
                tr("{community}: phone number saved ({phone}).").format(
                    community=name, phone=number
                )
            )

        def failed(exc: Exception) -> None:
            self.save_phone.setEnabled(True)
            self.phone_status.setText(error_text(exc))

        self.ctx.runner.run(
            lambda _c: services.accounts.set_community_phone(actor, name, phone),
            success=saved,
            failure=failed,
            name="community-phone",
        )

    # users ---------------------------------------------------------------------------
    def _users(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.users = list_tree(
            tr("Users"),
            [
                tr("User name"),
                tr("Name"),
                tr("Role"),
                tr("Organization"),
                tr("Communities"),
                tr("Locked until"),
            ],
        )
        users_status = make_label("", "error", wrap=True)
        accounts, actor = self.ctx.services.accounts, self.ctx.actor

        def read(users: list[UserInfo]) -> None:
            for u in users:
                QTreeWidgetItem(
                    self.users,
                    [
                        u.username,
                        u.display_name,
                        label(ROLES, u.role),
                        u.organization or "",
                        "、".join(u.communities) or tr("(all)"),
                        local(u.locked_until),
                    ],
                )

        for col, width in enumerate((120, 90, 90, 220, 110)):
            self.users.setColumnWidth(col, width)
        layout.addWidget(self.users)
        layout.addWidget(users_status)
        self._read_into(
            "settings-users", lambda: accounts.list_users(actor), self.users, read, users_status
        )
        return w

    def _read_into(
        self,
        name: str,
        work: Callable[[], T],
        widget: QWidget,
        fill: Callable[[T], None],
        status: QLabel,
    ) -> None:
        """Read in the background (a remote database is round trips away) what ``fill`` puts
        into ``widget``; a failure is written in ``status``. Nothing is done for a widget the
        page no longer has (the page was rebuilt meanwhile)."""

        def read(result: T) -> None:
            if isValid(widget):
                fill(result)

        def failed(exc: Exception) -> None:
            if isValid(status):
                status.setText(error_text(exc))

        self.ctx.runner.run(lambda _c: work(), success=read, failure=failed, name=name)

    def _about(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addWidget(make_label(tr("Ops Console {v}").format(v=__version__), "title"))
        layout.addWidget(
            make_label(
                tr(
                    "Device inventory, health polling, fault work orders, SLA and training "
                    "for smart residential communities."
                ),
                wrap=True,
            )
        )
        layout.addStretch(1)
        return w
