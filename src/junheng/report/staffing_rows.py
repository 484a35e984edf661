"""The staffing ledger (``plan.json``'s ``staffing``, :mod:`junheng.planning.staffing_ledger`)
in words and rows: one sentence and one 教师配置汇总 table that the layout plan's and the
达标路径's workbooks, Word documents and web pages all print, so a teacher figure reads the
same wherever it appears.

>>> doc = {"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
...        "county": {"need": 27, "today": 25, "moved": 7, "new_posts": 5, "hire": 5,
...                   "surplus": 3}, "moved_by_kind": {"closure": 5, "kept": 0, "pool": 2}}
>>> staffing_sentence(doc)
'教师（2030 学年）：按编制标准核定的教职工 27 人（教职工与学生比小学 1:19、初中 1:13.5，中央编办发〔2014〕72号），与现有专任教师 25 人比较（非教学岗位不另计）；随学生调配 5 人（撤并随迁 5 人、保留学校间调配 0 人）；县管校聘同学段调剂 2 人；新建学校编制 5 人；调配、调剂后按编制需招聘 5 人，另有 3 人富余留在原校（见“教师配置汇总”表）。'
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model.labels import STAGE_LABELS

SHEET_TITLE = "教师配置汇总"
HIRE_LABEL = "按编制需招聘"
NEED_LABEL = "按编制标准核定的教职工"
HEADER = ("学校", "学段", "规划年学生（人）", f"{NEED_LABEL}（人）", "现有专任教师（人）",
          "调入（人，随学生或调剂）", "调出（人，随学生或调剂）", "新建学校编制（人）", "调配后富余（人）",
          f"{HIRE_LABEL}（人）", "来源")
MOVE_HEADER = ("调出学校", "调入学校", "学段", "类别", "教师（人）")
#: why the 达标路径's own hires differ from the ledger's (printed where both appear)
BASIS_NOTE = (f"“{HIRE_LABEL}”按编制标准（教职工与学生比）核定的教职工数与现有专任教师比较；“按评估指标需招聘”只计优质均衡评估指标所数的"
              "高于规定学历、骨干、体育艺术专任教师，两者口径不同，达标路径只为后者测算投资。")
KIND_LABELS = {"closure": "撤并随迁", "kept": "保留学校间调配", "pool": "县管校聘同学段调剂"}


def hire_figure(doc: Mapping | None) -> int | None:
    """The county's 按编制需招聘 of a ledger (None without one)."""
    return None if not doc else int(doc["county"]["hire"])


def staffing_sentence(doc: Mapping | None) -> str:
    """The ledger's county figures in one sentence ("" without a ledger)."""
    if not doc:
        return ""
    c, by = doc["county"], doc.get("moved_by_kind") or {}
    r = doc.get("ratio") or {}
    year = f"（{doc['year']} 学年）" if doc.get("year") else ""
    basis = (f"（教职工与学生比小学 1:{r.get('primary', 19):g}、初中 1:{r.get('junior', 13.5):g}，"
             "中央编办发〔2014〕72号）")
    left = f"，另有 {c['surplus']:,} 人富余留在原校" if c["surplus"] else ""
    pool = by.get("pool", 0)
    return (f"教师{year}：{NEED_LABEL} {c['need']:,} 人{basis}，与现有专任教师 {c['today']:,} 人比较"
            f"（非教学岗位不另计）；随学生调配 {by.get('closure', 0) + by.get('kept', 0):,} 人"
            f"（撤并随迁 {by.get('closure', 0):,} 人、保留学校间调配 {by.get('kept', 0):,} 人）；"
            f"县管校聘同学段调剂 {pool:,} 人；新建学校编制 {c['new_posts']:,} 人；调配、调剂后{HIRE_LABEL} "
            f"{c['hire']:,} 人{left}（见“{SHEET_TITLE}”表）。")


def compliance_staffing_text(doc: Mapping) -> str:
    """In a 达标路径 after a layout plan: the ledger's sentence and why its 需招聘 differs
    from the plan's own ("" without a ledger)."""
    text = staffing_sentence(doc.get("staffing"))
    return f"{text}{BASIS_NOTE}" if text else ""


def staffing_rows(doc: Mapping | None) -> list[list]:
    """The 教师配置汇总 rows (:data:`HEADER`): schools with a figure other than zero, then
    the county's total."""
    if not doc:
        return []
    sources = _sources(doc.get("moves") or [])
    rows = []
    for s in doc["schools"]:
        if not any(s[k] for k in ("pupils", "today", "moved_in", "moved_out")):
            continue
        rows.append([s["name"], STAGE_LABELS.get(s["stage"], s["stage"]), s["pupils"], s["need"],
                     s["today"], s["moved_in"], s["moved_out"], s["new_posts"], s["surplus"],
                     s["hire"], sources.get((s["school_id"], s["stage"]), "")])
    c = doc["county"]
    moved_in = sum(s["moved_in"] for s in doc["schools"])
    rows.append(["全县合计", "", sum(s["pupils"] for s in doc["schools"]), c["need"], c["today"],
                 moved_in, moved_in, c["new_posts"], c["surplus"], c["hire"],
                 f"{NEED_LABEL} = 现有专任教师 + 调入 − 调出 + 需招聘 − 富余（逐校、全县均成立）"])
    return rows


def move_rows(doc: Mapping | None) -> list[list]:
    """The moves behind the ledger (:data:`MOVE_HEADER`), one row per sender, receiver,
    stage and kind."""
    if not doc:
        return []
    return [[m["from_name"], m["to_name"], STAGE_LABELS.get(m["stage"], m["stage"]),
             KIND_LABELS.get(m["kind"], m["kind"]), m["teachers"]]
            for m in doc.get("moves") or []]


def _sources(moves: list[Mapping]) -> dict[tuple[str, str], str]:
    """Per school and stage: where its moved teachers come from or go to, in words."""
    out: dict[tuple[str, str], list[str]] = {}
    for m in moves:
        kind = KIND_LABELS.get(m["kind"], m["kind"])
        out.setdefault((m["from_school_id"], m["stage"]), []).append(
            f"{kind}调往{m['to_name']} {m['teachers']} 人")
        out.setdefault((m["to_school_id"], m["stage"]), []).append(
            f"{kind}来自{m['from_name']} {m['teachers']} 人")
    return {k: "；".join(v) for k, v in out.items()}
