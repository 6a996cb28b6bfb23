"""course.data.trade: values checked by hand against the rows of the curated CSVs."""

import math

import pandas as pd
import pytest

from course import data
from course.data import trade


# --- exports -------------------------------------------------------------------------------

def test_exports_prefers_the_bank_of_korea_and_keeps_the_source():
    table = trade.exports().set_index("year")
    # trade_total.csv: 2016,exports_usd,2.82,...,bok2017_via_kpinews (BOK) and 2.83 (ITC).
    assert table.loc[2016, "value"] == 2.82
    assert table.loc[2016, "source_id"] == "bok2017_via_kpinews"
    assert table.loc[2016, "n_reports"] == 2
    # 2017: 1.77 bok2018_via_hankyungtv; 2018: 0.24 bok2019_via_ajunews;
    # 2019: BOK 0.28 (bok2020_via_kukinews) beats KITA 0.261.
    assert table.loc[2017, "value"] == 1.77 and table.loc[2017, "source_id"] == "bok2018_via_hankyungtv"
    assert table.loc[2018, "value"] == 0.24 and table.loc[2018, "source_id"] == "bok2019_via_ajunews"
    assert table.loc[2019, "value"] == 0.28 and table.loc[2019, "reporter"] == "Bank of Korea"


def test_exports_falls_back_to_kotra_and_filters_years():
    table = trade.exports(2012, 2014).set_index("year")
    assert list(table.index) == [2012, 2013, 2014]
    # No BOK export figure for 2012-2013: KOTRA 2.9 (kotra2013_via_straitstimes), 3.22 (kotra2014_via_yonhap).
    assert table.loc[2012, "value"] == 2.9 and table.loc[2012, "reporter"] == "KOTRA"
    assert table.loc[2013, "value"] == 3.22 and table.loc[2013, "source_id"] == "kotra2014_via_yonhap"
    assert table.loc[2014, "value"] == 3.16  # bok2015_via_nkeconwatch


def test_exports_one_row_per_year_and_only_cited_ids():
    table = trade.exports()
    assert table["year"].is_unique and table["year"].is_monotonic_increasing
    assert set(table["source_id"]) <= set(data.sources()["source_id"])


# --- exports to China ----------------------------------------------------------------------

def test_exports_to_china_keeps_agencies_apart():
    wide = trade.exports_to_china()
    # 2017 GAC: 1.72 (gac2018_via_globaltimes) and 1.65 (gac2019_via_seoul) -> median 1.685;
    # UN Comtrade 1.731 (comtrade2019_via_newsis).
    assert wide.loc[2017, "China customs (GAC)"] == pytest.approx(1.685)
    assert wide.loc[2017, "UN Comtrade"] == 1.731
    # 2016: KOTRA 2.63, Statistics Korea 2.63, KITA 2.6; no GAC row.
    assert wide.loc[2016, "KOTRA"] == 2.63 and wide.loc[2016, "KITA"] == 2.6
    assert math.isnan(wide.loc[2016, "China customs (GAC)"])
    assert list(wide.columns[:2]) == ["China customs (GAC)", "KOTRA"]


def test_exports_to_china_long_form_counts_reports():
    long = trade.exports_to_china(long=True).set_index(["year", "reporter"])
    row = long.loc[(2018, "China customs (GAC)")]
    # 0.21315 (gac2019_via_reuters) and 0.21 (gac2019_via_seoul) -> median 0.211575.
    assert row["value"] == pytest.approx(0.211575)
    assert row["n_reports"] == 2
    assert row["source_ids"] == "gac2019_via_reuters;gac2019_via_seoul"


def test_china_share_by_hand():
    share = trade.china_share().set_index("year")
    # 2017: median of 1.72, 1.731, 1.65 = 1.72; over BOK 1.77.
    assert share.loc[2017, "to_china"] == pytest.approx(1.72)
    assert share.loc[2017, "share"] == pytest.approx(1.72 / 1.77)
    # 2016: median of 2.6, 2.63, 2.63 = 2.63; over 2.82.
    assert share.loc[2016, "share"] == pytest.approx(2.63 / 2.82)
    # 2012: GAC 2.5013 and KOTRA 2.4 -> 2.45065; over KOTRA's 2.9 (one id kept once).
    assert share.loc[2012, "share"] == pytest.approx(2.45065 / 2.9)
    assert share.loc[2012, "source_ids"] == "gac2013_via_sedaily;kotra2013_via_straitstimes"
    assert "bok2018_via_hankyungtv" in share.loc[2017, "source_ids"].split(";")


# --- resolutions ---------------------------------------------------------------------------

def test_resolutions_parse_numbers_and_measures():
    rows = trade.resolutions()
    assert rows["date"].is_monotonic_increasing
    r2371 = rows[rows["resolution"] == "2371"]
    assert list(r2371["date"].unique()) == ["2017-08-05"]
    # events.csv: "UNSC Res. 2371: export revenue targeted",1000,USD million per year,USEMB_EG_2371
    targeted = r2371[r2371["source_id"] == "USEMB_EG_2371"].iloc[0]
    assert targeted["measure"] == "export revenue targeted"
    assert targeted["value"] == 1000 and targeted["unit"] == "USD million per year"
    assert rows.iloc[-1]["resolution"] == "veto"  # 2024-03-28, TRIBUNE_20240329
    assert len(rows) == 24  # every sanctions_resolution row of events.csv


def test_resolution_timeline_one_row_per_resolution():
    timeline = trade.resolution_timeline(2016, 2017)
    assert list(timeline["resolution"]) == ["2270", "2321", "2356", "2371", "2375", "2397"]
    r2321 = timeline.set_index("resolution").loc["2321"]
    # Three rows: cap 400.870018 USD million, 7.5 Mt, expected cut 700 USD million.
    assert "(400.870018 USD million per year)" in r2321["measures"]
    assert "(7.5 million tonnes per year)" in r2321["measures"]
    assert r2321["source_ids"] == "REDSTATE_20170609;KYODO_20170224;USEMB_KR_2321"
    r2375 = timeline.set_index("resolution").loc["2375"]
    assert r2375["measures"].startswith("after 6th test: textile export ban")
    assert "(2,000,000 barrels per year)" in r2375["measures"]


# --- overseas workers ----------------------------------------------------------------------

def test_workers_in_russia_keeps_disagreeing_counts():
    rows = trade.workers_in_russia()
    values = dict(zip(rows["series"] + "@" + rows["source_id"], rows["value"]))
    # OKEZONE_20190326: Russia's report to the UN, 30,023 -> 11,490 during 2018.
    assert values["workers_in_russia_with_valid_permits_start@OKEZONE_20190326"] == 30023
    assert values["workers_in_russia_with_valid_permits_end@OKEZONE_20190326"] == 11490
    assert values["workers_remaining_in_russia@NKNEWS_202003"] == 511
    assert rows["year"].is_monotonic_increasing
    assert "state_revenue" not in " ".join(rows["series"])


# --- humanitarian appeals ------------------------------------------------------------------

def test_appeals_by_hand():
    table = trade.appeals().set_index("year")
    assert list(table.index) == [2012, 2013, 2015, 2016, 2018, 2019, 2020]
    # 2018: requirement 111 (DOCSLIB_NP2018), 20.6 % funded as of Oct 2018 (38N_201810).
    assert table.loc[2018, "requirement"] == 111
    assert table.loc[2018, "pct_funded"] == 20.6 and table.loc[2018, "as_of"] == "2018-10"
    assert math.isnan(table.loc[2018, "received"])
    assert table.loc[2018, "source_ids"] == "38N_201810;DOCSLIB_NP2018"
    # 2019: the final report (27 %, 32 m, UNOCHA_20200211) beats the September partial
    # one (20 m, YONHAP_20190926); the requirement 120.3 comes from YONHAP_20190926.
    assert table.loc[2019, "pct_funded"] == 27 and table.loc[2019, "as_of"] == "final"
    assert table.loc[2019, "received"] == 32 and table.loc[2019, "requirement"] == 120.3
    # 2013: latest percentage is 'about 35%' by June (MASRESS_2013), whose own requirement
    # is 150 (OCHA's 147 is listed first).
    assert table.loc[2013, "pct_funded"] == 35 and table.loc[2013, "requirement"] == 150
    # 2012: 37.8 % and 74.9 m received as of 1 May 2012, requirement 198 (DEVEX_2012).
    assert (table.loc[2012, "requirement"], table.loc[2012, "received"]) == (198, 74.9)
    # Years with a requirement but no funding report.
    assert math.isnan(table.loc[2016, "pct_funded"]) and table.loc[2016, "as_of"] == ""


def test_appeals_consistent_where_amount_and_share_are_both_reported():
    table = trade.appeals().set_index("year")
    # 2019: 32 / 120.3 = 26.6 %, reported as 27 %; 2012: 74.9 / 198 = 37.8 %.
    assert 32 / 120.3 * 100 == pytest.approx(table.loc[2019, "pct_funded"], abs=0.5)
    assert 74.9 / 198 * 100 == pytest.approx(table.loc[2012, "pct_funded"], abs=0.05)


def test_views_return_fresh_frames():
    first = trade.exports()
    first["value"] = 0.0
    assert trade.exports()["value"].sum() > 0
    assert isinstance(trade.resolution_timeline(), pd.DataFrame)
