"""Brief hm 1: after the 达标路径's teacher moves (县管校聘调剂 and 交流轮岗), each school's 骨干
and 体育艺术 teachers before and after, printed in 整改措施 where the moves are, and checked
against the moves listed (before + moved + rotated = after)."""

from datetime import date

import pandas as pd
from docx import Document

from compliance_builders import cost_file, county, primary_school, school_id
from junheng.model import CountyData
from junheng.planning.compliance import plan_compliance
from junheng.planning.compliance_costs import load_costs
from junheng.planning.compliance_county import current_students
from junheng.planning.compliance_json import compliance_dict
from junheng.planning.compliance_redeploy import apply_teacher_moves
from junheng.planning.compliance_teacher_figures import stock, teacher_figures
from junheng.report.teacher_figures_table import TITLE, write_teacher_figures
from junheng.report.word_document import WordReport

A, D = school_id("A"), school_id("D")


def _rotation_plan(tmp_path):
    """The rotation test's county (test_compliance_rotation): 城区 A has 10 骨干 for 500 pupils
    (⌈2.0 × 5⌉) and 5 体育艺术 (⌈0.9 × 5⌉ = ⌈4.5⌉); 乡村 D 5 骨干 for 1,000 (⌈0.5 × 10⌉) and 9
    体育艺术. A sends at most ⌈20% × 10⌉ = 2 骨干 to D by 交流轮岗, D hires 2 more."""
    data = county(primary_school("A", 500, code="111", backbone=2.0),
                  primary_school("D", 1000, backbone=0.5))
    costs = load_costs(cost_file(tmp_path, items__rotation__unit_cost=0.1))
    return plan_compliance(data, current_students(data), 2026, costs=costs, time_limit=30,
                           plan_date=date(2026, 6, 1))


def test_the_rotation_plan_prints_each_school_before_and_after(tmp_path):
    doc = compliance_dict(_rotation_plan(tmp_path))
    rotated = [(a["school_id"], a["to_school_id"], a["teacher_type"], a["quantity"])
               for a in doc["actions"] if a["item"] == "rotation"]
    assert rotated == [(A, D, "backbone", 2.0)]
    # A: 10 − 2 = 8 骨干, needs ⌈1 × 500 / 100⌉ = 5; D: 5 + 2 = 7, needs 10, hires 2 (7 + 2 = 9
    # of 10 reach the 85% floor the plan works to); 体育艺术 unmoved: A 5 of ⌈4.5⌉ = 5, D 9 of 9
    zero = {"pe_art_moved": 0, "pe_art_rotated": 0, "pe_art_hired": 0, "backbone_moved": 0,
            "backbone_trained": 0, "pe_art_trained": 0}  # D's 2 are 引进 (hire_backbone), none 培养认定
    # the engine's word after the plan (brief hteach 2): A 8 骨干 per 500 = 1.6 per 100 against
    # 1 (ratio 1.6), 5 体育艺术 = 1.0 against 0.9 (1.1111); D 9 骨干 per 1,000 = 0.9 against 1
    # (0.9, within the 85% floor: D passes), 9 体育艺术 = 0.9 (1.0)
    engine = {"school_passes": True, "school_floor": 0.85}
    assert doc["teacher_figures"] == [
        {"school_id": A, "name": "A小学", "stage": "primary", **zero, "backbone_before": 10,
         "backbone_rotated": -2, "backbone_after": 8, "backbone_need": 5, "backbone_hired": 0,
         "pe_art_before": 5, "pe_art_after": 5, "pe_art_need": 5, **engine,
         "backbone_ratio": 1.6, "pe_art_ratio": 1.1111},
        {"school_id": D, "name": "D小学", "stage": "primary", **zero, "backbone_before": 5,
         "backbone_rotated": 2, "backbone_after": 7, "backbone_need": 10, "backbone_hired": 2,
         "pe_art_before": 9, "pe_art_after": 9, "pe_art_need": 9, **engine,
         "backbone_ratio": 0.9, "pe_art_ratio": 1.0}]
    r = WordReport()
    write_teacher_figures(r, doc)
    path = tmp_path / "t.docx"
    r.doc.save(str(path))
    word = Document(str(path))
    text = "\n".join(p.text for p in word.paragraphs)
    # 2 rotated, both 骨干: 100% ≥ 20%; D still 3 short of 10 after the moves, 2 hired
    assert "本方案交流轮岗 2 人，其中骨干教师 2 人，占 100.0%（优质均衡要求交流轮岗教师中骨干教师不低于 20%，达到）。" in text
    said, caption = text.split("\n")
    assert said.startswith(f"调配、交流轮岗前后 2 所学校的县级以上骨干教师和体育、音乐、美术专任教师（专任教师，按学段列）见表“{TITLE}”："
                           "调配前 + 调配（随学生调配、县管校聘调剂）+ 交流轮岗（见“教师交流轮岗”）= 调配后")
    assert said.endswith("调配后县级以上骨干教师仍少于标准所需的有 1 所学校：D小学（小学）少 3 名，本方案引进 2 名，"
                         "实施后达到标准的 90%，在“其余指标不低于 85%”的范围内，该校达标。")
    assert caption == f"表 1  {TITLE}"
    rows = [[c.text for c in row.cells] for row in word.tables[0].rows]
    # nobody rotates 体育艺术: its 交流轮岗 column is left out (review rv14 N9)
    assert rows[0][2:] == ["骨干教师调配前", "骨干教师调配（县管校聘等）", "骨干教师交流轮岗", "骨干教师调配后",
                           "骨干教师标准所需", "体育艺术教师调配前", "体育艺术教师调配（县管校聘等）",
                           "体育艺术教师调配后", "体育艺术教师标准所需"]
    assert rows[1:] == [["A小学", "小学", "10", "0", "−2", "8", "5", "5", "0", "5", "5"],
                        ["D小学", "小学", "5", "0", "+2", "7", "10", "9", "0", "9", "9"]]


def test_a_plan_that_rotates_nobody_has_no_rotation_columns_nor_words(tmp_path):
    """Review rv14 N9: 表 6 kept 交流轮岗 columns all 0 and 「+ 交流轮岗（见“教师交流轮岗”）」 while
    the document has no such section."""
    row = {"school_id": "A", "name": "A小学", "stage": "primary", "backbone_before": 3, "backbone_moved": 1,
           "backbone_rotated": 0, "backbone_after": 4, "backbone_need": 4, "pe_art_before": 2,
           "pe_art_moved": 0, "pe_art_rotated": 0, "pe_art_after": 2, "pe_art_need": 2}
    r = WordReport()
    write_teacher_figures(r, {"teacher_figures": [row], "actions": []})
    path = tmp_path / "t.docx"
    r.doc.save(str(path))
    word = Document(str(path))
    said, caption = (p.text for p in word.paragraphs)
    assert said == ("调配前后 1 所学校的县级以上骨干教师和体育、音乐、美术专任教师（专任教师，按学段列）见表"
                    "“调配前后骨干教师和体育艺术教师（逐校，人）”：调配前 + 调配（随学生调配、县管校聘调剂）= 调配后，"
                    "正数为调入、负数为调出；标准所需按优质均衡标准每百名学生骨干教师 1 名、体育艺术教师 0.9 名（向上取整）。")
    assert caption == "表 1  调配前后骨干教师和体育艺术教师（逐校，人）"
    rows = [[c.text for c in row.cells] for row in word.tables[0].rows]
    # 3 + 1 = 4 骨干, needs as given; no 交流轮岗 column of either kind
    assert rows == [["学校", "学段", "骨干教师调配前", "骨干教师调配（县管校聘等）", "骨干教师调配后", "骨干教师标准所需",
                     "体育艺术教师调配前", "体育艺术教师调配（县管校聘等）", "体育艺术教师调配后", "体育艺术教师标准所需"],
                    ["A小学", "小学", "3", "+1", "4", "4", "2", "0", "2", "2"]]


def test_the_moves_before_hiring_are_undone_to_the_county_before_them():
    # 甲中学 S: 2 骨干 (one of them 体育) and 3 体育艺术 (体育, 音乐, 美术); 乙中学 R: none.
    # The ledger moves T1 (骨干体育) and T3 (音乐) to R, the plan rotates 1 骨干 S → R:
    # S 骨干 2 − 1 (moved) − 1 (rotated) = 0, 体育艺术 3 − 2 = 1; R 骨干 0 + 1 + 1 = 2, 体育艺术 0 + 2 = 2
    subjects = ["pe", "chinese", "music", "art", "math"]
    backbone = ["county", "city", "none", "none", "none"]
    t = [{"teacher_id": f"T{k + 1}", "school_id": "S", "stage": "junior", "subject": s,
          "full_time": True, "degree": "bachelor", "backbone": b}
         for k, (s, b) in enumerate(zip(subjects, backbone, strict=True))]
    data = CountyData.from_records({"county_code": "410306", "school_year": 2025}, schools=[
        {"school_id": s, "name": n, "school_type": "junior_school", "town_code": "410306001"}
        for s, n in (("S", "甲中学"), ("R", "乙中学"))], teachers=t)
    after, moves = apply_teacher_moves(data, pd.DataFrame({
        "teacher_id": ["T1", "T3"], "to_school_id": "R", "kind": "pool"}))
    actions = pd.DataFrame([{"school_id": "S", "stage": "junior", "item": "rotation",
                             "quantity": 1.0, "teacher_type": "backbone", "to_school_id": "R"}])
    rows = teacher_figures(after.teachers, moves, actions, {("R", "junior"): {"pe_art": 1}},
                           {"S": "甲中学", "R": "乙中学"})
    got = {r["name"]: [r[f"{k}_{p}"] for k in ("backbone", "pe_art")
                       for p in ("before", "moved", "rotated", "after")] for r in rows}
    assert got == {"甲中学": [2, -1, -1, 0, 3, -2, 0, 1], "乙中学": [0, 1, 1, 2, 0, 2, 0, 2]}
    # before is the county before the moves, as the data give it
    today = stock(data.teachers)
    assert [today[("S", "junior")].tolist(), today.get(("R", "junior"))] == [[2, 3], None]
    assert [(r["name"], r["pe_art_need"]) for r in rows] == [("乙中学", 1), ("甲中学", None)]  # by code


def test_a_school_still_short_says_what_the_engine_says_of_it():
    """Brief hteach 2, on the engine's own verdict (evaluate, no plan): B has 9 骨干 for 1,000
    pupils (0.9 per 100 against 1: 90%, the other six met: passes); C 8 (80%, below 85%:
    fails); E 9 骨干 (90%) and 8 体育艺术 (0.8 against 0.9: 88.9%): two short, fails though
    each is above 85%."""
    from junheng.evaluate import evaluate
    from junheng.planning.compliance_teacher_figures import engine_verdicts
    from junheng.report.teacher_figures_table import short_text

    data = county(primary_school("B", 1000, backbone=0.9), primary_school("C", 1000, backbone=0.8),
                  primary_school("E", 1000, backbone=0.9, pe_art=0.8))
    said = engine_verdicts(evaluate(data))
    B, C, E = school_id("B"), school_id("C"), school_id("E")
    assert [said[(s, "primary")] for s in (B, C, E)] == [
        {"school_passes": True, "school_floor": 0.85, "backbone_ratio": 0.9, "pe_art_ratio": 1.0},
        {"school_passes": False, "school_floor": 0.85, "backbone_ratio": 0.8, "pe_art_ratio": 1.0},
        {"school_passes": False, "school_floor": 0.85, "backbone_ratio": 0.9,
         "pe_art_ratio": 0.8889}]
    rows = [{"name": f"{s}小学", "stage": "primary", "backbone_after": n, "backbone_need": 10,
             "backbone_hired": 0, **said[(school_id(s), "primary")]}
            for s, n in (("B", 9), ("C", 8), ("E", 9))]
    assert short_text(rows, "backbone") == (
        "调配后县级以上骨干教师仍少于标准所需的有 3 所学校："
        "B小学（小学）少 1 名，本方案未安排引进或培养认定，达到标准的 90%，在“其余指标不低于 85%”的范围内，该校达标；"
        "C小学（小学）少 2 名，本方案未安排引进或培养认定，达到标准的 80%，低于 85%，该校未达标；"
        "E小学（小学）少 1 名，本方案未安排引进或培养认定，达到标准的 90%，在 85% 以上，但该校其他指标未达标，该校未达标")
