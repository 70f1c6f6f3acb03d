"""The payable in Chinese capitals (人民币大写), by the 支付结算办法's rules and examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ops_console.domain.money import rmb_capitals


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # the examples of 中国人民银行《支付结算办法》附件 (正确填写票据和结算凭证的基本规定)
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        # where the rules make the 零 optional (zero 万 or 元 digit, non-zero 仟 or 角) it is left out
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        # whole yuan: 整
        ("76750", "柒万陆仟柒佰伍拾元整"),
        ("80000", "捌万元整"),
        ("72000.00", "柒万贰仟元整"),
        ("10", "壹拾元整"),
        ("15", "壹拾伍元整"),
        ("100000", "壹拾万元整"),
        # runs of zeros: one 零, across the 万 and 亿 sections too
        ("1001", "壹仟零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10101", "壹万零壹佰零壹元整"),
        ("100100", "壹拾万零壹佰元整"),
        ("10000100", "壹仟万零壹佰元整"),
        ("100000001", "壹亿零壹元整"),
        ("100010000", "壹亿零壹万元整"),
        ("120000000", "壹亿贰仟万元整"),
        ("101000000", "壹亿零壹佰万元整"),
        # 角 and 分 alone; no 整 after 角 or 分
        ("0.50", "伍角"),
        ("0.05", "伍分"),
        ("0.55", "伍角伍分"),
        ("1.05", "壹元零伍分"),
        ("1.50", "壹元伍角"),
        ("10.50", "壹拾元伍角"),
        ("0", "零元整"),
        # rounded half up to the 分 first
        ("76749.995", "柒万陆仟柒佰伍拾元整"),
        ("0.004", "零元整"),
    ],
)
def test_capitals(amount, words):
    assert rmb_capitals(Decimal(amount)) == words


def test_negative_amount_is_marked_and_bad_amounts_are_refused():
    assert rmb_capitals(Decimal("-8000")) == "负捌仟元整"
    assert rmb_capitals(80000) == "捌万元整"
    with pytest.raises(ValueError, match="not an amount"):
        rmb_capitals(Decimal("NaN"))
    with pytest.raises(ValueError, match="too large"):
        rmb_capitals(Decimal(10) ** 16)
