"""布局调整方案.docx: the layout plan as its own Word document (the 自评报告 refers to it), and
its 求解信息 table (report/layout_info.py): Chinese labels, a 说明 for every money row, a note
where rounded parts do not add up to the total."""

from dataclasses import replace

from docx import Document
from docx.oxml.ns import qn
from report_builders import example_layout_outcome, paragraphs, table_rows

from junheng.report.layout_docx import write_layout_docx
from junheng.report.layout_info import SOLVE_WIDTHS, solve_rows

SPENT = "计入财政支出（见“调整前后对比”的财政支出各行）"
WEIGHT = "只用于比选方案，计入综合评价值，不是财政支出"
BUILT = "计入一次性建设投资（见“调整方案”的建设投资列）"
VERDICT = "未复核（本方案未按优质均衡标准复核差异系数）"


def test_the_layout_plan_is_its_own_document_with_the_solve_table(tmp_path):
    path = write_layout_docx(example_layout_outcome(), tmp_path / "布局调整方案.docx", county="示例县")
    doc = Document(str(path))
    texts = paragraphs(doc)
    assert texts[0] == ("Title", "示例县义务教育学校布局调整方案（测试方案，规划年 2027 学年）")
    assert [t for s, t in texts if s == "Heading 1"] == ["一、调整方案", "二、测算方法和未满足的规则",
                                                        "附录  测算参数与求解情况（供技术审核）"]
    # review rv 13: 一 opens with the 方案概要 table, then each subject under its own sub-head
    assert [t for s, t in texts if s == "Heading 2"] == ["（一）财政支出", "（二）调整项目与实施学年", "（三）撤并程序",
                                                            "（四）调整前后对比"]
    method, summary = (t for _, t in texts[[t for _, t in texts].index("二、测算方法和未满足的规则") + 1:][:2])
    # review rv5 13: how the plan was computed, then its status in words (the example has no
    # weights or prices set: none is quoted); the 综合评价值 is 表2's 100.00 万元
    # rv24 3: the 分流下限 is a rule met where it can be, priced per pupil short, not a bound
    # brief hsolve 1: the least is the solver's target, its terms named though this plan has none
    assert method == ("本方案的测算方法：按走读单程时间、学校规模上限等规则，比较撤并、扩建和新建的各种组合，取求解目标（综合评价值"
                      "加上以临时周转解决的教室按新建计入的年均摊和分流下限的计入额）最低的一种；保留学校的分流下限尽量满足、不是必须满足的规则（少留的学生按附录所列计入额计入测算模型，不是支出，"
                      "不计入综合评价值）。综合评价值每年 100.00 万元，是每年运行支出（校点运行、校车接送、"
                      "寄宿生活与管理等）和建设投资均摊到每年，加上学生通行时间、小规模学校多配教职工等的折算；"
                      "这些折算是权重，不是支出，综合评价值只用于比选方案。")
    # review rv3 7: the running text says what the figures rest on, no 最优 (the 附录 keeps it);
    # the example is optimal at a proven gap of 0
    assert summary == ("按所设单价和权重测算，求解目标（综合评价值加计入额）最低（测算模型按表列建设和撤并如期实施计算）；未满足的规则：无；"
                       f"是否满足差异系数上限：{VERDICT}。全部单价、权重、规则和计算情况见附录“测算参数与求解情况”。")
    assert "最优" not in summary
    captions = [t for _, t in texts if t.startswith("表 ")]
    # the plan's money by school year (planning.layout_spending) follows the actions; the new
    # school's steps follow them (review rv15 14, planning.layout_new_steps)
    assert captions == ["表 1  方案概要", "表 2  分年度财政支出", "表 3  布局调整项目与实施学年",
                        "表 4  新建学校实施步骤", "表 5  布局调整前后对比", "表 6  求解信息"]
    # the example closes one 教学点 in phase 2 of data year 2025, expands one school and opens
    # one (example_layout_outcome); its 建设投资 is 14,400,000 元
    assert table_rows(doc.tables[0]) == [
        ["项目", "内容"], ["撤并", "教学点 1 个（2027 学年实施）"], ["新建、扩建", "扩建 1 所，新建 1 所"],
        ["一次性投资", "一次性建设投资 1,440.00 万元"], ["每年运行支出变化", "—"], ["未满足规则", "无"],
        ["差异系数", VERDICT]]
    assert table_rows(doc.tables[-1]) == [
        ["项目", "值", "说明"], ["方案", "测试方案", ""], ["求解状态", "求解目标在设定权重和计入额下最优（与下界差 0%，在容差 0.01% 内）", ""], ["未满足的规则", "无", ""],
        ["是否满足差异系数上限", VERDICT, "按优质均衡 2017 差异系数上限复核规划后的县域"],
        ["综合评价值（每年，支出加上对通行时间、面积缺口等的折算，越低越好）", "100.00 万元", "只用于比选方案，不是财政支出"],
        ["综合评价值说明", "综合评价值＝每年财政支出（不含按生均公用经费基准定额测算的公用经费 0 元：学生数不随方案变化，各方案相同）"
         "＋建设投资年均摊＋权重（通行时间折算 0 元、小规模学校多配教职工 0 元），只用于比选方案，不是财政支出", ""],
        ["可能的最低值（下界，每年）", "100.00 万元", "下界：求解器证明任何方案的综合评价值都不会低于此数；"
         "本方案与它相差越小，越能说明在所设单价和权重下已没有更好的方案"],
        ["与可能的最低值的差距（最优性差距）", "0%", "（综合评价值 − 下界）÷ 综合评价值，即 0.00 元 ÷ 1,000,000.00 元；"
         "不超过 0.01%（万分之一）即为在所设单价和权重下已是最低"],
        ["求解用时（秒）", "0.1", "计算机求出本方案所用的时间"]]
    widths = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
              for tc in doc.tables[-1]._tbl.tr_lst[0].tc_lst]
    assert [round(w / sum(widths) * sum(SOLVE_WIDTHS)) for w in widths] == list(SOLVE_WIDTHS)


def test_the_workbook_solve_sheet_has_the_same_columns(tmp_path):
    from openpyxl import load_workbook

    from junheng.report.layout_xlsx import write_layout_xlsx

    ws = load_workbook(write_layout_xlsx(example_layout_outcome(), tmp_path / "plan.xlsx"))["求解信息"]
    assert [c.value for c in ws[1]] == ["项目", "值", "说明"]
    assert [c.value for c in ws[6]] == ["综合评价值（每年，支出加上对通行时间、面积缺口等的折算，越低越好）", "100.00 万元",
                                        "只用于比选方案，不是财政支出"]
    # xlsxwriter stores a width in characters with its cell padding added
    assert [ws.column_dimensions[k].width for k in "ABC"] == [w + 0.7109375 for w in SOLVE_WIDTHS]


def test_every_money_setting_has_its_reason_and_weights_are_not_spending():
    plan = replace(example_layout_outcome(),
                   weights={"yuan_per_pupil_minute": 0.2, "boarder_yuan_per_year": 1500,
                            "hall_beyond_cap_yuan_per_m2": 10000},
                   costs={"classroom_yuan": 800000, "classroom_area_m2": 120},
                   rules={"school_bus_km": 5})
    rows = solve_rows(plan)[9:]
    assert [(row[0].split("：")[0], row[1], row[2]) for row in rows] == [
        ("财政支出单价", "1,500", SPENT),
        ("权重（不是财政支出）", "0.2", WEIGHT),
        # its description says 权重（不是支出）: no longer under 财政支出单价
        ("权重（不是财政支出）", "10,000 元/平方米", WEIGHT),
        ("单价", "800,000 元", BUILT),
        ("单价", "120", ""),  # an area, not money
        ("规则", "5", "")]
    assert rows[2][0].startswith("权重（不是财政支出）：未能补足的体育运动场馆面积折算额（元/平方米）：接收学校") and "：权重（不是支出）" not in rows[2][0]


def test_rounded_parts_that_miss_the_total_say_so():
    # the demo's 2030 plan: 4,826.04 − 2,891.22 + 240.07 + 1,405.82 + 68.42 = 3,649.13 万元
    # while the objective 36,491,393 元 reads 3,649.14 万元
    after = {"operating_yuan": 48_260_424.0, "operating_pupil_yuan": 28_912_200.0,
             "capital_annual_yuan": 2_400_716.0, "travel_weight_yuan": 14_058_242.0,
             "staff_weight_yuan": 684_211.0, "objective_yuan": 36_491_393.0}
    plan = example_layout_outcome()
    plan = replace(plan, objective=36_491_393.0, metrics={**plan.metrics, "after": after})
    assert solve_rows(plan)[4] == [
        "综合评价值（每年，支出加上对通行时间、面积缺口等的折算，越低越好）", "3,649.14 万元",
        "只用于比选方案，不是财政支出；各项四舍五入到 0.01 万元，相加为 3,649.13 万元，与合计 3,649.14 万元"
        "相差 0.01 万元（舍入所致）"]
    whole = {"operating_yuan": 48_260_400.0, "operating_pupil_yuan": 28_912_200.0,
             "capital_annual_yuan": 2_400_700.0, "travel_weight_yuan": 14_058_200.0,
             "staff_weight_yuan": 684_200.0, "objective_yuan": 36_491_300.0}  # parts add up
    plan = replace(plan, objective=36_491_300.0, metrics={**plan.metrics, "after": whole})
    assert solve_rows(plan)[4][1:] == ["3,649.13 万元", "只用于比选方案，不是财政支出"]


def test_kept_schools_are_shown_by_name_without_their_code():
    # review item 10: "必须保留的学校标识码 | 4103310800" with no name; rv10: then 「洛北县城东新区
    # 第二小学（4103310800）」, a ten-digit code in the annex's prose. An unknown id keeps its code.
    plan = example_layout_outcome()
    sid, name = plan.schools[0].school_id, plan.schools[0].name
    rows = {r[0]: r[1] for r in solve_rows(replace(plan, rules={"keep": [sid, "X9"]}))}
    assert rows["规则：必须保留的学校"] == f"{name}、标识码 X9"
    assert sid not in rows["规则：必须保留的学校"]


def test_the_document_names_the_workbook_by_its_title(tmp_path):
    # planner review item 3: "布局方案工作簿（layout/plan.xlsx）" named a folder of the solver's;
    # planner review finding 14: then 「（Excel 文件，布局规划结果页下载的…）」, English and a web page
    path = write_layout_docx(example_layout_outcome(), tmp_path / "布局调整方案.docx", county="示例县")
    text = "\n".join(t for _, t in paragraphs(Document(str(path))))
    assert "plan.xlsx" not in text and "layout/" not in text
    assert ("逐校分配、一至三年级远距离等明细见《布局调整方案工作簿》"
            "的“调整方案”“学生分配”“城区划片”“一至三年级远距离”表。") in text
    assert "Excel" not in text and "结果页下载" not in text


def test_the_default_scenario_name_stays_out_of_the_title_and_the_boarding_gap_names_the_target(
        tmp_path):
    # review finding 13 and 15: 默认方案 is the software's name, not the leader's; a town left
    # without a boarding school misses 孟津区's 每个镇区寄宿制 target, as the ledger row says
    unmet = "本方案不满足：甲镇不设寄宿制小学（原因：……）。"
    plan = replace(example_layout_outcome(), scenario="默认方案",
                   rules={**example_layout_outcome().rules, "boarding_per_town_unmet": unmet},
                   notes=(unmet,))
    path = write_layout_docx(plan, tmp_path / "布局调整方案.docx", county="示例县")
    doc = Document(str(path))
    texts = [t for _, t in paragraphs(doc)]
    assert texts[0] == "示例县义务教育学校布局调整方案（规划年 2027 学年）"
    # planner review 2026-12-04: nor anywhere else (the paragraph, the 求解信息 table)
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert not [t for t in texts + cells if "默认方案" in t]
    assert texts[texts.index("一、调整方案") + 1].startswith("布局调整方案（目标学年 2027")
    assert solve_rows(plan)[0] == ["方案", "布局调整方案", ""]
    # with a 方案乙 beside it, the plan is 方案甲（新建学校）, as the comparison table says
    assert solve_rows(replace(plan, alternative={"once_yuan": 0.0}))[0] == ["方案", "方案甲（新建学校）", ""]
    # planner review 2026-12-05 finding 5: the target in the paragraph naming the towns, no
    # other county's plan cited
    assert f"说明：{unmet}这些乡镇因此也达不到“每个镇区至少建成寄宿制初中、小学各1所”这类规划目标（规划台账该行按现状" \
        "列出尚无寄宿制小学和初中的乡镇）：如要达到，须另行决定在这些乡镇建设寄宿制学校。" in texts
    assert not [t for t in texts if "孟津" in t or "上述乡镇" in t]


def test_the_staff_pay_row_is_split_into_its_spending_and_its_weight():
    # review 2026-12-04 finding 9: teacher_yuan_per_year was one row "权重（不是财政支出）：教职工人均
    # 人员经费…按此计入财政支出" although the layout's 新聘教师人员经费 (72 × 100,000 = 720 万元 in
    # the demo) is that value times the ledger's hires; it is one value used twice, a row per
    # use. The 折算年限 only spreads construction in the 综合评价值; the pupil floor and the
    # distance say which spending counts (not unit prices).
    plan = replace(example_layout_outcome(),
                   weights={"teacher_yuan_per_year": 100000, "capital_years": 20,
                            "funding_floor_pupils": 100, "transport_min_km": 3},
                   costs={}, rules={})
    rows = [(r[0].split("：")[0], r[0].split("：")[1][:8], r[1], r[2]) for r in solve_rows(plan)[9:]]
    assert rows == [
        ("财政支出单价", "新聘教师人员经费", "100,000", SPENT),
        ("财政支出口径", "不足该人数的农村", "100", ""),
        ("财政支出口径", "计交通补助的走读", "3", ""),
        ("权重（不是财政支出）", "小规模学校和教学", "100,000", WEIGHT),
        ("权重（不是财政支出）", "建设投资折算年限", "20", WEIGHT)]
    assert not [r for r in solve_rows(plan) if r[0].startswith("权重") and "计入财政支出（" in r[0]]


def test_the_solve_table_shows_the_score_without_the_penalty_and_the_solvers_figures_apart():
    # review he: the solver's objective 4,612.01 万 held 6 pupils under a 分流下限 at 100 万 each
    # (600 万) and 4.20 万 for a room met by 临时周转 priced as built; the plan's 综合评价值 is
    # 4,612.01 − 600 − 4.20 = 4,007.81 万, and the bound (4,611.70 万) is the solver's, not the
    # score's
    plan = replace(example_layout_outcome(), objective=46_120_100.0, bound=46_117_000.0,
                   metrics={"after": {"objective_yuan": 40_078_100.0, "relief_short_pupils": 6.0}})
    rows = {r[0]: r[1:] for r in solve_rows(plan)}
    score = rows["综合评价值（每年，支出加上对通行时间、面积缺口等的折算，越低越好）"]
    assert score == ["4,007.81 万元", (
        # review rv28 1: said once as the sum, 4,007.81 + 4.20 + 600.00 = 4,612.01
        "只用于比选方案，不是财政支出；求解器的目标值 4,612.01 万元 ＝ 本方案的综合评价值 4,007.81 万元 ＋ 以临时周转解决的"
        "教室按新建计入的建设投资年均摊 4.20 万元（借用不建，不计入综合评价值） ＋ 保留学校低于分流下限的 6 人的计入额 "
        "600.00 万元（每人每年 100.00 万元，为保证保留学校留住分流下限所定生源的约束，不是支出，不计入综合评价值），"
        "最优和差距按求解器的目标值计算（综合评价值见“调整前后对比”）")]
    # review rv5 13: no 罚项; the bound said once, in words, of the solver's objective
    assert rows["求解器目标值的可能最低值（下界，每年）"] == [
        "4,611.70 万元", "下界：求解器证明任何方案的求解器目标值（上行，含按新建计入的教室和分流下限的计入额）都不会低于此数；"
        "本方案与它相差越小，越能说明在所设单价和权重下已没有更好的方案"]
    assert rows["求解器目标值（每年）"][0] == "4,612.01 万元"  # 4,007.81 + 4.20 + 6 × 100
    assert rows["与可能的最低值的差距（最优性差距）"][1] == (  # 4,612.01 − 4,611.70 万元 in 元
        "（求解器目标值 − 下界）÷ 求解器目标值，即 3,100.00 元 ÷ 46,120,100.00 元；不超过 0.01%（万分之一）即为在所设单价和权重下已是最低")


def test_the_rules_unmet_are_said_in_full_once_and_counted_elsewhere(tmp_path):
    # review rv 6: the same ~1,700-character 未满足的规则 five times in the document (二's
    # headline, both columns of 表5, 三, 表6); now in full once, under 三 (测算方法和未满足的规则), numbered
    from junheng.planning.layout_options import UNMET_WHERE, option_facts
    from junheng.planning.layout_unmet import unmet_lines

    plan = replace(example_layout_outcome(), rules={**example_layout_outcome().rules,
                                                    "boarding_per_town_unmet": "本方案不满足：甲镇不设寄宿制小学（原因：没有 50 名需要寄宿的学生）。"})
    plan = replace(plan, alternative=option_facts(plan))
    doc = Document(str(write_layout_docx(plan, tmp_path / "布局调整方案.docx", county="示例县")))
    texts = [t for _, t in paragraphs(doc)]
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    full = unmet_lines(plan)[0]
    assert full == "“每个乡镇保留寄宿制小学和初中”未全部满足：甲镇不设寄宿制小学（原因：没有 50 名需要寄宿的学生）"
    assert sum(t.count(full) for t in texts + cells) == 1
    assert texts[texts.index("三、测算方法和未满足的规则") + 3] == f"（1）{full}。"
    # review ht 4: the list numbers the rules the status counts, no other item
    assert "未满足规则 1 项（不含差异系数）；未满足的规则：1 项（不含差异系数），逐项见下；" in \
        texts[texts.index("三、测算方法和未满足的规则") + 2]
    # 表5: each option's count and short label; its headline counts them
    assert ["未满足的规则", "1 项：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学）", "1 项：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学）",
            UNMET_WHERE] in [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    # 二 opens with the plans' money and who decides (rv 1), then the other differences, counted
    assert texts[texts.index("二、是否新建学校：两个方案比较") + 1].endswith("选择哪个方案由局务会决定。")
    assert "未满足的规则方案甲 1 项、方案乙 1 项（不含差异系数）" in texts[texts.index("二、是否新建学校：两个方案比较") + 2]
    # the 附录 (表6) the count and where; the workbook's 求解信息 keeps the sentence (its one place)
    assert ["未满足的规则", "1 项（不含差异系数）：每个乡镇保留寄宿制小学和初中（甲镇不设寄宿制小学）（逐项见正文“三、测算方法和未满足的规则”）", ""] \
        in table_rows(doc.tables[-1])
    assert ["未满足的规则", f"1 项（不含差异系数）：（1）{full}", ""] in solve_rows(plan)


def test_section_two_opens_with_what_each_plan_costs_and_what_the_ranking_rests_on(tmp_path):
    # review rv 1: 方案乙 spends less and 方案甲 ranks first only through the sports-area
    # weight. The example's 方案甲: 建设投资 14,400,000 元, no running figure, 综合评价值
    # 1,000,000 (its objective), no sports weight; 方案乙 here: 2,400,000 元, 综合评价值
    # 1,200,000 of which 400,000 sports weight. Without the weights 乙 scores 800,000 < 1,000,000.
    from junheng.planning.layout_options import option_facts

    plan = replace(example_layout_outcome(), weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20})
    other = {**option_facts(plan), "once_yuan": 2_400_000.0, "objective_yuan": 1_200_000.0,
             "sports_weight_yuan": 400_000.0, "sports_short": [["示例县第一初级中学", 800, True]]}
    doc = Document(str(write_layout_docx(replace(plan, alternative=other), tmp_path / "a.docx", county="示例县")))
    texts = [t for _, t in paragraphs(doc)]
    assert texts[texts.index("二、是否新建学校：两个方案比较") + 1] == (
        "两个方案的财政支出：方案甲（新建学校）一次性建设投资 1,440.00 万元，每年运行支出 0 元；方案乙（不新建学校）"
        "一次性建设投资 240.00 万元，每年运行支出 0 元。与方案甲相比，方案乙一次性建设投资少 1,200.00 万元，每年运行支出相同。"
        "在设定权重下方案甲综合评价值较低，只因体育运动场馆面积缺口按每平方米 10,000 元（分 20 年计入）的权重计入："
        "这一权重是设定的假设值，不是支出；不计这一权重，方案乙综合评价值较低。选择哪个方案由局务会决定。")
    # 400,000 元 a year at 10,000 / 20 = 500 元 per m² a year: 800 m² short in 方案乙, the school's
    # whole m² the table prints (brief hfix10a 1: the total is the schools' figures added up)
    assert texts[texts.index("二、是否新建学校：两个方案比较") + 2] == (
        "两方案的其他差别（逐项见下表）：未满足的规则方案甲无、方案乙无（不含差异系数）；"
        "布局分流新增的体育运动场馆面积缺口方案甲 0 平方米、方案乙 800 平方米（需征地、租用或布局分流；不含各校原有的缺口）。")


def test_the_transition_rooms_are_a_table_by_school_and_year_with_the_caveat_once(tmp_path):
    # review rv 13: 「按数据不能确认有搭建的空地，须就近借用…」 five times in one paragraph.
    # The junior school meets 2 rooms by 临时周转 in 2027 and 1 in 2028 on 50 m² of ground
    # (2 × 100 m² needed: none fits); the nine-year school 1 room in 2027 on 30 m².
    from junheng.planning.layout_ground import BORROW
    from junheng.planning.layout_outcome import YearRooms

    plan = example_layout_outcome()
    ground = {"示例县第一初级中学": 50.0, "河口乡九年一贯制学校": 30.0}
    schools = tuple(replace(s, spare_ground_m2=ground.get(s.name)) for s in plan.schools)
    ids = {s.name: s.school_id for s in schools}
    plan = replace(plan, schools=schools, transition=(
        YearRooms(2027, ids["示例县第一初级中学"], "junior", 700, 2, 0, 2),
        YearRooms(2028, ids["示例县第一初级中学"], "junior", 650, 1, 0, 1),
        YearRooms(2027, ids["河口乡九年一贯制学校"], "junior", 170, 1, 0, 1)))
    doc = Document(str(write_layout_docx(plan, tmp_path / "b.docx", county="示例县")))
    texts = [t for _, t in paragraphs(doc)]
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    assert sum(t.count(BORROW) for t in texts + cells) == 1
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "学校" and t.rows[0].cells[1].text == "学年")
    unsure = "按数据不能确认有搭建的空地，须借用或租用（见表注）"
    assert table_rows(table) == [
        ["学校", "学年", "临时周转教室（间）", "场地说明"],
        ["示例县第一初级中学", "2027 学年", "2", f"最多 2 间，按每间 100 平方米需 200 平方米，校内空地至少 50 平方米，{unsure}"],
        ["示例县第一初级中学", "2028 学年", "1", "同上"],
        ["河口乡九年一贯制学校", "2027 学年", "1", f"最多 1 间，按每间 100 平方米需 100 平方米，校内空地至少 30 平方米，{unsure}"]]
    assert "（四）过渡期" in texts  # after （一）财政支出, （二）调整项目与实施学年 and （三）撤并程序


def test_the_plan_is_dated_the_day_given_and_names_its_data_year(tmp_path):
    # htext2 4: the report date and the data year are each named; example_layout_outcome's
    # data year is 2025, i.e. the 2025—2026 学年. The file's own dates are the day it was
    # made, not python-docx's template's 2013-12-23, and no 「python-docx」 signs it.
    from datetime import UTC, date, datetime, timedelta

    start = datetime.now(UTC).replace(microsecond=0)
    path = write_layout_docx(example_layout_outcome(), tmp_path / "布局调整方案.docx", county="示例县",
                             report_date=date(2026, 12, 6))
    doc = Document(str(path))
    assert paragraphs(doc)[1][1].startswith("报告日期：2026 年 12 月 6 日；数据学年：2025—2026 学年。逐校分配")
    props = doc.core_properties
    assert start <= props.created <= datetime.now(UTC) + timedelta(seconds=1)
    assert props.modified == props.created
    assert (props.author, props.comments) == ("均衡", "")


def test_two_options_make_a_neutral_title_and_the_overview_sets_the_other_beside_it(tmp_path):
    # review rv5 finding 3: the title and 表1 read as if 方案甲 were decided. Same options as
    # above: 方案乙 builds 1,440.00 − 240.00 = 1,200.00 万元 less and runs the same; its 800 m²
    # more short at the example's prices, land 600 + field 900 元 a m²: 800 × 1,500 = 1,200,000 元
    # = 120.00 万元, 1,200.00 − 120.00 = 1,080.00 万元 still less; the weight 10,000 元 a m² over
    # 20 years is what puts 方案甲 first.
    from junheng.planning.layout_options import option_facts

    plan = replace(example_layout_outcome(), weights={"hall_beyond_cap_yuan_per_m2": 10_000, "capital_years": 20})
    other = {**option_facts(plan), "once_yuan": 2_400_000.0, "objective_yuan": 1_200_000.0,
             "sports_weight_yuan": 400_000.0, "sports_short": [["示例县第一初级中学", 800, True]]}
    doc = Document(str(write_layout_docx(replace(plan, alternative=other), tmp_path / "a.docx", county="示例县")))
    assert paragraphs(doc)[0] == ("Title", "示例县义务教育学校布局调整方案（甲、乙两案，待局务会比选；测试方案，规划年 2027 学年）")
    overview = next(table_rows(t) for t in doc.tables if table_rows(t, 1)[0] == ["项目", "内容"])
    # rv10 15: the cell was nearly 400 characters; it now gives the money and points to the
    # 需局务会决定的事项 table, whose first row prices 方案乙's extra sports area short
    assert overview[-1] == ["与方案乙比较", (
        "方案乙（不新建学校）一次性建设投资少 1,200.00 万元，每年运行支出相同；"
        "选择哪个方案由局务会决定（见“需局务会决定的事项”和“二、是否新建学校：两个方案比较”）。")]
    decisions = next(table_rows(t) for t in doc.tables if table_rows(t, 1)[0] == ["事项", "可选做法及费用", "详见"])
    assert decisions[1] == ["是否新建学校", (
        "方案甲（新建学校）：一次性建设投资 1,440.00 万元，每年运行支出 0 元；"
        "方案乙（不新建学校）：一次性建设投资 240.00 万元，每年运行支出 0 元；"
        "按本方案单价补足方案乙多出的体育运动场馆面积缺口 800 平方米（相邻用地每平方米 600 元、室外体育运动场地每平方米 900 元），"
        "一次约 120.00 万元，方案乙加上这笔仍比方案甲少 1,080.00 万元"), "二、是否新建学校：两个方案比较"]
    # one option alone: the title and the table as before
    alone = Document(str(write_layout_docx(plan, tmp_path / "b.docx", county="示例县")))
    assert paragraphs(alone)[0] == ("Title", "示例县义务教育学校布局调整方案（测试方案，规划年 2027 学年）")
    assert next(table_rows(t) for t in alone.tables if table_rows(t, 1)[0] == ["项目", "内容"])[-1][0] == "差异系数"
