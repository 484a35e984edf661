"""Subject staffing by the class hours of each grade (review rvweb 1, brief hstaff): every 小学
was told it lacked 历史 teachers because the nine-year shares (历史 3.5 %) applied to every stage.

The weekly hours (standards/staffing.yaml, 一至九年级; built on the 《义务教育课程方案（2022年版）》
table: 开设年级, 九年比例区间, 周总课时 26/26/30/30/30/30/34/34/34):

    道德与法治 2 2 2 2 2 2 | 2 2 2      科学     1 1 2 2 2 2 | 3 5 6
    语文       8 8 7 7 6 6 | 5 5 5      信息科技 0 0 1 1 1 1 | 1 1 0
    数学       4 4 4 4 5 5 | 4 4 5      体育     4 4 3 3 3 3 | 3 3 3
    外语       0 0 2 2 3 3 | 4 4 3      音乐     2 2 2 2 1 1 | 1 1 1
    历史地理   0 0 0 0 0 0 | 4 4 2      美术     2 2 1 1 2 2 | 1 1 1
    综合实践   3 3 6 6 5 5 | 6 4 6

小学 (grades 1–6 alike) 26 + 26 + 4 × 30 = 172 hours a week, 初中 3 × 34 = 102.
"""

from __future__ import annotations

import pytest
from teacher_builders import classes, county, school, teachers

from junheng.errors import ConfigError
from junheng.teachers.rules import RULES_FILE, load_rules
from junheng.teachers.staffing import staffing_report

RULES = load_rules()
PRIMARY_HOURS = {"morality_law": 12, "chinese": 42, "math": 26, "english": 10, "science": 10,
                 "it": 4, "pe": 20, "music": 10, "art": 10, "practice": 28}
JUNIOR_HOURS = {"morality_law": 6, "chinese": 15, "math": 13, "english": 11, "history": 10,
                "science": 14, "it": 2, "pe": 9, "music": 3, "art": 3, "practice": 16}


def test_stage_shares_from_the_curriculum_table():
    # 小学: 道德与法治 2 × 6 = 12, 语文 8 + 8 + 7 + 7 + 6 + 6 = 42, 数学 4 × 4 + 5 × 2 = 26, 外语
    # 2 + 2 + 3 + 3 = 10 (三年级起), 科学 1 + 1 + 2 × 4 = 10, 信息科技 4, 体育 4 + 4 + 3 × 4 = 20,
    # 音乐 2 × 4 + 1 × 2 = 10, 美术 2 × 2 + 1 × 2 + 2 × 2 = 10, 综合实践 3 + 3 + 6 + 6 + 5 + 5 = 28:
    # 172; no 历史. 初中: 历史地理 4 + 4 + 2 = 10 of 102, 外语 4 + 4 + 3 = 11, 科学 3 + 5 + 6 = 14
    assert sum(PRIMARY_HOURS.values()) == 172 and sum(JUNIOR_HOURS.values()) == 102
    assert RULES.stage_share("primary") == pytest.approx({k: h / 172 for k, h in PRIMARY_HOURS.items()})
    assert RULES.stage_share("junior") == pytest.approx({k: h / 102 for k, h in JUNIOR_HOURS.items()})
    assert "history" not in RULES.stage_share("primary")
    # 普通高中 is not in the 义务教育 课程方案: it takes the 初中 mix
    assert RULES.stage_share("senior") == RULES.stage_share("junior")


def test_every_subjects_nine_years_within_the_national_range():
    # 一至八年级 35 weeks, 九年级 33: e.g. 外语 (2 + 2 + 3 + 3 + 4 + 4) × 35 + 3 × 33 = 729 of
    # 9522 = 7.66 %, inside 6 %–8 %; 历史地理 (4 + 4) × 35 + 2 × 33 = 346 = 3.63 %, inside 3 %–4 %
    bands = {"morality_law": (6, 8), "chinese": (20, 22), "math": (13, 15), "english": (6, 8),
             "history": (3, 4), "science": (8, 10), "it": (1, 3), "pe": (10, 11),
             "practice": (14, 18)}
    grades = ("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9")
    weeks = [35] * 8 + [33]
    year = {k: sum(RULES.grade_hours[g][k] * w for g, w in zip(grades, weeks, strict=True))
            for k in RULES.subjects}
    assert sum(year.values()) == 9522
    assert (year["english"], year["history"]) == (729, 346)
    for k, (low, high) in bands.items():
        assert low <= 100 * year[k] / 9522 <= high, k
    assert 9 <= 100 * (year["music"] + year["art"]) / 9522 <= 11   # 艺术 906 = 9.51 %


def test_the_henan_implementation_rules_hold():
    # 《河南省义务教育课程实施办法（试行）》(2023): 周课时 26 (一、二年级), 30 (三至六), 34 (七至九);
    # 劳动 and 综合实践活动 each at least 1 a week, so the 综合实践 column (劳动、综合实践活动、地方和
    # 校本课程) holds at least 2 in every grade; 书法 1 a week inside 语文 in 三至六年级
    grades = ("g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9")
    totals = [sum(RULES.grade_hours[g].values()) for g in grades]
    assert totals == [26, 26, 30, 30, 30, 30, 34, 34, 34]
    assert min(RULES.grade_hours[g]["practice"] for g in grades) == 3
    assert all(RULES.grade_hours[g]["chinese"] >= 6 for g in grades[2:6])
    assert any("河南省义务教育课程实施办法" in s for s in RULES.sources)


def _report(*, grades, stage="primary", school_type="primary_school", extra=()):
    sid = "4103060001"
    return staffing_report(county(
        schools=[school(sid, school_type)],
        classes=[classes(sid, g, sizes) for g, sizes in grades.items()],
        teachers=[teachers(sid, 3, stage=stage), *extra]))


def test_a_primary_school_never_has_a_history_line():
    # 6 × 38 = 228 pupils, 编制 228 / 19 = 12; no grade 1–6 teaches 历史: no line at all
    grid = {g: [38] for g in ("g1", "g2", "g3", "g4", "g5", "g6")}
    subjects = _report(grades=grid).subjects
    assert "history" not in set(subjects["subject"])
    assert set(subjects["subject"]) == set(PRIMARY_HOURS)
    # a 历史 teacher there is a surplus of 1, never a shortage
    extra = [teachers("4103060001", 1, subject="history")]
    row = _report(grades=grid, extra=extra).subjects.set_index("subject").loc["history"]
    assert (row["need"], row["have"], row["shortage"], row["surplus"]) == (0.0, 1, 0, 1)


def test_english_only_for_the_classes_of_grades_3_to_6():
    # a 教学点 with grades 1–2 only has no 外语 or 信息科技 line
    point = _report(grades={"g1": [10], "g2": [10]}).subjects
    assert {"english", "it", "history"}.isdisjoint(set(point["subject"]))
    # one 一年级 class (26 hours a week, 外语 0) and one 三年级 class (30, 外语 2): 76 / 19 = 4
    # posts, 外语 2 / 56 of them = 0.14; 语文 (8 + 7) / 56 × 4 = 1.07
    g = _report(grades={"g1": [38], "g3": [38]}).subjects.set_index("subject")
    assert g.at["english", "need"] == 0.14 and g.at["english", "share"] == pytest.approx(2 / 56)
    assert g.at["chinese", "need"] == 1.07


def test_a_nine_year_school_gets_junior_subjects_only_for_its_grade_7_to_9_classes():
    # one class of 38 in each of grades 1–6: 228 / 19 = 12 posts (小学); one of 45 in each of
    # 7–9: 135 / 13.5 = 10 (初中); 编制 22 = 12 + 10, so need_k = 12 × h_k/172 + 10 × h_k/102:
    #   历史 0 + 10 × 10/102 = 0.98 -> 1;  外语 12 × 10/172 + 10 × 11/102 = 0.698 + 1.078 = 1.78
    #   语文 12 × 42/172 + 10 × 15/102 = 2.930 + 1.471 = 4.40
    grid = {g: [38] for g in ("g1", "g2", "g3", "g4", "g5", "g6")}
    grid |= {g: [45] for g in ("g7", "g8", "g9")}
    report = _report(grades=grid, stage="junior", school_type="nine_year")
    assert report.schools["standard_quota"].tolist() == [22]
    g = report.subjects.set_index("subject")
    assert (g.at["history", "need"], g.at["history", "shortage"]) == (0.98, 1)
    assert g.at["english", "need"] == 1.78
    assert g.at["chinese", "need"] == 4.4
    # with grades 1–6 only it is staffed as a 小学: no 历史
    primary_only = _report(grades={g: [38] for g in ("g1", "g2", "g3", "g4", "g5", "g6")},
                           school_type="nine_year").subjects
    assert "history" not in set(primary_only["subject"])


def test_hours_that_do_not_add_up_are_named(tmp_path):
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "chinese:      [8, 8,", "chinese:      [7, 8,")
    path = tmp_path / "staffing.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="一年级各科周课时合计 25，周总课时为 26"):
        load_rules(path)
    path.write_text(text.replace("weekly_total: [26,", "weekly_total: [25, 26,"),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="每周课时应列一至九年级 9 个数：周总课时"):
        load_rules(path)
