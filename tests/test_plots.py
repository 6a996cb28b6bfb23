"""The plotting style: distinguishable without colour."""

from course import plots


def test_series_differ_in_shape_not_only_colour():
    styles = [plots.style(i) for i in range(99)]
    keys = {(s["color"], str(s["linestyle"]), s["marker"]) for s in styles}
    assert len(keys) == 99
    # Within one chart of up to 11 series, no two share line style and marker.
    first = {(str(s["linestyle"]), s["marker"]) for s in styles[:9]}
    assert len(first) == 9


def test_palette_is_okabe_ito():
    assert set(plots.PALETTE) == {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#000000",
                                  "#D55E00", "#56B4E9", "#F0E442"}
