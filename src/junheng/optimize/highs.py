"""A silent HiGHS instance: its constructor prints a banner on stdout once per process, and
the core never prints."""

from __future__ import annotations

import os
import sys

import highspy


def new_highs() -> highspy.Highs:
    """``highspy.Highs()`` with the banner swallowed and solver output off."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h
