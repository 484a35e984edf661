"""Brief hm 2: the 过渡期 table says why a school's sports builds take nearly all its spare
ground when the school shares that ground with 高中 (第四中学: 12,697 of 12,701 m² for 646
初中 pupils), from its school type, for any school of such a type, not by name."""

from junheng.planning.layout_ground import ground_paragraph
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool, YearRooms
from junheng.report.layout_sections import ground_rows

REASON = ("（该校为完全中学，设初中、高中，体育运动场地与高中共用：补足初中所需面积须建整块场地，"
          "初中按评估办法的义务教育占比只计其中一部分，其余为高中部分，由高中经费安排）")


def _plan(kind: str) -> LayoutOutcome:
    # 1 room a year at 甲中学 in 2027 and 2028; 12,701 m² of spare ground, 4 m² left after the
    # sports builds: 12,701 − 4 = 12,697 m² taken
    school = PlannedSchool("S", "甲中学", "keep", kind=kind, spare_ground_m2=12_701.0,
                           room_ground_m2=4.0)
    return LayoutOutcome("optimal", (school,), {}, year=2025, transition=(
        YearRooms(2027, "S", "junior", 679, 1, 0, 1), YearRooms(2028, "S", "junior", 679, 1, 0, 1)))


def test_a_complete_secondary_school_says_its_ground_is_shared_with_senior():
    rows = ground_rows(_plan("complete_secondary"))
    assert rows[0] == ["甲中学", "2027 学年", "1",
                       "最多 1 间，按每间 100 平方米需 100 平方米，校内空地至少 12,701 平方米，"
                       f"补足规划年体育运动场馆面积（布局调整与达标路径）占用 12,697 平方米{REASON}后余 4 平方米，"
                       "按数据不能确认有搭建的空地，须借用或租用（见表注）"]
    assert rows[1] == ["甲中学", "2028 学年", "1", "同上"]
    assert REASON in ground_paragraph(_plan("complete_secondary"))


def test_a_twelve_year_school_names_both_compulsory_stages():
    text = ground_rows(_plan("twelve_year"))[0][3]
    assert ("（该校为十二年一贯制学校，设小学、初中、高中，体育运动场地与高中共用：补足小学、初中所需面积须建整块场地，"
            "小学、初中按评估办法的义务教育占比只计其中一部分") in text


def test_a_school_without_senior_gives_no_such_reason():
    for kind in ("junior_school", "nine_year", ""):
        text = ground_rows(_plan(kind))[0][3]
        assert "占用 12,697 平方米后余 4 平方米" in text and "高中" not in text
