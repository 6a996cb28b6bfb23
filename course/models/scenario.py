"""One policy package through the course's models: settings in, headline numbers out.

Notebook 10 (the capstone) asks students to argue for a package of policies:
a smaller military burden and demobilisation, sanctions relief, marketisation,
pay for state officials, a split of the gains between classes, an engagement
project, a way to negotiate and a linked deal. Each of notebooks 01-09 has a
model of one part. This module does
not model anything itself: :func:`evaluate` calls those models, one after the
other, at the settings of a :class:`Scenario`, and returns their headline
numbers, each labelled with the model function that made it
(:class:`Number`.``made_by``). :func:`conflicts` lists, in plain words, where the
models' assumptions disagree at those settings.

The only link between models is the growth dividend: the rise in consumption
per worker that notebook 01's model gives for a lower military share is the
dividend that notebook 06's model splits between the songbun classes (a fall
is not split: that model only shares gains; :func:`conflicts` says so). Every
other model runs on its own, at the settings and fixed inputs of its own
notebook's explorer (the constants below; a test checks they agree).

Adding a model (notebook 09's linkage bargaining, say) takes a field in
:class:`Scenario`, a :class:`Setting` in :data:`SETTINGS`, a function from a
scenario to its numbers appended to :data:`COMPONENTS` (with the settings it
reads) and, if its assumptions clash with another model's, a rule in
:data:`CONFLICT_RULES`.

Units: money in billions (labour, markets) or millions (engagement) of US
dollars a year as in each notebook; shares in percent. The market model of
notebook 03 has no money unit: its surpluses are in price times quantity units.

References
----------
The models' own references: :mod:`course.models.growth` (Solow 1956),
:mod:`course.models.labor` (Lewis 1954), :mod:`course.models.sanctions`,
:mod:`course.models.markets` (Murphy, Shleifer and Vishny 1992),
:mod:`course.models.corruption` (Besley and McLaren 1993),
:mod:`course.models.inequality`, :mod:`course.models.engagement` and
:mod:`course.models.trust` (Axelrod 1984), :mod:`course.models.linkage` (Nash 1950;
Tollison and Willett 1979).
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from course.data import engagement as engagement_data
from course.data import inequality as inequality_data
from course.data import labor as labor_data
from course.models import (corruption, engagement, growth, inequality, labor, linkage, markets,
                           sanctions, trust)

# --- fixed inputs: the defaults of each notebook's explorer --------------------------
#: Notebook 01 (ByungjinExplorer): capital share, depreciation, saving rate, starting share.
GROWTH = {"alpha": 1 / 3, "delta": 0.05, "s": 0.20, "m0": 0.23}
#: Notebook 04 (CorruptionExplorer): outside option, detection probability, penalty and
#: largest bribe, in kg of rice (a month; the penalty and bribe once).
CORRUPTION = {"w0": 40.0, "q": 0.25, "penalty": 50.0, "b_max": 150.0}
#: Notebook 05 (LaborExplorer): the largest active-force estimate in the data bounds D.
LARGEST_FORCE, LARGEST_FORCE_SOURCE = labor_data.largest_active_force()
LABOR = {"market_workers": 4.0, "state_workers": 8.19, "active_force": LARGEST_FORCE,
         "state_product": 0.3, "army_work_share": 0.5, "alpha": 0.4}
LABOR_CAPITAL, LABOR_DAYS = 20.0, 30.0
#: Notebook 02 (SanctionsExplorer): banned share, China's share, smuggling discount.
SANCTIONS = {"b": 0.90, "w": 0.97, "d": 0.30}
#: Notebook 03 (MarketExplorer): the linear market and the plan price.
MARKET = markets.LinearMarket(a=10.0, b=1.0, c=1.0, d=0.5)
PLAN_PRICE = 2.0
#: Notebook 06 (InequalityExplorer): class shares (Collins, HRNK 2012) and incomes
#: per person relative to the hostile class (core, wavering, hostile; illustrative).
CLASS_SOURCE = "Collins (HRNK), 2012"
CLASS_SHARES = inequality_data.class_share_sets().loc[
    CLASS_SOURCE, list(inequality_data.CLASSES)].to_numpy(dtype=float)
CLASS_INCOMES = np.array([3.0, 1.5, 1.0])
#: Notebook 07 (EngagementExplorer): Kaesong's 2015 wage (table kaesong) times 12; the
#: margin, state cost and discount rate are illustrative; 55 thousand workers.
ENGAGEMENT = {"wage": 12 * float(engagement_data.series("avg_monthly_wage")
                                 .query("year == 2015")["value"].iloc[0]),
              "margin": 3000.0, "state_cost": 300.0, "discount": 0.10, "sunk_cost": 5000.0}
ENGAGEMENT_WORKERS = 55_000
#: Notebook 08 (TrustExplorer): both sides play generous tit-for-tat with this forgiveness.
STRATEGY, FORGIVENESS = "generous_tit_for_tat", 0.30
#: Notebook 09 (LinkageExplorer): the other side's weight on liberalization and the two
#: fallbacks, at that explorer's defaults (payoff units of the model).
LINKAGE = {"weight": 0.5, "fallback_regime": 0.05, "fallback_other": 0.05}


class Setting(NamedTuple):
    """One setting of a scenario: its slider and the model it feeds."""

    name: str
    label: str
    default: float
    low: float
    high: float
    step: float
    notebook: str


#: Every setting, in the order of the dashboard's sliders. Ranges are those of
#: the notebooks' own sliders (noise starts above 0, where the long run is defined).
SETTINGS: tuple[Setting, ...] = (
    Setting("military_share", "military share of output m", GROWTH["m0"], 0.0, 0.4, 0.01, "01"),
    Setting("soldiers_released", "soldiers released D (million)", 0.0, 0.0, LARGEST_FORCE,
            0.05, "05"),
    Setting("enforcement", "China's sanctions enforcement e", 0.95, 0.0, 1.0, 0.01, "02"),
    Setting("plan_quota", "plan quota q̄ (0 = all market)", 4.0, 0.0, MARKET.q_star,
            0.1, "03"),
    Setting("state_wage", "officials' wage (kg rice/month)", 0.0, 0.0, 1000.0, 5.0,
            "04"),
    Setting("to_core", "dividend share to core class", 0.50, 0.0, 1.0, 0.01, "06"),
    Setting("worker_share", "Kaesong wage reaching workers s", 0.30, 0.0, 1.0, 0.01,
            "07"),
    Setting("closure_hazard", "closure hazard λ (per year)", 0.20, 0.0, 1.0, 0.01, "07"),
    Setting("noise", "negotiation noise ε (error rate)", 0.05, 0.01, 0.5, 0.01, "08"),
    Setting("liberalization_cost", "regime's liberalization cost θ",
            0.3, -1.0, 1.0, 0.05, "09"),
    Setting("credibility", "credibility of promises κ", 0.8, 0.0, 1.0, 0.05, "09"),
)
SETTING = {s.name: s for s in SETTINGS}


class StatedSettings(dict):
    """A scenario's settings as a dict that prints three to a line.

    Its printed form is a dict literal of six lines, so that pasted after
    ``my_settings = `` in notebook 10 the settings cell, with its comment,
    stays within the ten lines a student cell may have.
    """

    #: Settings a printed line holds.
    PER_LINE = 3

    def __repr__(self) -> str:
        items = [f"{name!r}: {value!r}".replace("'", '"') for name, value in self.items()]
        lines = [", ".join(items[i:i + self.PER_LINE]) + ","
                 for i in range(0, len(items), self.PER_LINE)]
        return "\n".join(["{", *("    " + line for line in lines), "}"])

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython's display of a cell's value
        printer.text(repr(self))


@dataclass(frozen=True)
class Scenario:
    """A policy package: one value per :data:`SETTINGS` entry (defaults: each notebook's)."""

    military_share: float = SETTING["military_share"].default
    soldiers_released: float = SETTING["soldiers_released"].default
    enforcement: float = SETTING["enforcement"].default
    plan_quota: float = SETTING["plan_quota"].default
    state_wage: float = SETTING["state_wage"].default
    to_core: float = SETTING["to_core"].default
    worker_share: float = SETTING["worker_share"].default
    closure_hazard: float = SETTING["closure_hazard"].default
    noise: float = SETTING["noise"].default
    liberalization_cost: float = SETTING["liberalization_cost"].default
    credibility: float = SETTING["credibility"].default

    def __post_init__(self):
        for item in fields(self):
            value, setting = getattr(self, item.name), SETTING[item.name]
            if not (isinstance(value, numbers.Real) and not isinstance(value, bool)
                    and math.isfinite(float(value))):
                raise ValueError(f"setting {item.name} must be a finite number; got {value!r:.40}")
            if not setting.low - 1e-9 <= float(value) <= setting.high + 1e-9:
                raise ValueError(f"setting {item.name} must lie between {setting.low:g} and "
                                 f"{setting.high:g} (the dashboard's slider); got {float(value):g}")

    def settings(self) -> StatedSettings:
        """The settings as a dict (what a student copies into the memo), printed three to a line."""
        return StatedSettings((name, round(float(value), 4)) for name, value in asdict(self).items())


def scenario_from(settings: Mapping) -> Scenario:
    """The scenario a student states, checked.

    Parameters
    ----------
    settings : mapping
        ``{setting name: value}`` with every name of :data:`SETTINGS`.

    Raises
    ------
    ValueError
        If ``settings`` is not a dict, a name is missing or unknown, or a value is
        not a finite number inside its slider's range (the message says which).
    """
    if not isinstance(settings, Mapping):
        raise ValueError(f"settings must be a dict of setting name: value; got "
                         f"{type(settings).__name__}")
    unknown = sorted(str(k) for k in settings if k not in SETTING)
    missing = [name for name in SETTING if name not in settings]
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}; the settings are "
                         f"{', '.join(SETTING)}")
    if missing:
        raise ValueError(f"state every setting; missing {', '.join(missing)}")
    return Scenario(**settings)


class Number(NamedTuple):
    """One headline number and where it comes from."""

    value: float
    unit: str
    label: str
    made_by: str  # the model function that computed it, e.g. "course.models.growth.steady_state"

    def heading(self, width: int = 24) -> str:
        """The label and unit, wrapped to ``width`` characters a line (a panel title)."""
        import textwrap

        return "\n".join(textwrap.wrap(f"{self.label} ({self.unit})", width))


# --- one function per model ----------------------------------------------------------
def consumption_index(military_share: float) -> float:
    """Steady-state consumption per worker at a military share, 100 at the starting share."""
    g = GROWTH
    now = growth.steady_state(g["alpha"], g["s"], military_share, g["delta"])
    start = growth.steady_state(g["alpha"], g["s"], g["m0"], g["delta"])
    return 100.0 * float(now.c) / float(start.c)


def growth_dividend(scenario: Scenario) -> float:
    """The dividend notebook 06 splits: the consumption gain as a share (0 when it falls)."""
    return max(0.0, consumption_index(scenario.military_share) / 100.0 - 1.0)


def _growth(s: Scenario) -> dict:
    return {"consumption_index": Number(consumption_index(s.military_share),
                                        "index, 100 at today's military share",
                                        "consumption per worker",
                                        "course.models.growth.steady_state")}


def _corruption(s: Scenario) -> dict:
    share = corruption.share_corrupt(s.state_wage, CORRUPTION["w0"], CORRUPTION["q"],
                                     CORRUPTION["penalty"], CORRUPTION["b_max"])
    return {"officials_corrupt": Number(100 * float(share), "percent of officials",
                                        "officials who take the bribe on offer",
                                        "course.models.corruption.share_corrupt")}


def _labor(s: Scenario) -> dict:
    change = labor.release(s.soldiers_released, LABOR_CAPITAL, LABOR_DAYS, **LABOR)
    made = "course.models.labor.release"
    return {"output_change": Number(float(change["d_output"]), "billion US dollars a year",
                                    "output, change from demobilisation", made),
            "market_wage": Number(1000 * float(change["after"].market_wage), "US dollars a year",
                                  "market wage", made)}


def _sanctions(s: Scenario) -> dict:
    kept = sanctions.export_retention(SANCTIONS["b"], SANCTIONS["w"], s.enforcement,
                                      SANCTIONS["d"])
    return {"exports_kept": Number(100 * float(kept), "percent of 2017 exports",
                                   "exports kept under sanctions",
                                   "course.models.sanctions.export_retention")}


def _markets(s: Scenario) -> dict:
    out = markets.dual_track(MARKET, s.plan_quota, PLAN_PRICE)
    made = "course.models.markets.dual_track"
    return {"plan_rent": Number(float(out.plan_rent), "price x quantity units",
                                "plan rent (to plan users and officials)", made)}


def _inequality(s: Scenario) -> dict:
    p = CLASS_SHARES
    rest = p[1] + p[2]
    split = np.array([s.to_core, (1 - s.to_core) * p[1] / rest, (1 - s.to_core) * p[2] / rest])
    out = inequality.share_dividend(p, CLASS_INCOMES, growth_dividend(s), split)
    made = "course.models.inequality.share_dividend"
    return {"gini_after": Number(float(out.gini_after), "Gini, 0 to 1",
                                 "inequality between classes after the dividend", made),
            "hostile_gain": Number(float(out.gain_percent[2]), "percent",
                                   "income gain of the hostile class", made)}


def _engagement(s: Scenario) -> dict:
    values = engagement.party_values(s.worker_share, s.closure_hazard,
                                     workers=ENGAGEMENT_WORKERS, **ENGAGEMENT)
    made = "course.models.engagement.party_values"
    return {"workers_value": Number(float(values.workers) / 1e6, "million US dollars",
                                    "value of the zone to North Korean workers", made),
            "state_value": Number(float(values.state) / 1e6, "million US dollars",
                                  "value of the zone to the North Korean state", made)}


def _trust(s: Scenario) -> dict:
    side_one, _ = trust.long_run_cooperation(STRATEGY, STRATEGY, s.noise, FORGIVENESS)
    return {"cooperation": Number(100 * float(side_one), "percent of rounds",
                                  "long-run cooperation (generous tit-for-tat, both sides)",
                                  "course.models.trust.long_run_cooperation")}


def _linkage(s: Scenario) -> dict:
    deal = linkage.nash_deal(s.liberalization_cost, LINKAGE["weight"], s.credibility,
                             LINKAGE["fallback_regime"], LINKAGE["fallback_other"])
    made = "course.models.linkage.nash_deal"
    return {"denuclearization": Number(100 * deal.d, "percent of full denuclearization",
                                       "denuclearization in the linked deal (0: no deal)", made),
            "relief": Number(100 * deal.r, "percent of full relief",
                             "sanctions relief in the linked deal (0: no deal)", made)}


class Component(NamedTuple):
    """One model's part of the scenario: a function from a scenario to its numbers, and the
    settings it reads (:func:`reach` sweeps only those to find each number's range; a test
    checks that the other settings leave its numbers alone)."""

    compute: Callable[[Scenario], dict]
    uses: tuple[str, ...]


#: The models, in the order of the course.
COMPONENTS: list[Component] = [
    Component(_growth, ("military_share",)),
    Component(_sanctions, ("enforcement",)),
    Component(_markets, ("plan_quota",)),
    Component(_corruption, ("state_wage",)),
    Component(_labor, ("soldiers_released",)),
    Component(_inequality, ("military_share", "to_core")),
    Component(_engagement, ("worker_share", "closure_hazard")),
    Component(_trust, ("noise",)),
    Component(_linkage, ("liberalization_cost", "credibility")),
]


def evaluate(scenario: Scenario) -> dict[str, Number]:
    """Every headline number of a scenario, in the order of :data:`COMPONENTS`.

    Returns
    -------
    dict
        ``{quantity name: Number}``; every value is finite for every scenario that
        :class:`Scenario` accepts (tests sweep every slider extreme).
    """
    result: dict[str, Number] = {}
    for component in COMPONENTS:
        result.update(component.compute(scenario))
    return result


def reach() -> dict[str, tuple[float, float]]:
    """The lowest and highest value of each headline number over the sliders' ranges.

    Each model's numbers depend only on the settings its :class:`Component`
    reads (one or two; a test checks this), and each number moves one way
    only as any one of those settings rises, the others held (checked by a
    test on a grid of every tenth of each range). A number like that is
    lowest and highest where each setting it reads is at one end of its
    slider, so it is run at those corners only: at most four runs of a model,
    the other settings at their defaults.

    Returns
    -------
    dict
        ``{quantity name: (low, high)}`` in each number's unit; ``low <= high``,
        and the two are equal for a number no slider moves. A new dict each call
        (the model runs are cached), so a caller may change it.
    """
    return dict(_reach())


@lru_cache(maxsize=1)
def _reach() -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for component in COMPONENTS:
        ends = [(SETTING[n].low, SETTING[n].high) for n in component.uses]
        seen = [component.compute(Scenario(**dict(zip(component.uses, corner))))
                for corner in itertools.product(*ends)]
        for name in seen[0]:
            values = [result[name].value for result in seen]
            out[name] = (min(values), max(values))
    return out


def quantity(settings: Mapping, name: str) -> float:
    """One headline number at stated settings (what a consistency check recomputes).

    Raises
    ------
    ValueError
        If the settings are malformed (see :func:`scenario_from`).
    KeyError
        If ``name`` is not a headline number.
    """
    return evaluate(scenario_from(settings))[name].value


def quantities() -> list[str]:
    """Names of every headline number."""
    return list(evaluate(Scenario()))


# --- where the models disagree ----------------------------------------------------------
def _demobilisation(s, n):
    cut = s.military_share < GROWTH["m0"] - 1e-9
    if cut and s.soldiers_released == 0:
        return ("The growth model (01) counts the military share as output spent on the army; the "
                "labour model (05) counts soldiers. You cut the share but released no soldiers: "
                "the consumption gain then assumes spending falls with the same army.")
    if s.soldiers_released > 0 and not cut:
        return ("You release soldiers but keep the military share: the labour model adds their "
                "work to the market, while the growth model still spends the same share of "
                "output on the army.")
    return None


def _sanctions_growth(s, n):
    if n["exports_kept"].value < 50 and n["consumption_index"].value > 100:
        return ("The growth model (01) is a closed economy: the exports lost to sanctions "
                f"({100 - n['exports_kept'].value:.0f} percent of 2017's) do not lower its "
                "consumption. Read the two numbers as separate, not added up.")
    return None


def _dividend(s, n):
    if n["consumption_index"].value < 100:
        return ("Consumption falls at this military share, but the distribution model (06) only "
                "splits gains: it shows no class losing. Who bears a fall is not modelled.")
    return None


def _wages(s, n):
    if s.soldiers_released > 0:
        return ("The engagement model (07) pays the 2015 Kaesong wage whatever happens in the labour "
                f"market, while the labour model (05) puts the market wage at "
                f"{n['market_wage'].value:,.0f} US dollars a year after the release.")
    return None


def _trust_hazard(s, n):
    cooperation, hazard = n["cooperation"].value, s.closure_hazard
    if cooperation < 70 and hazard < 0.1:
        return (f"The trust model (08) has cooperation at {cooperation:.0f} percent of rounds, yet "
                f"the engagement model assumes a closure hazard of only {hazard:.2f} a year: the "
                "course does not link the two; argue for the hazard you choose.")
    if cooperation > 90 and hazard > 0.5:
        return (f"Cooperation is high ({cooperation:.0f} percent of rounds) but you assume the zone "
                "is likely to close soon: say what would close it.")
    return None


def _rent(s, n):
    if s.plan_quota > 0 and s.to_core < 0.2:
        return ("The market model (03) leaves a plan rent for whoever holds plan goods, often the "
                "core class and officials, while you give most of the dividend to the other "
                "classes: the distribution model (06) does not count the rent.")
    return None


def _rent_leaks(s, n):
    if s.plan_quota > 0 and n["officials_corrupt"].value > 50:
        return (f"At this state wage {n['officials_corrupt'].value:.0f} percent of officials take "
                "bribes (04), yet the market model (03) assumes the plan rent stays with plan "
                "users: in practice part of it goes to the officials who allocate plan goods.")
    return None


def _promises(s, n):
    if s.credibility > 0.7 and s.noise > 0.25:
        return (f"The bargaining model (09) has promises kept with credibility {s.credibility:.2f}, "
                f"while the trust model (08) has a side misread or miss {s.noise:.0%} of steps: "
                "say which you believe for the deal you recommend.")
    return None


def _relief_without_deal(s, n):
    if s.enforcement < 0.5 and n["relief"].value == 0:
        return ("You relax sanctions enforcement (02), but the bargaining model (09) finds no "
                "linked deal at these settings: relief would come without the denuclearization "
                "or liberalization it was meant to buy.")
    return None


#: Rules, each ``(scenario, numbers) -> sentence or None``.
CONFLICT_RULES: list[Callable] = [_demobilisation, _sanctions_growth, _dividend, _wages,
                                  _trust_hazard, _rent, _rent_leaks, _promises,
                                  _relief_without_deal]


def conflicts(scenario: Scenario, numbers: Mapping | None = None) -> list[str]:
    """Where the models' assumptions disagree at this scenario, in plain sentences."""
    numbers = evaluate(scenario) if numbers is None else numbers
    found = [rule(scenario, numbers) for rule in CONFLICT_RULES]
    return [text for text in found if text]


__all__ = ["Scenario", "Setting", "SETTINGS", "StatedSettings", "Number", "scenario_from", "evaluate",
           "quantity", "quantities", "reach", "conflicts", "consumption_index",
           "growth_dividend", "Component", "COMPONENTS", "CONFLICT_RULES"]
