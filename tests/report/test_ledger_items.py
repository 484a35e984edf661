"""The ledger workbook's 测算明细 names schools and classes in Chinese (review finding 11:
class ids such as 4103310001/g1/1 put English letters in front of the reader)."""

import openpyxl

from junheng.ledger import plan_from_dict, run_ledger
from junheng.model import CountyData
from junheng.report.ledger_xlsx import write_ledger_xlsx


def one_target(name: str, measure: str, comparator: str, target: float):
    return plan_from_dict({"plan": "示例", "region": {"county_code": "410306"},
                           "baseline_year": 2025, "targets": [
                               {"id": "t", "name": name, "quote": "……", "measure": measure,
                                "comparator": comparator, "target": target, "deadline": 2027,
                                "responsible": "县教育局"}]})


def test_oversized_classes_are_listed_by_school_name_grade_and_class(tmp_path):
    """One 小学 with a 一年级 class of 60 (大班额, 56–65) and one of 40: the detail row is
    the first class, as 城关小学 一年级1班."""
    plan = one_target("消除大班额", "oversized_classes", "<=", 0)
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": "4103060001", "name": "城关小学",
                  "school_type": "primary_school"}],
        classes=[{"school_id": "4103060001", "grade": "g1", "class_no": "1", "students": 60},
                 {"school_id": "4103060001", "grade": "g1", "class_no": "2", "students": 40}])
    ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    assert ledger.names == {"4103060001": "城关小学"}
    book = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))
    rows = list(book["测算明细"].iter_rows(values_only=True))
    assert rows[0][2:] == ("所计", "个数", "明细（学校、班级、乡镇；教师按所在学校计人数；县区为代码）")
    assert rows[1] == ("消除大班额", 2025, "计入“大班额班级数（56–65 人）”的个数", 1, "城关小学 一年级1班")


def test_towns_are_named_in_the_items_sheet(tmp_path):
    """Inspector finding 6: 寄宿制 towns were listed as 410331100…; a boarding 九年一贯制 school
    in 河口乡 makes the town count, and the sheet names it."""
    plan = one_target("每个乡镇建成寄宿制学校", "boarding_towns_share", ">=", 1)
    data = CountyData.from_records(
        {"county_code": "410306", "county_name": "示例县", "school_year": 2025},
        schools=[{"school_id": "4103060101", "name": "河口乡九年制学校", "school_type": "nine_year",
                  "ownership": "public", "town_code": "410306101", "urban_rural_code": "210",
                  "boarding": True}])
    ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    book = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))
    rows = list(book["测算明细"].iter_rows(values_only=True))
    assert rows[1][4] == "河口乡"


def test_teachers_are_counted_by_their_school_not_listed_by_code(tmp_path):
    """Review B8: 测算明细 listed raw teacher codes (T41033100001、…); the data keep no
    names, so each school's teachers are counted under its name. 城关小学 has two full-time
    teachers with 400 学时 (T2, T3) and one with 100 (T4), 河口小学 one with 400 (T1): the
    360-学时 measure counts T1, T2, T3, listed by school in the schools' order (城关 first,
    although 河口's T1 comes first)."""
    plan = one_target("培训学时达标", "training_hours_share", ">=", 1)
    teacher = {"full_time": True, "stage": "primary", "subject": "chinese"}
    data = CountyData.from_records(
        {"county_code": "410306", "school_year": 2025},
        schools=[{"school_id": "4103060001", "name": "城关小学", "school_type": "primary_school"},
                 {"school_id": "4103060002", "name": "河口小学", "school_type": "primary_school"}],
        teachers=[{**teacher, "teacher_id": t, "school_id": s, "training_hours_5y": h}
                  for t, s, h in (("T1", "4103060002", 400), ("T2", "4103060001", 400),
                                  ("T3", "4103060001", 400), ("T4", "4103060001", 100))])
    ledger = run_ledger(plan, lambda c, y: data, [("410306", 2025)])
    book = openpyxl.load_workbook(write_ledger_xlsx(ledger, tmp_path / "台账.xlsx"))
    rows = list(book["测算明细"].iter_rows(values_only=True))
    # review hd 2: the count says it counts the teachers who reach the hours, not those short
    assert rows[1] == ("培训学时达标", 2025, "培训学时达到要求的专任教师人数（本学年及前四个学年合计，要求见"
                       "台账“说明”；未达到的不计入）", 3, "城关小学教师 2 人、河口小学教师 1 人")
    assert ("2025：2021—2025 学年培训学时达到 360 学时（参加工作不满五年的按每年 72 学时折算）的专任教师 3 人，"
            "未达到或学时未填报、需补足的 1 人") in ledger.targets[0].notes
