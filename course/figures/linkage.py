"""Figures of notebook 09, *Linkage*: the sanctions at stake and the US-North Korea talks of 2018-2019."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from course import plots
from course.data import negotiations, trade
from course.data.loader import load

#: The Council resolutions adopted in 2016-2017 that imposed economic measures. North
#: Korea's foreign minister said it asked at Hanoi for five resolutions of 2016-2017 to
#: be lifted; the events table has six in those years, one of which (2356) only
#: designated people and entities, so these five are the course's reading, not a quote.
AT_STAKE = ("2270", "2321", "2371", "2375", "2397")
#: Short labels for the steps named on the 2018-2019 chart: (date, side) -> label.
STEP_LABELS = {("2018-05-24", "North Korea"): "test site\ndemolished",
               ("2018-06-12", "jointly"): "Singapore\nstatement",
               ("2018-06-18", "other parties"): "exercise\nsuspended",
               ("2018-07-27", "North Korea"): "remains\nreturned",
               ("2019-02-28", "other parties"): "Hanoi: ends\nearly, no deal",
               ("2019-03-01", "North Korea"): "Hanoi offer:\nYongbyon for\n5 of 11",
               ("2019-06-30", "jointly"): "Panmunjom\nmeeting",
               ("2019-10-05", "North Korea"): "Stockholm:\n'broke down'"}


def _sanctions_resolutions() -> pd.DataFrame:
    # The Council's resolutions with measures: the yearly renewals of the expert panel
    # and the 2024 veto are left out (they changed no measure).
    rows = trade.resolution_timeline()
    rows = rows[~rows["measures"].str.contains("Panel of Experts")]
    return rows.assign(when=pd.to_datetime(rows["date"]))


def resolutions_at_stake() -> Figure:
    """The UN Security Council's sanctions resolutions on North Korea, 2006-2017, and the tests before them.

    A step line counts the resolutions with measures against North Korea as
    they were adopted; each marker is one resolution, labelled with its
    number. The five adopted in 2016-2017 with economic measures (coal, iron,
    seafood and textile export bans, oil caps, overseas workers) are drawn in
    a different colour and marker: by North Korea's account these were the
    relief it asked for at Hanoi (the identification of the five is the
    course's reading). Dotted vertical lines are the six nuclear tests.

    Tables: ``events`` (categories ``sanctions_resolution`` and ``nuclear_test``,
    through :func:`course.data.trade.resolution_timeline`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: number of resolutions against the year.

    Text alternative
    ----------------
    A rising staircase of eleven resolutions from July 2006 to December 2017.
    Five came in 2006-2013, each soon after a nuclear test or launch; six came
    in 2016-2017, after the fourth, fifth and sixth tests, and five of those
    six carried the economic bans that North Korea asked to lift at Hanoi.
    """
    rows = _sanctions_resolutions()
    rows = rows[rows["when"].dt.year <= 2017].reset_index(drop=True)
    events = load("events")
    tests = sorted(set(events.loc[events["category"] == "nuclear_test", "date"]))
    x = np.array([plots.decimal_year(w) for w in rows["when"]])
    count = np.arange(1, len(rows) + 1)
    stake = rows["resolution"].isin(AT_STAKE).to_numpy()

    fig, ax = plots.figure(figsize=(7.8, 4.2))
    for date in tests:
        ax.axvline(plots.decimal_year(date), color="#777777", linewidth=0.8, linestyle=":")
    ax.step(np.r_[2006.0, x, 2018.0], np.r_[0, count, count[-1]], where="post",
            color="#999999", linewidth=1.2)
    other = {**plots.style(0), "linestyle": "none"}
    ax.plot(x[~stake], count[~stake], markersize=7, label="other resolutions", **other)
    ax.plot(x[stake], count[stake], markersize=8,
            label="2016-2017 economic bans (at stake at Hanoi)",
            **{**plots.style(1), "linestyle": "none"})
    for xi, ci, number in zip(x, count, rows["resolution"]):
        ax.text(xi - 0.12, ci + 0.25, number, fontsize=7.5, ha="right", va="bottom",
                color="#222222")
    ax.set_xlim(2006.0, 2018.0)
    ax.set_ylim(0, len(rows) + 1.5)
    plots.year_axis(ax)
    ax.set_xlabel("year (dotted lines: the six nuclear tests)")
    ax.set_ylabel("Security Council resolutions (cumulative)")
    ax.set_title("UN sanctions resolutions on North Korea, 2006-2017")
    ax.legend(loc="upper left", fontsize=8)
    plots.add_source(fig, "Sources: UN press releases, UN 1718 Committee lists, US, UK and "
                     "South Korean government fact sheets and legal summaries (course table "
                     "events; ids in trade.resolution_timeline()); nuclear test dates: events. "
                     "Panel-of-experts renewals left out. The five at stake: the course's "
                     "reading of North Korea's account (five of 2016-2017).")
    return fig


def us_dprk_steps(first: str = "2018-04-01", last: str = "2019-11-30") -> Figure:
    """Every step on the US-North Korea track from spring 2018 to autumn 2019, by side and kind.

    Each marker is one step (one kind of move by one side in one month;
    :func:`course.data.negotiations.steps`): North Korea's on the top row,
    joint steps in the middle, the United States' at the bottom. The marker's
    shape and colour give the kind of step. The main steps are labelled.

    Tables: ``negotiations`` (track ``us_dprk``) and ``events`` (summits).

    Parameters
    ----------
    first, last : str
        Dates shown (ISO format).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: three rows of markers against the date.

    Text alternative
    ----------------
    From May to July 2018 the steps are cooperative on both rows: North Korea
    demolishes its test site and returns remains, the two sides sign the
    Singapore statement, the United States suspends an exercise. Nothing is
    recorded from August 2018 until Hanoi in February 2019, where the United
    States ends the summit early and North Korea's account lists its offers (Yongbyon, a
    test halt) and the relief it asked for; after a meeting at Panmunjom in
    June 2019, North Korea calls the Stockholm talks of October 2019 a
    breakdown.
    """
    table = negotiations.steps(("us_dprk",))
    table = table[(table["when"] >= first) & (table["when"] <= last)]
    rows = {"North Korea": 2, "jointly": 1, "other parties": 0}
    fig, ax = plots.figure(figsize=(8.6, 4.0))
    for i, kind in enumerate(negotiations.KINDS):
        part = table[table["kind"] == kind]
        if part.empty:
            continue
        ax.plot(part["when"], part["side"].map(rows), markersize=8, label=kind,
                markeredgecolor="#333333", markeredgewidth=0.5,
                **{**plots.style(i), "linestyle": "none"})
    shown = set()
    for row in table.itertuples():
        key = (row.when.strftime("%Y-%m-%d"), row.side)
        if key in STEP_LABELS and key not in shown:
            shown.add(key)
            below = rows[row.side] == 0
            ax.annotate(STEP_LABELS[key], (row.when, rows[row.side]),
                        xytext=(0, -12 if below else 12), textcoords="offset points",
                        ha="center", va="top" if below else "bottom", fontsize=7,
                        color="#222222")
    for row in negotiations.summits().itertuples():
        if pd.Timestamp(first) <= row.when <= pd.Timestamp(last):
            ax.axvline(row.when, color="#777777", linewidth=0.8, linestyle=":")
    ax.set_yticks([0, 1, 2], ["United States", "jointly", "North Korea"])
    ax.set_ylim(-1.0, 3.0)
    ax.set_xlim(pd.Timestamp(first), pd.Timestamp(last))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("date (dotted: summits)")
    ax.set_title("The US-North Korea track, 2018-2019")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=6, fontsize=7.5)
    plots.add_source(fig, "Sources: news agencies and government statements (course table "
                     "negotiations, track us_dprk; each step's source_id in "
                     "negotiations.steps()), merged into one step per side, kind and month; "
                     "summits from the events table. Each side's account kept where they differ.")
    fig.subplots_adjust(bottom=0.36, left=0.13, right=0.98)
    return fig


__all__ = ["resolutions_at_stake", "us_dprk_steps", "AT_STAKE"]
