"""The end of the 自评报告's 整改措施 chapter: the plan's warnings with the per-school
boilerplate said once (the schools built by their own project in one sentence), and the
private schools' needs and the plan's assumptions named by their sheet of the plan's
workbook instead of printed (the standalone 整改措施.docx prints them in full)."""

from __future__ import annotations

import re
from typing import Any

from junheng.model.labels import schools_stages
from junheng.planning.compliance_outside import NOT_BEGUN_MARK
from junheng.planning.compliance_unresolved import UNRESOLVED
from junheng.report.word_document import WordReport

PROJECT_MARK = "，建设按项目实施；本方案不在该校安排"
#: the workbook by its title, without the web page that downloads it (planner review finding 14)
WORKBOOK = "《达标路径工作簿》"
NOT_BUILT = "教室、校舍面积、运动场地和多媒体教室建设"


#: the sheets whose rows the Word documents name instead of printing (brief hshort3)
WORKBOOK_ONLY = ("教师随学生调配", "教师县管校聘调剂", "教师配置汇总", "布局调整与达标路径合计")
_SHEET_REF = re.compile(r"(?<!》)(?<!》的)“(" + "|".join(WORKBOOK_ONLY) + r")”表")


def in_workbook(text: str) -> str:
    """``text`` with each sheet the documents no longer print named with its workbook (the plan's
    notes are the workbook's too, where the sheet's name alone suffices).

    >>> in_workbook("调剂（见“教师随学生调配”表）；见《达标路径工作簿》“教师配置汇总”表")
    '调剂（见《达标路径工作簿》“教师随学生调配”表）；见《达标路径工作簿》“教师配置汇总”表'
    """
    return _SHEET_REF.sub(lambda m: f"{WORKBOOK}“{m.group(1)}”表", text)


def project_sentence(warnings: list[str], layout: bool = False) -> tuple[list[str], list[str]]:
    """The schools whose building is their project's, in one sentence for the projects under
    way and one for those still 规划 (no guarantee yet: the layout plan's 先建后撤, which
    ``layout`` names), and the other warnings.

    >>> text, rest = project_sentence(["甲小学：正在迁建，建设按项目实施；本方案不在该校安排教室……",
    ...                                "乙小学：在建项目新建的学校，建设按项目实施；本方案不在该校安排……",
    ...                                "其他说明。"])
    >>> text
    ['迁建中或在建项目新建的学校 2 所（甲小学、乙小学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设，其校舍、场地类指标由项目保障，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》的“未解决事项”表。']
    >>> rest
    ['其他说明。']
    >>> project_sentence(["丙小学：迁建项目现为规划状态（未开工），建设按项目实施；本方案不在该校安排……"],
    ...                  layout=True)[0]
    ['建设项目现为规划状态（未开工）的学校 1 所（丙小学）：建设按项目实施，本方案不在这些学校安排教室、校舍面积、运动场地和多媒体教室建设；规划项目尚不能作为保障，其校舍、场地类指标须待项目竣工投入使用后复核，布局调整方案中并入这些学校的撤并也待项目竣工投入使用后实施（先建后撤），推迟竣工则撤并顺延，教师类指标仍由本方案配足；各校按标准至少需要的建设见《达标路径工作簿》的“未解决事项”表。']
    """
    ours = [w for w in warnings if PROJECT_MARK in w]
    rest = [w for w in warnings if PROJECT_MARK not in w]
    later = [w.split("：", 1)[0] for w in ours if NOT_BEGUN_MARK in w]
    under_way = [w.split("：", 1)[0] for w in ours if NOT_BEGUN_MARK not in w]
    tail = f"教师类指标仍由本方案配足；各校按标准至少需要的建设见{WORKBOOK}的“未解决事项”表。"
    out = []
    if under_way:
        out.append(f"迁建中或在建项目新建的学校 {len(under_way)} 所（{'、'.join(under_way)}）：建设按项目实施，"
                   f"本方案不在这些学校安排{NOT_BUILT}，其校舍、场地类指标由项目保障，{tail}")
    if later:
        waits = "布局调整方案中并入这些学校的撤并也待项目竣工投入使用后实施（先建后撤），推迟竣工则撤并顺延，" if layout else ""
        out.append(f"建设{NOT_BEGUN_MARK}的学校 {len(later)} 所（{'、'.join(later)}）：建设按项目实施，"
                   f"本方案不在这些学校安排{NOT_BUILT}；规划项目尚不能作为保障，其校舍、场地类指标须待项目竣工投入"
                   f"使用后复核，{waits}{tail}")
    return out, rest


def school_lines(texts: list[str], doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The warnings about one school (they start with its name: a school's 临时周转 years, its
    lease, its share with a 高中) apart from the county's; the workbook's 方案说明 holds each.

    >>> doc = {"actions": [{"name": "甲中学"}], "unresolved": [{"school": "乙小学"}]}
    >>> school_lines(["甲中学临时周转 2 间。", "全县规则。", "乙小学租赁 30 平方米。"], doc)
    (['甲中学临时周转 2 间。', '乙小学租赁 30 平方米。'], ['全县规则。'])
    """
    names = {a["name"] for a in doc.get("actions") or []} | {x["school"] for x in doc.get("unresolved") or []}
    ours = [t for t in texts if any(t.startswith(name) for name in names)]
    return ours, [t for t in texts if t not in ours]


def school_pointer(lines: list[str], doc: dict[str, Any]) -> str:
    """The sentence naming the schools whose own warnings the workbook holds ("" without).

    >>> school_pointer(["甲中学临时周转 2 间。", "甲中学租赁。"], {"actions": [{"name": "甲中学"}]})
    '逐校的需论证事项 2 条（甲中学）见《达标路径工作簿》“方案说明”表的“需论证”行和《整改措施》。'
    """
    if not lines:
        return ""
    names = [a["name"] for a in doc.get("actions") or []] + [x["school"] for x in doc.get("unresolved") or []]
    schools = [name for name in dict.fromkeys(names) if any(t.startswith(name) for t in lines)]
    return (f"逐校的需论证事项 {len(lines)} 条（{'、'.join(schools)}）见{WORKBOOK}“方案说明”表的“需论证”行"
            "和《整改措施》。")


def write_outside(r: WordReport, doc: dict[str, Any]) -> None:
    """Warnings and what lies outside the plan counted and named by the sheet that holds them
    (a school's own: brief hshort3; the county's: brief hshort4), then where its tables and
    assumptions are."""
    projects, rest = project_sentence([*doc["warnings"], *doc["outside"]],
                                      layout=bool(doc.get("layout_year")))
    ours, rest = school_lines(rest, doc)
    warned = [t for t in rest if t in doc["warnings"]]  # the sheet's 需论证 rows; 方案之外 printed
    for text in [*(t for t in rest if t not in warned), *projects]:
        r.para(in_workbook(text))
    for text in (outside_summary(warned), school_pointer(ours, doc)):
        if text:
            r.para(text)
    private = (doc.get("private_needs") or {}).get("items") or []
    sheets = ["“整改项目清单”（逐校逐项）", "“方案说明”（编制口径、单价及来源）"]
    if private:
        sheets.insert(1, f"“民办学校举办者整改需求”（{len(private)} 项，不计入本方案投资）")
    r.note(f"说明：本章按项目类别和年度汇总；{WORKBOOK}的{'、'.join(sheets)}各表列出明细和编制口径，"
           f"{recurring_counted(doc)}。逐项展开的整改措施见《整改措施》文档。")


def recurring_counted(doc: dict[str, Any]) -> str:
    """How many years of the yearly items the totals count: after a layout plan each part's
    own years, as its year table sums them (rv18 6: the layout's 2028—2034 are 7, not 5).

    >>> doc = {"costs": {"recurring_years": 5}}
    >>> recurring_counted(doc)
    '经常性支出在总投资中按 5 年计'
    >>> recurring_counted({**doc, "combined": {"by_year": {"recurring_years": list(range(2030, 2035)),
    ...     "layout_recurring_years": list(range(2028, 2035))}}})
    '经常性支出在总投资中布局调整按 7 年、达标路径按 5 年计'
    """
    n = doc["costs"]["recurring_years"]
    layout = ((doc.get("combined") or {}).get("by_year") or {}).get("layout_recurring_years") or []
    if not layout or len(layout) == n:
        return f"经常性支出在总投资中按 {n} 年计"
    return f"经常性支出在总投资中布局调整按 {len(layout)} 年、达标路径按 {n} 年计"


def steps_note(both: dict[str, Any]) -> str:
    """Under the joint year table: what of the layout's yearly change starts in which year,
    so a change in the yearly line is explained where it shows (planner review finding 17:
    −1,026.95 in 2027–2028, −296.95 from 2029 with no word why); "" with one start only.

    >>> steps_note({"layout_steps": {"2027": "撤并 64 所每年 -640.00 万元",
    ...     "2029": "新建学校开办每年 10.00 万元、新聘教师人员经费每年 720.00 万元"}})
    '注：布局调整的经常性支出变化按各项生效的学年起计：2027 学年起撤并 64 所每年 -640.00 万元；2029 学年起新建学校开办每年 10.00 万元、新聘教师人员经费每年 720.00 万元。'
    >>> steps_note({"layout_steps": {"2027": "撤并 1 所每年 -10.00 万元"}})
    ''
    """
    steps = both.get("layout_steps") or {}
    if len(steps) < 2:
        return ""
    return ("注：布局调整的经常性支出变化按各项生效的学年起计："
            + "；".join(f"{year} 学年起{words}" for year, words in steps.items()) + "。")


# --- the 自评报告's summaries of what the 《整改措施》 and the workbook print in full (brief hshort4) ---

#: the 《整改措施》 as the 自评报告 names it
PLAN_DOC = "《整改措施》"


def brief_verdict(doc: dict[str, Any]) -> str:
    """The verdict's first sentence and the 局务会's decisions by school and sum; each school's
    figures, options and estimates are the workbook's 方案说明 “结论” row (and the 《整改措施》).

    >>> doc = {"verdict": "按此方案，2030 学年不能通过复核，原因：民办学校由举办者整改 1 项。须由局务会决定（……）：……。",
    ...        "unresolved": [{"school": "甲中学（初中）", "short_m2": 8053, "reason": UNRESOLVED + "：仍缺 8,053 平方米"},
    ...                       {"school": "乙中学（初中）", "short_m2": 949, "reason": UNRESOLVED + "：仍缺 949 平方米"}],
    ...        "combined": {"senior": {"total": 1058.28, "schools": ["乙中学"]}}}
    >>> print(brief_verdict(doc))
    按此方案，2030 学年不能通过复核，原因：民办学校由举办者整改 1 项。须由局务会决定：甲中学（初中）、乙中学（初中）本校用地放不下，仍缺体育运动场馆面积共 9,002 平方米；乙中学与高中共用部分另需高中经费 1,058.28 万元。各校的缺口、可选途径和估算见《达标路径工作簿》“方案说明”表的“结论”行。
    >>> brief_verdict({"verdict": "按此方案，2030 学年可以通过复核：全部学校和各项差异系数达标。"})
    '按此方案，2030 学年可以通过复核：全部学校和各项差异系数达标。'
    """
    from junheng.planning.compliance_unresolved import verdict_line

    verdict = doc.get("verdict") or verdict_line(doc)
    head, _, rest = verdict.partition("。")
    if "须由局务会决定" not in rest:
        return verdict
    areas = [x for x in doc.get("unresolved") or []
             if x.get("short_m2") and str(x.get("reason", "")).startswith(UNRESOLVED)]
    senior = (doc.get("combined") or {}).get("senior") or doc.get("senior") or {}
    parts = [f"{'、'.join(x['school'] for x in areas)}本校用地放不下，仍缺体育运动场馆面积共 "
             f"{sum(x['short_m2'] for x in areas):,} 平方米"] if areas else []
    if senior.get("total"):
        parts.append(f"{'、'.join(senior.get('schools') or [])}与高中共用部分另需高中经费 {senior['total']:,.2f} 万元")
    return (f"{head}。须由局务会决定：{'；'.join(parts)}。各校的缺口、可选途径和估算见{WORKBOOK}“方案说明”表的“结论”行。"
            if parts else verdict)


def unresolved_summary(doc: dict[str, Any]) -> str:
    """The 未解决事项 counted (their reasons are the verdict's), the schools short of most area,
    and the sheet of every row ("" for none).

    >>> doc = {"target_year": 2030, "unresolved": [
    ...     {"school": "甲中学（初中）", "reason": "需论证", "short_m2": 8053},
    ...     {"school": "丙小学", "reason": "民办"}, {"school": "丙小学", "reason": "民办"},
    ...     {"school": "乙中学（初中）", "reason": "需论证", "short_m2": 949}]}
    >>> print(unresolved_summary(doc))
    按此方案 2030 学年仍未解决的事项 4 项、涉及 3 所学校，其中仍缺体育运动场馆面积的是甲中学（初中）8,053 平方米、乙中学（初中）949 平方米；逐校逐项的现值、标准和原因见《达标路径工作簿》“未解决事项”表（4 行）。

    A row of the county as a whole (a 差异系数) is no school (rv21: 「涉及 6 所学校」 counted 全县):

    >>> doc["unresolved"] += [{"school": "全县（小学）", "reason": "需论证"}, {"school": "全县（初中）", "reason": "需论证"}]
    >>> print(unresolved_summary(doc).split("，")[0])
    按此方案 2030 学年仍未解决的事项 6 项、涉及 3 所学校（4 项）和全县（2 项）
    >>> print(unresolved_summary({**doc, "unresolved": doc["unresolved"][4:]}).split("；")[0])
    按此方案 2030 学年仍未解决的事项 2 项，均为全县事项
    """
    rows = doc.get("unresolved") or []
    if not rows:
        return ""
    county = [x for x in rows if x["school"].startswith(COUNTY)]  # a 差异系数 or 班额 row: no school
    schools = {x["school"].split("（")[0] for x in rows if not x["school"].startswith(COUNTY)}
    where = (f"、涉及 {len(schools)} 所学校" + (f"（{len(rows) - len(county)} 项）和{COUNTY}（{len(county)} 项）"
                                           if county else "") if schools else f"，均为{COUNTY}事项")
    short = sorted((x for x in rows if x.get("short_m2")), key=lambda x: -x["short_m2"])[:TOP]
    area = ("，其中仍缺体育运动场馆面积的是" + "、".join(f"{x['school']}{x['short_m2']:,} 平方米" for x in short)
            if short else "")
    return (f"按此方案 {doc['target_year']} 学年仍未解决的事项 {len(rows)} 项{where}{area}；"
            f"逐校逐项的现值、标准和原因见{WORKBOOK}“未解决事项”表（{len(rows)} 行）。")


#: the 未解决事项 rows of the county as a whole (「全县（小学）」: a 差异系数, 「全县」: 班额), not a school
COUNTY = "全县"

#: the schools a summary names at most (the rest are in the sheet it points to)
TOP = 5


def path_summary(path: dict[str, Any] | None) -> str:
    """The route for the sports area no school's own ground holds, in one sentence; the three
    routes, each school's m² and the re-check are the workbook's 方案说明 rows ("" without).

    >>> path = {"remedy": "adjacent_land", "remedy_name": "置换或征用相邻用地建室外运动场", "total": 1350.3,
    ...         "fund_years": [2028, 2029],
    ...         "in_use_year": 2030, "schools": [{"name": "甲中学"}, {"name": "乙中学"}],
    ...         "recheck": {"passes": False}}
    >>> print(path_summary(path))
    体育运动场馆面积本校用地放不下的 2 所学校（甲中学、乙中学）：待决策的途径为置换或征用相邻用地建室外运动场，约 1,350.30 万元，未计入本方案总投资，须经自然资源部门确认用地，确认后最早 2030 学年投入使用；采用后全县仍不能通过复核。解决途径、逐校面积和复核见《达标路径工作簿》“方案说明”表的“本校用地放不下的体育运动场馆”行。
    """
    if not path:
        return ""
    names = "、".join(dict.fromkeys(x["name"] for x in path.get("schools") or []))
    money = f"约 {path['total']:,.2f} 万元" if path.get("total") else "须另行立项"
    passes = (path.get("recheck") or {}).get("passes")
    after = "" if passes is None else f"；采用后全县{'可以' if passes else '仍不能'}通过复核"
    when = (f"须经自然资源部门确认用地，确认后最早 {path['in_use_year']} 学年投入使用"  # rv15 2: no year in hand
            if path.get("remedy") == "adjacent_land" else f"{path['in_use_year']} 学年方可投入使用")
    return (f"体育运动场馆面积本校用地放不下的 {len(path.get('schools') or [])} 所学校（{names}）：待决策的途径为"
            f"{path['remedy_name']}，{money}，未计入本方案总投资，{when}{after}。"
            f"解决途径、逐校面积和复核见{WORKBOOK}“方案说明”表的“本校用地放不下的体育运动场馆”行。")


def floor_counted(floor: list[dict[str, Any]], doc: dict[str, Any]) -> str:
    """The share of the standard of the 85 % table's schools with the rule that counts them 达标
    (rv15 6), those whose pass is 待核实 apart with why (brief hwords6 2,
    :func:`~junheng.report.compliance_floor.floor_held`: 东城小学 passes only with land not yet granted).

    >>> rows = [{"after": 6.5, "standard": 7.5, "others": 6, "ratio": 0.85, "name": n, "stage": "primary"}
    ...         for n in ("甲小学", "乙小学")]
    >>> floor_counted(rows, {})
    '生均为标准的 86.7%，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标'
    >>> floor_counted(rows, {"after": {"stages": {"primary": {"land_passing": ["甲小学"]}}}})
    '生均为标准的 86.7%，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标 1 所，另 1 所待核实、确认前不计入达标学校数：甲小学扩充运动场地用地待自然资源部门确认'
    >>> floor_counted(rows[:1], {"after": {"stages": {"primary": {"land_passing": ["甲小学"]}}}})
    '生均为标准的 86.7%，均待核实、确认前不计入达标学校数：甲小学扩充运动场地用地待自然资源部门确认'
    """
    from junheng.planning.floor_rule import rule_words, share_of_standard
    from junheng.report.compliance_floor import floor_held, held_said

    shares = sorted({f"{share_of_standard(r):.1%}" for r in floor})
    said = f"生均为标准的 {shares[0] if len(shares) == 1 else f'{shares[0]}—{shares[-1]}'}，"
    counted, groups = floor_held(floor, doc)
    if not groups:
        return f"{said}按{rule_words(floor[0])}计为达标"
    held = f"待核实、确认前不计入达标学校数：{held_said(groups)}"
    if not counted:
        return f"{said}均{held}"
    return (f"{said}按{rule_words(floor[0])}计为达标 {len(counted)} 所，"
            f"另 {len({n for _, names in groups for n in names})} 所{held}")


def risk_summary(doc: dict[str, Any], floor_title: str, margin_title: str) -> str:
    """The 风险 of the 《整改措施》's two tables in one sentence: how many schools, the least
    margins, and the tables by title ("" for none).

    >>> doc = {"sports_floor": [{"name": "甲小学", "area": 3869.0, "pupils": 595, "standard": 7.5, "ratio": 0.85,
    ...                          "others": 6}],
    ...        "standard_margins": [{"name": "乙中学", "margin": 1}, {"name": "丙中学", "margin": 2},
    ...                             {"name": "乙中学", "margin": 3}]}
    >>> print(risk_summary(doc, "甲表", "乙表"))
    风险：体育运动场馆按标准的 85% 加余量规划的有 1 所学校（生均为标准的 86.7%，按“每所学校至少 6 项达到要求、其余不低于要求的 85%”计为达标），学生比规划年预测多出 12 人即低于标准的 85%（甲小学）；达到标准但余量小于招生预测误差的有 2 所学校，余量最小的是乙中学 1 人、丙中学 2 人。学生多于预测时即不能通过学校达标复核，须逐年核对其招生；逐校余量和留足预测误差所需的投资见《整改措施》“甲表”表和“乙表”表。

    A school counted 达标 by the 85 % rule on such a margin is said with what takes it below (review rv18 8):

    >>> print(risk_summary({"standard_margins": [{"name": "新初中", "stage": "junior", "label": "每百名学生拥有县级以上骨干教师数",
    ...     "floor": 0.85, "share": 0.8526, "margin": 3, "appoint": 1}]}, "", "乙表").split("；")[0])
    风险：按标准的 85% 计达标而余量小于预测误差或待骨干教师认定的有 1 所学校，余量最小的是新初中（初中，85.3%，学生比预测多 3 人或 1 名认定未成即不达标）。学生多于预测时即不能通过学校达标复核，须逐年核对其招生
    """
    from junheng.planning.standard_margins import floors_said
    from junheng.report.compliance_floor import margin_pupils

    floor, margins = doc.get("sports_floor") or [], doc.get("standard_margins") or []
    parts = []
    if floor:
        least = sorted((m, r["name"]) for r in floor if (m := margin_pupils(r)) is not None)[:TOP]
        span = (f"{least[0][0]:,}" if least[0][0] == least[-1][0] else f"{least[0][0]:,}—{least[-1][0]:,}") if least else ""
        parts.append(f"体育运动场馆按标准的 85% 加余量规划的有 {schools_stages(_units(floor), floor_counted(floor, doc))}"
                     + (f"，学生比规划年预测多出 {span} 人即低于标准的 85%（{'、'.join(n for _, n in least)}）" if least else ""))
    if met := [m for m in margins if not m.get("floor")]:
        least: dict[str, int] = {}  # a school's least margin over its stages and indicators
        for m in sorted(met, key=lambda m: m["margin"]):
            least.setdefault(m["name"], m["margin"])
        parts.append(f"达到标准但余量小于招生预测误差的有 {schools_stages(_units(met))}，余量最小的是"
                     + "、".join(f"{name} {n:,} 人" for name, n in list(least.items())[:TOP]))
    if floors := [m for m in margins if m.get("floor")]:  # review rv18 8
        parts.append(f"按标准的 {floors[0]['floor']:.0%} 计达标而余量小于预测误差或待骨干教师认定的有 "
                     f"{schools_stages(_units(floors))}，余量最小的是{floors_said(floors, 1)}")
    if not parts:
        return ""
    tables = "表和".join(f"“{t}”" for t, rows in ((floor_title, floor), (margin_title, margins)) if rows)
    return (f"风险：{'；'.join(parts)}。学生多于预测时即不能通过学校达标复核，须逐年核对其招生；"
            f"逐校余量和留足预测误差所需的投资见{PLAN_DOC}{tables}表。")


def _units(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """The school-学段 of a table's rows (review rv20 6: 11 rows of 10 schools)."""
    return {(m["name"], m.get("stage", "")) for m in rows}


def outside_summary(texts: list[str]) -> str:
    """The plan's 需论证 notes counted, with the sheet rows that hold each ("" for none).

    >>> outside_summary(["甲。", "乙。"])
    '本方案另有需论证事项 2 条，逐条见《达标路径工作簿》“方案说明”表的“需论证”行和《整改措施》。'
    """
    if not texts:
        return ""
    return f"本方案另有需论证事项 {len(texts)} 条，逐条见{WORKBOOK}“方案说明”表的“需论证”行和{PLAN_DOC}。"
