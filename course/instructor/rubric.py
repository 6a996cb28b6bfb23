"""Rubrics beside written answers, for grading in Formgrader.

In a master notebook a written answer cell (markdown, nbgrader
``solution`` and ``grade``) holds a model answer and a rubric headed
``**Rubric**`` between ``### BEGIN SOLUTION`` and ``### END SOLUTION``.
After autograding, :func:`add_grader_notes` puts a read-only markdown cell
with that text right after the student's answer in the *autograded* copy,
which is what Formgrader shows. The note has no nbgrader metadata, so it
changes no score; it is marked ``course_grader_note`` and feedback drops it.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import nbformat

from course.instructor.preprocessors import GRADER_NOTE
from course.instructor.submissions import (BEGIN_SOLUTION, END_SOLUTION, nbgrader_meta,
                                           read_notebook, regions)


def written_cells(master) -> dict[str, dict]:
    """grade_id -> {"points", "model", "rubric"} for each written answer of a master notebook."""
    found = {}
    for cell in master.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type != "markdown" or not (meta.get("solution") and meta.get("grade")):
            continue
        text = "\n".join(regions(cell.source, BEGIN_SOLUTION, END_SOLUTION)).strip()
        head, sep, rubric = text.partition("**Rubric**")
        found[meta["grade_id"]] = {
            "points": meta.get("points"),
            "model": head.strip(),
            "rubric": (sep + rubric).strip() if sep else "",
        }
    return found


MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$", re.S)


@functools.lru_cache(maxsize=512)
def _math_image(tex: str) -> str | None:
    """An inline SVG image of ``tex`` drawn by matplotlib's mathtext, or None if it cannot parse it."""
    import base64
    import io

    from matplotlib import mathtext

    buffer = io.BytesIO()
    try:
        mathtext.math_to_image(f"${tex}$", buffer, format="svg", dpi=100)
    except Exception:  # mathtext raises ValueError and others for TeX it does not know
        return None
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = html.escape(tex, quote=True)
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}" title="{alt}" style="vertical-align: middle">'


def render_math(text: str) -> str:
    """Replace ``$...$`` and ``$$...$$`` in ``text`` by images, so LaTeX never shows raw in Formgrader.

    Formgrader loads MathJax from the internet; offline, or where the browser
    blocks it, ``$m^*$`` would stay as typed. The images need no script. TeX
    that matplotlib cannot draw stays as code (``$...$`` in backticks).
    """
    def swap(match):
        tex = (match.group(1) or match.group(2)).strip()
        image = _math_image(tex)
        return image if image else f"`${tex}$`"
    return MATH.sub(swap, text)


def note_text(gid: str, entry: dict) -> str:
    parts = [f"#### For the grader: `{gid}` ({entry['points']:g} points)",
             "_From the master notebook. Students never see this cell: feedback leaves it out._"]
    if entry["rubric"]:
        parts.append(render_math(entry["rubric"]))
    else:
        parts.append("**Rubric**: none in the master (TODO: add one under `**Rubric**`).")
    if entry["model"]:
        parts.append("<details><summary>Model answer</summary>\n\n" + render_math(entry["model"]) + "\n\n</details>")
    return "\n\n".join(parts)


def add_grader_notes(notebook, master) -> int:
    """Insert a rubric cell after each written answer of ``notebook``; return how many."""
    notebook.cells = [c for c in notebook.cells if not c.get("metadata", {}).get(GRADER_NOTE)]
    written = written_cells(master)
    cells, added = [], 0
    for cell in notebook.cells:
        cells.append(cell)
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in written:
            note = nbformat.v4.new_markdown_cell(note_text(gid, written[gid]))
            note.metadata = {GRADER_NOTE: gid, "editable": False, "deletable": False}
            cells.append(note)
            added += 1
    notebook.cells = cells
    return added


def annotate_file(path: Path, master) -> int:
    """Add grader notes to the notebook at ``path`` (rewritten in place).

    ``master`` is the master notebook (a path or an already read notebook).
    """
    notebook, problem = read_notebook(path)
    if isinstance(master, (str, Path)):
        master, _ = read_notebook(master)
    if notebook is None or master is None:
        return 0
    added = add_grader_notes(notebook, master)
    mode = path.stat().st_mode
    path.chmod(0o644)
    nbformat.write(notebook, str(path))
    path.chmod(mode & 0o777)
    return added


# --- the rubric chapter of the instructor guide ------------------------------

GUIDE_BEGIN = "<!-- BEGIN RUBRICS FROM MASTERS (python -m course.instructor rubrics --update-guide) -->"
GUIDE_END = "<!-- END RUBRICS FROM MASTERS -->"


def guide_section(source: Path) -> str:
    """Markdown: for each master, each written question with its points, rubric and model answer."""
    parts = []
    for master_path in sorted(Path(source).glob("*/*.ipynb")):
        master, _ = read_notebook(master_path)
        if master is None:
            continue
        title = next((c.source.splitlines()[0].lstrip("# ").strip() for c in master.cells
                      if c.cell_type == "markdown" and c.source.startswith("#")), master_path.stem)
        written = written_cells(master)
        parts.append(f"### {title}\n")
        if not written:
            parts.append("_No written question yet._\n")
        for gid, entry in written.items():
            question = _question_before(master, gid)
            parts.append(f"**`{gid}`** ({entry['points']:g} points)\n")
            if question:
                lines = [f"**{l.lstrip('#').strip()}**" if l.startswith("#") else l for l in question.splitlines()]
                parts.append("> " + "\n> ".join(lines) + "\n")
            parts.append((entry["rubric"] or "**Rubric**: TODO (none in the master)") + "\n")
            if entry["model"]:
                parts.append("<details><summary>Model answer</summary>\n\n" + entry["model"] + "\n\n</details>\n")
    return "\n".join(parts).strip() + "\n"


def _question_before(master, gid: str) -> str:
    for i, cell in enumerate(master.cells):
        if nbgrader_meta(cell).get("grade_id") == gid:
            for previous in reversed(master.cells[:i]):
                if previous.cell_type == "markdown" and not nbgrader_meta(previous):
                    return previous.source.strip()
    return ""


def update_guide(guide: Path, source: Path, write: bool = True) -> bool:
    """Refresh the generated block of ``guide``; return True if it was already current."""
    text = guide.read_text()
    head, _, rest = text.partition(GUIDE_BEGIN)
    _, _, tail = rest.partition(GUIDE_END)
    fresh = f"{head}{GUIDE_BEGIN}\n\n{guide_section(source)}\n{GUIDE_END}{tail}"
    if write and fresh != text:
        guide.write_text(fresh)
    return fresh == text


def _cmd_rubrics(args) -> int:
    from course.instructor import INSTRUCTOR, SOURCE

    guide = INSTRUCTOR / "guide" / "rubrics.md"
    if args.update_guide:
        current = update_guide(guide, SOURCE)
        print(f"{guide}: {'already current' if current else 'updated'}")
    else:
        print(guide_section(SOURCE))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("rubrics", help="print the masters' rubrics (or refresh the guide's copy)",
                                   description="Print every written question's rubric from the masters.")
    parser.add_argument("--update-guide", action="store_true",
                        help="rewrite the generated block of instructor/guide/rubrics.md")
    parser.set_defaults(func=_cmd_rubrics)
