"""Teachers follow pupils (review finding 2): after a layout plan, the teachers a sending
school no longer needs go to the schools its pupils went to, before the compliance plan
recruits anyone.

The layout moves pupils between kept schools (a crowded school is relieved by its
neighbours); a closed school's teachers already go with the merge
(:func:`~junheng.planning.layout_county.planned_county`, the layout's 需调配教师). For the kept
schools, per stage in the target year, with the pupils each school has before the layout's
moves ``P⁰`` (the forecast, closures merged) and after them ``P``:

* a **sender** (``P < P⁰``) may send at most the teachers its lost pupils took,
  ``⌊T · (P⁰ − P) / P⁰⌋`` of its ``T`` full-time teachers of the stage, and never a teacher whose
  leaving would put it below what the compliance plan asks of it: per teacher total the
  plan's indicators count (高于规定学历、县级及以上骨干、体育艺术专任教师, as the evaluation engine
  flags them), ``⌈tₖ · P / perₖ⌉`` with the standard's threshold ``tₖ`` (e.g. 5.3 per 100
  初中 pupils);
* a **receiver** (``P > P⁰``) takes teachers only while it has fewer than its 核定 number
  ``⌈P / r⌉``, ``r`` the staffing standard's 生师比 (小学 19, 初中 13.5; review 2026-12-03: a
  new school of 1,758 pupils got 79 teachers, 1:22; 2026-12-05 finding 14: a 14-pupil 教学点
  with 2 teachers for its 核定 1 got a 骨干体育艺术 teacher), one at a time: the teacher that
  covers the most of its shortfalls of those totals (ties: the fewest totals it does not
  need), from the sender with the most left to send (ties: by school code), the lowest
  教师编号 first. Receivers go by pupils gained, most first. A teacher goes only where its
  school's pupils went, in proportion (:mod:`~.pupil_flows`). Teachers move within a 乡镇
  only (``town_code``: a county-town school's teachers should not go to a village school
  whose new pupils came from elsewhere).

Only what is still short is then recruited by the compliance plan, which starts from the
county with these teachers moved.

>>> from junheng.model import CountyData
>>> t = [{"teacher_id": f"T{k}", "school_id": "S", "stage": "junior", "subject": s,
...       "full_time": True, "degree": "bachelor", "backbone": "none"}
...      for k, s in enumerate(["pe"] * 4 + ["chinese"] * 16)]
>>> data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
...     schools=[{"school_id": s, "name": n, "school_type": "junior_school",
...               "town_code": "410306001"} for s, n in (("S", "甲中学"), ("R", "乙中学"))],
...     teachers=t)
>>> before = pd.DataFrame({"school_id": ["S", "R"], "grade": "g7", "students": [300, 100]})
>>> after = pd.DataFrame({"school_id": ["S", "R"], "grade": "g7", "students": [200, 200]})
>>> moved, moves = redeploy_teachers(data, before, after)
>>> moves[["from_school_id", "to_school_id", "teacher_type", "teachers"]].to_dict("records")
[{'from_school_id': 'S', 'to_school_id': 'R', 'teacher_type': 'pe_art', 'teachers': 2}, \
{'from_school_id': 'S', 'to_school_id': 'R', 'teacher_type': 'other', 'teachers': 4}]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.evaluate.indicators import resource_formula
from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE, HIGHER_DEGREES, PE_ART_SUBJECTS
from junheng.model import CountyData
from junheng.model.codes import GRADE_STAGE
from junheng.model.labels import closed_units
from junheng.planning.teacher_moves_words import posts_not_rotation
from junheng.standards import Standard, load_standard

TOTALS = ("higher_degree_teachers", "backbone_teachers", "pe_art_teachers", "all_teachers")
ALL = TOTALS.index("all_teachers")
STAGES = ("primary", "junior")
#: kind: ``kept`` (保留学校间调配, with the pupils) or ``pool`` (县管校聘同学段调剂, the staffing
#: ledger's surplus moves: staffing_ledger.KINDS)
MOVE_COLUMNS = ("from_school_id", "from_name", "to_school_id", "to_name", "stage",
                "teacher_type", "kind", "teachers")
#: What a moved teacher is, in words (key: :func:`teacher_kind`).
#: the 达标路径's own hires, by the evaluation's teacher indicators (not by the 生师比 of the
#: staffing ledger, report.staffing_rows.HIRE_LABEL): the words say which
INDICATOR_HIRE = "按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘"
#: the staffing ledger's words for a ``pool`` and a ``transfer`` move (report.staffing_rows.KIND_LABELS)
POOL_LABEL, TRANSFER_LABEL = "县管校聘同学段调剂", "小学富余教师转任初中"
#: the sheet (and Word table) of the moves: after a layout plan and without one (its
#: 县管校聘调剂 only, no pupil moves: review vf)
SHEET_AFTER_LAYOUT, SHEET_ALONE = "教师随学生调配", "教师县管校聘调剂"
KIND_NAMES = {"backbone_pe_art": "骨干体育艺术教师", "pe_art": "体育艺术教师",
              "backbone_other": "骨干教师（其他学科）", "other": "其他学科教师"}


def redeploy_teachers(data: CountyData, before: pd.DataFrame, after: pd.DataFrame,
                      standard: Standard | None = None,
                      flows: pd.DataFrame | None = None) -> tuple[CountyData, pd.DataFrame]:
    """``data`` with the redeployed teachers at their receivers, and the moves (one row per
    sender, receiver, stage and kind: :data:`MOVE_COLUMNS`). ``before`` / ``after``: one
    year's pupils per school and grade (school_id, grade, students) before and after the
    layout's moves between kept schools; ``flows``: where the plan sends each school's pupils
    (:func:`~junheng.planning.pupil_flows.pupil_flows`): a teacher then goes only where its
    school's pupils went, in proportion (:func:`~junheng.planning.pupil_flows.flow_caps`)."""
    std = standard or load_standard("quality-2017", data.overlay)
    teachers = data.teachers.copy()
    schools = data.schools.drop_duplicates("school_id").set_index("school_id")
    rows = []
    for stage in STAGES:
        pupils = pd.DataFrame({"before": _stage_pupils(before, stage),
                               "after": _stage_pupils(after, stage)}).fillna(0.0)
        staff = _flags(teachers, stage)
        need = {k: per_pupil(std, k, stage) for k in TOTALS}
        town = pupils.index.map(schools["town_code"].astype(object).to_dict())
        for place in sorted(set(town.dropna())):
            rows += _stage_moves(teachers, staff, pupils[town == place], need, stage,
                                 None if flows is None else flows[flows["stage"] == stage])
    names = schools["name"]
    moves = pd.DataFrame(rows, columns=["from_school_id", "to_school_id", "stage",
                                        "teacher_type", "teacher_id"])
    out = (moves.groupby(["from_school_id", "to_school_id", "stage", "teacher_type"],
                         sort=False).size().rename("teachers").reset_index())
    out["from_name"] = out["from_school_id"].map(names)
    out["to_name"] = out["to_school_id"].map(names)
    out["kind"] = "kept"
    return data.with_tables(teachers=teachers), out[list(MOVE_COLUMNS)]


def apply_teacher_moves(data: CountyData, moved: pd.DataFrame) -> tuple[CountyData, pd.DataFrame]:
    """``data`` with the teachers of ``moved`` (teacher_id, to_school_id, optional kind: a
    layout plan's staffing ledger, :mod:`~junheng.planning.staffing_ledger`) at their new schools, and the
    moves as :func:`redeploy_teachers` gives them: the 达标路径 after a layout plan moves
    the teachers that plan's ledger moved, so both plans print one figure.

    >>> from junheng.model import CountyData
    >>> t = [{"teacher_id": f"T{k}", "school_id": "S", "stage": "junior", "subject": s,
    ...       "full_time": True, "degree": "bachelor", "backbone": "none"}
    ...      for k, s in enumerate(["pe", "chinese", "chinese"])]
    >>> data = CountyData.from_records({"county_code": "410306", "school_year": 2025},
    ...     schools=[{"school_id": s, "name": n, "school_type": "junior_school",
    ...               "town_code": "410306001"} for s, n in (("S", "甲中学"), ("R", "乙中学"))],
    ...     teachers=t)
    >>> after, moves = apply_teacher_moves(data, pd.DataFrame({"teacher_id": ["T0", "T2"],
    ...                                                        "to_school_id": "R"}))
    >>> moves[["from_name", "to_name", "teacher_type", "kind", "teachers"]].values.tolist()
    [['甲中学', '乙中学', 'pe_art', 'kept', 1], ['甲中学', '乙中学', 'other', 'kept', 1]]
    >>> after.teachers["school_id"].tolist()
    ['R', 'S', 'R']
    """
    teachers = data.teachers.copy()
    to = dict(zip(moved["teacher_id"].astype(str), moved["to_school_id"].astype(str),
                  strict=True))
    kinds = moved["kind"] if "kind" in moved else pd.Series("kept", index=moved.index)
    kind_of = dict(zip(moved["teacher_id"].astype(str), kinds.fillna("kept"), strict=True))
    hit = teachers["teacher_id"].astype(str).isin(to)
    who = teachers[hit]
    rows = pd.DataFrame({
        "from_school_id": who["school_id"], "to_school_id": who["teacher_id"].astype(str).map(to),
        "stage": who["stage"],
        "teacher_type": [teacher_kind(b in BACKBONE_COUNTY_AND_ABOVE, s in PE_ART_SUBJECTS)
                         for b, s in zip(who["backbone"], who["subject"], strict=True)],
        "kind": who["teacher_id"].astype(str).map(kind_of)})
    teachers.loc[hit, "school_id"] = rows["to_school_id"]
    # a 小学富余教师转任初中 (kind ``transfer``, staffing_transfer) teaches 初中 where it goes
    teachers.loc[rows.index[rows["kind"].eq("transfer").to_numpy()], "stage"] = "junior"
    # where each 县管校聘调剂 teacher came from: its school takes no rotation exchange back
    # (compliance_rotation.pool_sender_units, brief hswap rule 1)
    pooled = rows.index[rows["kind"].eq("pool").to_numpy()]
    teachers["pool_from"] = pd.Series(rows.loc[pooled, "from_school_id"], dtype=object)
    out = (rows.groupby(["from_school_id", "to_school_id", "stage", "teacher_type", "kind"],
                        sort=False).size().rename("teachers").reset_index())
    names = data.schools.drop_duplicates("school_id").set_index("school_id")["name"]
    out["from_name"] = out["from_school_id"].map(names)
    out["to_name"] = out["to_school_id"].map(names)
    return data.with_tables(teachers=teachers), out[list(MOVE_COLUMNS)]


def _stage_pupils(students: pd.DataFrame, stage: str) -> pd.Series:
    s = students[students["grade"].map(GRADE_STAGE) == stage]
    return s.groupby("school_id")["students"].sum().astype(float)


def per_pupil(std: Standard, total: str, stage: str) -> float:
    """Teachers of ``total`` one pupil asks for in ``stage`` (threshold / per), 0 if none;
    ``all_teachers``: one per 生师比 pupils (standards/staffing.yaml, 小学 19, 初中 13.5)."""
    if total == "all_teachers":
        from junheng.teachers.rules import load_rules

        return 1.0 / float(load_rules().student_ratio[stage])
    for ind in std.resource_indicators:
        formula = resource_formula(ind.formula, std.id)
        if formula.numerator == total and ind.threshold_for(stage) is not None:
            return float(ind.threshold_for(stage)) / float(formula.per)
    return 0.0


def _flags(teachers: pd.DataFrame, stage: str) -> pd.DataFrame:
    """The full-time teachers of ``stage`` with the totals each counts in (as the engine)."""
    t = teachers[(teachers["stage"] == stage)
                 & teachers["full_time"].fillna(False).astype(bool)]
    return pd.DataFrame({
        "school_id": t["school_id"],
        "higher_degree_teachers": t["degree"].isin(HIGHER_DEGREES[stage]),
        "backbone_teachers": t["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE),
        "pe_art_teachers": t["subject"].isin(PE_ART_SUBJECTS), "all_teachers": True},
        index=t.index)


def teacher_kind(backbone: bool, pe_art: bool) -> str:
    """The kind a moved teacher is listed as (:data:`KIND_NAMES`)."""
    return ("backbone_" if backbone else "") + ("pe_art" if pe_art else "other")


def _state(staff: pd.DataFrame, pupils: pd.DataFrame, per: dict[str, float],
           sent: pd.Series | None = None):
    """Per school: pupils lost (negative: gained), teachers per total, what the plan asks per
    total, and, for a sender, how many it may still send (``sent`` already sent)."""
    lost = pupils["before"] - pupils["after"]
    count = staff.groupby("school_id")[list(TOTALS)].sum().reindex(pupils.index).fillna(0)
    sent = (sent if sent is not None else pd.Series(dtype=float)).reindex(pupils.index).fillna(0)
    heads = staff.groupby("school_id").size().reindex(pupils.index).fillna(0) + sent
    need = pd.DataFrame({k: np.ceil(per[k] * pupils["after"] - 1e-9) for k in TOTALS})
    need.loc[lost > 0, "all_teachers"] = 0.0  # a sender is bound by its lost share only
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(pupils["before"] > 0, lost / pupils["before"], 0.0)
    left = (pd.Series(np.floor(heads * share + 1e-9), index=pupils.index) - sent)[lost > 0]
    return lost, count, need, left


def _stage_moves(teachers: pd.DataFrame, staff: pd.DataFrame, pupils: pd.DataFrame,
                 per: dict[str, float], stage: str, flows: pd.DataFrame | None) -> list[tuple]:
    from junheng.planning.pupil_flows import flow_caps

    lost, count, need, left = _state(staff, pupils, per)
    heads = staff.groupby("school_id").size().reindex(pupils.index).fillna(0)
    receivers = lost[lost < 0].sort_index().sort_values(kind="stable").index
    pool = staff[staff["school_id"].isin(left.index)].sort_index()
    pool = pool.loc[sorted(pool.index, key=lambda i: str(teachers.at[i, "teacher_id"]))]
    at = {s: k for k, s in enumerate(pupils.index)}
    state = _Pool(pool[list(TOTALS)].to_numpy(bool), pool["school_id"].map(at).to_numpy(int),
                  pool["school_id"].to_numpy(str), count.to_numpy(float, copy=True),
                  need.to_numpy(float, copy=True),
                  left.reindex(pupils.index).fillna(0).to_numpy(float, copy=True),
                  flow_caps(flows, pupils.index, heads, pupils["before"]))
    rows = []
    for school in receivers:
        r = at[school]
        while state.left.sum() > 0:
            k = state.best(r)
            if k is None:
                break
            i, sender = pool.index[k], pool["school_id"].iat[k]
            state.move(k, r)
            teachers.at[i, "school_id"] = school
            kind = teacher_kind(state.flags[k, 1], state.flags[k, 2])
            rows.append((sender, school, stage, kind, teachers.at[i, "teacher_id"]))
    return rows


class _Pool:
    """The senders' teachers of one 乡镇 and stage as arrays (totals carried, school), the
    teachers per total ``count`` and what the plan asks ``need`` per school, what each
    sender may still send ``left`` and may still send each school ``caps`` (its pupils' flow)."""

    def __init__(self, flags, school, school_ids, count, need, left, caps):
        self.flags, self.school, self.school_ids = flags, school, school_ids
        self.count, self.need, self.left, self.caps = count, need, left, caps
        self.alive = np.ones(len(flags), bool)

    def best(self, receiver: int) -> int | None:
        """The teacher (pool position) to move next, or None (see the module docstring)."""
        short = self.need[receiver] - self.count[receiver]
        wanted = short > 0
        idx = np.flatnonzero(self.alive)
        if short[ALL] <= 0 or not len(idx):  # at its 核定 number: none follows the pupils in
            return None
        flags, school = self.flags[idx], self.school[idx]
        spare = self.count[school] - self.need[school]
        room = np.minimum(self.left[school], self.caps[school, receiver])
        free = ~(flags & (spare < 1)).any(axis=1) & (room > 0)
        useful = flags[:, wanted].sum(axis=1)
        ok = free & (useful > 0)
        if not ok.any():
            return None
        waste = flags.sum(axis=1) - useful
        order = np.lexsort((self.school_ids[idx], -room, waste, -useful))
        return int(idx[next(i for i in order if ok[i])])

    def move(self, k: int, receiver: int) -> None:
        sender = self.school[k]
        self.count[sender] -= self.flags[k]
        self.count[receiver] += self.flags[k]
        self.left[sender] -= 1
        self.caps[sender, receiver] -= 1
        self.alive[k] = False


def spare_teachers(data: CountyData, before: pd.DataFrame, after: pd.DataFrame,
                   moves: pd.DataFrame, standard: Standard | None = None,
                   flows: pd.DataFrame | None = None) -> pd.DataFrame:
    """After the moves (``data``: the county with them done), per sending and receiving
    school and stage: ``role`` (sender / receiver), ``town_code``, ``left`` (teachers a
    sender may still send), per total ``spare_<total>`` (teachers beyond what the plan
    asks), ``receivers`` (where a sender's pupils went, ``flows``; None: anywhere). The
    checker's rule (18) reads it."""
    from junheng.planning.pupil_flows import flow_receivers

    std = standard or load_standard("quality-2017", data.overlay)
    town = data.schools.drop_duplicates("school_id").set_index("school_id")["town_code"]
    sent_all = moves.groupby(["stage", "from_school_id"])["teachers"].sum() \
        if len(moves) else pd.Series(dtype=float)
    parts = []
    for stage in STAGES:
        pupils = pd.DataFrame({"before": _stage_pupils(before, stage),
                               "after": _stage_pupils(after, stage)}).fillna(0.0)
        sent = sent_all[stage] if stage in sent_all.index.get_level_values(0) else None
        per = {k: per_pupil(std, k, stage) for k in TOTALS}
        lost, count, need, left = _state(_flags(data.teachers, stage), pupils, per, sent)
        frame = (count - need).add_prefix("spare_")
        into = flow_receivers(flows, stage)
        frame = frame.assign(role=np.where(lost > 0, "sender", "receiver"), stage=stage,
                             left=left.reindex(frame.index).fillna(0).to_numpy(),
                             receivers=[None if into is None else into.get(s, frozenset())
                                        for s in frame.index])
        parts.append(frame[lost != 0].rename_axis("school_id").reset_index())
    out = pd.concat(parts, ignore_index=True)
    out["town_code"] = out["school_id"].map(town)
    return out


def redeploy_note(moves: pd.DataFrame, closed_teachers: int, ledger: bool = True) -> str:
    """The assumption the compliance plan states about teachers after a layout plan: the
    closed schools' teachers (撤并随迁, the layout's 需调配教师) and those moved between kept
    schools (保留学校间调配) named apart, with their total (planner review finding 11: two
    different 161s in one sentence). ``ledger``: the moves are the staffing ledger's (a kept
    school sends only the teachers beyond its own 生师比 need, then 县管校聘 within a stage
    before hiring: :mod:`~junheng.planning.staffing_ledger`); False for those of
    :func:`redeploy_teachers` (a plan without a ledger), whose rule the words then name.

    >>> moves = pd.DataFrame({"from_school_id": ["S"], "to_school_id": ["R"], "teachers": [3]})
    >>> redeploy_note(moves, 5)[:44]
    '撤并随迁：撤并学校的教师随学生并入接收学校（布局方案“需调配教师”共 5 人）；保留学校'
    >>> print(redeploy_note(moves, 5).split("。", 1)[1])
    两项合计调配教师 8 人（撤并随迁 5 人、保留学校间调配 3 人）。两项均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），不是交流轮岗（编制留在原校，期满返回）。
    >>> pooled = pd.concat([moves.assign(kind="kept"), moves.assign(kind="pool", teachers=2)])
    >>> redeploy_note(pooled, 5).split("。")[1]
    '三项合计调配教师 10 人（撤并随迁 5 人、保留学校间调配 3 人、县管校聘同学段调剂 2 人）'
    """
    head = (f"撤并随迁：撤并学校的教师随学生并入接收学校（布局方案“需调配教师”共 {closed_teachers:,} 人）"
            if closed_teachers else "")
    kinds = moves["kind"] if "kind" in moves else pd.Series("kept", index=moves.index, dtype=object)
    pool, moved = moves[kinds.eq("pool").to_numpy()], moves[kinds.eq("transfer").to_numpy()]
    kept = moves[~kinds.isin(["pool", "transfer"]).to_numpy()]
    parts = [p for p in (head, _kept_note(kept, ledger, pool.empty and moved.empty), _pool_note(pool),
                         _transfer_note(moved)) if p]
    counts = [f"{label} {n:,} 人" for label, n in (
        ("撤并随迁", closed_teachers), ("保留学校间调配", int(kept["teachers"].sum())),
        (POOL_LABEL, int(pool["teachers"].sum())), (TRANSFER_LABEL, int(moved["teachers"].sum()))) if n]
    if len(parts) < 2:
        return f"{parts[0]}。{posts_not_rotation()}" if parts else ""
    total, n = closed_teachers + int(moves["teachers"].sum()), '两三四'[len(counts) - 2]
    return (f"{'；'.join(parts)}。{n}项合计调配教师 {total:,} 人"
            f"（{'、'.join(counts)}）。{posts_not_rotation(f'{n}项')}")  # brief hwords6 3


def _kept_note(kept: pd.DataFrame, ledger: bool = True, last: bool = True) -> str:
    """``last``: no 县管校聘 note follows, so this one says when hiring comes."""
    if kept.empty:
        return ""
    rule = ("只调出本校按生师比核定所需以外的教师（不低于本校所需）" if ledger else
            "按其分流出的学生比例、且不低于本校达标所需（高于规定学历、骨干、体育艺术专任教师按评估"
            "标准每百名学生的配备数）")
    then = ("，再按县管校聘在同学段调剂" + ("，调剂后仍缺的才招聘" if last else "") if ledger else
            "，先补接收学校的达标缺口，调配后仍缺的才招聘")
    return (f"保留学校间调配：保留学校之间分流学生时，教师随学生调配，{kept['from_school_id'].nunique()} "
            f"所送出学校{rule}，调出 {int(kept['teachers'].sum()):,} 名教师到 "
            f"{kept['to_school_id'].nunique()} 所接收学校{then}（见“教师随学生调配”表）")


def _transfer_note(moved: pd.DataFrame) -> str:
    """The staffing ledger's 小学富余教师转任初中 (staffing_transfer), "" without one."""
    if moved.empty:
        return ""
    return (f"{TRANSFER_LABEL}：持初中、高中或中等职业学校教师资格证的小学富余教师（《教师资格条例》第五条），在招聘之前"
            f"转任初中，{moved['from_school_id'].nunique()} 所学校转任 {int(moved['teachers'].sum()):,} 人到 "
            f"{moved['to_school_id'].nunique()} 所学校（见“{SHEET_AFTER_LAYOUT}”表）")


def alone_note(moves: pd.DataFrame) -> str:
    """Without a layout plan, the assumption on its 县管校聘调剂 (all ``pool`` moves).

    >>> alone_note(pd.DataFrame({"from_school_id": ["B"], "to_school_id": ["A"], "teachers": [1]}))[:48]
    '县管校聘同学段调剂：按生师比富余的教师，在招聘之前调往同学段按生师比缺编或缺体育、音乐、美术教师'
    """
    return f"{_pool_note(moves, after_layout=False)}。" if len(moves) else ""


def _pool_note(pool: pd.DataFrame, after_layout: bool = True) -> str:
    if pool.empty:
        return ""
    whose = "随学生调配后仍富余的教师" if after_layout else "按生师比富余的教师"
    return (f"{POOL_LABEL}：{whose}，在招聘之前调往同学段按生师比缺编或缺体育、音乐、"
            "美术教师（按评估指标每百名学生的配备数）的学校，"
            f"{pool['from_school_id'].nunique()} 所学校调出 {int(pool['teachers'].sum()):,} 人到 "
            f"{pool['to_school_id'].nunique()} 所学校，调剂后仍缺的才招聘"
            f"（见“{SHEET_AFTER_LAYOUT if after_layout else SHEET_ALONE}”表）")


def moves_sheet(doc: dict) -> str:
    """The title of the sheet of ``plan.json``'s ``redeployment`` moves.

    >>> moves_sheet({"redeployment": {"after_layout": False}}), moves_sheet({})
    ('教师县管校聘调剂', '教师随学生调配')
    """
    alone = not (doc.get("redeployment") or {}).get("after_layout", True)
    return SHEET_ALONE if alone else SHEET_AFTER_LAYOUT


def redeployment_lines(doc: dict) -> tuple[str, list[list]]:
    """The 教师随学生调配 summary sentence and its rows (学校, 学段, 调出, 调入, 去向或来源) from
    ``plan.json``'s ``redeployment``, for the workbook and the Word chapter.

    >>> doc = {"redeployment": {"teachers": 2, "hired_after": 0, "hired_yearly_cost": 0.0,
    ...     "moves": [{"from_school_id": "S", "from_name": "甲中学", "to_school_id": "R",
    ...                "to_name": "乙中学", "stage": "junior", "type_name": "体育艺术教师",
    ...                "teachers": 2}],
    ...     "schools": [{"school_id": "S", "name": "甲中学", "stage": "junior", "out": 2, "in": 0},
    ...                 {"school_id": "R", "name": "乙中学", "stage": "junior", "out": 0, "in": 2}]}}
    >>> text, rows = redeployment_lines(doc)
    >>> text
    '布局调整分流学生后，教师随学生调配：保留学校间调配 2 人（1 所学校调出、1 所学校调入），调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。以上均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），不是交流轮岗（编制留在原校，期满返回）。'
    >>> rows[0]
    ['甲中学', '初中', 2, 0, '调往乙中学：体育艺术教师 2 人']
    >>> doc["redeployment"].update(closed_teachers=3, closed=[
    ...     {"from_school_id": "T", "from_name": "上河教学点", "to_school_id": "R",
    ...      "to_name": "乙中学", "teachers": 3}])
    >>> text, rows = redeployment_lines(doc)
    >>> text
    '布局调整后教师随学生调配共 5 人：撤并随迁 3 人（撤并的 1 所学校的教师随学生并入 1 所接收学校）；保留学校间调配 2 人（1 所学校调出、1 所学校调入），调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 0 人。以上均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），不是交流轮岗（编制留在原校，期满返回）。'
    >>> rows[-1]
    ['乙中学', '义务教育', 0, 3, '撤并随迁，来自上河教学点 3 人']
    >>> doc["redeployment"]["closed"][0]["stage"] = "primary"
    >>> redeployment_lines(doc)[1][-1][:2]
    ['乙中学', '小学']
    """

    r = doc.get("redeployment") or {}
    if not r:
        return "", []
    covered = sum(int(c["covered"]) for c in (doc.get("combined") or {}).get("ledger_hires") or ())
    return (_redeployment_text(r, covered) + no_spare_text(doc) + posts_not_rotation(),  # brief hwords6 3
            [*_kept_rows(r), *_closed_rows(r)])


def no_spare_text(doc: dict) -> str:
    """Why the plan still hires: the stages of its hires whose schools have no teacher over
    their 生师比 need after the ledger's moves (``staffing``), so no 县管校聘调剂 could meet
    them (review td: a hire beside a surplus must say why); "" otherwise.

    >>> doc = {"actions": [{"item": "hire_pe_art", "stage": "junior", "quantity": 1.0}],
    ...        "staffing": {"schools": [{"stage": "junior", "need": 9, "today": 8, "hire": 1,
    ...                                  "surplus": 0}]}}
    >>> no_spare_text(doc)
    '初中调配、调剂后各校均无按编制富余的教师，按评估指标仍缺的教师无可调剂，需招聘。'
    """
    from junheng.model.labels import STAGE_LABELS
    from junheng.planning.staffing_figures import stage_figures

    hired = {a["stage"] for a in doc.get("actions") or ()
             if str(a.get("item", "")).startswith("hire_") and a.get("quantity")}
    stages = stage_figures(doc.get("staffing") or {})
    dry = [s for s in STAGES if s in hired and s in stages and not stages[s]["surplus"]]
    if not dry:
        return ""
    return (f"{'、'.join(STAGE_LABELS[s] for s in dry)}调配、调剂后各校均无按编制富余的教师，"
            "按评估指标仍缺的教师无可调剂，需招聘。")


def hired_after_text(r: dict, covered: int = 0) -> str:
    """Who is still recruited after the moves, and how many of them are among the layout's
    staffing ledger's hires (``covered``, plans_apart.ledger_hires): those are not more
    teachers, and their pay is the layout's (brief left1 item 2: read as additional).

    >>> r = {"hired_after": 2, "hired_yearly_cost": 20.0}
    >>> hired_after_text(r)
    '调配后按评估指标（高于规定学历、骨干、体育艺术专任教师）需招聘 2 人（每年人员经费 20.00 万元）'
    >>> hired_after_text(r, 2).split("专任教师）")[1]
    '需招聘 2 人，均在布局调整方案按编制招聘的人数之内，不另外增加（每年人员经费 20.00 万元已计入布局调整的新聘教师人员经费）'
    >>> hired_after_text(r, 1).split("专任教师）")[1]
    '需招聘 2 人（每年人员经费 20.00 万元），其中 1 人在布局调整方案按编制招聘的人数之内，不另外增加，其人员经费已计入布局调整'
    """
    n, cost = r["hired_after"], r["hired_yearly_cost"]
    head = f"调配后{INDICATOR_HIRE} {n:,} 人"
    if not n:
        return head
    if covered >= n:
        return (f"{head}，均在布局调整方案按编制招聘的人数之内，不另外增加（每年人员经费 {cost:,.2f} 万元"
                "已计入布局调整的新聘教师人员经费）")
    within = (f"，其中 {covered:,} 人在布局调整方案按编制招聘的人数之内，不另外增加，其人员经费已计入布局调整"
              if covered else "")
    return f"{head}（每年人员经费 {cost:,.2f} 万元）{within}"


def kept_moves_text(teachers: int, pooled: int, moved: int = 0) -> str:
    """The moves between kept schools by their label: 保留学校间调配 (with the pupils),
    :data:`POOL_LABEL` (``pooled`` of the ``teachers``) and :data:`TRANSFER_LABEL` (``moved``
    of them), a part of 0 left out.

    >>> kept_moves_text(91, 50), kept_moves_text(4, 0), kept_moves_text(3, 3), kept_moves_text(62, 0, 40)
    ('保留学校间调配 41 人、县管校聘同学段调剂 50 人', '保留学校间调配 4 人', '县管校聘同学段调剂 3 人', '保留学校间调配 22 人、小学富余教师转任初中 40 人')
    """
    return "、".join(p for p in (
        f"保留学校间调配 {teachers - pooled - moved:,} 人" if teachers > pooled + moved else "",
        f"{POOL_LABEL} {pooled:,} 人" if pooled else "",
        f"{TRANSFER_LABEL} {moved:,} 人" if moved else "") if p)


def closed_schools_text(closed: list[dict]) -> str:
    """The closed units (撤并随迁) and their receivers, each unit counted once: a closure
    whose teachers go to two receivers is one unit with two 去向 (review 2026-12-04 finding
    2: "73 所撤并学校" were 65 schools' 73 school–receiver pairs); schools by 所, 教学点
    (``from_kind`` teaching_point) by 个 (review rd 1: "64 所撤并学校" were 64 教学点; a
    record without ``from_kind``, stored before, counts as a school).

    >>> pair = {"from_school_id": "A", "to_school_id": "B"}
    >>> closed_schools_text([pair, {**pair, "to_school_id": "C"}, {**pair, "from_school_id": "D"}])
    '撤并的 2 所学校的教师随学生并入 2 所接收学校，共 3 条去向'
    >>> point = {**pair, "from_school_id": "T", "from_kind": "teaching_point"}
    >>> closed_schools_text([point]), closed_schools_text([pair, point])
    ('撤并的 1 个教学点的教师随学生并入 1 所接收学校', '撤并的 1 所学校和 1 个教学点的教师随学生并入 1 所接收学校')
    """
    kinds = {c["from_school_id"]: c.get("from_kind") or "" for c in closed}
    points = sum(k == "teaching_point" for k in kinds.values())
    text = (f"撤并的 {closed_units(len(kinds) - points, points)}的教师随学生并入 "
            f"{len({c['to_school_id'] for c in closed}):,} 所接收学校")
    return text + (f"，共 {len(closed):,} 条去向" if len(closed) > len(kinds) else "")


def _redeployment_text(r: dict, covered: int = 0) -> str:
    """The sentence: 撤并随迁 and 保留学校间调配 apart, with their total when both happen."""
    out = len({s["school_id"] for s in r["schools"] if s["out"]})
    into = len({s["school_id"] for s in r["schools"] if s["in"]})
    after = hired_after_text(r, covered)
    pooled = int(r.get("pooled") or 0)
    kept = (kept_moves_text(r["teachers"], pooled, int(r.get("transferred") or 0))
            + f"（{out} 所学校调出、{into} 所学校调入）")
    closed = r.get("closed") or []
    if not r.get("after_layout", True):  # the 达标路径 alone: its ledger's 县管校聘调剂 only
        return f"招聘之前，教师调配：{kept}，{after}。"
    if not closed:
        lead = "教师调配" if pooled else "教师随学生调配"
        return f"布局调整分流学生后，{lead}：{kept}，{after}。"
    merged = f"撤并随迁 {r['closed_teachers']:,} 人（{closed_schools_text(closed)}）"
    both = f"{merged}；{kept}" if r["teachers"] else merged
    lead = "调配教师共" if pooled else "教师随学生调配共"
    return (f"布局调整后{lead} {r['closed_teachers'] + r['teachers']:,} 人：{both}，{after}。")


def _closed_rows(r: dict) -> list[list]:
    """One row per school receiving a closed school's teachers (撤并随迁), its sources named."""
    from junheng.model.labels import STAGE_LABELS

    by: dict[str, list[dict]] = {}
    for c in r.get("closed") or []:
        by.setdefault(c["to_school_id"], []).append(c)
    return [[got[0]["to_name"], _closed_stage_label(got, STAGE_LABELS), 0,
             sum(c["teachers"] for c in got), "撤并随迁，来自" + "、".join(f"{c['from_name']} {c['teachers']}" for c in got) + " 人"]
            for got in by.values()]


def _closed_stage_label(got: list[dict], labels: dict) -> str:
    """小学/初中 when every closure into the school is of that stage, else 义务教育."""
    stages = {c.get("stage") or "" for c in got}
    return labels[stages.pop()] if len(stages) == 1 and "" not in stages else "义务教育"


def _direction(kind: str, out: bool) -> str:
    """调往 / 来自 for a move with the pupils, 县管校聘调剂到 / 调剂自 for a ``pool`` move."""
    if kind == "transfer":
        return "转任初中到" if out else "小学富余教师转任自"
    if kind == "pool":
        return "县管校聘调剂到" if out else "县管校聘调剂自"
    return "调往" if out else "来自"


def _kept_rows(r: dict) -> list[list]:
    """One row per kept school and stage sending or receiving teachers (保留学校间调配)."""
    from junheng.model.labels import STAGE_LABELS

    rows = []
    for s in r["schools"]:
        side, other = ("from", "to") if s["out"] else ("to", "from")
        mine: dict[str, list[str]] = {}
        for m in r["moves"]:
            stage = "junior" if side == "to" and m.get("kind") == "transfer" else m["stage"]
            if stage == s["stage"] and m[f"{side}_school_id"] == s["school_id"]:
                to = _direction(m.get("kind", "kept"), bool(s["out"])) + m[f"{other}_name"]
                mine.setdefault(to, []).append(f"{m['type_name']} {m['teachers']}")
        where = "；".join(f"{to}：{'、'.join(kinds)} 人" for to, kinds in mine.items())
        rows.append([s["name"], STAGE_LABELS.get(s["stage"], s["stage"]), s["out"], s["in"], where])
    return rows
