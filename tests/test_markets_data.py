"""course.data.markets and course.figures.markets: values checked by hand against the CSV rows."""

import pytest
from matplotlib.figure import Figure

from course import data
from course.data import markets
from course.figures import markets as figures


def test_prices_are_in_new_won_with_the_redenomination_respected():
    rows = markets.prices().set_index(["date", "item", "source_id"]).sort_index()
    # market_prices.csv: 2007-06-09,Chongjin,rice,970,old KPW per kg,9.7,goodfriends_nkt77_2007
    chongjin = rows.loc[("2007-06-09", "rice", "goodfriends_nkt77_2007")]
    assert sorted(chongjin["value"]) == [9.7, 10.0]  # Chongjin 970 and Rason 1,000 old won
    assert chongjin["old_won"].all()
    # 2009-11 nkew_2010_12_02: 22, noted "(= 2,200 old won)": already new won.
    late_nov = markets.prices(("rice",)).query("date == '2009-11'")
    assert late_nov["value"].tolist() == [22.0] and not late_nov["old_won"].any()
    # ...while the border yuan rate of the same month (588 old won) is divided by 100.
    assert rows.loc[("2009-11", "cny_rate", "yonhap_ornk_2010_01_04"), "value"] == 5.88


def test_prices_label_networks_and_cities():
    rows = markets.prices(("rice",))
    copy_site = rows[rows["source_id"] == "tpu_2024_03_grain"]
    assert set(copy_site["network"]) == {"Daily NK"}  # thepressunited.com copies Daily NK
    assert set(rows[rows["source_id"] == "rfa_copy_2021_06"]["network"]) == {"Other reports"}
    tangsang = rows[rows["place"] == "Pyongyang (Tangsang market)"]
    assert set(tangsang["city"]) == {"Pyongyang"}
    average = rows[rows["place"].str.startswith("Hyesan/Musan")]
    assert set(average["city"]) == {markets.OTHER}
    assert rows["when"].is_monotonic_increasing


def test_disagreements_find_the_pyongyang_rice_gap_of_june_2021():
    gaps = markets.disagreements("rice").set_index(["month", "city"])
    row = gaps.loc[("2021-06", "Pyongyang")]
    # Daily NK 3,800 (dailynk_2024_regional) vs RFA 7,000 (rfa_copy_2021_06): 7000/3800 = 1.8421.
    assert (row["low"], row["high"]) == (3800, 7000)
    assert (row["low_source"], row["high_source"]) == ("dailynk_2024_regional", "rfa_copy_2021_06")
    assert row["ratio"] == pytest.approx(1.842105, abs=1e-6)


def test_disagreements_on_the_dollar_in_november_2024():
    gaps = markets.disagreements("usd_rate").set_index(["month", "city"])
    row = gaps.loc[("2024-11", "Pyongyang")]
    # Daily NK 17,900 (tpu_2024_11_24_fx) vs NK Times 30,800 (Pyongyang/Sariwon/...).
    assert (row["low"], row["high"], row["high_source"]) == (17900, 30800, "nktimes_2024_11_27")
    # A high threshold keeps nothing; same-network gaps never count.
    assert markets.disagreements("usd_rate", ratio=5).empty


def test_wage_in_rice_by_hand():
    table = markets.wage_in_rice().set_index(["year", "wage_series", "city"])
    # Dec 2009: 1,500 won (goodfriends_hot319_2009) / median(22, 25) = 1500 / 23.5 = 63.83 kg.
    row = table.loc[(2009, "regular_worker_wage_dec2009", markets.OTHER)]
    assert row["rice_price"] == 23.5 and row["kg"] == pytest.approx(63.8298, abs=1e-4)
    # 2002 at the state price: 2,000 / 42 = 47.62 kg.
    state = table.loc[(2002, "avg_monthly_state_wage_after_jul2002_reform", "state price")]
    assert state["kg"] == pytest.approx(47.619, abs=1e-3)
    # 2013 Pyongyang: median(6,700; 4,800; 4,000) = 4,800; 2,000 / 4,800 = 0.4167 kg.
    low = table.loc[(2013, "avg_government_worker_wage_low", "Pyongyang")]
    assert (low["rice_price"], low["n_reports"]) == (4800, 3)
    assert low["kg"] == pytest.approx(0.41667, abs=1e-5)
    assert table.loc[(2019, "army_major_state_wage", "Pyongyang"), "group"] == "managers and officials"


def test_every_view_row_is_cited():
    known = set(data.sources()["source_id"])
    wages = markets.wage_in_rice()
    ids = set(wages["wage_source"]) | {i for j in wages["rice_sources"] for i in j.split(";")}
    ids |= set(markets.currency_events()["source_id"]) | set(markets.market_income()["source_id"])
    ids |= set(markets.official_markets()["source_id"])
    assert ids <= known


def test_currency_events_start_with_the_redenomination():
    events = markets.currency_events()
    first = events.iloc[0]
    assert first["date"] == markets.REDENOMINATION and first["value"] == 100
    assert first["source_id"] == "japantimes_2010_01_10"


def test_official_markets_keep_undated_counts_last():
    counts = markets.official_markets()
    assert counts.iloc[0]["value"] == 396 and counts.iloc[0]["year"] == 2015
    assert counts["year"].isna().sum() == 4
    assert counts["year"].iloc[-4:].isna().all()


@pytest.mark.parametrize("name", figures.__all__)
def test_figures_have_data_a_source_line_and_a_text_alternative(name):
    function = getattr(figures, name)
    fig = function()
    assert isinstance(fig, Figure)
    assert any(ax.lines or ax.collections for ax in fig.axes)
    assert any(text.get_text().startswith("Source") for text in fig.texts)
    assert "Text alternative\n    ----------------" in function.__doc__
