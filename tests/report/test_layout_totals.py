"""The 总投资 table in the 布局调整方案 (brief hwords6 1): with a 达标路径 made after the layout
plan, （一）财政支出 says what the table is, its one-off total and where the layout's own totals
stand in it, then the table the 《整改措施》 and the 自评报告 print (same helper)."""

from docx import Document
from report_builders import example_layout_outcome, paragraphs, table_rows

from junheng.planning.plans_totals import HEADS, totals_rows
from junheng.report.layout_docx import write_layout_docx

#: the demo's figures (plans_totals): 5,156.52 + 1,874.12 = 7,030.64; + 182.00 + 195.27 = 7,407.91;
#: 1,874.12 + 195.27 = 2,069.39; 7,407.91 − 378.60 = 7,029.31
PLAN = {"totals": {"one_off": 2069.39}, "combined": {
    "layout_scenario": "默认方案", "layout_year": 2030, "target_year": 2030,
    "layout_construction": 5156.52, "compliance_construction": 1874.12, "construction": 7030.64,
    "layout_temporary": 182.0, "compliance_other_once": 195.27, "once": 7407.91,
    "layout_review": 663.81, "layout_land": {"wan": 378.6},
    "layout_yearly": -242.67, "compliance_yearly": 0.0, "yearly": -242.67}}


def _section(doc) -> list[tuple[str, str]]:
    texts = paragraphs(doc)
    start = texts.index(("Heading 2", "（一）财政支出"))
    end = next(k for k in range(start + 1, len(texts)) if texts[k][0].startswith("Heading"))
    return texts[start + 1:end]


def test_the_layout_plan_prints_both_plans_totals_and_the_same_table(tmp_path):
    doc = Document(str(write_layout_docx(example_layout_outcome(), tmp_path / "布局调整方案.docx", county="示例县",
                                         compliance=PLAN)))
    said = [t for _, t in _section(doc)]
    k = said.index("表 3  布局调整与达标路径总投资（万元）")
    # the one-off total is 5,156.52 + 1,874.12 + 182.00 + 195.27 = 7,407.91, row 6
    assert said[k - 1] == (
        "下表为本方案与达标路径的总投资（同《整改措施》“布局调整与达标路径总投资”表；达标路径按本方案实施后的县域测算，"
        "逐项措施见《整改措施》）：一次性财政支出合计 7,407.91 万元（第 6 行）。上文本方案的一次性建设投资为下表第 1 行，"
        "过渡期临时周转为第 4 行，一次性投入合计为第 1、4 行之和；接收学校补足生均面积（需论证）为第 8 行，"
        "其中待决策的相邻用地为第 9 行。")
    assert not [t for t in said if t.startswith(("布局调整方案（", "每年经常性支出变化"))]  # the table, not the sentences again
    (table,) = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == list(HEADS)]
    assert table_rows(table)[1:] == totals_rows(PLAN)
    assert table_rows(table)[1:][8] == ["9", "其中待决策的相邻用地", "378.60", "一次性", "在 8 内"]


def test_without_a_compliance_plan_after_it_there_is_no_table(tmp_path):
    for compliance in (None, {"combined": None}):
        doc = Document(str(write_layout_docx(example_layout_outcome(), tmp_path / "布局调整方案.docx",
                                             compliance=compliance)))
        assert not [t for t in doc.tables if [c.text for c in t.rows[0].cells] == list(HEADS)]
        assert not any("与达标路径" in t for _, t in _section(doc))


def test_what_bringing_the_area_cvs_under_their_limits_takes_is_a_row_outside_the_total():
    """Rv29 3: the totals read as the price of passing; the two sports-area CVs' fills (整改 表1,
    the demo's figures) are a row of their own, not in the one-off total: 小学 6,051 m² on spare
    ground × 900 元 + 63,916 m² of land × (600 + 900) 元 = 544.59 + 9,587.40 = 10,131.99 万元;
    初中 2,647 × 900 + 25,104 × 1,500 = 238.23 + 3,765.60 = 4,003.83; 10,131.99 + 4,003.83 =
    14,135.82. The 需论证 land row (实验中学 8,053 m² and 第四中学 949 m², 1,350.30 万元) lies within
    the 初中 fill's land at those schools (13,546 and 2,823 m²): 「含」 it."""
    fills = [{"stage": "primary", "indicator": "sports_area_per_student",
              "fill": {"area": 69967, "ground": 6051, "land": 63916, "cost": 10131.99, "schools": []}},
             {"stage": "junior", "indicator": "sports_area_per_student",
              "fill": {"area": 27751, "ground": 2647, "land": 25104, "cost": 4003.83, "schools": [
                  {"school_id": "11", "land": 13546}, {"school_id": "13", "land": 2823}]}}]
    for f in fills:
        g = f["fill"]
        assert round(g["ground"] * 0.09 + g["land"] * 0.15, 2) == g["cost"]
    path = {"schools": [{"school_id": "11", "stage": "junior", "area_m2": 8053},
                        {"school_id": "13", "stage": "junior", "area_m2": 949}]}
    plan = {**PLAN, "combined": {**PLAN["combined"], "compliance_apart": 1350.3}, "cv_fill": fills, "sports_path": path}
    rows = totals_rows(plan)
    assert rows[10:13] == [["11", "需论证：达标路径本校用地放不下的体育运动场馆", "1,350.30", "一次性", "不计入 6"],
                           ["12", "未安排：差异系数降到限值所需", "14,135.82", "一次性", "不计入 6，含 11"],
                           ["13", "经常性支出变化", "-242.67", "每年", "不与一次性相加"]]
    assert rows[5] == ["6", "一次性财政支出合计", "7,407.91", "一次性", "3＋4＋5"]  # unchanged
    # a fill that cannot reach its limit (None) is left out; none priced, no row
    assert totals_rows({**plan, "cv_fill": [{**fills[0], "fill": None}]}) == totals_rows({**plan, "cv_fill": []})
    assert "未安排：差异系数降到限值所需" not in [r[1] for r in totals_rows(PLAN)]
