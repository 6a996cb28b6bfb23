"""Tidy views of North Korea's military burden, weapons tests and missile launches.

The raw tables keep every reported figure with the document it came from. These
views reshape them for notebook 01 (*Byungjin: guns, butter and growth*):

* :func:`budget_share`: the defence share of the *official state budget*, year by year;
* :func:`burden_estimates`: outside estimates of military spending as a share of
  *output* (GDP, GNP or national income), one row per report, with ranges kept as ranges;
* :func:`announced_vs_estimated`: the official defence line in dollars next to an
  outside estimate of total spending;
* :func:`nuclear_tests`: one row per nuclear test, with the spread of magnitude and
  yield estimates across sources;
* :func:`missile_counts`: yearly missile launches, one row per counter (the counters
  count different things and are not comparable);
* :func:`strategic_lines`: the adoption and the end of the byungjin line.

Every row keeps its ``source_id`` (several, joined by ``;``, where rows are merged),
so every plotted point can be traced with :func:`course.data.sources`.
Nothing here adds a number to the data except where a row's own note states it in
words; those cases are listed in :data:`FROM_NOTES` and flagged in the output.
"""

from __future__ import annotations

import re

import pandas as pd

from course.data.loader import load, sources
from course.data.views import median_by

__all__ = ["budget_share", "burden_estimates", "announced_vs_estimated", "nuclear_tests",
           "missile_counts", "strategic_lines", "source_line", "ESTIMATORS", "COUNTERS",
           "FROM_NOTES"]


# --- official defence share of the state budget --------------------------------------

_BUDGET_KIND = {
    "defense_share_state_expenditure": "reported",
    "defense_share_state_expenditure_official": "reported",
    "defense_share_state_expenditure_planned": "planned",
    "defense_share_planned": "planned",
    "defense_share_executed": "executed",
}


def budget_share() -> pd.DataFrame:
    """Defence share of North Korea's state budget expenditure, percent, by year.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int), ``kind`` ("planned", "executed" or "reported" where the
        source does not say), ``value`` (percent of state budget expenditure; the median
        where several documents report the same year and kind), ``n_reports`` and
        ``source_ids``, sorted by year and kind.

    Notes
    -----
    This is a share of the *budget*, not of output, and analysts say it leaves out
    much military spending (catalog caveat; UPI_KDB_2016). Pre-1990 figures are
    quoted second-hand from the 1993 Library of Congress country study (GS_MILSPENDING).
    """
    table = load("defense_budget_share")
    unknown = set(table["series"]) - set(_BUDGET_KIND)
    if unknown:
        raise KeyError(f"defense_budget_share has series with no kind: {sorted(unknown)}")
    table["kind"] = table["series"].map(_BUDGET_KIND)
    return median_by(table, ["year", "kind"])


# --- outside estimates of the military burden -----------------------------------------

#: Who made each burden estimate, keyed by (source_id, series), with the measure's
#: denominator and the period it covers. Read from the rows' notes in
#: military_spending.csv; "unnamed" where the quoting document does not say.
ESTIMATORS: dict[tuple[str, str], dict] = {
    ("LOC_1993", "milex_pct_gnp_estimate_low"):
        {"estimator": "US Library of Congress (1993)", "measure": "GNP", "period": "1991"},
    ("LOC_1993", "milex_pct_gnp_estimate_high"):
        {"estimator": "US Library of Congress (1993)", "measure": "GNP", "period": "1991"},
    ("GS_MILSPENDING", "milex_pct_gdp_estimate"):
        {"estimator": "US Marine Corps Intelligence (1997)", "measure": "GDP", "period": "1997"},
    ("GS_MILSPENDING", "milex_pct_gdp_wmeat"):
        {"estimator": "US State Dept. WMEAT", "measure": "GDP", "period": "1999"},
    ("NATIONSENC", "milex_pct_gdp_estimate"):
        {"estimator": "unnamed (Nations Encyclopedia)", "measure": "GDP", "period": "2001"},
    ("GS_MILSPENDING", "milex_pct_gdp_iiss"):
        {"estimator": "IISS Military Balance", "measure": "GDP", "period": "2003"},
    ("REUTERS_KIDA_2011", "milex_kida_ppp_estimate"):
        {"estimator": "KIDA (South Korea)", "measure": "national income", "period": "2009"},
    ("SPUTNIK_WMEAT2015", "milex_pct_gdp_wmeat2015"):
        {"estimator": "US State Dept. WMEAT", "measure": "GDP",
         "period": "not stated (edition of 2015)"},
    ("KH_WMEAT2016", "milex_pct_gdp_avg_2004_2014_wmeat2016"):
        {"estimator": "US State Dept. WMEAT", "measure": "GDP", "period": "2004-2014 average"},
    ("ARIRANG_WMEAT2016", "milex_pct_gdp_avg_2004_2014_wmeat2016"):
        {"estimator": "US State Dept. WMEAT", "measure": "GDP", "period": "2004-2014 average"},
    ("KBS_WMEAT2021", "milex_pct_gdp_wmeat2021_lower_bound"):
        {"estimator": "US State Dept. WMEAT", "measure": "GDP", "period": "2019"},
    ("KBS_GPI2021", "milex_pct_gdp_gpi2021"):
        {"estimator": "Global Peace Index (IEP)", "measure": "GDP",
         "period": "not stated (report of 2021)"},
}

#: Percentages a row states only in words in its note: (source_id, series) -> (value, words).
#: KIDA's row holds a dollar estimate; its note says spending is "~one third of national
#: income" (REUTERS_KIDA_2011), kept here as 100/3 percent and flagged "approximate".
FROM_NOTES: dict[tuple[str, str], tuple[float, str]] = {
    ("REUTERS_KIDA_2011", "milex_kida_ppp_estimate"): (100 / 3, "one third of national income"),
}


def burden_estimates() -> pd.DataFrame:
    """Outside estimates of military spending as a share of output, one row per report.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (the data year of the row), ``estimator``, ``measure`` (GDP,
        GNP or national income), ``period`` (what the figure covers), ``low``, ``high``
        and ``value`` (percent of output; ``low == high == value`` for a point estimate,
        ``value`` the midpoint of a range), ``bound`` ("point", "range", "lower bound" or
        "approximate" for a share stated in words), ``source_ids`` and ``note``; sorted
        by year and estimator.

    Notes
    -----
    The estimates differ in method, denominator, exchange rate and period, and several
    are quoted second-hand. Two outlets reporting the same WMEAT 2016 average are kept
    as two rows (23.3 % in KH_WMEAT2016, "around 23 percent" in ARIRANG_WMEAT2016).
    """
    table = load("military_spending")
    keys = list(zip(table["source_id"], table["series"]))
    table = table[[k in ESTIMATORS for k in keys]].copy()
    rows: dict[tuple, dict] = {}
    for record in table.itertuples(index=False):
        key = (record.source_id, record.series)
        info = ESTIMATORS[key]
        value, bound = float(record.value), "point"
        if key in FROM_NOTES:
            value, words = FROM_NOTES[key]
            if words not in record.note:
                raise ValueError(f"{key}: the note no longer says {words!r}: {record.note!r}")
            bound = "approximate"
        elif record.series.endswith("_lower_bound"):
            bound = "lower bound"
        group = (int(record.year), info["estimator"], record.source_id)
        row = rows.setdefault(group, {
            "year": int(record.year), **info, "low": value, "high": value, "bound": bound,
            "source_ids": record.source_id, "note": record.note})
        if record.series.endswith("_low"):
            row["low"], row["bound"] = value, "range"
        elif record.series.endswith("_high"):
            row["high"], row["bound"] = value, "range"
    result = pd.DataFrame(rows.values())
    result["value"] = (result["low"] + result["high"]) / 2
    columns = ["year", "estimator", "measure", "period", "low", "high", "value", "bound",
               "source_ids", "note"]
    return result[columns].sort_values(["year", "estimator"]).reset_index(drop=True)


def announced_vs_estimated() -> pd.DataFrame:
    """North Korea's announced military spending next to KIDA's estimate, USD.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``announced_usd_bn`` (figures released by North Korea, as
        compiled by KIDA), ``kida_estimate_usd_bn`` (KIDA's estimate of actual spending
        at a PPP exchange rate, where it exists) and ``ratio`` (estimate / announced),
        all from REUTERS_KIDA_2011. KIDA itself says actual spending is 13-15 times the
        announced figure (the row's note).
    """
    table = load("military_spending")
    table = table[table["source_id"] == "REUTERS_KIDA_2011"]
    announced = table[table["series"] == "milex_announced_by_dprk"].set_index("year")["value"]
    units = set(table.loc[table["series"] == "milex_announced_by_dprk", "unit"])
    if units != {"USD million"}:
        raise ValueError(f"announced spending in unexpected units: {units}")
    estimate = table[table["series"] == "milex_kida_ppp_estimate"].set_index("year")["value"]
    result = pd.DataFrame({"announced_usd_bn": announced / 1000})
    result["kida_estimate_usd_bn"] = estimate.reindex(result.index)
    result["ratio"] = result["kida_estimate_usd_bn"] / result["announced_usd_bn"]
    result.index = result.index.astype(int)
    result.index.name = "year"
    return result.reset_index()


# --- weapons programmes on a timeline -------------------------------------------------

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th) nuclear test")


def nuclear_tests() -> pd.DataFrame:
    """North Korea's nuclear tests, one row per test, with the spread of estimates.

    Returns
    -------
    pandas.DataFrame
        Columns ``test`` (1-6), ``date`` (pandas Timestamp), ``year``,
        ``magnitude_low`` / ``magnitude_high`` (lowest and highest seismic magnitude
        reported), ``yield_low_kt`` / ``yield_high_kt`` (lowest and highest yield figure
        in kilotons, bounds of ranges included), ``n_sources`` and ``source_ids``.

    Notes
    -----
    Yields are estimates from seismic data by different agencies and experts, and
    disagree by a factor of several for the 6th test (events table caveat).
    """
    events = load("events")
    events = events[events["category"] == "nuclear_test"].copy()
    events["test"] = events["event"].str.extract(_ORDINAL, expand=False).astype(int)
    rows = []
    for test, group in events.groupby("test", sort=True):
        dates = set(group["date"])
        if len(dates) != 1:
            raise ValueError(f"nuclear test {test} has several dates: {sorted(dates)}")
        magnitude = group.loc[group["unit"] == "magnitude", "value"]
        yields = group.loc[group["unit"] == "kt", "value"]
        rows.append({
            "test": int(test), "date": pd.Timestamp(dates.pop()),
            "magnitude_low": magnitude.min(), "magnitude_high": magnitude.max(),
            "yield_low_kt": yields.min(), "yield_high_kt": yields.max(),
            "n_sources": group["source_id"].nunique(),
            "source_ids": ";".join(dict.fromkeys(group["source_id"])),
        })
    result = pd.DataFrame(rows)
    result.insert(2, "year", result["date"].dt.year)
    return result


#: Counter labels for the missile_launches table: series -> (counter, what is counted,
#: subset). ``subset`` marks counts of part of a counter's total (successful or failed
#: tests only), which must not be compared with totals.
COUNTERS: dict[str, tuple[str, str, bool]] = {
    "missiles_launched": ("unnamed counter (Caixin)", "missiles", False),
    "missile_tests_nti": ("NTI / CNS database", "tests", False),
    "missile_tests_successful_nti": ("NTI / CNS, successful tests only", "tests", True),
    "missile_tests_failed_nti": ("NTI / CNS, failed tests only", "tests", True),
    "missile_tests_nti_successful_or_unknown":
        ("NTI / CNS, successful or unknown outcome", "tests", True),
    "missile_tests_nti_successful_jan_mar": ("NTI / CNS, successful tests only", "tests", True),
    "missiles_launched_csis_mdp": ("CSIS Missile Defense Project", "missiles", False),
    "ballistic_missiles_japan_mod": ("Japan Ministry of Defense", "ballistic missiles", False),
    "ballistic_missile_launch_events_japan_mod":
        ("Japan Ministry of Defense", "launch events", False),
    "ballistic_missiles_fired": ("unnamed counter (Sputnik)", "ballistic missiles", False),
    "ballistic_missile_launch_events": ("unnamed counter (Sputnik)", "launch events", False),
}


def missile_counts(include_partial: bool = False) -> pd.DataFrame:
    """Missile launches per year as counted by each counter, one row per (year, counter, unit).

    Parameters
    ----------
    include_partial : bool
        Keep counts for part of a year (NTI's January-March 2024 figure). Off by default,
        since a partial year looks like a fall on a chart.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``counter``, ``counts`` (missiles, ballistic missiles, tests or
        launch events: not comparable with each other), ``subset`` (True for counts of
        successful or failed tests only), ``value`` (the median where two documents quote
        the same counter, e.g. Japan MOD's 25 missiles of 2019), ``partial`` (True for
        part of a year), ``n_reports`` and ``source_ids``.

    Notes
    -----
    NTI's figure for 2022 counts successful tests or tests of unknown outcome only
    (STATISTA_9172), so it is a subset; the NTI / CNS database counts only missiles able
    to carry 500 kg over 300 km (WAPO_20170829, as noted in the table).
    """
    table = load("missile_launches")
    unknown = set(table["series"]) - set(COUNTERS)
    if unknown:
        raise KeyError(f"missile_launches has series with no counter label: {sorted(unknown)}")
    table["counter"] = table["series"].map(lambda s: COUNTERS[s][0])
    table["counts"] = table["series"].map(lambda s: COUNTERS[s][1])
    table["subset"] = table["series"].map(lambda s: COUNTERS[s][2])
    table["partial"] = table["series"].str.contains("jan_mar")
    if not include_partial:
        table = table[~table["partial"]]
    result = median_by(table, ["year", "counter", "counts", "subset", "partial"])
    return result[["year", "counter", "counts", "subset", "value", "partial", "n_reports",
                   "source_ids"]]


def strategic_lines() -> pd.DataFrame:
    """The party's strategic lines: byungjin's adoption (2013) and its end (2018).

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (as given; the 2013 row has a month only), ``start`` (pandas
        Timestamp, the first day of the month where only a month is given), ``event``
        and ``source_id``.
    """
    events = load("events")
    events = events[events["category"] == "strategic_line"].copy()
    events["start"] = pd.to_datetime(events["date"], format="mixed")
    return events[["date", "start", "event", "source_id"]].sort_values("start").reset_index(drop=True)


def source_line(source_ids, lead: str = "Sources") -> str:
    """A source line for a chart: the publishers behind ``source_ids``, in order, once each.

    Parameters
    ----------
    source_ids : iterable of str
        Source ids, or strings of ids joined by ``;`` as the views above return them.
    lead : str
        The words before the colon.
    """
    ids = [i for joined in source_ids for i in str(joined).split(";") if i]
    table = sources().set_index("source_id")
    unknown = sorted(set(ids) - set(table.index))
    if unknown:
        raise KeyError(f"unknown source_id(s): {', '.join(unknown)}")
    publishers = dict.fromkeys(table.loc[i, "publisher"] for i in ids)
    return f"{lead}: {'; '.join(publishers)}."
