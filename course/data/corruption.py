"""Tidy views of state wages, bribes and fees in kilograms of rice (notebook 04).

The raw tables keep every reported figure with the document it came from. These
views reshape them for *Corruption and the wages of the state*:

* :func:`yearly_prices`: the market price of rice and the market exchange rates
  of the US dollar and the Chinese yuan, one median per year across all reports;
* :func:`wages_in_rice`: state wages (table ``wages``) and police and security
  pay (table ``corruption``) in kilograms of rice at the year's market price;
* :func:`payments`: bribes and fees from table ``corruption``, one row per
  reported payment (a low-high pair becomes one row), in the currency reported
  and, where the tables hold that year's prices, in kilograms of rice, each
  labelled by source, year and method;
* :func:`perceptions`: Transparency International's Corruption Perceptions
  Index (CPI) scores and the two survey figures;
* :func:`un_findings`: what the UN Commission of Inquiry (2014) and the UN
  human rights office (2019) found on coping, control and corruption.

Every row keeps its ``source_id`` (several, joined by ``;``). Nothing here adds
a number: conversions are computed from table rows and labelled as computed.
Kilograms are rough: a year's median price stands for every month of it, and
a report from one market stands for the country.
"""

from __future__ import annotations

import pandas as pd

from course.data.loader import derived, load, sources
from course.data.views import join_ids, median_by

__all__ = ["yearly_prices", "wages_in_rice", "pay_around_redenomination", "payments",
           "perceptions", "un_findings", "UN_FINDINGS", "METHODS", "PAYMENTS"]

# The redenomination of 30 November 2009 splits 2009: its median price mixes old-won
# months (converted) with a new-won December in which prices jumped, so wages dated
# 2009 (December pay in new won) are not valued at a yearly median.
_SPLIT_YEARS = {2009}


@derived
def yearly_prices() -> pd.DataFrame:
    """Median market price of rice and market exchange rates by year, in new won.

    Returns
    -------
    pandas.DataFrame
        Index ``year``; columns ``rice`` (KPW per kg), ``usd`` (KPW per USD),
        ``cny`` (KPW per CNY), each the median of every report in the year
        (table ``market_prices``, ``value_new_kpw``), and ``*_ids`` with the
        source ids behind each. NaN where a year has no report.
    """
    table = load("market_prices")
    table = table.assign(year=table["date"].str[:4].astype(int), value=table["value_new_kpw"])
    out = {}
    for item, name in (("rice", "rice"), ("usd_rate", "usd"), ("cny_rate", "cny")):
        rows = median_by(table[table["item"] == item], ["year"]).set_index("year")
        out[name] = rows["value"]
        out[f"{name}_ids"] = rows["source_ids"]
    return pd.DataFrame(out).sort_index()


# Which wage series count as police and security pay, in table corruption.
_POLICE_WAGES = ("police_officer_monthly_wage_low", "police_officer_monthly_wage_high",
                 "security_agent_monthly_wage", "police_security_officer_official_wage_max")
_OFFICIALS = r"manager|cadre|party|army_major|general_"


@derived
def wages_in_rice() -> pd.DataFrame:
    """Kilograms of rice a month's state wage buys at the year's market price.

    Monthly wages in KPW from table ``wages`` and police and security pay from
    table ``corruption``, divided by :func:`yearly_prices` ``rice`` of the same
    year. Left out: rows with no year, wages in USD, and 2009 (see module).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``series``, ``who`` ("workers and teachers",
        "managers and officials" or "police and security"), ``wage`` (KPW per
        month), ``source_id``, ``rice_price`` (KPW per kg), ``rice_ids`` and
        ``kg`` (computed: wage / rice price, kg of rice per month).
    """
    wages = load("wages")
    wages = wages[wages["unit"] == "KPW per month"].copy()
    wages["who"] = wages["series"].str.contains(_OFFICIALS).map(
        {True: "managers and officials", False: "workers and teachers"})
    police = load("corruption")
    police = police[police["series"].isin(_POLICE_WAGES)].assign(who="police and security")
    rows = pd.concat([wages, police], ignore_index=True)
    rows = rows[rows["year"].notna() & ~rows["year"].isin(_SPLIT_YEARS)].copy()
    rows["year"] = rows["year"].astype(int)
    prices = yearly_prices()[["rice", "rice_ids"]].rename(
        columns={"rice": "rice_price", "rice_ids": "rice_ids"})
    rows = rows.merge(prices, left_on="year", right_index=True, how="inner")
    rows = rows[rows["rice_price"].notna()]
    rows = rows.rename(columns={"value": "wage"})
    rows["kg"] = rows["wage"] / rows["rice_price"]
    columns = ["year", "series", "who", "wage", "source_id", "rice_price", "rice_ids", "kg"]
    return rows.sort_values(["year", "who", "wage"])[columns].reset_index(drop=True)


def pay_around_redenomination() -> pd.DataFrame:
    """December 2009 pay of police, security agents and regular workers in kg of rice.

    The first pay in new won (Good Friends, table ``corruption``) valued at the market price of
    rice right after the redenomination (December 2009, table
    ``market_prices``, dailynk_10337) and in early March 2010 in Pyongyang
    (nkew_2010_12_02): the same pay before and after prices caught up.

    Returns
    -------
    pandas.DataFrame
        Columns ``series``, ``wage`` (KPW per month), ``source_id``, ``date``
        (of the price), ``rice_price`` (KPW per kg), ``price_id`` and ``kg``
        (computed).
    """
    pay = load("corruption")
    pay = pay[pay["series"].isin(_POLICE_WAGES) & (pay["year"] == 2009)]
    prices = load("market_prices")
    rice = prices[(prices["item"] == "rice") & prices["date"].isin(["2009-12", "2010-03"])]
    rows = pay.merge(rice[["date", "value", "source_id"]].rename(
        columns={"value": "rice_price", "source_id": "price_id"}), how="cross")
    rows = rows.rename(columns={"value": "wage"})
    rows["kg"] = rows["wage"] / rows["rice_price"]
    return rows[["series", "wage", "source_id", "date", "rice_price", "price_id", "kg"]]


#: How each document learned its figure, keyed by source_id: read from the sources'
#: own descriptions (shared/data/additions/SOURCES_corruption.md) and the rows' notes.
METHODS: dict[str, str] = {
    "freekorea_2010_05_17": "sources inside NK (Open News)",
    "dailynk_6037": "sources inside NK (Daily NK)",
    "nkeconwatch_2011_07_06": "a broker, to the BBC",
    "reuters_copy_2015_defect": "brokers and defectors, to Reuters",
    "koreatimes_2016_04_cbs": "defectors' reports (CBS)",
    "rfa_2019_01_28": "one source inside NK (RFA)",
    "rfa_2014_05_09": "one official inside NK (RFA)",
    "stopnk_2013_05_21": "one source inside NK (Open Radio)",
    "stopnk_2013_10_04": "one source inside NK (Daily NK)",
    "dailynk_13225": "one source inside NK (Daily NK)",
    "rfa_2016_03_11": "one source inside NK (RFA)",
    "tpu_2024_05_farm": "one source inside NK (Daily NK copy)",
    "rfa_2016_10_27": "one source inside NK (RFA)",
    "asiapress_2018_11_indulgence": "reporters inside NK (ASIAPRESS)",
    "nkeconwatch_2010_10_29": "Good Friends network",
    "upi_2016_12_14": "one merchant source (Tokyo Shimbun)",
    "havocscope_2013_11": "press summary (Chosun Ilbo)",
    "chosun_copy_2013_07_09": "press report (Chosun Ilbo)",
}

#: The payments shown, in order: (label, kind, low series, high series or None).
PAYMENTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("skip rice planting, one day", "exemption from work", "rice_planting_exemption_fee_per_day", None),
    ("skip rice planting, one week", "exemption from work", "rice_planting_exemption_fee_per_week", None),
    ("skip the 70-day campaign", "exemption from work", "70day_battle_exemption_whole_campaign", None),
    ("student farm exemption", "exemption from work", "student_farm_mobilization_exemption_fee", None),
    ("agency potato-harvest exemption", "exemption from work", "potato_harvest_exemption_fee_agency_low",
     "potato_harvest_exemption_fee_agency_high"),
    ("8.3 work exemption, a month", "exemption from work", "workplace_exemption_8_3_payment", None),
    ("school fee for missed farm work", "exemption from work", "farm_work_absence_payment_demanded", None),
    ("trader to security agents, a month", "payments to officials", "regular_bribes_to_security_agents", None),
    ("overseas work placement", "jobs and permits", "bribe_for_overseas_work_placement_low",
     "bribe_for_overseas_work_placement_high"),
    ("hide a disease at the exam", "jobs and permits", "bribe_to_hide_disease_at_medical_exam_low",
     "bribe_to_hide_disease_at_medical_exam_high"),
    ("travel certificate to China", "jobs and permits", "bribe_for_china_travel_certificate_min", None),
    ("a post as Hyesan police officer", "jobs and permits", "bribe_to_become_hyesan_police_officer_min", None),
    ("release from re-education", "release or shorter sentence", "reeducation_release_bribe_low",
     "reeducation_release_bribe_high"),
    ("3 years off a sentence", "release or shorter sentence", "donation_for_3yr_sentence_reduction", None),
    ("release, trafficking case", "release or shorter sentence", "donation_for_release_trafficking_case", None),
    ("inspector visit, other officials", "payments to officials", "bribes_to_inspectors_other_officials_max", None),
    ("river crossing to China", "border crossing", "border_crossing_fee_low", "border_crossing_fee_high"),
    ("river crossing to China (at least)", "border crossing", "border_crossing_fee_min", None),
    ("broker, NK to China", "border crossing", "broker_fee_nk_to_china", None),
)

_CURRENCY = {"CNY": "cny", "USD": "usd", "KPW": None}


def _price_year(prices: pd.DataFrame, year: int, rate: str | None) -> int | None:
    # The report's own year if the tables hold its rice price (and rate); else the
    # year before or after (before first). Never a year split by the redenomination.
    for candidate in (year, year - 1, year + 1):
        if candidate in _SPLIT_YEARS or year in _SPLIT_YEARS or candidate not in prices.index:
            continue
        needed = ["rice"] + ([rate] if rate else [])
        if prices.loc[candidate, needed].notna().all():
            return candidate
    return None


@derived
def payments() -> pd.DataFrame:
    """Reported bribes and fees, one row per payment, in kilograms of rice where possible.

    Returns
    -------
    pandas.DataFrame
        One row per (payment, year) of :data:`PAYMENTS` found in table
        ``corruption``: ``label``, ``kind``, ``year``, ``low`` and ``high``
        (in ``currency``, equal when one figure is reported), ``currency``
        (CNY, USD, KPW or KRW), ``source_id``, ``publisher``, ``method`` (from
        :data:`METHODS`), ``kg_low`` and ``kg_high`` (computed: amount times
        the year's median exchange rate over its median rice price, from
        :func:`yearly_prices`; NaN where the tables lack that year's prices,
        and for South Korean won, which no table converts), ``price_year``
        (the year whose prices were used: the report's own, else the year
        before or after; never 2009, which the redenomination splits) and
        ``price_ids``.
    """
    table = load("corruption")
    names = sources().set_index("source_id")["publisher"]
    prices = yearly_prices()
    records = []
    for label, kind, low_series, high_series in PAYMENTS:
        lows = table[table["series"] == low_series]
        if lows.empty:
            raise KeyError(f"table corruption has no series {low_series!r}")
        for row in lows.itertuples():
            high = row.value
            if high_series is not None:
                match = table[(table["series"] == high_series) & (table["year"] == row.year)]
                high = float(match["value"].iloc[0])
            currency = row.unit.split()[0]
            year = int(row.year)
            kg_low = kg_high = float("nan")
            ids, used = "", None
            if currency in _CURRENCY:
                rate_name = _CURRENCY[currency]
                used = _price_year(prices, year, rate_name)
            if used is not None:
                rate = 1.0 if rate_name is None else prices.loc[used, rate_name]
                kg_low = row.value * rate / prices.loc[used, "rice"]
                kg_high = high * rate / prices.loc[used, "rice"]
                parts = [prices.loc[used, "rice_ids"]]
                if rate_name is not None:
                    parts.append(prices.loc[used, f"{rate_name}_ids"])
                ids = join_ids(pd.Series(";".join(parts).split(";")))
            records.append({
                "label": label, "kind": kind, "year": year, "low": float(row.value),
                "high": float(high), "currency": currency, "source_id": row.source_id,
                "publisher": names[row.source_id], "method": METHODS[row.source_id],
                "kg_low": kg_low, "kg_high": kg_high, "price_year": used, "price_ids": ids})
    return pd.DataFrame(records)


def perceptions() -> pd.DataFrame:
    """CPI scores, ranks and the two survey figures on bribery (table ``corruption``).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``series``, ``value``, ``unit``, ``source_id`` and
        ``note``: the rows whose series starts with ``cpi_``, ``bribes_share``
        or ``defectors_``.
    """
    table = load("corruption")
    keep = table["series"].str.match(r"cpi_|bribes_share|defectors_")
    return table[keep][["year", "series", "value", "unit", "source_id", "note"]].reset_index(drop=True)


#: Sources of the UN findings notebook 04 weighs (course additions to table ``events``).
UN_FINDINGS = ("COI_CRP1_2014", "BARNOLD_COI_RECS_2014", "OHCHR_PRICE_IS_RIGHTS_2019",
               "THEHILL_OHCHR_2019", "LEADERSHIP_OHCHR_2019")


def un_findings() -> pd.DataFrame:
    """The UN findings on coping, control and corruption (table ``events``).

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``event``, ``value``, ``unit`` and ``source_id``: the
        ``human_rights`` events from the sources in :data:`UN_FINDINGS`, in date order.
    """
    events = load("events")
    rows = events[(events["category"] == "human_rights") & events["source_id"].isin(UN_FINDINGS)]
    return rows.sort_values(["date", "seq"], kind="stable")[
        ["date", "event", "value", "unit", "source_id"]].reset_index(drop=True)
