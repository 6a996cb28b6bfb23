"""Build the course's curated tables from the raw collection in ``shared/data``.

Run by maintainers, never by students::

    python -m course.data.curate ../shared/data

It reads every raw CSV and the three ``SOURCES_*.md`` files, and the tables of
``shared/data/additions`` a notebook uses (see below), and writes
``course/data/tables/*.csv`` and ``course/data/sources.csv``. Then it appends
the **course additions** (see below). What it changes in the raw rows, and why:

* **Units** are rewritten to one vocabulary (``USD_billion`` and ``USD billion``
  both become ``USD billion``; ``pct_yoy`` becomes ``percent, year on year``).
* **Market prices** before the redenomination of 30 November 2009 are labelled
  ``old KPW ...`` and get a ``value_new_kpw`` column (100 old won = 1 new won).
  The date decides, except for the rows in :data:`NEW_WON_IN_NOVEMBER_2009`,
  dated November 2009 but priced after the redenomination, as their notes say.
* **Macro tables** get a ``reporter`` column naming the agency behind each
  estimate (Bank of Korea, KOTRA, China customs, ...), read from the id
  convention documented in ``SOURCES_macro.md``, and BOK rows a ``vintage``
  (the year of the BOK release).
* **Repeated observations**: a source sometimes gives two values for the same
  key (a rate in mid- and late December). Both are kept; ``seq`` numbers them
  in the source's order, so every row has a unique key.

Values, notes and source ids are copied unchanged; no row is dropped.

**Later collections.** Tables collected after the first ones sit in
``shared/data/additions`` with their own ``SOURCES_*.md``. Curation treats the
ones listed in :data:`LATER_COLLECTIONS` (those a notebook uses) exactly like
the raw tables; the others, and their sources, wait for their notebooks.

**Course additions.** ``shared/data`` is read-only, so figures the course
itself found and read live in ``course/data/additions/``: ``<table>.csv`` holds
rows for the curated table of that name, written with exactly its columns
(``seq``, ``reporter`` and ``vintage`` included, since curation does not touch
them), and ``sources.csv`` their sources (``source_id, publisher, title, date,
url``; curation adds ``provenance`` = ``additions/sources.csv``). They are
appended after the curated rows unchanged, so re-running the curation still
reproduces the shipped files byte for byte. An additions file for a table the
collection lacks, with other columns, or a source id the collection already
uses raises :class:`AdditionError` naming the file (and line).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Not derived from HERE at run time: tests redirect HERE to write elsewhere.
ADDITIONS = HERE / "additions"
CITATION = ("source_id", "publisher", "title", "date", "url")
ADDITIONS_PROVENANCE = "additions/sources.csv"

#: Tables of ``shared/data/additions`` the course uses, each with the sources file
#: that documents it (notebook 04: corruption; 05: labor_mobilization; 08: negotiations).
LATER_COLLECTIONS = {"corruption": "SOURCES_corruption.md",
                     "labor_mobilization": "SOURCES_labor_negotiations.md",
                     "negotiations": "SOURCES_labor_negotiations.md"}

#: Market-price rows (date, place, item, source_id) dated November 2009 that are in
#: new won: nkew_2010_12_02 gives Pyongyang's rice price "right after" the
#: redenomination of 30 November as 22 won, "= 2,200 old won" in the row's note.
NEW_WON_IN_NOVEMBER_2009 = {("2009-11", "North Korea (Pyongyang implied)", "rice",
                             "nkew_2010_12_02")}


class AdditionError(ValueError):
    """A course-additions file does not fit the curated table it extends."""

UNITS = {
    "USD_billion": "USD billion", "CNY_billion": "CNY billion",
    "KRW_trillion": "KRW trillion", "KRW_million": "KRW million",
    "million_persons": "million persons", "pct_yoy": "percent, year on year",
    "pct_of_nominal_gdp": "percent of nominal GDP", "pct": "percent",
    "pct_level": "percent, change in level", "percent": "percent",
    "pct_per_year_avg": "percent per year, period average",
    "USD/month": "USD per month", "USD/year": "USD per year",
    "KPW/kg": "KPW per kg", "KPW/month": "KPW per month", "KPW/day": "KPW per day",
    "%": "percent",
}

# Id prefixes of SOURCES_macro.md ("bokYYYY_via_site" and so on) -> reporter.
REPORTERS = {
    "bok": "Bank of Korea", "kotra": "KOTRA", "gac": "China customs (GAC)",
    "kita": "KITA", "kostat": "Statistics Korea", "hri": "Hyundai Research Institute",
    "cia": "CIA World Factbook", "comtrade": "UN Comtrade", "itc": "ITC Trade Map",
    "mou": "ROK Ministry of Unification", "wb_unwpp": "UN World Population Prospects",
    "census": "DPRK census", "kcna": "KCNA (DPRK)", "rokgov": "ROK government",
    "nis": "ROK National Intelligence Service", "fitch": "Fitch Solutions",
    "hana": "Hana Financial Investment", "imemo": "IMEMO (Russian Academy of Sciences)",
    "38north": "38 North", "locs": "US Library of Congress", "tongilnanum": "Bank of Korea",
}
MACRO = {"gdp_growth_bok", "gni_bok", "gdp_sector_shares", "gdp_alternative_estimates",
         "trade_total", "trade_china", "population"}


def unit(raw: str) -> str:
    if raw in UNITS:
        return UNITS[raw]
    if raw.startswith("% "):
        return "percent " + raw[2:]
    return raw


def reporter(source_id: str) -> str:
    for prefix in sorted(REPORTERS, key=len, reverse=True):
        if re.match(rf"{re.escape(prefix)}\d*(_|$)", source_id):
            return REPORTERS[prefix]
    raise ValueError(f"no reporter known for macro source id {source_id!r}")


def parse_sources(folder: Path) -> list[dict]:
    """One record per source id from the three SOURCES_*.md files."""
    records = []
    for path in sorted(folder.glob("SOURCES_*.md")):
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"^#{2,3} `?([A-Za-z0-9_.\-]+)`?\s*$", line)
            if heading and not line.startswith("## How") and " " not in heading.group(1):
                current = {"source_id": heading.group(1), "publisher": "", "title": "",
                           "date": "", "url": "", "provenance": path.name}
                records.append(current)
                continue
            if current is None:
                continue
            field = re.match(r"^- (Publisher/author|Title|Date|URL read|URL \(stored page read\)):\s*(.*)$", line)
            if field:
                key = {"Publisher/author": "publisher", "Title": "title", "Date": "date"}.get(field.group(1), "url")
                current[key] = field.group(2).strip()
    return [r for r in records if r["publisher"]]


def curate_table(name: str, rows: list[dict]) -> tuple[list[str], list[dict]]:
    key_cols = {"market_prices": ("date", "place", "item", "source_id"),
                "events": ("date", "category", "event", "source_id"),
                "negotiations": ("date", "actor", "step", "source_id")}.get(
                    name, ("year", "series", "source_id"))
    seen: Counter = Counter()
    out = []
    for row in rows:
        row = {k: v.strip() for k, v in row.items()}
        row["unit"] = unit(row["unit"])
        key = tuple(row[c] for c in key_cols)
        seen[key] += 1
        row["seq"] = str(seen[key])
        if name == "market_prices":
            key = (row["date"], row["place"], row["item"], row["source_id"])
            old = row["date"] < "2009-12" and key not in NEW_WON_IN_NOVEMBER_2009
            if old:
                row["unit"] = "old " + row["unit"]
            value = float(row["value"])
            row["value_new_kpw"] = f"{value / 100 if old else value:g}"
        if name in MACRO:
            row["reporter"] = reporter(row["source_id"])
            vintage = re.match(r"bok(\d{4})_", row["source_id"])
            row["vintage"] = vintage.group(1) if vintage else ""
        out.append(row)
    columns = list(rows[0].keys()) + ["seq"]
    if name == "market_prices":
        columns.insert(columns.index("unit") + 1, "value_new_kpw")
    if name in MACRO:
        columns += ["reporter", "vintage"]
    return columns, out


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = [h.strip() for h in reader.fieldnames or []]
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise AdditionError(f"{path}, line {line}: {len(header)} columns expected "
                                f"({', '.join(header)})")
    return header, [{k.strip(): v.strip() for k, v in row.items()} for row in rows]


def read_additions(path: Path, columns: list[str]) -> list[dict]:
    """Rows of one additions file, checked to have exactly the table's ``columns``.

    Parameters
    ----------
    path : Path
        ``additions/<table>.csv``.
    columns : list of str
        The curated table's columns, in their order.

    Returns
    -------
    list of dict
        One dict per row, keyed by ``columns``.

    Raises
    ------
    AdditionError
        If the header lacks a column of the table or has one it does not, or a
        row is ragged.
    """
    header, rows = _read_csv(path)
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra:
        raise AdditionError(f"{path}: columns must be those of the curated table "
                            f"({', '.join(columns)}); missing {missing or 'none'}, "
                            f"unknown {extra or 'none'}")
    return [{c: row[c] for c in columns} for row in rows]


def read_addition_sources(path: Path, known: set[str]) -> list[dict]:
    """The additions' sources, checked not to reuse a ``source_id`` in ``known``."""
    header, rows = _read_csv(path)
    if sorted(header) != sorted(CITATION):
        raise AdditionError(f"{path}: columns must be {', '.join(CITATION)}; found "
                            f"{', '.join(header)}")
    for line, row in enumerate(rows, start=2):
        if row["source_id"] in known:
            raise AdditionError(f"{path}, line {line}: source_id {row['source_id']!r} is "
                                f"already used by the raw collection or an earlier line")
        known.add(row["source_id"])
    return [{**{c: row[c] for c in CITATION}, "provenance": ADDITIONS_PROVENANCE}
            for row in rows]


def later_collections(folder: Path) -> tuple[list[Path], list[dict]]:
    """The tables of ``folder/additions`` listed in :data:`LATER_COLLECTIONS`, and their sources.

    Returns
    -------
    tuple of (list of Path, list of dict)
        The table files, and one source record per id documented in their
        ``SOURCES_*.md`` files (``provenance`` = the file's name); both empty if
        ``folder`` has no ``additions`` folder.
    """
    extra = folder / "additions"
    if not extra.is_dir():
        return [], []
    wanted = set(LATER_COLLECTIONS.values())
    return ([extra / f"{name}.csv" for name in LATER_COLLECTIONS],
            [r for r in parse_sources(extra) if r["provenance"] in wanted])


def main(folder: str, additions: Path | str | None = None) -> None:
    src = Path(folder)
    extra = Path(additions) if additions is not None else ADDITIONS
    tables = HERE / "tables"
    tables.mkdir(exist_ok=True)
    later_tables, later_sources = later_collections(src)
    raw_paths = sorted(src.glob("*.csv")) + later_tables
    raw_names = {p.stem for p in raw_paths}
    for path in sorted(extra.glob("*.csv")):
        if path.stem != "sources" and path.stem not in raw_names:
            raise AdditionError(f"{path}: no table {path.stem!r} in {src}; additions "
                                f"extend an existing table")
    for path in raw_paths:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        columns, out = curate_table(path.stem, rows)
        added = extra / path.name
        course_rows = read_additions(added, columns) if added.is_file() else []
        with (tables / path.name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(out + course_rows)
        print(f"{path.name}: {len(out)} rows"
              + (f" + {len(course_rows)} course additions" if course_rows else ""))
    sources = parse_sources(src) + later_sources
    added = extra / "sources.csv"
    if added.is_file():
        sources += read_addition_sources(added, {r["source_id"] for r in sources})
    with (HERE / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sources[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(sources, key=lambda r: r["source_id"].lower()))
    print(f"sources.csv: {len(sources)} sources")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[2] / "shared" / "data"))
