"""The capstone's scenario: the composition calls the course's models and adds nothing.

Expected values are worked out by hand in the comments; the rest compare the
scenario's numbers with direct calls of the model functions each number names.
"""

import importlib
import itertools
import math

import numpy as np
import pytest

from course.models import (corruption, engagement, growth, labor, linkage, markets, sanctions,
                           scenario, trust)
from course.models.scenario import SETTINGS, Scenario, conflicts, evaluate, quantity, scenario_from

DEFAULT = Scenario()


def test_hand_checked_numbers_at_the_defaults():
    n = evaluate(DEFAULT)
    assert n["consumption_index"].value == pytest.approx(100.0)      # today's share is the unit
    # Plan rent under the dual track: (p* - plan price) * quota. Market p = 10 - q,
    # supply p = 1 + q / 2 meet at q* = 6, p* = 4; so (4 - 2) * 4 = 8.
    assert n["plan_rent"].value == pytest.approx(8.0)
    # Workers' value of the zone: N s w / (rho + lambda) = 55,000 * 0.3 * (12 * 155.5) / 0.3
    # = 55,000 * 1,866 = 102.63 million US dollars.
    assert n["workers_value"].value == pytest.approx(102.63)
    # Generous tit-for-tat both sides, noise 0.05, forgiveness 0.3: cooperate after a
    # cooperation with 0.95, after a defection with 0.3 * 0.95 + 0.7 * 0.05 = 0.32; the
    # symmetric long run is 0.32 / (1 - (0.95 - 0.32)) = 0.32 / 0.37 = 86.486 percent.
    assert n["cooperation"].value == pytest.approx(86.486, abs=1e-3)
    assert n["output_change"].value == 0.0 and n["hostile_gain"].value == 0.0  # nothing released or gained
    # Officials paid nothing: the largest bribe refused is q (w - w0 + F) = 0.25 * (0 - 40 + 50)
    # = 2.5 kg, so with bribes spread evenly up to 150 kg, 1 - 2.5 / 150 = 98.33 percent take
    # one. At 1,000 kg the refused bribe, 0.25 * 1,010 = 252.5, exceeds every bribe on offer.
    assert n["officials_corrupt"].value == pytest.approx(100 * (1 - 2.5 / 150))
    assert n["officials_corrupt"].value == pytest.approx(
        100 * corruption.share_corrupt(0.0, 40.0, 0.25, 50.0, 150.0))
    assert evaluate(Scenario(state_wage=1000.0))["officials_corrupt"].value == 0.0


def test_a_smaller_military_share_by_hand():
    # With alpha = 1/3, steady-state c is proportional to (1 - m)**1.5, so m = 0 against
    # 0.23 gives 100 * (1 / 0.77)**1.5 = 148.0; that 48 percent is the class dividend.
    n = evaluate(Scenario(military_share=0.0))
    assert n["consumption_index"].value == pytest.approx(100 / 0.77**1.5)
    assert round(n["consumption_index"].value, 1) == 148.0
    assert scenario.growth_dividend(Scenario(military_share=0.0)) == pytest.approx(1 / 0.77**1.5 - 1)
    assert scenario.growth_dividend(Scenario(military_share=0.4)) == 0.0   # a fall is not split


@pytest.mark.parametrize("settings", [
    {}, {"military_share": 0.1, "soldiers_released": 0.5}, {"enforcement": 0.2, "plan_quota": 0.0},
    {"to_core": 0.0, "worker_share": 0.9, "closure_hazard": 0.05, "noise": 0.3},
    {"liberalization_cost": -0.5, "credibility": 0.4},
])
def test_every_number_is_its_model_called_directly(settings):
    s = Scenario(**settings)
    n = evaluate(s)
    g = scenario.GROWTH
    c = growth.steady_state(g["alpha"], g["s"], s.military_share, g["delta"]).c
    c0 = growth.steady_state(g["alpha"], g["s"], g["m0"], g["delta"]).c
    assert n["consumption_index"].value == pytest.approx(100 * c / c0)
    change = labor.release(s.soldiers_released, scenario.LABOR_CAPITAL, scenario.LABOR_DAYS,
                           **scenario.LABOR)
    assert n["output_change"].value == pytest.approx(change["d_output"])
    assert n["market_wage"].value == pytest.approx(1000 * change["after"].market_wage)
    assert n["exports_kept"].value == pytest.approx(
        100 * sanctions.export_retention(0.90, 0.97, s.enforcement, 0.30))
    assert n["plan_rent"].value == pytest.approx(
        markets.dual_track(scenario.MARKET, s.plan_quota, 2.0).plan_rent)
    v = engagement.party_values(s.worker_share, s.closure_hazard, workers=55_000,
                                **scenario.ENGAGEMENT)
    assert n["workers_value"].value == pytest.approx(v.workers / 1e6)
    assert n["state_value"].value == pytest.approx(v.state / 1e6)
    assert n["cooperation"].value == pytest.approx(
        100 * trust.long_run_cooperation("generous_tit_for_tat", "generous_tit_for_tat", s.noise, 0.3)[0])
    deal = linkage.nash_deal(s.liberalization_cost, 0.5, s.credibility, 0.05, 0.05)
    assert (n["denuclearization"].value, n["relief"].value) == pytest.approx((100 * deal.d, 100 * deal.r))
    for number in n.values():
        module, function = number.made_by.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module), function))


def test_finite_at_every_slider_extreme_and_every_corner():
    corners = itertools.product(*[(s.low, s.high) for s in SETTINGS])
    for values in corners:   # 2**11 = 2,048 packages
        n = evaluate(Scenario(**dict(zip([s.name for s in SETTINGS], values))))
        assert all(math.isfinite(x.value) for x in n.values()), values


def test_the_fixed_inputs_are_the_notebooks_explorers():
    from course.widgets import engagement as w07, growth as w01, labor as w05, markets as w03
    from course.widgets import inequality as w06, trust as w08
    assert (scenario.GROWTH["alpha"], scenario.GROWTH["delta"], scenario.GROWTH["s"],
            scenario.GROWTH["m0"]) == (w01.ByungjinExplorer.ALPHA, w01.ByungjinExplorer.DELTA,
                                       w01.ByungjinExplorer.S0, w01.ByungjinExplorer.M0)
    assert scenario.LABOR == w05.SETTINGS and scenario.LABOR_CAPITAL == w05.START_CAPITAL
    assert scenario.MARKET == w03.MARKET
    assert scenario.CLASS_SOURCE == w06.DEFAULT_SOURCE
    assert {k: scenario.ENGAGEMENT[k] for k in w07.SETTINGS} == w07.SETTINGS
    assert scenario.FORGIVENESS == 0.30 and w08.PAYOFFS == trust.AXELROD
    from course.widgets import linkage as w09
    explorer = w09.LinkageExplorer()
    assert {k: explorer.controls[k].value for k in scenario.LINKAGE} == scenario.LINKAGE
    assert (explorer.controls["theta"].value, explorer.controls["credibility"].value) == (
        scenario.SETTING["liberalization_cost"].default, scenario.SETTING["credibility"].default)


def test_no_conflict_at_the_defaults_and_the_right_ones_when_settings_clash():
    # At the defaults officials are unpaid, so most take bribes while the market model lets
    # plan users keep the plan rent: the only clash.
    assert len(conflicts(DEFAULT)) == 1 and "plan rent" in conflicts(DEFAULT)[0]
    assert conflicts(Scenario(state_wage=1000.0)) == []
    cut_only = conflicts(Scenario(military_share=0.1))
    assert any("released no soldiers" in c for c in cut_only)
    assert any("closed economy" in c for c in cut_only)          # 13 % of exports kept, c up
    assert any("only splits gains" in c for c in conflicts(Scenario(military_share=0.35)))
    assert any("Kaesong wage" in c for c in conflicts(Scenario(soldiers_released=0.5)))
    assert any("does not link" in c for c in conflicts(Scenario(noise=0.4, closure_hazard=0.0)))
    assert any("credibility" in c for c in conflicts(Scenario(noise=0.4)))
    # theta = 1 with credibility 0: promises are worthless, no linked deal exists.
    assert any("no linked deal" in c for c in
               conflicts(Scenario(enforcement=0.2, liberalization_cost=1.0, credibility=0.0)))


@pytest.mark.parametrize("bad, says", [
    (None, "must be a dict"), ({"military_share": 0.2}, "missing"),
    ({**DEFAULT.settings(), "x": 1}, "unknown"), ({**DEFAULT.settings(), "noise": 0.0}, "between"),
    ({**DEFAULT.settings(), "enforcement": float("nan")}, "finite"),
])
def test_stated_settings_are_checked(bad, says):
    with pytest.raises(ValueError, match=says):
        scenario_from(bad)


def test_quantity_reads_settings_as_students_state_them():
    assert quantity(DEFAULT.settings(), "plan_rent") == pytest.approx(8.0)
    with pytest.raises(KeyError):
        quantity(DEFAULT.settings(), "happiness")


def test_each_component_reads_only_the_settings_it_declares():
    rng = np.random.default_rng(10)
    for component in scenario.COMPONENTS:
        base = component.compute(DEFAULT)
        for _ in range(5):
            others = {s.name: float(rng.uniform(s.low, s.high)) for s in SETTINGS
                      if s.name not in component.uses}
            moved = component.compute(Scenario(**others))
            assert {k: v.value for k, v in moved.items()} == {k: v.value for k, v in base.items()}, (
                component.compute.__name__, others)


def test_the_model_memo_package_gives_the_numbers_the_model_answer_quotes():
    # Notebook 10's model answer quotes these; a change to a model must update the memo.
    package = dict(military_share=0.12, soldiers_released=0.5, enforcement=0.5, plan_quota=2.0,
                   state_wage=300.0, to_core=0.3, worker_share=0.5, closure_hazard=0.1,
                   noise=0.05, liberalization_cost=0.3, credibility=0.8)
    status_quo = {name: n.value for name, n in evaluate(Scenario()).items()}
    # By hand: 100 * (0.88 / 0.77)**1.5 = 122.2; workers N s w / (rho + lambda)
    # = 55,000 * 0.5 * 1,866 / (0.10 + 0.10) = 256.6 million (102.6 at s = 0.3, lambda = 0.2).
    assert round(quantity(package, "consumption_index"), 1) == 122.2
    assert round(quantity(package, "workers_value"), 1) == 256.6
    assert round(status_quo["workers_value"], 1) == 102.6
    assert round(status_quo["state_value"], 1) == 184.5
    assert round(quantity(package, "state_value"), 1) == 174.1


def test_stated_settings_print_three_to_a_line_and_paste_back():
    import nbformat
    from IPython.lib.pretty import pretty

    from course.instructor import SOURCE

    settings = Scenario(soldiers_released=0.35, state_wage=300.0).settings()
    printed = pretty(settings)  # what Jupyter shows for dashboard.settings()
    assert printed == repr(settings)
    assert eval(printed) == settings  # noqa: S307 - a dict literal we printed
    lines = printed.splitlines()
    # 11 settings, 3 a line: 4 lines, and the two braces.
    assert len(lines) == 6 and all(line.count(":") <= 3 for line in lines)
    # Notebook 10's settings cell is the comment and the status quo pasted in that form,
    # 7 non-blank lines, within the 10 a student cell may have.
    master = nbformat.read(next((SOURCE / "10-capstone-policy-memo").glob("*.ipynb")), as_version=4)
    cell = next(c.source for c in master.cells if c.source.startswith("# Replace these settings"))
    assert cell.splitlines()[1:] == ("my_settings = " + repr(Scenario().settings())).splitlines()
    assert len([line for line in cell.splitlines() if line.strip()]) <= 10


def test_reach_is_each_numbers_range_over_the_sliders():
    reach = scenario.reach()
    assert list(reach) == scenario.quantities()
    # By hand: consumption is proportional to (1 - m)**1.5, so over m in [0, 0.4] it runs from
    # 100 * (0.6 / 0.77)**1.5 = 68.78 to 100 * (1 / 0.77)**1.5 = 148.0 (index, 100 today).
    assert reach["consumption_index"] == pytest.approx((100 * (0.6 / 0.77)**1.5, 100 / 0.77**1.5))
    # Officials: 98.33 percent take a bribe unpaid (above), none at 1,000 kg of rice.
    assert reach["officials_corrupt"] == pytest.approx((0.0, 100 * (1 - 2.5 / 150)))
    # Plan rent (p* - 2) * quota with p* = 4: 0 with no quota, 2 * 6 = 12 at the whole market q* = 6.
    assert reach["plan_rent"] == pytest.approx((0.0, 12.0))


@pytest.mark.parametrize("component", scenario.COMPONENTS, ids=lambda c: c.compute.__name__)
def test_each_number_moves_one_way_along_each_setting_so_its_ends_are_corners(component):
    # reach() runs each model at the corners of the settings it reads only. That finds
    # the lowest and highest values if, along every line of a grid (one setting moving,
    # the other held), a number only rises or only falls: then each line's extremes are
    # at its ends, and the ends of those lines are the corners.
    grids = [np.linspace(scenario.SETTING[n].low, scenario.SETTING[n].high, 11)
             for n in component.uses]
    shape = [len(g) for g in grids]
    seen = [component.compute(Scenario(**dict(zip(component.uses, point))))
            for point in itertools.product(*grids)]
    for name in seen[0]:
        values = np.array([r[name].value for r in seen]).reshape(shape)
        for axis in range(values.ndim):
            steps = np.moveaxis(np.diff(values, axis=axis), axis, -1).reshape(-1, shape[axis] - 1)
            tol = 1e-9 * (1 + np.abs(values).max())
            one_way = np.all(steps >= -tol, axis=1) | np.all(steps <= tol, axis=1)
            assert one_way.all(), (name, component.uses[axis])
        assert scenario.reach()[name] == pytest.approx((values.min(), values.max()))


def test_random_packages_stay_within_reach():
    # reach() runs each model at the corners of the settings it reads: a package
    # anywhere inside must still fall between its ends.
    rng = np.random.default_rng(2026)
    reach = scenario.reach()
    for _ in range(200):
        package = {s.name: float(rng.uniform(s.low, s.high)) for s in SETTINGS}
        for name, number in evaluate(Scenario(**package)).items():
            low, high = reach[name]
            assert low - 1e-9 <= number.value <= high + 1e-9, (name, number.value, reach[name], package)


def test_the_peace_dividend_consumption_notebook_10_quotes():
    # 10, "Reading the figure" under Figure 3: "122.2 against 100.0 today". By hand,
    # 100 * (0.88 / 0.77)**1.5 = 100 * 1.1429**1.5 = 122.17.
    from course.figures.scenario import PACKAGES

    package = Scenario(**PACKAGES["peace dividend first"])
    assert round(evaluate(package)["consumption_index"].value, 1) == 122.2


def test_the_consumption_row_notebook_10_reads_out():
    # 10, "Reading the figure": the row runs "from 68.8 ... to 148.0", and today's 100.0
    # sits "(100.0 - 68.8) / (148.0 - 68.8) = 0.39" along it. By hand, at m = 0.4 and
    # m = 0: 100 * (0.6 / 0.77)**1.5 = 68.78 and 100 * (1 / 0.77)**1.5 = 147.99.
    low, high = scenario.reach()["consumption_index"]
    assert (round(low, 1), round(high, 1)) == (68.8, 148.0)
    assert round((100.0 - low) / (high - low), 2) == 0.39
