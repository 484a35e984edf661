"""The staffing ledger (``plan.json``'s ``staffing``, :mod:`junheng.planning.staffing_ledger`)
in words and rows: one sentence and one 教师配置汇总 table that the layout plan's and the
达标路径's workbooks, Word documents and web pages all print, so a teacher figure reads the
same wherever it appears.

>>> doc = {"year": 2030, "ratio": {"primary": 19, "junior": 13.5},
...        "county": {"need": 27, "today": 25, "moved": 7, "new_posts": 5, "hire": 5,
...                   "surplus": 3}, "moved_by_kind": {"closure": 5, "kept": 0, "pool": 2},
...        "schools": [{"stage": "primary", "need": 12, "today": 15, "hire": 0, "surplus": 3},
...                    {"stage": "junior", "need": 15, "today": 10, "hire": 5, "surplus": 0}],
...        "excluded": {"private": {"primary": 4, "junior": 0}},
...        "retirement": {"year": 2030, "by_stage": {"primary": 1, "junior": 2}, "unknown": 0}}
>>> for part in staffing_sentence(doc).split("。")[:2]:
...     print(part)
教师（2030 学年）：按编制标准核定的教职工 27 人（小学 12 人、初中 15 人；教职工与学生比小学 1:19、初中 1:13.5，中央编办发〔2014〕72号），与公办学校现有专任教师 25 人（小学 15 人、初中 10 人；不含民办学校 4 人）比较（非教学岗位不另计）；随学生调配 5 人（撤并随迁 5 人、保留学校间调配 0 人）；县管校聘同学段调剂 2 人（缺编学校先由同学段按编制富余的教师调剂，同一乡镇优先、再全县，仍缺的才招聘；小学富余教师未转任初中（工作簿未填教师资格证学段，须核实））；新建学校编制 5 人；调配、调剂后按编制需招聘 5 人（均为初中）；小学富余 3 人留在原校（见“教师配置汇总”表）
自然减员：小学富余 3 人，至 2030 学年开学前预计退休 1 人，退休不补可消化 1 人，仍富余 2 人；初中另有 2 人退休，需按同岗位补充；上列按编制需招聘的 5 人不含退休补充，连同退休补充共需招聘 7 人（均为初中；退休补充接替原岗位，不计入新聘教师人员经费）；小学富余教师中持初中教师资格证的人数需核实（工作簿“教师资格证”只填是否持证，未填资格学段，无法测算），可转岗者相应减少初中招聘
"""

from __future__ import annotations

from collections.abc import Mapping

from junheng.model.labels import STAGE_LABELS
from junheng.planning.hire_rule import hire_rule_text
from junheng.planning.retirement import RULE_TEXT
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_transfer import TO_STAGE, certified_left, transferred
from junheng.report.subject_gaps import fill_rest, unmatched
from junheng.report.teacher_absorb import forecast_then, retire_cover_text, surplus_said
from junheng.report.teacher_peak import peak_text
from junheng.report.teacher_walk import WALK_REF, surplus_walk, transfer_note, walked

SHEET_TITLE = "教师配置汇总"
HIRE_LABEL = "按编制需招聘"
NEED_LABEL = "按编制标准核定的教职工"
TODAY_LABEL = "公办学校现有专任教师"
#: the compulsory full-time teachers the ledger leaves out (staffing_ledger.left_out)
EXCLUDED_LABELS = {"private": "民办学校", "special": "特殊教育学校", "other": "其他学校"}
HEADER = ("学校", "学段", "规划年学生（人）", f"{NEED_LABEL}（人）", "现有专任教师（人）",
          "调入（人，随学生或调剂）", "调出（人，随学生或调剂）", "新建学校编制（人）", "调配后富余（人）",
          f"{HIRE_LABEL}（人）", "来源")
MOVE_HEADER = ("调出学校", "调入学校", "学段", "类别", "教师（人）")
STAGE_HEADER = ("分学段合计", "小学", "初中", "合计")
#: the per-stage rows' labels (staffing_figures.stage_figures keys; ``retire`` is labelled
#: with its year)
STAGE_ITEMS = {"need": f"{NEED_LABEL}（人）", "today": f"{TODAY_LABEL}（人）",
               "hire": f"调配、调剂后{HIRE_LABEL}（人）", "surplus": "调配后富余（人）",
               "retire": "", "absorbed": "退休不补可消化的富余（人）",
               "left": "消化后仍富余（人）",
               "replace": "退休需按同岗位补充，不计入按编制需招聘（人）",
               "hire_total": "连同退休补充共需招聘（人）"}
#: the per-stage row of 小学富余教师转任初中 (staffing_figures ``transfer``: 小学 −n, 初中 +n)
TRANSFER_ITEM = "小学转任初中（小学调出记负、初中调入记正，人）"
#: why the 达标路径's own hires differ from the ledger's (printed where both appear)
BASIS_NOTE = (f"“{HIRE_LABEL}”按编制标准（教职工与学生比）核定的教职工数与现有专任教师比较；“按评估指标需招聘”只计优质均衡评估指标所数的"
              "高于规定学历、骨干、体育艺术专任教师，两者口径不同，达标路径只为后者测算投资。")
#: ``subject``: a 县管校聘调剂 to a school short of 体育艺术 teachers (staffing_subjects)
SUBJECT_LABEL = "补体育、音乐、美术教师"
KIND_LABELS = {"closure": "撤并随迁", "kept": "保留学校间调配", "pool": "县管校聘同学段调剂",
               "subject": f"县管校聘同学段调剂（{SUBJECT_LABEL}）", "transfer": "小学富余教师转任初中"}
#: without 教师资格证学段 (a v1 workbook, an older plan.json): no 转任 counted
UNPROVEN = "小学富余教师未转任初中（工作簿未填教师资格证学段，须核实）"


def hire_figure(doc: Mapping | None) -> int | None:
    """The county's 按编制需招聘 of a ledger (None without one)."""
    return None if not doc else int(doc["county"]["hire"])


def staffing_sentence(doc: Mapping | None) -> str:
    """The ledger's county figures in one sentence, each split by stage, then its 自然减员
    (:func:`retirement_sentence`) ("" without a ledger)."""
    if not doc:
        return ""
    c, by = doc["county"], doc.get("moved_by_kind") or {}
    stages = stage_figures(doc)
    r = doc.get("ratio") or {}
    year = f"（{doc['year']} 学年）" if doc.get("year") else ""
    need = f"{_by_stage(stages, 'need')}；" if stages else ""
    basis = (f"（{need}教职工与学生比小学 1:{r.get('primary', 19):g}、初中 1:{r.get('junior', 13.5):g}，"
             "中央编办发〔2014〕72号）")
    pool, subject = by.get("pool", 0) + by.get("subject", 0), by.get("subject", 0)
    notes = [subject_note(doc, subject), pool_order_text(doc, pool)]
    pool_note = "（" + "；".join(n for n in notes if n) + "）" if any(notes) else ""
    return (f"教师{year}：{NEED_LABEL} {c['need']:,} 人{basis}，与{TODAY_LABEL} {c['today']:,} 人"
            f"{_today_note(doc, stages)}比较（非教学岗位不另计）；{_followed(by)}"
            f"县管校聘同学段调剂 {pool:,} 人{pool_note}；{transfer_text(doc)}"
            f"{new_posts_text(doc)}"
            f"调配、调剂后{HIRE_LABEL} {c['hire']:,} 人{_hire_note(stages)}"
            f"{_surplus_text(c['surplus'], stages, walked(doc))}（见“{SHEET_TITLE}”表）。"
            f"{retirement_sentence(doc)}")


def subject_note(doc: Mapping, subject: int) -> str:
    """The 县管校聘学科调剂's part of the sentence: the 体育艺术 teachers moved, those swapped back
    to a donor with none over its 生师比 need (staffing_subjects.swap_picks) and the rule on
    the spare ones left (hire_rule) ("" without a move).

    >>> subject_note({"subject_pool": {"spare": {"junior": 3}, "swapped": 8}}, 19)
    '其中补体育、音乐、美术教师 19 人，体育艺术教师多于所需而按编制不富余的学校另从接收学校对调回其他学科教师 8 人，初中仍有 3 名体育艺术教师多于本校按优质均衡标准所需，建议按县管校聘先调剂，不招聘体育艺术教师'
    """
    if not subject:
        return ""
    pool = doc.get("subject_pool") or {}
    swapped = int(pool.get("swapped") or 0)
    back = (f"，体育艺术教师多于所需而按编制不富余的学校另从接收学校对调回其他学科教师 {swapped:,} 人"
            if swapped else "")
    left = hire_rule_text(doc)
    return f"其中{SUBJECT_LABEL} {subject:,} 人{back}{'，' + left if left else ''}"


def transfer_text(doc: Mapping) -> str:
    """The surplus primary teachers transferred to 初中 posts before anyone is recruited
    (``transfer``, planning.staffing_transfer), with their source ("" without any: a v1
    workbook, no junior 招聘 or no candidate).

    >>> transfer_text({"transfer": {"filled": True, "teachers": 3, "candidates": 5, "unknown": 2}})
    '小学富余教师转任初中 3 人（持初中、高中或中等职业学校教师资格证，《教师资格条例》第五条；按工作簿“教师资格证学段”，可转任 5 人，另有 2 名持证教师未填学段，未计入）；'
    """
    found = doc.get("transfer") or {}
    if not found.get("filled") or not found.get("teachers"):
        return ""
    if walked(doc):  # rv28 4: the certificate, the 271 and the 51 once, in the imbalance finding
        return f"小学富余教师转任初中 {found['teachers']:,} 人（{WALK_REF}{transfer_subjects(found)}）；"
    blank = certified_left(found)[1]  # the one count of the rest (rv17 4)
    unknown = f"，另有 {blank:,} 名持证教师未填学段，未计入" if blank else ""
    return (f"小学富余教师转任初中 {found['teachers']:,} 人（持初中、高中或中等职业学校教师资格证，《教师资格条例》第五条；"
            f"按工作簿“教师资格证学段”，可转任 {found['candidates']:,} 人{unknown}{transfer_subjects(found)}）；")


#: the staffing rules' subject groups (teachers.rules) as a reader names them
GROUP_LABELS = {"science": "科学（物理、化学、生物）", "history": "历史与地理", "practice": "综合实践活动等"}


def group_label(group: str) -> str:
    """A subject group's name (``science``: 科学（物理、化学、生物）; a subject: its name)."""
    from junheng.model.codes import SUBJECTS

    return GROUP_LABELS.get(group) or {v: k for k, v in SUBJECTS.items()}.get(group, "其他")


def transfer_subjects(found: Mapping) -> str:
    """The 转任 by the junior subject each teaches (staffing_transfer.taught) and, per junior
    school still hiring, the subjects it still lacks ("" for an older file without them).

    >>> transfer_subjects({"subjects": {"chinese": 12, "practice": 3}, "short": [
    ...     {"name": "新初中", "hire": 5, "subjects": {"science": 4, "history": 1}}]})
    '；按学科对口转任：语文 12 人、综合实践活动等 3 人（任一学科教师可兼任）；按课时比例仍缺：新初中科学（物理、化学、生物） 4 人、历史与地理 1 人，需招聘 5 人'
    """
    if "subjects" not in found:
        return ""
    from junheng.report.subject_gaps import gap_text, short_text

    said = "、".join(gap_text(k, n) for k, n in found["subjects"].items() if n)
    text = f"；按学科对口转任：{said}" if said else ""
    short = [short_text(r) for r in found.get("short") or ()]
    return text + ("；按课时比例仍缺：" + "；".join(short) if short else "")


def new_posts_text(doc: Mapping) -> str:
    """The new schools' posts and how each is staffed (review rv 8: the main text said 「新建学校
    编制 76 人」 alone while 61 of them came from 11 village schools): per new school the
    teachers following its pupils, those of the 县管校聘调剂 and from how many schools, and its
    hires ("" without new posts). Hand-worked: 13 + 23 + 40 = 76.

    >>> doc = {"county": {"new_posts": 76}, "schools": [{"school_id": "N", "name": "文化路初中",
    ...        "new_posts": 76, "hire": 40}], "moves": [
    ...        {"from_school_id": "A", "to_school_id": "N", "kind": "kept", "teachers": 13},
    ...        {"from_school_id": "B", "to_school_id": "N", "kind": "pool", "teachers": 20},
    ...        {"from_school_id": "C", "to_school_id": "N", "kind": "pool", "teachers": 3}]}
    >>> new_posts_text(doc)
    '新建学校编制 76 人（文化路初中：随学生调配 13 人、县管校聘调剂 23 人（来自 2 所学校）、招聘 40 人）；'
    >>> new_posts_text({"county": {"new_posts": 0}})
    ''
    """
    n = int((doc.get("county") or {}).get("new_posts") or 0)
    if not n:
        return ""
    parts = []
    for row in (r for r in doc.get("schools") or [] if r.get("new_posts")):
        into = [m for m in doc.get("moves") or [] if m["to_school_id"] == row["school_id"]]
        follow = sum(int(m["teachers"]) for m in into if m["kind"] in ("closure", "kept"))
        pool = [m for m in into if m["kind"] not in ("closure", "kept", "transfer")]
        moved = [m for m in into if m["kind"] == "transfer"]
        said = [f"随学生调配 {follow:,} 人" if follow else "",
                (f"县管校聘调剂 {sum(int(m['teachers']) for m in pool):,} 人"
                 f"（来自 {len({m['from_school_id'] for m in pool}):,} 所学校）") if pool else "",
                (f"小学富余教师转任 {sum(int(m['teachers']) for m in moved):,} 人"
                 f"（来自 {len({m['from_school_id'] for m in moved}):,} 所小学）") if moved else "",
                f"招聘 {int(row['hire']):,} 人" if row.get("hire") else ""]
        parts.append(f"{row['name']}：{'、'.join(x for x in said if x)}")
    return f"新建学校编制 {n:,} 人" + (f"（{'；'.join(parts)}）" if parts else "") + "；"


def pool_order_text(doc: Mapping, pool: int) -> str:
    """The order the ledger fills a shortfall in (brief hswap rule 3, as
    planning.staffing_ledger._pool_moves does it): teachers over their 生师比 need in the same
    stage, of the same 乡镇 first, then the county's; then hiring. 小学 teachers are not moved to
    初中 (the workbook's 教师资格证 has no stage). And how many 骨干 and 体育艺术 teachers left
    rural schools (``rural_out``, planning.staffing_keep: none below a school's own need).

    >>> doc = {"rural_out": {"teachers": 53, "backbone": 0, "pe_art": 0}}
    >>> pool_order_text(doc, 105)
    '缺编学校先由同学段按编制富余的教师调剂，同一乡镇优先、再全县，仍缺的才招聘；小学富余教师未转任初中（工作簿未填教师资格证学段，须核实）；其中从乡镇学校调出 53 人，含县级以上骨干教师 0 名、体育艺术教师 0 名，乡镇学校的骨干教师和体育艺术教师不因调剂低于本校所需'
    >>> pool_order_text({}, 0)
    ''
    """
    if not pool:
        return ""
    r = doc.get("rural_out")
    rural = (f"；其中从乡镇学校调出 {r['teachers']:,} 人，含县级以上骨干教师 {r['backbone']:,} 名、"
             f"体育艺术教师 {r['pe_art']:,} 名，乡镇学校的骨干教师和体育艺术教师不因调剂低于本校所需"
             if r else "")
    found = doc.get("transfer") or {}
    if found.get("filled"):  # planning.staffing_transfer
        return ("缺编学校先由同学段按编制富余的教师调剂，同一乡镇优先、再全县，初中再由持初中及以上教师资格证的小学富余教师"
                f"转任（{found['teachers']:,} 人），仍缺的才招聘{rural}{town_pool_text(doc)}")
    return ("缺编学校先由同学段按编制富余的教师调剂，同一乡镇优先、再全县，仍缺的才招聘；"
            f"{UNPROVEN}{rural}{town_pool_text(doc)}")


def town_pool_text(doc: Mapping) -> str:
    """Why 县管校聘 sends teachers from 乡镇 schools to 城区 or new ones (``rural_out.to_town``),
    with the figures (brief hrot3), for a stage whose receivers are short by 编制: their
    shortfall before the 县管校聘 (each ``hire − surplus + 调剂调入``, what it would hire
    without them; per school in the “教师配置汇总” table) and the senders' surplus by 编制
    before it (``surplus + 调剂调出``); the senders keep their own 编制 when none of them
    hires. Moves that fill a 体育艺术 gap (ledger moves ``subject``) are said apart. Short: the
    paragraph it ends is read in one go (tests/demo/test_demo_sentence_length.py).

    >>> doc = {"rural_out": {"to_town": {"junior": {"from": {"R": 7}, "to": {"U": 7}}}},
    ...        "schools": [{"school_id": "U", "name": "实验中学", "stage": "junior", "need": 148,
    ...                     "hire": 0, "surplus": 0},
    ...                    {"school_id": "R", "name": "鹤河镇初级中学", "stage": "junior",
    ...                     "need": 40, "hire": 0, "surplus": 1}],
    ...        "moves": [{"from_school_id": "R", "to_school_id": "U", "stage": "junior",
    ...                   "kind": "pool", "teachers": 6},
    ...                  {"from_school_id": "R", "to_school_id": "U", "stage": "junior",
    ...                   "kind": "subject", "teachers": 1}]}
    >>> town_pool_text(doc)  # U: 0 − 0 + 6 = 6 short of 148; R: 1 + 6 = 7 over its 40
    '；初中从 1 所乡镇学校调往城区学校 7 人（其中补体育、音乐、美术教师 1 人），因接收的 1 所学校按编制共缺 6 人，调出学校按编制共富余 7 人，调出后均不少于本校按编制所需'
    """
    towns = (doc.get("rural_out") or {}).get("to_town") or {}
    if not towns:
        return ""
    rows = {(r["school_id"], r["stage"]): r for r in doc.get("schools") or []}
    flow: dict[tuple, int] = {}  # a transfer (staffing_transfer) arrives in 初中, after the pool
    for m in doc.get("moves") or []:
        if m["kind"] not in ("closure", "kept"):
            for key in ((m["kind"] == "subject", "in", m["to_school_id"], TO_STAGE.get(m["kind"], m["stage"])),
                        (m["kind"] == "subject", "out", m["from_school_id"], m["stage"])):
                flow[key] = flow.get(key, 0) + int(m["teachers"])
    parts = []
    for stage, t in sorted(towns.items(), key=lambda x: ("primary", "junior").index(x[0])):
        to = [k for k in t["to"] if (k, stage) in rows]
        frm = [k for k in t["from"] if (k, stage) in rows]
        gap = sum(max(0, int(rows[(k, stage)]["hire"]) - int(rows[(k, stage)]["surplus"])
                      + flow.get((False, "in", k, stage), 0)) for k in to)
        if not gap:
            continue
        spare = sum(int(rows[(k, stage)]["surplus"]) + flow.get((False, "out", k, stage), 0)
                    for k in frm)
        sub = min(sum(t["to"].values()), sum(flow.get((True, "in", k, stage), 0) for k in to))
        kept = all(int(rows[(k, stage)]["hire"]) == 0 for k in frm)
        where = "城区学校" + ("和新建学校" if any(rows[(k, stage)].get("new_posts") for k in to) else "")
        parts.append(f"；{STAGE_LABELS.get(stage, stage)}从 {len(t['from']):,} 所乡镇学校调往{where} "
                     f"{sum(t['to'].values()):,} 人" + (f"（其中补体育、音乐、美术教师 {sub:,} 人）" if sub else "")
                     + f"，因接收的 {len(to):,} 所学校按编制共缺 {gap:,} 人，调出学校按编制共富余 {spare:,} 人"
                     + ("，调出后均不少于本校按编制所需" if kept else ""))
    return "".join(parts)


def _followed(by: Mapping[str, int]) -> str:
    """The teachers who follow the pupils (撤并随迁, 保留学校间调配), none said when no layout
    plan moves any (the 达标路径 alone: review vf).

    >>> _followed({"closure": 5, "kept": 0}), _followed({"pool": 2})
    ('随学生调配 5 人（撤并随迁 5 人、保留学校间调配 0 人）；', '')
    """
    closure, kept = by.get("closure", 0), by.get("kept", 0)
    if not closure + kept:
        return ""
    return f"随学生调配 {closure + kept:,} 人（撤并随迁 {closure:,} 人、保留学校间调配 {kept:,} 人）；"


def retirement_sentence(doc: Mapping | None) -> str:
    """The ledger's 自然减员 in words: per stage the surplus its retirees absorb by not being
    replaced and what is left, or the retirees to replace in the same post, and the hires with
    those replacements ("" without a ``retirement``, as in older files).

    >>> doc = {"county": {"hire": 72}, "retirement": {"year": 2030, "unknown": 0,
    ...        "by_stage": {"primary": 133, "junior": 56}},
    ...        "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
    ...                    {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}]}
    >>> retirement_sentence(doc).split("。")[0]
    '自然减员：小学富余 664 人，至 2030 学年开学前预计退休 133 人，退休不补可消化 133 人，仍富余 531 人；初中另有 56 人退休，需按同岗位补充；上列按编制需招聘的 72 人不含退休补充，连同退休补充共需招聘 128 人（均为初中；退休补充接替原岗位，不计入新聘教师人员经费）；小学富余教师中持初中教师资格证的人数需核实（工作簿“教师资格证”只填是否持证，未填资格学段，无法测算），可转岗者相应减少初中招聘'
    """
    ret = (doc or {}).get("retirement")
    stages = stage_figures(doc) if ret else {}
    if not stages:
        return ""
    parts: list[str] = []
    for stage, f in stages.items():
        label = STAGE_LABELS[stage]
        when = (f"另有 {f['retire']:,} 人退休" if parts else
                f"至 {ret['year']} 学年开学前预计退休 {f['retire']:,} 人")
        if f["surplus"] and stage == "primary" and walked(doc):  # rv28 4: the walk says the rest
            parts.append(f"{label}{when}，退休不补 {f['absorbed']:,} 人（小学富余的消化{WALK_REF}）"
                         + (f"，另 {f['replace']:,} 人需按同岗位补充" if f["replace"] else ""))
        elif f["surplus"]:
            moved = transferred(doc) if stage == "primary" else 0  # rv16 3: after the 转任, said so
            text = f"{label}富余 {surplus_said(f['surplus'], moved)}，{when}，退休不补可消化 {f['absorbed']:,} 人"
            text += f"，转任补充初中退休岗位 {-f['cover']:,} 人" if f.get("cover") else ""
            text += f"，仍富余 {f['left']:,} 人" if f["left"] else ""  # rv19 1: the route is the imbalance's
            parts.append(text + (f"，另 {f['replace']:,} 人需按同岗位补充" if f["replace"] else ""))
        elif f["retire"]:
            parts.append(f"{label}{when}" + (retire_cover_text(doc) or "，需按同岗位补充"))
    if not parts:
        parts.append(f"至 {ret['year']} 学年开学前预计无人退休")
    total = sum(f["hire_total"] for f in stages.values())
    if total != doc["county"]["hire"]:
        parts.append(f"上列{HIRE_LABEL}的 {doc['county']['hire']:,} 人不含退休补充，连同退休补充共需招聘 "
                     f"{total:,} 人（{_by_stage(stages, 'hire_total', all_of=True)}；退休补充接替原岗位，"
                     "不计入新聘教师人员经费）")
    parts += [] if walked(doc) else _transfer_note(stages, doc)
    unknown = ret.get("unknown") or 0
    missing = f"；另有 {unknown:,} 人未填性别或出生年份，未计入退休" if unknown else ""
    return f"自然减员：{'；'.join(parts)}。{RULE_TEXT}{missing}。"


def imbalance_sentence(doc: Mapping | None) -> str:
    """The plan's teachers in one finding for the main text when one stage keeps a surplus
    while the other hires (planner review 2026-12-05 finding 4: 72 junior hires beside 531
    primary teachers left over stood only in a long 说明); "" otherwise.

    >>> doc = {"year": 2030, "county": {"hire": 72}, "retirement": {"year": 2030, "unknown": 0,
    ...        "by_stage": {"primary": 133, "junior": 56}},
    ...        "schools": [{"stage": "primary", "need": 1076, "today": 1740, "hire": 0, "surplus": 664},
    ...                    {"stage": "junior", "need": 1151, "today": 1079, "hire": 72, "surplus": 0}]}
    >>> print(imbalance_sentence(doc))  # 664 − 133 = 531 left; 72 + 56 = 128 to hire; 531 − 128 = 403
    教师学段结构失衡：2030 学年小学专任教师比编制标准富余 664 人（退休不补可消化 133 人，仍富余 531 人），而初中按编制需招聘 72 人（连同退休补充 128 人）。初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；即使初中所需 128 人全部由小学富余教师转任，小学仍富余 403 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹。转任初中须持初中或高中教师资格证（《教师资格条例》第五条），并按学科对口：工作簿“教师资格证”只填是否持证，未填资格学段，可转岗人数须逐人核实资格证学段和任教学科后确定。
    >>> imbalance_sentence({**doc, "retirement": None}).split("。")[1]  # no retirees: 664 − 72 = 592
    '初中所需教师应先由小学富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；即使初中所需 72 人全部由小学富余教师转任，小学仍富余 592 人，建议富余消化前小学暂停招聘，由退休不补消化，不足的待编制核减或跨区县统筹'
    """
    stages = stage_figures(doc or {})
    pairs = [(a, b) for a, b in (("primary", "junior"), ("junior", "primary"))
             if a in stages and b in stages]
    for extra, short in pairs:
        f, g = stages[extra], stages[short]
        left, hire = f.get("left", f["surplus"]), g.get("hire_total", g["hire"])
        if left and g["hire"]:
            return _imbalance_text(doc, extra, short, f, g, left, hire)
    return ""


def _imbalance_text(doc: Mapping, extra: str, short: str, f: Mapping, g: Mapping, left: int,
                    hire: int) -> str:
    a, b = STAGE_LABELS[extra], STAGE_LABELS[short]
    year = f"{doc['year']} 学年" if doc.get("year") else "规划年"
    terms = ([f"退休不补可消化 {f['absorbed']:,} 人"] if f.get("absorbed") else []) + (
        [f"转任补充初中退休岗位 {-f['cover']:,} 人"] if f.get("cover") else [])  # rv19 8: every term
    absorbed = f"（{'、'.join(terms)}，仍富余 {left:,} 人）" if terms else ""
    cover = g.get("cover", 0)
    total = (f"（连同退休补充 {hire:,} 人）" if hire != g["hire"] else
             f"（初中退休的 {cover:,} 人由小学富余教师转任补充，不招聘）" if cover else "")
    total += f"；{peak}" if short == "junior" and (peak := peak_text(doc)) else ""  # rv20 3: beside the junior forecast
    found = doc.get("transfer") or {}
    walk = surplus_walk(doc) if extra == "primary" and walked(doc) else ""  # rv28 4: the one walk
    then = "" if walk else forecast_then(doc, extra)
    rest = fill_rest(a, b, left, hire, unmatched(found) if short == "junior" else (0, ""), then)
    certificate = ("初中教师资格证可任教小学（《教师资格条例》第五条），转任者按学科对口安排。" if short != "junior" else
                   f"转任初中须持初中或高中教师资格证（《教师资格条例》第五条），并按学科对口：{transfer_note(found, hire, bool(walk))}。"
                   if found.get("filled") else
                   "转任初中须持初中或高中教师资格证（《教师资格条例》第五条），并按学科对口：工作簿“教师资格证”只填是否持证，"
                   "未填资格学段，可转岗人数须逐人核实资格证学段和任教学科后确定。")
    moved = transferred(doc) if extra == "primary" else 0
    head = f"{walk}；而" if walk else f"{year}{a}专任教师比编制标准富余 {surplus_said(f['surplus'], moved)}{absorbed}，而"
    return (f"教师学段结构失衡：{head}{b}按编制需招聘 "
            f"{g['hire']:,} 人{total}。{b}所需教师应先由{a}富余教师转任解决（县管校聘调配，不是交流轮岗），不足部分再招聘；{rest}。"
            f"{certificate}")


def _transfer_note(stages: Mapping, doc: Mapping | None = None) -> list[str]:
    """What a stage's surplus left after retirements could do for the other stage's hires
    (review 2026-12-04 finding 8: "how many of the 531 could teach junior middle?"). With the
    workbook's 教师资格证学段 (``doc``'s ``transfer``) the ledger has transferred them already
    (:func:`transfer_note`); without it no count is given; a junior certificate covers
    primary (《教师资格条例》第五条).

    >>> f = {"primary": {"left": 531, "hire_total": 0}, "junior": {"left": 0, "hire_total": 128}}
    >>> _transfer_note(f)[0][:38]
    '小学富余教师中持初中教师资格证的人数需核实（工作簿“教师资格证”只填是否持证'
    >>> _transfer_note({**f, "junior": {"left": 0, "hire_total": 0}})
    []
    """
    left, hire = ({k: stages.get(k, {}).get(key, 0) for k in ("primary", "junior")}
                  for key in ("left", "hire_total"))
    found = (doc or {}).get("transfer") or {}
    if found.get("filled") and (found.get("teachers") or (left["primary"] and hire["junior"])):
        return [transfer_note(found, hire["junior"])]
    if left["primary"] and hire["junior"]:
        return ["小学富余教师中持初中教师资格证的人数需核实（工作簿“教师资格证”只填是否持证，未填资格学段，"
                "无法测算），可转岗者相应减少初中招聘"]
    if left["junior"] and hire["primary"]:
        return ["初中富余教师持有的初中教师资格证可任教小学（《教师资格条例》第五条），转任小学者相应减少小学招聘"]
    return []


def _by_stage(stages: Mapping, key: str, all_of: bool = False) -> str:
    """"小学 a 人、初中 b 人" (stages with a figure); "均为初中" when ``all_of`` and one has."""
    have = [(STAGE_LABELS[k], f[key]) for k, f in stages.items() if f[key]]
    if all_of and len(have) == 1:
        return f"均为{have[0][0]}"
    return "、".join(f"{label} {n:,} 人" for label, n in have)


def _today_note(doc: Mapping, stages: Mapping) -> str:
    """"（小学 a 人、初中 b 人；不含民办学校 c 人、特殊教育学校 d 人）" (parts it has)."""
    out = [_by_stage(stages, "today")] if stages else []
    left = [f"{EXCLUDED_LABELS.get(k, k)} {sum(v.values()):,} 人"
            for k, v in (doc.get("excluded") or {}).items() if sum(v.values())]
    if left:
        out.append("不含" + "、".join(left))
    return f"（{'；'.join(p for p in out if p)}）" if any(out) else ""


def _hire_note(stages: Mapping) -> str:
    text = _by_stage(stages, "hire", all_of=True) if stages else ""
    return f"（{text}）" if text else ""


def _surplus_text(surplus: int, stages: Mapping, walk: bool = False) -> str:
    """"；小学富余 n 人留在原校" (per stage; older files without schools: the county's); with
    ``walk`` (:func:`~.teacher_walk.walked`) the primary figure left to the walk (rv28 4)."""
    if not surplus:
        return ""
    if walk and not stages.get("junior", {}).get("surplus"):
        return "；小学富余教师留在原校"  # the figure is the walk's (rv30 5: 「，逐校人数」 dangled)
    have = [(STAGE_LABELS[k], f["surplus"]) for k, f in stages.items() if f["surplus"]]
    if not stages:
        return f"，另有 {surplus:,} 人富余留在原校"
    if len(have) == 1:
        return f"；{have[0][0]}富余 {surplus:,} 人留在原校"
    return f"；富余 {surplus:,} 人留在原校（{_by_stage(stages, 'surplus')}）"


#: ``WordReport.said`` key of the staffing sentence: printed in full once per document
STAFFING_KEY = "staffing"


def without_staffing(text: str, doc: Mapping | None, ref: str) -> str:
    """``text`` with the ledger's sentence (:func:`staffing_sentence`, from 教师（…学年）： to the
    end of its 自然减员 and retirement rule, however the workbook is named in it) replaced by
    ``ref``: said in full once per document (review rv 13: the same ~800 characters twice in
    the 自评报告 and in the 整改措施). ``text`` unchanged when it does not hold it.

    >>> doc = {"year": 2030, "ratio": {}, "county": {"need": 2, "today": 2, "hire": 0,
    ...        "new_posts": 0, "surplus": 0}, "schools": []}
    >>> without_staffing("甲。" + staffing_sentence(doc) + "乙。", doc, "教师配置见上文。")
    '甲。教师配置见上文。乙。'
    >>> without_staffing("甲。", doc, "见上文。"), without_staffing("甲。", None, "见上文。")
    ('甲。', '甲。')
    """
    if not doc:
        return text
    year = f"（{doc['year']} 学年）" if doc.get("year") else ""
    start = text.find(f"教师{year}：{NEED_LABEL}")
    if start < 0:
        return text
    tail = retirement_sentence(doc)
    last = tail or f"“{SHEET_TITLE}”表）。"
    end = text.find(last, start)
    return text if end < 0 else text[:start] + ref + text[end + len(last):]


def said_staffing(r, text: str, staffing) -> str:
    """``text`` with the staffing ledger's sentence replaced by where this document says it in
    full (:func:`without_staffing`); ``r`` the document being written (its ``said``), once it has been said."""
    if STAFFING_KEY not in r.said:
        return text
    year = f"（{staffing['year']} 学年）" if staffing and staffing.get("year") else ""
    return without_staffing(text, staffing, f"教师{year}的编制核定、调配、招聘和自然减员{r.said[STAFFING_KEY]}。")


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


def stage_rows(doc: Mapping | None) -> list[list]:
    """Per stage (:data:`STAGE_HEADER`: 小学, 初中, 合计) the ledger's figures, the teachers
    it leaves out and its 自然减员 (:func:`~junheng.planning.staffing_figures.stage_figures`),
    then the identity they keep; [] for an older file without schools.

    >>> doc = {"schools": [{"stage": "primary", "need": 12, "today": 15, "hire": 0, "surplus": 3},
    ...                    {"stage": "junior", "need": 15, "today": 10, "hire": 5, "surplus": 0}],
    ...        "excluded": {"private": {"primary": 4, "junior": 0}},
    ...        "retirement": {"year": 2030, "by_stage": {"primary": 1, "junior": 2}}}
    >>> for r in stage_rows(doc)[:-1]:
    ...     print(*r)
    按编制标准核定的教职工（人） 12 15 27
    公办学校现有专任教师（人） 15 10 25
    民办学校专任教师（不计入本表，人） 4 0 4
    调配、调剂后按编制需招聘（人） 0 5 5
    调配后富余（人） 3 0 3
    至 2030 学年开学前预计退休（现有公办专任教师，人） 1 2 3
    退休不补可消化的富余（人） 1 0 1
    消化后仍富余（人） 2 0 2
    退休需按同岗位补充，不计入按编制需招聘（人） 0 2 2
    连同退休补充共需招聘（人） 0 7 7
    """
    stages = stage_figures(doc or {})
    if not stages:
        return []

    def row(label: str, values: Mapping) -> list:
        got = [int(values.get(k, 0)) for k in stages]
        return [label, *got, sum(got)]

    per = {key: {k: f.get(key, 0) for k, f in stages.items()} for key in STAGE_ITEMS}
    rows = [row(STAGE_ITEMS[k], per[k]) for k in ("need", "today")]
    rows += [row(f"{EXCLUDED_LABELS.get(k, k)}专任教师（不计入本表，人）", v)
             for k, v in (doc.get("excluded") or {}).items()]
    moved = "transfer" in next(iter(stages.values()))
    if moved:  # staffing_transfer: 小学 −n, 初中 +n
        rows.append(row(TRANSFER_ITEM, {k: f["transfer"] for k, f in stages.items()}))
    rows += [row(STAGE_ITEMS[k], per[k]) for k in ("hire", "surplus")]
    plus = " + 小学转任初中" if moved else ""
    identity = f"逐学段：{NEED_LABEL} = 现有专任教师{plus} + 按编制需招聘 − 调配后富余"
    if (ret := doc.get("retirement")) and "retire" in next(iter(stages.values())):
        rows.append(row(f"至 {ret['year']} 学年开学前预计退休（现有公办专任教师，人）", per["retire"]))
        rows += [row(STAGE_ITEMS[k], per[k]) for k in ("absorbed", "left", "replace", "hire_total")]
        identity = (f"逐学段：{NEED_LABEL} = 现有专任教师{plus} − 退休 + 按编制需招聘 + 退休补充 − 消化后仍富余。"
                    f"{RULE_TEXT}")
    return [*rows, [identity + "。"]]


def ledger_sheet_rows(doc: Mapping | None) -> list[list]:
    """The 教师配置汇总 sheet's rows under :data:`HEADER`: the schools, the stages
    (:data:`STAGE_HEADER`), then the moves (:data:`MOVE_HEADER`)."""
    stages = stage_rows(doc)
    return [*staffing_rows(doc), *([[], list(STAGE_HEADER), *stages] if stages else []), [],
            list(MOVE_HEADER), *move_rows(doc)]


def move_rows(doc: Mapping | None) -> list[list]:
    """The moves behind the ledger (:data:`MOVE_HEADER`), one row per sender, receiver,
    stage and kind."""
    if not doc:
        return []
    return [[m["from_name"], m["to_name"], STAGE_LABELS.get(m["stage"], m["stage"])
             + (f"→{STAGE_LABELS[TO_STAGE[m['kind']]]}" if m["kind"] in TO_STAGE else ""),
             KIND_LABELS.get(m["kind"], m["kind"]), m["teachers"]]
            for m in doc.get("moves") or []]


def _sources(moves: list[Mapping]) -> dict[tuple[str, str], str]:
    """Per school and stage: where its moved teachers come from or go to, in words."""
    out: dict[tuple[str, str], list[str]] = {}
    for m in moves:
        kind = KIND_LABELS.get(m["kind"], m["kind"])
        out.setdefault((m["from_school_id"], m["stage"]), []).append(
            f"{kind}调往{m['to_name']} {m['teachers']} 人")
        out.setdefault((m["to_school_id"], TO_STAGE.get(m["kind"], m["stage"])), []).append(
            f"{kind}来自{m['from_name']} {m['teachers']} 人")
    return {k: "；".join(v) for k, v in out.items()}
