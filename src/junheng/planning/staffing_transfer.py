"""小学富余教师转任初中: the staffing ledger's junior posts left after the teachers following
their pupils and the 县管校聘调剂 are filled from the surplus primary teachers whose 教师资格证
allows 初中 before anyone is recruited (brief hcert: 「招聘 40」 beside 539 富余).

《教师资格条例》第五条: a certificate allows teaching at its own level and below, and 高级中学
and 中等职业学校 certificates are interchangeable, so an 初中, 高中 or 中等职业学校 certificate
(:data:`~junheng.model.codes_v2.JUNIOR_CERTIFICATES`, the workbook's 教师资格证学段) allows an
初中 post. After the ledger's other moves (:mod:`~junheng.planning.staffing_ledger`):

* a **candidate** is a full-time primary teacher at a public primary school still over its
  生师比 need (its ``surplus`` > 0), not moved by the ledger, holding such a certificate, not
  retired before the plan year starts (:func:`~junheng.planning.retirement.retiring`), and
  neither a 县级以上骨干 nor a 体育艺术 teacher (a school keeps those for the 优质均衡 indicators,
  as the 县管校聘调剂 does: staffing_ledger.pool_order); blank 教师资格证学段 = unknown, not a
  candidate (counted in ``unknown``);
* the junior schools that still recruit take in turn, new schools first, then the one recruiting
  the most (ties by school code), each from the schools of its own 乡镇 first, then the one with
  the most candidates (ties by school code), a school giving at most its surplus; within a
  school 本科 or more first (the junior 高于规定学历 indicator), then by teacher code;
* each transfer is a move of kind ``transfer`` (stage ``primary`` at its sender, ``junior`` at
  its receiver: :func:`arriving`): the sender's surplus and the receiver's 招聘 fall by one,
  so need = today + moved_in − moved_out + hire − surplus still holds per school and county.

Hand-worked (the brief's case): S has 3 surplus primary teachers, 2 of them with an 初中
certificate; the new junior school N recruits 1: 1 转任 (the first by code), N recruits 0,
S keeps 2 over.

>>> t = pd.DataFrame({"teacher_id": ["T1", "T2", "T3"], "school_id": "S", "stage": "primary",
...                   "full_time": True, "certified": True, "cert_stage": ["junior", "primary", "junior"],
...                   "degree": "bachelor", "backbone": "none", "subject": "math",
...                   "sex": "female", "birth_year": 1990})
>>> rows = pd.DataFrame({"school_id": ["S", "N"], "name": ["甲小学", "新初中"],
...                      "stage": ["primary", "junior"], "surplus": [3, 0], "hire": [0, 1],
...                      "new_posts": [0, 1]})
>>> picks, found = transfer_picks(t, rows, year=2027)
>>> picks, found
({0: ('S', 'N')}, {'teachers': 1, 'candidates': 2, 'unknown': 0, 'filled': True})
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.evaluate.units import BACKBONE_COUNTY_AND_ABOVE, HIGHER_DEGREES, PE_ART_SUBJECTS
from junheng.model.codes_v2 import JUNIOR_CERTIFICATES

KIND = "transfer"
#: the stage a move of each kind arrives in when it is not its sender's
TO_STAGE = {KIND: "junior"}


def arriving(moves: pd.DataFrame) -> pd.DataFrame:
    """``moves`` with each move's ``stage`` the one it arrives in (a ``transfer``: ``junior``).

    >>> m = pd.DataFrame({"stage": ["primary", "primary"], "kind": ["pool", "transfer"]})
    >>> arriving(m)["stage"].tolist()
    ['primary', 'junior']
    """
    if not len(moves) or "kind" not in moves:
        return moves
    to = moves["kind"].map(TO_STAGE)
    return moves.assign(stage=to.where(to.notna(), moves["stage"]))


def candidates(teachers: pd.DataFrame, schools: list[str], year: int | None
               ) -> tuple[pd.DataFrame, int]:
    """The candidates (module docstring) among ``teachers`` (full-time, each at its school after
    the ledger's moves, those it moved left out) at ``schools``, ordered as they go, and how many
    certified teachers there the same rules would weigh lack the 教师资格证学段 (unknown)."""
    from junheng.planning.retirement import retiring

    t = teachers[teachers["school_id"].astype(str).isin(schools) & teachers["stage"].eq("primary")]
    keep = ~t["backbone"].isin(BACKBONE_COUNTY_AND_ABOVE) & ~t["subject"].isin(PE_ART_SUBJECTS)
    if year is not None and {"sex", "birth_year"} <= set(t.columns):
        keep &= ~retiring(t, year).fillna(False).astype(bool)
    t = t[keep]
    stage = t["cert_stage"] if "cert_stage" in t else pd.Series(None, index=t.index, dtype=object)
    certified = t["certified"].fillna(False).astype(bool)
    unknown = int((certified & stage.isna()).sum())
    ok = t[certified & stage.isin(JUNIOR_CERTIFICATES)]
    order = pd.DataFrame({"low": ~ok["degree"].isin(HIGHER_DEGREES["junior"]),
                          "id": ok["teacher_id"].astype(str)}, index=ok.index)
    return ok.loc[order.sort_values(["low", "id"], kind="stable").index], unknown


def transfer_picks(teachers: pd.DataFrame, rows: pd.DataFrame, year: int | None = None,
                   towns: Mapping[str, str] | None = None,
                   gaps: Mapping[str, dict[str, int]] | None = None
                   ) -> tuple[dict, dict]:
    """The transferred teachers by index of ``teachers`` (teacher → (from, to)) and the counts:
    ``teachers`` moved, ``candidates``, ``unknown`` (blank 教师资格证学段) and ``filled`` (whether
    the workbook has the column at all). ``rows``: the ledger's schools (school_id, stage,
    surplus, hire, new_posts). With ``gaps`` (per receiver the teachers it lacks per subject,
    :func:`subject_gaps`) a teacher goes only to a subject the receiver lacks (:func:`taught`),
    updated in place, and the counts say how many of each subject moved (``subjects``)."""
    towns = towns or {}
    over = rows[rows["stage"].eq("primary") & (rows["surplus"] > 0)]
    spare = dict(zip(over["school_id"].astype(str), over["surplus"].astype(int), strict=True))
    ok, unknown = candidates(teachers, sorted(spare), year)
    free = {s: list(g.index) for s, g in ok.groupby(ok["school_id"].astype(str), sort=False)}
    short = rows[rows["stage"].eq("junior") & (rows["hire"] > 0)]
    takers = sorted(zip(short["school_id"].astype(str), short["hire"].astype(int),
                        short["new_posts"].astype(int) > 0, strict=True),
                    key=lambda x: (not x[2], -x[1], x[0]))
    picks: dict = {}
    subjects: dict[str, int] = {}
    subject_of = subject_groups(teachers) if gaps is not None else {}
    for to, hire, _ in takers:
        home, lack = towns.get(to), None if gaps is None else gaps.get(to, {})
        while hire:
            fit = {s: [i for i in free[s] if lack is None
                       or fills(subject_of[i], lack)] for s in free if spare[s] > 0}
            able = [s for s in fit if fit[s]]
            if not able:
                break
            s = min(able, key=lambda s: (home is None or towns.get(s) != home, -len(free[s]), s))
            i = fit[s][0]
            free[s].remove(i)
            picks[i] = (s, to)
            if lack is not None:
                group = fills(subject_of[i], lack)
                lack[group] -= 1
                subjects[group] = subjects.get(group, 0) + 1
            spare[s] -= 1
            hire -= 1
    filled = "cert_stage" in teachers and bool(teachers["cert_stage"].notna().any())
    found = {"teachers": len(picks), "candidates": len(ok), "unknown": unknown, "filled": filled}
    return picks, found if gaps is None else {**found, "subjects": subjects}


#: what any teacher may teach: 综合实践活动、劳动、地方课程和校本课程 (the rules' ``practice``)
ANY_SUBJECT = "practice"


def taught(subject, lack: Mapping[str, int]) -> str | None:
    """The junior subject (staffing rules' group) a primary teacher of ``subject`` fills where
    ``lack`` (subject → teachers lacking) still lacks one: its own (小学语文 → 初中语文,
    小学科学 → 初中物理、化学、生物), else :data:`ANY_SUBJECT`; None when neither is lacking.

    >>> taught("chinese", {"chinese": 1}), taught("chinese", {"chinese": 0, "practice": 2})
    ('chinese', 'practice')
    >>> taught("other", {"chinese": 3}) is None
    True
    """
    from junheng.teachers.rules import load_rules

    return fills(load_rules().group_of(str(subject)), lack)


def fills(group: str, lack: Mapping[str, int]) -> str | None:
    """:func:`taught` of a teacher whose subject counts towards ``group`` (the rules'
    ``group_of``: :func:`subject_groups`).

    >>> fills("science", {"science": 2}), fills("science", {"practice": 1}), fills("science", {})
    ('science', 'practice', None)
    """
    if lack.get(group, 0) > 0:
        return group
    return ANY_SUBJECT if lack.get(ANY_SUBJECT, 0) > 0 else None


def subject_groups(teachers: pd.DataFrame) -> dict:
    """Teacher (index of ``teachers``) -> the subject group of its ``subject`` (the staffing
    rules' ``group_of``), the rules read once (:func:`transfer_picks` matched every free teacher
    to each place filled: 87,000 reads of the rules on the demo's layout step)."""
    from junheng.teachers.rules import load_rules

    rules = load_rules()
    return {i: rules.group_of(str(subject)) for i, subject in teachers["subject"].items()}


def subject_quotas(posts: int, stage: str = "junior") -> dict[str, int]:
    """``posts`` shared among the subjects by their share of the stage's weekly class hours
    (staffing rules, 《义务教育课程方案（2022年版）》), largest remainders (ties by the rules'
    order), so they add up to ``posts``.

    >>> q = subject_quotas(61)
    >>> q["chinese"], q["math"], q["science"], q["practice"], sum(q.values())
    (9, 8, 8, 9, 61)
    """
    from junheng.teachers.rules import load_rules

    share = load_rules().stage_share(stage)
    exact = {k: posts * v for k, v in share.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = sorted(exact, key=lambda k: -(exact[k] - out[k]))
    for k in rest[:posts - sum(out.values())]:
        out[k] += 1
    return out


def subject_gaps(here: pd.DataFrame, rows: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per junior school of ``rows`` (the ledger's schools) that still hires: per subject the
    teachers it lacks, :func:`subject_quotas` of its need less its junior teachers in ``here``
    (full-time, at their schools after the ledger's moves) by subject group."""
    from junheng.teachers.rules import load_rules

    rules = load_rules()
    junior = here[here["stage"].eq("junior")]
    have = junior.groupby([junior["school_id"].astype(str),
                           junior["subject"].map(lambda k: rules.group_of(str(k)))]).size()
    short = rows[rows["stage"].eq("junior") & (rows["hire"] > 0)]
    out = {str(s): {k: q - int(have.get((str(s), k), 0))
                    for k, q in subject_quotas(int(n)).items()}
           for s, n in zip(short["school_id"], short["need"], strict=True)}
    for (school, group), n in have.items():  # a subject outside the class hours (其他): over
        if str(school) in out and group not in out[str(school)]:
            out[str(school)][group] = -int(n)
    return out


def transfer_moves(picks: Mapping) -> pd.DataFrame:
    """The picks as the ledger's moves (from_school_id, to_school_id, stage ``primary``, kind
    ``transfer``, teachers), one row per sender and receiver."""
    frame = pd.DataFrame(list(picks.values()), columns=["from_school_id", "to_school_id"])
    return (frame.assign(stage="primary", kind=KIND)
            .groupby(["from_school_id", "to_school_id", "stage", "kind"], sort=False).size()
            .rename("teachers").reset_index())


def transferred(staffing: Mapping | None) -> int:
    """Teachers a ledger's ``plan.json`` ``staffing`` transfers from 小学 to 初中.

    >>> transferred({"moves": [{"kind": "transfer", "teachers": 2}, {"kind": "pool", "teachers": 5}]})
    2
    """
    return sum(int(m["teachers"]) for m in (staffing or {}).get("moves") or ()
               if m.get("kind") == KIND)


def with_transfers(ledger, full: pd.DataFrame, plan, names: Mapping[str, str],
                   towns: Mapping[str, str], stay=frozenset()):
    """``ledger`` (a :class:`~junheng.planning.staffing_ledger.StaffingLedger` after its
    县管校聘调剂) with the transfers of :func:`transfer_picks` among its moves, school rows and
    ``teacher_moves``, and their counts in ``transfer``: with them the junior retirees' posts
    filled from those left (:func:`retire_cover`, ``retire``) and the certified teachers still
    left after both (:func:`pool_left`, ``left``). ``full``: the full-time compulsory teachers
    it counts, at today's schools; ``stay``: schools that give no teacher (the kept 教学点)."""
    from dataclasses import replace

    from junheng.planning.layout_county import closure_destinations
    from junheng.planning.staffing_ledger import MOVE_COLUMNS
    from junheng.planning.staffing_subjects import with_moves

    moved = ledger.teacher_moves.set_index("teacher_id")["to_school_id"]
    ids = full["teacher_id"].astype(str)
    at = closure_destinations(full, plan.schools)
    here = full.assign(school_id=at.where(~ids.isin(moved.index), ids.map(moved)))
    gaps = subject_gaps(here, ledger.schools)
    rest = full.assign(school_id=at)[~ids.isin(moved.index)]
    picks, found = transfer_picks(rest, _givers(ledger.schools, stay), ledger.year, towns, gaps)
    found = {**found, "short": _still_short(gaps, ledger.schools, picks, names)}
    extra = transfer_moves(picks)
    after = with_moves(ledger.schools, extra) if picks else ledger.schools
    spare = dict(((ledger.subject_pool or {}).get("spare")) or {})
    found.update(retire_cover(rest.drop(index=list(picks)), here, _givers(after, stay),
                              ledger.year, towns, int(spare.get("junior") or 0)))
    used = (found.get("retire") or {}).get("pe_art", 0)
    if used:  # those 体育艺术 teachers are no longer spare (hire_rule)
        ledger = replace(ledger, subject_pool={**ledger.subject_pool,
                                               "spare": {**spare, "junior": int(spare["junior"]) - used}})
    if not picks:
        return replace(ledger, transfer=found)
    named = extra.assign(from_name=extra["from_school_id"].map(lambda s: names.get(s, s)),
                         to_name=extra["to_school_id"].map(lambda s: names.get(s, s)))
    each = pd.DataFrame({"teacher_id": [str(full.at[i, "teacher_id"]) for i in picks],
                         "to_school_id": [to for _, to in picks.values()], "kind": KIND})
    return replace(ledger, schools=with_moves(ledger.schools, extra),
                   moves=pd.concat([ledger.moves, named[list(MOVE_COLUMNS)]], ignore_index=True),
                   teacher_moves=pd.concat([ledger.teacher_moves, each], ignore_index=True),
                   transfer=found)


def _givers(rows: pd.DataFrame, stay) -> pd.DataFrame:
    """The ledger's ``rows`` without the primary rows of the schools in ``stay`` (a kept
    应留必留 教学点 keeps its teachers: its 编制 by 生师比 is below what its 复式 classes need)."""
    return rows[~(rows["stage"].eq("primary") & rows["school_id"].astype(str).isin(set(stay)))]


def retire_cover(rest: pd.DataFrame, here: pd.DataFrame, rows: pd.DataFrame, year: int | None,
                 towns: Mapping[str, str] | None = None, pe_art_spare: int = 0) -> dict:
    """The junior teachers retiring before ``year`` starts (at their schools after the moves,
    ``here``) replaced from the certified surplus primary teachers still left (``rest``, not
    moved nor transferred) before anyone is hired (review rv17 4: 72 retirees replaced by 招聘
    beside 211 certified teachers over): per junior school its retirees by subject group are the
    gaps :func:`transfer_picks` fills, a sender giving at most its surplus (``rows``, after the
    转任) less its own primary retirees (their posts absorb the surplus, 退休不补). Returns
    ``retire`` (retirees, teachers transferred, by subject, still short by subject: hired) and
    ``left`` (:func:`pool_left`); {} without a year or birth data. A 体育艺术 post no primary
    teacher fills goes to a spare junior 体育艺术 teacher (``pe_art_spare``: :func:`_pe_art_back`),
    ``pe_art`` of them."""
    from junheng.planning.retirement import retiring
    from junheng.teachers.rules import load_rules

    if year is None or not {"sex", "birth_year"} <= set(here.columns):
        return {}
    gone = here[retiring(here, year).fillna(False).astype(bool).to_numpy()]
    lack: dict[str, dict[str, int]] = {}
    group_of = load_rules().group_of
    for school, subject in zip(gone.loc[gone["stage"].eq("junior"), "school_id"].astype(str),
                               gone.loc[gone["stage"].eq("junior"), "subject"], strict=True):
        mine = lack.setdefault(school, {})
        mine[group_of(str(subject))] = mine.get(group_of(str(subject)), 0) + 1
    mine_over = rows[rows["stage"].eq("junior") & (rows["surplus"] > 0)]
    for school, n in zip(mine_over["school_id"].astype(str), mine_over["surplus"], strict=True):
        _absorb(lack.get(school, {}), int(n))  # its own surplus absorbs its retirees (退休不补)
    old = gone[gone["stage"].eq("primary")]["school_id"].astype(str).value_counts()
    over = rows[rows["stage"].eq("primary") & (rows["surplus"] > 0)]
    spare = {str(s): max(0, int(n) - int(old.get(str(s), 0)))
             for s, n in zip(over["school_id"], over["surplus"], strict=True)}
    posts = pd.DataFrame([(s, "primary", n, 0, 0) for s, n in spare.items()]
                         + [(s, "junior", 0, sum(g.values()), 0) for s, g in lack.items()],
                         columns=["school_id", "stage", "surplus", "hire", "new_posts"])
    picks, found = transfer_picks(rest, posts, year, towns, lack)
    for sender, _ in picks.values():
        spare[sender] -= 1
    short: dict[str, int] = {}
    for gaps in lack.values():
        for group, n in gaps.items():
            if n > 0:
                short[group] = short.get(group, 0) + n
    retire = {"retirees": int(sum(sum(g.values()) for g in lack.values()) + len(picks)),
              "teachers": len(picks), "subjects": found.get("subjects", {}), "short": short}
    pe_art = _pe_art_back(rest.drop(index=list(picks)), spare, short, pe_art_spare, year, towns)
    if pe_art:
        retire.update(teachers=len(picks) + len(pe_art), pe_art=len(pe_art))
        picks |= pe_art
    return {"retire": retire, "left": pool_left(rest.drop(index=list(picks)), spare, year)}


def _pe_art_back(rest: pd.DataFrame, spare: dict[str, int], short: dict[str, int], pe_art: int,
                 year: int | None, towns: Mapping[str, str] | None) -> dict:
    """The 体育、音乐、美术 retirees' posts no primary teacher fills (``short``) taken by junior
    体育艺术 teachers over their school's need (``pe_art``: subject_pool ``spare``, 县管校聘, as
    hire_rule asks before any 体育艺术 hire), each sender's freed post filled by a certified
    surplus primary teacher (综合实践活动等, any subject): the picks; ``short`` and ``spare``
    updated in place."""
    n = min(pe_art, sum(short.get(g, 0) for g in sorted(PE_ART_SUBJECTS)))
    if not n:
        return {}
    posts = pd.DataFrame([(s, "primary", k, 0, 0) for s, k in spare.items()] + [("", "junior", 0, n, 0)],
                         columns=["school_id", "stage", "surplus", "hire", "new_posts"])
    picks, _ = transfer_picks(rest, posts, year, towns, {"": {ANY_SUBJECT: n}})
    left = len(picks)
    for group in ("pe", "music", "art"):
        take = min(left, short.get(group, 0))
        left -= take
        if take:
            short[group] -= take
            if not short[group]:
                del short[group]
    for sender, _ in picks.values():
        spare[sender] -= 1
    return picks


def _absorb(lack: dict[str, int], n: int) -> None:
    """``lack`` (subject group → retirees to replace) less ``n`` posts its school has over,
    the any-subject group first, then the largest (in place).

    >>> lack = {"chinese": 2, "practice": 1, "math": 1}
    >>> _absorb(lack, 2); lack
    {'chinese': 1, 'practice': 0, 'math': 1}
    """
    for group in sorted(lack, key=lambda g: (g != ANY_SUBJECT, -lack[g])):
        take = min(n, lack[group])
        lack[group], n = lack[group] - take, n - take


def pool_left(teachers: pd.DataFrame, spare: Mapping[str, int], year: int | None) -> dict:
    """The certified primary teachers (:func:`candidates`) a school could still give, at most
    its ``spare`` (surplus left) each, in the order they go: the one count of 「其余…可转任」 and
    of the 人选范围 (review rv17 4: 237 and 211 in one section). ``teachers``, ``unknown`` (blank
    教师资格证学段 at those schools), ``subjects`` (teacher subject → n) and ``schools``.

    >>> t = pd.DataFrame({"teacher_id": ["T1", "T2", "T3"], "school_id": ["S", "S", "R"],
    ...                   "stage": "primary", "certified": True, "cert_stage": "junior",
    ...                   "degree": "bachelor", "backbone": "none", "subject": "math"})
    >>> pool_left(t, {"S": 1, "R": 0}, None)
    {'teachers': 1, 'unknown': 0, 'subjects': {'math': 1}, 'schools': ['S']}
    """
    schools = sorted(s for s, n in spare.items() if n > 0)
    ok, unknown = candidates(teachers, schools, year)
    ok = ok[ok.groupby(ok["school_id"].astype(str)).cumcount().to_numpy()
            < ok["school_id"].astype(str).map(spare).to_numpy()]
    return {"teachers": len(ok), "unknown": unknown,
            "subjects": {str(k): int(n) for k, n in ok["subject"].value_counts().items()},
            "schools": schools}


def certified_left(found: Mapping | None) -> tuple[int, int]:
    """The ledger's ``transfer`` (``found``): the certified surplus primary teachers it could
    still transfer and those whose 教师资格证学段 is blank there, the one count every sentence
    prints (:func:`pool_left`; an older file without it: candidates less those transferred).

    >>> certified_left({"teachers": 37, "candidates": 274, "unknown": 55,
    ...                 "left": {"teachers": 139, "unknown": 40}})
    (139, 40)
    >>> certified_left({"teachers": 37, "candidates": 274, "unknown": 55})
    (237, 55)
    """
    found = found or {}
    if "left" in found:
        return int(found["left"]["teachers"]), int(found["left"]["unknown"])
    return (int(found.get("candidates") or 0) - int(found.get("teachers") or 0),
            int(found.get("unknown") or 0))


def rest_words(rest: int, left: int) -> str:
    """The certified teachers not transferred (``rest``: candidates less both transfers) and,
    when fewer, those their schools' surplus still lets go (``left``, at most each school's
    surplus), from the same figures at the first mention (rv18 5: 271 − 37 − 66 = 168, not 135).

    >>> rest_words(168, 135), rest_words(135, 135)
    ('其余 168 人，按各校仍富余人数可转任 135 人，', '其余 135 人')
    """
    return f"其余 {rest:,} 人，按各校仍富余人数可转任 {left:,} 人，" if rest > left else f"其余 {left:,} 人"


def _still_short(gaps: Mapping[str, Mapping[str, int]], rows: pd.DataFrame, picks: Mapping,
                 names: Mapping[str, str]) -> list[dict]:
    """Per junior school still hiring after the transfers: its name, hires and per subject the
    teachers it still lacks and those it has over (``over``: why the lacking may exceed the
    hires, rv17 4: 「历史与地理 3 人、音乐 1 人，需招聘 3 人」)."""
    moved: dict[str, int] = {}
    for _, to in picks.values():
        moved[to] = moved.get(to, 0) + 1
    hires = dict(zip(rows.loc[rows["stage"].eq("junior"), "school_id"].astype(str),
                     rows.loc[rows["stage"].eq("junior"), "hire"].astype(int), strict=True))
    out = []
    for school, lack in gaps.items():
        left = hires.get(school, 0) - moved.get(school, 0)
        if left > 0:
            out.append({"school_id": school, "name": names.get(school, school), "hire": left,
                        "subjects": {k: int(n) for k, n in lack.items() if n > 0},
                        "over": {k: -int(n) for k, n in lack.items() if n < 0}})
    return out
