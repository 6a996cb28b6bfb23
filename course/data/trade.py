"""Tidy views of trade, sanctions resolutions, overseas workers and humanitarian appeals.

The raw tables keep every reported figure with the document it came from. These
views reshape them for notebook 02 (*Sanctions, leakage and diplomacy*):

* :func:`exports`: North Korea's total exports, one value a year, from the
  preferred reporter (Bank of Korea, else KOTRA, else others);
* :func:`exports_to_china`: North Korea's exports to China (China's imports
  from North Korea) as a year x reporter table, where the agencies disagree;
* :func:`china_share`: China's share of North Korea's exports, year by year;
* :func:`resolutions` and :func:`resolution_timeline`: the UN Security Council
  resolutions and what each one banned or capped;
* :func:`workers_in_russia`: reported counts of North Korean workers in Russia
  around Resolution 2397's repatriation deadline;
* :func:`appeals`: the UN humanitarian appeal for North Korea, year by year:
  how much was asked for and what share of it was funded, by when.

Every row keeps its ``source_id`` (several, joined by ``;``, where rows are
merged), so every plotted point can be traced with :func:`course.data.sources`.
Nothing here adds a number to the data: ratios are computed from rows that are
in the tables and labelled as computed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from course.data.loader import derived, load
from course.data.views import join_ids, median_by

__all__ = ["exports", "exports_to_china", "china_share", "resolutions", "resolution_timeline",
           "workers_in_russia", "appeals", "EXPORT_REPORTERS", "CHINA_REPORTERS"]

# Preference order when several agencies report the same year's total exports:
# the BOK publishes one series every year with one method; KOTRA compiles the
# partners' reports that the BOK figures rest on.
EXPORT_REPORTERS: tuple[str, ...] = ("Bank of Korea", "KOTRA", "ROK Ministry of Unification",
                                     "KITA", "ITC Trade Map")

# Agencies that report China's imports from North Korea, in the order a chart lists them.
CHINA_REPORTERS: tuple[str, ...] = ("China customs (GAC)", "KOTRA", "Statistics Korea", "KITA",
                                    "UN Comtrade")


# --- exports ------------------------------------------------------------------------------

@derived
def exports(first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """North Korea's total merchandise exports, one value per year.

    Where several agencies report a year, the first one in
    :data:`EXPORT_REPORTERS` is used; where that agency has several releases
    for the year, the latest release (highest ``vintage``) is used.

    Parameters
    ----------
    first, last : int, optional
        Keep only years in ``[first, last]``.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (int), ``value`` (USD billion), ``reporter``,
        ``source_id``, ``n_reports`` (how many reports exist for the year, all
        agencies together), sorted by year.
    """
    table = load("trade_total")
    table = table[table["series"] == "exports_usd"].copy()
    rank = {name: i for i, name in enumerate(EXPORT_REPORTERS)}
    table["rank"] = table["reporter"].map(rank).fillna(len(rank))
    table["vintage_sort"] = table["vintage"].astype("Float64").fillna(0)
    counts = table.groupby("year")["value"].size()
    table = table.sort_values(["year", "rank", "vintage_sort"], ascending=[True, True, False])
    chosen = table.groupby("year", sort=True).head(1)
    result = chosen[["year", "value", "reporter", "source_id"]].copy()
    result["year"] = result["year"].astype(int)
    result["n_reports"] = result["year"].map(counts).astype(int).to_numpy()
    if first is not None:
        result = result[result["year"] >= first]
    if last is not None:
        result = result[result["year"] <= last]
    return result.reset_index(drop=True)


def _china_rows() -> pd.DataFrame:
    table = load("trade_china")
    return table[table["series"] == "nk_exports_to_china_usd"].copy()


@derived
def exports_to_china(long: bool = False) -> pd.DataFrame:
    """North Korea's exports to China (China's imports from North Korea), by reporter.

    Parameters
    ----------
    long : bool
        ``False`` (default): a year x reporter table of USD billion, NaN where a
        reporter is silent; where one reporter gives several figures for a year
        the cell is their median. ``True``: one row per (year, reporter) with
        ``value``, ``n_reports`` and ``source_ids``.
    """
    rows = _china_rows()
    result = median_by(rows, ["year", "reporter"])
    if long:
        return result
    wide = result.pivot(index="year", columns="reporter", values="value")
    order = [r for r in CHINA_REPORTERS if r in wide.columns]
    return wide[order + [c for c in wide.columns if c not in order]]


@derived
def china_share() -> pd.DataFrame:
    """China's share of North Korea's exports, ``w`` in the sanctions model.

    For each year with both figures: the median of every report of China's
    imports from North Korea (all agencies together) divided by the year's
    total exports from :func:`exports`. The two come from different agencies,
    so the ratio is approximate (and can exceed 1 in principle).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``to_china`` and ``total`` (USD billion), ``share``
        (computed, dimensionless), ``source_ids``.
    """
    rows = _china_rows()
    china = rows.groupby("year").agg(to_china=("value", "median"),
                                     china_ids=("source_id", join_ids)).reset_index()
    china["year"] = china["year"].astype(int)
    total = exports().rename(columns={"value": "total", "source_id": "total_id"})
    merged = china.merge(total[["year", "total", "total_id"]], on="year", how="inner")
    merged["share"] = merged["to_china"] / merged["total"]
    merged["source_ids"] = [";".join(dict.fromkeys(f"{a};{b}".split(";")))
                            for a, b in zip(merged["china_ids"], merged["total_id"])]
    return merged[["year", "to_china", "total", "share", "source_ids"]]


# --- UN Security Council resolutions -----------------------------------------------------

_RES = re.compile(r"Res\.\s*(\d{4})")


def resolutions() -> pd.DataFrame:
    """Every sanctions-related resolution row of the events table, one per measure.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (text, as in the table), ``year`` (int),
        ``resolution`` (e.g. ``"2371"``; ``"veto"`` for the 2024 Russian veto of
        the Panel of Experts), ``measure`` (the event text without its
        "UNSC Res. NNNN" prefix), ``value``, ``unit``, ``source_id``, ``note``,
        in date order.
    """
    events = load("events")
    rows = events[events["category"] == "sanctions_resolution"].copy()
    numbers = rows["event"].str.extract(_RES, expand=False)
    rows["resolution"] = numbers.fillna("veto")
    measure = rows["event"].str.replace(r"^UNSC Res\.\s*\d{4}\s*:?\s*", "", regex=True)
    rows["measure"] = measure.str.strip()
    rows["year"] = rows["date"].str[:4].astype(int)
    columns = ["date", "year", "resolution", "measure", "value", "unit", "source_id", "note"]
    return rows.sort_values(["date", "seq"], kind="stable")[columns].reset_index(drop=True)


@derived
def resolution_timeline(first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """One row per resolution: date, number, what it banned or capped, and sources.

    Quantities (caps, revenue targeted) are written into the text with their
    unit, exactly as the table gives them.

    Parameters
    ----------
    first, last : int, optional
        Keep only resolutions adopted in years ``[first, last]``.
    """
    rows = resolutions()
    if first is not None:
        rows = rows[rows["year"] >= first]
    if last is not None:
        rows = rows[rows["year"] <= last]

    def text(row) -> str:
        if pd.isna(row["value"]):
            return row["measure"]
        value = float(row["value"])
        number = f"{int(value):,}" if value.is_integer() else f"{value:,}"
        return f"{row['measure']} ({number} {row['unit']})"

    rows = rows.assign(text=rows.apply(text, axis=1))
    result = rows.groupby(["date", "resolution"], sort=True).agg(
        measures=("text", "; ".join), source_ids=("source_id", join_ids)).reset_index()
    return result


# --- overseas workers --------------------------------------------------------------------

def workers_in_russia() -> pd.DataFrame:
    """Reported counts of North Korean workers in Russia, 2017-2020.

    The counts come from different reporters (the Russian government's report
    to the UN, its ambassador, news reports) and do not agree; every row is
    kept with its note.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``series``, ``value`` (persons), ``source_id``,
        ``note``, sorted by year and then as listed in the table.
    """
    table = load("overseas_workers")
    rows = table[table["series"].str.contains("russia") & (table["unit"] == "persons")]
    rows = rows.assign(year=rows["year"].astype(int))
    return rows[["year", "series", "value", "source_id", "note"]].sort_values(
        "year", kind="stable").reset_index(drop=True)


# --- humanitarian appeals ----------------------------------------------------------------

_APPEAL = re.compile(r"^un_appeal_(requirement|received|pct_funded|shortfall)"
                     r"(?:_as_of_(\d{4})_(\d{2})(?:_(\d{2}))?)?$")


def _appeal_rows() -> pd.DataFrame:
    table = load("humanitarian_aid")
    parts = table["series"].str.extract(_APPEAL)
    rows = table[parts[0].notna()].copy()
    parts = parts[parts[0].notna()]
    rows["measure"] = parts[0]
    # "final" (no date in the series name) sorts after any dated partial report.
    as_of = parts[1].fillna("") + "-" + parts[2].fillna("") + "-" + parts[3].fillna("")
    as_of = as_of.str.strip("-").replace("", "final")
    rows["as_of"] = as_of
    rows["year"] = rows["year"].astype(int)
    return rows


@derived
def appeals() -> pd.DataFrame:
    """The UN humanitarian appeal for North Korea: requirement and funding, per year.

    For each year with an appeal requirement in the table:

    * the funding report is the latest report of the percentage funded (a final
      figure counts as later than any dated partial one);
    * the requirement is the one published by that report's source if it gives
      one, otherwise the first requirement listed for the year;
    * ``received`` is the amount received reported by the same source at the
      same date, where there is one.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``requirement`` (USD million), ``pct_funded``
        (percent; NaN where no report), ``as_of`` (``"YYYY-MM[-DD]"`` for a
        partial report, ``"final"``), ``received`` (USD million or NaN),
        ``source_ids``.
    """
    rows = _appeal_rows()
    records = []
    for year, group in rows.groupby("year", sort=True):
        required = group[group["measure"] == "requirement"]
        if required.empty:
            continue
        pct = group[group["measure"] == "pct_funded"]
        record = {"year": int(year), "requirement": float(required["value"].iloc[0]),
                  "pct_funded": np.nan, "as_of": "", "received": np.nan}
        ids = [required["source_id"].iloc[0]]
        if not pct.empty:
            latest = pct.assign(key=pct["as_of"].replace("final", "9999")).sort_values(
                "key", kind="stable").iloc[-1]
            record["pct_funded"] = float(latest["value"])
            record["as_of"] = latest["as_of"]
            ids = [latest["source_id"]]
            same_source = required[required["source_id"] == latest["source_id"]]
            if not same_source.empty:
                record["requirement"] = float(same_source["value"].iloc[0])
            else:
                ids.append(required["source_id"].iloc[0])
            received = group[(group["measure"] == "received")
                             & (group["source_id"] == latest["source_id"])
                             & (group["as_of"] == latest["as_of"])]
            if not received.empty:
                record["received"] = float(received["value"].iloc[0])
        record["source_ids"] = ";".join(dict.fromkeys(ids))
        records.append(record)
    return pd.DataFrame(records, columns=["year", "requirement", "pct_funded", "as_of",
                                          "received", "source_ids"])
