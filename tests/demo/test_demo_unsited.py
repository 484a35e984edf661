"""Review rv14 N4, N5, 3 and 4 on the demo (洛北县, plan day 2026-06-01).

N4: the layout builds rooms the land of three schools cannot hold (第四小学 2 小学 rooms: 2 × 120 ÷ 4
= 60 m² on the 0 m² its sports builds leave; 新区实验学校 6 初中 rooms, 144 m² on 0; 第三初级中学 4,
96 m² on 0), and the 达标路径 a music and an art room at 新区实验学校 (186 ÷ 4 = 46.5 m² on 0). Their
passes are 待核实, not 达标: 小学 42 − 2 = 40/44, 初中 14 − 2 = 12/18 (brief hland: 东城小学, passing
only with the layout's land not yet granted, is held apart too: 39/44); their money, 12 × 42.00 =
504.00 + 33.60 + 31.50 + 30.00 (the building fee) = 599.10 万元, is 需论证, the decided one-off total
7,405.91 − 599.10 = 6,806.81 万元 (hteach3: 4.00 less; hteach4: 2.00 less, no 学历提升 at 马沟镇).
3: 实验中学 (3 rooms: 72 m² on 0) and 第四中学 (2 rooms: 48 m² on 4) still borrow in 2030 and build
none: the 班额 row names them as not solved, with the options.
4: the rooms no school lends are 「租用校外用房（待落实，条件见下）」, the conditions said once.
"""

from __future__ import annotations

import json

from demo_helpers import docx_text as _docx
from demo_helpers import xlsx_text as _xlsx

from junheng.planning.compliance_summary import UNSITED
from junheng.planning.layout_footprint import UNSITED_MARK


def test_the_rooms_without_a_site_are_stated_and_their_passes_held_apart(demo_run):
    layout = json.loads((demo_run.out / "layout" / "plan.json").read_text(encoding="utf-8"))
    assert {s["name"]: s["unsited_rooms"] for s in layout["schools"] if s["unsited_rooms"]} == {
        "洛北县第四小学": 2, "洛北县新区实验学校": 6, "洛北县第三初级中学": 4}
    plan = json.loads((demo_run.out / "compliance" / "plan.json").read_text(encoding="utf-8"))
    after = plan["after"]["stages"]
    assert after["primary"]["unsited_passing"] == ["洛北县第四小学", "洛北县新区实验学校"]
    assert after["junior"]["unsited_passing"] == ["洛北县新区实验学校", "洛北县第三初级中学"]
    assert (after["primary"]["passing"], after["junior"]["passing"]) == (43, 14)
    book = _xlsx(demo_run.out / "compliance" / "达标路径工作簿.xlsx")
    for text in (book, _docx(demo_run.out / "compliance" / "整改措施.docx")):
        # rv29 2: 7 小学 and 3 初中 passing only once their new 骨干 are 认定 held apart too: 43 − 4 − 7 = 32,
        # 14 − 2 − 3 = 9; of the fragile, 第二实验小学 and 第一初级中学、红林镇初级中学 are left counted
        assert (f"按预测中位数 32/44 所达标（另 11 所待核实），其中 1 所余量小于预测误差，另 2 所（洛北县第四小学、洛北县新区实验学校）"
                f"{UNSITED}，待核实") in text
        assert f"按预测中位数 9/18 所达标（另 5 所待核实），其中 2 所余量小于预测误差，另 2 所（洛北县新区实验学校、洛北县第三初级中学）{UNSITED}" in text
    assert f"新建教室 6 间{UNSITED_MARK}" in book
    # brief hland: passing only with the layout's land not yet granted, their share without it:
    # 东城小学 (3,869 − 267) / 595 / 7.5 = 80.7 %, 第四小学 76.3 %, 第三初级中学 76.5 % (hsports)
    assert (after["primary"]["land_passing"], after["primary"]["land_shares"]) == (
        ["洛北县东城小学", "洛北县第四小学", "洛北县新区实验学校"], [0.807, 0.763, 0.996])
    assert (after["junior"]["land_passing"], after["junior"]["land_shares"]) == (
        ["洛北县新区实验学校", "洛北县第三初级中学"], [0.806, 0.765])
    # rv21 3: the 99.6 % held for another indicator below the standard, named from the re-check
    assert after["primary"]["land_others"] == [[], [], ["每百名学生拥有网络多媒体教室数"]]
    assert "land_others" not in after["junior"]
    for text in (book, _docx(demo_run.out / "compliance" / "整改措施.docx")):
        assert "另 1 所（洛北县东城小学）扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 80.7%，待核实" in text
        assert ("其中洛北县新区实验学校、洛北县第三初级中学另有扩充运动场地用地待自然资源部门确认，"
                "不计该用地生均体育运动场馆面积依次为标准的 80.6%、76.5%") in text
        # brief hstaff2 4: 新区实验学校's 小学 99.6 % is not below 85 %: 表 1 says why it is held, as 表 6 does,
        # naming the indicator below the standard (rv21 3)
        assert ("其中洛北县第四小学、洛北县新区实验学校另有扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积"
                "依次为标准的 76.3%、99.6%；洛北县新区实验学校虽不低于 85%，但另有每百名学生拥有网络多媒体教室数低于标准，"
                "生均体育运动场馆面积须达到标准") in text
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert ("不计该用地小学、初中生均体育运动场馆面积依次为标准的 99.6%、80.6%；小学虽不低于 85%，"
            "但另有每百名学生拥有网络多媒体教室数低于标准，生均体育运动场馆面积须达到标准") in layout


def test_their_money_is_not_decided(demo_run):
    plan = json.loads((demo_run.out / "compliance" / "plan.json").read_text(encoding="utf-8"))
    assert plan["combined"]["unsited"] == {"rooms": 12, "rooms_wan": 504.0, "schools": 1, "here_wan": 95.1,
                                           "wan": 599.1}
    assert plan["combined"]["once"] == 7406.21  # hteach4: no 学历提升 at 马沟镇九年制学校, 2.00 less; hfix9a + 0.30
    assert ("新建校舍本校用地放不下的 599.10 万元（布局调整新建教室 12 间 504.00 万元、达标路径 1 所学校新建校舍 95.10 万元，"
            "已计入上述合计）须先核定用地、由局务会决定，核定前为需论证事项，不作为已定投资，这些学校的相关指标为待核实；"
            "不计这部分，一次性财政支出合计 6,807.11 万元。") in _docx(demo_run.out / "compliance" / "整改措施.docx")


def test_target_year_borrowers_are_not_solved_and_rented_rooms_wait_for_premises(demo_run):
    text = _docx(demo_run.out / "compliance" / "整改措施.docx")
    assert ("仍缺普通教室 5 间（在借用教室上课的班级按平均班额计入；其中洛北县实验中学 3 间（校内用地放不下）、"
            "洛北县第四中学 2 间（校内用地放不下）规划年仍借用教室上课、本方案不新建，这些学校的普通教室不计为已解决，"
            "须由局务会决定（见《布局调整方案》“学区调整的选择”））") in text  # rv28 5: the options in 完成学年
    layout = _docx(demo_run.out / "布局调整方案.docx")
    assert ("洛北县新区实验学校：2028 学年 1 间：直线 3 公里内没有当年有空余教室、且在校额上限和达标要求内可以借出的学校，"
            "租用校外用房（待落实，条件见下）；2029 学年 1 间：") in layout
    assert layout.count("租用校外用房的条件（各校相同）") == 1
