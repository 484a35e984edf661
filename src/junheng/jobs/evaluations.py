"""Evaluate a county-year: every standard, each county-year and standard evaluated once a run.

:class:`Evaluations` is the cache one run shares: ``junheng demo`` hands it to the layout
planner (the CVs before the plan), to the ledgers (their 优质均衡 measures) and to the report
writers, so each county-year is evaluated once against each standard however many of them read
it. A run sees one version of the data: the key is the county, the school year, the standard
and the evaluation options.

>>> from junheng.io import example_county
>>> evaluations = Evaluations()
>>> data = example_county()
>>> first = evaluations.get(data)
>>> evaluations.get(data) is first, evaluations.quality(data) is first, len(evaluations)
(True, True, 1)
>>> [ev.standard.id for ev in evaluations.all(data)], len(evaluations)
(['quality-2017', 'basic-2012', 'preschool-2020'], 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from junheng.evaluate import Evaluation, evaluate
from junheng.evaluate.serialize import write_evaluations_json
from junheng.model import CountyData
from junheng.standards import STANDARD_IDS, Overlay

QUALITY = "quality-2017"


class Evaluations:
    """The evaluations of one run, computed on first use and kept."""

    def __init__(self, overlay: str | Path | None = None) -> None:
        """``overlay``: the provincial overlay every evaluation takes unless it names its own
        (``junheng report --overlay``); without it, a county's stored overlay
        (``CountyData.overlay``), if any."""
        self._done: dict[tuple, Evaluation] = {}
        self.overlay = overlay

    def get(self, data: CountyData, standard: str = QUALITY, *, overlay: str | Path | None = None,
            teaching_points: str = "merge", exclude_points_under: int | None = None
            ) -> Evaluation:
        """``data`` evaluated against ``standard`` (see :func:`junheng.evaluate.evaluate`)."""
        overlay = self.overlay if overlay is None else overlay
        key = (data.county_code, data.school_year, standard,
               _overlay_key(data.overlay if overlay is None else overlay), teaching_points,
               exclude_points_under)
        if key not in self._done:
            self._done[key] = evaluate(data, standard, overlay=overlay,
                                       teaching_points=teaching_points,
                                       exclude_points_under=exclude_points_under)
        return self._done[key]

    def quality(self, data: CountyData) -> Evaluation:
        """优质均衡 2017: the evaluator the ledger and the layout planner take."""
        return self.get(data, QUALITY)

    def all(self, data: CountyData, standards: Sequence[str] = STANDARD_IDS, **options
            ) -> tuple[Evaluation, ...]:
        """``data`` against every standard (优质均衡 2017, 基本均衡 2012, 学前普及普惠 2020)."""
        return tuple(self.get(data, s, **options) for s in standards)

    def __len__(self) -> int:
        return len(self._done)


def _overlay_key(overlay: str | Path | Overlay | None) -> tuple | None:
    """What tells two overlays apart in the cache: a file's path, a stored one's contents."""
    if overlay is None:
        return None
    if isinstance(overlay, Overlay):
        return (overlay.name, overlay.path, repr(overlay.standards))
    return (str(overlay),)


def write_evaluation_outputs(evaluations: Sequence[Evaluation], *, json_path: Path | None = None,
                             xlsx_path: Path | None = None, figures=None, data=None,
                             today=None, layout=None) -> list[Path]:
    """The evaluation JSON (docs/evaluation-json.md) and the print-ready Excel, when asked for
    (its first sheet 主要数据 from ``figures``, a :class:`~junheng.jobs.figures.HeadlineFigures`;
    its 报送前核对 sheet lists ``layout``'s schools to check the size of)."""
    from junheng.report.evaluation_xlsx import write_evaluation_xlsx

    written = []
    if json_path is not None:
        written.append(write_evaluations_json(evaluations, json_path))
    if xlsx_path is not None:
        write_evaluation_xlsx(list(evaluations), xlsx_path, figures=figures, data=data,
                              today=today, layout=layout)
        written.append(Path(xlsx_path))
    return written

