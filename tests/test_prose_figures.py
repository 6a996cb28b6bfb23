"""Figures quoted in the masters' prose, read back from the tables they come from.

If a table changes, these fail and name the sentence to reword. Expected values are
read off the CSV rows by hand; the cell each sentence lives in is named in the test.
"""

import pytest

from course import data


def test_china_trade_2013_2016_as_notebook_00_describes_it():
    # 00, Figure 2 text alternative: "about 6.5 billion in 2013, 6.4 in 2014,
    # then 5.5 to 6 billion in 2015-2016".
    trade = data.load("trade_china")
    total = trade[trade["series"] == "china_trade_total_usd"]
    by_year = total.groupby("year")["value"].agg(["min", "max"])
    assert by_year.loc[2013].tolist() == [6.5, 6.54]    # KITA, KOTRA
    assert by_year.loc[2014].tolist() == [6.39, 6.39]   # KOTRA
    assert by_year.loc[2015].tolist() == [5.71, 5.71]   # HRI
    assert by_year.loc[2016].tolist() == [5.51, 6.05]   # ITC Trade Map .. KOTRA


def test_missile_counts_2014_2017_have_no_2015_row():
    # 01, Figure 3 text alternative: "about 25 a year in 2014, 2016 and 2017 (no count
    # for 2015 in the table)". Totals only, as the figure plots them.
    launches = data.load("missile_launches")
    totals = launches[~launches["series"].str.contains("successful|failed")]
    years = totals[totals["year"].between(2014, 2017)].groupby("year")["value"].max()
    assert years.to_dict() == {2014: 25, 2016: 24, 2017: 24}


def test_kida_multiple_divides_a_ppp_estimate_by_the_announced_figure():
    # 01, "Evidence 1": KIDA's 2009 estimate at a PPP exchange rate, 8.77 USD billion,
    # over the 570 USD million North Korea announced: 8770 / 570 = 15.39 (about 15).
    spending = data.load("military_spending")
    y2009 = spending[(spending["year"] == 2009) & (spending["source_id"] == "REUTERS_KIDA_2011")]
    value = y2009.set_index("series")["value"]
    units = y2009.set_index("series")["unit"]
    assert units["milex_kida_ppp_estimate"] == "USD billion"
    assert units["milex_announced_by_dprk"] == "USD million"
    ratio = value["milex_kida_ppp_estimate"] * 1000 / value["milex_announced_by_dprk"]
    assert ratio == pytest.approx(15.39, abs=0.01)
