"""Lorenz curves, grouped Gini coefficients and the growth dividend (notebook 06).

Expected values are worked out by hand in the comments.
"""

import numpy as np
import pytest

from course.models import inequality as ineq


# --- Lorenz curve --------------------------------------------------------------------

def test_lorenz_curve_sorts_groups_and_accumulates_shares():
    # Groups given richest first: (p, y) = (0.25, 3), (0.55, 1.5), (0.2, 1). Mean
    # mu = 0.75 + 0.825 + 0.2 = 1.775. Sorted poorest first, income shares are
    # 0.2/1.775, 0.825/1.775, 0.75/1.775, so the curve passes (0.2, 0.112676) and
    # (0.75, 1.025/1.775 = 0.577465).
    population, income = ineq.lorenz_curve([0.25, 0.55, 0.2], [3.0, 1.5, 1.0])
    assert population == pytest.approx([0.0, 0.2, 0.75, 1.0])
    assert income == pytest.approx([0.0, 0.2 / 1.775, 1.025 / 1.775, 1.0])


def test_lorenz_curve_of_equal_incomes_is_the_diagonal():
    population, income = ineq.lorenz_curve([0.1, 0.3, 0.6], [2.0, 2.0, 2.0])
    assert income == pytest.approx(population)


# --- grouped Gini ---------------------------------------------------------------------

def test_two_group_gini_by_hand():
    # Half the people have 1, half have 3; mu = 2. Mean absolute difference over all
    # ordered pairs: 2 * (0.5 * 0.5 * |3 - 1|) = 1; G = 1 / (2 * 2) = 0.25.
    # By area: Lorenz points (0.5, 0.25); 1 - [0.5 * (0 + 0.25) + 0.5 * (0.25 + 1)] = 0.25.
    assert ineq.gini_grouped([0.5, 0.5], [1.0, 3.0]) == pytest.approx(0.25)


def test_three_group_gini_by_hand():
    # p = (0.2, 0.55, 0.25), y = (1, 1.5, 3), mu = 1.775.
    # Pairs i < j: 0.2*0.55*0.5 = 0.055; 0.2*0.25*2 = 0.1; 0.55*0.25*1.5 = 0.20625;
    # sum 0.36125, both orders 0.7225; G = 0.7225 / (2 * 1.775) = 0.203521.
    # By area: L = (0, 0.112676, 0.577465, 1); 1 - [0.2*0.112676 + 0.55*0.690141
    # + 0.25*1.577465] = 1 - [0.022535 + 0.379577 + 0.394366] = 0.203521.
    assert ineq.gini_grouped([0.2, 0.55, 0.25], [1.0, 1.5, 3.0]) == pytest.approx(0.203521, abs=1e-6)


def test_perfect_equality_gives_zero():
    assert ineq.gini_grouped([0.25, 0.55, 0.2], [4.0, 4.0, 4.0]) == pytest.approx(0.0, abs=1e-12)


def test_all_income_in_one_group_gives_one_minus_its_share():
    # Limit: a group of 10 percent holds everything. Lorenz points (0.9, 0), then (1, 1):
    # G = 1 - 0.1 * (0 + 1) = 0.9 = 1 - p_rich.
    assert ineq.gini_grouped([0.9, 0.1], [0.0, 5.0]) == pytest.approx(0.9)


def test_gini_does_not_depend_on_the_unit_or_the_order_of_groups():
    g = ineq.gini_grouped([0.2, 0.55, 0.25], [1.0, 1.5, 3.0])
    assert ineq.gini_grouped([0.25, 0.2, 0.55], [300.0, 100.0, 150.0]) == pytest.approx(g)


def test_area_and_pair_formulas_agree():
    rng = np.random.default_rng(6)
    for _ in range(20):
        p = rng.dirichlet(np.ones(4))
        y = rng.uniform(0.1, 10, 4)
        pairs = np.sum(np.outer(p, p) * np.abs(y[:, None] - y[None, :])) / (2 * (p @ y))
        assert ineq.gini_grouped(p, y) == pytest.approx(pairs)


# --- the lower bound ------------------------------------------------------------------

def test_individual_gini_by_hand():
    # (1, 2, 3): mu = 2; ordered-pair differences sum 2*(1 + 2 + 1) = 8;
    # G = 8 / (2 * 9 * 2) = 0.222222.
    assert ineq.gini([3.0, 1.0, 2.0]) == pytest.approx(2 / 9)


def test_grouped_gini_equals_individual_gini_when_groups_are_equal_inside():
    # 2 people at 1, 2 at 3: the same as two equal groups at 1 and 3.
    assert ineq.gini([1, 1, 3, 3]) == pytest.approx(ineq.gini_grouped([0.5, 0.5], [1, 3]))


def test_grouped_gini_is_a_lower_bound_on_the_true_gini():
    # The statement of the module: replacing each person by their group's mean never
    # raises the Gini. Checked on random populations split into random groups.
    rng = np.random.default_rng(12)
    for _ in range(50):
        people = rng.lognormal(0.0, 0.8, 300)
        group = rng.integers(0, 3, 300)
        shares = np.array([np.mean(group == g) for g in range(3)])
        means = np.array([people[group == g].mean() for g in range(3)])
        assert ineq.gini_grouped(shares, means) <= ineq.gini(people) + 1e-12


def test_lower_bound_by_hand():
    # People (1, 3) in group A, (5, 7) in group B. True: mu = 4; ordered-pair differences
    # sum 2*(2 + 4 + 6 + 2 + 4 + 2) = 40; G = 40 / (2 * 16 * 4) = 0.3125.
    # Grouped: halves at 2 and 6, mu = 4: G = 2 * 0.25 * 4 / 8 = 0.25 < 0.3125.
    assert ineq.gini([1, 3, 5, 7]) == pytest.approx(0.3125)
    assert ineq.gini_grouped([0.5, 0.5], [2, 6]) == pytest.approx(0.25)


# --- growth dividend ------------------------------------------------------------------

def test_dividend_to_the_poorest_by_hand():
    # p = (0.2, 0.55, 0.25), y = (1, 1.5, 3), mu = 1.775; growth 10 percent = 0.1775 per head.
    # Allocation (0.1, 0.4, 0.5): gains 0.1775*0.1/0.2 = 0.08875, 0.1775*0.4/0.55 = 0.129091,
    # 0.1775*0.5/0.25 = 0.355. The poorest group (index 0) gains 8.875 percent.
    out = ineq.share_dividend([0.2, 0.55, 0.25], [1.0, 1.5, 3.0], 0.1, [0.1, 0.4, 0.5])
    assert out.gain == pytest.approx([0.08875, 0.1775 * 0.4 / 0.55, 0.355])
    assert out.poorest == 0
    assert out.gain_percent[0] == pytest.approx(8.875)
    # The total handed out is the dividend: sum p_i * gain_i = 0.1775.
    assert float(np.dot([0.2, 0.55, 0.25], out.gain)) == pytest.approx(0.1775)


def test_neutral_growth_leaves_the_gini_unchanged_and_raises_everyone_equally():
    p, y = [0.2, 0.55, 0.25], [1.0, 1.5, 3.0]
    out = ineq.share_dividend(p, y, 0.3, ineq.neutral_allocation(p, y))
    assert out.gini_after == pytest.approx(out.gini_before)
    assert out.gain_percent == pytest.approx([30.0, 30.0, 30.0])


def test_equal_amounts_per_person_lower_the_gini():
    # Two halves at 1 and 3 (G = 0.25); growth 50 percent = 1 per head to everyone:
    # incomes 2 and 4, mu = 3, G = 2 * 0.25 * 2 / 6 = 0.166667.
    out = ineq.share_dividend([0.5, 0.5], [1.0, 3.0], 0.5, ineq.per_person_allocation([0.5, 0.5]))
    assert out.incomes == pytest.approx([2.0, 4.0])
    assert out.gini_after == pytest.approx(1 / 6)


def test_dividend_to_the_richest_raises_the_gini():
    p, y = [0.2, 0.55, 0.25], [1.0, 1.5, 3.0]
    out = ineq.share_dividend(p, y, 0.2, [0.0, 0.0, 1.0])
    assert out.gini_after > out.gini_before
    assert out.gain[0] == 0.0


def test_no_growth_changes_nothing():
    out = ineq.share_dividend([0.5, 0.5], [1.0, 3.0], 0.0, [1.0, 0.0])
    assert out.incomes == pytest.approx([1.0, 3.0])
    assert out.gini_after == pytest.approx(out.gini_before)


def test_a_group_with_zero_income_is_handled():
    out = ineq.share_dividend([0.5, 0.5], [0.0, 2.0], 0.5, [1.0, 0.0])
    # mu = 1, dividend 0.5 per head, all to the first half: 0.5 / 0.5 = 1.
    assert out.incomes == pytest.approx([1.0, 2.0])
    assert np.isinf(out.gain_percent[0]) and out.gain_percent[1] == 0.0


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize("call, words", [
    (lambda: ineq.gini_grouped([0.5, 0.6], [1, 2]), "shares must sum to 1"),
    (lambda: ineq.gini_grouped([1.2, -0.2], [1, 2]), "shares must lie in [0, 1]; got 1.2"),
    (lambda: ineq.gini_grouped([0.5, 0.5], [1, -2]), "incomes must lie in [0, inf); got -2.0"),
    (lambda: ineq.gini_grouped([0.5, 0.5], [1, 2, 3]), "same length"),
    (lambda: ineq.gini_grouped([0.5, 0.5], [0, 0]), "mean income of 0"),
    (lambda: ineq.gini_grouped([0.5, 0.5], [1, np.nan]), "incomes must lie in"),
    (lambda: ineq.gini([0, 0]), "values must not all be 0"),
    (lambda: ineq.share_dividend([0.5, 0.5], [1, 3], -0.1, [0.5, 0.5]),
     "growth must lie in [0, 10]; got -0.1"),
    (lambda: ineq.share_dividend([0.5, 0.5], [1, 3], 0.1, [0.5, 0.6]), "allocation must sum to 1"),
    (lambda: ineq.share_dividend([0.5, 0.5], [1, 3], 0.1, [1.0]), "one share per group"),
    (lambda: ineq.share_dividend([1.0, 0.0], [1, 3], 0.1, [0.5, 0.5]), "no people"),
])
def test_bad_input_names_the_parameter_the_value_and_the_range(call, words):
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)
