"""How the per-site operating cost (``weights.operating_yuan_per_school``, 1.6 万元 a site a
year by default since brief hsite, one full-time guard; 10 万元 before, an assumed value) moves the demo county's layout plan (docs/layout-yaml.md,
section 5, "校点运行费用单价的敏感性"): for each value (万元) one plan as the product makes it
(:func:`junheng.jobs.layout.plan_county_layout`: the forecast of the demo's two school years,
its projects, the default budget, the independent checker; 编制日期 2026-12-05), one row:
closures by kind and size band, objective (solver's and the checker's recomputation), the
headline 校点运行费用 change (the assumed price × the change in open sites), the 公用经费保底
change (the national 100-pupil floor, priced by the county's 基准定额), the recurring spending
change without the assumed price, gap and solve time.

With ``--bare`` the two other reasons to close a small site are off too: the small sites'
extra staff (``teacher_yuan_per_year: 0``, which also prices a new school's hires at 0) and
the minimum size of a kept school (``min_school_size`` 0 for 教学点 and 小学), so the price
alone (with ``--floor 0``) decides the closures.

    python -m bench.layout_site_cost [--values 0,1.6,3.6,6,10] [--floor 100] [--bare]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import junheng.planning.layout_check as layout_check
from bench.layout_plausible import demo_history
from junheng.jobs.layout import plan_county_layout
from junheng.planning import load_layout_config

#: the demo plan's 编制日期 (the brief of 2026-12-07)
PLAN_DATE = date(2026, 12, 5)
#: ``--bare``: the plan file's lines turning the extra staff and the minimum size off
BARE = "  teacher_yuan_per_year: 0\nmin_school_size: {teaching_point: 0, primary_school: 0}\n"
#: the table's columns, in order
HEAD = ("单价 万元", "保底人数", "撤并 教学点 <50 / 50–99", "撤并 学校", "新建", "综合评价值 万元",
        "检查器重算 万元", "校点运行费用 万元", "公用经费保底 万元", "不含假设单价的经常性支出 万元",
        "gap", "求解 s", "方案 s")


def band(teaching_point: bool, pupils: float) -> str:
    """A closed site's kind and size band.

    >>> band(True, 49), band(True, 50), band(False, 120)
    ('教学点 <50', '教学点 50–99', '学校 100–299')
    """
    kind = "教学点" if teaching_point else "学校"
    for top, label in ((50, "<50"), (100, "50–99"), (300, "100–299")):
        if pupils < top:
            return f"{kind} {label}"
    return f"{kind} ≥300"


class _Checked:
    """The independent checker's recomputed objective of the last plan it verified (the
    production check, :func:`~junheng.planning.layout_check.verify_plan`, returns only its verdict)."""

    def __init__(self) -> None:
        self.objective: float | None = None
        self._check = layout_check.check_plan

    def __call__(self, *args, **kwargs) -> float:
        self.objective = self._check(*args, **kwargs)
        return self.objective


def site_row(history, wan: float, floor: int, folder: Path, checked: _Checked, extra: str = "") -> dict:
    """The plan with ``wan`` 万元 a site a year and ``floor`` pupils as the 公用经费 floor
    (``extra``: more lines of the plan file, after those two of ``weights``)."""
    path = folder / f"site-{wan:g}-{floor}.yaml"
    path.write_text(f"weights:\n  operating_yuan_per_school: {round(wan * 1e4)}\n"
                    f"  funding_floor_pupils: {floor}\n{extra}", encoding="utf-8")
    began = time.perf_counter()
    plan = plan_county_layout(history, load_layout_config(path, plan_date=PLAN_DATE))
    seconds = time.perf_counter() - began
    o, sites = plan.outcome, plan.problem.sites
    closed: dict[str, int] = {}
    for s in (s.school_id for s in o.schools if s.action == "close"):
        label = band(sites.at[s, "kind"] == "teaching_point", float(sites.at[s, "pupils_now"]))
        closed[label] = closed.get(label, 0) + 1
    b, a = o.metrics["before"], o.metrics["after"]

    def change(key: str) -> float:
        return (a.get(key, 0.0) - b.get(key, 0.0)) / 1e4

    schools = sum(n for k, n in closed.items() if k.startswith("学校"))
    return dict(zip(HEAD, (
        f"{wan:g}", floor, f"{closed.get('教学点 <50', 0)} / {closed.get('教学点 50–99', 0)}",
        schools, sum(s.action == "new" for s in o.schools), f"{o.objective / 1e4:,.2f}",
        f"{checked.objective / 1e4:,.2f}", f"{change('operating_site_yuan'):+,.2f}",
        f"{change('funding_floor_yuan'):+,.2f}",
        f"{change('operating_yuan') - change('operating_site_yuan'):+,.2f}",
        f"{o.gap:.2e}", f"{o.seconds:.1f}", f"{seconds:.0f}"), strict=True))


def rows(values: list[float], floor: int, extra: str = "") -> list[dict]:
    history = demo_history()
    checked = _Checked()
    layout_check.check_plan = checked  # verify_plan looks it up in its module
    try:
        with tempfile.TemporaryDirectory() as folder:
            return [site_row(history, v, floor, Path(folder), checked, extra) for v in values]
    finally:
        layout_check.check_plan = checked._check


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--values", default="0,1.6,3.6,6,10", help="万元 a site a year, comma separated")
    parser.add_argument("--floor", type=int, default=100, help="weights.funding_floor_pupils")
    parser.add_argument("--bare", action="store_true", help="extra staff and minimum size off (BARE)")
    args = parser.parse_args(argv)
    print("| " + " | ".join(HEAD) + " |")
    print("|" + "---|" * len(HEAD))
    for row in rows([float(v) for v in args.values.split(",")], args.floor,
                    BARE if args.bare else ""):
        print("| " + " | ".join(str(v) for v in row.values()) + " |", flush=True)


if __name__ == "__main__":
    main()
