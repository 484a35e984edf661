"""Review rv28 4: the primary surplus in one walk (672 → 37 → 66 → 172 → 397 → 435, each figure
where the next starts), the other teacher sentences referring to it, and 表 5 netting the early
transfers from 开学时仍富余. Small hand-made cases."""

from __future__ import annotations

from junheng.report.staffing_rows import imbalance_sentence, retirement_sentence, transfer_text
from junheng.report.teacher_absorb import absorb_heads, absorb_rows, netted_rows
from junheng.report.teacher_walk import surplus_walk, walked

#: 30 primary teachers over 20 posts (10 over, 2 transferred into junior posts: 12 before them),
#: 3 into junior retirees' posts, 4 retire; the junior stage hires 1 more and 1 retiree is left
DOC = {"year": 2030, "county": {"hire": 1}, "moves": [{"kind": "transfer", "teachers": 2}],
       "transfer": {"filled": True, "teachers": 2, "candidates": 9, "unknown": 1, "retire": {"teachers": 3},
                    "left": {"teachers": 4, "unknown": 1}, "subjects": {"chinese": 2}},
       "retirement": {"year": 2030, "unknown": 0, "by_stage": {"primary": 4, "junior": 4}},
       "forecast": {"done": None, "last": 2032, "retired": 2, "cut": 5, "left": 6},
       "schools": [{"stage": "primary", "need": 20, "today": 30, "hire": 0, "surplus": 10},
                   {"stage": "junior", "need": 15, "today": 16, "hire": 1, "surplus": 0}]}


def test_the_walk_goes_from_the_surplus_before_the_transfers_to_the_forecast_year():
    # 12 − 2 − 3 − 4 = 3 left in 2030; 3 − 2 retired + 5 fewer posts = 6 in 2032
    assert walked(DOC)
    assert surplus_walk(DOC) == (
        "小学按 2030 学年编制富余 12 人 → 转任初中补编制缺口 2 人 → 转任补初中退休岗位 3 人（两项共 5 人）→ 退休不补 4 人"
        " → 2030 学年开学时仍富余 3 人 → 2031—2032 学年退休不补 2 人、编制减少 5 人（富余随之增加）"
        "→ 2032 学年开学时仍富余 6 人（按该学年编制；预测期后学生数未预测，能否消化无法判断）")


def test_the_finding_carries_the_walk_once_and_the_certificate_facts_once():
    text = imbalance_sentence(DOC)
    assert text.startswith("教师学段结构失衡：小学按 2030 学年编制富余 12 人 → ")
    assert "；而初中按编制需招聘 1 人" in text
    assert text.count("仍富余 6 人") == 1 and text.count("《教师资格条例》") == 1
    # 9 holders − 2 − 3 transferred = 4, all their schools can spare; 1 blank said once
    assert ("小学富余教师中持初中及以上教师资格证的 9 人，除上列转任 5 人外，其余 4 人与初中仍缺的学科不对口；"
            "另有 1 名持证教师未填资格证学段，未计入，须核实") in text


def test_the_ledger_sentences_refer_to_the_walk():
    said = retirement_sentence(DOC)
    assert said.startswith("自然减员：小学至 2030 学年开学前预计退休 4 人，退休不补 4 人（小学富余的消化见“教师学段结构失衡”）；")
    assert "持初中及以上教师资格证" not in said and "未填资格证学段" not in said
    assert transfer_text(DOC) == "小学富余教师转任初中 2 人（见“教师学段结构失衡”；按学科对口转任：语文 2 人）；"


def test_without_the_certificate_stage_nothing_is_walked():
    doc = {**DOC, "transfer": {}}
    assert not walked(doc)
    assert imbalance_sentence(doc).startswith("教师学段结构失衡：2030 学年小学专任教师比编制标准富余 10 人")


def test_table_5_books_each_early_transfer_in_its_year_and_nets_it():
    # 6 to transfer in 2030; 4 advised by 2028, 3 by 2029 (a 转任 is for good: still 4), 2 left for 2030
    rows = [(2028, 10, 1, 0, 0, 9), (2029, 12, 2, 0, 0, 10), (2030, 11, 1, 6, 0, 4)]
    assert netted_rows(rows, {2028: 4, 2029: 3}) == [
        (2028, 10, 1, 4, 0, 5), (2029, 8, 2, 0, 0, 6), (2030, 7, 1, 2, 0, 4)]
    assert netted_rows(rows, {}) == rows
    got = absorb_rows({"rows": rows}, {2028: 4, 2029: 3})
    assert got[-1] == ["合计", "—", "4", "6", "0", "—"]  # the 转任 sum unchanged, the plan year's end too
    heads = absorb_heads({2028: 4})
    assert len(heads) == 6 and heads[3] == "转任初中（人，持初中及以上教师资格证；规划年前为建议提前转任，补初中缺编）"
