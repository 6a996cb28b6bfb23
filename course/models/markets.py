r"""
Plan and market side by side: dual-track pricing, and what goes wrong without enforcement.

Model for notebook 03, "Markets from below: plan and market" (course brief, essay
points 3 and 6). One good (grain, say, or an input such as fertiliser) has a
linear demand curve, read as users' willingness to pay for the ``q``-th unit,
and a linear supply curve, read as suppliers' marginal cost:

.. math::

    D(q) = a - b\,q, \qquad MC(q) = c + d\,q, \qquad
    Q^* = \frac{a - c}{b + d}, \qquad p^* = a - b\,Q^* .

``Q*`` and ``p*`` are the quantity and price of full liberalization. The plan
orders a quota ``q_bar`` delivered at a plan price ``p_bar``. As in Lau, Qian
and Roland (2000) the plan is *efficient*: its goods go to the users who value
them most (the first ``q_bar`` units of demand) and come from the suppliers with
the lowest cost (the first ``q_bar`` units of supply). Three regimes:

* **plan only**: ``q_bar`` is traded at ``p_bar`` and nothing else;
* **dual track**: a share ``e`` (enforcement) of the quota is still delivered
  at ``p_bar``; everything else trades freely at the market price ``p_m``;
* **full liberalization**: everything trades at ``p*``.

In the dual track the suppliers keep the undelivered part ``(1 - e) q_bar`` and
sell it in the market. What happens to the plan users left without it decides
the outcome. If they can buy in the market (``shut_out=False``), the market
clears at ``p*`` and the total is ``Q*`` whatever ``e`` is: non-enforcement
only moves surplus away from the plan users, who become losers (the reason Lau,
Qian and Roland stress enforcement). If they cannot (``shut_out=True``: state
enterprises with fixed budgets and state prices cannot outbid private buyers,
the failure analysed by Murphy, Shleifer and Vishny 1992), the diverted goods go
to users who value them less: the market price falls below ``p*`` and the
economy loses output where it was worth most. The market then serves the
residual demand beyond the plan users:

.. math::

    q_m = \frac{a - c - (b + d\,e)\,\bar q}{b + d}, \qquad
    p_m = a - b\,(\bar q + q_m) .

With ``e = 1`` both cases give ``q_m = Q* - q_bar`` and ``p_m = p*``: the plan
track is infra-marginal and the dual track is efficient at the margin.

The **plan rent** is the value of getting plan goods at the plan price rather
than at the price they would fetch: ``(p_m - p_bar) * e * q_bar`` in the dual
track, ``(D(q_bar) - p_bar) * q_bar`` under the plan alone (the shadow price
``D(q_bar)`` is what the marginal user would pay, the black-market value of a
ration), and 0 under liberalization. It is part of the plan users' surplus (a
transfer from the plan suppliers), not an extra. The **deadweight loss** is
total surplus at full liberalization minus total surplus in the regime.

Not modelled: plan quotas above ``Q*`` (Lau, Qian and Roland's second case,
where planned suppliers must be made to keep producing); inefficient rationing
(plan goods going to users who value them little) and its resale; the general
equilibrium of many goods; money, inflation and the exchange rate; the cost of
enforcing the plan; corruption in who gets the plan goods (notebook 04).

References
----------
.. [1] Lau, Lawrence J., Yingyi Qian and Gerard Roland (2000). "Reform without
   Losers: An Interpretation of China's Dual-Track Approach to Transition".
   *Journal of Political Economy* 108(1): 120-143.
.. [2] Murphy, Kevin M., Andrei Shleifer and Robert W. Vishny (1992). "The
   Transition to a Market Economy: Pitfalls of Partial Reform". *Quarterly
   Journal of Economics* 107(3): 889-906.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["LinearMarket", "Outcome", "plan_only", "dual_track", "liberalized", "compare",
           "plan_rent", "deadweight_loss", "REGIMES"]

REGIMES: tuple[str, ...] = ("plan only", "dual track", "liberalized")

# Slack for round-off when a quota equal to Q* is recomputed from the parameters.
_TOL = 1e-9


def _check(name: str, value: float, lo: float, hi: float, why: str = "", *,
           tol: float = 0.0, open_low: bool = False) -> float:
    # One message shape everywhere: parameter, value, range (and what sets the range).
    # ``tol`` forgives round-off at the ends (a quota typed as Q*); ``open_low``
    # excludes ``lo`` itself (a slope of 0).
    lower = f"({lo:g}" if open_low else f"[{lo:g}"
    upper = "inf)" if math.isinf(hi) else f"{hi:g}]"
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number in {lower}, {upper}; got {value!r}") from None
    above_low = x > lo if open_low else x >= lo - tol
    if not (math.isfinite(x) and above_low and x <= hi + tol):
        raise ValueError(f"{name} must lie in {lower}, {upper}{why}; got {x!r}")
    return min(max(x, lo), hi)


@dataclass(frozen=True)
class LinearMarket:
    """Linear demand ``D(q) = a - b q`` and supply (marginal cost) ``MC(q) = c + d q``.

    Parameters
    ----------
    a : float
        Choke price: what the user who values the good most would pay, price
        units per unit of good; must exceed ``c``.
    b : float
        Slope of demand, price units per unit of quantity, > 0.
    c : float
        Marginal cost of the cheapest unit, price units, >= 0.
    d : float
        Slope of supply, price units per unit of quantity, >= 0.

    Raises
    ------
    ValueError
        If a parameter is out of range; the message names it, its value and range.

    Examples
    --------
    >>> m = LinearMarket(a=10, b=1, c=1, d=0.5)
    >>> m.q_star, m.p_star
    (6.0, 4.0)
    """

    a: float
    b: float
    c: float
    d: float

    def __post_init__(self) -> None:
        b = _check("b", self.b, 0.0, math.inf, open_low=True)
        c = _check("c", self.c, 0.0, math.inf)
        d = _check("d", self.d, 0.0, math.inf)
        a = _check("a", self.a, c, math.inf, " (above the lowest cost c)", open_low=True)
        for name, value in zip("abcd", (a, b, c, d)):
            object.__setattr__(self, name, value)

    @property
    def q_star(self) -> float:
        """Quantity under full liberalization, ``(a - c) / (b + d)``."""
        return (self.a - self.c) / (self.b + self.d)

    @property
    def p_star(self) -> float:
        """Price under full liberalization, ``a - b Q*``."""
        return self.a - self.b * self.q_star

    @property
    def max_surplus(self) -> float:
        """Total surplus at full liberalization, ``(a - c) Q* / 2``."""
        return (self.a - self.c) * self.q_star / 2.0

    def demand_price(self, q: float) -> float:
        """Willingness to pay for the ``q``-th unit, ``a - b q``."""
        return self.a - self.b * q

    def supply_price(self, q: float) -> float:
        """Marginal cost of the ``q``-th unit, ``c + d q``."""
        return self.c + self.d * q

    def buyers_gain(self, q0: float, q1: float, price: float) -> float:
        """Surplus of the users from unit ``q0`` to ``q1`` who pay ``price``: the area
        between the demand curve and the price."""
        return (self.a - price) * (q1 - q0) - self.b * (q1 * q1 - q0 * q0) / 2.0

    def sellers_gain(self, q0: float, q1: float, price: float) -> float:
        """Surplus of the suppliers of units ``q0`` to ``q1`` paid ``price``: the area
        between the price and the supply curve."""
        return (price - self.c) * (q1 - q0) - self.d * (q1 * q1 - q0 * q0) / 2.0


@dataclass(frozen=True)
class Outcome:
    """Prices, quantities and who gets what in one regime.

    All surpluses are in price units times quantity units (e.g. won per kg
    times tonnes). ``consumer_surplus = plan_users + market_buyers`` and
    ``producer_surplus = plan_suppliers + market_sellers``; ``plan_rent`` is
    part of ``plan_users`` (and missing from ``plan_suppliers``), not an extra.

    Attributes
    ----------
    regime : str
        One of :data:`REGIMES`.
    quantity : float
        Total traded, plan and market together.
    plan_delivered : float
        Delivered at the plan price.
    market_quantity : float
        Traded at the market price.
    price : float
        Market price; under the plan alone the shadow price ``D(q_bar)``.
    plan_users, market_buyers, plan_suppliers, market_sellers : float
        Surplus of each group (plan users: the ``q_bar`` users who value the
        good most; plan suppliers: the ``q_bar`` cheapest units of supply).
    plan_rent : float
        Value of plan goods at ``price`` minus what plan users pay for them.
    deadweight_loss : float
        Surplus lost against full liberalization, >= 0.
    """

    regime: str
    quantity: float
    plan_delivered: float
    market_quantity: float
    price: float
    plan_users: float
    market_buyers: float
    plan_suppliers: float
    market_sellers: float
    plan_rent: float
    deadweight_loss: float

    @property
    def consumer_surplus(self) -> float:
        return self.plan_users + self.market_buyers

    @property
    def producer_surplus(self) -> float:
        return self.plan_suppliers + self.market_sellers

    @property
    def total_surplus(self) -> float:
        return self.consumer_surplus + self.producer_surplus


def _plan_inputs(market: LinearMarket, quota: float, plan_price: float) -> tuple[float, float]:
    q_bar = _check("quota", quota, 0.0, market.q_star,
                   f" (0 to the liberalized quantity Q* = {market.q_star:.4g})", tol=_TOL)
    p_bar = _check("plan_price", plan_price, 0.0, market.a,
                   f" (0 to the choke price a = {market.a:g})")
    return q_bar, p_bar


def plan_only(market: LinearMarket, quota: float, plan_price: float) -> Outcome:
    """The plan alone: ``quota`` delivered at ``plan_price``, no market.

    Parameters
    ----------
    market : LinearMarket
    quota : float
        Plan quantity, in [0, Q*] (quantity units).
    plan_price : float
        Plan price, in [0, a] (price units).

    Returns
    -------
    Outcome
        ``price`` is the shadow price ``D(quota)``; the deadweight loss is the
        triangle ``(b + d) (Q* - quota)**2 / 2``.

    Raises
    ------
    ValueError
        If ``quota`` or ``plan_price`` is out of range.

    Examples
    --------
    >>> out = plan_only(LinearMarket(10, 1, 1, 0.5), quota=4, plan_price=2)
    >>> out.price, out.plan_rent, out.deadweight_loss
    (6.0, 16.0, 3.0)
    """
    q_bar, p_bar = _plan_inputs(market, quota, plan_price)
    shadow = market.demand_price(q_bar)
    users = market.buyers_gain(0.0, q_bar, p_bar)
    suppliers = market.sellers_gain(0.0, q_bar, p_bar)
    return Outcome("plan only", q_bar, q_bar, 0.0, shadow, users, 0.0, suppliers, 0.0,
                   (shadow - p_bar) * q_bar, _loss(market, users + suppliers))


def dual_track(market: LinearMarket, quota: float, plan_price: float, enforcement: float = 1.0,
               *, shut_out: bool = True) -> Outcome:
    """Plan and market side by side, with a share ``enforcement`` of the quota delivered.

    Parameters
    ----------
    market : LinearMarket
    quota : float
        Plan quantity, in [0, Q*].
    plan_price : float
        Plan price, in [0, a].
    enforcement : float, optional
        Share of the quota actually delivered at the plan price, in [0, 1].
        The rest is sold by the plan suppliers in the market.
    shut_out : bool, optional
        True (default): plan users left without their quota cannot buy in the
        market (Murphy, Shleifer and Vishny's state enterprises), so the market
        serves only the demand beyond the plan users. False: they buy in the
        market like anyone else.

    Returns
    -------
    Outcome
        With ``enforcement = 1`` the total is ``Q*`` and the price ``p*``
        (efficient at the margin); the plan rent is ``(p* - p_bar) q_bar``.

    Raises
    ------
    ValueError
        If an argument is out of range.

    Examples
    --------
    >>> m = LinearMarket(10, 1, 1, 0.5)
    >>> full = dual_track(m, 4, 2, 1.0)
    >>> full.quantity, full.price, full.plan_rent, full.deadweight_loss
    (6.0, 4.0, 8.0, 0.0)
    >>> half = dual_track(m, 4, 2, 0.5)
    >>> round(half.price, 4), round(half.deadweight_loss, 4)
    (3.3333, 6.6667)
    """
    q_bar, p_bar = _plan_inputs(market, quota, plan_price)
    e = _check("enforcement", enforcement, 0.0, 1.0)
    a, b, c, d = market.a, market.b, market.c, market.d
    delivered = e * q_bar
    # The market's buyers start after the plan users it serves: after all q_bar
    # of them when the undelivered ones are shut out, after the delivered ones
    # otherwise. Its sellers start after the units delivered to the plan.
    first_buyer = q_bar if shut_out else delivered
    q_m = max((a - c - b * first_buyer - d * delivered) / (b + d), 0.0)
    price = market.demand_price(first_buyer + q_m)
    last_seller = delivered + q_m

    users = market.buyers_gain(0.0, delivered, p_bar)
    if shut_out:
        buyers = market.buyers_gain(q_bar, q_bar + q_m, price)
    else:
        # Plan users left without their quota buy first (they value it most).
        users += market.buyers_gain(delivered, q_bar, price)
        buyers = market.buyers_gain(q_bar, delivered + q_m, price)
    suppliers = market.sellers_gain(0.0, delivered, p_bar)
    suppliers += market.sellers_gain(delivered, min(q_bar, last_seller), price)
    sellers = market.sellers_gain(q_bar, last_seller, price) if last_seller > q_bar else 0.0
    return Outcome("dual track", delivered + q_m, delivered, q_m, price, users, buyers,
                   suppliers, sellers, (price - p_bar) * delivered,
                   _loss(market, users + buyers + suppliers + sellers))


def liberalized(market: LinearMarket, quota: float = 0.0) -> Outcome:
    """Full liberalization: everything at ``p*``.

    ``quota`` only labels which users and suppliers were in the plan, so that
    their gains and losses can be compared with the other regimes.

    Examples
    --------
    >>> out = liberalized(LinearMarket(10, 1, 1, 0.5), quota=4)
    >>> out.quantity, out.price, out.plan_users, out.deadweight_loss
    (6.0, 4.0, 16.0, 0.0)
    """
    q_bar = _check("quota", quota, 0.0, market.q_star,
                   f" (0 to the liberalized quantity Q* = {market.q_star:.4g})", tol=_TOL)
    q, p = market.q_star, market.p_star
    return Outcome("liberalized", q, 0.0, q, p,
                   market.buyers_gain(0.0, q_bar, p), market.buyers_gain(q_bar, q, p),
                   market.sellers_gain(0.0, q_bar, p), market.sellers_gain(q_bar, q, p),
                   0.0, 0.0)


def compare(market: LinearMarket, quota: float, plan_price: float, enforcement: float = 1.0,
            *, shut_out: bool = True) -> dict[str, Outcome]:
    """The three regimes at once, keyed by :data:`REGIMES`."""
    return {"plan only": plan_only(market, quota, plan_price),
            "dual track": dual_track(market, quota, plan_price, enforcement, shut_out=shut_out),
            "liberalized": liberalized(market, quota)}


def plan_rent(market: LinearMarket, quota: float, plan_price: float, enforcement: float = 1.0,
              *, shut_out: bool = True) -> float:
    """Plan rent in the dual track, ``(p_m - plan_price) * enforcement * quota``.

    Price units times quantity units; negative when the plan price is above
    the market price (the plan then taxes its users and pays its suppliers).
    Arguments as in :func:`dual_track`.
    """
    return dual_track(market, quota, plan_price, enforcement, shut_out=shut_out).plan_rent


def deadweight_loss(market: LinearMarket, quota: float, plan_price: float,
                    enforcement: float = 1.0, *, regime: str = "dual track",
                    shut_out: bool = True) -> float:
    """Surplus lost against full liberalization in ``regime`` (one of :data:`REGIMES`)."""
    if regime not in REGIMES:
        raise ValueError(f"regime must be one of {', '.join(REGIMES)}; got {regime!r}")
    return compare(market, quota, plan_price, enforcement, shut_out=shut_out)[regime].deadweight_loss


def _loss(market: LinearMarket, total: float) -> float:
    # Round-off can leave -1e-15 where the loss is exactly zero.
    return max(market.max_surplus - total, 0.0)
