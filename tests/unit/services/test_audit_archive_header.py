"""read_archive on a header without entry ids: a finding, not a TypeError."""

from __future__ import annotations

import json

import pytest

from ops_console.services.audit.log import ARCHIVE_FORMAT, read_archive


@pytest.mark.parametrize(
    "header",
    [
        {"format": ARCHIVE_FORMAT},
        {"format": ARCHIVE_FORMAT, "first_id": None, "last_id": None},
        {"format": ARCHIVE_FORMAT, "first_id": "1", "last_id": 3},
    ],
)
def test_a_header_without_entry_ids_is_not_a_whole_archive(tmp_path, header):
    path = tmp_path / "audit.jsonl"
    path.write_text(json.dumps(header) + "\n", encoding="utf-8")
    check = read_archive(path)
    assert not check.ok
    assert check.problem == f"{path}: the header names no first_id and last_id"
    assert check.sha256 is not None
