"""Figures of notebook 00, *Reading North Korea by numbers*: how far the estimates differ."""

from __future__ import annotations

from matplotlib.figure import Figure

from course import plots
from course.data import views


def bok_growth_releases() -> Figure:
    """North Korea's real GDP growth as the Bank of Korea first published it, and as revised.

    One line for each year's first release and one for the revised figures
    quoted in later releases, with a grey band between them where both exist.

    Tables: ``gdp_growth_bok`` (series ``real_gdp_growth``), through
    :func:`course.data.views.by_source`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent growth, year on year, against the year.

    Text alternative
    ----------------
    A line chart of annual real GDP growth since 1990, as first released
    and as revised by the Bank of Korea; where a revised figure exists it
    mostly sits close to the first release.
    """
    growth = views.by_source("gdp_growth")
    bok = growth[["BOK, first release", "BOK, revised"]].dropna(how="all")
    fig, ax = plots.figure()
    plots.draw_sources(ax, bok, unit="percent, year on year",
                       title="North Korea: real GDP growth, Bank of Korea estimates",
                       legend_outside=False)
    plots.add_source(fig, views.source_note("gdp_growth", shown=list(bok.columns)))
    return fig


def china_trade_by_agency() -> Figure:
    """North Korea's total trade with China (exports plus imports), one line per reporting agency.

    The grey band runs from the lowest to the highest agency figure of each year.

    Tables: ``trade_china`` (series ``china_trade_total_usd``), through
    :func:`course.data.views.by_source`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: billions of US dollars against the year, legend on the right.

    Text alternative
    ----------------
    North Korea–China trade in billions of US dollars from 2006, one line per
    agency: it rises to a peak in the mid-2010s, falls after the 2017 sanctions,
    nearly vanishes during the 2020–2021 border closure and partly recovers;
    the agencies differ by up to about half a billion in some years.
    """
    trade = views.by_source("china_trade")
    fig, ax = plots.figure()
    plots.draw_sources(ax, trade, unit="US dollars, billion",
                       title="North Korea's trade with China, by reporting agency")
    plots.add_source(fig, views.source_note("china_trade"))
    return fig


__all__ = ["bok_growth_releases", "china_trade_by_agency"]
