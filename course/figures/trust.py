"""Figures of notebook 08, *From security dilemma to trust*: negotiation steps and their answers."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from course import plots
from course.data import negotiations

#: Summits labelled on the timeline (date in the ``events`` table -> label).
SUMMIT_LABELS = {"2000-06-13": "summit 2000", "2007-10-02": "summit 2007",
                 "2018-04-27": "Panmunjom", "2018-06-12": "Singapore",
                 "2018-09-18": "Pyongyang", "2019-02-27": "Hanoi"}
#: Vertical offset of each side within a track's row.
OFFSET = {"North Korea": 0.22, "jointly": 0.0, "other parties": -0.22}
#: The two windows of the timeline: the Agreed Framework and Six-Party years, then 2018 on.
WINDOWS = ((1994.0, 2013.0), (2017.6, 2024.2))


def negotiation_timeline() -> Figure:
    """Every negotiation step from 1994 to 2023 by track, side and kind, with the summits.

    Each marker is one step (one kind of move by one side on one track in one
    month; :func:`course.data.negotiations.steps`): North Korea's steps sit
    above a track's line, the other parties' below it, joint steps on it. The
    marker's shape and colour give the kind of step. A solid green line joins
    a one-sided move to the step that answered it in kind, a dashed red line
    to a reversal or breakdown that answered it
    (:func:`course.data.negotiations.answers`). Dotted vertical lines are
    summits. The years 2013-2017, with no talks, are cut out.

    Tables: ``negotiations`` and ``events`` (category ``summit``).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels (1994-2013 and 2017-2024) sharing the track rows.

    Text alternative
    ----------------
    Three rows of markers, for the US-North Korea track, the Six-Party Talks
    and the two Koreas. The 1994 Agreed Framework is followed by fuel-oil
    deliveries and reactor construction until reversals and breakdowns in
    2002-2003. The Six-Party Talks show a run of answered steps in 2007 and
    mid-2008 (shutdown for fuel oil, declaration for delisting) ending in
    breakdown in December 2008 and April 2009. The 2012 Leap Day deal is
    reversed within weeks. In 2018 agreements and implemented steps crowd
    around the Panmunjom, Singapore and Pyongyang summits; after Hanoi in
    February 2019 come a breakdown in October 2019, the demolition of the
    liaison office in June 2020 and the end of the military agreement in
    November 2023.
    """
    table = negotiations.steps()
    answers = negotiations.answers()
    summits = negotiations.summits()
    tracks = list(negotiations.TRACKS)
    row = {track: len(tracks) - 1 - i for i, track in enumerate(tracks)}
    fig, axes = plots.figure(1, 2, figsize=(9.6, 5.4))
    answered = {"in kind": {"color": plots.PALETTE[2], "linestyle": "-"},
                "reversal or breakdown": {"color": plots.PALETTE[5], "linestyle": "--"}}
    for panel, (ax, (lo, hi)) in enumerate(zip(axes, WINDOWS)):
        for track in tracks:
            ax.axhline(row[track], color="#bbbbbb", linewidth=0.8)
        for _, summit in summits.iterrows():
            x = plots.decimal_year(summit["when"])
            if lo <= x <= hi:
                ax.axvline(x, color="#777777", linewidth=0.8, linestyle=":")
        for _, move in answers.iterrows():
            if move["answer"] not in answered:
                continue
            target = table[(table["step"] == move["answer_step"])].iloc[0]
            x0, x1 = plots.decimal_year(move["when"]), plots.decimal_year(target["when"])
            if not (lo <= x0 <= hi):
                continue
            y0 = row[move["track"]] + OFFSET[move["side"]]
            y1 = row[target["track"]] + OFFSET[target["side"]]
            ax.plot([x0, x1], [y0, y1], linewidth=1.1, **answered[move["answer"]])
        for i, kind in enumerate(negotiations.KINDS):
            rows = table[table["kind"] == kind]
            x = np.array([plots.decimal_year(w) for w in rows["when"]])
            y = np.array([row[t] + OFFSET[s] for t, s in zip(rows["track"], rows["side"])])
            keep = (x >= lo) & (x <= hi)
            ax.plot(x[keep], y[keep], markersize=7, label=kind,
                    markeredgecolor="#333333", markeredgewidth=0.5,
                    **{**plots.style(i), "linestyle": "none"})
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.5, len(tracks) - 0.5)
        ax.grid(axis="y", visible=False)
        plots.year_axis(ax)
        if panel == 0:
            ax.set_yticks([row[t] for t in tracks],
                          [negotiations.TRACKS[t].replace(" and ", " and\n") for t in tracks])
        else:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
        # Summit names above the panel, staggered so that close dates do not overlap.
        level = 0
        for _, summit in summits.iterrows():
            label = SUMMIT_LABELS.get(summit["when"].strftime("%Y-%m-%d"))
            x = plots.decimal_year(summit["when"])
            if label and lo <= x <= hi:
                ax.text(x, len(tracks) - 0.45 + 0.17 * level, label, fontsize=7.5, ha="center",
                        va="bottom", color="#444444", clip_on=False)
                level = (level + 1) % 3
    axes[1].set_xlabel("year; North Korea above each line, other parties below, joint steps on it",
                       fontsize=7.5)
    axes[0].set_title("Negotiation steps and how they were answered", pad=44)
    handles, labels = axes[0].get_legend_handles_labels()
    kinds_shown = dict(zip(labels, handles))
    for name, style in answered.items():
        kinds_shown[f"answered: {name}"] = Line2D([], [], linewidth=1.1, **style)
    fig.legend(list(kinds_shown.values()), list(kinds_shown), loc="lower center", ncol=5,
               fontsize=7.5, bbox_to_anchor=(0.55, 0.115))
    plots.add_source(fig, "Sources: 128 reported steps from news agencies, governments and KEDO "
                     "(course table negotiations; each step's source_id in "
                     "negotiations.steps()), merged into one step per side, kind, track and month; "
                     "summits from the events table. Answers: the course's rule in "
                     "course.data.negotiations (first non-statement step by the other side or jointly "
                     "within a year).")
    # The 2017-2024 window gets more width per year than 1994-2013: 2018 was crowded.
    bottom, top = 0.30, 0.82
    axes[0].set_position([0.13, bottom, 0.36, top - bottom])
    axes[1].set_position([0.51, bottom, 0.475, top - bottom])
    return fig


def how_moves_were_answered() -> Figure:
    """How each side's one-sided moves were answered, counted.

    For North Korea and for the other parties: how many of their offers,
    concessions and implemented steps were answered in kind, answered with a
    reversal or breakdown, or not answered within a year, by the rule of
    :func:`course.data.negotiations.answers`.

    Tables: ``negotiations`` (through :func:`course.data.negotiations.answer_counts`).

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal stacked bars, one per side, in numbers of moves.

    Text alternative
    ----------------
    North Korea made 8 one-sided moves: 7 were answered in kind and 1 by a
    reversal or breakdown. The other parties made 15: 7 answered in kind, 4
    by a reversal or breakdown and 4 not answered within a year (three of
    them fuel-oil deliveries and reactor work under the Agreed Framework,
    whose counterpart, North Korea's freeze, has no dated step).
    """
    counts = negotiations.answer_counts()
    fig, ax = plots.figure(figsize=(7.6, 3.6))
    colours = (plots.PALETTE[2], plots.PALETTE[5], "#bbbbbb")
    hatches = ("", "//", "..")
    left = np.zeros(len(counts))
    y = np.arange(len(counts))[::-1]
    for answer, colour, hatch in zip(negotiations.ANSWERS, colours, hatches):
        values = counts[answer].to_numpy(dtype=float)
        bars = ax.barh(y, values, left=left, color=colour, hatch=hatch, edgecolor="white",
                       height=0.55, label=answer)
        for bar, value in zip(bars, values):
            if value:
                ax.text(bar.get_x() + value / 2, bar.get_y() + bar.get_height() / 2,
                        f"{value:.0f}", ha="center", va="center", fontsize=9,
                        color="#000000", bbox={"facecolor": "white", "edgecolor": "none",
                                               "pad": 1.0})
        left += values
    ax.set_yticks(y, list(counts.index))
    ax.set_xlabel("one-sided moves (offers, concessions, implemented steps), 1994-2023")
    ax.set_xlim(0, max(left) + 1)
    ax.grid(axis="y", visible=False)
    ax.set_title("How each side's moves were answered")
    ax.legend(loc="upper right", fontsize=8)
    plots.add_source(fig, "Sources: course table negotiations (news agencies, governments, "
                     "KEDO; ids in negotiations.answers()). Rule: the first non-statement "
                     "step by the other side or jointly within 365 days; the course's coding.")
    fig.subplots_adjust(left=0.15, right=0.97, top=0.9, bottom=0.3)
    return fig


__all__ = ["negotiation_timeline", "how_moves_were_answered"]
