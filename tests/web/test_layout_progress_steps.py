"""The web's layout job shows the steps jobs.layout.plan_county_layout tells its listener: the
forecast and the plan's solve as step 1, the solve of 方案乙 as step 2 (only when 方案甲 opens a
new school), each solve over its span of the bar."""

from __future__ import annotations

import json

from junheng.jobs.layout import PLAN_STEPS
from junheng.web.worker import _LayoutProgress


def _progress(job) -> dict:
    saved = json.loads((job / "progress.json").read_text(encoding="utf-8"))
    return {k: saved[k] for k in ("fraction", "message", "step_no", "step", "end") if k in saved}


def test_each_step_moves_the_bar_and_names_the_solve(tmp_path):
    steps = _LayoutProgress(tmp_path, 60.0)
    (forecast, title), (plan, plan_title), (other, other_title) = PLAN_STEPS
    steps.step(forecast, title)
    assert _progress(tmp_path) == {"fraction": 0.05, "message": "求解方案（招生预测）", "step_no": 1}
    steps.step(plan, plan_title)
    assert _progress(tmp_path) == {"fraction": 0.1, "end": 0.8, "message": "求解方案",
                                   "step": "求解方案", "step_no": 1}
    assert not steps.compared
    steps.step(other, other_title)
    assert _progress(tmp_path) == {"fraction": 0.8, "end": 0.95,
                                   "message": "方案甲新建学校：求解方案乙（不新建学校）",
                                   "step": "求解方案乙（不新建学校）", "step_no": 2}
    assert steps.compared
