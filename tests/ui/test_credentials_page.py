"""The Credentials page, driven offscreen over the demo: a v3 credential typed in is stored in
the secret store and read back by the poller's lookup, never shown (only when and by whom);
bad input is named and nothing stored; only administrators see the page."""

from __future__ import annotations

from typing import Any

import pytest


def _page(ctx_for: Any, qtbot: Any, user: str = "admin") -> Any:
    from ops_console.ui.pages.credentials import CredentialsPage

    page = CredentialsPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _all_text(page: Any) -> str:
    m = page.model
    cells = [m.index(r, c).data() for r in range(m.rowCount()) for c in range(m.columnCount())]
    tips = [m.index(r, c).data(3) for r in range(m.rowCount()) for c in range(m.columnCount())]
    return "\n".join(str(x) for x in cells + tips if x)


def test_store_a_v3_credential_never_shown_back(
    ctx_for: Any, qtbot: Any, popups: list[str], keyring_backend: Any
) -> None:
    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    demo = {r.name: r for r in page.model.rows}
    # the demo's credentials, stored by init --demo, and the devices that use them
    assert demo["demo-v2c"].kind == "community" and demo["demo-v2c"].devices > 0
    row = [r.name for r in page.model.rows].index("demo-v3")
    assert page.model.index(row, 2).data().startswith("set on 2026-")
    assert page.model.index(row, 2).data().endswith(" by system")
    dialog = page.store()
    dialog.name.setCurrentText("hb-v3")
    dialog.user.setText("ops-hb")
    dialog.auth_proto.setCurrentIndex(dialog.auth_proto.findData("SHA256"))
    dialog.auth_key.setText("auth-secret-771")
    dialog.priv_proto.setCurrentIndex(dialog.priv_proto.findData("AES256"))
    dialog.priv_key.setText("priv-secret-992")
    assert dialog.auth_key.echoMode() == dialog.auth_key.EchoMode.Password
    assert dialog.is_valid()
    dialog.ok.click()
    assert dialog.result() == 1
    assert popups[-1].startswith("Credential hb-v3 stored in ")
    cred = services.monitoring.credential("hb-v3")
    assert (cred.user, cred.auth_proto, cred.auth_key, cred.priv_proto, cred.priv_key) == (
        "ops-hb", "SHA256", "auth-secret-771", "AES256", "priv-secret-992",
    )  # fmt: skip
    row = [r.name for r in page.model.rows].index("hb-v3")
    assert page.model.index(row, 1).data() == "SNMPv3 user ops-hb"
    assert page.model.index(row, 2).data() == "set on 2026-11-29 09:00 by 系统管理员"
    shown = _all_text(page)
    for secret in ("auth-secret-771", "priv-secret-992", "demo-public", "demo-auth-pass"):
        assert secret not in shown
    # the audit names the credential and its kind, never the secret
    from ops_console.db.models import AuditEntry

    with services.db.read() as s:
        entry = s.query(AuditEntry).filter_by(action="credential.set", entity_id="hb-v3").one()
    assert entry.actor == "admin" and "secret" not in (entry.after_json or "")
    # replacing: the dialog starts empty, whatever was stored
    page.select_where(lambda c: c.name == "hb-v3")
    again = page.replace()
    assert again.name.currentText() == "hb-v3"
    assert again.auth_key.text() == "" and again.priv_key.text() == ""


def test_bad_input_is_named_and_nothing_is_stored(
    ctx_for: Any, qtbot: Any, keyring_backend: Any
) -> None:
    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    before = dict(keyring_backend.entries)
    dialog = page.store()
    assert set(dialog.check()) == {"Name the credential.", "Enter the v3 user."}
    dialog.name.setCurrentText("zj-v3")
    dialog.user.setText("ops-zj")
    dialog.auth_key.setText("short")
    dialog.priv_key.setText("priv-secret-992")
    dialog.ok.click()  # the rule is the service's: said in the form
    assert dialog.result() == 0
    assert dialog.problems.text() == (
        "credential zj-v3: SNMPv3 auth key must be at least 8 characters"
    )
    dialog.auth_key.setText("auth-secret-771")
    dialog.auth_proto.setCurrentIndex(dialog.auth_proto.findData(None))
    assert not dialog.auth_key.isEnabled()
    dialog.ok.click()
    assert dialog.problems.text() == "credential zj-v3: SNMPv3 privacy needs authentication too"
    dialog.kind.setCurrentIndex(dialog.kind.findData("community"))
    assert dialog.check() == ["Enter the community."]
    assert services.monitoring.credential("zj-v3") is None
    assert keyring_backend.entries == before


def test_only_administrators_see_the_page(ctx_for: Any) -> None:
    from ops_console.domain.errors import PermissionDenied
    from ops_console.services.monitoring import credential_status, set_snmp_credential
    from ops_console.ui.pages.credentials import CredentialsPage

    for login in ("wang.jianguo", "chen.jing", "zhang.wei", "zhou.min"):
        ctx = ctx_for(login)
        assert not CredentialsPage.visible_for(ctx.actor)
        with pytest.raises(PermissionDenied):
            credential_status(ctx.services.db, ctx.actor)
        from ops_console.polling.credentials import SnmpCredential

        with pytest.raises(PermissionDenied):
            set_snmp_credential(
                ctx.services.secrets, ctx.services.db, ctx.actor, "x",
                SnmpCredential(community="c"), now=ctx.services.clock.now(),
            )  # fmt: skip


def test_the_page_speaks_chinese(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    page = _page(ctx_for, qtbot)
    row = [r.name for r in page.model.rows].index("demo-v2c")
    assert page.model.index(row, 1).data() == "团体名（SNMP v1/v2c）"
    assert page.model.index(row, 2).data().startswith("于 2026-")
