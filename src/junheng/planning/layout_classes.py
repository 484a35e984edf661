"""A receiver's classes once the layout merges schools into it (planner review, merged schools).

A closed school's pupils join the receiver's classes of their grade, up to the standard class
(45 primary, 50 junior); a class is added only where they do not fit:
``max(the receiver's classes of the grade, ceil(pupils / standard class))``. Carrying the old
classes over would count a 教学点's classes of 2 pupils as classes of the receiver: more
classes, a smaller average class in every later year (the 达标路径 forms the target year's
classes at the school's average class, :mod:`~.compliance_county`), and music and art rooms
(one of each per 12 classes) for classes that will not exist.

Only the receivers' compulsory grades that take pupils are formed anew; a closed school's other
classes (附设幼儿班) move as they are.

Receiver C teaches g1 in 2 classes of 36 and takes a point's 2 + 1 pupils in 2 classes: g1's
74 pupils stay in 2 classes (ceil(74 / 45) = 2), g2's 1 pupil makes a class (C has none):
3 classes where carrying the old ones over made 4.

>>> import pandas as pd
>>> classes = pd.DataFrame({"school_id": ["C", "C", "P", "P"], "grade": ["g1", "g1", "g1", "g2"],
...                         "class_no": ["1", "2", "1", "1"], "students": [36, 36, 2, 1]})
>>> merged = merged_classes(classes, {"P": "C"}, {"C": "primary_school"})
>>> merged[["school_id", "grade", "students"]].values.tolist()
[['C', 'g1', 37], ['C', 'g1', 37], ['C', 'g2', 1]]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from junheng.model.codes import GRADE_STAGE
from junheng.standards import ClassSizeStandard, load_class_size

COMPULSORY = ("primary", "junior")
#: Per-class counts spread over a receiver's new classes like its pupils.
COUNTS = ("students", "boarders", "migrant_students", "disabled_students")


def merged_classes(classes: pd.DataFrame, moves: Mapping[str, str],
                   school_types: Mapping[str, str] | pd.Series,
                   sizes: ClassSizeStandard | None = None) -> pd.DataFrame:
    """``classes`` with every closed school's (``moves``: closed -> receiver) classes at its
    receiver, the receivers' compulsory grades that take pupils formed anew (module
    docstring)."""
    owner = classes["school_id"].replace(dict(moves))
    shifted = classes["school_id"].isin(moves)
    taking = pd.MultiIndex.from_arrays([owner[shifted], classes.loc[shifted, "grade"]])
    formed = (pd.MultiIndex.from_arrays([owner, classes["grade"]]).isin(taking)
              & classes["grade"].map(GRADE_STAGE).isin(COMPULSORY).to_numpy())
    moved = classes[~formed].copy()
    at = moved["school_id"].isin(moves)
    moved.loc[at, "class_no"] = (moved.loc[at, "school_id"] + "-"
                                 + moved.loc[at, "class_no"].astype(str))
    moved["school_id"] = owner[~formed]
    pool = classes[formed].assign(school_id=owner[formed])
    own = classes[formed & ~shifted].groupby(["school_id", "grade"]).size()
    new = _formed(pool, own, school_types, sizes or load_class_size())
    out = pd.concat([moved, new.astype({c: t for c, t in classes.dtypes.items() if c in new})],
                    ignore_index=True)
    return out[list(classes.columns)]


def _formed(pool: pd.DataFrame, own: pd.Series, school_types,
           sizes: ClassSizeStandard) -> pd.DataFrame:
    """Each (school_id, grade) of ``pool`` in ``max(own classes, ceil(pupils / standard))``
    classes, every count spread evenly (the first classes one more)."""
    counts = [c for c in COUNTS if c in pool]
    totals = pool.groupby(["school_id", "grade"], sort=True)[counts].sum(min_count=1)
    types = pd.Series(school_types)
    rows = []
    for (school, grade), row in totals.iterrows():
        pupils = int(row["students"]) if pd.notna(row["students"]) else 0
        standard = sizes.class_sizes([types.get(school, "primary_school")], [grade])[0, 0]
        n = max(int(own.get((school, grade), 0)), int(np.ceil(pupils / standard - 1e-9)))
        for k in range(n if pupils > 0 else 0):
            rows.append({"school_id": school, "grade": grade, "class_no": str(k + 1),
                         **{c: _share(row[c], n, k) for c in counts}})
    return pd.DataFrame(rows, columns=["school_id", "grade", "class_no", *counts])


def _share(total, n: int, k: int):
    """Class ``k``'s share of ``total`` over ``n`` classes (NA stays NA)."""
    if pd.isna(total):
        return pd.NA
    base, extra = divmod(int(total), n)
    return base + (1 if k < extra else 0)
