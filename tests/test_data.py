"""The curated data: it loads, it is cited, and damaged files fail clearly."""

from pathlib import Path

import pandas as pd
import pytest

from course import data
from course.data import DataError, read_sources, read_table
from course.data import views

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
KNOWN = {"src_a", "src_b"}
HEADER = "year,series,value,unit,source_id,note,seq\n"


def write(tmp_path: Path, text: str, name: str = "table.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped tables -------------------------------------------------------

def test_catalog_lists_every_table_file():
    tables = set(data.catalog()["table"])
    files = {p.stem for p in (Path(data.__file__).parent / "tables").glob("*.csv")}
    assert tables == files
    assert len(tables) == 28


def test_every_table_loads_and_every_row_is_cited():
    known = set(data.sources()["source_id"])
    total = 0
    for name in data.catalog()["table"]:
        table = data.load(name)
        assert set(table["source_id"]) <= known
        total += len(table)
    # The raw collection has 1,393 lines in 25 files: 1,368 data rows; the later
    # collections brought in add 58 (shared/data/additions/corruption.csv, 59 lines),
    # 71 (labor_mobilization.csv, 72 lines) and 128 (negotiations.csv, 129 lines) more.
    # Curation drops none and appends the course additions (tests/test_data_additions.py).
    additions = Path(data.__file__).parent / "additions"
    added = sum(len(pd.read_csv(p)) for p in additions.glob("*.csv") if p.stem != "sources")
    assert total == 1368 + 58 + 71 + 128 + added


def test_sources_have_publisher_title_and_url_or_date():
    table = data.sources()
    assert table["source_id"].is_unique
    assert (table["publisher"] != "").all() and (table["title"] != "").all()
    assert ((table["url"] != "") | (table["date"] != "")).all()


def test_load_returns_a_copy_that_cannot_corrupt_the_cache():
    first = data.load("gdp_growth_bok")
    first["value"] = 0.0
    assert data.load("gdp_growth_bok")["value"].abs().sum() > 0


def test_known_values_survive_curation():
    # Read off the raw files by hand: BOK's July 2016 release put 2015 at -1.1 %.
    growth = data.load("gdp_growth_bok")
    row = growth[(growth["year"] == 2015) & (growth["series"] == "real_gdp_growth")]
    assert row["value"].tolist() == [-1.1]
    assert row["reporter"].tolist() == ["Bank of Korea"] and row["vintage"].tolist() == [2016]


def test_old_won_prices_are_labelled_and_converted():
    prices = data.load("market_prices")
    after = prices["source_id"].eq("nkew_2010_12_02") & prices["date"].eq("2009-11")
    old = prices[(prices["date"] < "2009-12") & ~after]
    assert old["unit"].str.startswith("old ").all()
    assert (old["value_new_kpw"] * 100).tolist() == pytest.approx(old["value"].tolist())
    new = prices[(prices["date"] >= "2009-12") | after]
    assert (new["value_new_kpw"] == new["value"]).all()


def test_a_november_2009_price_quoted_after_the_redenomination_stays_in_new_won():
    # nkew_2010_12_02: rice "right after" the redenomination at 22 won, "= 2,200 old won"
    # (the row's note): dated 2009-11, but new won, so not divided by 100.
    prices = data.load("market_prices")
    row = prices[(prices["date"] == "2009-11") & (prices["source_id"] == "nkew_2010_12_02")]
    assert row[["item", "value", "unit", "value_new_kpw"]].values.tolist() == [
        ["rice", 22.0, "KPW per kg", 22.0]]
    assert "2,200 old won" in row["note"].iloc[0]
    # The other November 2009 report (Open Radio's yuan rate, 588 old won) is still old won.
    rate = prices[(prices["date"] == "2009-11") & (prices["item"] == "cny_rate")]
    assert rate[["unit", "value_new_kpw"]].values.tolist() == [["old KPW per CNY", 5.88]]


def test_repeated_observations_are_kept_and_numbered():
    kaesong = data.load("kaesong")
    workers = kaesong[(kaesong["year"] == 2010) & (kaesong["series"] == "north_korean_workers")
                      & (kaesong["source_id"] == "NKEW_20100624")]
    assert sorted(workers["value"]) == [42000, 44000]
    assert sorted(workers["seq"]) == [1, 2]


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/data is not beside the repository")
def test_curated_tables_match_the_raw_collection(tmp_path, monkeypatch):
    """Re-running the curation on shared/data reproduces the committed tables."""
    from course.data import curate

    monkeypatch.setattr(curate, "HERE", tmp_path)
    curate.main(str(SHARED))
    shipped = Path(data.__file__).parent
    for path in sorted((tmp_path / "tables").glob("*.csv")):
        assert path.read_bytes() == (shipped / "tables" / path.name).read_bytes(), path.name
    assert (tmp_path / "sources.csv").read_bytes() == (shipped / "sources.csv").read_bytes()


# --- bad data -----------------------------------------------------------------

def test_unknown_table_name_lists_the_choices():
    with pytest.raises(DataError, match=r"unknown table 'gdp'.*gdp_growth_bok"):
        data.load("gdp")


def test_missing_column_is_named(tmp_path):
    path = write(tmp_path, "year,series,value,unit,note,seq\n2015,g,1,pct,,1\n")
    with pytest.raises(DataError, match=r"table\.csv: missing column\(s\) 'source_id'"):
        read_table(path, "yearly", KNOWN)


def test_non_numeric_value_names_file_line_and_column(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,1.5,pct,src_a,,1\n2016,g,abc,pct,src_a,,1\n")
    with pytest.raises(DataError, match=r"table\.csv, line 3, column 'value': 'abc' is not a number"):
        read_table(path, "yearly", KNOWN)


def test_non_finite_value_is_rejected(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,inf,pct,src_a,,1\n")
    with pytest.raises(DataError, match=r"line 2, column 'value': 'inf' is not a finite number"):
        read_table(path, "yearly", KNOWN)


def test_empty_value_is_rejected_outside_events(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,,pct,src_a,,1\n")
    with pytest.raises(DataError, match=r"line 2, column 'value': empty value"):
        read_table(path, "yearly", KNOWN)


def test_unknown_source_id_is_named(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,1,pct,src_zzz,,1\n")
    with pytest.raises(DataError, match=r"line 2, column 'source_id': unknown source_id 'src_zzz'"):
        read_table(path, "yearly", KNOWN)


def test_duplicate_key_names_both_lines(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,1,pct,src_a,,1\n2016,g,2,pct,src_a,,1\n2015,g,3,pct,src_a,,1\n")
    with pytest.raises(DataError, match=r"line 4: duplicate key .*first on line 2"):
        read_table(path, "yearly", KNOWN)


def test_ragged_row_is_named(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,1,pct,src_a\n")
    with pytest.raises(DataError, match=r"line 2: 5 fields, but the header has 7"):
        read_table(path, "yearly", KNOWN)


def test_empty_and_binary_files_fail_clearly(tmp_path):
    with pytest.raises(DataError, match="the file is empty"):
        read_table(write(tmp_path, ""), "yearly", KNOWN)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DataError, match="not a readable UTF-8 CSV"):
        read_table(binary, "yearly", KNOWN)
    with pytest.raises(DataError, match="file not found"):
        read_table(tmp_path / "absent.csv", "yearly", KNOWN)


def test_duplicate_source_id_in_sources_file(tmp_path):
    path = write(tmp_path, "source_id,publisher,title,date,url\na,P,T,2020,u\na,P2,T2,2021,u\n",
                 "sources.csv")
    with pytest.raises(DataError, match=r"sources\.csv, line 3, column 'source_id': duplicate source_id 'a'"):
        read_sources(path)


def test_a_valid_fixture_loads_with_types(tmp_path):
    path = write(tmp_path, HEADER + "2015,g,1.5,pct,src_a,,1\n2016,g,-2,pct,src_b,note,1\n")
    table = read_table(path, "yearly", KNOWN)
    assert table["value"].tolist() == [1.5, -2.0]
    assert str(table["year"].dtype) == "Int64"


# --- views ----------------------------------------------------------------------

def test_growth_view_separates_first_releases_from_revisions():
    growth = views.by_source("gdp_growth")
    # By hand from gdp_growth_bok.csv: 2007 first released at -2.3 (2008), revised to -1.2 (2011).
    assert growth.loc[2007, "BOK, first release"] == -2.3
    assert growth.loc[2007, "BOK, revised"] == -1.2
    # Two reports of one release (-6.5 and -6.7) -> median -6.6.
    assert growth.loc[1997, "BOK, revised"] == pytest.approx(-6.6)


def test_views_cover_every_indicator_and_keep_source_ids():
    for key in views.INDICATORS:
        table = views.estimates(key)
        assert len(table) > 10
        ids = {i for joined in table["source_ids"] for i in joined.split(";")}
        assert ids <= set(data.sources()["source_id"])
        assert isinstance(views.citations(key), pd.DataFrame)
    with pytest.raises(KeyError, match="unknown indicator"):
        views.estimates("gdp")


def test_bok_revisions_lists_years_with_both_releases():
    from course.data import views

    table = views.bok_revisions()
    assert list(table.columns) == ["first release", "revised", "revision"]
    assert table.notna().all().all()
    # By hand from gdp_growth_bok: 2007 first released at -2.3, revised to -1.2: +1.1 points,
    # the largest revision in absolute value.
    assert table.loc[2007, "revision"] == 1.1
    assert table["revision"].abs().idxmax() == 2007
