"""Reading and validating the curated tables.

Validation happens when a table is first loaded, so a damaged file fails with
a :class:`DataError` that names the file, the line and the column, instead of
a wrong chart three notebooks later.
"""

from __future__ import annotations

import csv
import math
import tomllib
from functools import lru_cache, wraps
from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parent

KINDS: dict[str, dict[str, tuple[str, ...]]] = {
    "yearly": {"required": ("year", "series", "value", "unit", "source_id", "note", "seq"),
               "key": ("year", "series", "source_id", "seq")},
    "prices": {"required": ("date", "place", "item", "value", "unit", "source_id", "note", "seq"),
               "key": ("date", "place", "item", "source_id", "seq")},
    "events": {"required": ("date", "category", "event", "value", "unit", "source_id", "note", "seq"),
               "key": ("date", "category", "event", "source_id", "seq")},
    "steps": {"required": ("date", "track", "actor", "step", "kind", "value", "unit",
                           "source_id", "note", "seq"),
              "key": ("date", "actor", "step", "source_id", "seq")},
}
# Columns that must hold numbers; `value` may be blank only for events and steps.
NUMERIC = ("value", "value_new_kpw", "seq", "year", "vintage")
SOURCE_COLUMNS = ("source_id", "publisher", "title", "date", "url")


class DataError(ValueError):
    """A curated table or the sources file is malformed. The message says where."""


def _where(path: Path, line: int | None = None, column: str | None = None) -> str:
    place = str(path)
    if line is not None:
        place += f", line {line}"
    if column is not None:
        place += f", column '{column}'"
    return place


def _read_rows(path: Path) -> tuple[list[str], list[dict]]:
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle, strict=True)
            rows = list(reader)
    except (csv.Error, UnicodeDecodeError) as err:
        raise DataError(f"{path}: not a readable UTF-8 CSV file ({err})") from None
    if not rows:
        raise DataError(f"{path}: the file is empty (no header row)")
    header = [h.strip() for h in rows[0]]
    records = []
    for number, fields in enumerate(rows[1:], start=2):
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise DataError(f"{_where(path, number)}: {len(fields)} fields, but the header has "
                            f"{len(header)} ({', '.join(header)})")
        records.append({"_line": number, **{h: f.strip() for h, f in zip(header, fields)}})
    return header, records


def read_sources(path: Path | str) -> pd.DataFrame:
    """Read and check a sources file: one row per ``source_id``, no duplicates."""
    path = Path(path)
    header, records = _read_rows(path)
    missing = [c for c in SOURCE_COLUMNS if c not in header]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(repr(c) for c in missing)}")
    seen: dict[str, int] = {}
    for record in records:
        sid = record["source_id"]
        if not sid:
            raise DataError(f"{_where(path, record['_line'], 'source_id')}: empty source_id")
        if sid in seen:
            raise DataError(f"{_where(path, record['_line'], 'source_id')}: duplicate source_id "
                            f"{sid!r} (first on line {seen[sid]})")
        seen[sid] = record["_line"]
    return pd.DataFrame([{k: v for k, v in r.items() if k != "_line"} for r in records],
                        columns=header)


def read_table(path: Path | str, kind: str, known_sources: set[str]) -> pd.DataFrame:
    """Read one curated table and check it.

    Parameters
    ----------
    path : path-like
        The CSV file.
    kind : {"yearly", "prices", "events", "steps"}
        Which schema the table follows (fixes required columns and the key).
    known_sources : set of str
        Every valid ``source_id``.

    Raises
    ------
    DataError
        On a missing column, a non-numeric value, an unknown ``source_id`` or a
        duplicate key, naming the file, line and column.
    """
    path = Path(path)
    if kind not in KINDS:
        raise DataError(f"{path}: unknown table kind {kind!r}; expected one of {sorted(KINDS)}")
    schema = KINDS[kind]
    header, records = _read_rows(path)
    missing = [c for c in schema["required"] if c not in header]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(repr(c) for c in missing)}")
    keys: dict[tuple, int] = {}
    for record in records:
        line = record["_line"]
        for column in NUMERIC:
            if column not in record:
                continue
            text = record[column]
            if text == "":
                if column == "value" and kind not in ("events", "steps"):
                    raise DataError(f"{_where(path, line, column)}: empty value")
                continue
            try:
                number = float(text)
            except ValueError:
                raise DataError(f"{_where(path, line, column)}: {text!r} is not a number") from None
            if not math.isfinite(number):
                raise DataError(f"{_where(path, line, column)}: {text!r} is not a finite number")
        if record["source_id"] not in known_sources:
            raise DataError(f"{_where(path, line, 'source_id')}: unknown source_id "
                            f"{record['source_id']!r} (not in the sources file)")
        key = tuple(record[c] for c in schema["key"])
        if key in keys:
            raise DataError(f"{_where(path, line)}: duplicate key {dict(zip(schema['key'], key))} "
                            f"(first on line {keys[key]})")
        keys[key] = line
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "_line"} for r in records],
                         columns=header)
    for column in NUMERIC:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise")
    for column in ("year", "seq", "vintage"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    return frame


@lru_cache(maxsize=1)
def _catalog() -> dict:
    with (FOLDER / "catalog.toml").open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def _sources() -> pd.DataFrame:
    return read_sources(FOLDER / "sources.csv")


@lru_cache(maxsize=None)
def _load(name: str) -> pd.DataFrame:
    entries = _catalog()
    if name not in entries:
        raise DataError(f"unknown table {name!r}; available: {', '.join(sorted(entries))}")
    known = set(_sources()["source_id"])
    return read_table(FOLDER / "tables" / f"{name}.csv", entries[name]["kind"], known)


def load(name: str) -> pd.DataFrame:
    """One curated table as a DataFrame (read and checked once, then cached).

    Each call returns a fresh copy, so changing it in a notebook cannot
    corrupt what the next cell loads.
    """
    return _load(name).copy()


def derived(function):
    """Compute a table derived from the curated tables once; return fresh copies.

    For functions of hashable arguments that only read curated tables (which
    :func:`load` reads once and never changes) and return a DataFrame: the
    result is kept for the session, and each call gets its own copy, as with
    :func:`load`. A notebook that shows a table and draws it (and the figure
    that draws it again) then computes it once.
    """
    cached = lru_cache(maxsize=None)(function)

    @wraps(function)
    def wrapper(*args, **kwargs):
        return cached(*args, **kwargs).copy()

    wrapper.cache_clear = cached.cache_clear
    return wrapper


@derived
def sources(name: str | None = None) -> pd.DataFrame:
    """Citations (publisher, title, date, URL) for the sources used by ``name``.

    With no name, every source of the course.
    """
    table = _sources()
    if name is None:
        return table.copy()
    used = set(_load(name)["source_id"])
    return table[table["source_id"].isin(used)].reset_index(drop=True)


def catalog() -> pd.DataFrame:
    """Every table: name, kind, rows, title and the caveat to keep in mind."""
    rows = []
    for name, entry in _catalog().items():
        rows.append({"table": name, "kind": entry["kind"], "rows": len(_load(name)),
                     "title": entry["title"], "caveat": entry["caveat"]})
    return pd.DataFrame(rows)
