"""The two options side by side (planning/layout_options.py, review finding 8) on the result
page, in 布局调整方案.docx and in the workbook: one table, the same rows everywhere.

Hand figures: 方案甲 is ``_plan`` opening 城东社区片区新建学校 (12 rooms, 500 primary pupils in
540 seats) at 3,000.00 万元 once and 900.00 万元 a year (200.00 万元 of it new teachers);
方案乙 (its ``alternative``) builds 650.00 万元, spends 725.00 万元 a year and leaves
城关第一小学 8,055 m² of sports area short, weighed at 10,000 元/m² over 20 years:
8,055 × 500 = 4,027,500 元 a year."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from junheng.planning.layout_options import OPTION_HEADS
from junheng.report.layout_xlsx import write_layout_xlsx

from .test_layout_docs import AFTER, _job
from .test_layout_page import _plan

ALT = {
    "status": "最优",
    "unmet": "无",
    "once_yuan": 6_500_000.0,
    "operating_yuan": 7_250_000.0,
    "hire_staff_yuan": 0.0,
    "new_schools": [],
    "seat_short": [],
    "urban_rooms_short": 2,
    "sports_short": [["城关第一小学", 8055, True]],
    "sports_weight_yuan": 4_027_500.0,
    "oversized": [],
    "travel": [14.25, 2_345_000.0, 12, 300],
    "objective_yuan": 5_000_000.0,
    "weights_yuan": 4_496_500.0,
}
# brief hc2 (rv 5): the docx's sentence on what the order rests on, and 方案乙's extra gap at the
# plan's own land + field price: 8,055 m² × (600 + 900) 元 = 12,082,500 元 = 1,208.25 万元;
# 2,350.00 − 1,208.25 = 1,141.75 万元 still less
HEADLINE = (
    "在设定权重下方案甲综合评价值较低，只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入："
    "这一权重是设定的假设值，不是支出；不计这一权重，方案乙综合评价值较低。两方案均满足方案规则，是否新建学校由局务会决定。"
    "方案乙与方案甲相比：一次性建设投资少 2,350.00 万元，每年运行支出少 175.00 万元；"
    "布局分流新增的体育运动场馆面积缺口方案甲 0 平方米、方案乙 8,055 平方米（需征地、租用或布局分流，按权重计入综合评价值；不含各校原有的缺口，见整改措施）。"
    "按本方案单价补足方案乙多出的体育运动场馆面积缺口 8,055 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 900 元），"
    "一次约 1,208.25 万元，方案乙加上这笔仍比方案甲少 1,141.75 万元；面积缺口的权重每平方米 10,000 元高于这一造价，"
    "方案甲综合评价值较低来自权重，不是少花钱。"
)
ROWS = [
    [
        "一次性建设投资（财政支出，含接收学校补足生均面积）",
        "3,000.00 万元",
        "650.00 万元",
        "方案乙少 2,350.00 万元",
    ],
    [
        "每年运行支出（财政支出）",
        "900.00 万元（含新聘教师人员经费 200.00 万元）",
        "725.00 万元",
        "方案乙每年少 175.00 万元",
    ],
    # branch hp's 临时周转 row: 方案甲 (the hand plan) rents nothing; ALT, stored without
    # "temporary" (as plans before hp were), reads 未记录 and no difference is said.
    ["临时周转（借用或租用教室，不新建，按每间每学年计费）", "无", "未记录", ""],
    [
        "新建学校",
        "城东社区片区新建学校（建设投资 3,000.00 万元，教室 12 间，2030 学年学生 500 人）",
        "无",
        "",
    ],
    ["规划年缺教室或学位的学校（按年级编班缺教室的，或学生多于学位的）", "无", "无", ""],
    ["规划年县城学校缺少的普通教室（逐校按年级编班，方案新建教室后仍缺的，临时周转借用的不算已有教室）", "0 间", "2 间", "一校富余不抵另一校不足；与上行规划年借用的教室同一算法（逐校逐年级编班），上行另含县城以外的学校"],
    [
        "布局分流新增的体育运动场馆面积缺口（接收学校超出室内体育馆面积上限、超出留足本校缺口后的校内空地可建面积或不足一座最小馆，需征地、租用或布局分流；不含各校原有的缺口）",
        "无",
        "8,055 平方米：城关第一小学 8,055 平方米",
        "按权重每平方米 10,000 元、分 20 年即每平方米每年 500 元计入综合评价值（方案设置"
        "“未能补足的体育运动场馆面积折算额”“建设投资折算年限”；权重，不是支出）：方案甲每年 0.00 万元，"
        "方案乙 8,055 平方米 × 500 元 = 每年 402.75 万元",
    ],
    ["超规模学校（义务教育学生超过校额上限）", "无", "无", ""],
    ["通行：平均单程通行时间", "8.50 分钟", "14.25 分钟", ""],
    ["通行：学生单程通行时间合计", "120.0 万人·分钟/年", "234.5 万人·分钟/年", ""],
    ["通行：走读单程超过时间上限的学生", "0 人", "12 人", ""],
    ["寄宿生", "120 人", "300 人", ""],
    # stored as 「…最优（在容差 0.01% 内）」 and, before rv2 4, a bare 「最优」: no gap to quote
    ["测算结果", "按所设单价和权重测算，可新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）", "按所设单价和权重测算，不新建学校条件下求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）",
     # rv17 8: only the sports-area weight puts 方案甲 first (the paragraph above says so)
     "两方案的优劣取决于权重假设：体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入时方案甲综合评价值较低，不计该权重时方案乙较低"],
    ["未满足的规则", "无", "无", ""],
    [
        "综合评价值（权重：支出加上通行时间、面积缺口等的折算，只用于比选，不是支出，越低越好）",
        "310.00 万元",
        "500.00 万元",
        "其中权重（不是支出）方案甲 0.00 万元、方案乙 449.65 万元",
    ],
]


def _options_plan():
    plan = _plan()
    new = {
        "capital_yuan": 30_000_000.0,
        "students_after": {"primary": 500, "junior": 0},
        "capacity": {"primary": 540, "junior": 0},
    }
    zero = {"students_after": {"primary": 0, "junior": 0}, "capacity": {"primary": 0, "junior": 0}}
    schools = tuple(replace(s, **(new if s.action == "new" else zero)) for s in plan.schools)
    return replace(
        plan,
        schools=schools,
        metrics={"before": {}, "after": AFTER},
        objective=3_100_000.0,
        alternative=ALT,
        weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20},
    )


def test_the_page_shows_the_two_options_side_by_side(app, as_user):
    job_id = _job(app, "甲说明。", plan=_options_plan())
    page = as_user("admin").get(f"/plans/layout/jobs/{job_id}").text
    panel = re.search(r'<section class="panel" id="options">.*?</section>', page, re.S).group(0)
    assert "<h2>是否新建学校：两个方案比较</h2>" in panel
    assert f"<p><b>{HEADLINE}</b></p>" in panel
    heads = re.findall(r"<th>(.*?)</th>", panel)
    assert tuple(heads) == OPTION_HEADS
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", panel)
    assert [list(r) for r in rows] == ROWS
    assert "最优" not in HEADLINE and 'id="without-new"' not in page


def test_the_word_document_and_the_workbook_have_the_same_table(app, tmp_path: Path):
    job_id = _job(app, plan=_options_plan(), docx=True)
    doc = Document(str(Path(app.state.web.jobs.job_dir(job_id)) / "布局调整方案.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "二、是否新建学校：两个方案比较" in texts and "三、测算方法和未满足的规则" in texts
    # the Word document opens 二 with the plans' money and the weight behind the ranking (review
    # rv 1, branch hr), the web page's headline sentence said in these two paragraphs
    i = texts.index("二、是否新建学校：两个方案比较")
    assert texts[i + 1] == (
        "两个方案的财政支出：方案甲（新建学校）一次性建设投资 3,000.00 万元，每年运行支出 900.00 万元；方案乙（不新建学校）"
        "一次性建设投资 650.00 万元，每年运行支出 725.00 万元。与方案甲相比，方案乙一次性建设投资少 2,350.00 万元，每年运行"
        "支出少 175.00 万元。在设定权重下方案甲综合评价值较低，只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）"
        "的权重计入：这一权重是设定的假设值，不是支出；不计这一权重，方案乙综合评价值较低。选择哪个方案由局务会决定。")
    assert texts[i + 2].endswith("布局分流新增的体育运动场馆面积缺口方案甲 0 平方米、方案乙 8,055 平方米（需征地、租用或"
                                 "布局分流；不含各校原有的缺口）。")
    table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "项目" and t.rows[0].cells[1].text == OPTION_HEADS[1]
    )
    assert [[c.text for c in r.cells] for r in table.rows[1:]] == ROWS
    path = write_layout_xlsx(_options_plan(), tmp_path / "plan.xlsx")
    ws = load_workbook(path)["两个方案比较"]
    cells = [[c if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]
    assert cells == [list(OPTION_HEADS), ["结论", HEADLINE, "", ""], *ROWS]


def test_a_plan_without_an_alternative_has_no_table(app, as_user, tmp_path: Path):
    page = as_user("admin").get(f"/plans/layout/jobs/{_job(app, '甲说明。')}").text
    assert 'id="options"' not in page and "两个方案比较" not in page
    path = write_layout_xlsx(replace(_options_plan(), alternative=None), tmp_path / "plan.xlsx")
    assert "两个方案比较" not in load_workbook(path).sheetnames
