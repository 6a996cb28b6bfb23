"""Build the course's curated tables from the raw collection in ``shared/data``.

Run by maintainers, never by students::

    python -m course.data.curate ../shared/data

It reads every raw CSV and the three ``SOURCES_*.md`` files and writes
``course/data/tables/*.csv`` and ``course/data/sources.csv``. What it changes,
and why:

* **Units** are rewritten to one vocabulary (``USD_billion`` and ``USD billion``
  both become ``USD billion``; ``pct_yoy`` becomes ``percent, year on year``).
* **Market prices** before the redenomination of 30 November 2009 are labelled
  ``old KPW ...`` and get a ``value_new_kpw`` column (100 old won = 1 new won).
* **Macro tables** get a ``reporter`` column naming the agency behind each
  estimate (Bank of Korea, KOTRA, China customs, ...), read from the id
  convention documented in ``SOURCES_macro.md``, and BOK rows a ``vintage``
  (the year of the BOK release).
* **Repeated observations**: a source sometimes gives two values for the same
  key (a rate in mid- and late December). Both are kept; ``seq`` numbers them
  in the source's order, so every row has a unique key.

Values, notes and source ids are copied unchanged; no row is dropped.

Tables collected later sit in ``shared/data/additions`` with their own
``SOURCES_*.md``; :func:`additions` brings in the ones a notebook uses (listed
in :data:`ADDITIONS`), so the tables curated before stay byte for byte as they were.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent

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
                "events": ("date", "category", "event", "source_id")}.get(name, ("year", "series", "source_id"))
    seen: Counter = Counter()
    out = []
    for row in rows:
        row = {k: v.strip() for k, v in row.items()}
        row["unit"] = unit(row["unit"])
        key = tuple(row[c] for c in key_cols)
        seen[key] += 1
        row["seq"] = str(seen[key])
        if name == "market_prices":
            old = row["date"] < "2009-12"
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


# Tables of shared/data/additions brought into the course so far, each with the
# sources file that documents it (notebook 04: corruption).
ADDITIONS = {"corruption": "SOURCES_corruption.md"}


def additions(folder: Path) -> tuple[list[Path], list[dict]]:
    """The additions' table files and their source records (none if the folder is absent)."""
    extra = folder / "additions"
    if not extra.is_dir():
        return [], []
    paths = [extra / f"{name}.csv" for name in ADDITIONS]
    # Only the sources of the tables brought in: the others wait for their notebooks.
    wanted = set(ADDITIONS.values())
    return paths, [r for r in parse_sources(extra) if r["provenance"] in wanted]


def main(folder: str) -> None:
    src = Path(folder)
    tables = HERE / "tables"
    tables.mkdir(exist_ok=True)
    extra_tables, extra_sources = additions(src)
    for path in sorted(src.glob("*.csv")) + extra_tables:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        columns, out = curate_table(path.stem, rows)
        with (tables / path.name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(out)
        print(f"{path.name}: {len(out)} rows")
    sources = parse_sources(src) + extra_sources
    with (HERE / "sources.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sources[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(sources, key=lambda r: r["source_id"].lower()))
    print(f"sources.csv: {len(sources)} sources")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE.parents[2] / "shared" / "data"))
