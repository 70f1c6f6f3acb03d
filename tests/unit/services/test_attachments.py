"""Attachments: photos and PDFs kept with a work order, audited, read back; who may attach;
every refused file named with what to do, and nothing written."""

from __future__ import annotations

import hashlib
import io
import json
import sys

import pytest
from PIL import Image

from ops_console.domain.errors import NotFound, PermissionDenied, ValidationError
from tests.attachment_files import noisy_photo, pdf, photo
from tests.unit.services.workorders_world import build


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


@pytest.fixture
def order(services, a):
    w = services.workorders
    wo = w.create(
        a["liaison"], title="门禁不开", priority="P2", source="resident_phone", device="HB-GATE-001"
    )
    w.assign(a["mgr"], wo.number, "tech1")
    w.accept(a["tech1"], wo.number)
    return wo.number


def _trail(services, a, number):
    return [e for e in services.audit.page(a["aud"], entity="work_order") if e.entity_id == number]


def test_attach_list_read_back_and_audit(services, a, order, clock):
    w = services.workorders
    jpeg, png, doc = photo("JPEG"), photo("PNG", colour="#a33"), pdf()
    before = w.attach(a["tech1"], order, "门禁-维修前.jpg", jpeg, kind="before")
    clock.advance(minutes=30)
    after = w.attach(a["tech1"], order, "after.png", png, kind="after")
    signoff = w.attach(a["liaison"], order, "C:\\scans\\签字.pdf", doc, kind="signoff")
    assert (before.media_type, after.media_type, signoff.media_type) == (
        "image/jpeg",
        "image/png",
        "application/pdf",
    )
    assert signoff.file_name == "签字.pdf"  # the folder it came from is not kept
    assert before.sha256 == hashlib.sha256(jpeg).hexdigest() and before.size == len(jpeg)
    listed = w.attachments(a["aud"], order)  # the auditor reads them
    assert [(x.kind, x.file_name, x.added_by) for x in listed] == [
        ("before", "门禁-维修前.jpg", "tech1"),
        ("after", "after.png", "tech1"),
        ("signoff", "签字.pdf", "liaison"),
    ]
    assert w.get(a["mgr"], order).attachments == tuple(listed)
    back = w.attachment(a["mgr"], order, signoff.id)
    assert back.content == doc and back.info == signoff
    thumbs = w.attachment_thumbnails(a["tech1"], order)
    assert set(thumbs) == {before.id, after.id, signoff.id}
    for data in thumbs.values():
        image = Image.open(io.BytesIO(data))
        assert image.format == "PNG" and max(image.size) <= 240
    # the thumbnail is the photo's: its corner is the photo's green, not the PDF's white
    assert Image.open(io.BytesIO(thumbs[before.id])).convert("RGB").getpixel((2, 2))[1] > 120
    trail = [e for e in _trail(services, a, order) if e.action == "workorder.attach"]
    assert len(trail) == 3
    first = next(e for e in trail if json.loads(e.after_json)["file"] == "门禁-维修前.jpg")
    assert first.actor == "tech1" and first.at == before.added_at
    assert json.loads(first.after_json) == {
        "attachment": before.id,
        "kind": "before",
        "file": "门禁-维修前.jpg",
        "media_type": "image/jpeg",
        "size": len(jpeg),
        "sha256": hashlib.sha256(jpeg).hexdigest(),
    }
    # the attachments stay with the order when it changes hands
    w.assign(a["mgr"], order, "tech2", override_reason="tech1 on leave")
    assert len(w.get(a["mgr"], order).attachments) == 3
    assert services.audit.verify(a["aud"]).ok


def test_who_may_attach(services, a, order):
    w = services.workorders
    with pytest.raises(PermissionDenied, match="auditor"):
        w.attach(a["aud"], order, "x.jpg", photo())
    with pytest.raises(PermissionDenied, match="tech2 may not see work order"):
        w.attach(a["tech2"], order, "x.jpg", photo())
    other = w.create(
        a["mgr"], title="西溪门禁", priority="P3", source="liaison", device="XX-GATE-001"
    )
    with pytest.raises(PermissionDenied):  # the liaison of 湖滨 does not see 西溪's orders
        w.attach(a["liaison"], other.number, "x.jpg", photo())
    assert w.attach(a["mgr"], other.number, "x.jpg", photo()).kind == "other"
    assert w.attach(a["liaison"], order, "y.jpg", photo()).added_by == "liaison"


def _refused(services, a, order, name, data, match, **kw):
    w = services.workorders
    trail = len(_trail(services, a, order))
    with pytest.raises(ValidationError, match=match) as info:
        w.attach(a["tech1"], order, name, data, **kw)
    assert w.attachments(a["tech1"], order) == []
    assert len(_trail(services, a, order)) == trail
    return str(info.value)


def test_bad_files_are_refused_clearly_and_nothing_is_written(services, a, order):
    big = noisy_photo(1.3)
    text = _refused(services, a, order, "big.png", big, "over the limit", max_mb=1)
    assert text.startswith("big.png is 1.") and "limit of 1 MB" in text
    _refused(services, a, order, "notes.txt", "门禁坏了".encode(), "not a photo")
    _refused(services, a, order, "cut.jpg", photo()[:3000], "cut.jpg is not a readable image")
    broken = bytearray(photo("PNG"))
    broken[60:80] = b"\x00" * 20
    _refused(services, a, order, "broken.png", bytes(broken), "broken.png is not a readable image")
    _refused(services, a, order, "bad.pdf", b"%PDF-1.4\n garbage", "bad.pdf is not a readable PDF")
    _refused(services, a, order, "empty.jpg", b"", "empty.jpg is empty")
    _refused(services, a, order, "x.jpg", photo(), "attachment kind 'during'", kind="during")
    with pytest.raises(NotFound, match="no work order WO-2026-999999"):
        services.workorders.attach(a["tech1"], "WO-2026-999999", "x.jpg", photo())


def _heic() -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    image = Image.new("RGB", (640, 480), "#36c")
    out = io.BytesIO()
    pillow_heif.from_pillow(image).save(out, quality=80)
    return out.getvalue()


def test_heic_is_converted_to_jpeg(services, a, order):
    heic = _heic()
    got = services.workorders.attach(a["tech1"], order, "IMG_0042.HEIC", heic, kind="before")
    assert (got.file_name, got.media_type) == ("IMG_0042.jpg", "image/jpeg")
    content = services.workorders.attachment(a["tech1"], order, got.id).content
    assert Image.open(io.BytesIO(content)).size == (640, 480)


def test_heic_without_the_converter_is_refused_with_what_to_do(services, a, order, monkeypatch):
    heic = _heic()
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # as on an installation without it
    text = _refused(services, a, order, "IMG_0043.HEIC", heic, "cannot convert it")
    assert text.startswith("IMG_0043.HEIC is a HEIC photo") and "export it as JPEG" in text
