"""Several sections of one course: one ``source/``, a roster, submissions and gradebook each.

``python -m course.instructor section add A`` makes ``instructor/sections/A/``,
a course root whose ``nbgrader_config.py`` loads the course's own settings and
points ``source_directory`` at the shared ``instructor/source/``. Every
command then works on that section with ``--course-root instructor/sections/A``:
its roster, releases, downloads, submissions, autograded copies, feedback and
``gradebook.db`` stay in the section's folder; the masters exist once.

``python -m course.instructor export --all-sections`` (on the main course root)
writes one ``grades-all-sections.csv`` and one ``canvas-import-all-sections.csv``
with a ``section`` column, from every section's gradebook.
"""

from __future__ import annotations

import re
from pathlib import Path

from course.instructor.courseroot import CourseRoot, add_root_argument, atomic_write_text

SECTION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")

CONFIG = '''"""nbgrader settings of section {name}: the course's settings, its own folders, the shared masters."""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)
here = Path(__file__).resolve().parent
course_root = here.parents[1]
load_subconfig(str(course_root / "nbgrader_config.py"))  # noqa: F821

c.CourseDirectory.root = str(here)
c.CourseDirectory.source_directory = str(course_root / "source")
c.CourseSettings.section = {name!r}
'''


def section_roots(course: CourseRoot) -> dict[str, CourseRoot]:
    """Section name -> course root, for the sections of ``course`` (none for a one-section course)."""
    folder = course.root / "sections"
    if not folder.is_dir():
        return {}
    return {p.name: CourseRoot(p.resolve()) for p in sorted(folder.iterdir())
            if (p / "nbgrader_config.py").is_file()}


def add_section(course: CourseRoot, name: str) -> CourseRoot:
    """Create section ``name`` of ``course`` (an existing one is left as it is) and return its root."""
    if not SECTION_NAME.match(name):
        raise SystemExit(f"section name {name!r}: use letters, digits, '-' and '_' (at most 32)")
    root = course.root / "sections" / name
    config = root / "nbgrader_config.py"
    if not config.exists():
        root.mkdir(parents=True, exist_ok=True)
        atomic_write_text(config, CONFIG.format(name=name))
    section = CourseRoot(root.resolve())
    if section.source.resolve() != course.source.resolve():
        raise SystemExit(f"{config} does not point at {course.source}; fix or remove it")
    return section


def export_all_sections(course: CourseRoot, assignments: list[str] | None = None,
                        out: Path | None = None, weighted: bool = False) -> list[Path]:
    """One CSV of every section's students (with a ``section`` column) and one Canvas import file."""
    from course.instructor.export import _csv, add_weighted_total, canvas_csv, gather, student_columns

    sections = section_roots(course)
    if not sections:
        raise SystemExit(f"{course.root} has no sections (section add NAME creates one)")
    rows, canvas_rows, used_all = [], [], []
    for name, root in sections.items():
        if not root.gradebook.exists():
            continue
        by_student, _, used = gather(root, assignments or [])
        if weighted:
            add_weighted_total(root, by_student, used)
        for row in by_student:
            row["section"] = name
        rows += by_student
        used_all += [a for a in used if a not in used_all]
        canvas_rows.append(canvas_csv(root, by_student, used))
    for row in rows:  # a section without an assignment shows it as not released there
        for a in used_all:
            row.setdefault(a, "")
            row.setdefault(f"{a} status", "not released in this section")
    out = Path(out or course.exports)
    paths = [out / "grades-all-sections.csv", out / "canvas-import-all-sections.csv"]
    atomic_write_text(paths[0], _csv(rows, ["section"] + student_columns(used_all, weighted)))
    header, *_ = canvas_rows[0].splitlines() if canvas_rows else [""]
    body = [line for text in canvas_rows for line in text.splitlines()[1:]]
    same = all(text.splitlines()[0] == header for text in canvas_rows)
    atomic_write_text(paths[1], "\n".join([header] + body) + "\n" if same else
                      "sections have different assignments: use each section's own canvas-import.csv\n")
    return paths


def _cmd_add(args) -> int:
    course = CourseRoot.at(args.course_root)
    section = add_section(course, args.name)
    print(f"section {args.name}: {section.root} (masters from {section.source})")
    print(f"use it with: --course-root {section.root}")
    return 0


def _cmd_list(args) -> int:
    course = CourseRoot.at(args.course_root)
    for name, root in section_roots(course).items():
        print(f"{name}\t{root.root}\t{len(root.students())} students")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("section", help="sections sharing one source/ (own roster and gradebook)",
                                   description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="section_command", required=True, metavar="ACTION")
    p = sub.add_parser("add", help="create a section (instructor/sections/NAME)")
    p.add_argument("name", help="section name, e.g. A or mon-10am")
    add_root_argument(p)
    p.set_defaults(func=_cmd_add)
    p = sub.add_parser("list", help="list the sections")
    add_root_argument(p)
    p.set_defaults(func=_cmd_list)
