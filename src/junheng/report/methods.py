"""What every report says about the verdict's three states and the sources the rules cite.

The verdict is 达标, 未达标 or 待核实 (nothing fails but evidence or a figure is open); the
methods appendix lists the documents the evaluation used — the standard, a provincial
overlay, and every item's own source — after the rules as :meth:`Rules.describe` states them.
"""

from __future__ import annotations

from junheng.evaluate import Evaluation, Status
from junheng.evaluate.items import status_label

VERDICT_CLASSES = {"pass": "ok", "fail": "bad", "pending": "wait"}


def verdict_sentence(ev: Evaluation) -> str:
    """One sentence: the standard, the verdict and what keeps it from 达标."""
    v = ev.verdict
    name = ev.standard.short_name
    note = f"{veto_hold(ev)}{attested_note(ev)}"
    if v.status == "pass":
        return f"达到{name}标准。{note}"
    if v.status == "fail":
        return f"尚未达到{name}标准（{v.problems}）。{note}"
    return (f"按数据计算未发现未达标项，但尚有 {len(v.pending)} 项待佐证材料或补充数据，"
            f"结论为“待核实”，补齐后方可认定达到{name}标准。{note}")


def attested_note(ev: Evaluation) -> str:
    """'达标指标中 4 项依县级认定（不设重点学校、…），须督学核实佐证。' ('' when none)."""
    names = ev.verdict.attested
    return f"达标指标中 {len(names)} 项依县级认定（{'、'.join(names)}），须督学核实佐证。" if names else ""


def veto_hold(ev: Evaluation) -> str:
    """What holds the verdict while 一票否决 items are open (待核实 or 待佐证: its schools when the
    county's figures name them), in one sentence; '' when every veto item is settled."""
    out = []
    for item in ev.conditions:
        if item.indicator.area != "veto" or item.status not in (Status.ATTESTATION, Status.MISSING):
            continue
        names = item.detail.get("name", ())
        where = f"（涉及{'、'.join(names)}）" if len(names) else ""
        out.append(f"“{item.indicator.name}”{status_label(item)}{where}")
    if not out:
        return ""
    return f"一票否决事项{'、'.join(out)}，{'该项' if len(out) == 1 else '各项'}核实前不能认定达标。"


def sources(ev: Evaluation) -> list[str]:
    """The documents the evaluation's rules come from, each once, in order of first use (an
    overlay only when it changes this standard: its line in the rules says so otherwise)."""
    out = [ev.standard.document]
    if ev.standard.overlay_name and ev.standard.overrides:
        out.append(f"{ev.standard.overlay_name}（{ev.standard.overlay_source}）")
    for result in (*ev.conditions, *ev.guarantee, *ev.quality):
        source = result.indicator.source
        if source and source not in out:
            out.append(source)
    return out


def methods_lines(ev: Evaluation) -> list[str]:
    """The methods appendix: every rule used, then the sources."""
    return [*ev.rules.describe(), *(f"依据文件：{s}" for s in sources(ev))]


def pending_lines(ev: Evaluation) -> list[str]:
    """Each pending item with what closes it."""
    return [f"{f.message}（补齐方式：{f.closes}）" if f.closes else f.message
            for f in ev.verdict.pending]
