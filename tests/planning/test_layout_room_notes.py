"""The layout's per-school room note promises no build (review finding 15): the layout is
written before the 达标路径, which builds 0 at 实验中学 where the note said "约缺 1 间…由达标路径补足"."""

from __future__ import annotations

from junheng.planning.layout_borrow import school_borrowing
from junheng.planning.layout_room_words import ROOM_NOTE, room_notes

#: who decides those rooms, and that a short gap is borrowed (brief hp 5: 第四小学 builds none
#: in the layout and borrows 2029–2031 in the 达标路径)
LATER = ("本方案不定此校加建间数：按年级编班所缺教室由达标路径按招生预测的学生逐年级复核（规划年及其前后各学年），"
         "缺口不超过临时周转年限的学年以临时周转解决、不新建，其余加建，间数可能多于或少于此数，"
         "以达标路径（整改措施“布局调整与达标路径合计”）所列为准。")


def test_a_short_school_is_told_what_is_short_and_that_the_compliance_path_decides():
    # 实验中学: 1 room short grade by grade, no rooms added by the layout; 第三初级中学: 2
    # short after 4 added; a school short of none gets no note
    notes = room_notes({"S1": 1, "S3": 2, "S4": 0}, {"S3": 4})
    assert notes == {
        "S1": f"{ROOM_NOTE}已够用；按年级编班（每个年级按标准班额）约缺 1 间普通教室。{LATER}",
        "S3": f"{ROOM_NOTE}（新增 4 间后）已够用；按年级编班（每个年级按标准班额）约缺 2 间普通教室。{LATER}"}
    assert not any("补足" in text for text in notes.values())


def test_with_transition_rows_the_reason_says_the_rooms_as_the_table_and_the_schools_position():
    # review rv5 finding 5 (实验中学): 表3 「新建普通教室 1 间」 beside the 理由 「按学段学位计（新增
    # 2 间后）已够用…约缺 1 间…本方案不定此校加建间数」. Hand-made: the solve added 2 rooms, 1 met
    # by 临时周转 (built 2 − 1 = 1); the 过渡期 rows borrow 4 rooms in 2029 and 2 in 2030.
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
    from junheng.planning.layout_reasons import action_reasons
    from junheng.report.plan_rows import _layout_detail

    school = PlannedSchool("J", "实验中学", "expand", added_classrooms=2, temporary_classrooms=1, spare_ground_m2=0.0,
                           students_expected=2392, students_after={"junior": 1986})
    plan = LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030,
                         kept_reasons={"J": room_notes({"J": 1}, {"J": 2})["J"]},
                         transition=(YearRooms(2029, "J", "junior", 2100, 4, 0, 4),
                                     YearRooms(2030, "J", "junior", 1986, 2, 0, 2)))
    table = ("新建普通教室 1 间，临时周转普通教室至多 4 间（2029—2030 学年借用，规划年 2030 学年 2 间；"
             "借用的教室不新建，见“过渡期”）")
    assert _layout_detail(school, {}, borrowed=(school_borrowing(plan)["J"], plan)).startswith(table + "，调整后学位")
    assert action_reasons(plan)["J"] == (
        "2030 学年不调整预计 2,392 人，调整后接收 1,986 人；新建教室 1 间（调整后学生按标准班额所需教室多于现有教室）；"
        "临时周转教室至多 4 间（2029—2030 学年借用，规划年 2030 学年 2 间；调整后学生所需教室多于现有教室，"
        "缺口持续不超过临时周转年限，不新建）；"
        # review rv7 7: its 临时周转 said once, the clause above (not again from the table's words)
        "按年级编班（每个年级按标准班额）逐年所需教室已计入本方案：新建普通教室 1 间，与“调整项目”所列相同。"
        "校内空地 0 平方米，本方案未在此校征用相邻用地：该校体育运动场馆面积的缺口由达标路径按目标学年学生复核，"
        "仍缺的列为待决策，由局务会在整改措施“须由局务会决定”所列途径（征用或置换相邻用地、就近共享、租用公共体育设施"
        "（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流进一步减少该校学生）中决定。")
    assert "不定此校加建间数" not in action_reasons(plan)["J"]
    # without 过渡期 rows the solve's note stays (the rooms are then the 达标路径's to settle)
    bare = LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030, kept_reasons=plan.kept_reasons)
    assert f"{ROOM_NOTE}（新增 2 间后）已够用；按年级编班" in action_reasons(bare)["J"]


def test_the_layout_document_names_the_school_without_ground_under_its_comparison_table():
    # the same school as above: the note under 表5 (and the workbook's 调整前后对比) states the
    # position with the figures the 整改 says back (规划年学生 2,392 → 1,986 人)
    from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
    from junheng.report.layout_xlsx import comparison_notes

    school = PlannedSchool("J", "实验中学", "expand", added_classrooms=2, temporary_classrooms=1, spare_ground_m2=0.0,
                           students_expected=2392, students_after={"junior": 1986})
    plan = LayoutOutcome("optimal", (school,), {}, year=2025, target_year=2030,
                         transition=(YearRooms(2030, "J", "junior", 1986, 2, 0, 2),))
    assert comparison_notes(plan)[-1] == (
        # review rv6 N14: what the plan does there (built 2 − 1 borrowed = 1 room), not 「扩建学校」
        "校内无空地、需增加教室的学校（本方案未在这些学校征用相邻用地）：实验中学（规划年学生 2,392 → 1,986 人，"
        "新建普通教室 1 间，调整项目和理由见“调整方案”）；各校体育运动场馆面积的缺口由达标路径按目标学年学生复核，仍缺的列为待决策，由局务会在整改措施"
        "“须由局务会决定”所列途径（征用或置换相邻用地、就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用）、布局分流进一步减少该校学生）中决定。")
    # with ground of its own (300 m²), no note
    assert "校内无空地" not in "".join(comparison_notes(LayoutOutcome(
        "optimal", (PlannedSchool("J", "实验中学", "expand", spare_ground_m2=300.0),), {}, year=2025, target_year=2030)))
