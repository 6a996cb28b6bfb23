"""Views of songbun class shares, regional gaps and hunger (notebook 06)."""

import pandas as pd
import pytest

from course import data
from course.data import inequality


def test_every_class_share_estimate_is_shown_with_its_source():
    shares = inequality.class_shares()
    # Five documents in songbun.csv (four curated, one course addition): none left out.
    assert set(shares["source_id"]) == set(data.load("songbun")["source_id"])
    assert len(shares) == 3 + 3 + 3 + 2 + 4
    chosun = shares[shares["source_id"] == "chosun_2014_03_20"].set_index("group")
    # Ranges kept as ranges: core 10-20, basic (= wavering) 60-70, midpoints 15 and 65.
    assert (chosun.loc["core", "low"], chosun.loc["core", "high"]) == (10, 20)
    assert chosun.loc["wavering", "value"] == 65


def test_share_sets_sum_to_one_and_say_how_they_were_completed():
    sets = inequality.class_share_sets()
    assert (sets[["core", "wavering", "hostile"]].sum(axis=1) - 1).abs().max() < 1e-12
    # Miyazuka: core 30, hostile 30, wavering the remainder 40.
    assert sets.loc["Miyazuka, undated", "wavering"] == pytest.approx(0.40)
    assert "remainder" in sets.loc["Miyazuka, undated", "how"]
    # Refugee survey: 11 of the 87 who named a class said hostile.
    assert sets.loc["Refugee survey, 2012", "hostile"] == pytest.approx(11 / 87)
    assert sets.loc["Collins (HRNK), 2012", "how"] == "as published"


def test_an_unknown_series_is_not_silently_dropped(monkeypatch):
    extra = pd.DataFrame([{"year": 2020, "series": "elite_share", "value": 1.0,
                           "unit": "percent", "source_id": "x", "note": "", "seq": 1}])
    real = data.load("songbun")
    monkeypatch.setattr(inequality, "load", lambda name: pd.concat([real, extra]))
    with pytest.raises(KeyError, match="elite_share"):
        inequality.class_shares()


def test_stunting_shows_pyongyang_against_the_worst_province():
    table = inequality.stunting_by_region().set_index(["year", "place"])["value"]
    # MICS 2017: Pyongyang 10 percent, Ryanggang 32: more than three times as high.
    assert table[(2017, "Pyongyang")] == 10 and table[(2017, "Ryanggang")] == 32


def test_undernourishment_keeps_both_editions_of_the_same_years():
    table = inequality.undernourishment()
    window = table[table["year"] == 2006].set_index("measure")["value"]
    assert window["undernourished, SOFI 2019"] == 35.4
    assert window["undernourished, SOFI 2022"] == 33.8
    assert not table["measure"].isna().any()


def test_pyongyang_share_is_a_fraction():
    assert inequality.pyongyang_share() == (0.12, "reuters_copy_2012")
