"""The report's charts as PNG files, drawn offline with matplotlib (Agg).

The machine that writes the report need not have a Chinese font, so a chart carries digits
only: the indicators are numbered as in the table next to it and the Chinese title, axis
meaning and key are in the figure's caption in the document.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from junheng.evaluate import Evaluation
from junheng.model.numbers import cv3
from junheng.report.evaluation_rows import cv_rows

FAIL = "#c00000"
PASS = "#4a6fa5"
LINE = "#333333"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def cv_chart(ev: Evaluation, stage: str, path: Path) -> Path | None:
    """Bars of each indicator's 差异系数 with the stage's limit as a dashed line; bars over the
    limit in red. None when the stage has no computable CV."""
    rows = cv_rows(ev, stage)
    values = [row.cv if row.cv is not None and math.isfinite(row.cv) else 0.0 for row in rows]
    if not rows or not any(values):
        return None
    limit = next((row.limit for row in rows if row.limit is not None), None)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 2.8), dpi=150)
    colours = [FAIL if row.met is False else PASS for row in rows]
    ax.bar(range(1, len(rows) + 1), values, color=colours, width=0.6)
    if limit is not None:
        ax.axhline(limit, color=LINE, linestyle="--", linewidth=1)
    for k, value in enumerate(values, start=1):
        ax.text(k, value, cv3(value), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(1, len(rows) + 1))
    top = max([*values, limit or 0.0]) * 1.2
    ax.set_ylim(0, top)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def distribution_chart(ev: Evaluation, stage: str, path: Path) -> Path | None:
    """Each school's value of each indicator as a share of the standard value (of the county
    mean when the standard sets none), one column of points per indicator, with a line at
    100%. None without schools."""
    units = ev.units[ev.units["stage"] == stage]
    indicators = ev.standard.resource_indicators
    if units.empty or not indicators:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=150)
    rng = np.random.default_rng(0)
    for k, indicator in enumerate(indicators, start=1):
        values = units[indicator.id].astype(float).to_numpy()
        values = values[np.isfinite(values)]
        base = indicator.threshold_for(stage) if indicator.thresholds else None
        base = base or (float(values.mean()) if values.size else 0.0)
        if not values.size or not base:
            continue
        share = np.minimum(values / base * 100, 300)
        colours = [FAIL if s < 100 and indicator.thresholds else PASS for s in share]
        ax.scatter(k + rng.uniform(-0.2, 0.2, share.size), share, s=8, c=colours, alpha=0.8)
    ax.axhline(100, color=LINE, linestyle="--", linewidth=1)
    ax.set_xticks(range(1, len(indicators) + 1))
    ax.set_ylim(bottom=0)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
