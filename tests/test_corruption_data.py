"""course.data.corruption: conversions checked by hand against the rows of the curated CSVs."""

import math

import pytest

from course.data import corruption


def test_yearly_prices_are_medians_of_the_year():
    prices = corruption.yearly_prices()
    # market_prices 2014 rice: one ASIAPRESS report of 6,000 KPW/kg (asiapress_2015_01_15).
    assert prices.loc[2014, "rice"] == pytest.approx(6000.0)
    assert "asiapress_2015_01_15" in prices.loc[2014, "rice_ids"]


def test_wages_in_rice_by_hand():
    rows = corruption.wages_in_rice().set_index(["year", "series"])
    # 2012 wage 2,000 KPW (lankov_atimes_2012_04_25) / 2012 median rice 4,850 KPW = 0.41237 kg.
    assert rows.loc[(2012, "avg_official_wage_low"), "kg"] == pytest.approx(2000 / 4850)
    # 2019 army major 8,500 / 4,180 = 2.0335 kg (the source says it buys about 2 kg).
    assert rows.loc[(2019, "army_major_state_wage"), "kg"] == pytest.approx(2.0335, abs=1e-4)
    assert 2009 not in set(rows.index.get_level_values("year"))  # split by the redenomination


def test_pay_around_redenomination_by_hand():
    rows = corruption.pay_around_redenomination().set_index(["series", "date"])
    # 3,000 KPW / 25 KPW per kg (Dec 2009) = 120 kg; / 1,300 (Mar 2010) = 2.3077 kg.
    assert rows.loc[("police_officer_monthly_wage_low", "2009-12"), "kg"] == pytest.approx(120.0)
    assert rows.loc[("police_officer_monthly_wage_low", "2010-03"), "kg"] == pytest.approx(3000 / 1300)
    assert rows.loc[("security_agent_monthly_wage", "2009-12"), "kg"] == pytest.approx(200.0)


def test_payments_by_hand():
    rows = corruption.payments().set_index(["label", "year"])
    # 8.3 exemption 80,000 KPW (2014) / 6,000 KPW per kg = 13.333 kg.
    assert rows.loc[("8.3 work exemption, a month", 2014), "kg_low"] == pytest.approx(80000 / 6000)
    # USD 75 (2016) x 8,150 KPW/USD / 5,085 KPW per kg = 120.21 kg.
    assert rows.loc[("trader to security agents, a month", 2016), "kg_low"] == pytest.approx(
        75 * 8150 / 5085)
    # A low-high pair is one row: potato exemption 150,000-180,000 KPW (2013, rice 5,600).
    potato = rows.loc[("agency potato-harvest exemption", 2013)]
    assert (potato["low"], potato["high"]) == (150000.0, 180000.0)
    assert potato["kg_high"] == pytest.approx(180000 / 5600)
    # South Korean won and 2009 (split year) are not converted.
    assert math.isnan(rows.loc[("broker, NK to China", 2011), "kg_low"])
    assert math.isnan(rows.loc[("river crossing to China", 2009), "kg_low"])
    # 2015 USD: no 2015 rate in the tables, so 2016 prices are used and said so.
    assert rows.loc[("student farm exemption", 2015), "price_year"] == 2016


def test_every_payment_has_a_method_and_publisher():
    rows = corruption.payments()
    assert rows["method"].str.len().gt(0).all() and rows["publisher"].str.len().gt(0).all()


def test_figures_build_with_a_source_line():
    from course.figures import corruption as figures

    for make in (figures.wages_in_rice, figures.bribes_in_rice):
        fig = make()
        assert any("Tables" in t.get_text() for t in fig.texts)


def test_un_findings_read_back_as_cited():
    # Typed from the pages read (course/data/additions/sources.csv): OHCHR's report rests on
    # "214 individual interviews conducted in 2017 and 2018"; the COI found that coping by
    # movement and trade was prohibited "to preserve their control over the population".
    found = corruption.un_findings()
    assert found["source_id"].tolist() == list(corruption.UN_FINDINGS)
    ohchr = found[found["source_id"] == "OHCHR_PRICE_IS_RIGHTS_2019"]
    assert ohchr[["date", "value", "unit"]].values.tolist() == [["2019-05-28", 214.0, "interviews"]]
    assert found["event"].str.contains("preserve their control").sum() == 1
    assert found["event"].str.contains("depend primarily on the ability of individuals to bribe").sum() == 1
