"""The plan ledger (台账): plans as data, targets measured from the data, progress, a city view.

>>> from junheng.ledger import load_plan, run_ledger  # doctest: +SKIP
>>> ledger = run_ledger(load_plan("examples/plans/zhongmou.yaml"), store.load_county,
...                     [("410122", 2024), ("410122", 2025)])  # doctest: +SKIP
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
    "rank_year", "refs_from", "region_of", "run_ledger", "select_region", "trend",
    "with_evidence",
]
