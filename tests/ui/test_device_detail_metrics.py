"""The device detail's chart picker: what can be drawn, named as the profile names it."""

from __future__ import annotations

from ops_console.polling.profiles import load_profiles
from ops_console.ui.pages.device_detail import metric_choices

# what the store holds for a wristband gateway after one poll (rows of its bands table too)
KEYS = [
    "bands.band_id[10]",  # text: no chart
    "bands.battery[10]",
    "bands.battery[2]",
    "bands_online",
    "gateway_status",
    "uptime",
    "retired_metric",  # a series the profile no longer names
]


def test_the_picker_names_table_rows_and_leaves_text_out() -> None:
    profile = load_profiles()["wristband_gateway"]
    assert metric_choices(profile, KEYS, zh=False) == [
        ("Gateway status", "gateway_status"),
        ("Bands online", "bands_online"),
        ("Uptime", "uptime"),  # every device has one: after the device's own
        ("Battery (Wristbands 2)", "bands.battery[2]"),
        ("Battery (Wristbands 10)", "bands.battery[10]"),
        ("retired_metric", "retired_metric"),
    ]
    zh = metric_choices(profile, KEYS, zh=True)
    assert zh[0] == ("网关状态", "gateway_status")  # before: "bands.band_id[10]", no chart
    assert ("电量（手环 10）", "bands.battery[10]") in zh
    assert all("band_id" not in key for _text, key in zh)


def test_without_a_profile_the_keys_stand() -> None:
    assert metric_choices(None, ["a", "b[1]"], zh=True) == [("a", "a"), ("b[1]", "b[1]")]
