"""The student's-eye check of one notebook in JupyterLab (used by the browser tests).

Run All, wait for the kernel, then: no cell error, every widget rendered, every
slider of every widget with a figure long enough to drag and moved from the
keyboard with a changed, non-blank figure, no kernel or console error;
screenshots before and after.
"""

from __future__ import annotations

import os
import shutil

import lab_harness as lab

RUN_TIMEOUT = float(os.environ.get("COURSE_BROWSER_TIMEOUT", "600"))
# A figure "has plotted content" when it shows at least this many pixels of
# plot colour (the Okabe-Ito palette is saturated; axes, grid and text are not).
MIN_PLOTTED = 150
# ...and a slider move must not wipe out most of it (a plot that goes blank).
KEEP_FRACTION = 0.25
# A slider's track must leave room to drag: ipywidgets' own starts at 148 px.
MIN_TRACK_PX = 120


def check_notebook(browser, server: lab.LabServer, name: str, outdir) -> dict:
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    nb = lab.NotebookPage(browser, server, name, workspace=outdir.name)
    report = {"notebook": name, "moves": []}
    try:
        nb.open()
        state = nb.run_all(timeout=RUN_TIMEOUT)
        report["state"] = state
        assert not state["errors"], f"{name}: cells show errors: {state['errors']}"
        assert state["executed"] == state["code"], (
            f"{name}: only {state['executed']} of {state['code']} code cells ran")

        views = nb.wait_widgets()
        report["views"] = views
        loading = [v for v in views if v["loading"] or not v["rendered"]]
        broken = [v for v in views if v["error"]]
        assert not broken, f"{name}: Error displaying widget: {broken}"
        for v in views:
            if v["broken_children"]:
                messages = nb.error_widget_messages(nb.view(v["index"]))
                raise AssertionError(
                    f"{name}: widget {v['index']} (cell {v['cell']}): {v['broken_children']} part(s) "
                    f"failed to render (\"Click to show javascript error.\"):\n" + "\n".join(messages))
        assert not nb.widget_console_errors(), (
            f"{name}: the browser console reports widget errors: {nb.widget_console_errors()}")
        assert not loading, f"{name}: widgets never rendered (Loading widget...): {loading}"
        text = nb.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
        assert "Error displaying widget" not in text
        assert "Loading widget" not in text

        nb.screenshot_notebook(outdir / "notebook-before.png")
        for v in views:
            view = nb.view(v["index"])
            if v["images"]:
                view.screenshot(path=str(outdir / f"widget-{v['index']}-before.png"))
                for png in lab.view_images(nb, view):
                    assert lab.plotted_pixels(png) >= MIN_PLOTTED, (
                        f"{name}: widget {v['index']} (cell {v['cell']}) starts with an empty figure")
            if not (v["images"] and v["sliders"]):
                continue
            handles = view.locator(".widget-slider .noUi-handle")
            assert handles.count() >= 1, f"{name}: widget {v['index']}: slider without a handle"
            for i in range(handles.count()):
                track = handles.nth(i).locator(
                    "xpath=ancestor::*[contains(@class, 'noUi-target')][1]").bounding_box()
                assert track and track["width"] >= MIN_TRACK_PX, (
                    f"{name}: widget {v['index']} (cell {v['cell']}), slider {i}: its track is "
                    f"{track and round(track['width'])} px wide, too short to drag with a mouse "
                    f"(at least {MIN_TRACK_PX}); a long label takes the room")
                move = lab.move_slider(nb, view, handles.nth(i))
                report["moves"].append((v["index"], i, move.key, move.value_before,
                                        move.value_after, move.ms))
                where = f"{name}: widget {v['index']} (cell {v['cell']}), slider {i}"
                assert move.value_after != move.value_before, (
                    f"{where}: {move.key} on the focused slider did not change its value "
                    f"(stayed {move.value_before}); focus went to {move.focused_after!r}")
                assert move.active_cell_after == move.active_cell_before, (
                    f"{where}: JupyterLab took {move.key}: the active cell moved from "
                    f"{move.active_cell_before} to {move.active_cell_after}")
                assert move.ms is not None, f"{where}: the slider moved but the figure never changed"
                changed = sum(lab.changed_pixels(a, b)
                              for a, b in zip(move.images_before, move.images_after))
                assert changed > 0, f"{where}: the image was re-sent but no pixel changed"
                for before, after in zip(move.images_before, move.images_after):
                    plotted = lab.plotted_pixels(after)
                    assert plotted >= max(MIN_PLOTTED, KEEP_FRACTION * lab.plotted_pixels(before)), (
                        f"{where}: the figure went blank after the move "
                        f"({lab.plotted_pixels(before)} -> {plotted} plotted pixels)")
            view.screenshot(path=str(outdir / f"widget-{v['index']}-after.png"))
        nb.screenshot_notebook(outdir / "notebook-after.png")

        nb.wait_kernel_done()  # a condition, not a delay: every slider move has been handled
        assert not nb.widget_console_errors(), (
            f"{name}: the browser console reports widget errors: {nb.widget_console_errors()}")
        assert not nb.kernel_errors.errors, (
            f"{name}: the kernel reported errors (widget callbacks included): "
            f"{nb.kernel_errors.errors}")
        final = nb.state()
        assert not final["errors"], f"{name}: cells show errors after the slider moves: {final['errors']}"
        return report
    except Exception:
        try:
            nb.page.screenshot(path=str(outdir / "failure.png"))
        except Exception:
            pass
        raise
    finally:
        nb.close()
        server.shutdown_kernels()
