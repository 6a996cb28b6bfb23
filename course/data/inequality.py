"""Tidy views of songbun class shares, regional gaps and hunger, for notebook 06.

The raw tables keep every reported figure with the document it came from. These
views reshape them for *Songbun, class and regional inequality*:

* :func:`class_shares`: every published estimate of the three songbun classes'
  shares, one row per source and class, ranges kept as ranges;
* :func:`class_share_sets`: the same estimates as three shares summing to 1 each,
  ready for :mod:`course.models.inequality`, with how each was made complete;
* :func:`stunting_by_region`: child stunting nationally, in Pyongyang and in the
  worst province;
* :func:`undernourishment`: the share of the population undernourished (FAO's
  *State of Food Security and Nutrition*, by edition) and national child stunting;
* :func:`pyongyang_share`: Pyongyang's share of the population.

Every row keeps its ``source_id``, so every plotted point can be traced with
:func:`course.data.sources`. Nothing here adds a number except where a function's
docstring says how (a remainder, a midpoint, a renormalisation), and those rows
are flagged.
"""

from __future__ import annotations

import pandas as pd

from course.data.loader import load

__all__ = ["CLASSES", "SOURCES", "class_shares", "class_share_sets", "stunting_by_region",
           "undernourishment", "pyongyang_share"]

#: The three songbun classes, from the most to the least favoured. Some sources call
#: the wavering class "basic" and the hostile class "complicated" (chosun_2014_03_20).
CLASSES = ("core", "wavering", "hostile")

#: Who made each estimate: source_id -> (label, what the figure is).
SOURCES: dict[str, tuple[str, str]] = {
    "worldaffairs_chang_2012": ("Kim Il Sung, 1958", "shares Kim Il Sung disclosed in 1958, "
                                "quoted by G. Chang (2012)"),
    "VOA_COLLINS_2012": ("Collins (HRNK), 2012", "estimate in R. Collins, Marked for Life "
                         "(2012), as reported by VOA"),
    "chosun_2014_03_20": ("Chosun Ilbo, 2014", "ranges attributed to a 1970s scheme"),
    "nkresearch_songbun": ("Miyazuka, undated", "T. Miyazuka via a compilation site; "
                           "no wavering share given"),
    "wtt_noland_2012_songbun": ("Refugee survey, 2012", "what refugees said of themselves "
                                "(Haggard-Noland survey, reported by Noland 2012)"),
}

_SERIES = {
    "core_class_share": ("core", "point"), "wavering_class_share": ("wavering", "point"),
    "hostile_class_share": ("hostile", "point"),
    "core_class_share_low": ("core", "low"), "core_class_share_high": ("core", "high"),
    "basic_class_share_low": ("wavering", "low"), "basic_class_share_high": ("wavering", "high"),
    "complicated_class_share": ("hostile", "point"),
    "self_reported_core": ("core", "point"), "self_reported_wavering": ("wavering", "point"),
    "self_reported_hostile": ("hostile", "point"), "self_reported_not_sure": ("not sure", "point"),
}


def class_shares() -> pd.DataFrame:
    """Every published estimate of the songbun classes' shares, one row per source and class.

    Returns
    -------
    pandas.DataFrame
        Columns ``source`` (a short label), ``year`` (year of the figure or the
        publication; NaN if not stated), ``group`` ("core", "wavering", "hostile" or
        "not sure"), ``low``, ``high`` and ``value`` (percent; ``low == high == value``
        for a point, ``value`` the midpoint of a range), ``unit`` (of the population, or
        of refugee respondents), ``about`` (what the figure is) and ``source_id``.
        Ordered as :data:`SOURCES`, then core, wavering, hostile, not sure.

    Raises
    ------
    KeyError
        If the table holds a series or source this view does not know, so that a
        new estimate cannot be silently left out.
    """
    table = load("songbun")
    unknown = (set(table["series"]) - set(_SERIES)) | (set(table["source_id"]) - set(SOURCES))
    if unknown:
        raise KeyError(f"songbun has series or sources this view does not know: {sorted(unknown)}")
    rows: dict[tuple[str, str], dict] = {}
    for record in table.itertuples(index=False):
        group, kind = _SERIES[record.series]
        row = rows.setdefault((record.source_id, group), {
            "source": SOURCES[record.source_id][0], "year": record.year, "group": group,
            "low": None, "high": None, "unit": record.unit,
            "about": SOURCES[record.source_id][1], "source_id": record.source_id})
        if kind in ("point", "low"):
            row["low"] = float(record.value)
        if kind in ("point", "high"):
            row["high"] = float(record.value)
    result = pd.DataFrame(rows.values())
    result["value"] = (result["low"] + result["high"]) / 2
    order = {sid: i for i, sid in enumerate(SOURCES)}
    groups = {g: i for i, g in enumerate((*CLASSES, "not sure"))}
    result = result.sort_values(["source_id", "group"],
                                key=lambda s: s.map(order) if s.name == "source_id" else s.map(groups))
    return result[["source", "year", "group", "low", "high", "value", "unit", "about",
                   "source_id"]].reset_index(drop=True)


def class_share_sets() -> pd.DataFrame:
    """Each source's estimate as three shares (core, wavering, hostile) summing to 1.

    How an incomplete estimate is completed, flagged in ``how``:

    * Chosun Ilbo (2014) gives ranges: the midpoints (15, 65, 20) already sum to 100.
    * Miyazuka gives core and hostile only (30 each): wavering is the remainder, 40.
    * The refugee survey has 14 percent "not sure": the shares are of those who
      answered (14, 62, 11 over 87). Refugees are not a random sample of the population.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``source`` label (order of :data:`SOURCES`): columns ``core``,
        ``wavering``, ``hostile`` (fractions summing to 1), ``how`` and ``source_id``.
    """
    shares = class_shares()
    rows = []
    for source_id, (label, _) in SOURCES.items():
        part = shares[shares["source_id"] == source_id].set_index("group")["value"]
        values = {g: part.get(g) for g in CLASSES}
        missing = [g for g, v in values.items() if v is None or pd.isna(v)]
        if len(missing) == 1:
            values[missing[0]] = 100.0 - sum(v for g, v in values.items() if g not in missing)
            how = f"{missing[0]} share is the remainder (not published)"
        elif source_id == "wtt_noland_2012_songbun":
            how = "shares of respondents who named a class (\"not sure\" left out)"
        elif (shares.loc[shares["source_id"] == source_id, "low"]
              != shares.loc[shares["source_id"] == source_id, "high"]).any():
            how = "midpoints of the published ranges"
        else:
            how = "as published"
        total = sum(values.values())
        rows.append({"source": label, **{g: values[g] / total for g in CLASSES},
                     "how": how, "source_id": source_id})
    return pd.DataFrame(rows).set_index("source")


_PLACES = {"national": "national", "pyongyang": "Pyongyang", "ryanggang": "Ryanggang"}


def stunting_by_region() -> pd.DataFrame:
    """Share of children under five who are stunted: nationally, Pyongyang and Ryanggang.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``place`` ("national", "Pyongyang", "Ryanggang"), ``value``
        (percent of children under five), ``survey`` (from the row's note) and
        ``source_id``; sorted by year and place as listed.

    Notes
    -----
    Ryanggang is the worst province in both surveys. The 2012 National Nutrition
    Survey (kim_2014_pghn) and the 2017 Multiple Indicator Cluster Survey
    (unicef_2018_06) were run with the government; Pyongyang is reported in 2017 only.
    """
    table = load("regional_disparity")
    table = table[table["series"].str.startswith("child_stunting_")].copy()
    table["place"] = table["series"].str.removeprefix("child_stunting_").map(_PLACES)
    table["survey"] = table["note"].str.replace("worst province in ", "", regex=False)
    table["year"] = table["year"].astype(int)
    order = {p: i for i, p in enumerate(_PLACES.values())}
    table = table.sort_values(["year", "place"], key=lambda s: s.map(order) if s.name == "place" else s)
    return table[["year", "place", "value", "survey", "source_id"]].reset_index(drop=True)


def undernourishment() -> pd.DataFrame:
    """Undernourishment (FAO, by edition) and national child stunting, percent, by year.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``measure`` ("undernourished, SOFI 2019",
        "undernourished, SOFI 2022" or "children stunted"), ``value`` (percent: of the
        whole population, a three-year average ending in ``year``, for undernourishment;
        of young children for stunting), ``note`` and ``source_id``.

    Notes
    -----
    FAO's *State of Food Security and Nutrition in the World* (SOFI) estimates the
    prevalence of undernourishment from food supply and its distribution, and each
    edition revises earlier years: 2004-06 is 35.4 in the 2019 edition and 33.8 in the
    2022 one. The 2017 value quoted from "the previous edition" is kept with SOFI 2019's
    series, as reported (yonhap_2019_07_16). Stunting comes from nutrition surveys of
    different designs (2002, 2004, 2012, 2017) and a UNICEF series (2009) and SOFI (2020).
    """
    food = load("food")
    pou = food[food["series"] == "prevalence_of_undernourishment"].copy()
    edition = {"yonhap_2019_07_16": "undernourished, SOFI 2019",
               "yonhap_2022_07_07": "undernourished, SOFI 2022"}
    pou["measure"] = pou["source_id"].map(edition)
    stunting = food[food["series"] == "child_stunting"].copy()
    stunting["measure"] = "children stunted"
    table = pd.concat([pou, stunting])
    table["year"] = table["year"].astype(int)
    return (table[["year", "measure", "value", "note", "source_id"]]
            .sort_values(["measure", "year"]).reset_index(drop=True))


def pyongyang_share() -> tuple[float, str]:
    """Pyongyang's share of North Korea's population, as a fraction, and its source id.

    Returns
    -------
    (float, str)
        The share (0.12, "about 12%" in reuters_copy_2012) and the ``source_id``.
    """
    table = load("regional_disparity")
    row = table[table["series"] == "pyongyang_share_of_population"].iloc[0]
    return float(row["value"]) / 100, str(row["source_id"])
