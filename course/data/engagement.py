"""Views of inter-Korean engagement for notebook 07: trade, the Kaesong zone, its wages and its closures.

Every function keeps the ``source_id`` behind each number. Where sources
disagree (how many people worked at Kaesong, how much of their wage reached
them) the views keep one row per source rather than averaging the
disagreement away.
"""

from __future__ import annotations

import pandas as pd

from course.data.loader import derived, load, sources
from course.data.views import median_by

#: Events drawn on the trade chart: (date, short label), all in the ``events`` table.
TURNING_POINTS = (
    ("2000-06-13", "1st summit"),
    ("2007-10-02", "2nd summit"),
    ("2010-05-24", "May 24 measures"),
    ("2013-04", "Kaesong halted"),
    ("2016-02-10", "Kaesong closed"),
    ("2018-04-27", "2018 summits"),
    ("2020-06-16", "liaison office blown up"),
)


def _publisher(source_id: str, table: str) -> str:
    names = sources(table).set_index("source_id")["publisher"]
    name = str(names.get(source_id, source_id))
    return name.split(" (")[0]


@derived
def series(name: str, table: str = "kaesong") -> pd.DataFrame:
    """Every reported value of one series of the ``kaesong`` (or ``inter_korean_trade``) table.

    Parameters
    ----------
    name : str
        The series, e.g. ``"north_korean_workers"`` or ``"production_value"``.
    table : str
        ``"kaesong"`` (default) or ``"inter_korean_trade"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``value``, ``unit``, ``publisher``, ``source_id``, ``note``,
        one row per report, sorted by year.

    Raises
    ------
    KeyError
        If the table has no such series.
    """
    rows = load(table)
    rows = rows[rows["series"] == name].copy()
    if rows.empty:
        known = ", ".join(sorted(load(table)["series"].unique()))
        raise KeyError(f"no series {name!r} in {table}; choose from {known}")
    rows["publisher"] = [_publisher(i, table) for i in rows["source_id"]]
    columns = ["year", "value", "unit", "publisher", "source_id", "note"]
    return rows[columns].sort_values(["year", "publisher"]).reset_index(drop=True)


def trade_by_year() -> pd.DataFrame:
    """Total inter-Korean trade, one value a year: the median where sources differ.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``value`` (US dollars, million), ``n_reports`` and
        ``source_ids``. Full-year totals only (first-half figures are left out).
    """
    return median_by(load("inter_korean_trade").query("series == 'total_trade'"), ["year"])


def kaesong_trade_by_year() -> pd.DataFrame:
    """Trade in and out of the Kaesong complex, one value a year (median), as :func:`trade_by_year`."""
    return median_by(load("inter_korean_trade").query("series == 'kaesong_trade'"), ["year"])


def output_by_year() -> pd.DataFrame:
    """The complex's output (production value) for full years, one value a year (median).

    Partial-year reports (series such as ``production_value_jan_nov``) and the
    2007 lower bound ("more than 100 million") are left out; the 2013 figure
    covers a year with a five-month halt.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``value`` (US dollars, million), ``n_reports``, ``source_ids``.
    """
    rows = load("kaesong").query("series == 'production_value'")
    rows = rows[~rows["note"].fillna("").str.contains("lower bound")]
    return median_by(rows, ["year"])


def wage_share_estimates() -> pd.DataFrame:
    """How much of the wage paid for a Kaesong worker reached the worker, by source.

    Built from the ``kaesong`` table: reported state shares become worker shares
    (1 - state share); the Unification Ministry official's 50 of 130 dollars
    and Noland's "less than 2 dollars" at the market rate are divided by the
    130-dollar average wage of the same report.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``source`` (a short label), ``worker_share`` (0-1),
        ``basis`` (what the share is) and ``source_id``; one row per estimate.
    """
    k = load("kaesong")
    rows = []
    labels = {"NKEW_20121127_HAGGARD": "Haggard (PIIE), ministry's split",
              "CHOSUN_20140313_NOLAND": "Noland (PIIE)",
              "SPACEWAR_AFP_20160215": "Unification Ministry, 2016",
              "DAILYNK_20160216": "Daily NK sources, 2016"}
    state = k[k["series"] == "state_share_of_wage"]
    for row in state.itertuples():
        label = labels.get(row.source_id, row.source_id)
        if row.source_id == "CHOSUN_20140313_NOLAND":
            label += f", state keeps {row.value:g}%"
        rows.append((int(row.year), label, 1 - row.value / 100,
                     "nominal, before conversion" if row.year < 2016 else "as reported",
                     row.source_id))
    noland = k[k["source_id"] == "CHOSUN_20140313_NOLAND"].set_index("series")["value"]
    wage = noland["avg_monthly_wage"]
    rows.append((2013, "Unification Ministry official, 2014", 1 - noland["state_take_per_month"] / wage,
                 "nominal, at the official rate", "CHOSUN_20140313_NOLAND"))
    rows.append((2013, "Noland (PIIE), at the market rate", noland["worker_receipt_market_rate"] / wage,
                 "at the market exchange rate, upper bound", "CHOSUN_20140313_NOLAND"))
    table = pd.DataFrame(rows, columns=["year", "source", "worker_share", "basis", "source_id"])
    return table.sort_values("worker_share", ascending=False).reset_index(drop=True)


def closure_record() -> dict:
    """The Kaesong zone's record of closures, read from the ``events`` table.

    Counts the years the zone produced (first monthly production in January
    2005 to the closure of 10 February 2016, less the halt from April to
    September 2013) and the closures in that time (the 2013 halt and the 2016
    closure). Their ratio is a crude estimate of a constant closure hazard;
    two events make it a rough guide, not a measurement.

    Returns
    -------
    dict
        ``years_open`` (float, years), ``closures`` (int), ``hazard`` (per year),
        ``source_ids`` (list of str).
    """
    events = load("events").query("category == 'kaesong'").set_index("date")
    start = pd.Timestamp("2005-01")
    halted, reopened = pd.Timestamp("2013-04"), pd.Timestamp("2013-09")
    closed = pd.Timestamp("2016-02-10")
    for date in ("2005-01", "2013-04", "2013-09", "2016-02-10"):
        if date not in events.index:
            raise KeyError(f"events table has no Kaesong event dated {date}")
    days = (closed - start).days - (reopened - halted).days
    years = days / 365.25
    ids = list(dict.fromkeys(events.loc[["2005-01", "2013-04", "2013-09", "2016-02-10"],
                                        "source_id"]))
    return {"years_open": years, "closures": 2, "hazard": 2 / years, "source_ids": ids}


def timeline() -> pd.DataFrame:
    """Summits and inter-Korean and Kaesong events, in date order.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``category``, ``event``, ``source_id``.
    """
    events = load("events")
    keep = events["category"].isin(["summit", "inter_korean", "kaesong"])
    rows = events[keep][["date", "category", "event", "source_id"]]
    return rows.sort_values("date").reset_index(drop=True)


__all__ = ["TURNING_POINTS", "series", "trade_by_year", "kaesong_trade_by_year", "output_by_year",
           "wage_share_estimates", "closure_record", "timeline"]
