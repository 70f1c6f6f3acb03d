"""workorders attach / attachments / attachment-export, in-process on a fresh database: the
round trip, the show command listing them, and bad input refused with nothing written."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest

from ops_console.cli import main
from tests.attachment_files import noisy_photo, pdf, photo


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path, monkeypatch, capsys):
    import io

    u = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", u, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert main(["communities", "add", "湖滨", "--db", u]) == 0
    assert main(["workorders", "new", "--title", "路灯不亮", "--priority", "P3",
                 "--community", "湖滨", "--db", u]) == 0  # fmt: skip
    capsys.readouterr()
    return u


def test_attach_list_export_round_trip(url, tmp_path, capsys):
    n = "WO-2026-000001"
    before = tmp_path / "现场-维修前.jpg"
    before.write_bytes(photo())
    signed = tmp_path / "signoff.pdf"
    signed.write_bytes(pdf())
    code, out, _ = run(capsys, "workorders", "attach", n, str(before), "--kind", "before",
                       "--db", url)  # fmt: skip
    digest = hashlib.sha256(before.read_bytes()).hexdigest()
    assert code == 0 and out.startswith(f"{n}: attached 现场-维修前.jpg as before (id 1, ")
    assert digest in out
    code, out, _ = run(capsys, "workorders", "attach", n, str(signed), "--kind", "signoff",
                       "--format", "json", "--db", url)  # fmt: skip
    got = json.loads(out)
    assert (got["id"], got["media_type"], got["size"]) == (
        2,
        "application/pdf",
        signed.stat().st_size,
    )
    code, out, _ = run(capsys, "workorders", "attachments", n, "--db", url)
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["id", "kind", "file", "type"]
    assert "现场-维修前.jpg" in lines[2] and "signoff.pdf" in lines[3] and "root" in lines[3]
    code, out, _ = run(capsys, "workorders", "show", n, "--db", url)
    assert "attached:  #2 signoff signoff.pdf" in out
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = run(capsys, "workorders", "attachment-export", n, "1", str(out_dir), "--db", url)
    assert code == 0 and (out_dir / "现场-维修前.jpg").read_bytes() == before.read_bytes()
    # an existing file is kept unless --force
    code, _, err = run(capsys, "workorders", "attachment-export", n, "1", str(out_dir), "--db", url)
    assert code != 0 and "the file exists; add --force" in err
    code, _, _ = run(capsys, "workorders", "attachment-export", n, "2",
                     str(out_dir / "现场-维修前.jpg"), "--force", "--db", url)  # fmt: skip
    assert code == 0 and (out_dir / "现场-维修前.jpg").read_bytes() == signed.read_bytes()
    assert sorted(p.name for p in out_dir.iterdir()) == ["现场-维修前.jpg"]  # no partial left
    code, _, err = run(capsys, "workorders", "attachment-export", n, "9", str(out_dir), "--db", url)
    assert code != 0 and f"{n} has no attachment 9" in err


def test_bad_input_is_refused_and_nothing_written(url, tmp_path, capsys):
    n = "WO-2026-000001"
    big = tmp_path / "big.png"
    big.write_bytes(noisy_photo(1.2))
    text = tmp_path / "notes.txt"
    text.write_text("门禁坏了", "utf-8")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(photo()[:2000])
    # the limit is the installation's setting, the same for every seat
    code, _, _ = run(capsys, "settings", "set", "attachments.max_mb", "1", "--db", url)
    assert code == 0
    cases = [
        ((n, str(big)), "MB, over the limit of 1 MB per file"),
        ((n, str(text)), "notes.txt is not a photo (JPEG, PNG, HEIC) or a PDF"),
        ((n, str(cut)), "cut.jpg is not a readable image (damaged or cut short)"),
        ((n, str(tmp_path / "missing.jpg")), "no file"),
        (("WO-2026-000042", str(cut)), "no work order WO-2026-000042"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, "workorders", "attach", *argv, "--db", url)
        assert code != 0 and message in err, (argv, err)
        assert out == ""
    code, out, _ = run(capsys, "workorders", "attachments", n, "--format", "json", "--db", url)
    assert json.loads(out) == []
