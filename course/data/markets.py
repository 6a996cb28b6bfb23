"""Tidy views of market prices, state wages and the spread of markets (notebook 03).

The raw tables keep every reported figure with the document it came from. These
views reshape them for *Markets from below: plan and market*:

* :func:`prices`: market prices of rice and maize and market exchange rates,
  all in new won, with the reporting network and a city label;
* :func:`disagreements`: months in which two reporting networks put the same
  price far apart;
* :func:`wage_in_rice`: how many kilograms of rice a month's state wage buys at
  market prices, by year and city (and at the state price where one is given);
* :func:`currency_events`: the 2009 redenomination and what followed;
* :func:`market_income` and :func:`official_markets`: survey shares of
  household income from markets, and counts of official markets.

Every row keeps its ``source_id`` (several, joined by ``;``, where rows are
merged). Nothing here adds a number: ratios are computed from table rows and
labelled as computed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.data.loader import derived, load, sources
from course.data.views import join_ids, network

__all__ = ["REDENOMINATION", "CITIES", "prices", "disagreements", "wage_in_rice",
           "currency_events", "market_income", "official_markets"]

#: Date of the currency redenomination (100 old won = 1 new won), table ``events``.
REDENOMINATION = "2009-11-30"

#: Cities with their own price series; other places and averages are pooled.
CITIES: tuple[str, ...] = ("Pyongyang", "Sinuiju", "Hyesan", "Chongjin")
OTHER = "other places, averages"


def _city(place: str) -> str:
    for city in CITIES:
        if place == city or place.startswith(city + " ("):
            return city
    return OTHER


def _decimal_year(date: str) -> float:
    # "2009-11" is read as mid-month, "2009" as mid-year: the reports rarely give the day.
    parts = [int(p) for p in date.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 7
    day = parts[2] if len(parts) > 2 else 15
    return year + (month - 1) / 12 + (day - 1) / 365.25


@derived
def prices(items: tuple[str, ...] = ("rice", "maize", "usd_rate", "cny_rate")) -> pd.DataFrame:
    """Market prices and exchange rates in new won, one row per report.

    Parameters
    ----------
    items : tuple of str
        Items of table ``market_prices``: ``rice``, ``maize`` (KPW per kg),
        ``usd_rate``, ``cny_rate`` (KPW per US dollar or yuan, market rates).

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (as reported), ``when`` (decimal year), ``year``,
        ``item``, ``place``, ``city`` (one of :data:`CITIES` or ``OTHER``),
        ``value`` (new won), ``old_won`` (True where the report was in old won
        and divided by 100), ``network`` (Daily NK, ASIAPRESS, Good Friends,
        Open Radio for North Korea or Other reports), ``source_id``; sorted by date.
    """
    table = load("market_prices")
    table = table[table["item"].isin(items)].copy()
    publishers = sources("market_prices").set_index("source_id")["publisher"]
    table["value"] = table["value_new_kpw"]
    table["old_won"] = table["unit"].str.startswith("old ")
    table["when"] = table["date"].map(_decimal_year)
    table["year"] = table["date"].str[:4].astype(int)
    table["city"] = table["place"].map(_city)
    table["network"] = table["source_id"].map(publishers).map(network)
    columns = ["date", "when", "year", "item", "place", "city", "value", "old_won", "network",
               "source_id"]
    return table.sort_values(["when", "item", "place"])[columns].reset_index(drop=True)


@derived
def disagreements(item: str = "rice", ratio: float = 1.3) -> pd.DataFrame:
    """Months in which two reporting networks put one city's price far apart.

    For each calendar month and each city of :data:`CITIES`, takes the lowest
    and the highest report of ``item`` among the rows that name the city
    (alone, with a market, or in a list such as ``"Pyongyang/Sariwon"``) and
    keeps the pair when they come from different networks and the higher is at
    least ``ratio`` times the lower.

    Returns
    -------
    pandas.DataFrame
        One row per month and city: ``month``, ``city``, ``low``,
        ``low_network``, ``low_place``, ``low_source``, the same four for
        ``high``, and ``ratio`` = high / low (computed).
    """
    rows = prices((item,))
    rows["month"] = rows["date"].str[:7]
    out = []
    for (month, city), group in _by_month_and_city(rows):
        low, high = group.loc[group["value"].idxmin()], group.loc[group["value"].idxmax()]
        if low["network"] == high["network"] or high["value"] < ratio * low["value"]:
            continue
        out.append({"month": month, "city": city,
                    **{f"low_{k}": low[v] for k, v in _PAIR}, "low": low["value"],
                    **{f"high_{k}": high[v] for k, v in _PAIR}, "high": high["value"],
                    "ratio": high["value"] / low["value"]})
    columns = ["month", "city", "low", "low_network", "low_place", "low_source", "high",
               "high_network", "high_place", "high_source", "ratio"]
    return pd.DataFrame(out, columns=columns)


_PAIR = (("network", "network"), ("place", "place"), ("source", "source_id"))


def _by_month_and_city(rows: pd.DataFrame):
    # A row counts for every city its place names, so a multi-city average can be
    # set beside the city's own reports.
    for city in CITIES:
        named = rows[rows["place"].str.contains(city, regex=False)]
        for month, group in named.groupby("month"):
            yield (month, city), group


def wage_in_rice() -> pd.DataFrame:
    """Kilograms of rice a month's state wage buys, by year and city.

    Every monthly wage in table ``wages`` (KPW per month) is divided by the
    median market price of rice in the same year and city (table
    ``market_prices``, new won), and, for 2002, by the state rice price the
    same table gives. Years without both a wage and a price are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``wage_series``, ``wage`` (KPW per month),
        ``group`` (``"workers and teachers"`` or ``"managers and officials"``),
        ``wage_source``, ``city`` (a city, ``OTHER`` or ``"state price"``),
        ``rice_price`` (KPW per kg), ``n_reports``, ``rice_sources`` and
        ``kg`` (computed: wage / rice price).
    """
    wages = load("wages")
    monthly = wages[wages["unit"] == "KPW per month"]
    rice = prices(("rice",))
    medians = (rice.groupby(["year", "city"])
               .agg(rice_price=("value", "median"), n_reports=("value", "size"),
                    rice_sources=("source_id", join_ids))
               .reset_index())
    state = wages[wages["series"] == "official_state_rice_price_after_jul2002_reform"]
    medians = pd.concat([medians, pd.DataFrame({
        "year": state["year"].astype(int), "city": "state price", "rice_price": state["value"],
        "n_reports": 1, "rice_sources": state["source_id"]})], ignore_index=True)
    joined = monthly.rename(columns={"series": "wage_series", "value": "wage",
                                     "source_id": "wage_source"})
    joined = joined.assign(year=joined["year"].astype(int)).merge(medians, on="year")
    joined["kg"] = joined["wage"] / joined["rice_price"]
    joined["group"] = np.where(joined["wage_series"].str.contains(_OFFICIALS), "managers and officials",
                               "workers and teachers")
    columns = ["year", "wage_series", "group", "wage", "wage_source", "city", "rice_price",
               "n_reports", "rice_sources", "kg"]
    return joined.sort_values(["year", "city", "wage"])[columns].reset_index(drop=True)


# Wage series of managers, cadres and officers; every other series is an ordinary
# worker's or teacher's pay.
_OFFICIALS = r"manager|cadre|party|army_major|general_"


def currency_events() -> pd.DataFrame:
    """The 2009 redenomination and what followed (table ``events``, ``market_policy``)."""
    events = load("events")
    events = events[events["category"] == "market_policy"]
    return events[["date", "event", "value", "unit", "source_id", "note"]].reset_index(drop=True)


def market_income() -> pd.DataFrame:
    """Survey shares of households' income from markets (table ``household_market_income``).

    Keeps the rows measured in percent and adds ``label`` (what was asked,
    in plain words) and ``survey`` (who asked whom).
    """
    table = load("household_market_income")
    table = table[table["unit"].str.startswith("percent")].copy()
    table["label"] = table["series"].map(_INCOME_LABELS).fillna(table["series"])
    table["year"] = table["year"].astype(int)
    return table[["year", "series", "label", "value", "unit", "source_id", "note"]] \
        .sort_values(["year", "series"]).reset_index(drop=True)


_INCOME_LABELS = {
    "respondents_half_or_more_income_from_private_business":
        "refugees with half or more of income from private business",
    "female_traders_reporting_bribes_to_avoid_penal_system":
        "female traders who bribed to avoid the penal system",
    "defectors_living_from_private_sector": "defectors who lived from the private sector",
    "expert_estimate_income_share_from_markets_low": "experts: income share from markets (low)",
    "expert_estimate_income_share_from_markets_high": "experts: income share from markets (high)",
    "women_share_of_household_income_min": "women's share of household income (at least)",
    "lit_summary_informal_share_of_income_min": "informal share of household income (at least)",
    "respondents_almost_all_income_from_markets": "respondents with almost all income from markets",
    "women_share_of_market_vendors": "women's share of market vendors",
}


def official_markets() -> pd.DataFrame:
    """Counts of official markets (table ``markets_count``), dated rows first.

    Rows whose source gives no year keep ``year`` as NaN; ``counter`` says who counted.
    """
    table = load("markets_count")
    table = table[table["unit"] == "markets"].copy()
    counters = {"official_markets_count": "satellite count (Melvin / CSIS)",
                "official_markets_count_nis": "South Korean NIS",
                "legal_markets_count_nkdi": "NKDI",
                "markets_incl_gray_markets_estimate_min": "South Korean estimate incl. gray markets"}
    table["counter"] = table["series"].map(counters).fillna(table["series"])
    return table[["year", "series", "counter", "value", "source_id", "note"]] \
        .sort_values("year", na_position="last").reset_index(drop=True)
