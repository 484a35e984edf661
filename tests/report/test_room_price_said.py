"""The price of a 临时周转 room-year is an assumption (``costs.yaml`` ``temporary_room``: 「假设值…
请以本县…实际费用替换」); each document says so once, where its total is first given (review
rv9 3: the Word plan stated 「280.00 万元」 as a fact)."""

import pandas as pd

from junheng.planning.compliance_temporary import temporary_note
from junheng.planning.layout_outcome import LayoutOutcome, YearRooms
from junheng.planning.layout_waiting import room_price_words
from junheng.report.layout_money_text import one_off_text

SAID = "每间每学年 2.00 万元（假设值，以本县实际租金替换）"


def _plan() -> LayoutOutcome:
    # 2 rooms borrowed in 2027 and 1 in 2028 at 20,000 元: 3 room-years, 6.00 万元
    return LayoutOutcome("optimal", (), {"after": {"capital_cost_yuan": 1_000_000.0}}, year=2025,
                         costs={"temporary_room_yuan": 20_000.0},
                         transition=(YearRooms(2027, "E", "junior", 500, 2, 0, 2),
                                     YearRooms(2028, "E", "junior", 510, 1, 0, 1)))


def test_the_price_words_say_it_is_an_assumption():
    assert room_price_words(2.0) == SAID
    assert room_price_words(1.5) == "每间每学年 1.50 万元（假设值，以本县实际租金替换）"


def test_the_word_plan_s_first_total_says_the_price_once_and_the_later_ones_do_not():
    # 100.00 万元 built + 6.00 万元 临时周转 = 106.00 万元
    first = one_off_text(_plan(), priced=True)
    assert first == ("一次性建设投资 100.00 万元，另过渡期 2027—2028 学年临时周转 3 间·学年、6.00 万元"
                     f"（{SAID}，不计入建设投资），一次性投入合计 106.00 万元")
    assert "假设值" not in one_off_text(_plan())


def test_the_compliance_note_says_the_price_with_the_layout_s_total_when_it_pays_none():
    """The layout pays A's one room in 2029 (and 2 in 2028): this plan pays nothing, so its own
    lead gives no money and the layout's total (3 room-years, 6.00 万元) carries the price."""
    split = pd.DataFrame([{"school_id": "A", "temporary": 1, "built": 0, "room_years": 0,
                           "gaps": {2029: 1, 2030: 0}, "pupils": {2029: 900, 2030: 880},
                           "borrowed": {2029: 1}, "layout": {2029: 1}, "opens": 2029}])
    lead = temporary_note(split, {"A": "甲小学"}, 3, 2.0, 2030, {"A": {2028: 2, 2029: 1}})[0]
    assert lead.count(SAID) == 1
    assert f"布局调整方案过渡期临时周转 2028—2029 学年共 3 间·学年、6.00 万元（{SAID}）" in lead
