"""course.data.military: tidy views for notebook 01, checked by hand against the CSV rows.

Every expected value below was read off course/data/tables/*.csv, not from the module.
"""

import math

import pandas as pd
import pytest

from course import data
from course.data import military


# --- official budget share ------------------------------------------------------------

def test_budget_share_rows_by_hand():
    table = military.budget_share()
    row = lambda year, kind: table[(table["year"] == year) & (table["kind"] == kind)]  # noqa: E731
    # defense_budget_share.csv: 1967 30.4 (GS_MILSPENDING); 2013 planned 16.0 (KH_20130402);
    # 2014 executed 15.9 (KCNA_20150409); 2024 planned 15.9 (JANES_7STAR_2024).
    assert row(1967, "reported")["value"].item() == 30.4
    assert row(2013, "planned")["value"].item() == 16.0
    assert row(2014, "executed")["source_ids"].item() == "KCNA_20150409"
    assert row(2024, "planned")["value"].item() == 15.9
    # 2023 planned: NHK_20230119 and URDU_20230119 both say 15.9 -> one row, two reports.
    both = row(2023, "planned")
    assert both["value"].item() == 15.9 and both["n_reports"].item() == 2
    assert both["source_ids"].item() == "NHK_20230119;URDU_20230119"


def test_budget_share_keeps_every_row_and_the_flat_line_since_2012():
    table = military.budget_share()
    assert table["n_reports"].sum() == len(data.load("defense_budget_share")) == 24
    recent = table[table["year"] >= 2012]["value"]
    # Every row for 2012-2024 lies between 15.8 and 16.0 (read off the file).
    assert recent.min() == 15.8 and recent.max() == 16.0
    assert set(table["kind"]) == {"reported", "planned", "executed"}


# --- outside burden estimates ---------------------------------------------------------

def test_burden_estimates_by_hand():
    table = military.burden_estimates().set_index(["year", "source_ids"])
    # LOC_1993: "estimated 20-25% of GNP in 1991" -> a range, midpoint 22.5.
    loc = table.loc[(1991, "LOC_1993")]
    assert (loc["low"], loc["high"], loc["value"], loc["bound"]) == (20, 25, 22.5, "range")
    assert loc["measure"] == "GNP"
    # KH_WMEAT2016 23.3 and ARIRANG_WMEAT2016 23: the same WMEAT edition, two rows.
    assert table.loc[(2014, "KH_WMEAT2016"), "value"] == 23.3
    assert table.loc[(2014, "ARIRANG_WMEAT2016"), "value"] == 23.0
    assert table.loc[(2014, "KH_WMEAT2016"), "period"] == "2004-2014 average"
    # KBS_WMEAT2021: "more than 15 percent" in 2019 -> a lower bound.
    assert table.loc[(2019, "KBS_WMEAT2021"), "bound"] == "lower bound"
    assert table.loc[(2019, "KBS_WMEAT2021"), "low"] == 15
    # NATIONSENC 31 % of GDP in 2001; IISS 25 % in 2003 (GS_MILSPENDING).
    assert table.loc[(2001, "NATIONSENC"), "value"] == 31
    assert table.loc[(2003, "GS_MILSPENDING"), "estimator"] == "IISS Military Balance"
    # KIDA: the note says "~one third of national income" -> 100/3, flagged approximate.
    kida = table.loc[(2009, "REUTERS_KIDA_2011")]
    assert kida["value"] == pytest.approx(33.333, abs=1e-3) and kida["bound"] == "approximate"


def test_burden_estimates_span_and_exclude_dollar_rows():
    table = military.burden_estimates()
    # Eleven reports of a share of output (LOC's two rows merged into one range).
    assert len(table) == 11
    assert table["low"].min() == 15 and table["high"].max() == pytest.approx(100 / 3)
    assert (table["low"] <= table["value"]).all() and (table["value"] <= table["high"]).all()
    # No dollar figure slips in: every value is a percentage below 100.
    assert table["high"].max() < 100


def test_every_percent_row_of_military_spending_has_an_estimator():
    raw = data.load("military_spending")
    percent = raw[raw["unit"].str.startswith("percent")]
    missing = [k for k in zip(percent["source_id"], percent["series"]) if k not in military.ESTIMATORS]
    assert missing == []


def test_announced_vs_estimated_by_hand():
    table = military.announced_vs_estimated().set_index("year")
    # REUTERS_KIDA_2011: announced 470, 510, 540, 570 USD million for 2006-2009;
    # KIDA's 2009 PPP estimate 8.77 USD billion -> ratio 8.77 / 0.57 = 15.386.
    assert table["announced_usd_bn"].tolist() == pytest.approx([0.47, 0.51, 0.54, 0.57])
    assert table.loc[2009, "ratio"] == pytest.approx(15.386, abs=1e-3)
    assert math.isnan(table.loc[2006, "kida_estimate_usd_bn"])


# --- weapons on the timeline ----------------------------------------------------------

def test_nuclear_tests_by_hand():
    tests = military.nuclear_tests().set_index("test")
    assert list(tests.index) == [1, 2, 3, 4, 5, 6]
    assert tests.loc[1, "date"] == pd.Timestamp("2006-10-09")
    assert tests.loc[6, "date"] == pd.Timestamp("2017-09-03")
    # 1st test magnitudes 4.1 (BS_AP_2017) and 3.9 (ARABSTODAY_YONHAP).
    assert (tests.loc[1, "magnitude_low"], tests.loc[1, "magnitude_high"]) == (3.9, 4.1)
    # 6th test yields: KMA 50-60, AFTAC 70-280, NORSAR >100, 38 North 250, AP 100 -> 50 to 280.
    assert (tests.loc[6, "yield_low_kt"], tests.loc[6, "yield_high_kt"]) == (50, 280)
    # Two tests in 2016 (January and September).
    assert (tests["year"] == 2016).sum() == 2


def test_missile_counts_by_hand():
    counts = military.missile_counts()
    get = lambda year, counter, unit: counts[(counts["year"] == year) & (counts["counter"] == counter)  # noqa: E731
                                             & (counts["counts"] == unit)]["value"].item()
    # Japan MOD: 25 missiles in 2019 (NHK_20210915 and NIKKEI_20230121 agree), 59 in 2022.
    assert get(2019, "Japan Ministry of Defense", "ballistic missiles") == 25
    assert get(2022, "Japan Ministry of Defense", "ballistic missiles") == 59
    # 2022: CSIS 99 missiles; Sputnik's unnamed counter 67 ballistic missiles.
    assert get(2022, "CSIS Missile Defense Project", "missiles") == 99
    assert get(2022, "unnamed counter (Sputnik)", "ballistic missiles") == 67
    # NTI: no tests in 2018.
    assert get(2018, "NTI / CNS database", "tests") == 0
    # The partial 2024 figure is left out unless asked for.
    assert 2024 not in set(counts["year"])
    assert 2024 in set(military.missile_counts(include_partial=True)["year"])
    # NTI's 2016 successful (14) and failed (10) tests are subsets of its 24.
    subsets = counts[counts["subset"] & (counts["year"] == 2016)]
    assert sorted(subsets["value"]) == [10, 14]


def test_strategic_lines():
    lines = military.strategic_lines()
    assert lines["date"].tolist() == ["2013-03", "2018-04-20"]
    assert lines["source_id"].tolist() == ["DPRKTODAY_KCNA_2018", "KH_20180501"]


def test_source_line_names_publishers_once_in_order():
    line = military.source_line(["KH_WMEAT2016;ARIRANG_WMEAT2016", "KH_WMEAT2016"])
    assert line == ("Sources: Korea Herald (Yonhap); trenink.info (Arirang News transcript).")
    with pytest.raises(KeyError, match="NOPE"):
        military.source_line(["NOPE"])
