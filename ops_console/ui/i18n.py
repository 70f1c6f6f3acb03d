"""Translations: ``tr`` for visible text, ``N`` to mark labels translated later, language switch.

Every visible string goes through :func:`tr` (context ``ops``). Labels declared at module
level are marked with :func:`N` and translated when shown. The ``.ts`` source and the built
``.qm`` live in ``resources/translations``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ..paths import resources_dir

if TYPE_CHECKING:
    from ..domain.errors import Message, Problem

CONTEXT = "ops"
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))


class _State(TypedDict):
    lang: str
    translator: QTranslator | None


_state: _State = {"lang": "en", "translator": None}


def tr(text: str) -> str:
    """Translate a visible string in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def N(text: str) -> str:
    """Mark a string for translation without translating it now (QT_TRANSLATE_NOOP)."""
    return text


def qm_path(lang: str) -> str:
    return str(resources_dir() / "translations" / f"ops_console_{lang}.qm")


def current_language() -> str:
    return _state["lang"]


def set_language(lang: str) -> bool:
    """Install the translator for ``lang`` (``en`` removes it); return False if missing."""
    app = QCoreApplication.instance()
    old = _state["translator"]
    if old is not None and app is not None:
        QCoreApplication.removeTranslator(old)
        _state["translator"] = None
    _state["lang"] = "en"
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    translator = QTranslator(app)
    if not translator.load(qm_path(lang)):
        return False
    QCoreApplication.installTranslator(translator)
    _state["translator"] = translator
    _state["lang"] = lang
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return True


# Labels of stored codes, translated when shown -------------------------------------------
STATUS = {
    "new": N("New"),
    "assigned": N("Assigned"),
    "in_progress": N("In progress"),
    "on_hold": N("On hold"),
    "resolved": N("Resolved"),
    "closed": N("Closed"),
    "cancelled": N("Cancelled"),
}
# each work-order action: its button (the work-order page shows one an action, in this
# order) and its verb in a service error ("cannot {action} …")
ACTION_WORDS = {
    "assign": (N("Assign…"), N("assign")),
    "reassign": (N("Reassign…"), N("reassign")),
    "accept": (N("Accept"), N("accept")),
    "hold": (N("Hold…"), N("put on hold")),
    "resume": (N("Resume"), N("resume")),
    "resolve": (N("Resolve…"), N("resolve")),
    "close": (N("Verify…"), N("close")),
    "reopen": (N("Reopen…"), N("reopen")),
    "cancel": (N("Cancel order…"), N("cancel")),
}
ACTIONS = {code: button for code, (button, _verb) in ACTION_WORDS.items()}
VERBS = {code: verb for code, (_button, verb) in ACTION_WORDS.items()}
HEALTH = {
    "up": N("Up"),
    "degraded": N("Degraded"),
    "down": N("Down"),
    "unknown": N("Unknown"),
}
DEVICE_STATUS = {
    "in_service": N("In service"),
    "under_maintenance": N("Under maintenance"),
    "retired": N("Retired"),
}
CRITICALITY = {
    "low": N("Low"),
    "normal": N("Normal"),
    "high": N("High"),
    "life_safety": N("Life safety"),
}
SEVERITY = {
    "compliance": N("Compliance"),
    "critical": N("Critical"),
    "warning": N("Warning"),
}
SOURCES = {
    "alarm": N("Alarm"),
    "liaison": N("Liaison"),
    "resident_phone": N("Resident (phone)"),
    "resident_walk_in": N("Resident (walk-in)"),
    "resident_app": N("Resident (app)"),
    "preventive": N("Preventive"),
}
KINDS = {"repair": N("Repair"), "inspection": N("Inspection"), "cleaning": N("Cleaning")}
# what an attachment shows (services.workorders.media.KINDS)
ATTACHMENT_KINDS = {
    "before": N("Before the repair"),
    "after": N("After the repair"),
    "signoff": N("Resident's sign-off"),
    "other": N("Other"),
}
HOLD_REASONS = {
    "waiting_parts": N("Waiting for parts"),
    "resident_not_home": N("Resident not home"),
    "access_denied": N("Access denied"),
    "authority_approval": N("Waiting for approval"),
    "weather": N("Weather"),
    "other": N("Other"),
}
# how a close was recorded (the close event's reason code)
VERIFICATION = {
    "verified": N("verified by the liaison"),
    "verified_signed_off": N("verified, signed off by the resident"),
    "closed_unverified": N("closed without the liaison's verification (override)"),
}
ORGANIZATION_KINDS = {
    "firm": N("Maintenance firm"),
    "community_office": N("Residents' committee"),
    "subdistrict": N("Sub-district office"),
    "collection_team": N("Collection team"),
    "auditor": N("Auditor"),
}

ROLES = {
    "technician": N("Technician"),
    "liaison": N("Liaison"),
    "manager": N("Manager"),
    "admin": N("Administrator"),
    "auditor": N("Auditor"),
}
CERT = {
    "valid": N("Valid"),
    "expiring": N("Expiring"),
    "expired": N("Expired"),
    "missing": N("Missing"),
}
RISK = {"ok": N("On track"), "at_risk": N("At risk"), "breached": N("Breached")}


def label(table: dict[str, str], code: str | None) -> str:
    """Return the translated label of a stored code (the code itself when unknown)."""
    if code is None:
        return ""
    text = table.get(code)
    return tr(text) if text else code


def gap_text(gaps: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    """The warning badge's words: each mandatory certificate missing or expired."""
    if not gaps:
        return ""
    sep = "、" if current_language().startswith("zh") else ", "
    items = sep.join(f"{course} {label(CERT, status)}" for course, status in gaps)
    return "⚠ " + tr("Mandatory certificate missing or expired: {items}").format(items=items)


def category_name(categories: dict[str, tuple[str, str]], code: str) -> str:
    """A category's name in the current language (from the service's names)."""
    en, zh = categories.get(code, (code, code))
    return zh if current_language().startswith("zh") else en


# Service errors in the UI language ------------------------------------------------------
ERRORS_CONTEXT = "errors"
# error parameters that hold a stored code, shown through a label table
PARAM_TABLES: dict[str, dict[str, str]] = {
    "status": STATUS,
    "role": ROLES,
    "who": ROLES,
    "health": HEALTH,
    "certification": CERT,
    "action": VERBS,
    "allowed": VERBS,
}


def _error_param(key: str, value: object) -> object:
    from ..domain.errors import Message, OpsError, Problem

    if isinstance(value, OpsError):
        return error_text(value)
    if isinstance(value, Message):
        return message_text(value)
    if isinstance(value, Problem) and value.template is not None:  # text with its template
        return message_text(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        sep = "、" if current_language().startswith("zh") else ", "
        return sep.join(str(_error_param(key, v)) for v in value)
    if isinstance(value, str):
        table = PARAM_TABLES.get(key)
        if table is not None and value in table:
            return tr(table[value])
        return QCoreApplication.translate(ERRORS_CONTEXT, value)  # term("…") phrases
    return value


def message_text(message: Message | Problem) -> str:
    """A :class:`~ops_console.domain.errors.Message` (or a problem with its template) in the
    current language."""
    if message.template is None:  # a problem given as plain text
        return QCoreApplication.translate(ERRORS_CONTEXT, str(message))
    template = QCoreApplication.translate(ERRORS_CONTEXT, message.template)
    if template == message.template and not message.params:
        return str(message)
    params = {k: _error_param(k, v) for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with other placeholders
        return str(message)


def error_text(exc: BaseException) -> str:
    """An error's message for the user: translated when raised with a template."""
    from ..domain.errors import OpsError, ValidationError

    if not isinstance(exc, OpsError) or exc.template is None:
        return str(exc)
    text = message_text(exc.message)
    if isinstance(exc, ValidationError) and exc.problem_messages:
        text += "\n" + "\n".join(problem_text(p) for p in exc.problem_messages)
    return text


def problem_text(problem: str | Message) -> str:
    """One problem line in the current language (a Problem or Message by its template)."""
    from ..domain.errors import Message, Problem

    if isinstance(problem, Message) or (
        isinstance(problem, Problem) and problem.template is not None
    ):
        return message_text(problem)
    return QCoreApplication.translate(ERRORS_CONTEXT, str(problem))


def problem_lines(exc: BaseException) -> list[str]:
    """A validation error's problems, one per line, in the current language."""
    from ..domain.errors import ValidationError

    if not isinstance(exc, ValidationError):
        return []
    return [problem_text(p) for p in exc.problem_messages]
