"""Profiles: every shipped file loads; every kind of malformed file is refused with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ops_console.polling.profiles import (
    CATEGORY_CODES,
    ProfileError,
    find_line,
    load_profile,
    load_profiles,
)

GOOD = """\
[profile]
code = "smart_bin"
label_en = "Smart bin"
label_zh = "智能垃圾桶"

[[metrics]]
key = "uptime"
oid = "1.3.6.1.2.1.1.3.0"
kind = "gauge"
label_en = "Uptime"
label_zh = "运行时间"

[[metrics]]
key = "fill_level"
oid = "1.3.6.1.4.1.32473.4.1.0"
kind = "gauge"
label_en = "Fill"
label_zh = "满溢度"
[metrics.threshold]
direction = "above"
warning = 80
critical = 95
hysteresis = 5

[[metrics]]
key = "lid"
oid = "1.3.6.1.4.1.32473.4.3.0"
kind = "status"
label_en = "Lid"
label_zh = "桶盖"
[metrics.states]
1 = { state = "closed", severity = "ok" }
3 = { state = "jammed", severity = "critical" }

[[traps]]
oid = "1.3.6.1.4.1.32473.4.0.1"
action = "alarm"
rule = "bin_overflow"
work_kind = "cleaning"
"""


def write(tmp_path: Path, text: str, name: str = "smart_bin.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def test_every_category_has_a_valid_shipped_profile() -> None:
    profiles = load_profiles()
    assert set(profiles) == set(CATEGORY_CODES)
    gate = profiles["access_gate"].metric("manual_passage")
    assert gate is not None and gate.state_of(2) is not None
    assert gate.state_of(2).severity == "compliance"  # type: ignore[union-attr]
    assert profiles["smart_bin"].trap("1.3.6.1.4.1.32473.4.0.1").work_kind == "cleaning"  # type: ignore[union-attr]
    care = {t.rule for t in profiles["wristband_gateway"].traps if t.action == "care"}
    assert care == {"sos", "fall", "removal"}
    assert profiles["camera"].probe is not None and profiles["camera"].probe.port == 554
    assert [t.key for t in profiles["wristband_gateway"].tables] == ["bands"]
    assert [t.key for t in profiles["network"].tables] == ["interfaces"]


def test_shipped_oids_are_consistent() -> None:
    seen: dict[str, str] = {}
    for code, profile in load_profiles().items():
        for m in profile.metrics:
            if m.oid.startswith("1.3.6.1.4.1.32473."):
                arc = m.oid.split(".")[7]
                assert seen.setdefault(arc, code) == code, (
                    f"{m.oid} of {code} uses another category's arc"
                )
    readme = (Path(load_profiles()["camera"].source).parent / "README.md").read_text(
        encoding="utf-8"
    )
    for profile in load_profiles().values():
        for m in profile.metrics:
            if "32473" in m.oid:
                assert m.oid in readme, f"{m.oid} missing from README"


def test_good_profile_loads(tmp_path: Path) -> None:
    p = load_profile(write(tmp_path, GOOD))
    assert p.code == "smart_bin"
    assert p.metric("fill_level").threshold.warning == 80  # type: ignore[union-attr]


# (description, replace old → new, the text on the line the error must name)
MALFORMED = [
    ("syntax error", ('direction = "above"', "direction = above"), "direction = above"),
    ("unknown kind", ('kind = "status"', 'kind = "boolean"'), 'kind = "boolean"'),
    (
        "bad oid",
        ('oid = "1.3.6.1.4.1.32473.4.1.0"', 'oid = "enterprises.32473.4.1"'),
        "enterprises.32473",
    ),
    ("critical on the wrong side", ("critical = 95", "critical = 70"), "critical = 70"),
    ("negative hysteresis", ("hysteresis = 5", "hysteresis = -1"), "hysteresis = -1"),
    ("unknown key", ('label_en = "Fill"', 'label_en = "Fill"\nunits = "%"'), 'units = "%"'),
    (
        "text where a number is expected",
        ("warning = 80", 'warning = "eighty"'),
        'warning = "eighty"',
    ),
    ("bad status value", ('3 = { state = "jammed"', 'x = { state = "jammed"'), "x = { state"),
    ("bad severity", ('severity = "critical" }', 'severity = "fatal" }'), 'severity = "fatal"'),
    ("wrong code", ('code = "smart_bin"', 'code = "camera"'), 'code = "camera"'),
    ("unknown category", ('code = "smart_bin"', 'code = "toaster"'), 'code = "toaster"'),
    ("duplicate key", ('key = "lid"', 'key = "fill_level"'), ('key = "fill_level"', 2)),
    ("bad trap action", ('action = "alarm"', 'action = "page"'), 'action = "page"'),
    ("bad work kind", ('work_kind = "cleaning"', 'work_kind = "sweeping"'), "sweeping"),
    ("boolean as a number", ("hysteresis = 5", "hysteresis = true"), "hysteresis = true"),
]


@pytest.mark.parametrize(("what", "change", "line_text"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_profile_names_file_and_line(
    tmp_path: Path, what: str, change: tuple[str, str], line_text: str | tuple[str, int]
) -> None:
    old, new = change
    assert old in GOOD, what
    text = GOOD.replace(old, new, 1)
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    err = info.value
    needle, nth = line_text if isinstance(line_text, tuple) else (line_text, 1)
    expected = line_of(text, needle, nth)
    assert err.line == expected, f"{what}: {err}"
    assert f"smart_bin.toml, line {expected}" in str(err)


def test_missing_required_key_names_its_table(tmp_path: Path) -> None:
    text = GOOD.replace('label_zh = "桶盖"\n', "")
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, text))
    assert "label_zh" in str(info.value)
    assert info.value.line == line_of(text, "[[metrics]]", 3)


def test_status_without_states_and_threshold_on_status(tmp_path: Path) -> None:
    text = GOOD.replace(
        '[metrics.states]\n1 = { state = "closed", severity = "ok" }\n3 = { state = "jammed", severity = "critical" }\n',
        "",
    )
    with pytest.raises(ProfileError, match="needs a states table") as info:
        load_profile(write(tmp_path, text))
    assert info.value.line == line_of(text, "[[metrics]]", 3)


def test_unreadable_and_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "smart_bin.toml"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ProfileError, match=r"smart_bin\.toml"):
        load_profile(path)


def test_find_line_handles_arrays_of_tables_and_inline_tables() -> None:
    assert find_line(GOOD, ("metrics", 1, "threshold", "critical")) == line_of(
        GOOD, "critical = 95"
    )
    assert find_line(GOOD, ("metrics", 2, "states", "3", "severity")) == line_of(
        GOOD, '3 = { state = "jammed"'
    )
    assert find_line(GOOD, ("traps", 0, "rule")) == line_of(GOOD, 'rule = "bin_overflow"')
