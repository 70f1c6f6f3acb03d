"""The resident notice's words: when (weekday, 上午/下午/凌晨), where (building or gate in
words), what we do and what residents notice (templates per reason and per device category in
resources/notices/templates.toml), and whether the wristbands' SOS calls are affected."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from ..paths import resources_dir

COMMUNITY_WIDE = "community"
FALLBACK_REASON = "maintenance"
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class Template:
    """One reason's or one category's words.

    Attributes:
        keywords: (reasons) words of a window's own text that pick this reason.
        sos: (categories) the wristbands' SOS calls may not get through meanwhile.
    """

    zh: str
    en: str
    keywords: tuple[str, ...] = ()
    sos: bool = False

    def text(self, zh: bool) -> str:
        return self.zh if zh else self.en


@dataclass(frozen=True)
class Templates:
    """Every reason and category of the notice, in file order."""

    reasons: dict[str, Template]
    categories: dict[str, Template]
    names: dict[str, tuple[str, str]]

    def name(self, category: str, zh: bool) -> str:
        """What residents call a kind of equipment (门禁, cameras)."""
        zh_name, en_name = self.names.get(category, (category, category))
        return zh_name if zh else en_name


@cache
def templates() -> Templates:
    """Load resources/notices/templates.toml (once)."""
    with open(resources_dir() / "notices" / "templates.toml", "rb") as fh:
        data: dict[str, Any] = tomllib.load(fh)

    def entry(raw: dict[str, Any]) -> Template:
        return Template(
            raw["zh"], raw["en"], tuple(raw.get("keywords", ())), bool(raw.get("sos", False))
        )

    return Templates(
        {k: entry(v) for k, v in data["reason"].items()},
        {k: entry(v) for k, v in data["category"].items()},
        {k: (v[0], v[1]) for k, v in data["name"].items()},
    )


def reason_of(text: str) -> str:
    """Return the reason a window's own text names (its first keyword match), else maintenance."""
    low = text.lower()
    for code, t in templates().reasons.items():
        if any(k.lower() in low for k in t.keywords):
            return code
    return FALLBACK_REASON


def _clock_zh(at: datetime) -> str:
    """凌晨1:00, 上午9:30, 中午12:00, 下午3:00, 晚上8:30."""
    h = at.hour
    if h < 6:
        part, shown = "凌晨", h
    elif h < 12:
        part, shown = "上午", h
    elif h < 13:
        part, shown = "中午", h
    elif h < 18:
        part, shown = "下午", h - 12
    else:
        part, shown = "晚上", h - 12
    return f"{part}{shown}:{at.minute:02d}"


def _clock_en(at: datetime) -> str:
    h = at.hour % 12 or 12
    return f"{h}:{at.minute:02d} {'am' if at.hour < 12 else 'pm'}"


def _day_zh(at: datetime, year: bool = True) -> str:
    day = f"{at.month}月{at.day}日（{_WEEKDAYS_ZH[at.weekday()]}）"
    return f"{at.year}年{day}" if year else day


def _day_en(at: datetime, year: bool = True) -> str:
    day = f"{at:%A} {at.day} {at:%B}"
    return f"{day} {at.year}" if year else day


def when_words(start: datetime, end: datetime, zh: bool) -> str:
    """Say a period as residents read it, both ends in local time already.

    ``2026年12月12日（星期六）凌晨1:00 至 凌晨5:00``; over midnight the end names its day;
    an end at midnight is that day's 晚上12:00 ("midnight").
    """
    last = end - timedelta(microseconds=1)
    midnight = end.hour == 0 and end.minute == 0 and last.date() == start.date()
    if zh:
        end_clock = "晚上12:00" if midnight else _clock_zh(end)
        head = f"{_day_zh(start)}{_clock_zh(start)}"
        if midnight or end.date() == start.date():
            return f"{head} 至 {end_clock}"
        return f"{head} 至 {_day_zh(end, year=end.year != start.year)}{end_clock}"
    end_clock = "midnight" if midnight else _clock_en(end)
    head = f"{_day_en(start)}, {_clock_en(start)}"
    if midnight or end.date() == start.date():
        return f"{head} to {end_clock}"
    return f"{head} to {_day_en(end, year=end.year != start.year)}, {end_clock}"


def days_words(first: datetime, last: datetime, zh: bool) -> str:
    """Say a span of whole days (no window known): from the first day to the last, weekdays."""
    if zh:
        if first.date() == last.date():
            return f"{_day_zh(first)}全天"
        return f"{_day_zh(first)} 至 {_day_zh(last, year=last.year != first.year)}"
    if first.date() == last.date():
        return f"{_day_en(first)}, all day"
    return f"{_day_en(first)} to {_day_en(last, year=last.year != first.year)}"


def place_words(
    community: str, zone: str | None, location: str | None, device: str | None, zh: bool
) -> str:
    """Say where: the community, then the building or gate and the spot, or the whole place.

    ``device`` is the kind of equipment in words (e.g. 门禁); None for a community-wide window.
    """
    if zh:
        whole = f"{community}社区"
        if device is None:
            return f"{whole}全小区（各楼栋、出入口和地下车库）"
        spot = zone or ""
        if location and location != zone:
            spot = f"{spot}（{location}）" if spot else location
        return f"{whole}{spot}的{device}" if spot else f"{whole}的{device}"
    if device is None:
        return f"the whole of {community} (every building, gate and garage)"
    parts = [zone] if zone else []
    if location and location != zone:
        parts.append(location)
    spot = ", ".join(parts)
    return f"the {device} at {spot}, {community}" if spot else f"the {device} in {community}"


def sos_affected(category: str | None, has_wristbands: bool) -> bool:
    """Whether the wristbands' SOS calls may not get through during the window."""
    if category is None:
        return has_wristbands and templates().categories[COMMUNITY_WIDE].sos
    t = templates().categories.get(category)
    return bool(t and t.sos) and has_wristbands
