"""The words and the table of :mod:`~junheng.planning.staffing_absorb`: who fills a new junior
school's posts and how the primary surplus goes, school year by school year, with its owner
(review rv10 finding 14)."""

from __future__ import annotations

from collections.abc import Mapping

from junheng.planning.staffing_absorb import ABSORB_HEADS, forecast_figures
from junheng.planning.staffing_figures import stage_figures
from junheng.planning.staffing_transfer import certified_left
from junheng.report.teacher_walk import WALK_HEAD, walked

ABSORB_TITLE = "小学富余教师逐年消化"
#: the 转任初中 column's head with advised early transfers (:func:`~.staffing_peak.early_transfers`,
#: brief hwords 2), booked in the year they are made (:func:`netted_rows`, review rv28 4: a
#: column of them beside 开学时仍富余 that still counted them overstated the surplus)
EARLY_HEAD = "转任初中（人，持初中及以上教师资格证；规划年前为建议提前转任，补初中缺编）"
#: without 教师资格证学段 (a v1 workbook, an older plan.json): why no transfer is counted
CERTIFICATE = ("工作簿“教师资格证”只填是否持证、未填资格学段，能证明持初中或高中教师资格证且学科对口的 0 人，"
               "故仍按招聘计；每核实 1 人转任，少招聘 1 人，小学少富余 1 人")


def surplus_said(after: int, moved: int, before_first: bool = False) -> str:
    """The 小学 surplus of the plan year in one figure labelled before or after the 转任初中
    ``moved`` (review rv16 3: 「小学富余 635 人」 and 「小学按 2030 学年编制标准富余 672 人」 in one
    section, with nothing saying they differ by the 37 transfers); ``before_first``: the figure
    before them leads (表 4 begins with it, its transfers a column).

    >>> surplus_said(635, 37), surplus_said(635, 37, before_first=True), surplus_said(4, 0)
    ('635 人（已转任初中 37 人后；转任前 672 人）', '672 人（转任初中前；转任 37 人后 635 人）', '4 人')
    """
    if not moved:
        return f"{after:,} 人"
    if before_first:
        return f"{after + moved:,} 人（转任初中前；转任 {moved:,} 人后 {after:,} 人）"
    return f"{after:,} 人（已转任初中 {moved:,} 人后；转任前 {after + moved:,} 人）"


def retire_cover_text(doc: Mapping) -> str:
    """How the junior retirees' posts are filled (staffing_transfer.retire_cover): by 转任 from
    the surplus primary teachers by subject, the rest hired ("" in an older file).

    >>> retire_cover_text({"transfer": {"retire": {"retirees": 5, "teachers": 4,
    ...     "subjects": {"chinese": 3, "math": 1}, "short": {"history": 1}}}})
    '，由小学富余教师转任补充 4 人（按学科对口），仍缺历史与地理 1 人需按同岗位招聘'
    >>> retire_cover_text({"transfer": {"retire": {"teachers": 2, "pe_art": 1,
    ...     "subjects": {"math": 1}, "short": {}}}})
    '，由小学富余教师转任补充 2 人（按学科对口；体育艺术 1 人由多于所需的初中体育艺术教师调剂，其空出岗位由小学富余教师转任），不招聘'
    """
    from junheng.report.subject_gaps import gap_text

    retire = ((doc.get("transfer") or {}).get("retire")) or {}
    if not retire.get("teachers"):
        return ""
    short = "、".join(gap_text(k, n) for k, n in retire.get("short", {}).items() if n)
    pe = retire.get("pe_art") or 0  # the subjects are in plan.json; the 整改措施 has a length cap
    moved = f"；体育艺术 {pe:,} 人由多于所需的初中体育艺术教师调剂，其空出岗位由小学富余教师转任" if pe else ""
    return (f"，由小学富余教师转任补充 {retire['teachers']:,} 人（按学科对口{moved}）"
            + (f"，仍缺{short}需按同岗位招聘" if short else "，不招聘"))


def absorb_paragraph(result: Mapping, staffing: Mapping) -> str:
    """The new schools' posts filled transfers first, then hires, and the table's reading.
    Without the workbook's 教师资格证学段 (``transfer`` missing or not ``filled``: a v1
    workbook, an older plan.json) no transfer is counted and the words say so.

    >>> result = {"rows": [(2026, 4, 1, 0, 0, 3), (2027, 3, 1, 0, 0, 2)], "done": 2029,
    ...           "owner": "县教育局人事股", "new_schools": [("新初中", 10, 4, 0, 6)]}
    >>> doc = {"year": 2027, "retirement": {"by_stage": {"primary": 2, "junior": 1}},
    ...        "schools": [{"stage": "primary", "need": 1, "today": 5, "hire": 0, "surplus": 4},
    ...                    {"stage": "junior", "need": 10, "today": 4, "hire": 6, "surplus": 0}]}
    >>> print(absorb_paragraph(result, doc))
    新建学校先从小学富余教师中转任，仍缺的再招聘：新初中编制 10 人，随学生调配和县管校聘调剂 4 人，余 6 人应先由持初中或高中教师资格证、任教学科对口的小学富余教师转任；工作簿“教师资格证”只填是否持证、未填资格学段，能证明持初中或高中教师资格证且学科对口的 0 人，故仍按招聘计；每核实 1 人转任，少招聘 1 人，小学少富余 1 人。小学按 2027 学年编制标准富余 4 人，逐年消化见下表（责任单位：县教育局人事股）：退休不补 2 人；转任初中 0 人（未核实资格证学段；2027 学年初中连同退休补充共需招聘 7 人，核实后至多可转任 7 人）；县管校聘调剂 0 人（小学缺编学校已由调剂补足，见“教师配置汇总”，没有缺编学校可再接收）。2027 学年开学时仍富余 2 人；按教师出生年份和各学年预测学生核定的编制，退休不补至 2029 学年开学前可全部消化。须由县教育局人事股在 2027 学年开学前逐人核实小学富余教师的资格证学段和任教学科，确定转任初中人数。
    """
    from junheng.planning.staffing_peak import early_transfers

    if not (result.get("transfer") or {}).get("filled"):
        return _unproven(result, staffing)
    rows, year, owner = result["rows"], staffing["year"], result["owner"]
    found = result["transfer"]
    junior = stage_figures(staffing).get("junior", {})
    need = junior.get("hire_total", junior.get("hire", 0))
    moved = sum(r[3] for r in rows)
    first = [f"{name}编制 {posts:,} 人，随学生调配和县管校聘调剂 {kept:,} 人"
             + (f"，小学富余教师转任 {into:,} 人" if into else "")
             + (f"，余 {hire:,} 人招聘" if hire else "，不再招聘")
             for name, posts, kept, into, hire in result["new_schools"]]
    lead = f"新建学校先从小学富余教师中转任，仍缺的再招聘：{'；'.join(first)}。{opening_note(result, staffing)}" if first else ""
    blank = certified_left(found)[1]  # the one count of the rest (rv17 4: 55 and 42 in one section)
    unknown = f"；另有 {blank:,} 名持证教师未填资格证学段，未计入转任，核实后可再转任" if blank else ""
    source = (f"转任按工作簿“教师资格证学段”计：小学富余学校中持初中、高中或中等职业学校教师资格证（《教师资格条例》第五条）、"
              f"{year} 学年开学前不退休、非县级以上骨干和体育艺术教师的 {found['candidates']:,} 人，转任 {moved:,} 人"
              f"{unknown}。")
    rest = f"{year} 学年初中连同退休补充仍需招聘 {need:,} 人{_hired_early(staffing)}" if need else f"{year} 学年初中不再招聘"
    end = rows[-1][5] if rows else 0
    surplus = result.get("surplus", rows[0][1])
    start = f"小学按 {year} 学年编制标准富余 {surplus_said(surplus - moved, moved, before_first=True)}"
    if not end and (result.get("done") or year + 1) <= year:  # and none again after the plan year
        return f"{lead}{source}{start}，至 {year} 学年由退休不补和转任初中全部消化（责任单位：{owner}）。"
    early = sorted(early_transfers(staffing))  # review rv27 5: the first move is then, not in the plan year
    check = early[0] if early else year
    if walked(staffing):  # rv28 4: the figures are the walk's, the new school's the ledger's sentence's
        return opening_note(result, staffing) + _after_walk(result, staffing, rest, check, blank)
    when = f"{year} 学年开学前到岗，{check} 学年起可提前转任，见下表末列" if early else f"{year} 学年开学前"
    return (f"{lead}{source}{start}，逐年消化见下表（责任单位：{owner}{by_year(result, year)}）：退休不补 {sum(r[2] for r in rows):,} 人；"
            f"转任初中 {moved:,} 人（{when}；{rest}）；县管校聘调剂 0 人（{_pooled(staffing)}）。"
            f"{year} 学年开学时仍富余 {end:,} 人；{_done(_with_forecast(result, staffing), year)}。须由{owner}在 {check} 学年开学前逐人核实转任教师的"
            "任教学科" + ("和未填资格证学段教师的资格证" if blank else "")
            + "。")


#: :func:`_instead`'s first clause, said in the 教师学段结构失衡 finding too (subject_gaps.fill_rest)
NO_HIRE = "富余消化前小学不再招聘教师；"


def _after_walk(result: Mapping, staffing: Mapping, rest: str, check: int, blank: int) -> str:
    """:func:`absorb_paragraph` after :func:`~.teacher_walk.surplus_walk`: the table's reading,
    the 转任初中 by the year each is made (:func:`netted_rows`), what the bureau does with what
    the forecast leaves and who checks what, the surplus's figures not said again."""
    from junheng.planning.staffing_peak import early_transfers

    rows, year, owner = result["rows"], staffing["year"], result["owner"]
    moved = netted_rows(rows, early_transfers(staffing))
    when = "、".join(f"{y} 学年{'开学前' if y == rows[-1][0] else '提前'} {m:,} 人" for y, _, _, m, _, _ in moved if m)
    figures = staffing.get("forecast") or forecast_figures(result)
    tail = "" if figures["done"] else "；" + _instead(figures, year).removeprefix(NO_HIRE)  # the finding says it
    return (f"小学富余按“{WALK_HEAD}”所列逐年消化，见下表（责任单位：{owner}{by_year(result, year)}）：转任初中 "
            f"{sum(r[3] for r in moved):,} 人（{when}；{rest}）；县管校聘调剂 0 人（{_pooled(staffing)}）{tail}。"
            f"须由{owner}在 {check} 学年开学前逐人核实转任教师的任教学科" + ("和未填资格证学段教师的资格证" if blank else "") + "。")


def netted_rows(rows, early: Mapping[int, int] | None) -> list[tuple]:
    """表 5's rows (year, start, retired, 转任, 县管校聘, end) with the advised early transfers
    (``early``: school year -> transferred by then, :func:`~.staffing_peak.early_transfers`)
    booked in the year they are made and netted from the surplus from then on (review rv28 4:
    2027—2029's 开学时仍富余 221, 356 and 457 still held the 67, 103 and 103 moved early). A
    转任 is for good: the total by a year never falls; the plan year's row takes the rest, so
    its end and the 转任 合计 stay. Hand case: 6 to transfer, 4 early by 2028, 3 by 2029:

    >>> netted_rows([(2028, 10, 1, 0, 0, 9), (2029, 12, 2, 0, 0, 10), (2030, 11, 1, 6, 0, 4)], {2028: 4, 2029: 3})
    [(2028, 10, 1, 4, 0, 5), (2029, 8, 2, 0, 0, 6), (2030, 7, 1, 2, 0, 4)]
    """
    rows = [tuple(r) for r in rows]
    if not early or not rows:
        return rows
    total, last = sum(r[3] for r in rows), rows[-1][0]
    out, orig, now = [], 0, 0
    for y, start, retired, moved, pool, end in rows:
        orig_prev, now_prev = orig, now
        orig += moved
        now = orig if y == last else max(now_prev, orig, min(early.get(y, 0), total))
        out.append((y, start + orig_prev - now_prev, retired, now - now_prev, pool, end + orig - now))
    return out


def _hired_early(staffing: Mapping) -> str:
    """「，其中按编制 3 人 2029 学年起到岗」: the junior hires by 编制 in post before the plan year,
    from the year the spending pays them from (``hires_from``, review rv27 4); "" otherwise.

    >>> doc = {"year": 2030, "hires_from": 2029, "schools": [{"stage": "junior", "need": 5, "today": 2, "hire": 3, "surplus": 0}]}
    >>> _hired_early(doc), _hired_early({**doc, "hires_from": 2030})
    ('，其中按编制 3 人 2029 学年起到岗', '')
    """
    start, hire = staffing.get("hires_from"), (stage_figures(staffing).get("junior") or {}).get("hire")
    return f"，其中按编制 {hire:,} 人 {start} 学年起到岗" if hire and start is not None and start < staffing["year"] else ""


def opening_note(result: Mapping, staffing: Mapping) -> str:
    """A new school opening before the plan year (``result``'s ``opening``) whose teachers the
    table books in the plan year: they are needed at its opening, and its transfers are the part
    of that year's advised 提前转任 (:func:`~.staffing_peak.early_transfers`) it cannot open
    without (review rv26 4: 表 7 opened it in 2029, 表 5's 2029 row transferred none); "" else.

    >>> result = {"opening": {"新初中": 2029}, "new_schools": [("新初中", 61, 25, 33, 3)]}
    >>> doc = {"year": 2030, "junior_posts": [[2029, 1154], [2030, 1119]], "junior_in_post": [[2029, 1032]],
    ...        "forecast": {"left_by_year": [[2029, 457], [2030, 397]]},
    ...        "moves": [{"kind": "transfer", "teachers": 37}], "transfer": {"retire": {"teachers": 66}},
    ...        "schools": [{"stage": "junior", "need": 1119, "today": 1079, "hire": 9, "surplus": 0}]}
    >>> print(opening_note(result, doc))
    新初中 2029 学年启用，随学生调配和县管校聘调剂的 25 人、小学富余教师转任的 33 人须在该学年开学前到岗：截至 2029 学年累计提前转任的 103 人（见下表）中，这 33 人是该校启用所必需的，不是可选的建议。
    >>> opening_note({**result, "new_schools": [("新初中", 61, 58, 0, 3)]}, doc)  # none transferred
    ''
    >>> print(opening_note(result, {**doc, "junior_in_post": [[2029, 1140]]}))  # 14 short: 14 early
    新初中 2029 学年启用，随学生调配和县管校聘调剂的 25 人、小学富余教师转任的 33 人须在该学年开学前到岗：这 33 人须在该学年开学前转任，是该校启用所必需的。
    """
    from junheng.planning.staffing_peak import early_transfers

    opens = result.get("opening") or {}
    mine = [(name, opens[name], kept, into) for name, _, kept, into, _ in result.get("new_schools") or ()
            if opens.get(name) and into]
    if not mine:
        return ""
    early, need = early_transfers(staffing), {}
    for _, year, _, into in mine:
        need[year] = need.get(year, 0) + into
    out = []
    for name, year, kept, into in mine:
        came = (f"随学生调配和县管校聘调剂的 {kept:,} 人、" if kept else "") + f"小学富余教师转任的 {into:,} 人"
        part = (f"截至 {year} 学年累计提前转任的 {early[year]:,} 人（见下表）中，这 {into:,} 人是该校启用所必需的，不是可选的建议"
                if early.get(year, 0) >= need[year] else f"这 {into:,} 人须在该学年开学前转任，是该校启用所必需的")
        out.append(f"{name} {year} 学年启用，{came}须在该学年开学前到岗：{part}。")
    return "".join(out)


def by_year(result: Mapping, year: int) -> str:
    """The table's reading when its years' 编制 differ (:func:`~.staffing_absorb.absorption`
    ``shifts``), after 「逐年消化见下表（…）」; '' when they do not.

    >>> by_year({"shifts": {2027: 37, 2030: 0}}, 2030)
    '；表中各学年的富余按该学年学生核定的编制计，上下两行之差是编制随学生增减的变化（2027 学年比 2030 学年多 37 人），合计行只合计各学年的消化人数'
    """
    more = {y: n for y, n in (result.get("shifts") or {}).items() if n}
    if not more:
        return ""
    first = min(more)
    return (f"；表中各学年的富余按该学年学生核定的编制计，上下两行之差是编制随学生增减的变化（{first} 学年比 {year} 学年"
            f"{'多' if more[first] > 0 else '少'} {abs(more[first]):,} 人），合计行只合计各学年的消化人数")


def _done(result: Mapping, year: int) -> str:
    """By when the retirements absorb what is left (:func:`forecast_said` of the figures
    ``plan.json`` carries, ``result``'s own without them) and, when not within the forecast,
    what the bureau does instead (:func:`_instead`).

    >>> print(_done({"done": None, "last": 2033, "cut": 160, "junior_more": 30,
    ...              "after": [(2031, 420, 50, 370), (2032, 430, 40, 390), (2033, 440, 45, 395)]}, 2030))
    按教师出生年份和各学年预测学生核定的编制，预测期（至 2033 学年）内退休不补不能全部消化：2031—2033 学年退休不补 135 人，小学编制减少 160 人，2033 学年开学时仍富余 395 人（按该学年编制）；预测期后学生数未预测，能否消化无法判断；富余消化前小学不再招聘教师；持初中及以上教师资格证、任教学科对口的逐年转任初中（2033 学年初中编制比 2030 学年多 30 人），其余待小学编制核减或跨区县统筹（小学没有缺编学校可再接收；交流轮岗编制留在原校，不能消化）；每年按新一年入学预测重算
    >>> _done({"done": None, "after": []}, 2030)[:43]
    '按教师出生年份，2030 学年以后各学年的编制未预测，退休不补何时能全部消化无法判断；'
    """
    figures = result.get("forecast") or forecast_figures(result)
    said = forecast_said(figures, year)
    return said if figures["done"] else f"{said}；{_instead(figures, year)}"


def forecast_then(doc: Mapping, stage: str) -> str:
    """:func:`forecast_said` of a ledger's ``forecast`` for its primary surplus (``stage``), ""
    without one (an older file, a 达标路径 without a layout plan) or when the plan year absorbs it
    all for good (nothing to add).

    >>> doc = {"year": 2030, "forecast": {"done": None, "last": 2031, "retired": 5, "cut": 0, "left": 7}}
    >>> forecast_then(doc, "primary")[-45:], forecast_then(doc, "junior")
    ('2031 学年开学时仍富余 7 人（按该学年编制）；预测期后学生数未预测，能否消化无法判断', '')
    """
    figures = doc.get("forecast")
    if stage != "primary" or not figures or (figures.get("done") or doc["year"] + 1) <= doc["year"]:
        return ""
    return forecast_said(figures, doc["year"])


def _with_forecast(result: Mapping, staffing: Mapping) -> dict:
    """``result`` with the forecast figures ``plan.json`` carries (``staffing.forecast``, when there)."""
    return {**result, "forecast": staffing.get("forecast")}


def forecast_said(figures: Mapping, year: int) -> str:
    """The forecast period's 消化 in one statement (``figures``: ``plan.json``'s
    ``staffing.forecast``, :func:`~junheng.planning.staffing_absorb.forecast_figures`), the one
    the 布局调整方案's 逐年消化, its 教师学段结构失衡 and those of the 整改措施 and the 自评报告 print
    (brief hstaff2 1: they stopped at the plan year's 397 while the forecast left 435): by when
    the retirements absorb the surplus, each year against its own 编制 through the forecast's last
    year; when not within it, what is left then and that no later year can be told (review rv18
    3: 「至 2039 学年可全部消化（按 2030 学年编制计）」 while the forecast's pupils fell).

    >>> print(forecast_said({"done": None, "last": 2033, "retired": 118, "cut": 156, "left": 435}, 2030))
    按教师出生年份和各学年预测学生核定的编制，预测期（至 2033 学年）内退休不补不能全部消化：2031—2033 学年退休不补 118 人，小学编制减少 156 人，2033 学年开学时仍富余 435 人（按该学年编制）；预测期后学生数未预测，能否消化无法判断
    >>> forecast_said({"done": 2032, "last": 2033}, 2030)
    '按教师出生年份和各学年预测学生核定的编制，退休不补至 2032 学年开学前可全部消化'
    """
    basis = "按教师出生年份和各学年预测学生核定的编制"
    if figures["done"]:
        return f"{basis}，退休不补至 {figures['done']} 学年开学前可全部消化"
    last = figures.get("last")
    if not last:
        return f"按教师出生年份，{year} 学年以后各学年的编制未预测，退休不补何时能全部消化无法判断"
    cut = figures.get("cut") or 0
    span = f"{year + 1}—{last} 学年" if last > year + 1 else f"{last} 学年"
    change = (f"小学编制减少 {cut:,} 人" if cut > 0 else f"小学编制增加 {-cut:,} 人" if cut < 0 else "小学编制不变")
    return (f"{basis}，预测期（至 {last} 学年）内退休不补不能全部消化：{span}退休不补 {figures['retired']:,} 人，"
            f"{change}，{last} 学年开学时仍富余 {figures['left']:,} 人（按该学年编制）；预测期后学生数未预测，能否消化无法判断")


def _instead(result: Mapping, year: int) -> str:
    """What the bureau does with a surplus the retirements do not absorb within the forecast:
    no primary hires; 转任初中 as the junior 编制 grows (``junior_more``: the forecast's last year
    less the plan year; None: not forecast), 县管校聘 for the rest.

    >>> _instead({"junior_more": -296, "last": 2033}, 2030)
    '富余消化前小学不再招聘教师；2033 学年初中编制也比 2030 学年少 296 人，转任初中不能消化，须待小学编制核减或跨区县统筹（小学没有缺编学校可再接收；交流轮岗编制留在原校，不能消化）；每年按新一年入学预测重算'
    """
    more, last = result.get("junior_more"), result.get("last") or year
    head, tail = NO_HIRE, "；每年按新一年入学预测重算"
    # rv19 1: 县管校聘调剂 is 0 (no school short of teachers is left), so no 「调往缺编学校」
    pool = "待小学编制核减或跨区县统筹（小学没有缺编学校可再接收；交流轮岗编制留在原校，不能消化）"
    if more is not None and last > year and more <= 0:
        fell = f"也比 {year} 学年少 {-more:,} 人" if more else f"与 {year} 学年相同"
        return f"{head}{last} 学年初中编制{fell}，转任初中不能消化，须{pool}{tail}"
    grow = f"（{last} 学年初中编制比 {year} 学年多 {more:,} 人）" if more and last > year else ""
    return f"{head}持初中及以上教师资格证、任教学科对口的逐年转任初中{grow}，其余{pool}{tail}"


def _unproven(result: Mapping, staffing: Mapping) -> str:
    """:func:`absorb_paragraph` without the certificates' stage: 0 转任, the ledger's 招聘."""
    rows, year, owner = result["rows"], staffing["year"], result["owner"]
    junior = stage_figures(staffing).get("junior", {})
    need = junior.get("hire_total", junior.get("hire", 0))
    first = [f"{name}编制 {posts:,} 人，随学生调配和县管校聘调剂 {moved:,} 人，余 {hire:,} 人应先由持初中或"
             "高中教师资格证、任教学科对口的小学富余教师转任" for name, posts, moved, _, hire in result["new_schools"]]
    lead = f"新建学校先从小学富余教师中转任，仍缺的再招聘：{'；'.join(first)}；{CERTIFICATE}。" if first else ""
    most = f"，核实后至多可转任 {need:,} 人" if need else ""
    end = rows[-1][5] if rows else 0
    return (f"{lead}小学按 {year} 学年编制标准富余 {result.get('surplus', rows[0][1]):,} 人，逐年消化见下表（责任单位：{owner}{by_year(result, year)}）："
            f"退休不补 {sum(r[2] for r in rows):,} 人；转任初中 0 人（未核实资格证学段；{year} 学年初中连同退休补充"
            f"共需招聘 {need:,} 人{most}）；县管校聘调剂 0 人（{_pooled(staffing)}）。{year} 学年开学时仍富余 {end:,} 人；{_done(_with_forecast(result, staffing), year)}。须由{owner}在 {rows[0][0] + 1} "
            "学年开学前逐人核实小学富余教师的资格证学段和任教学科，确定转任初中人数。"
            if end or (result.get("done") or year + 1) > year else
            f"{lead}小学按 {year} 学年编制标准富余 {rows[0][1]:,} 人，至 {year} 学年由退休不补全部消化（责任单位：{owner}）。")


def _pooled(staffing: Mapping) -> str:
    """Why no more surplus primary teacher goes to a primary school short of teachers.

    >>> _pooled({"schools": [{"stage": "primary", "need": 9, "today": 5, "hire": 4, "surplus": 0}]})
    '小学仍有按编制需招聘 4 人，应先由富余教师调剂补足，见“教师配置汇总”'
    """
    hire = stage_figures(staffing).get("primary", {}).get("hire", 0)
    if hire:
        return f"小学仍有按编制需招聘 {hire:,} 人，应先由富余教师调剂补足，见“教师配置汇总”"
    return "小学缺编学校已由调剂补足，见“教师配置汇总”，没有缺编学校可再接收"


def absorb_rows(result: Mapping, early: Mapping[int, int] | None = None) -> list[list[str]]:
    """The table's rows (:data:`~junheng.planning.staffing_absorb.ABSORB_HEADS`) and a 合计 of
    the flow columns only: the surplus at the start and end of a year is a stock, no sum of
    its rows (review rv16 3: 672 under 「上学年末小学富余」 whose rows were 302/390/495/555);
    with ``early`` (school year -> :func:`~.staffing_peak.early_transfers`) those transfers in
    the years they are made (:func:`netted_rows`, its 转任初中 head :data:`EARLY_HEAD`).

    >>> absorb_rows({"rows": [(2026, 1200, 21, 0, 0, 1179), (2027, 1179, 30, 0, 0, 1149)]})[-1]
    ['合计', '—', '51', '0', '0', '—']
    >>> absorb_rows({"rows": [(2029, 497, 40, 0, 0, 457), (2030, 555, 55, 103, 0, 397)]}, {2029: 103})
    [['2029 学年', '497', '40', '103', '0', '354'], ['2030 学年', '452', '55', '0', '0', '397'], ['合计', '—', '95', '103', '0', '—']]
    """
    return [[f"{n:,}" if isinstance(n, int) else n for n in row] for row in _cells(result, early)]


def absorb_heads(early: Mapping[int, int] | None = None) -> list[str]:
    """The table's heads: :data:`~junheng.planning.staffing_absorb.ABSORB_HEADS`, the 转任初中
    one :data:`EARLY_HEAD` with advised early transfers."""
    return [EARLY_HEAD if early and i == 3 else h for i, h in enumerate(ABSORB_HEADS)]


def _cells(result: Mapping, early: Mapping[int, int] | None) -> list[list]:
    """The table's rows with their 合计, figures as numbers, the early transfers (``early``)
    in the years they are made (:func:`netted_rows`)."""
    got = netted_rows(result["rows"], early)
    return [*([f"{y} 学年", *rest] for y, *rest in got), ["合计", *_flow_total(got)]]


def _flow_total(got) -> list:
    """The 合计 row's cells after its label: the flows summed, the stocks 「—」."""
    return ["—", *(sum(r[k] for r in got) for k in (2, 3, 4)), "—"]



def absorb_sheet_rows(result: Mapping | None, staffing: Mapping) -> list[list]:
    """The rows the 教师配置汇总 sheet adds under the ledger: a blank row, the paragraph, the
    table's heads and rows (the advised early transfers as the docx has them), figures as
    numbers ([] without ``result``).

    >>> rows = absorb_sheet_rows({"rows": [(2026, 4, 4, 0, 0, 0)], "done": 2026,
    ...                           "owner": "县教育局人事股", "new_schools": []}, {"year": 2026})
    >>> rows[1][0][:11], rows[2][0], rows[-1]
    ('小学富余教师逐年消化：', '学年', ['合计', '—', 4, 0, 0, '—'])
    """
    from junheng.planning.staffing_peak import early_transfers

    if not result or not result["rows"]:
        return []
    early = early_transfers(staffing)
    return [[], [f"{ABSORB_TITLE}：{absorb_paragraph(result, staffing)}"], absorb_heads(early),
            *_cells(result, early)]
