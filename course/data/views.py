"""Ready-made views of the curated tables: one estimate per source and year.

The raw tables keep every reported figure. The views answer the question the
course keeps asking, "how far apart are the estimates?", by giving one value
per (year, source) for a few indicators, with the ``source_id`` values behind
each so that every plotted point stays traceable.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from course.data.loader import derived, load, sources


@dataclass(frozen=True)
class Indicator:
    """An indicator the views can compare across sources."""

    key: str
    label: str
    unit: str
    log_scale: bool
    caveat: str


INDICATORS: dict[str, Indicator] = {
    "gdp_growth": Indicator(
        "gdp_growth", "Real GDP growth", "percent, year on year", False,
        "BOK first releases against BOK revised figures and other estimators; "
        "HRI's 2015 figure is per-capita growth, a different measure."),
    "china_trade": Indicator(
        "china_trade", "Trade with China (exports + imports)", "USD billion", False,
        "Agencies read the same Chinese customs data differently; KOTRA adds its "
        "own estimate of crude oil that customs does not show."),
    "rice_price": Indicator(
        "rice_price", "Market price of rice", "KPW per kg (new won)", True,
        "Median of each reporting network's observations in the year, across "
        "markets and months; pre-2009 prices converted at 100 old = 1 new won."),
    "usd_rate": Indicator(
        "usd_rate", "Market exchange rate", "KPW per USD (new won)", True,
        "Median of each network's observations in the year; the official rate "
        "is about 100 times lower and is left out."),
}


def _bok_growth() -> pd.DataFrame:
    table = load("gdp_growth_bok")
    table = table[table["series"] == "real_gdp_growth"].copy()
    # The first release for a year is its earliest vintage; undated revised
    # quotes (no vintage) count as revisions.
    vintage = table["vintage"].astype("Float64").fillna(9999)
    first = vintage.groupby(table["year"]).transform("min")
    table["source"] = ["BOK, first release" if v == f else "BOK, revised"
                       for v, f in zip(vintage, first)]
    return table


def _other_growth() -> pd.DataFrame:
    table = load("gdp_alternative_estimates")
    table = table[table["series"].isin(["real_gdp_growth", "real_gnp_growth",
                                        "gdp_per_capita_growth"])].copy()
    table["source"] = table["reporter"]
    return table


def network(publisher: str) -> str:
    """The reporting network a market-price source belongs to, from its publisher.

    Daily NK, ASIAPRESS, Good Friends, Open Radio for North Korea, or
    ``"Other reports"`` (matched case-insensitively in ``publisher``).
    """
    text = publisher.lower()
    for needle, name in (("daily nk", "Daily NK"), ("asiapress", "ASIAPRESS"),
                         ("asia press", "ASIAPRESS"), ("good friends", "Good Friends"),
                         ("open radio", "Open Radio for North Korea")):
        if needle in text:
            return name
    return "Other reports"


def _market(item: str) -> pd.DataFrame:
    table = load("market_prices")
    table = table[table["item"] == item].copy()
    publishers = sources("market_prices").set_index("source_id")["publisher"]
    table["source"] = table["source_id"].map(publishers).map(network)
    table["year"] = table["date"].str[:4].astype(int)
    table["value"] = table["value_new_kpw"]
    return table


@derived
def estimates(indicator: str) -> pd.DataFrame:
    """One value per (year, source) for an indicator, with the ids behind it.

    Parameters
    ----------
    indicator : str
        A key of :data:`INDICATORS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``source``, ``value``, ``n_reports`` and
        ``source_ids`` (semicolon-separated), sorted by year and source. Where a
        source gives several values for a year, ``value`` is their median.
    """
    if indicator not in INDICATORS:
        raise KeyError(f"unknown indicator {indicator!r}; choose from {', '.join(INDICATORS)}")
    if indicator == "gdp_growth":
        rows = pd.concat([_bok_growth(), _other_growth()])
    elif indicator == "china_trade":
        rows = load("trade_china")
        rows = rows[rows["series"] == "china_trade_total_usd"].assign(source=lambda t: t["reporter"])
    else:
        rows = _market("rice" if indicator == "rice_price" else "usd_rate")
    return median_by(rows, ["year", "source"])


def join_ids(source_ids: pd.Series) -> str:
    """The distinct source ids of a group, in order, joined with semicolons."""
    return ";".join(dict.fromkeys(source_ids))


def median_by(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per group of ``keys``: the median value, how many reports, and their ids.

    The course's standard way to turn several reports of one figure into one
    number while keeping every document behind it traceable.
    """
    result = (rows.groupby(keys, sort=True)
              .agg(value=("value", "median"), n_reports=("value", "size"),
                   source_ids=("source_id", join_ids))
              .reset_index())
    if "year" in keys:
        result["year"] = result["year"].astype(int)
    return result


def by_source(indicator: str) -> pd.DataFrame:
    """The same estimates as a year x source table (NaN where a source is silent)."""
    return estimates(indicator).pivot(index="year", columns="source", values="value")


def bok_revisions() -> pd.DataFrame:
    """Every year for which the Bank of Korea's growth figure was revised after its first release.

    Returns
    -------
    pandas.DataFrame
        Indexed by year: ``first release`` and ``revised`` real GDP growth
        (percent, year on year; a median where reports of the same release
        differ) and ``revision``, revised minus first release in percentage
        points, rounded to two decimals. Only years that have both figures.
    """
    bok = by_source("gdp_growth")[["BOK, first release", "BOK, revised"]].dropna()
    table = bok.rename(columns={"BOK, first release": "first release", "BOK, revised": "revised"})
    table["revision"] = (table["revised"] - table["first release"]).round(2)
    table.columns.name = None
    return table


def source_note(indicator: str, shown: list[str] | None = None) -> str:
    """A one-line source note for a chart of ``indicator`` (optionally only some sources).

    Names the agencies and counts the documents; the documents themselves are
    listed by :func:`citations`.
    """
    rows = estimates(indicator)
    if shown is not None:
        rows = rows[rows["source"].isin(shown)]
    agencies = dict.fromkeys(name.split(",")[0].replace("BOK", "Bank of Korea")
                             for name in rows["source"])
    documents = {i for joined in rows["source_ids"] for i in joined.split(";")}
    return (f"Sources: {', '.join(agencies)}; {len(documents)} documents, "
            f"listed by course.data.views.citations({indicator!r}).")


def citations(indicator: str) -> pd.DataFrame:
    """Publisher, title, date and URL of every document behind an indicator's view."""
    ids = {i for joined in estimates(indicator)["source_ids"] for i in joined.split(";")}
    table = sources()
    columns = ["source_id", "publisher", "title", "date", "url"]
    return table[table["source_id"].isin(ids)][columns].sort_values("date").reset_index(drop=True)
