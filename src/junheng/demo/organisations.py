"""学校组织 and 校长: the county's school groups, alliances, communities and 学区, and principals.

Groups: each crowded seat school's 教育集团 (v1's 教育集团 column: the crowded school leads);
a 学区 per rural town led by its central school with the town's other primaries and teaching
points; 城乡学校联盟 of the ordinary seat primaries with two village primaries each; 城乡教育
共同体 of the ordinary seat juniors with two town juniors; 学前教育联盟 of the public seat
kindergartens with town central and affordable private kindergartens (so a count of
"联盟" must choose its kind of organisation and stage). One more 城乡学校联盟 is founded in the
second year. A snapshot lists the memberships that have begun, of schools still listed.

Principals: one per school (teaching points have none; a village primary under 250 pupils shares
its town's central school principal, 一长多校), graded 特级/高级/中级/初级 by where the school is
(private schools 未评定). Each year about 8% of schools get a new principal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from junheng.demo import names

CENTRAL_ROLES = ("central_primary", "town_nine")
DISTRICT_MEMBERS = ("town_primary2", "village_primary", "teaching_point")
RANKS = ("special", "senior", "intermediate", "junior")
RANK_P = {"seat": [0.10, 0.45, 0.40, 0.05], "town": [0.02, 0.25, 0.50, 0.23],
          "village": [0.0, 0.05, 0.40, 0.55]}
SHARED_HEAD_PUPILS = 250
TURNOVER = 0.08


def _rows(name: str, kind: str, lead: int, members: list[int], founded: int) -> list[dict]:
    return [{"group_name": name, "group_type": kind, "school_idx": s,
             "role": "lead_school" if s == lead else "member_school", "join_year": founded}
            for s in [lead, *members]]


def _groups_of_v1(schools: pd.DataFrame, rng: np.random.Generator, first_year: int
                  ) -> list[dict]:
    rows = []
    for name, members in schools.groupby("school_group").groups.items():
        members = list(members)
        lead = next(s for s in members if schools.at[s, "crowded"])
        rows += _rows(name, "education_group", lead, [s for s in members if s != lead],
                      first_year - int(rng.integers(1, 5)))
    return rows


def _districts(schools: pd.DataFrame, town_names: np.ndarray) -> list[dict]:
    rows = []
    for town, group in schools.groupby("town_idx"):
        central = group.index[group["role"].isin(CENTRAL_ROLES)]
        members = group.index[group["role"].isin(DISTRICT_MEMBERS)]
        if len(central) and len(members):
            name = f"{names.town_short(town_names[town])}学区"
            rows += _rows(name, "school_district", int(central[0]), list(members), 2019)
    return rows


def _paired(schools: pd.DataFrame, lead_mask: np.ndarray, partner_mask: np.ndarray, kind: str,
            suffix: str, county: str, years: list[int], rng: np.random.Generator) -> list[dict]:
    """Each lead with two partners from the pool, each group founded in one of ``years``."""
    pool = list(rng.permutation(np.flatnonzero(partner_mask)))
    rows = []
    for k, lead in enumerate(np.flatnonzero(lead_mask)):
        members = [int(pool.pop()) for _ in range(min(2, len(pool)))]
        if members:
            stem = schools.at[lead, "name"].removeprefix(f"{county}县")
            rows += _rows(f"{county}县{stem}{suffix}", kind, int(lead), members,
                          years[k % len(years)])
    return rows


def build_groups(schools: pd.DataFrame, town_names: np.ndarray, county: str, first_year: int,
                 rng: np.random.Generator) -> pd.DataFrame:
    """Every membership the county will have, with the year it begins (``school_idx`` rows)."""
    role, crowded = schools["role"].to_numpy(), schools["crowded"].to_numpy(bool)
    kg_public = (role == "kg_public")
    seat = (schools["locale"] == "seat").to_numpy()
    earlier = [first_year - 3, first_year - 2, first_year - 1]
    rows = _groups_of_v1(schools, rng, first_year) + _districts(schools, town_names)
    rows += _paired(schools, (role == "seat_primary") & ~crowded, role == "village_primary",
                    "alliance", "城乡学校联盟", county, earlier + [first_year + 1], rng)
    rows += _paired(schools, (role == "seat_junior") & ~crowded, role == "town_junior",
                    "community", "城乡教育共同体", county, earlier, rng)
    partners = (kg_public & ~seat) | ((role == "kg_private") & schools["affordable"].eq(True)
                                      .to_numpy() & ~seat)
    rows += _paired(schools, kg_public & seat, partners, "alliance", "学前教育联盟", county,
                    earlier, rng)
    return pd.DataFrame(rows)


def group_rows(groups: pd.DataFrame, schools: pd.DataFrame, listed: np.ndarray, year: int
               ) -> pd.DataFrame:
    """学校组织 of one year: memberships begun by ``year`` of the schools listed."""
    keep = (groups["join_year"] <= year) & listed[groups["school_idx"].to_numpy()]
    out = groups[keep].copy()
    out["school_id"] = schools["school_id"].to_numpy()[out.pop("school_idx").to_numpy()]
    return out.reset_index(drop=True)


@dataclass
class PrincipalBook:
    """Who heads each school: (principal id, rank, since) by school row, and shared heads."""

    county_code: str
    heads: dict[int, tuple[str, str, int]] = field(default_factory=dict)
    shared: dict[int, int] = field(default_factory=dict)  # village primary -> its central
    next_number: int = 1

    def _new(self, rank: str, since: int) -> tuple[str, str, int]:
        head = (f"P{self.county_code}{self.next_number:05d}", rank, since)
        self.next_number += 1
        return head

    def _rank(self, schools: pd.DataFrame, s: int, rng: np.random.Generator) -> str:
        if schools.at[s, "ownership"] == "private":
            return "unrated"
        p = RANK_P.get(schools.at[s, "locale"], RANK_P["town"])
        return RANKS[int(rng.choice(len(RANKS), p=p))]

    def start(self, schools: pd.DataFrame, pupils: np.ndarray, year: int,
              rng: np.random.Generator) -> None:
        """The first year's principals."""
        role = schools["role"].to_numpy()
        central = {t: s for s, t in zip(np.flatnonzero(np.isin(role, CENTRAL_ROLES)),
                                        schools["town_idx"].to_numpy()[np.isin(role, CENTRAL_ROLES)],
                                        strict=True)}
        for s in np.flatnonzero(role != "teaching_point"):
            town = schools.at[s, "town_idx"]
            if role[s] == "village_primary" and pupils[s].sum() < SHARED_HEAD_PUPILS \
                    and town in central:
                self.shared[int(s)] = int(central[town])
                continue
            self.heads[int(s)] = self._new(self._rank(schools, s, rng),
                                           year - int(rng.geometric(0.18)) + 1)

    def turn_over(self, schools: pd.DataFrame, year: int, rng: np.random.Generator) -> None:
        """Some schools get a new principal this year."""
        for s in sorted(self.heads):
            if rng.random() < TURNOVER:
                self.heads[s] = self._new(self._rank(schools, s, rng), year)

    def rows(self, schools: pd.DataFrame, listed: np.ndarray) -> pd.DataFrame:
        """校长 of the schools listed this year."""
        heads = {**self.heads, **{s: self.heads[c] for s, c in self.shared.items()}}
        rows = [{"principal_id": p, "school_id": schools.at[s, "school_id"], "rank": r,
                 "since_year": since}
                for s, (p, r, since) in sorted(heads.items()) if listed[s]]
        return pd.DataFrame(rows, columns=["principal_id", "school_id", "rank", "since_year"])
