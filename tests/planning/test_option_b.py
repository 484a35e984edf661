"""The 整改 and the 自评 say at their top what 方案乙 would change (review rv10 finding 12: every
figure held for 方案甲 only while 局务会 had not chosen)."""

from types import SimpleNamespace as NS

import pytest

from junheng.planning.option_b import counts_text, option_b, option_b_text, short_shares

RATES = {"primary": 8.0395, "junior": 8.8434, "ratio": 0.867}


def _school(name, beyond, primary, junior):
    return NS(name=name, sports_beyond_cap_area=beyond, students_after={"primary": primary, "junior": junior},
              sports_m2=RATES, action="expand")


def test_short_shares_reads_each_receiver_s_area_as_a_share_of_the_standard():
    # 新区 (一贯制) need 8.0395 × 462 + 8.8434 × 681 = 3,714.25 + 6,022.36 = 9,736.61 m²;
    # 0.867 × (1 − 3,510 / 9,736.61) = 0.867 × 0.63951 = 0.5545; 四中 0.867 × (1 − 1,291 /
    # (8.8434 × 679 = 6,004.67)) = 0.867 × 0.78500 = 0.6806; 二小 has nothing beyond its ground
    outcome = NS(schools=[_school("新区", 3510.0, 462, 681), _school("四中", 1291.0, 0, 679),
                          _school("二小", 0.0, 900, 0)],
                 evaluation=NS(after={"junior": {"sports_area_per_student": 0.737}}))
    got = short_shares(outcome)
    assert [n for n, _ in got["sports_short_share"]] == ["新区", "四中"]
    assert [s for _, s in got["sports_short_share"]] == [pytest.approx(0.5545, abs=1e-4),
                                                         pytest.approx(0.6806, abs=1e-4)]
    assert got["cvs_after"] == {"junior": {"sports_area_per_student": 0.737}}


ALTERNATIVE = {"sports_short": [["新区实验学校", 3510, True, True], ["第三初级中学", 1801, True, True],
                                ["第四中学", 1291, False, True]],
               "sports_short_share": [["新区实验学校", 0.5545], ["第三初级中学", 0.6708], ["第四中学", 0.8600]],
               "cvs_after": {"primary": {"sports_area_per_student": 0.715, "teaching_area_per_student": 0.5},
                             "junior": {"sports_area_per_student": 0.737}}}
LAYOUT_CVS = {"primary": {"sports_area_per_student": 0.7151, "teaching_area_per_student": 0.4},
              "junior": {"sports_area_per_student": 0.693}}


def test_option_b_prices_the_demo_s_6602_m2_and_keeps_the_sports_cvs_that_differ():
    # the layout's 表 7: 3,510 + 1,801 + 1,291 = 6,602 m² × (600 + 900 元) = 990.30 万元; the
    # primary sports CV differs by 0.0001 (not said), the teaching CV is not the sports one
    ob = option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85)
    assert ob == {"schools": [["新区实验学校", 3510, 0.5545, True], ["第三初级中学", 1801, 0.6708, True],
                              ["第四中学", 1291, 0.86, False]],
                  "area": 6602, "cost": 990.3, "price": 0.15, "floor": 0.85,
                  "cvs": [["junior", "sports_area_per_student", 0.693, 0.737]]}
    assert option_b(None, LAYOUT_CVS, set(), 0.15, 0.85) is None
    assert option_b({**ALTERNATIVE, "sports_short": []}, LAYOUT_CVS, set(), 0.15, 0.85) is None


def test_the_paragraph_says_which_schools_fail_under_option_b_and_the_cv():
    ob = option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85)
    assert option_b_text(ob) == (
        "本措施的整改投资、学校达标数和差异系数均按布局调整方案甲（新建学校）测算，局务会尚未在甲、乙两案中选定。"
        "如采用方案乙（不新建学校）：新区实验学校、第三初级中学、第四中学另缺体育运动场馆面积 6,602 平方米"
        "（依次 3,510、1,801、1,291 平方米，本校用地放不下），新区实验学校按方案乙的学生数生均体育运动场馆面积为标准的"
        " 55.5%，低于 85%，学校达标不能通过（方案甲按本措施通过）；第三初级中学按方案乙的学生数生均体育运动场馆面积"
        "为标准的 67.1%，低于 85%，学校达标不能通过（方案甲按本措施通过）；第四中学方案甲按本措施仍未通过；"
        "按本措施单价（每平方米 1,500 元）补足一次约 990.30 万元，不在本措施投资内；布局调整后初中生均体育运动场馆面积"
        "差异系数方案甲 0.693、方案乙 0.737。选定方案乙须按方案乙重新测算达标路径。")
    assert option_b_text(None) == ""
    # a school 方案甲 holds as 待核实 (its new rooms have no site) is not said to pass under 甲
    held = option_b_text(ob, {"junior": {"units": 18, "passing": 14, "unsited_passing": ["第三初级中学"]}})
    assert ("第三初级中学按方案乙的学生数生均体育运动场馆面积为标准的 67.1%，低于 85%，学校达标不能通过"
            "（方案甲按本措施为待核实，不计入达标学校数）") in held
    assert "新区实验学校按方案乙的学生数生均体育运动场馆面积为标准的 55.5%，低于 85%，学校达标不能通过（方案甲按本措施通过）" in held
    # a school above the floor under 乙 is said with its share, no verdict
    above = {**ob, "schools": [["第四中学", 1291, 0.86, True]], "cvs": []}
    assert "第四中学按方案乙的学生数生均体育运动场馆面积为标准的 86.0%；按本措施单价" in option_b_text(above)


#: the units after 方案甲's plan: 新区 (一贯制) passes in both stages, 三初中 passes, 四中 fails,
#: 文化路初中 is the new school only 方案甲 builds, 东城小学 passes
UNITS = {"新区实验学校": [("primary", True), ("junior", True)], "第三初级中学": [("junior", True)],
         "第四中学": [("junior", False)], "文化路初中": [("junior", True)], "东城小学": [("primary", True)]}
#: 方案甲's counts at the forecast's middle figure: 2 of 2 小学; 4 初中, 3 passing, 文化路初中 only
#: once its new 骨干 are 认定 (held apart: 3 − 1 = 2/4)
STAGES = {"primary": {"units": 2, "passing": 2},
          "junior": {"units": 4, "passing": 3, "appointed_passing": ["文化路初中"]}}


def test_option_b_has_its_own_units_without_the_new_school_and_no_count_of_option_a_s():
    """Review rv29 1: 「方案乙小学 39/44 所（另 3 所待核实）、初中 12/18 所」 was 方案甲's 18 junior units,
    the new school only 甲 builds among them, less 乙's failures: a count mixing the two plans.
    方案乙 is not evaluated school by school: its own units (2 小学; 4 − 文化路初中 = 3 初中) and no count."""
    ob = option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85, UNITS, frozenset({"文化路初中"}))
    assert ob["units"] == {"primary": 2, "junior": 3}
    assert "flips" not in ob
    text = option_b_text(ob, STAGES)
    assert text.startswith("本措施的整改投资、学校达标数和差异系数均按布局调整方案甲（新建学校）测算，局务会尚未在甲、乙两案中"
                           "选定（本措施各表和工作簿所列达标学校数均为方案甲的，两方案的见下段）。如采用方案乙（不新建学校）：")
    assert text.endswith("差异系数方案甲 0.693、方案乙 0.737。选定方案乙须按方案乙重新测算达标路径。")
    assert counts_text(ob, STAGES) == (
        "学校达标数（按预测中位数；待核实的不计入，与“评估未达标和待核实指标的整改措施”表同一口径）："
        "方案甲小学 2/2 所、初中 2/4 所（另 1 所待核实）；方案乙未逐校测算（不新建学校，参评小学 2 所、初中 3 所）。")
    # without a new school 乙's units are 甲's: 2 and 4
    assert option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85, UNITS)["units"] == {"primary": 2, "junior": 4}
    # a plan.json before 乙's units (its ``flips``): no unit count, and still no 方案甲 figure for 乙
    assert counts_text({"flips": {"junior": ["新区实验学校"]}}, STAGES).endswith("；方案乙未逐校测算。")


#: the demo's shape (brief hcounts 1): 新区实验学校's units and 第三初级中学's pass under 方案甲 only
#: with new rooms that have no site, held apart as 待核实 by table 1 (43 − 1 − 2 = 40/44 with
#: another 1 unsited primary unit, 14 − 2 = 12/18)
UNSITED = {"primary": {"units": 44, "passing": 43, "assumed_passing": ["城东新区第二小学"],
                       "unsited_passing": ["新区实验学校", "第一小学"]},
           "junior": {"units": 18, "passing": 14, "fragile_passing": ["甲"],
                      "unsited_passing": ["新区实验学校", "第三初级中学"]}}


def test_option_a_s_counts_are_table_1_s():
    from junheng.planning.compliance_summary import passing_text

    ob = option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85, UNITS)
    text = counts_text(ob, UNSITED)
    # 甲 as table 1: 43 − 2 unsited − 1 assumed = 40/44, 14 − 2 unsited = 12/18
    assert passing_text(UNSITED["primary"], " 所达标").startswith("40/44 所达标（另 3 所待核实），另 2 所（新区实验学校、第一小学）")
    assert passing_text(UNSITED["junior"], " 所达标").startswith(
        "按预测中位数 12/18 所达标，其中 1 所余量小于预测误差，另 2 所（新区实验学校、第三初级中学）")
    assert text.startswith("学校达标数（按预测中位数；待核实的不计入，与“评估未达标和待核实指标的整改措施”表同一口径）："
                           "方案甲小学 40/44 所（另 3 所待核实）、初中 12/18 所（另 2 所待核实）；方案乙未逐校测算（")
    # nothing held apart: no basis for it
    assert counts_text(ob, {"junior": {"units": 18, "passing": 14}}) == (
        "学校达标数（按预测中位数）：方案甲初中 14/18 所；方案乙未逐校测算（不新建学校，参评小学 2 所、初中 4 所）。")


def test_the_chapter_opens_with_option_b_after_its_verdict(monkeypatch):
    from test_compliance_outputs import _doc

    from junheng.report import compliance_docx
    from junheng.report.word_document import WordReport

    monkeypatch.setattr(compliance_docx, "write_combined", lambda r, doc, brief=False: None)
    ob = option_b(ALTERNATIVE, LAYOUT_CVS, {"第四中学"}, 0.15, 0.85)
    r = WordReport()
    compliance_docx.add_compliance_chapter(r, {**_doc(confirmed=False), "combined": {"option_b": ob}})
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # title, the status line under it (brief hhigh), the verdict, then option 乙
    assert paras[3] == option_b_text(ob)
