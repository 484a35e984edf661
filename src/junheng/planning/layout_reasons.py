"""A reason in Chinese for each action of a layout plan (the 理由 column of ``plan.xlsx``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from junheng.model.labels import SCHOOL_TYPE_LABELS
from junheng.model.numbers import wan_text as _wan
from junheng.planning.halls import sports_label
from junheng.planning.layout_borrow import TEMPORARY_REASON, borrow_reason, receiver_borrow
from junheng.planning.layout_data import haversine_km
from junheng.planning.layout_footprint import unsited_mark
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.layout_room_words import ROOM_NOTE, counted_rooms, no_ground_words, room_notes  # noqa: F401
from junheng.planning.layout_runs import WITHIN_LIMIT, own_breaches, run_words
from junheng.planning.layout_trips import closure_text
from junheng.planning.projects import first_year

#: The basis of a closed school's 预计在校 (review 2026-12-03 6: "预计在校 8 人" by "东桃园村一至三年级 14 人")
EXPECTED_BASIS = "现有在校生按本乡镇适龄儿童增减推算"


def action_reasons(plan: LayoutOutcome) -> dict[str, str]:
    """school_id → the reason for what the plan does to it: a kept school's own reason (from
    the solve) when it has one, then a sentence built from the plan's figures."""
    by_id = {s.school_id: s for s in plan.schools}
    boarders: dict[str, int] = {}
    receivers: dict[str, set[str]] = {}  # closed school → the schools its pupils go to
    for a in plan.assignments:
        boarders[a.school_id] = boarders.get(a.school_id, 0) + a.boarders
        if a.before_school and a.before_school != a.school_id:
            receivers.setdefault(a.before_school, set()).add(a.school_id)
    breaches, early, out = own_breaches(plan), run_words(plan), {}
    for s in plan.schools:
        own = action_reason(s, by_id, plan.target_year, boarders.get(s.school_id, 0), plan.costs)
        own = borrow_reason(own, s.temporary_classrooms, plan, s.school_id)  # the 过渡期's (hsize)
        if said := breaches.get(s.school_id) or early.get(s.school_id):  # rv2 2, rv4 4: runs said
            own = "；".join(p for p in (own.replace(WITHIN_LIMIT, "") if s.school_id in breaches else own, said) if p)
        if len(receivers.get(s.school_id, ())) > 1:  # planner review: "并入 X" beside pupils to Y
            own = own.replace("，并入", "，学生主要并入", 1)
        kept = receiver_borrow(plan.kept_reasons.get(s.school_id, ""), plan)  # as 表3 (rv6 N8)
        rooms = kept[kept.find(ROOM_NOTE):] if ROOM_NOTE in kept else ""
        kept = kept.replace(rooms, "")
        rooms = counted_rooms(s, plan, rooms, own) if rooms else ""  # its 临时周转 once (rv7 7)
        text = closure_text(own, kept) if s.action == "close" else kept + own  # trips apart (rv 6)
        text = f"{text}；{rooms}" if text and rooms else text or rooms
        if ground := no_ground_words(s, plan):  # its position, said back by the 整改 (rv5 5)
            text += ("" if not text or text.endswith("。") else "；") + ground
        if text:
            out[s.school_id] = text
    return out


def action_reason(s: PlannedSchool, by_id: dict[str, PlannedSchool], target_year: int | None,
                  boarders: int = 0, costs: Mapping[str, Any] | None = None) -> str:
    """One sentence: why ``s`` is closed, expanded or newly built ("" for a plain keep);
    ``boarders``: its boarders after the plan, the one cause of new beds (review finding 3);
    ``costs``: the plan's unit prices, which a new school's construction is told in.

    >>> a = PlannedSchool("A", "甲村教学点", "close", kind="teaching_point", merged_into="B",
    ...                   students_expected=12, lon=113.0, lat=34.0, town_code="1")
    >>> b = PlannedSchool("B", "乙小学", "keep", lon=113.0, lat=34.0288, town_code="1")
    >>> action_reason(a, {"A": a, "B": b}, 2030)
    '教学点，2030 学年不调整预计在校 12 人（现有在校生按本乡镇适龄儿童增减推算），并入 3.2 公里外的乙小学（同乡镇）'
    >>> c = PlannedSchool("C", "丙初中", "expand", added_beds=100, beds_after=300,
    ...                   students_expected=500, students_after={"junior": 520})
    >>> action_reason(c, {"C": c}, 2030, boarders=260)
    '2030 学年不调整预计 500 人，调整后接收 520 人；新增床位 100 张（调整后寄宿生 260 人，现有床位 200 张）'
    >>> from dataclasses import replace
    >>> action_reason(replace(a, teachers_to_redeploy=2), {"A": a, "B": b}, 2030)[-13:]
    '（同乡镇）；2 名教师调配'
    >>> d = PlannedSchool("D", "东城小学", "keep", students_expected=1_500, students_after={"primary": 1_620},
    ...                   added_sports_area=815.0, area_yuan=3_421_200.0)
    >>> action_reason(d, {"D": d}, 2030)
    '2030 学年不调整预计 1,500 人，调整后接收 1,620 人；补足接收学生所需的室内体育馆 815 平方米（需论证），投资 342.12 万元'
    """
    year = f"{target_year} 学年" if target_year else "规划年"
    kind = SCHOOL_TYPE_LABELS.get(s.kind, "学校")
    after = sum(s.students_after.values()) if s.students_after else 0
    if s.action == "close":
        to = by_id.get(s.merged_into or "")
        if to is None:
            return f"{kind}，{year}预计 {s.students_expected:,} 人，学生分流到周边学校{s.condition}"
        where = "同乡镇" if to.town_code == s.town_code else "跨乡镇"
        far = _km(s, to)
        gap = f" {far:.1f} 公里外的" if far is not None else ""
        staff = (f"；{s.teachers_text({k: v.name for k, v in by_id.items()})}"
                 if s.teachers_to_redeploy else "")
        return (f"{kind}，{year}不调整预计在校 {s.students_expected:,} 人（{EXPECTED_BASIS}），"
                f"并入{gap}{to.name}（{where}）{s.condition}{staff}")
    if s.action == "expand":
        parts = [f"新建教室 {s.built_classrooms} 间（调整后学生按标准班额所需教室多于现有教室）{unsited_mark(s)}"
                 if s.built_classrooms else "",
                 TEMPORARY_REASON.format(n=s.temporary_classrooms) if s.temporary_classrooms else "",
                 f"新增床位 {s.added_beds} 张（调整后寄宿生 {boarders} 人，现有床位 "
                 f"{s.beds_after - s.added_beds} 张）" if s.added_beds else ""]
        built = "；".join(p for p in parts if p)
        return f"{year}不调整预计 {s.students_expected:,} 人，调整后接收 {after:,} 人；{built}"
    if s.action == "new":
        built = new_school_cost(s, costs) if costs else ""
        return (f"新建学校，{year}接收 {after:,} 人，缩短周边学生上学路程或缓解大班额"
                + (f"；{built}" if built else ""))
    if s.shown_action in ("rebuild", "grounds"):
        return (f"{year}不调整预计 {s.students_expected:,} 人，调整后接收 {after:,} 人；"
                + (areas_built(s) or f"建设投资 {_wan(s.capital_yuan + s.area_yuan)}"))
    return ""


def areas_built(s: PlannedSchool, *, cost: bool = True) -> str:
    """The per-pupil areas a receiver builds for the pupils it takes (layout_areas), with
    their one-off cost (``area_yuan``) unless ``cost`` is False; "" for none (an area of
    0 m² not named: layoutfix item 11). Review 2026-12-04 finding 18: the web's 调整清单
    showed 东城小学 (改扩建) with 新增教室 0 and an empty 说明, its hall not said.

    >>> s = PlannedSchool("D", "东城小学", "keep", added_sports_area=815.0, area_yuan=3_421_200.0)
    >>> areas_built(s)
    '补足接收学生所需的室内体育馆 815 平方米（需论证），投资 342.12 万元'
    >>> areas_built(s, cost=False), areas_built(PlannedSchool("E", "乙", "keep"))
    ('补足接收学生所需的室内体育馆 815 平方米（需论证）', '')
    """
    areas = [f"{name} {area:,.0f} 平方米" for name, area in
             (("教学及辅助用房", s.added_teaching_area),
              (sports_label(s.sports_field), s.added_sports_area))
             if round(area)]
    if not areas:
        return ""
    paid = f"，投资 {_wan(s.area_yuan)}" if cost and round(s.area_yuan) else ""
    return f"补足接收学生所需的{'、'.join(areas)}（需论证）{paid}"


#: how a new school's posts are filled and what of them is priced (review2 finding 2)
POSTS_FILLED = "先由随学生调入的教师补足，不足的新聘，新聘的计入“新聘教师人员经费”"


def new_school_cost(s: PlannedSchool, costs: Mapping[str, Any]) -> str:
    """A new school's construction in its parts, in the plan's unit prices (``costs``: the
    plan's ``costs``): the base cost, the classrooms, the beds, and the teaching and
    auxiliary area to the standard beyond the classrooms, the sports field and the equipment
    (term (16) of the layout model, :mod:`~junheng.planning.layout_newsite`), and its
    teacher posts, filled by the teachers who follow its pupils first (only the hires are
    priced, as 新聘教师人员经费).

    >>> s = PlannedSchool("N", "新学校", "new", added_classrooms=20, capital_yuan=40_000_000.0,
    ...                   standard_area=2525.0, standard_area_yuan=8_837_500.0,
    ...                   field_area=9000.0, field_yuan=8_100_000.0, equipment_yuan=3_062_500.0,
    ...                   teacher_posts=61)
    >>> new_school_cost(s, {"new_school_yuan": 12_000_000.0})  # doctest: +NORMALIZE_WHITESPACE
    '建设投资 4,000.00 万元：基础造价 1,200.00 万元（征地、场地平整、围墙、道路管网等）＋普通教室 20 间 840.00 万元＋按生均标准补足教学及辅助用房 2,525 平方米 883.75 万元＋室外运动场 9,000 平方米 810.00 万元＋教学仪器设备 306.25 万元；教师编制 61 人（先由随学生调入的教师补足，不足的新聘，新聘的计入“新聘教师人员经费”）'
    """
    from junheng.planning.layout_config import Costs

    price = Costs(**{k: v for k, v in costs.items() if k in Costs.model_fields})
    rooms = s.added_classrooms * price.classroom()
    beds = (s.capital_yuan - price.new_school_yuan - rooms - s.standard_area_yuan
            - s.field_yuan - s.equipment_yuan)
    parts = [f"基础造价 {_wan(price.new_school_yuan)}（征地、场地平整、围墙、道路管网等）",
             f"普通教室 {s.added_classrooms:,} 间 {_wan(rooms)}" if s.added_classrooms else "",
             f"宿舍床位 {s.added_beds:,} 张 {_wan(beds)}" if s.added_beds else "",
             f"按生均标准补足教学及辅助用房 {s.standard_area:,.0f} 平方米 {_wan(s.standard_area_yuan)}"
             if s.standard_area_yuan else "",
             f"室外运动场 {s.field_area:,.0f} 平方米 {_wan(s.field_yuan)}" if s.field_yuan else "",
             f"教学仪器设备 {_wan(s.equipment_yuan)}" if s.equipment_yuan else ""]
    staff = (f"；教师编制 {s.teacher_posts:,} 人（{POSTS_FILLED}）" if s.teacher_posts else "")
    return f"建设投资 {_wan(s.capital_yuan)}：" + "＋".join(p for p in parts if p) + staff


def _km(a: PlannedSchool, b: PlannedSchool) -> float | None:
    if None in (a.lon, a.lat, b.lon, b.lat):
        return None
    return float(haversine_km(a.lon, a.lat, b.lon, b.lat))


#: what a project's new school less than half used asks of the county (opening_reason); the
#: reports find the warning by it (report.plan_rows.size_warnings)
VERIFY_SIZE = "请核实项目规模"
#: the ask of :func:`opening_reason`, which only the layout plan's own (working) documents and
#: the 报送前核对 sheet keep; the 自评报告 states the facts without it (review2 finding 5)
VERIFY_ASK = f"：{VERIFY_SIZE}，或在就近划片中给它划入更多片区"


def opening_reason(site, pupils: int) -> str:
    """Why a 建设项目's new school (kept, no pupils today) is as big as it is (planner review
    finding 9: the demo's 城东新区第二小学 had 2,160 places and 371 pupils): its places are the
    project's, the plan sends it pupils by 就近入学 (those nearer to it than to their school first).

    >>> opening_reason({"seats_primary": 2160, "seats_junior": 0}, 371)
    '建设项目的新建学校，学位 2,160 个按项目建设（不是本方案确定的规模）；本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 371 人，学位利用率 17%，其余学位空余：请核实项目规模，或在就近划片中给它划入更多片区。'
    >>> opening_reason({"seats_primary": 540, "seats_junior": 0}, 500)
    '建设项目的新建学校，学位 540 个按项目建设（不是本方案确定的规模）；本方案按就近入学给它分配学生（离它比离原校近的先转入），规划年 500 人，学位利用率 93%。'
    """
    seats = int(site["seats_primary"] + site["seats_junior"])
    text = (f"建设项目的新建学校，学位 {seats:,} 个按项目建设（不是本方案确定的规模）；本方案按就近入学给它分配"
            f"学生（离它比离原校近的先转入），规划年 {pupils:,} 人")
    if seats <= 0:
        return text + "。"
    text += f"，学位利用率 {pupils / seats:.0%}"
    if pupils < seats / 2:
        text += f"，其余学位空余{VERIFY_ASK}"
    return text + "。"


def low_use(plan) -> str:
    """The project schools whose places the plan leaves mostly empty (:func:`opening_reason`
    asked :data:`VERIFY_SIZE`), as one line of the plan's status (review rv 5: 城东新区第二小学
    at 20 % stood as a row of 调整方案 only); "" when none.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> school = PlannedSchool("N", "城东新区第二小学", "keep", capacity={"primary": 2160},
    ...                        students_after={"primary": 423})
    >>> low_use(LayoutOutcome("optimal", (school,), {}, kept_reasons={"N": f"…{VERIFY_ASK}。"}))
    '城东新区第二小学规划年 423 人、学位 2,160 个，利用率 20%（建设项目的新建学校：请核实项目规模，或在就近划片中给它划入更多片区）'
    """
    lines = []
    for s in plan.schools:
        if VERIFY_SIZE not in plan.kept_reasons.get(s.school_id, ""):
            continue
        seats, pupils = sum(s.capacity.values()), sum(s.students_after.values())
        if seats > 0:
            lines.append(f"{s.name}规划年 {pupils:,} 人、学位 {seats:,} 个，利用率 {pupils / seats:.0%}"
                         f"（建设项目的新建学校{VERIFY_ASK}）")
    return "；".join(lines)


def held_notes(problem, assignments, schools) -> dict[str, str]:
    """Per kept school whose relief floor (12) binds (one group fewer would break it) and
    holds pupils that a nearer school open whatever the plan decides still has room for after
    the plan: the stated rule, with the villages and the nearer school (planner review finding 9: 行政路社区's grades 1–3 at
    实验小学, 16 minutes, while 东城小学 at 11 had places)."""
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_rules import sure_open_sites

    sites, cfg = problem.sites, problem.config
    a = assignments.assign(stage=assignments["group"].map(GROUP_STAGE))
    load = a.groupby(["site_id", "stage"])["demand"].sum()
    cap = schools.set_index("site_id")[["capacity_primary", "capacity_junior"]]
    size = a.groupby("site_id")["demand"].sum()
    sure = set(sure_open_sites(sites, cfg))
    minutes = problem.pairs.set_index(["customer", "site_id"])["travel_min"]
    out: dict[str, dict] = {}
    for r in a[a["site_id"].isin(sites.index[sites["stay_floor"] > 0])].itertuples(index=False):
        floor = float(sites.at[r.site_id, "stay_floor"])
        if floor <= 0 or size[r.site_id] - r.demand >= floor:
            continue
        nearer = [sid for (c, sid), t in minutes.loc[[r.customer]].items()
                  if sid in sure and sid != r.site_id and t < r.travel_min and sid in cap.index
                  and load.get((sid, r.stage), 0) + r.demand
                  <= cap.at[sid, f"capacity_{r.stage}"]
                  and size.get(sid, 0) + r.demand <= sites.at[sid, "size_cap"]]
        if nearer:
            name = str(sites.at[nearer[0], "name"])
            out.setdefault(r.site_id, {}).setdefault(r.village_name, [0, name])[0] += int(r.demand)
    return {sid: (f"保留学校的分流限制：规划年不调整约 {int(sites.at[sid, 'expected']):,} 人，本校至少留 "
                  f"{int(sites.at[sid, 'stay_floor']):,} 人，"
                  + "、".join(f"{v} {n:,} 人" for v, (n, _) in held.items())
                  + f"因此在本校就读，未去更近、仍有空余学位的{next(iter(held.values()))[1]}等学校。")
            for sid, held in out.items()}


#: why a kept school's overflow in a year other than the target year stays (opening_text)
TARGET_YEAR_SEATS = ("本方案按规划年核定各校学位，其他学年超出学位或按年级编班缺教室的由临时周转解决，见该校“理由”和说明中的"
                     "“规划年以外学年超出学位或按年级编班缺教室”；需论证：该学年临时周转，或把该校部分片区划入本校")
SHIFTED = "本方案按规划年核定各校学位，其他学年超员时先把片区划入已启用的新建学校，见说明中的“过渡期逐年划入新校”"


#: the 新校优先 rule as the new school's note states it (layout_rules.nearer_open_school)
NEW_FIRST = "本方案把规划年超出学位或校额的学校在走读上限内的片区优先划入本校，其他学年超员时划入本校的片区规划年也留在本校"


@dataclass(frozen=True)
class Crowded:
    """A school of a new school's 乡镇 over its seats of a stage in the data year."""

    name: str
    stage: str  # 小学 / 初中
    now: int  # pupils of the stage in the data year
    seats: int  # before the plan
    years: Mapping[int, int]  # pupils under the plan, from the new school's first year with pupils
    km: float  # to the new school (NaN when either has no place)
    expanded: bool = False  # the plan adds rooms of the stage (its years are in the 过渡期 sheet)
    #: its pupils' trips to the new school, fewest and most minutes (None: not computed), and
    #: the day limit they are read against
    minutes: tuple[float, float] | None = None
    limit: float = 0.0
    school_id: str = ""
    #: its communities the new school can take instead of its 临时周转 (:func:`rezone_zones`):
    #: (name, {school year: pupils}, minutes to the new school[, straight km to it: else ``km``])
    zones: tuple[tuple, ...] = ()
    #: its 分流下限 (pupils it keeps in the target year; 0: none)
    floor: int = 0
    shifted: bool = False  # ``zones`` are the plan's year moves (planning.layout_shifts)
    #: ``school_bus_km``: a zone farther in a straight line rides the school bus, its minutes
    #: are the bus's (review rv13 8: 「单程 20.8 分钟」 read as a walk; 0: not said)
    bus_km: float = 0.0

    def trip(self, zone: tuple) -> str:
        """A zone's trip to the new school in words: by the school bus beyond ``bus_km``.

        >>> c = Crowded("城关一小", "小学", 2683, 1980, {}, 5.25, bus_km=5.0)
        >>> c.trip(("光明社区", {}, 20.75, 5.32)), c.trip(("丰收路社区", {}, 12.34, 1.9))
        ('乘校车单程 20.8 分钟（直线 5.3 公里，超过 5 公里的按规则乘校车，计校车运行费用）', '单程 12.3 分钟')
        """
        km = float(zone[3]) if len(zone) > 3 else self.km
        if self.bus_km and km > self.bus_km + 1e-9:
            return f"乘校车单程 {zone[2]:.1f} 分钟（直线 {km:.1f} 公里，超过 {self.bus_km:g} 公里的按规则乘校车，计校车运行费用）"
        return f"单程 {zone[2]:.1f} 分钟"

    def rezone(self) -> str:
        """The communities to zone to the new school in place of renting rooms in its years
        over its seats (review rv 5: 第二实验小学 rented 5 + 2 rooms in 2027–28 beside a new
        school at 20 %), and its pupils then; "" without them.

        >>> Crowded("二实小", "小学", 2471, 1935, {2027: 2155, 2028: 1986, 2030: 1722}, 0.4,
        ...         zones=(("丰收路社区", {2027: 320, 2028: 310, 2030: 250}, 12.34),),
        ...         floor=1400).rezone()
        '；可改为把该校片区丰收路社区（到本校单程 12.3 分钟，在走读上限内；2027 学年 320 人、2028 学年 310 人）划入本校，代替临时周转：划入后该校 2027 学年 1,835 人、2028 学年 1,676 人，均在学位内；规划年 2030 学年 1,472 人，分流下限扣除划入建设项目新校的该片区 250 人后为 1,150 人（划入新校的学生不计为少于分流下限）'
        """
        if not self.zones:
            return ""
        over = sorted(y for y, n in self.years.items() if n > self.seats)
        last = max(self.years)
        moved = {y: sum(z[1].get(y, 0) for z in self.zones) for y in (*over, last)}
        named = "、".join(f"{z[0]}（到本校{self.trip(z)}，在走读上限内；"
                         + "、".join(f"{y} 学年 {z[1].get(y, 0):,} 人" for y in over) + "）"
                         for z in self.zones)
        after = "、".join(f"{y} 学年 {self.years[y] - moved[y]:,} 人" for y in over)
        text = (f"；{'本方案在这些学年把' if self.shifted else '可改为把'}该校片区{named}划入本校，代替临时周转：划入后该校 {after}，"
                + ("均在学位内" if all(self.years[y] - moved[y] <= self.seats for y in over)
                   else "仍有超出"))
        if self.floor > 0 and not self.shifted:  # a year move is back by the target year
            from junheng.planning.layout_stay_new import floor_words

            text += floor_words(last, self.years[last], self.floor, moved[last])
        return text

    def reach(self) -> str:
        """Its pupils' trips to the new school against the day limit, after "其片区到本校"
        ("" without them).

        >>> Crowded("城关一小", "小学", 2683, 1980, {}, 5.3, minutes=(29.3, 39.4), limit=30).reach()
        '单程 29.3—39.4 分钟（走读上限 30 分钟，超过上限的一至三年级学生不能转入）'
        >>> Crowded("甲", "小学", 1, 0, {}, 1.0, minutes=(12.0, 12.0), limit=30).reach()
        '单程 12.0 分钟（走读上限 30 分钟内）'
        """
        if self.minutes is None:
            return ""
        lo, hi = self.minutes
        span = f"{lo:.1f}" if f"{lo:.1f}" == f"{hi:.1f}" else f"{lo:.1f}—{hi:.1f}"
        within = hi <= self.limit + 1e-9
        return (f"单程 {span} 分钟（走读上限 {self.limit:g} 分钟"
                + ("内）" if within else "，超过上限的一至三年级学生不能转入）"))


def opening_text(opens: int, completion: str, data_year: int, crowded: list[Crowded]) -> str:
    """The school year a project's new school (本校) is first in use and, for each school of
    its 乡镇 over its seats of a stage it teaches in the data year, whether the plan keeps
    that school within its seats from the year the new school can first take pupils (its
    opening, or the plan's first school year when later) to the target year (review h3: "a new
    primary school 17 % full beside a school with 703 pupils over standard" set the data year's
    overflow, before the new school is in use, beside the new school's target year).

    >>> print(opening_text(2027, "2027 年 8 月", 2025,
    ...       [Crowded("城关一小", "小学", 2683, 1980, {2027: 1793, 2030: 1456}, 5.251,
    ...                minutes=(29.3438, 39.4388), limit=30),
    ...        Crowded("二实小", "小学", 2471, 1935, {2027: 2073, 2028: 1891, 2030: 1628}, 4.7),
    ...        Crowded("实验小学", "小学", 2273, 1710, {2027: 1827, 2030: 1437}, 4.5, True)]))
    本校 2027 学年起启用（建设项目 2027 年 8 月竣工）。同乡镇 2025 学年超出学位的小学：城关一小 2,683 人、学位 1,980 个，超出 703 人，在本校启用之前；按本方案该校 2027 学年 1,793 人、2030 学年 1,456 人，均在学位内（本方案把规划年超出学位或校额的学校在走读上限内的片区优先划入本校，其他学年超员时划入本校的片区规划年也留在本校），该校离本校 5.3 公里，其片区学生到本校单程 29.3—39.4 分钟（走读上限 30 分钟，超过上限的一至三年级学生不能转入），其学生就近留在该校，不转入本校；二实小 2,471 人、学位 1,935 个，超出 536 人，在本校启用之前；按本方案该校 2027 学年 2,073 人、2030 学年 1,628 人，其中 2027 学年超出学位 138 人（本方案按规划年核定各校学位，其他学年超出学位或按年级编班缺教室的由临时周转解决，见该校“理由”和说明中的“规划年以外学年超出学位或按年级编班缺教室”；需论证：该学年临时周转，或把该校部分片区划入本校）；实验小学 2,273 人、学位 1,710 个，超出 563 人，在本校启用之前；按本方案该校 2027 学年 1,827 人、2030 学年 1,437 人，本方案扩建该校，逐年所需教室见“过渡期”。
    """
    stages = list(dict.fromkeys(c.stage for c in crowded))
    before = "，在本校启用之前" if data_year < opens else ""
    parts = []
    for c in crowded:
        name = c.name + (f"（{c.stage}）" if len(stages) > 1 else "")
        ends = {y: c.years[y] for y in (min(c.years), max(c.years))} if c.years else {}
        part = (f"{name} {c.now:,} 人、学位 {c.seats:,} 个，超出 {c.now - c.seats:,} 人{before}；按本方案该校 "
                + "、".join(f"{y} 学年 {n:,} 人" for y, n in ends.items()))
        over = "、".join(f"{y} 学年超出学位 {n - c.seats:,} 人" for y, n in sorted(c.years.items())
                        if n > c.seats)
        far = f"该校离本校 {c.km:.1f} 公里，" if c.km == c.km else ""  # NaN: no place
        if c.reach():
            far += f"其片区学生到本校{c.reach()}，"
        parts.append(f"{part}，本方案扩建该校，逐年所需教室见“过渡期”" if c.expanded
                     else f"{part}，其中 {over}（{SHIFTED if c.shifted else TARGET_YEAR_SEATS}）{c.rezone()}" if over
                     else f"{part}，均在学位内（{NEW_FIRST}），{far}其学生就近留在该校，不转入本校")
    text = f"本校 {opens} 学年起启用（建设项目 {completion}竣工）。"
    if parts:
        text += f"同乡镇 {data_year} 学年超出学位的{'、'.join(stages)}：" + "；".join(parts) + "。"
    return text


def opening_notes(data, problem, assignments, schools, shifts=()) -> dict[str, str]:
    """Per 建设项目 new school the plan opens (:func:`~.layout_rules.opening_sites`) with a
    completion date: :func:`opening_text` of the :class:`Crowded` schools of its 乡镇, with
    their pupils under the plan (``assignments``: ``village_code``, ``group``, ``site_id``,
    ``demand``, ``before_site``; placed by the plan's timing as the 过渡期 places them:
    :func:`~.layout_overload.phased_pupils`) and whether the plan expands them
    (``schools``: ``site_id``, ``added_primary``, ``added_junior``); a school's communities it
    takes are the plan's year moves where it has some (``shifts``: :mod:`~.layout_shifts`)."""
    from junheng.planning.layout_overload import phased_pupils
    from junheng.planning.layout_phases import first_school_year, plan_day
    from junheng.planning.layout_rules import opening_sites
    from junheng.planning.layout_shifts import shifted_zones
    from junheng.planning.layout_years import plan_years

    sites, cfg = problem.sites, problem.config
    first = max(first_school_year(plan_day(cfg)), data.school_year + 1)
    pupils: dict[tuple[str, str], dict[int, int]] = {}  # as the 过渡期 reads them (rv2 1)
    for year, placed in phased_pupils(data, problem, assignments, schools,
                                      plan_years(data.school_year, problem.target_year, first)).items():
        for key, n in placed.items():
            pupils.setdefault(key, {})[year] = n
    added = schools.set_index("site_id")[["added_primary", "added_junior"]]
    out, villages = {}, dict(zip(assignments["village_code"], assignments["village_name"], strict=False))
    for sid in opening_sites(sites, cfg):
        done = completion(data, sid)
        if done is not None:
            opens = first_year(done)
            since = min(max(opens, first), problem.target_year)  # its pupils come from then
            trips = trip_minutes(problem, sid)
            crowded = [replace(c, minutes=trips.get((c.school_id, c.stage)),
                               limit=cfg.day_travel_limit_min,
                               zones=shifted_zones(shifts, c.school_id, sid, villages) or rezone_zones(
                                   data, problem, assignments, sid, c, pupils.get((sid, STAGE_KEYS[c.stage]), {})),
                               shifted=bool(shifted_zones(shifts, c.school_id, sid, villages)),
                               bus_km=float(cfg.school_bus_km),
                               floor=int(sites.at[c.school_id, "stay_floor"])
                               if "stay_floor" in sites else 0)
                       for c in _crowded(sites, sid, pupils, (since, problem.target_year), added)]
            out[sid] = opening_text(opens, f"{done.year} 年 {done.month} 月", data.school_year,
                                    crowded) + spare_reason(problem, assignments, schools, sid)
    return out


#: the stage key of a stage word (Crowded.stage)
STAGE_KEYS = {"小学": "primary", "初中": "junior"}


def rezone_zones(data, problem, assignments, sid: str, crowded: Crowded,
                 filled: Mapping[int, int]) -> tuple[tuple[str, Mapping[int, int], float, float], ...]:
    """The communities of a crowded school (its own pupils of the stage, whole) that the new
    school ``sid`` can take within the day limit for all their groups, fewest minutes first,
    until its years over its seats are covered, while the new school (``filled``: its pupils
    by year) has places for them; () when the school is within its seats or none fits. Each:
    (name, {school year: pupils}, most minutes, most straight km to the new school)."""
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_years import yearly_pupils

    over = {y: n - crowded.seats for y, n in crowded.years.items() if n > crowded.seats}
    stage = STAGE_KEYS[crowded.stage]
    seats = float(problem.sites.at[sid, f"seats_{stage}"])
    own = assignments[(assignments["site_id"] == crowded.school_id)
                      & (assignments["before_site"] == crowded.school_id)
                      & (assignments["group"].map(GROUP_STAGE) == stage)]
    if not over or own.empty or crowded.expanded:
        return ()
    here = problem.travel[problem.travel["site_id"] == sid].set_index("customer")
    t, km = here["travel_min"], here["distance_km"]
    trips = own["customer"].map(t)
    ok = trips.groupby(own["village_code"]).apply(
        lambda m: m.notna().all() and m.max() <= problem.config.day_travel_limit_min + 1e-9)
    rows = own[own["village_code"].map(ok).astype(bool)]
    years = yearly_pupils(data, zip(rows["village_code"], rows["group"], rows["village_code"],
                                    rows["demand"], rows["before_site"], strict=True),
                          problem.target_year, min(over))
    order = sorted(rows.groupby("village_code")["customer"].apply(lambda c: float(t[c].max())).items(),
                   key=lambda kv: (kv[1], kv[0]))
    names = dict(zip(rows["village_code"], rows["village_name"], strict=False))
    out, moved = [], dict.fromkeys(over, 0)
    for code, minutes in order:
        if all(moved[y] >= over[y] for y in over):
            break
        got = {y: int(n) for y, n in years.get((code, stage), {}).items()}
        if any(filled.get(y, 0) + moved[y] + got.get(y, 0) > seats for y in over):
            continue
        out.append((str(names.get(code, code)), got, minutes, float(km[rows.loc[rows["village_code"] == code, "customer"]].max())))
        moved = {y: moved[y] + got.get(y, 0) for y in over}
    return tuple(out)


def spare_reason(problem, assignments, schools, sid: str) -> str:
    """Why a new school less than half used (:func:`opening_reason`) does not take the pupils
    that schools of its 乡镇 take from other schools (and what they build for them: rooms,
    areas): each such group with its minutes to its receiver and to the new school, and the
    rule that keeps it there (planner review: 城东新区第二小学 20 % used while 东城小学 and 第四小学 received
    pupils with 1,167.64 万元 of area top-ups); "" when none.

    A group is nearer to its receiver (就近入学: a group leaves for a farther school only when
    its school is over its places, layout_rules.farther_than_today, and never past a nearer
    new school), beyond the day limit from the new school (a 一至三年级 group does not board),
    or has no trip to it within the plan's reach (``nearest_sites``)."""
    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_json import receiver_rooms

    sites, cfg = problem.sites, problem.config
    site = sites.loc[sid]
    seats = float(site["seats_primary"] + site["seats_junior"])
    mine = assignments[assignments["site_id"] == sid]
    if seats <= 0 or float(mine["demand"].sum()) >= seats / 2:
        return ""
    by = schools.set_index("site_id")
    minutes = problem.travel[problem.travel["site_id"] == sid].groupby("customer")["travel_min"].min()
    moved = assignments[(assignments["site_id"] != sid)
                        & (assignments["site_id"] != assignments["before_site"])
                        & assignments["before_site"].map(lambda b: isinstance(b, str))]
    parts = []
    for rid, got in moved.groupby("site_id", sort=True):
        if rid not in by.index or sites.at[rid, "town_code"] != site["town_code"]:
            continue
        got = got[[float(site[f"seats_{GROUP_STAGE[g]}"]) > 0 for g in got["group"]]]
        stages = [st for st in ("primary", "junior") if float(site[f"seats_{st}"]) > 0]
        built = float(by.at[rid, "area_cost_yuan"]) if "area_cost_yuan" in by else 0.0
        if got.empty:
            continue
        paid = "、".join(p for p in (*receiver_rooms(by.loc[rid], stages),
                                     f"补足生均面积 {_wan(built)}" if built > 0 else "") if p)
        groups = []
        for village, part in got.groupby("village_name", sort=False):
            away = [minutes.get(c) for c in part["customer"]]
            whys = dict.fromkeys(_why_not(t, g, m, cfg.day_travel_limit_min)
                                 for t, g, m in zip(away, part["group"], part["travel_min"], strict=True))
            there = [t for t in away if t is not None]
            to_new = f"，到本校 {_span(there)} 分钟" if there else ""
            groups.append(f"{village} {int(part['demand'].sum()):,} 人（到该校 {_span(part['travel_min'])} 分钟"
                          f"{to_new}，{'；'.join(whys)}）")
        parts.append(f"{sites.at[rid, 'name']}" + (f"（{paid}）" if paid else "") + "接收" + "、".join(groups))
    if not parts:
        return ""
    return ("学位空余的原因：同乡镇接收其他学校学生的学校，其转入学生未转入本校，各自的单程和原因如下"
            "（转出的学生只去比原校更近的学校，原校超出学位或校额的除外）：" + "；".join(parts) + "。")


def trip_minutes(problem, sid: str) -> dict[tuple[str, str], tuple[float, float]]:
    """(school, stage word) -> the fewest and most minutes from the villages it teaches today
    (the customers whose school today it is) to the site ``sid``, where they have a trip."""
    import pandas as pd

    from junheng.planning.layout_data import GROUP_STAGE
    from junheng.planning.layout_later import STAGE_WORDS

    cust = problem.customers
    t = problem.travel[problem.travel["site_id"] == sid]
    at = cust.loc[t["customer"]]
    keys = list(zip(at["before_site"], at["group"].map(GROUP_STAGE).map(STAGE_WORDS), strict=True))
    minutes = pd.Series(t["travel_min"].to_numpy(float), index=pd.MultiIndex.from_tuples(keys))
    return {k: (float(g.min()), float(g.max())) for k, g in minutes.groupby(level=[0, 1])}


def _crowded(sites, sid: str, pupils: Mapping[tuple[str, str], Mapping[int, int]],
             span: tuple[int, int], added) -> list[Crowded]:
    """The :class:`Crowded` schools of the new school ``sid``: of its 乡镇, kept by the plan,
    over their seats of a stage it teaches in the data year; most over first."""
    from junheng.planning.layout_later import STAGE_WORDS

    new, out = sites.loc[sid], []
    for stage, word in STAGE_WORDS.items():
        over = sites[sites["existing"] & (sites["town_code"] == new["town_code"])
                     & (sites[f"seats_{stage}"] > 0) & (new[f"seats_{stage}"] > 0)
                     & (sites[f"students_{stage}_now"] > sites[f"seats_{stage}"])]
        for other, o in over.drop(index=sid, errors="ignore").iterrows():
            if (other, stage) in pupils:
                years = {y: n for y, n in pupils[(other, stage)].items() if span[0] <= y <= span[1]}
                grown = other in added.index and added.at[other, f"added_{stage}"] > 0
                out.append(Crowded(str(o["name"]), word, int(o[f"students_{stage}_now"]),
                                   int(o[f"seats_{stage}"]), years,
                                   float(haversine_km(new["lon"], new["lat"], o["lon"], o["lat"])),
                                   bool(grown), school_id=str(other)))
    return sorted(out, key=lambda c: c.seats - c.now)


def _why_not(away: float | None, group: str, there: float, limit: float) -> str:
    """Why a group at a receiver ``there`` minutes away did not go to a new school ``away``
    minutes away (None: no trip to it among the group's schools).

    >>> _why_not(29.9, "grades_1_3", 0.9, 30), _why_not(34.5, "grades_1_3", 8.6, 30)
    ('离该校更近（就近入学）', '一至三年级到本校超过走读上限 30 分钟')
    """
    if away is None:
        return "本校不在其可选的最近学校之内"
    if group == "grades_1_3" and away > limit + 1e-9:
        return f"一至三年级到本校超过走读上限 {limit:g} 分钟"
    return "离该校更近（就近入学）" if away > there + 1e-9 else "本方案综合通行和建设比较后选择该校"


def _span(values) -> str:
    """'0.9' or '8.6—10.5' (minutes, one decimal)."""
    lo, hi = f"{min(values):.1f}", f"{max(values):.1f}"
    return lo if lo == hi else f"{lo}—{hi}"


def completion(data, school_id: str):
    """The latest 竣工日期 of the school's 建设项目 (a date), None without one."""
    import pandas as pd

    projects = data.projects
    if projects.empty or "completion_date" not in projects:
        return None
    dates = pd.to_datetime(projects.loc[projects["school_id"].astype(str) == school_id,
                                        "completion_date"], errors="coerce").dropna()
    return None if dates.empty else dates.max().date()
