"""The 整改措施's words on the new 县级骨干教师 (``plan.json``'s ``backbone_training``,
:mod:`~junheng.planning.compliance_backbone`; review rv7: 22 planned for 13.00 万元 with no
criteria while the 骨干 CV's fall rested on them): who qualifies and how they are 认定, each
school's count beside those who qualify, what the 教师培养培训 money is, and the CV if fewer
are 认定; and which training at a school not yet open is done where and when."""

from __future__ import annotations

from typing import Any

from junheng.model.labels import STAGE_LABELS, schools_stages
from junheng.model.numbers import cv3
from junheng.report.compliance_brief import WORKBOOK
from junheng.report.word_document import WordReport

TITLE = "培养认定县级骨干教师（逐校，人）"
#: the workbook's sheet of the table (its title in report.compliance_xlsx._backbone_sheet)
SHEET = "培养认定县级骨干教师"
HEADS = ("学校", "学段", "符合认定条件的专任教师", "计划培养认定", "安排资金学年")
#: what each 教师培养培训 item's unit cost pays for (standards/costs.yaml's sources)
PAID_FOR = {"backbone_training": ("培养认定县级骨干教师", "培训与考核"),
            "degree_upgrade": ("在职教师学历提升", "学费补助")}


#: each training item in the sentence on a school not yet open (review rv8 14)
TRAINING_WORDS = {"degree_upgrade": "教师学历提升", "backbone_training": "骨干教师培养认定"}


def before_opening(a: list[dict]) -> str:
    """Training at a school not yet open: which training is done where and when (review2
    item 11; review rv8 14: the 骨干 training paid in the opening year was said to be done
    before it opened).

    >>> before_opening([{"name": "新中学", "item": "degree_upgrade", "year": 2027,
    ...                   "reason": "2029 学年开办前，在调入该校的教师现任学校进行"},
    ...                  {"name": "新中学", "item": "backbone_training", "year": 2029, "reason": None},
    ...                  {"name": "甲小学", "item": "backbone_training", "year": 2027, "reason": None}])
    '（其中新中学的教师学历提升于 2029 学年开办前，在调入该校的教师现任学校进行，骨干教师培养认定于 2029 学年在该校进行）'
    """
    def early(x: dict) -> bool:
        return "开办前" in (x.get("reason") or "")

    def words(rows: list[dict]) -> str:
        return "、".join(dict.fromkeys(TRAINING_WORDS.get(x["item"]) or x["item_name"] for x in rows))

    said = []
    for name in dict.fromkeys(x["name"] for x in a if early(x)):
        mine = [x for x in a if x["name"] == name]
        first = [x for x in mine if early(x)]
        later = {y: [x for x in mine if not early(x) and x["year"] == y]
                 for y in sorted({x["year"] for x in mine if not early(x)})}
        said.append(f"{name}的{words(first)}于 {first[0]['reason']}" + "".join(
            f"，{words(rows)}于 {y} 学年在该校进行" for y, rows in later.items()))
    return f"（其中{'；'.join(said)}）" if said else ""


def criteria_text(b: dict[str, Any]) -> str:
    """Who qualifies and how they are 认定.

    >>> b = {"criteria": {"text": "一级及以上职称、教龄满 5 年的专任教师", "unchecked": "年度考核合格",
    ...                   "procedure": "学校推荐、评审认定、公示"}}
    >>> criteria_text(b)
    '新认定的县级骨干教师从各校现有教师中产生：认定对象为一级及以上职称、教龄满 5 年的专任教师（按教师表逐校核对，各校认定人数不超过符合条件的人数），另须年度考核合格（工作簿没有此项数据，由学校推荐时核实）；程序为学校推荐、评审认定、公示。'
    """
    c = b["criteria"]
    other = f"，另须{c['unchecked']}（工作簿没有此项数据，由学校推荐时核实）" if c.get("unchecked") else ""
    return (f"新认定的县级骨干教师从各校现有教师中产生：认定对象为{c['text']}（按教师表逐校核对，各校认定人数"
            f"不超过符合条件的人数）{other}；程序为{c['procedure']}。")


def money_text(doc: dict[str, Any]) -> str:
    """The 教师培养培训 money as people × unit cost, item by item.

    >>> doc = {"costs": {"items": {"backbone_training": {"unit_cost": 0.5},
    ...                            "degree_upgrade": {"unit_cost": 1.0}}},
    ...        "actions": [{"item": "backbone_training", "quantity": 22.0, "cost": 11.0},
    ...                    {"item": "degree_upgrade", "quantity": 2.0, "cost": 2.0}]}
    >>> money_text(doc)
    '“教师培养培训”投资 13.00 万元为：培养认定县级骨干教师 22 人 × 每人 0.50 万元（培训与考核）= 11.00 万元；在职教师学历提升 2 人 × 每人 1.00 万元（学费补助）= 2.00 万元（单价为假设值，县区可在单价文件中按本县标准替换）。'
    """
    parts, total = [], 0.0
    for item, (name, what) in PAID_FOR.items():
        rows = [a for a in doc.get("actions") or [] if a["item"] == item]
        people = round(sum(float(a["quantity"]) for a in rows))
        if not people:
            continue
        cost = sum(float(a["cost"]) for a in rows)
        total += cost
        unit = float(doc["costs"]["items"][item]["unit_cost"])
        parts.append(f"{name} {people:,} 人 × 每人 {unit:,.2f} 万元（{what}）= {cost:,.2f} 万元")
    return (f"“教师培养培训”投资 {total:,.2f} 万元为：{'；'.join(parts)}"
            "（单价为假设值，县区可在单价文件中按本县标准替换）。")


def cv_text(b: dict[str, Any], year: int) -> str:
    """The 骨干 CVs after the plan, with none of the new 骨干 认定, and the schools that would then
    fail the school rule; a CV over its limit with none 认定 rests on them, one under it does not
    (:func:`~junheng.planning.compliance_backbone.appointment_held`, review rv18 1: 「以上 22 人全部
    认定为前提」 beside 0.494 under 0.50).

    >>> b = {"total": 22, "cvs": [{"stage": "primary", "name": "每百名学生拥有县级以上骨干教师数",
    ...      "limit": 0.5, "after": 0.411, "without": 0.52}], "schools_short": []}
    >>> cv_text(b, 2030)
    '按测算，2030 学年小学每百名学生拥有县级以上骨干教师数差异系数为 0.411（限值 0.50），以上 22 人全部认定为前提；若认定人数不足，差异系数为：一人都未认定时小学 0.520，超过限值，须另行引进县级以上骨干教师或增加骨干教师交流轮岗。'
    >>> b["cvs"][0]["without"] = 0.4935
    >>> b["schools_short"] = [{"name": "甲小学", "stage": "primary"}]
    >>> b["schools"] = [{"name": "甲小学"}, {"name": "乙小学"}]
    >>> cv_text(b, 2030)
    '按测算，2030 学年小学每百名学生拥有县级以上骨干教师数差异系数为 0.411（限值 0.50）；一人都未认定时小学 0.494，仍不超过限值，差异系数达标不依赖认定；但认定人数不足时，甲小学（小学）共 1 所学校不再达到学校达标要求（其学校达标待骨干教师认定），须另行引进县级以上骨干教师或增加骨干教师交流轮岗。'
    >>> cv_text({**b, "schools": b["schools"][:1]}, 2030).split("时，")[1][:23]
    '表中 1 所学校均不再达到学校达标要求（其学校'

    A school in both 学段 is one school (review rv20 7):

    >>> two = [{"name": "甲学校", "stage": "primary"}, {"name": "甲学校", "stage": "junior"}]
    >>> cv_text({**b, "schools_short": two, "schools": two}, 2030).split("时，")[1][:30]
    '表中 1 所学校（2 个学段）均不再达到学校达标要求（其学校'
    """
    from junheng.planning.compliance_backbone import appointment_held

    cvs = b.get("cvs") or []
    if not cvs:
        return ""
    first, *rest = cvs
    said = (f"{STAGE_LABELS[first['stage']]}{first['name']}差异系数为 {cv3(first['after'])}"
            f"{_limit(first)}" + "".join(f"、{STAGE_LABELS[x['stage']]}为 {cv3(x['after'])}{_limit(x)}"
                                         for x in rest))
    none = "、".join(f"{STAGE_LABELS[x['stage']]} {cv3(x['without'])}" for x in cvs)
    over = [x for x in cvs if x["limit"] is not None and x["without"] > x["limit"] + 1e-9]
    held = [x for x in cvs if appointment_held(x)]
    which = "" if len(over) == len(cvs) else f"其中{'、'.join(STAGE_LABELS[x['stage']] for x in over)}"
    if held:
        stages = "" if len(held) == len(cvs) else f"{'、'.join(STAGE_LABELS[x['stage']] for x in held)}差异系数达标"
        head = f"，{stages}以上 {b['total']:,} 人全部认定为前提；若认定人数不足，差异系数为：一人都未认定时{none}"
    else:
        head = f"；一人都未认定时{none}"
    tail = f"，{which}超过限值" if over else "，仍不超过限值，差异系数达标不依赖认定"
    if short := b.get("schools_short") or []:
        names = "、".join(f"{x['name']}（{STAGE_LABELS[x['stage']]}）" for x in short)
        every = len(short) == len(b.get("schools") or [])
        lead = "，但" if held else "；但认定人数不足时，"
        tail += lead + (f"表中 {_schools(short)}均" if every else f"{names}共 {_schools(short)}")
        tail += "不再达到学校达标要求" + ("" if held else "（其学校达标待骨干教师认定）")
    if over or short:
        tail += "，须另行引进县级以上骨干教师或增加骨干教师交流轮岗"
    return f"按测算，{year} 学年{said}{head}{tail}。"


def _schools(rows: list[dict[str, Any]]) -> str:
    """The table's school-学段 rows as schools (review rv20 7: 10 rows, 9 schools)."""
    return schools_stages((x["name"], x["stage"]) for x in rows)


def _limit(x: dict[str, Any]) -> str:
    return "" if x["limit"] is None else f"（限值 {x['limit']:.2f}）"


def school_rows(b: dict[str, Any]) -> list[list[Any]]:
    """The table's rows (counts as numbers), a 合计 row last.

    >>> b = {"schools": [{"name": "甲小学", "stage": "primary", "eligible": 9, "planned": 5,
    ...                   "years": [2027]}], "total": 5}
    >>> school_rows(b)
    [['甲小学', '小学', 9, 5, '2027'], ['合计', '', 9, 5, '']]
    """
    rows = [[x["name"], STAGE_LABELS.get(x["stage"], x["stage"]), x["eligible"], x["planned"],
             "、".join(str(y) for y in x.get("years") or [])] for x in b["schools"]]
    eligible = sum(x["eligible"] for x in b["schools"])
    return [*rows, ["合计", "", eligible, b["total"], ""]]


def backbone_words(doc: dict[str, Any]) -> list[str]:
    """The paragraphs before the table (who and how many; the money and the CVs), the
    workbook sheet's title joined; none without new 骨干."""
    b = doc.get("backbone_training")
    if not b:
        return []
    return [criteria_text(b) + f"{_schools(b['schools'])}共认定 {b['total']:,} 人，逐校见表“{TITLE}”。",
            money_text(doc) + cv_text(b, doc["target_year"])]


def write_backbone(r: WordReport, doc: dict[str, Any]) -> None:
    """The count and the CVs if fewer are 认定, the rest named by the workbook's sheet, whose
    title and rows are the criteria, the money and each school's count (nothing when the plan
    认定s no new 骨干, or was stored before ``backbone_training``; a table of the 《整改措施》
    too until brief hshort4)."""
    if not backbone_words(doc):
        return
    b = doc["backbone_training"]
    r.para(f"新认定县级骨干教师 {b['total']:,} 人，分在 {_schools(b['schools'])}，其认定条件、程序、投资和逐校人数"
           f"见{WORKBOOK}“{SHEET}”表。" + cv_text(b, doc["target_year"]))
