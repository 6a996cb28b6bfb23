"""Course additions: rows the course found itself, appended to the curated tables.

``shared/data`` is read-only; ``course/data/additions/`` holds the rows and sources
the course added, and ``python -m course.data.curate`` appends them unchanged.
"""

import csv
from pathlib import Path

import pytest

from course import data
from course.data import curate
from course.data.curate import AdditionError

ADDITIONS = Path(data.__file__).parent / "additions"

RAW = "year,series,value,unit,source_id,note\n2015,g,1.5,pct,src_a,\n"
SOURCES_MD = """# Sources
## src_a
- Publisher/author: Agency A
- Title: A report
- Date: 2016
- URL read: https://a.example
"""
ADDED_SOURCES = "source_id,publisher,title,date,url\nsrc_new,Paper N,A story,2018-01-02,https://n.example\n"


def rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def collection(tmp_path, monkeypatch):
    """A one-table raw collection, an empty additions folder and an output folder."""
    raw, extra, out = tmp_path / "raw", tmp_path / "additions", tmp_path / "out"
    for folder in (raw, extra, out):
        folder.mkdir()
    (raw / "growth.csv").write_text(RAW, encoding="utf-8")
    (raw / "SOURCES_test.md").write_text(SOURCES_MD, encoding="utf-8")
    monkeypatch.setattr(curate, "HERE", out)
    return raw, extra, out


# --- the mechanism ---------------------------------------------------------------

def test_additions_are_appended_unchanged_after_the_curated_rows(collection):
    raw, extra, out = collection
    # Written in the curated form (seq included), columns in another order on purpose.
    (extra / "growth.csv").write_text("seq,year,series,value,unit,source_id,note\n"
                                      "1,2016,g,-2,pct,src_new,from a story\n", encoding="utf-8")
    (extra / "sources.csv").write_text(ADDED_SOURCES, encoding="utf-8")
    curate.main(str(raw), extra)
    table = rows(out / "tables" / "growth.csv")
    assert [(r["year"], r["value"], r["source_id"], r["seq"]) for r in table] == [
        ("2015", "1.5", "src_a", "1"), ("2016", "-2", "src_new", "1")]
    assert table[1]["note"] == "from a story"
    sources = {r["source_id"]: r for r in rows(out / "sources.csv")}
    assert sources["src_new"]["provenance"] == "additions/sources.csv"
    assert sources["src_a"]["provenance"] == "SOURCES_test.md"
    # The result passes the loader's checks (known source ids, unique keys).
    frame = data.read_table(out / "tables" / "growth.csv", "yearly", set(sources))
    assert frame["value"].tolist() == [1.5, -2.0]


def test_no_additions_folder_means_the_raw_collection_alone(collection):
    raw, extra, out = collection
    curate.main(str(raw), extra / "absent")
    assert len(rows(out / "tables" / "growth.csv")) == 1
    assert [r["source_id"] for r in rows(out / "sources.csv")] == ["src_a"]


def test_an_addition_with_other_columns_is_refused_by_name(collection):
    raw, extra, _ = collection
    (extra / "growth.csv").write_text("year,series,value,unit,source_id,seq\n"
                                      "2016,g,-2,pct,src_a,1\n", encoding="utf-8")
    with pytest.raises(AdditionError, match=r"growth\.csv: columns must be .*missing \['note'\]"):
        curate.main(str(raw), extra)


def test_a_ragged_addition_row_is_refused_with_its_line(collection):
    raw, extra, _ = collection
    (extra / "growth.csv").write_text("year,series,value,unit,source_id,note,seq\n"
                                      "2016,g,-2,pct,src_a,,1\n2017,g,1,pct\n", encoding="utf-8")
    with pytest.raises(AdditionError, match=r"growth\.csv, line 3: 7 columns expected"):
        curate.main(str(raw), extra)


def test_an_addition_for_a_table_the_collection_lacks_is_refused(collection):
    raw, extra, _ = collection
    (extra / "gowth.csv").write_text("year\n2016\n", encoding="utf-8")
    with pytest.raises(AdditionError, match=r"gowth\.csv: no table 'gowth'"):
        curate.main(str(raw), extra)


def test_an_added_source_may_not_reuse_a_raw_source_id(collection):
    raw, extra, _ = collection
    (extra / "sources.csv").write_text("source_id,publisher,title,date,url\n"
                                       "src_a,Someone else,Other,2019,https://x.example\n",
                                       encoding="utf-8")
    with pytest.raises(AdditionError, match=r"sources\.csv, line 2: source_id 'src_a' is already used"):
        curate.main(str(raw), extra)


def test_added_sources_need_the_citation_columns(collection):
    raw, extra, _ = collection
    (extra / "sources.csv").write_text("source_id,publisher,title\nsrc_new,P,T\n", encoding="utf-8")
    with pytest.raises(AdditionError, match=r"sources\.csv: columns must be source_id, publisher"):
        curate.main(str(raw), extra)


# --- the shipped additions ---------------------------------------------------------

def test_every_shipped_addition_is_in_its_table_and_every_added_source_is_used():
    used = set()
    for path in sorted(ADDITIONS.glob("*.csv")):
        if path.stem == "sources":
            continue
        shipped = rows(Path(data.__file__).parent / "tables" / path.name)
        added = rows(path)
        assert added and shipped[-len(added):] == [
            {c: r[c] for c in shipped[0]} for r in added], path.name
        used |= {r["source_id"] for r in added}
    added_sources = {r["source_id"] for r in rows(ADDITIONS / "sources.csv")}
    assert added_sources <= used, f"added sources no row uses: {added_sources - used}"
    known = set(data.sources()["source_id"])
    assert used <= known


def test_the_added_figures_read_back_as_cited():
    # Typed from the pages read (see additions/sources.csv), not from the tables:
    # PTI: "over 90 per cent of North Korea's publicly reported exports are now fully banned";
    # AP: "about 16 million of North Korea's 25 million people".
    events = data.load("events")
    haley = events[events["source_id"] == "BS_PTI_HALEY_2017"]
    assert haley[["date", "value"]].values.tolist() == [["2017-09-11", 90.0]]
    food = data.load("food")
    rapporteur = food[food["source_id"] == "PANARMENIAN_DARUSMAN_2012"]
    assert rapporteur[["year", "value", "unit"]].values.tolist() == [[2012, 16.0, "million people"]]
    panel = events[events["source_id"].isin(["RAPPLER_AFP_POE_2018", "ASIL_POE_2019"])]
    assert panel["event"].str.contains("'massive increase'").all() and len(panel) == 2


def test_sanctions_assessments_stay_out_of_the_resolution_timeline():
    # Haley's statement and the panel's reports are about resolutions, not resolutions:
    # notebook 02's timeline of measures must not change because they were added.
    from course.data import trade

    assert not trade.resolutions()["source_id"].isin(
        ["BS_PTI_HALEY_2017", "RAPPLER_AFP_POE_2018", "ASIL_POE_2019"]).any()
