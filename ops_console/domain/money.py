"""Money as a payment order writes it: an amount of yuan in Chinese capitals (人民币大写)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
# every four digits take the next large unit: 万 (10^4), 亿 (10^8), 万亿 (10^12)
_SECTIONS = ("", "万", "亿", "万亿")
LIMIT = Decimal(10) ** 16


def _section(n: int) -> str:
    """Write 1 … 9999: one 零 for any run of inner zeros, none at the end."""
    out = ""
    zero = False
    for value, unit in _PLACES:
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
        out += _DIGITS[d] + unit
        zero = False
    return out


def _yuan(n: int) -> str:
    """Write a whole number of yuan (without 元); empty for 0."""
    sections: list[int] = []
    while n:
        sections.append(n % 10000)
        n //= 10000
    out = ""
    gap = False  # zeros since the last written digit: the next digit needs a 零
    for i in reversed(range(len(sections))):
        sec = sections[i]
        if sec == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or sec < 1000):
            out += "零"
        out += _section(sec) + _SECTIONS[i]
        gap = False
    return out


def rmb_capitals(amount: Decimal | int | str) -> str:
    """Return an amount in Chinese capitals as a payment order writes it (人民币大写).

    The rules of the People's Bank of China's 支付结算办法: 壹贰叁…, 拾佰仟万亿; one 零 for a run
    of zeros inside the number; 零 after 元 when the 角 is zero and 分 follow; 整 after a whole
    number of 元, none after 角 or 分; amounts are rounded half up to the 分 first. Where the
    rules leave the 零 optional (a zero 万 or 元 digit followed by a non-zero 仟 or 角) it is
    left out. 76750 → 柒万陆仟柒佰伍拾元整, 1409.50 → 壹仟肆佰零玖元伍角,
    6007.14 → 陆仟零柒元壹角肆分, 1680.32 → 壹仟陆佰捌拾元叁角贰分, 0 → 零元整.

    Raises:
        ValueError: not a finite number, or 10^16 yuan or more.
    """
    value = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
    if not value.is_finite():
        raise ValueError(f"not an amount of money: {amount!r}")
    if value < 0:
        return "负" + rmb_capitals(-value)
    cents = int(value.quantize(Decimal("0.01"), ROUND_HALF_UP) * 100)
    if cents >= LIMIT * 100:
        raise ValueError(f"amount too large to write in capitals: {amount!r}")
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    out = _yuan(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"  # ¥325.04 → 叁佰贰拾伍元零肆分
    if fen:
        out += _DIGITS[fen] + "分"
    return out
