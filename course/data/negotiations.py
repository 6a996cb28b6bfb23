"""Views of the negotiation steps for notebook 08: who moved, how, and how the other side answered.

The ``negotiations`` table keeps one row per step *as one source reports it*:
the same step appears twice where sources disagree on its date or size. The
views here turn rows into steps with stated rules, so that a count does not
double a step because two newspapers reported it:

* **side**: ``"North Korea"`` for an actor starting with ``DPRK``; ``"jointly"``
  for a joint actor (``US-DPRK``, ``DPRK-ROK``, ``Six parties``, ``ROK/DPRK ...``,
  ``IAEA / DPRK``); ``"other parties"`` for everyone else (the United States,
  South Korea, KEDO, the five other parties, Macau, Russia, the UN);
* **one step** = one kind of move by one side on one track in one calendar
  month (several terms of one agreement, or two reports of one shipment, are
  one step);
* **answer** (:func:`answers`): for each one-sided offer, concession or
  implementation, the first later step (the same day counts) on any of the
  three tracks (the US-North Korea and six-party tracks answered each other,
  as in June 2008), within 365 days, by the other side or jointly, other than
  a statement. ``"in kind"`` if it is an offer, concession, agreement or
  implementation; ``"reversal or breakdown"`` if it is one of those; ``"no
  answer within a year"`` otherwise. This coding is the course's, not the
  collector's: it reads "action for action" off the dates alone, and a
  commitment kept without a dated step (North Korea's freeze under the 1994
  Agreed Framework, say) cannot be seen as an answer.

Dates given as a year only are placed on 1 July, as a month only on its 15th.
"""

from __future__ import annotations

import pandas as pd

from course.data.loader import derived, load

#: Kinds of step, from most to least cooperative, as the collector coded them.
KINDS = ("agreement", "implementation", "concession", "offer", "statement", "reversal",
         "breakdown")
COOPERATIVE = ("offer", "concession", "agreement", "implementation")
UNCOOPERATIVE = ("reversal", "breakdown")
MOVES = ("offer", "concession", "implementation")
#: Tracks shown, top to bottom, with their labels.
TRACKS = {"us_dprk": "US and North Korea", "six_party": "Six-Party Talks",
          "inter_korean": "the two Koreas"}
SIDES = ("North Korea", "other parties", "jointly")
ANSWERS = ("in kind", "reversal or breakdown", "no answer within a year")


def _when(date: str) -> pd.Timestamp:
    parts = date.split("-")
    if len(parts) == 1:
        return pd.Timestamp(f"{date}-07-01")
    if len(parts) == 2:
        return pd.Timestamp(f"{date}-15")
    return pd.Timestamp(date)


def side(actor: str) -> str:
    """Which side took a step: ``"North Korea"``, ``"other parties"`` or ``"jointly"``.

    Examples
    --------
    >>> side("DPRK (FM Ri Yong Ho)"), side("US-DPRK"), side("KEDO Executive Board")
    ('North Korea', 'jointly', 'other parties')
    """
    head = actor.split(" (")[0]
    if "-" in head or "/" in head or head.startswith("Six parties"):
        return "jointly"
    if head.startswith("DPRK"):
        return "North Korea"
    return "other parties"


@derived
def steps(tracks: tuple[str, ...] = tuple(TRACKS)) -> pd.DataFrame:
    """The negotiation steps, one row per side, kind, track and month.

    Parameters
    ----------
    tracks : tuple of str
        Tracks kept (default: US-North Korea, Six-Party Talks, inter-Korean).

    Returns
    -------
    pandas.DataFrame
        Columns ``when`` (Timestamp), ``date`` (as reported), ``track``,
        ``side``, ``kind``, ``step`` (the first reported row's wording),
        ``rows`` (how many table rows the step merges) and ``source_id``
        (of that first row), sorted by date. The first row in date order
        stands for each step.
    """
    table = load("negotiations")
    table = table[table["track"].isin(tracks)].copy()
    table["when"] = table["date"].map(_when)
    table["side"] = table["actor"].map(side)
    table["month"] = table["when"].dt.to_period("M")
    table = table.sort_values(["when", "seq"], kind="stable")
    grouped = table.groupby(["track", "side", "kind", "month"], sort=False)
    out = grouped.first()[["when", "date", "step", "source_id"]]
    out["rows"] = grouped.size()
    out = out.reset_index().drop(columns="month")
    return out.sort_values("when", kind="stable").reset_index(drop=True)[
        ["when", "date", "track", "side", "kind", "step", "rows", "source_id"]]


@derived
def answers(window_days: int = 365) -> pd.DataFrame:
    """How each one-sided move (offer, concession, implementation) was answered.

    Parameters
    ----------
    window_days : int
        How long after a move an answer still counts (default 365 days).

    Returns
    -------
    pandas.DataFrame
        One row per move: ``when``, ``track``, ``side``, ``kind``, ``step``,
        ``answer`` (one of :data:`ANSWERS`), ``answer_kind`` and
        ``answer_step`` (empty when unanswered). The rule is in the module
        docstring.
    """
    table = steps()
    rows = []
    for _, move in table[table["kind"].isin(MOVES) & (table["side"] != "jointly")].iterrows():
        later = table[(table["when"] >= move["when"])
                      & (table["when"] <= move["when"] + pd.Timedelta(days=window_days))
                      & (table["side"] != move["side"]) & (table["kind"] != "statement")]
        if later.empty:
            answer, kind, step = ANSWERS[2], "", ""
        else:
            first = later.iloc[0]
            answer = ANSWERS[0] if first["kind"] in COOPERATIVE else ANSWERS[1]
            kind, step = first["kind"], first["step"]
        rows.append({"when": move["when"], "track": move["track"], "side": move["side"],
                     "kind": move["kind"], "step": move["step"], "answer": answer,
                     "answer_kind": kind, "answer_step": step})
    return pd.DataFrame(rows)


def answer_counts() -> pd.DataFrame:
    """Counts of :func:`answers` by the side that moved and the answer it got.

    Returns
    -------
    pandas.DataFrame
        Index: the two sides that move alone (``North Korea``, ``other
        parties``); columns: :data:`ANSWERS`; values: numbers of moves.
    """
    counts = answers().groupby(["side", "answer"]).size().unstack(fill_value=0)
    return counts.reindex(index=list(SIDES[:2]), columns=list(ANSWERS), fill_value=0)


def summits() -> pd.DataFrame:
    """Summits from the ``events`` table: ``when``, ``event``, ``source_id``, by date."""
    events = load("events")
    out = events[events["category"] == "summit"].copy()
    out["when"] = out["date"].map(_when)
    return out.sort_values("when")[["when", "event", "source_id"]].reset_index(drop=True)


__all__ = ["KINDS", "COOPERATIVE", "UNCOOPERATIVE", "MOVES", "TRACKS", "SIDES", "ANSWERS",
           "side", "steps", "answers", "answer_counts", "summits"]
