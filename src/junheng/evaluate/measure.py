"""The small result every shared measure returns: a numerator, its base and the rows counted."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    """``numerator / denominator`` and the ids of the rows behind the numerator (to trace a
    figure). ``denominator`` is None when the base is unknown.

    Examples
    --------
    >>> Share(3.0, 4.0, ("A", "B")).value
    0.75
    >>> Share(3.0, 0.0).value is None
    True
    """

    numerator: float
    denominator: float | None
    ids: tuple[str, ...] = ()

    @property
    def value(self) -> float | None:
        """The share, or None without a positive base."""
        if not self.denominator:
            return None
        return self.numerator / self.denominator
