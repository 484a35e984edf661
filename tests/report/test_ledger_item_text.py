"""The 测算明细 reads a class id only by its shape (review rv22 finding 1): the 优质均衡 verdict's
「达标学校 38/55 所、教学点 34/70 个」 has two "/" and read 「达标学校 38 55 所、教学点 3470 个
…26.55 万元班」 in both example ledgers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from junheng.model.codes import GRADES
from junheng.report.ledger_xlsx import CLASS_ID, PARAM_VALUES, item_text, items_shown

#: the demo's 2025 verdict item, as the evaluation workbook (优质均衡-教育质量 row 4) words it
VERDICT = ("教育质量：所有学校按照不低于学校年度公用经费预算总额的 5% 安排教师培训经费，未达标，"
           "现值 57.6%（达标学校 38/55 所、教学点 34/70 个），标准 ≥100.0%，需增加教师培训经费 26.55 万元")


def test_the_verdict_sentence_keeps_its_slashes():
    assert item_text(VERDICT) == VERDICT
    assert items_shown([VERDICT, "4103310001/g1/1"], {"4103310001": "洛北县实验小学"}) == (
        VERDICT + "、洛北县实验小学 一年级1班")


@given(st.text().filter(lambda t: ":" not in t and t not in PARAM_VALUES
                        and not CLASS_ID.fullmatch(t)))
def test_any_text_that_is_no_class_id_comes_out_unchanged(text):
    assert item_text(text) == text


SLASHED = st.lists(st.text(alphabet=st.characters(blacklist_characters=":/")), min_size=3,
                   max_size=3).filter(lambda p: p[1] not in GRADES.values())


@given(SLASHED)
def test_three_parts_without_a_grade_code_in_the_middle_are_no_class(parts):
    text = "/".join(parts)
    assert item_text(text) == text


@given(st.from_regex(r"[0-9]{10}", fullmatch=True), st.sampled_from(sorted(GRADES.items())),
       st.integers(1, 30))
def test_a_class_id_reads_as_school_grade_and_class(school, grade, number):
    name, code = grade
    assert item_text(f"{school}/{code}/{number}", {school: "城关小学"}) == f"城关小学 {name}{number}班"
