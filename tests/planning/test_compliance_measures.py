"""The 整改措施 answer every indicator the evaluation fails (brief hfail, review rv5 findings 2
and 14): a policy indicator gets the standard's own measure and stays 未达标 until data show
it met; a construction indicator gets the plan's projects and the re-check's word; the count
sentence adds the rows up; the music and art rooms bridge adds up exactly."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pandas as pd

from compliance_builders import county, primary_school, school_id
from junheng.evaluate.engine import evaluate, item_failure
from junheng.evaluate.items import ItemResult, Status, attestation_closes
from junheng.evaluate.verdict import Verdict
from junheng.planning.compliance_county import apply_actions
from junheng.planning.compliance_measures import PLAN, POLICY, Context, count_sentence, measure_rows
from junheng.planning.compliance_room_bridge import bridge, bridge_lines
from junheng.report.compliance_measures_docx import table_rows
from junheng.standards import Overlay, load_standard

STD = load_standard("quality-2017")
PAY = ItemResult(STD.indicator("teacher_pay"), 0.995, Status.NOT_MET)
ROOMS = ItemResult(STD.indicator("music_art_rooms"), 0.5, Status.NOT_MET,
                   gap="需增加音乐专用教室 2 间、美术专用教室 2 间", base="达标学校 2/4 所")


def _evaluation(*failing: ItemResult) -> SimpleNamespace:
    """An evaluation by hand: the items' results and the verdict the engine makes of them."""
    return SimpleNamespace(verdict=Verdict(tuple(item_failure(r) for r in failing), ()),
                           guarantee=(ROOMS, PAY), quality=(), conditions=(), stages={},
                           basic_standard=None, standard=STD)


def test_policy_and_construction_rows():
    current = _evaluation(ROOMS, PAY)
    # after the plan: the rooms are built (no longer failing), the pay is what the data say
    after = _evaluation(PAY)
    ctx = Context(after, frozenset({"building", "renovation", "teachers"}), False, 2027, 2030)
    rows = measure_rows(current, ctx)
    assert [r["basis"] for r in rows] == [PLAN, POLICY]
    assert table_rows(rows) == [
        ["所有小学、初中每 12 个班级配备音乐、美术专用教室 1 间以上", "50.0%（达标学校 2/4 所）", "≥100.0%",
         "需增加音乐专用教室 2 间、美术专用教室 2 间",
         # the room item's projects present in the plan (teachers is not one of them)
         "本方案“校舍建设”、“专用教室改造”（见本措施同名一节和《达标路径工作簿》“整改项目清单”表）",
         # building's 县教育局（计划基建股）、县发展改革委、学校 + renovation's two, once each
         "县教育局（计划基建股）、县发展改革委、学校", "2030 学年", "计入本方案测算；按测算 2030 学年达到标准"],
        ["全县义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平", "0.995 倍", "≥1 倍",
         "差 0.005 倍",  # 1 − 0.995
         "县财政将教师平均工资收入水平纳入年度预算，建立与当地公务员工资收入同步调整的机制，"
         "义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平"
         # review rv10 9: what it costs, said (the data do not price the pay gap)
         "；费用：待县财政局按教师与公务员工资差额测算，未计入本方案",
         "县财政局、县人社局", "2027 学年",  # a yearly budget item: the first plan year
         "需县政府部门落实、待核实；未达标，落实后按数据复核"],
    ]
    # 2 failing, 1 the plan's (met by 2030), 1 a policy commitment, none without a measure
    assert count_sentence(rows, 2030, "表 1") == (
        "评估未达标的指标 2 项、学校达标未达到的学段 0 个、待核实事项 0 项，共 2 项，逐项列出整改措施（见表 1）："
        "由本方案措施整改、计入本方案测算的 1 项（按测算 2030 学年达到的 1 项，仍未达到的 0 项，待核实的 0 项）；"
        "由县政府有关部门落实、待核实的 1 项（落实前仍为未达标或待核实，须以数据复核）；没有整改措施的 0 项。")


def test_room_item_still_short_and_no_project():
    """The re-check still fails the rooms: the row says so; a plan without a room project
    answers the item with the standard's own measure instead (never left without one)."""
    current = _evaluation(ROOMS, PAY)
    built = Context(_evaluation(ROOMS, PAY), frozenset({"renovation"}), False, 2027, 2030)
    row = measure_rows(current, built)[0]
    assert (row["measure"], row["after"]) == (
        "本方案“专用教室改造”（见本措施同名一节和《达标路径工作簿》“整改项目清单”表）", "仍未达标（见“未解决事项”表）")
    bare = measure_rows(current, Context(None, frozenset(), False, 2027, 2030))
    assert [r["basis"] for r in bare] == [POLICY, POLICY]
    # rooms cost money the plan has not priced without a project (review rv10 9)
    assert bare[0]["measure"] == "按评估标准逐项整改，整改情况报县人民政府教育督导室；费用：待县财政局测算，未计入本方案"
    assert "没有整改措施的 0 项" in count_sentence(bare, 2030, "表 1")


def _table(ids, required, music, art) -> pd.DataFrame:
    return pd.DataFrame({"school_id": ids, "required": required, "music_rooms": music, "art_rooms": art})


def test_room_bridge_adds_up():
    # data year: A needs 4 has 1 (short 3), B needs 3 has 3 (0), C needs 2 has 0 (2),
    # D needs 1 has 0 (1): music short 6
    today = _table(list("ABCD"), [4, 3, 2, 1], [1, 3, 0, 0], [1, 3, 0, 0])
    # target year before the 整改: D closed; A's classes need 3 (its rooms 1: short 2, one of
    # the 3 gone with the classes); B needs 4 and a project built 1 there (4 − 4 = 0: more
    # classes +1 against today's 3 rooms, the project's room −1); C unchanged short 2; new
    # school N needs 2 has 1 (short 1) — music short 2 + 0 + 2 + 1 = 5
    before = _table(list("ABCN"), [3, 4, 2, 2], [1, 4, 0, 1], [1, 4, 0, 1])
    # after: the plan builds 1 at A and converts 2 at C; N is a project's new school, still short 1
    after = _table(list("ABCN"), [3, 4, 2, 2], [2, 4, 2, 1], [2, 4, 2, 1])
    # with the names the 未解决事项 table shows (review rv6 N7), and M, a school opened by then
    # whose rooms are not in the data (数据待补): its 2 rooms are named apart from the sum
    after = pd.concat([after.assign(name=[f"{i}小学" for i in "ABCN"]),
                       pd.DataFrame({"school_id": ["M"], "name": ["M小学"], "required": [2],
                                     "music_rooms": [None], "art_rooms": [None]})], ignore_index=True)
    actions = pd.DataFrame({"item": ["music_room", "music_room_conversion", "art_room",
                                     "art_room_conversion"], "quantity": [1.0, 2.0, 1.0, 2.0]})
    music = bridge(today, before, after, actions)["music"]
    # closed: D's 1; classes: A 3 → 2 (−1), B 0 → 1 (+1) net 0; rooms: B 1 → 0 (−1); new: N 1
    # left: A needs 3 has 2 (1), N needs 2 has 1 (1); M's 2 rooms unknown, not in the sum
    assert music == {"now": 6, "closed": 1, "classes": 0, "rooms": -1, "new": 1, "target": 5,
                     "built": 1, "converted": 2, "other": 0, "left": 2,
                     "left_at": [["A小学", 1], ["N小学", 1]], "todo": [["M小学", 2]]}
    assert music["now"] - music["closed"] + music["classes"] + music["rooms"] + music["new"] == music["target"]
    assert music["target"] - music["built"] - music["converted"] - music["other"] == music["left"]
    line = bridge_lines({"music": music}, 2025, 2030)[0]
    # A's −1 and B's +1 of classes net to 0, so no classes clause; 6 − 1 − 1 + 1 = 5, 5 − 1 − 2 = 2
    assert line == ("音乐专用教室：2025 学年缺 6 间（自评报告所列）；到 2030 学年，撤并学校原缺的 1 间不再需要，"
                    "在建项目和布局调整在保留学校新增专用教室补上 1 间，新建学校缺 1 间，"
                    "按 2030 学年班数复核缺 5 间（6 − 1 − 1 + 1 = 5）；本方案新建 1 间、改造闲置普通教室 2 间，"
                    # the schools of the table, and M's 2 beside the sum: 2 + 2 = 4
                    "仍缺 2 间（A小学 1 间、N小学 1 间；5 − 1 − 2 = 2）；另M小学须配 2 间（缺少专用教室数据，数据待补），"
                    "合计须增加 4 间，见“未解决事项”表。")


def test_chapter_counts_and_names_the_policy_rows(tmp_path):
    """In the chapter: the count sentence names the table of every indicator (表 1), the
    unresolved table follows (表 2), and the overview says the policy rows apart from the
    plan's unresolved ones instead of 「仍有 N 项不能解决」."""
    from docx import Document
    from test_compliance_outputs import _doc

    from junheng.report.compliance_docx import add_compliance_chapter
    from junheng.report.word_document import WordReport

    rows = measure_rows(_evaluation(ROOMS, PAY),
                        Context(_evaluation(ROOMS, PAY), frozenset({"renovation"}), False, 2026, 2028))
    doc = {**_doc(confirmed=False), "measures": {"data_year": 2025, "rows": rows, "rooms": None}}
    r = WordReport()
    add_compliance_chapter(r, doc)
    paras = [p.text for p in r.doc.paragraphs if p.text.strip()]
    # paras[1]: the status line under the title (rv13 11)
    assert paras[3] == ("评估未达标的指标 2 项、学校达标未达到的学段 0 个、待核实事项 0 项，共 2 项，逐项列出整改措施（见表 1）："
                        "由本方案措施整改、计入本方案测算的 1 项（按测算 2028 学年达到的 0 项，仍未达到的 1 项，待核实的 0 项）；"
                        "由县政府有关部门落实、待核实的 1 项（落实前仍为未达标或待核实，须以数据复核）；没有整改措施的 0 项。")
    assert any(p.split("。")[0].endswith("；按此仍未达标：全县 2028 学年仍不能通过复核，本方案措施仍未能解决的事项 1 项（见表 2），"
                                         "另有 1 项指标须县政府部门落实、待核实（见表 1）") for p in paras)
    r.doc.save(str(tmp_path / "a.docx"))
    tables = Document(str(tmp_path / "a.docx")).tables
    assert [c.text for c in tables[0].rows[0].cells] == ["指标", "现值", "标准", "差距", "整改措施", "责任单位",
                                                          "完成学年", "测算口径与复核"]
    assert [c.text for c in tables[0].rows[2].cells][-2:] == ["2026 学年",
                                                              "需县政府部门落实、待核实；未达标，落实后按数据复核"]
    assert tables[1].rows[0].cells[0].text == "学校"


def test_held_recognition_is_answered_by_the_books():
    """The 基本均衡 recognition the engine holds 待核实 while schools fail the 省定办学基本标准:
    the plan's 图书配备 answers it, and it stays 待核实 until the re-check shows the schools met."""
    held = ItemResult(STD.indicator("basic_balance_recognised"), 11.0, Status.ATTESTATION, disputed=True,
                      closes="按“整改措施”使未达到省定办学基本标准的学校达标，复核后确认基本均衡成果")
    basic = ItemResult(load_standard("basic-2012").indicator("province_school_standard"), 0.95,
                       Status.NOT_MET, gap="1 所学校未达到省定办学基本标准：甲小学（小学）：生均图书册数 19.71 册（省定标准 20 册）")
    current = SimpleNamespace(verdict=Verdict((), (item_failure(held),)), guarantee=(), quality=(),
                              conditions=(held,), stages={}, basic_standard=basic, standard=STD)
    row = measure_rows(current, Context(None, frozenset({"books"}), False, 2027, 2030))[0]
    assert row == {"group": "pending", "item": "通过国家义务教育发展基本均衡县认定 3 年以上", "current": "11 年",
                   "standard": "≥3 年", "gap": "认定年限已满；" + basic.gap,  # rv10: was 「11年 | —」; rv15 15: the years are met
                   "measure": "本方案“图书配备”（见本措施同名一节和《达标路径工作簿》“整改项目清单”表）",
                   "department": "县教育局（教育技术装备中心）、学校", "basis": PLAN, "year": 2030,
                   "after": "待核实（实施后按数据复核各校是否达到省定办学基本标准）"}
    # without a book purchase in the plan: the engine's own closing step, a policy row
    bare = measure_rows(current, Context(None, frozenset(), False, 2027, 2030))[0]
    assert (bare["basis"], bare["measure"], bare["after"]) == (POLICY, held.closes, "待核实")


def test_offline_report_shows_the_same_rows():
    from junheng.report.compliance_html import compliance_section

    rows = measure_rows(_evaluation(ROOMS, PAY), Context(None, frozenset(), False, 2027, 2030))
    html = compliance_section({"target_year": 2030, "confirmed": False, "after": {}, "verdict": "按此方案",
                               "measures": {"data_year": 2025, "rows": rows, "rooms": None}})
    assert "逐项列出整改措施（见下表）" in html and "<h3>评估未达标和待核实指标的整改措施</h3>" in html
    assert "<td>0.995 倍</td>" in html and "<td>县财政局、县人社局</td>" in html


# --- brief hbooks: the re-check after the plan sees the books bought ------------------------

HENAN = Overlay("河南省", "", {"basic-2012": {"books_per_student": {"primary": 20, "junior": 30}}})
HELD = ItemResult(STD.indicator("basic_balance_recognised"), 11.0, Status.ATTESTATION, disputed=True,
                  closes="按“整改措施”使未达到省定办学基本标准的学校达标，复核后确认基本均衡成果")


def _books_county(books_b: float):
    """A小学 300 pupils with 5,900 books (20 × 300 − 5,900 = 100 short of Henan's 20 a pupil),
    B小学 300 pupils with ``books_b``; the county attests the standard's other clauses."""
    a, b = primary_school("A", 300), primary_school("B", 300)
    a["facilities"][0]["books"], b["facilities"][0]["books"] = 5900.0, books_b
    said = {"county_attestations": [{"item": "province_school_standard", "answer": True, "year": None,
                                     "evidence": "县级认定佐证"}]}
    return replace(county(a, b, said), overlay=HENAN)


def _held_row(books_b: float, existing: frozenset[str] | None = None,
              landed: tuple = ()) -> tuple[dict, ItemResult, ItemResult]:
    """The recognition row when the plan buys A's 100 books, re-checked by the engine on the
    county after it (apply_actions, evaluate), and the precondition before and after
    (``existing``: the data year's schools, when known)."""
    data = _books_county(books_b)
    basic = evaluate(data, "quality-2017").basic_standard
    buy = pd.DataFrame({"school_id": [school_id("A")], "stage": ["primary"], "item": ["books"],
                        "quantity": [100.0], "teacher_type": [None], "to_school_id": [None]})
    after = evaluate(apply_actions(data, buy), "quality-2017")
    current = SimpleNamespace(verdict=Verdict((), (item_failure(HELD),)), guarantee=(), quality=(),
                              conditions=(HELD,), stages={}, basic_standard=basic, standard=STD)
    row = measure_rows(current, Context(after, frozenset({"books"}), False, 2027, 2030, existing, landed=landed))[0]
    return row, basic, after.basic_standard


def test_the_recheck_counts_the_books_bought():
    row, basic, after = _held_row(6000.0)
    # before: 5,900 / 300 = 19.666… → 19.67 册 a pupil, below 20
    assert basic.status is Status.NOT_MET
    assert basic.gap == "1 所学校未达到省定办学基本标准：A小学（小学）：生均图书册数 19.67 册（省定标准 20 册）"
    # after: (5,900 + 100) / 300 = 20 a pupil at A, B's 6,000 / 300 = 20: both meet it, and
    # the county attests the rest, so the precondition is met and the row says so
    assert after.status is Status.MET and after.value == 1.0
    assert (row["basis"], row["after"]) == (PLAN, "按测算 2030 学年各校达到省定办学基本标准，复核后确认基本均衡成果")
    assert count_sentence([row], 2030, "表 1").startswith(
        "评估未达标的指标 0 项、学校达标未达到的学段 0 个、待核实事项 1 项，共 1 项，逐项列出整改措施（见表 1）："
        "由本方案措施整改、计入本方案测算的 1 项（按测算 2030 学年达到的 1 项，仍未达到的 0 项，待核实的 0 项）；")


def test_a_school_without_books_keeps_the_recognition_held_and_the_row_names_it():
    """A's books are bought and counted; B's books are unknown (a new school whose project
    lists none, as in the demo), so the re-check is 待核实 and the row says B is why."""
    row, basic, after = _held_row(float("nan"))
    assert basic.status is Status.NOT_MET and after.status is Status.MISSING
    assert row["after"] == ("待核实：按测算 2030 学年，图书配备后，现状未达到的 1 所学校达到省定标准；"
                            "1 所学校缺少核查所需数据：B小学（小学）：生均图书册数数据缺失；"
                            "补齐这些学校的班级学生数和校舍设施数据后复核")
    # B not a school of the data year: a new school, whose books come when it opens
    new = _held_row(float("nan"), frozenset({school_id("A")}))[0]
    assert new["after"] == ("待核实：按测算 2030 学年，图书配备后，现状未达到的 1 所学校达到省定标准；"
                            "1 所学校缺少核查所需数据：B小学（小学）：生均图书册数数据缺失；"
                            "其中 1 所为 2030 学年前新开办的学校，建设项目未列图书，开办时按省定标准配足图书后复核")
    # counted 待核实, neither met nor 仍未达到, beside a met row and a failing one
    rows = [row, {"group": "fail", "basis": PLAN, "after": "按测算 2030 学年达到标准", "measure": "甲"},
            {"group": "fail", "basis": PLAN, "after": "仍未达标（见“未解决事项”表）", "measure": "乙"}]
    assert count_sentence(rows, 2030, "表 1") == (
        "评估未达标的指标 2 项、学校达标未达到的学段 0 个、待核实事项 1 项，共 3 项，逐项列出整改措施（见表 1）："
        "由本方案措施整改、计入本方案测算的 3 项（按测算 2030 学年达到的 1 项，仍未达到的 1 项，待核实的 1 项）；"
        "由县政府有关部门落实、待核实的 0 项（落实前仍为未达标或待核实，须以数据复核）；没有整改措施的 0 项。")


# --- brief hcv (rv6 N1): a CV row shows now → after and says why it widens -------------------

def test_cv_row_says_the_rise_and_the_schools_left_below_the_mean():
    """Now: A and B 400 pupils on 7.0 m² each, C 200 on 30.0 m² (sports area a pupil).
    mean (2,800 + 2,800 + 6,000) / 1,000 = 11.6; variance 0.4 × 4.6² × 2 + 0.2 × 18.4² = 84.64,
    sd 9.2, CV 9.2 / 11.6 = 0.793. After: A grows to 800 pupils on the same 2,800 m² (3.5);
    mean 11,600 / 1,400 = 8.2857; variance (4/7)(4.7857²) + (2/7)(1.2857²) + (1/7)(21.7143²)
    = 13.0875 + 0.4723 + 67.3586 = 80.918, sd 8.9955, CV 1.086 (up 0.293).
    Had A alone stayed (400 on 7.0) it is the county of today: 0.793. B (7.0, at least 85% of
    7.5 = 6.375) gets nothing and lacks (8.2857 − 7.0) × 400 = 514.3 → 515 m² to the mean;
    A (3.5 < 6.375) fails the school rule: pointed to the 未解决事项, no m² to the mean."""
    now = evaluate(county(primary_school("A", 400, sports_area=7.0), primary_school("B", 400, sports_area=7.0),
                          primary_school("C", 200, sports_area=30.0)), STD)
    after = evaluate(county(primary_school("A", 800, sports_area=3.5), primary_school("B", 400, sports_area=7.0),
                            primary_school("C", 200, sports_area=30.0)), STD)
    ctx = Context(after, frozenset({"sports"}), False, 2027, 2030, acted={"sports": frozenset()},
                  ground={school_id("B"): 0.0})
    row = next(r for r in measure_rows(now, ctx) if r["item"] == "小学生均体育运动场馆面积差异系数")
    assert row["current"] == "0.793 → 2030 学年达标路径实施后 1.086"
    assert row["after"] == (
        "仍未达标：按测算 2030 学年达标路径实施后为 1.086，比现值 0.793 升高 0.293，差距扩大：升高主要来自"
        "A小学（学生 400 → 目标学年 800 人，生均 7.0 → 3.5 平方米，低于平均；仅该校保持现状则为 0.793）；"
        "低于全县平均（达标路径实施后 8.3 平方米）的B小学（生均 7.0 平方米，不低于标准 7.5 的 85%，学校达标不缺，校内空地 0 平方米；"
        "补到全县平均须增加 515 平方米）本方案未安排：本方案只补各校学校达标所缺，仅靠补足各校缺口不能把差异系数降到限值，"
        "是否为这些学校另增面积（征用相邻用地，或就近共享、租用公共体育设施（本省未明确可计入生均体育运动场馆面积前，复核不计入，只改善使用））须由局务会决定；"  # brief hlease 3
        "A小学（生均 3.5 平方米，低于标准 7.5 的 85%）学校达标仍未通过，本方案未能安排（见“未解决事项”表）")


def test_attested_items_are_the_bureaus_checks_never_a_changed_answer():
    """Review rv6 N3: a 待核实 item the county attests gets who checks what, with which evidence
    and by when, the workbook step in brackets; 违规择校 gets a special check of the schools the
    招生表 names (30 + 17 = 47 pupils from outside the zone), never 「改认定为“是”」."""
    monitoring = STD.indicator("academic_monitoring")
    checked = ItemResult(monitoring, None, Status.ATTESTATION, closes=attestation_closes(monitoring))
    choice = ItemResult(STD.indicator("irregular_school_choice"), None, Status.ATTESTATION, disputed=True,
                        detail=pd.DataFrame({"name": ["第二实验小学", "城关一小"], "out": [30, 17]}),
                        closes="逐校核实划片范围外新生的入学依据，在“县级认定”表“违规择校”的佐证说明中写明")
    current = SimpleNamespace(verdict=Verdict((), (item_failure(checked), item_failure(choice))), guarantee=(),
                              quality=(checked, choice), conditions=(), stages={}, basic_standard=None, standard=STD)
    rows = measure_rows(current, Context(None, frozenset(), False, 2027, 2030))
    assert [(r["measure"], r["department"], r["year"], r["after"]) for r in rows] == [
        ("县教育局会同有关股室和学校核查“质量监测达标”的落实情况，形成核查报告，附佐证材料（国家义务教育质量监测报告），"
         "2027 学年内报市级复核（核实后在工作簿“县级认定”表更新认定结果和佐证说明）；不计费用（在现有经费和工作中落实）",
         "县教育局", 2027, "待核实"),
        ("县教育局开展招生入学专项排查，对第二实验小学、城关一小划片范围外新生 47 人逐人核查入学依据"
         "（政策性照顾、随迁子女统筹安置等），形成核查报告；查实的依规处理并如实认定，2027 学年内报市级复核"
         "（核实后在工作簿“县级认定”表更新认定结果和佐证说明）；不计费用（在现有经费和工作中落实）", "县教育局", 2027,
         "待核实"),
    ]  # a check and its report cost nothing (review rv10 9)
    assert not any("改认定" in r["measure"] for r in rows)


def test_class_size_met_by_average_classes_stays_to_be_checked_class_by_class():
    """Review rv6 N4: the re-check after the layout divides pupils into classes of the average
    size, so 班额 is 待核实 until the real classes are counted, and the count sentence says so
    (1 plan row, 0 met, 0 still failing, 1 待核实)."""
    classes = ItemResult(STD.indicator("class_size"), 0.779, Status.NOT_MET, base="未超标准班额班级 1,000/1,284 个")

    def evaluation(*failing):
        return SimpleNamespace(verdict=Verdict(tuple(item_failure(r) for r in failing), ()), guarantee=(classes,),
                               quality=(), conditions=(), stages={}, basic_standard=None, standard=STD)

    rows = measure_rows(evaluation(classes), Context(evaluation(), frozenset(), True, 2027, 2030))
    assert (rows[0]["basis"], rows[0]["after"]) == (
        PLAN, "待核实：按平均班额测算 2030 学年可达到标准（含在临时周转教室上课的班级）；须按各班实际人数逐班复核")
    assert "达到的 0 项，仍未达到的 0 项，待核实的 1 项" in count_sentence(rows, 2030, "表 1")
    # still failing after the plan: the plain verdict, nothing to check
    still = measure_rows(evaluation(classes), Context(evaluation(classes), frozenset(), True, 2027, 2030))
    assert still[0]["after"] == "仍未达标（见“未解决事项”表）"


def test_the_recognition_is_due_the_year_the_books_are_in_use():
    """Review rv6 N11: a one-vote prerequisite the books close is due the year they are in use
    (2027), not the target year (2030); without the books' year, the target year."""
    assert _held_row(6000.0, landed=(("books", 2027), ("building", 2029)))[0]["year"] == 2027
    assert _held_row(6000.0)[0]["year"] == 2030


# --- brief hlast3: a row the plan leaves 仍未达标 has no year of completion -----------------

def test_a_row_still_failing_after_the_plan_shows_no_year_of_completion():
    """The Word table and the workbook sheet 指标整改措施 both take these cells: a row met by
    2030 is due 「2030 学年」; a row the plan leaves 仍未达标 is completed in no year, so 「—」,
    its measure and verdict unchanged."""
    met = {"item": "甲", "current": "0.7", "standard": "≤0.50", "gap": "超出 0.2", "measure": "乙",
           "department": "县教育局", "year": 2030, "basis": PLAN, "after": "按测算 2030 学年为 0.45，不超过限值"}
    left = {**met, "after": "仍未达标：按测算 2030 学年达标路径实施后为 0.552（见“未解决事项”表）"}
    assert [r[6] for r in table_rows([met, left])] == ["2030 学年", "—"]
    assert table_rows([left])[0][4:] == ["乙", "县教育局", "—",
                                         f"{PLAN}；仍未达标：按测算 2030 学年达标路径实施后为 0.552（见“未解决事项”表）"]


# --- brief hzuofa2 (rv8 5): the 整改/自评 tables count 达标 schools as the workbook does ----------

def test_the_school_rule_row_says_the_assumed_school_apart_as_the_workbook_does():
    """The re-check passes 43 of 44 primary units, one of them the new school counted on assumed
    figures: the table says 42/44 and names it 待核实, the 达标路径工作簿's own words
    (:func:`~junheng.planning.compliance_json.passing_text`); without assumed schools, 43/44."""
    from junheng.planning.compliance_measures import _unit_rows

    failing = SimpleNamespace(id="school_rule", stage="primary")
    current = SimpleNamespace(standard=STD, stages={"primary": SimpleNamespace(units=44, units_passing=40)},
                              verdict=SimpleNamespace(failures=(failing,)))
    after = SimpleNamespace(stages={"primary": SimpleNamespace(units=44, units_passing=43)},
                            units=pd.DataFrame({"school_id": ["N", "A"], "stage": ["primary", "primary"],
                                                "name": ["城东新区第二小学", "甲小学"], "passes": [True, True]}))
    still = {("school_rule", "primary")}
    rows = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, assumed=frozenset({"N"})), still)
    assert rows[0]["after"] == ("仍未达标（42/44 所达标，另 1 所（城东新区第二小学）按假设值计，待核实）"
                                "（见“未解决事项”表）")
    assert rows[0]["current"] == "达标 40/44 所"
    plain = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030), still)
    assert plain[0]["after"] == "仍未达标（43/44 所达标）（见“未解决事项”表）"


def _backbone(without: float) -> dict:
    """A plan's new 骨干 (:func:`~junheng.planning.compliance_backbone.backbone_summary`'s shape):
    16 primary and 6 junior 认定, the primary CV 0.411 with them, ``without`` with none."""
    return {"cvs": [{"stage": "primary", "name": "每百名学生拥有县级以上骨干教师数", "limit": 0.5, "after": 0.411,
                     "without": without}],
            "schools": [{"name": "甲小学", "stage": "primary", "planned": 16}, {"name": "乙中学", "stage": "junior",
                                                                               "planned": 6}],
            "total": 22, "schools_short": [{"name": "甲小学", "stage": "primary"}]}


def _backbone_row(backbone: dict | None):
    from junheng.planning.compliance_measures import _cv_row

    cv = SimpleNamespace(cv=0.503, limit=0.50)
    current = SimpleNamespace(stages={"primary": SimpleNamespace(indicators={"backbone_teachers_per_100": cv})})
    after = SimpleNamespace(stages={"primary": SimpleNamespace(
        indicators={"backbone_teachers_per_100": SimpleNamespace(cv=0.411, limit=0.50)})})
    f = SimpleNamespace(stage="primary", id="backbone_teachers_per_100", name="每百名学生拥有县级以上骨干教师数")
    extra = {} if backbone is None else {"backbone": backbone}
    return _cv_row(f, current, Context(after, frozenset({"training"}), False, 2027, 2030, **extra), set())


def test_a_backbone_cv_met_only_with_teachers_not_yet_appointed_is_held():
    """Review rv15 7: 「0.411 含新培养认定的 16 名县级骨干教师」 was counted 「按测算 2030 学年达到」 while
    the 认定 rests on 荣誉/考核 data the workbook does not hold: with none 认定 the CV is 0.520, over
    0.50, so it is 待核实 until appointed, counted both ways."""
    from junheng.planning.compliance_measures import TRAINED_HELD

    row = _backbone_row(_backbone(0.520))
    assert row["after"] == (
        "待核实（待骨干教师认定）：按测算 2030 学年达标路径实施后为 0.411，不超过限值，但 0.411 含新培养认定的 16 名"
        "县级骨干教师，一人都未认定时为 0.520，超过限值，认定前不能计为达标（认定所需荣誉、考核数据工作簿没有；"
        "认定人数不足时见“教师培养培训”）")
    said = count_sentence([row], 2030, "表 1")
    assert "（按测算 2030 学年达到的 0 项，仍未达到的 0 项，待核实的 1 项，其中 1 项待新培养的骨干教师认定：全部认定后达到的 1 项，未认定时 0 项）" in said
    assert row["after"].startswith(TRAINED_HELD)
    # without new backbone teachers it is met as before
    assert _backbone_row(None)["after"] == "按测算 2030 学年达标路径实施后为 0.411，不超过限值"


def test_a_backbone_cv_under_its_limit_with_none_appointed_is_met():
    """Review rv18 1: the primary CV was 「待核实（待骨干教师认定）…认定前不能计为达标」 while the plan's
    own figure with none 认定 was 0.4935, under 0.50: met whatever the 认定, counted 达到, the
    认定 left to the 学校达标 of the schools that need it."""
    row = _backbone_row(_backbone(0.4935))
    assert row["after"] == (
        "按测算 2030 学年达标路径实施后为 0.411，不超过限值；不依赖骨干教师认定：新培养认定的 16 名县级骨干教师"
        "一人都未认定时为 0.494，也不超过限值（认定只影响所在学校的学校达标，见本表学校达标行和“教师培养培训”）")
    said = count_sentence([row], 2030, "表 1")
    assert "（按测算 2030 学年达到的 1 项，仍未达到的 0 项，待核实的 0 项）" in said


def test_the_school_rule_row_names_the_units_passing_only_once_their_backbone_teachers_are_appointed():
    """Review rv18 1: the 认定 decides the 学校达标 of the schools that would fail with none 认定
    (``schools_short``), said in their stage's row as 待核实, and in no other stage's."""
    from junheng.planning.compliance_measures import _unit_rows

    failing = (SimpleNamespace(id="school_rule", stage="primary"), SimpleNamespace(id="school_rule", stage="junior"))
    current = SimpleNamespace(standard=STD, stages={s: SimpleNamespace(units=44, units_passing=40)
                                                     for s in ("primary", "junior")},
                              verdict=SimpleNamespace(failures=failing))
    after = SimpleNamespace(stages={s: SimpleNamespace(units=44, units_passing=43) for s in ("primary", "junior")},
                            units=pd.DataFrame({"school_id": ["A"], "stage": ["primary"], "name": ["甲小学"],
                                                "passes": [True]}))
    still = {("school_rule", "primary"), ("school_rule", "junior")}
    rows = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, backbone=_backbone(0.4935)), still)
    # rv29 2: not counted as passing either, held apart as 待核实 as land not yet granted is: 43 − 1 = 42
    assert rows[0]["after"] == ("仍未达标（42/44 所达标，另 1 所的达标待新培养的骨干教师认定（一人都未认定即不达标，"
                                "见“教师培养培训”），待核实）（见“未解决事项”表）")
    assert rows[1]["after"] == "仍未达标（43/44 所达标）（见“未解决事项”表）"


def test_a_stage_passing_in_full_only_once_its_backbone_teachers_are_appointed_is_held():
    """Review rv29 2: every unit passes after the plan, one of them only once its new 骨干 are
    认定: the row is 待核实 (44 − 1 = 43/44 firm), not 「全部达标」, as with land not yet granted."""
    from junheng.planning.compliance_measures import _unit_rows

    failing = (SimpleNamespace(id="school_rule", stage="primary"),)
    current = SimpleNamespace(standard=STD, stages={"primary": SimpleNamespace(units=44, units_passing=40)},
                              verdict=SimpleNamespace(failures=failing))
    after = SimpleNamespace(stages={"primary": SimpleNamespace(units=44, units_passing=44)},
                            units=pd.DataFrame({"school_id": ["A"], "stage": ["primary"], "name": ["甲小学"],
                                                "passes": [True]}))
    rows = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030, backbone=_backbone(0.4935)), set())
    assert rows[0]["after"] == ("待核实：按测算 2030 学年 43/44 所达标，另 1 所的达标待新培养的骨干教师认定（一人都未认定即"
                                "不达标，见“教师培养培训”），待核实")
    assert "margin" not in rows[0]
    plain = _unit_rows(current, Context(after, frozenset(), True, 2027, 2030), set())
    assert plain[0]["after"] == "按测算 2030 学年全部达标（44/44 所达标）"
