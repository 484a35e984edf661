"""The schools short of rooms by grade are listed in one order whatever order the plan's reasons
came in (review rw 10: 实验中学 first on the CLI, 新区实验学校 first on the web, from one plan)."""

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_unmet import rooms_short_text

NOTE = "按学段学位计已够用；按年级编班（每个年级按标准班额）约缺 {} 间普通教室。"


def plan(reasons: dict) -> LayoutOutcome:
    schools = (PlannedSchool("B", "实验中学", "expand", students_after={"junior": 1986}),
               PlannedSchool("A", "新区实验学校", "expand", students_after={"junior": 1086}),
               PlannedSchool("C", "第四中学", "keep", students_after={"junior": 646}))
    return LayoutOutcome("optimal", schools, {}, kept_reasons=reasons)


def test_most_short_first_then_by_code_in_either_order():
    given = {"B": NOTE.format(1), "C": NOTE.format(2), "A": NOTE.format(1)}
    text = rooms_short_text(plan(given))
    assert text == rooms_short_text(plan(dict(reversed(given.items()))))
    names = [part.split("约缺")[0] for part in text.split("：", 1)[1].split("；")[:3]]
    assert names == ["第四中学", "新区实验学校", "实验中学"]  # 2 rooms; then 1 room each, codes A < B
