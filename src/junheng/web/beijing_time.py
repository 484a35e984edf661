"""The web's time filter: :func:`junheng.model.times.beijing` (one home for CLI, web and reports)."""

from junheng.model.times import BEIJING, beijing

__all__ = ["BEIJING", "beijing"]
