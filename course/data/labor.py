"""Views of mobilised labour for notebook 05: armed forces, campaigns, forced labour, workers abroad.

Every function keeps the ``source_id`` behind each number. Where sources
disagree (how large the army is, how many North Koreans are in modern
slavery) the views keep one row per source.
"""

from __future__ import annotations

import re

import pandas as pd

from course.data.loader import load, sources

#: Series of table ``military`` that count soldiers on active duty, as each source names them.
ACTIVE_SERIES = ("active_forces_total", "regular_armed_forces",
                 "armed_forces_personnel_mean_2002_2012", "military_or_government_employees_census")

#: Named campaigns drawn on the timeline: (label, table, selector, start date or year,
#: extension series or None). The nominal length is the number in the campaign's name.
CAMPAIGNS = (
    ("200-day battle", "labor_mobilization", "campaign_200day_battle_extension", "1988",
     "campaign_200day_battle_extension"),
    ("200-day battle (year disputed)", "labor_mobilization", "campaign_200day_battle_length",
     "1998", None),
    ("150-day battle", "labor_mobilization", "campaign_150day_battle_length", "2009-04-20",
     "campaign_100day_battle_extension"),
    ("70-day battle", "events", "Politburo letter launches '70-day battle'", "2016-02-24", None),
    ("200-day battle", "events", "'200-day battle' begins", "2016-06-01", None),
    ("80-day campaign", "events", "80-day campaign launched", "2020-10-12", None),
)


def _publisher(source_id: str, table: str) -> str:
    names = sources(table).set_index("source_id")["publisher"]
    return str(names.get(source_id, source_id)).split(" (")[0]


def active_forces() -> pd.DataFrame:
    """Every estimate of the active armed forces in table ``military``, one row per report.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``million`` (persons), ``series``, ``publisher``,
        ``source_id``, ``note``; sorted by year. The 2008 census row counts
        people "the military or government" employs.
    """
    table = load("military")
    rows = table[table["series"].isin(ACTIVE_SERIES)].copy()
    rows["million"] = rows["value"] / 1e6
    rows["publisher"] = [_publisher(i, "military") for i in rows["source_id"]]
    columns = ["year", "million", "series", "publisher", "source_id", "note"]
    return rows[columns].sort_values(["year", "publisher"]).reset_index(drop=True)


def reserves() -> pd.DataFrame:
    """Estimates of the reserves (series ``reserves`` of table ``military``), as :func:`active_forces`."""
    table = load("military")
    rows = table[table["series"] == "reserves"].copy()
    rows["million"] = rows["value"] / 1e6
    rows["publisher"] = [_publisher(i, "military") for i in rows["source_id"]]
    columns = ["year", "million", "series", "publisher", "source_id", "note"]
    return rows[columns].sort_values("year").reset_index(drop=True)


def largest_active_force() -> tuple[float, str]:
    """The largest active-force estimate in the data, million persons, and its source id."""
    forces = active_forces()
    top = forces.loc[forces["million"].idxmax()]
    return float(top["million"]), str(top["source_id"])


def share_in_uniform() -> pd.DataFrame:
    """Active forces as a share of the population, for each estimate with a population that year.

    The population is the UN World Population Prospects series (table
    ``population``, source ``wb_unwpp2019_via_indexmundi``), which covers 1960-2020.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``publisher``, ``soldiers_million``, ``population_million``,
        ``percent`` and ``source_id``.
    """
    population = load("population")
    un = population[(population["series"] == "population")
                    & (population["source_id"] == "wb_unwpp2019_via_indexmundi")]
    un = un.set_index("year")["value"]
    forces = active_forces()
    forces = forces[forces["year"].isin(un.index)]
    out = pd.DataFrame({"year": forces["year"], "publisher": forces["publisher"],
                        "soldiers_million": forces["million"],
                        "population_million": forces["year"].map(un).to_numpy(),
                        "source_id": forces["source_id"]})
    out["percent"] = 100 * out["soldiers_million"] / out["population_million"]
    return out.reset_index(drop=True)


def census_labour() -> dict:
    """The 2008 census's economically active population (million) and agriculture's share (percent)."""
    table = load("population")
    rows = table.set_index("series")
    return {"economically_active_million": float(rows.loc["economically_active_population_16plus", "value"]),
            "agriculture_percent": float(rows.loc["agriculture_share_of_economically_active", "value"]),
            "source_id": str(rows.loc["economically_active_population_16plus", "source_id"])}


def _date(text: str) -> float:
    from course.plots import decimal_year

    return float(text) if len(text) == 4 else decimal_year(text)


def campaigns() -> pd.DataFrame:
    """The named mobilisation campaigns of :data:`CAMPAIGNS`, with their length and source.

    The nominal length is the number in the campaign's name ("150-day");
    ``extension`` is the extension in days a source reports (0 if none).

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``start`` (decimal year), ``days``, ``extension``,
        ``source_id`` and ``note``, in :data:`CAMPAIGNS` order.

    Raises
    ------
    KeyError
        If a campaign's row is missing from its table.
    """
    mobilization, events = load("labor_mobilization"), load("events")
    rows = []
    for label, table, selector, start, extension in CAMPAIGNS:
        if table == "events":
            found = events[events["event"].str.contains(selector, regex=False)]
        else:
            found = mobilization[mobilization["series"] == selector]
        if found.empty:
            raise KeyError(f"no row for campaign {label!r} ({selector!r}) in table {table}")
        row = found.iloc[0]
        days = int(re.search(r"(\d+)-day", label).group(1))
        extra = 0.0
        if extension:
            extra = float(mobilization.loc[mobilization["series"] == extension, "value"].iloc[0])
        rows.append({"label": label, "start": _date(start), "days": days, "extension": extra,
                     "source_id": row["source_id"], "note": row["note"]})
    return pd.DataFrame(rows)


def farm_mobilisation() -> pd.DataFrame:
    """Reported lengths of farm mobilisation of students and workers (table ``labor_mobilization``).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``days`` (a month counted as 30 days), ``source_id`` and ``note``.
    """
    table = load("labor_mobilization")
    rows = table[table["series"].str.startswith("rice_planting_mobilization")
                 & table["unit"].isin(["days", "month"])].copy()
    rows["days"] = rows["value"].where(rows["unit"] == "days", rows["value"] * 30)
    return rows[["year", "days", "source_id", "note"]].sort_values("year").reset_index(drop=True)


def forced_labour_estimates() -> pd.DataFrame:
    """Modern-slavery and political-prisoner estimates with their publisher and method.

    Tables: ``forced_labor`` (and ``population`` to put the Global Slavery
    Index's shares in persons for the year they refer to). The method column
    says how each figure was made, as the reports describe it (see the notes
    in :data:`METHODS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``kind`` ("modern slavery" or "political prisoners"), ``label``,
        ``year``, ``low`` and ``high`` (thousand persons), ``method`` and ``source_id``.
    """
    table = load("forced_labor").set_index("series")
    population = load("population")
    un = population[(population["series"] == "population")
                    & (population["source_id"] == "wb_unwpp2019_via_indexmundi")].set_index("year")["value"]
    rows = []
    for label, series, kind, method in METHODS:
        if isinstance(series, tuple):
            low, high = (table.loc[s] for s in series)
            lo, hi = float(low["value"]), float(high["value"])
            row = low
        else:
            row = table.loc[series]
            if isinstance(row, pd.DataFrame):
                row = row.iloc[0]
            lo = hi = float(row["value"])
        unit = str(row["unit"])
        year = int(row["year"])
        if unit.startswith("percent"):
            lo = hi = lo / 100 * un[year] * 1e6
        elif unit.startswith("per 1,000"):
            lo = hi = lo / 1000 * un[min(year, un.index.max())] * 1e6
        rows.append({"kind": kind, "label": label, "year": year, "low": lo / 1000, "high": hi / 1000,
                     "method": method, "source_id": row["source_id"]})
    return pd.DataFrame(rows)


#: (label, series or (low, high) series, kind, method as the report or its coverage describes it).
METHODS = (
    ("Global Slavery Index 2016", "modern_slavery_prevalence_gsi2016", "modern slavery",
     "share of the population"),
    ("Global Slavery Index 2018", "modern_slavery_prevalence_gsi2018", "modern slavery",
     "'1 in 10'; interviews with 50 defectors"),
    ("Global Slavery Index 2023", "modern_slavery_persons_gsi2023", "modern slavery",
     "persons, estimates for 2021"),
    ("Freedom House (Hawk), 2008", "political_prisoners_kwanliso_upper", "political prisoners",
     "'as many as'"),
    ("HRNK, 2013", "political_prisoners_penal_labour_colonies", "political prisoners",
     "after two camps closed"),
    ("UN Commission of Inquiry, 2014", ("political_prisoners_kwanliso_low",
                                        "political_prisoners_kwanliso_high"), "political prisoners",
     "range; testimony and satellite imagery"),
)


def workers_abroad() -> pd.DataFrame:
    """Estimates of the total number of North Koreans working abroad, one row per report.

    Tables: ``overseas_workers`` and ``labor_mobilization`` (totals only, not
    single countries).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``thousand``, ``series``, ``publisher``, ``source_id``.
    """
    parts = []
    for table, pattern in (("overseas_workers", r"^overseas_workers_"),
                           ("labor_mobilization", r"^overseas_workers_total")):
        rows = load(table)
        rows = rows[rows["series"].str.contains(pattern)
                    & ~rows["series"].str.contains("_in_")].copy()
        rows["publisher"] = [_publisher(i, table) for i in rows["source_id"]]
        parts.append(rows)
    rows = pd.concat(parts)
    rows["thousand"] = rows["value"] / 1000
    return (rows[["year", "thousand", "series", "publisher", "source_id"]]
            .sort_values(["year", "thousand"]).reset_index(drop=True))
