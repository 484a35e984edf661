"""Optimisation: the one MILP layer over HiGHS, and the facility location core.

The layer (every mixed-integer model in junheng goes through it)
----------------------------------------------------------------
* :class:`Milp` (:mod:`.model`): columns in named blocks, rows in groups named by the
  constraint number of the formulation they implement, a solver-free ``violation`` /
  ``violations`` check and ``objective``.
* :class:`HighsSolver` (:mod:`.highs`): HiGHS settings, passed in; ``solver.solve(model)``
  returns a :class:`MilpResult` (status, objective, bound, gap, seconds, nodes, values);
  :class:`HighsSession` re-solves one loaded model after cost or bound changes. HiGHS's
  statuses are mapped to :class:`SolveStatus` there and nowhere else, ``new_highs`` is the
  only constructor, and nothing outside this package imports highspy.
* :func:`~.fixing.reduced_cost_fixing` (:mod:`.fixing`): tighter integer column bounds from
  an LP relaxation's reduced costs and a cutoff, with the bound of what it removes.
* :class:`SolveStatus`, :func:`relative_gap` (:mod:`.result`): OPTIMAL only at a proven gap
  of at most :data:`OPTIMALITY_GAP` (1e-6), GAP_LIMIT when a solve stopped at the gap it
  was asked for; ``result.require_values()`` raises the domain error (with status, bound
  and gap) when there is no solution.

The facility location core
--------------------------
Build a :class:`FacilityProblem` (``from_cost_matrix``, ``from_pairs``, ``from_points``),
solve it with :func:`solve_facility`, check any solution with ``problem.evaluate``;
p-median adapters and OR-Library readers.

One vocabulary
--------------
Sites ``i`` (fixed cost, forced open / closed, already open), customers ``j`` (demand),
allowed pairs ``(i, j)`` with the cost of serving all of ``j`` from ``i``, capacities per
site that expansion steps raise, and an assignment of customers to open sites (single
source or split). Several capacities per site (resources: a sites × resources capacity matrix, a per-pair
use of each, expansion steps naming their resource) and side rules (extra columns and
numbered rows the MILP appends, :mod:`.side`) let the core state the school layout model
(:mod:`junheng.planning.layout_model`): villages × stage groups as customers, schools,
teaching points and candidate sites as sites, four capacities (primary seats, junior seats,
beds, size cap; classrooms and bed blocks as the steps) and its rules (8)-(13) as side
rows; :mod:`junheng.planning.layout_core` states it, and the single-capacity special case.

Single-source school instances on real areas (issue 16 item 6). Measured
------------------------------------------------------------------------
``python -m bench.facility --time-limit 120 --json --best-known V`` with ``--generated N``
(real 2011 output areas of Newcastle with their children aged 4-10, 74 placed schools with
10 % spare places, or 12 % with ``--slack 0.12``, 10 nearest schools per area, 300
pupil-km per open school: :mod:`bench.school_data`), ``--realschool bench/data/tyneside``
(16 real GIAS schools) and ``--area gateshead --sites 120 --customers 700``. Ours and plain
HiGHS 120 s each, one thread, HiGHS 1.16, on the 2-core machine shared with other jobs
(load 1-4: ours got 85-120 s of CPU per 120 s); run R3 of ``docs/facility-bench.md``, objectives in
pupil-km, "≤ 0.1 %" the wall / CPU seconds at which ours first held a solution within
0.1 % of the best known:

========================  ================  =========  =======  ================  ======  ====
instance                  ours obj / gap %  s / cpu    ≤ 0.1 %  HiGHS, to best %  best    load
========================  ================  =========  =======  ================  ======  ====
newcastle 74 × 738 /0     25,898 / 0.68     120 / 118  77 / 76  25,995 +0.37      25,898  1.06
newcastle 74 × 738 /1     25,840 / 0.77     120 / 119  84 / 83  26,258 +1.62      25,840  3.71
newcastle 74 × 738 /2     26,297 / 1.19     120 / 119  91 / 90  26,367 +0.27      26,297  1.08
newcastle /0, 12 % spare  25,411 / 0.72     120 / 85   88 / 64  25,665 +1.01      25,408  3.47
tyneside 16 × 161         8,936 / 0.00      99 / 99    21 / 21  8,936 +0.00       8,936   1.00
gateshead 120 × 698 /0    36,498 / 2.16     120 / 120  90 / 89  36,903 +1.11      36,498  1.01
========================  ================  =========  =======  ================  ======  ====

The large single-source branch (:mod:`._large_single`): the exact assignment of the
Lagrangian's padded open set as start, the kernel MILP of Kernel Search over the LP
relaxation's support and the incumbent (about 960 of 7,380 pairs, solved in a second),
the neighbourhood sub-MIPs of :mod:`._neighbourhood` with the shift / swap descent of
:mod:`._gap_search`, and a second trajectory from plain HiGHS's solution recombined with
the first by the kernel MILP over both and over every improving solution plain HiGHS
found within 1 % of its best. With a quiet machine's CPU it reached ≤ 0.1 % of the best
known in 21-91 s in R3 (one run each; a repeat on the 12 %-spare instance ended +0.42 %:
the solution HiGHS holds when stopped decided the second trajectory). With the pool of
HiGHS's solutions (R4) and 74-115 s of CPU it reached ≤ 0.1 % in every run (new best
known values: /0 25,895.76, /2 26,287.79, 12 % spare 25,393.81, gateshead 36,478.57;
/1 +0.05 %; tyneside's optimum) but one on the held-out Trafford instance (+0.11 %); with
34-58 s of CPU per 120 s (load 4-9) it ended +0.13 to +0.37 % above the best known on the
Newcastle instances and Trafford, +2.1 % on gateshead and tyneside: ≤ 0.1 % is not robust
on a loaded machine. R5 (ejection chains in the descent, a repaired warm start for the
sub-MIP that closes a seed, the kernel's wall limit capped, no second trajectory from a
HiGHS solution 10 % above the incumbent): with 113-119 s of CPU Trafford +0.04-0.05 % of
its new best known 31,038.85 (three runs), /0 a new best 25,893.92; with 17-50 s of CPU
Trafford +0.50 to +0.83 % (the code before: +1.16 % in four runs where HiGHS held one
solution, +0.34 % in two where it held a second), the 12 %-spare instance +0.78 / +1.52 %
(before +0.72 %): still not robust. The proven gap
stays at 0.7-2.2 %: the bound is HiGHS's root bound with cuts (the Lagrangian's with exact
0-1 knapsacks, 25,438 on /1, and the LP's, 25,512, are below it), so the status is
可行方案 with the gap, never 最优, on the generated instances.

The core on OR-Library
----------------------
Measured figures (``python -m bench.facility --suite --baselines highs,spopt
--time-limit 60``, 2-core machine shared with other jobs, HiGHS 1.16, one thread each;
seconds are wall time, ratios ours / baseline at equal objective):

=============  ======================  ==================  =====================  ===========
family         ours (s)                plain HiGHS (s)     ratio vs HiGHS         vs spopt
=============  ======================  ==================  =====================  ===========
cap41-cap74    0.01-0.15, 13/13 opt.   0.02-0.16           median 0.97            -
capa (4 caps)  5.9-20.6, 4/4 proven    none in 60 s (2x)   < 0.10-0.34            -
pmed1-pmed20   0.04-5.9, 20/20 opt.    0.5-61 (pmed17: no) median 0.08            median 0.05
pmedcap01-10   0.2-26.7, 10/10 opt.    0.3-60 (08: no)     median 1.07            median 0.84
=============  ======================  ==================  =====================  ===========

All 47 instances reach the published optimum and are proven optimal. Median ratio over
the 42 instances both solve: 0.39 against HiGHS, 0.20 against spopt (19 instances; spopt
is not run above 50,000 pairs: PuLP took 343 s on pmed11). Where we are not faster, the
work is HiGHS's: cap41-64 go to it directly and pmedcap's remaining gap is closed by it.

Does the layout planner gain from the core's Lagrangian machinery? Measured
--------------------------------------------------------------------------------
``python -m bench.layout --counties 3 --core-gaps 0.01,0.0001`` (HiGHS 1.16, one thread,
the 2-core machine shared with other jobs: CPU seconds of the solving process; the single-
capacity instance solved by today's layout path — LP, RENS and local-search warm start,
then HiGHS — by :func:`solve_facility` and by plain HiGHS on the core's model, every answer
checked by the other model):

====================  ==============  ===============================  ===================
county (sites ×       full instance,  single capacity, 1 % target:     0.01 % target:
customers, pairs)     layout path     layout / core / plain (gap)      layout / core / plain
====================  ==============  ===============================  ===================
demo 141 × 750, 7423  5.7 s, 0.96 %   1.4 s (0.70 %) / 6.7 (0.16) /    9.7 / 19.9 / 19.3 s
                                      5.9 (0.14)
gen. 128 × 750, 7465  2.7 s, 0.81 %   1.2 (0.89) / 9.6 (0.41) / 6.1    17.4 / 18.3 / 10.4
gen. 102 × 564, 5596  1.7 s, 0.88 %   0.9 (0.94) / 1.0 (0.96) / 5.1    12.0 / 17.1 / 14.9
gen.  97 × 531, 5264  5.3 s, 0.76 %   0.35 (0.40) / 0.25 (0.43) / 1.9  1.0 / 1.1 / 1.6
====================  ==============  ===============================  ===================

All three reach the same objective at 0.01 %, and a second run gave the same picture.
Over both runs the core took 0.4-8.2 times the layout path's CPU time at the product's 1 %
target (median 2.9 and 3.2) and 0.86-2.1 times at 0.01 % (median 1.3 in both): it was
faster only on the smallest county, where every solver needs about a second. Its
Lagrangian bound, even with exact 0-1 knapsacks, ends at or just below the LP bound (demo:
38.70 M against 38.71 M, optimum 38.96 M), so in both paths HiGHS's branching closes the
gap, and the layout path's RENS start beats the core's search. (Plain HiGHS on the core's
model, which has the aggregate capacity cut (9), was fastest on the 128-site county at
0.01 %: 10.4-10.5 s against 16-18 s.)

Decision: the layout planner keeps its own warm start and HiGHS through this layer.
Measured again with the core generalised (several capacities, side rules; the full layout
instance by ``solve_layout(core=True)``, figures in :mod:`junheng.planning.layout_core`):
the core's Lagrangian bound stays 2.7-32 % below the LP bound on the full layout, because
the layout's own rules (relief and funding floors, minimum size, boarding) are dropped from
it and the knapsacks stay fractional at capacities of 2,000, so it fixes nothing and the
core path is 2-3.6 times slower for the same plans. Fixing by LP reduced costs
(:mod:`.fixing`) is exact but the layout's root gap leaves it little (14 of 3,757 columns
on the demo county even with the optimum as the cutoff); with it and HiGHS's start
heuristics off the core path is 1.5-3.7 times the layout path's CPU (issue 16 item 6).
These figures date from before the layout's area rows (2026-12-03); since then the full
instance has zones, class and area rows on every bench county, which the core does not
state, so ``solve_layout(core=True)`` solves the layout MILP there and says so
(``LayoutSolution.path``; ``bench.layout`` prints such a row as not run).
"""

from junheng.optimize.facility import (
    Assignment,
    ExpansionStep,
    FacilityProblem,
    FacilitySolution,
    OpenRule,
)
from junheng.optimize.highs import HighsSession, HighsSolver
from junheng.optimize.model import Milp
from junheng.optimize.pmedian import capacitated_p_median_problem, p_median_problem
from junheng.optimize.readers import (
    parse_cap,
    parse_pmed,
    parse_pmedcap,
    read_cap,
    read_pmed,
    read_pmedcap,
)
from junheng.optimize.result import OPTIMALITY_GAP, MilpResult, SolveStatus, relative_gap
from junheng.optimize.side import Entries, SideBlock
from junheng.optimize.solve import SolveOptions, solve_facility

__all__ = [
    "OPTIMALITY_GAP",
    "Assignment",
    "Entries",
    "ExpansionStep",
    "FacilityProblem",
    "FacilitySolution",
    "HighsSession",
    "HighsSolver",
    "Milp",
    "MilpResult",
    "OpenRule",
    "SideBlock",
    "SolveOptions",
    "SolveStatus",
    "capacitated_p_median_problem",
    "p_median_problem",
    "parse_cap",
    "parse_pmed",
    "parse_pmedcap",
    "read_cap",
    "read_pmed",
    "read_pmedcap",
    "relative_gap",
    "solve_facility",
]
