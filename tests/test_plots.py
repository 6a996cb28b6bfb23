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


def test_imported_libraries_are_frozen_out_of_full_collections():
    # course.plots freezes what is imported by then (matplotlib, pandas, NumPy), so a
    # notebook's full garbage collections do not scan those objects again: they are
    # in the permanent generation, which gc.get_objects() does not list.
    import gc

    import matplotlib.figure

    assert gc.get_freeze_count() > 10_000
    assert id(matplotlib.figure.Figure) not in {id(o) for o in gc.get_objects()}
