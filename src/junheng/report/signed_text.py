"""What a document the bureau signs says, and what it leaves to the 报送前核对 list
(:mod:`junheng.report.checklist`): a signed document states the plan; data-entry reminders
("计划竣工已过，请更新项目状态", "请补填校舍设施表", "请核对", a source's web address) are asked
before submission, not inside the 正文 or its tables (planner review 2026-12-05 finding 1).
At most one neutral line in the document says that some data are to be updated."""

from __future__ import annotations

import re
from collections.abc import Iterable

from junheng.planning.project_entry import OVERDUE

#: the clause :meth:`~junheng.planning.project_entry.ProjectEntry.line` adds to a late project,
#: with the date before it: a signed document states the fact instead (review finding 2)
_LATE = re.compile(rf"(?:，?(\d{{4}} 年 \d{{1,2}} 月)竣工)?；{OVERDUE}")
#: a layout note that is a data check as a whole (:mod:`junheng.planning.layout_zoning`)
DATA_CHECK_HEADS = ("寄宿比例需核实：",)
#: the one line a signed document keeps when its data checks went to the 报送前核对 list: it
#: states that data are being checked, without pointing at a list the city does not receive
#: (review 2026-12-05 finding 2)
PENDING_LINE = "个别学校填报数据尚在核实，核实后如有变化，本方案相应调整。"
_RULES_COUNT = re.compile(r"；规划台账按教师表和交流规则.*?，请核对(?=）)")
#: a software instruction after an assumed value ("（假设值，可在计算时指定年度预算，或在县区单价
#: 文件中修改预算占比）", planner review finding 5): the document keeps only that it is assumed
_SOFTWARE = re.compile(r"（假设值，可在[^）]*）")
ASSUMED = "（测算取值）"
_ASK = re.compile(r"[，：；。]请(?:补填|补充|核对|核实|更新|以)[^。；）]*")
#: a web address closing a citation ("（某局 2018 年批复， longling.gov.cn）"); other text a
#: user wrote is kept as written
_WEB = re.compile(r"[，,]\s*(?:https?://)?(?:[a-z0-9-]+\.)+(?:cn|com|org|net)\b[^\s，。；）)]*(?=[）)])",
                  re.IGNORECASE)


def signed(text: str) -> str:
    """``text`` without its data-entry asks and web addresses.

    >>> signed("甲小学：缺少音乐或美术专用教室数据，请补填校舍设施表。")
    '甲小学：缺少音乐或美术专用教室数据。'

    Both eligible counts stay, with whether the verdict holds on each (review 2026-12-05
    finding 3); only the ask goes:

    >>> signed("交流轮岗 118 人，符合交流条件 1,084 人（县级指标“符合交流轮岗条件的教师数”；规划台账按"
    ...        "教师表和交流规则（在本校任教满 6 年）计为 1,175 人（比例 10.04%），与县级填报相差 91 人，"
    ...        "按两个人数计算均达标，请核对）")
    '交流轮岗 118 人，符合交流条件 1,084 人（县级指标“符合交流轮岗条件的教师数”；规划台账按教师表和交流规则（在本校任教满 6 年）计为 1,175 人（比例 10.04%），与县级填报相差 91 人，按两个人数计算均达标）'
    >>> signed("每名小学生的投入（元，假设值；请以本县配备标准或采购预算替换）")
    '每名小学生的投入（元，假设值）'
    >>> signed("只用于仍空余的普通教室。请以本县改造工程预算替换；前期费用")
    '只用于仍空余的普通教室；前期费用'
    >>> signed("约 927 元/平方米（龙陵县发展和改革局 2018 年 5 月 22 日批复， longling.gov.cn）；外省")
    '约 927 元/平方米（龙陵县发展和改革局 2018 年 5 月 22 日批复）；外省'
    >>> signed("按 2024 年一般公共预算教育支出 71,607 万元的 10% 计，每年 7,160.70 万元（假设值，"
    ...        "可在计算时指定年度预算，或在县区单价文件中修改预算占比）；建设在此额度内安排。")
    '按 2024 年一般公共预算教育支出 71,607 万元的 10% 计，每年 7,160.70 万元（测算取值）；建设在此额度内安排。'
    """
    return _WEB.sub("", _ASK.sub("", _SOFTWARE.sub(ASSUMED, text)))


def is_data_check(note: str) -> bool:
    """Whether a plan note is a data check as a whole (it goes to 报送前核对)."""
    return note.startswith(DATA_CHECK_HEADS)


def late_stated(text: str) -> str:
    """A late project's ask as the fact it stands for.

    >>> late_stated("甲楼（在建，2025 年 12 月竣工；计划竣工已过，请更新项目状态）")
    '甲楼（在建，已逾期（原计划 2025 年 12 月竣工））'
    >>> late_stated("甲楼（在建；计划竣工已过，请更新项目状态）")
    '甲楼（在建，已逾期（计划竣工时间已过））'
    """
    return _LATE.sub(lambda m: f"，已逾期（原计划 {m.group(1)}竣工）" if m.group(1)
                     else "，已逾期（计划竣工时间已过）", text)


def signed_notes(notes: Iterable[str]) -> list[str]:
    """A plan's notes as a signed document prints them: a late project as the fact
    (:func:`late_stated`), no note that :func:`is_data_check`, other asks dropped
    (:func:`signed`), and :data:`PENDING_LINE` once when a data check was left out.

    >>> signed_notes(["已计入的项目：甲楼（在建，2025 年 12 月竣工；计划竣工已过，请更新项目状态）：新增学位 630 个；"
    ...               "乙楼（在建，2026 年 8 月竣工）：宿舍床位 216 张。", "先建后撤。"])
    ['已计入的项目：甲楼（在建，已逾期（原计划 2025 年 12 月竣工））：新增学位 630 个；乙楼（在建，2026 年 8 月竣工）：宿舍床位 216 张。', '先建后撤。']
    >>> signed_notes(["寄宿比例需核实：甲中学……", "先建后撤。"])
    ['先建后撤。', '个别学校填报数据尚在核实，核实后如有变化，本方案相应调整。']
    """
    out, left = [], False
    for note in notes:
        if is_data_check(note):
            left = True
            continue
        stated = late_stated(note)
        kept = signed(stated)
        left |= kept != _SOFTWARE.sub(ASSUMED, stated)  # an assumed value is no data to update
        out.append(kept)
    return [*out, PENDING_LINE] if left else out


def layout_notes(plan, notes: Iterable[str]) -> list[str]:
    """A layout summary's notes as a signed document prints them: each school the plan leaves
    mostly empty as its facts (:func:`~junheng.report.plan_rows.size_facts`), then
    :func:`signed_notes`."""
    from junheng.report.plan_rows import size_facts, size_warnings

    facts = dict(zip(size_warnings(plan), size_facts(plan), strict=True))
    return signed_notes(facts.get(n, n) for n in notes)


def rules_count_check(remark: str) -> str | None:
    """The ledger's own count of the teachers eligible for rotation where it differs from
    the county's (the document states both, :func:`signed` drops only the ask), as a 报送前核对
    line; None when the remark has none.

    >>> print(rules_count_check("交流轮岗 118 人，符合交流条件 1,084 人（县级指标“符合交流轮岗条件的教师数”；"
    ...                         "规划台账按教师表和交流规则计为 1,175 人（比例 10.04%），与县级填报相差 91 人，请核对）"))
    县级指标“符合交流轮岗条件的教师数”填报 1,084 人，规划台账按教师表和交流规则计为 1,175 人（比例 10.04%），与县级填报相差 91 人：请核对县级填报，自评报告按县级填报计算。
    """
    found = _RULES_COUNT.search(remark)
    eligible = re.search(r"符合交流条件 ([\d,]+) 人", remark)
    if not found or not eligible:
        return None
    said = found.group(0).removeprefix("；").removesuffix("，请核对")
    return (f"县级指标“符合交流轮岗条件的教师数”填报 {eligible.group(1)} 人，{said}：请核对县级填报，"
            "自评报告按县级填报计算。")
