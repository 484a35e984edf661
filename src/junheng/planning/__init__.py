"""Education planners built on the engines: school layout (布局调整)."""

from junheng.planning.layout import LayoutPlan, plan_layout
from junheng.planning.layout_config import LayoutConfig, load_layout_config
from junheng.planning.layout_data import GROUPS, LayoutProblem, build_layout_problem
from junheng.planning.layout_model import LayoutSolution, solve_layout

__all__ = [
    "GROUPS", "LayoutConfig", "LayoutPlan", "LayoutProblem", "LayoutSolution",
    "build_layout_problem", "load_layout_config", "plan_layout", "solve_layout",
]
