"""Masking of residents' personal data in everything a report prints or exports."""

from __future__ import annotations

import re

# Mainland mobile numbers (11 digits starting 1[3-9]), optionally +86, spaces or dashes.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
# Landlines such as 021-12345678 or 0571 8765 4321.
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?(\d{3,4})[- ]?(\d{4})(?!\d)")


def mask_phone(phone: str) -> str:
    """Return a phone number with its middle digits hidden: 13812345678 -> 138****5678."""
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(name: str) -> str:
    """Return a person's name with all but its first character hidden: 张三 -> 张*."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def scrub(text: str) -> str:
    """Mask every phone number found in free text (titles, notes, descriptions)."""
    text = _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _LANDLINE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)
