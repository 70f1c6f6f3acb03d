"""Plan a maintenance window (a device or a community) and record a training completion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateTimeEdit, QSpinBox, QWidget

from ..context import UiContext
from ..i18n import tr
from ..widgets import LOCAL_TZ
from .form import DateField, ServiceForm, combo, line_edit

if TYPE_CHECKING:
    from ...services.monitoring.ingest.windows import MaintenanceWindowInfo

MAX_WINDOW_DAYS = 31  # the service's limit, checked here first to say so while typing


def _qdatetime(dt: datetime) -> QDateTime:
    dt = dt.astimezone(LOCAL_TZ).replace(second=0, microsecond=0, tzinfo=None)
    return QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute))


def _aware(edit: QDateTimeEdit) -> datetime:
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=LOCAL_TZ)


class MaintenanceDialog(ServiceForm):
    """Plan a maintenance window for one device or a whole community (times in local time).

    Attributes:
        result_value: the saved MaintenanceWindowInfo, once accepted.
    """

    def __init__(
        self,
        ctx: UiContext,
        device_tag: str | None = None,
        community: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            tr("Plan a maintenance window"),
            tr("Alarms of the device or community are held back during the window."),
            tr("&Plan window"),
            parent,
        )
        self.device_tag = device_tag
        targets = [(tr("A whole community"), "community")]
        if device_tag:
            targets.insert(0, (tr("This device ({tag})").format(tag=device_tag), "device"))
        self.target = self.add(tr("&For:"), combo(targets))
        self.community = self.add(
            tr("&Community:"), combo([(c, c) for c in ctx.communities()], community or None)
        )
        start = ctx.services.clock.now() + timedelta(minutes=5)
        self.start = QDateTimeEdit(_qdatetime(start))
        self.end = QDateTimeEdit(_qdatetime(start + timedelta(hours=2)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.add(tr("F&rom:"), self.start)
        self.add(tr("&To:"), self.end)
        self.reason = self.add(
            tr("&Reason:"),
            line_edit(max_length=500, placeholder=tr("e.g. firmware upgrade by the vendor")),
        )
        self.target.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        self.ready(self._check, self._submit)

    def _target_changed(self, *_: object) -> None:
        self.community.setEnabled(self.target.currentData() == "community")

    def _check(self) -> list[str]:
        problems = []
        start, end = _aware(self.start), _aware(self.end)
        if end <= start:
            problems.append(tr("The end must come after the start."))
        elif end - start > timedelta(days=MAX_WINDOW_DAYS):
            problems.append(
                tr("A window lasts at most {n} days; plan several.").format(n=MAX_WINDOW_DAYS)
            )
        if not self.reason.text().strip():
            problems.append(tr("Give a reason."))
        if self.target.currentData() == "community" and not self.community.currentData():
            problems.append(tr("Choose a community."))
        return problems

    def _submit(self) -> Callable[[], MaintenanceWindowInfo]:
        by_device = self.target.currentData() == "device"
        monitoring, actor = self.ctx.services.monitoring, self.ctx.actor
        start, end, reason = _aware(self.start), _aware(self.end), self.reason.text().strip()
        device_tag = self.device_tag if by_device else None
        community = None if by_device else self.community.currentData()
        return lambda: monitoring.add_maintenance_window(
            actor, start=start, end=end, reason=reason, device_tag=device_tag, community=community
        )


class TrainingRecordDialog(ServiceForm):
    """Record (or correct) one person's completion of a course.

    Attributes:
        result_value: (username, course code), once accepted.
    """

    def __init__(
        self,
        ctx: UiContext,
        people: list[tuple[str, str]],
        courses: list[tuple[str, str]],
        username: str | None = None,
        course: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            tr("Record training"),
            tr("The certificate's expiry follows from the course's validity."),
            tr("&Save record"),
            parent,
        )
        self.person = self.add(
            tr("&Person:"), combo([(name, user) for user, name in people], username or None)
        )
        self.course = self.add(
            tr("&Course:"),
            combo([(f"{code} · {title}", code) for code, title in courses], course or None),
        )
        today = ctx.services.clock.now().astimezone(LOCAL_TZ).date()
        self.today = today
        self.completed = self.add(tr("Completed &on:"), DateField(today))
        self.score = QSpinBox()
        self.score.setRange(-1, 100)
        self.score.setValue(-1)
        self.score.setSpecialValueText(tr("no score"))
        self.add(tr("&Score:"), self.score)
        self.certificate = self.add(tr("Certificate &number:"), line_edit(max_length=64))
        self.ready(self._check, self._submit)

    def _check(self) -> list[str]:
        problems = []
        if not self.person.currentData():
            problems.append(tr("Choose a person."))
        if not self.course.currentData():
            problems.append(tr("Choose a course."))
        if self.completed.day() > self.today:
            problems.append(tr("The completion date is in the future."))
        return problems

    def _submit(self) -> Callable[[], tuple[str, str]]:
        user, code = self.person.currentData(), self.course.currentData()
        training, actor, completed = (
            self.ctx.services.training,
            self.ctx.actor,
            self.completed.day(),
        )
        score = None if self.score.value() < 0 else self.score.value()
        certificate = self.certificate.text().strip() or None

        def write() -> tuple[str, str]:
            training.record(actor, user, code, completed, score=score, certificate_no=certificate)
            return user, code

        return write
