"""App-wide events in one QObject, wired once by the main window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Events any page may emit or listen to.

    Signals:
        devices_changed(): the inventory changed (save, retire, import).
        workorders_changed(str): a work order changed; its number ("" for many): reload.
        workorder_saved(object): a write of this console returned this ``WorkOrderInfo``;
            lists update that row from it instead of reloading.
        alarms_changed(): alarms were acknowledged or arrived.
        care_changed(): care alerts were acknowledged, closed or arrived.
        training_changed(): training records changed.
        language_changed(): the UI language switched; pages re-translate.
        appearance_changed(): font size or theme changed.
        open_page(str, object): go to a page (key) with a filter dict.
        message(str): a short message for the status bar.
        poller_state(object): the in-app poller's PollerState.
        actor_changed(object): the signed-in person's role or communities changed (this
            ``Actor`` is who they are now); the window rebuilds for it.
        samples_stored(object): a StoredBatch of poll results was stored (in-app poller or
            "Poll now"); views showing health, samples or alarms refresh.
    """

    devices_changed = Signal()
    workorders_changed = Signal(str)
    workorder_saved = Signal(object)
    alarms_changed = Signal()
    care_changed = Signal()
    training_changed = Signal()
    language_changed = Signal()
    appearance_changed = Signal()
    open_page = Signal(str, object)
    message = Signal(str)
    poller_state = Signal(object)
    samples_stored = Signal(object)
    actor_changed = Signal(object)
