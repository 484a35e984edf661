"""The plan ledger (台账): plans as data, targets measured from the data, progress, a city view.

The Zhongmou plan measured on the example county (a store's ``load_county`` is the usual
loader; the example county reports no 满意度 series, so that target waits for its figures):

>>> from pathlib import Path
>>> import junheng
>>> from junheng.io import example_county
>>> from junheng.ledger import load_plan, run_ledger
>>> plan = load_plan(Path(junheng.__file__).parents[2] / "examples/plans/zhongmou.yaml")
>>> county = example_county()
>>> ledger = run_ledger(plan, lambda code, year: county, [("410306", 2025)])
>>> ledger.summary()["已达成"], ledger.summary()["待填报"]
(4, 15)
"""

from junheng.ledger.city import (
    CityRanking,
    CountyStanding,
    default_ranking_plan,
    rank_city,
    rank_year,
)
from junheng.ledger.measures import (
    MEASURES,
    Measure,
    MeasureContext,
    Reading,
    combine,
    compute_measure,
    get_measure,
    measure_names,
)
from junheng.ledger.plan import (
    COMPARATORS,
    EvidenceFile,
    ManualEntry,
    MeasureSpec,
    Plan,
    Region,
    Target,
    evidence_from_dict,
    load_evidence,
    load_plan,
    plan_from_dict,
    with_evidence,
)
from junheng.ledger.progress import Assessment, Status, assess, compare, trend
from junheng.ledger.run import (
    CountyYearRef,
    Ledger,
    Loader,
    TargetProgress,
    own_ledger,
    plan_covers,
    refs_from,
    region_of,
    run_ledger,
    select_region,
)

__all__ = [
    "COMPARATORS", "MEASURES", "Assessment", "CityRanking", "CountyStanding", "CountyYearRef",
    "EvidenceFile", "Ledger", "Loader", "ManualEntry", "Measure", "MeasureContext",
    "MeasureSpec", "Plan", "Reading", "Region", "Status", "Target", "TargetProgress", "assess",
    "combine", "compare", "compute_measure", "default_ranking_plan", "evidence_from_dict",
    "get_measure", "load_evidence", "load_plan", "measure_names", "plan_from_dict", "rank_city",
    "rank_year", "refs_from", "region_of", "run_ledger", "own_ledger", "plan_covers", "select_region", "trend",
    "with_evidence",
]
