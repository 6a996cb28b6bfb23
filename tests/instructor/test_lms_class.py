"""A class of 25 through a Canvas, a Moodle and a Blackboard download, with no --pattern.

Three sections share one source/ (``section add``), each with its own roster
(ids s001.., t001.., u001..; names with non-ASCII letters and Hangul), its own
download, submissions and gradebook. The Canvas section is autograded (and
timed); the others are exported as collected but not autograded yet. Then one
export across the sections and the Canvas import file.
"""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile

import nbformat
import pytest

import simclass
from course_roots import FIXTURES, GROWTH, make_course_root
from course.instructor import REPO, collect, grading, release, roster
from course.instructor.export import export
from course.instructor.lms import normalise
from course.instructor.sections import add_section, export_all_sections

pytestmark = pytest.mark.slow
A = "05-lms-growth"            # the fixture master under a notebook number the syllabus weighs (00-09)
NB = f"{A}.ipynb"
N = 25
NAMES = {1: ("Zoë", "Kim"), 2: ("서연", "박"), 3: ("Ana", "López"), 4: ("Ngozi", "Okafor-Adeyemi")}


def person(n):
    return NAMES.get(n, (f"Student{n}", f"Family{n}"))


def right(n):
    return n % 3 != 0          # every third student answers wrong


def roster_csv(prefix, lms_base=None, username=None):
    lines = ["id,first_name,last_name,email,lms_user_id"]
    for n in range(1, N + 1):
        first, last = person(n)
        local = username(n) if username else f"{prefix}{n:03d}"
        lines.append(f"{prefix}{n:03d},{first},{last},{local}@uni.edu,{lms_base + n if lms_base else ''}")
    return "\n".join(lines) + "\n"


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 3, 2, 9, 0, 0)), data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sections(tmp_path_factory):
    base = tmp_path_factory.mktemp("lms-class")
    master_dir = base / "masters" / A
    master_dir.mkdir(parents=True)
    (master_dir / NB).write_bytes((FIXTURES / GROWTH / f"{GROWTH}.ipynb").read_bytes())
    course = make_course_root(base / "instructor", [master_dir])
    roots = {name: add_section(course, name) for name in ("canvas", "moodle", "blackboard")}
    release.release(roots["canvas"], A, report=lambda _: None)
    for name in ("moodle", "blackboard"):
        release.release(roots[name], A, validate=False, report=lambda _: None)
    rel = nbformat.read(roots["canvas"].release / A / NB, as_version=4)
    master = nbformat.read(course.source / A / NB, as_version=4)
    good = nbformat.writes(simclass.answered(rel, master)).encode()
    bad = nbformat.writes(simclass.answered(rel, master, right=False)).encode()
    answer = lambda n: good if right(n) else bad  # noqa: E731

    # Canvas: lastfirst_[LATE_]userid_submissionid_name; s005 resubmitted (-1); s025 nothing; one stranger
    canvas = []
    for n in range(1, N):
        first, last = person(n)
        late = "LATE_" if n in (3, 7) else ""
        canvas.append((f"{normalise(last + first)}_{late}{1000 + n}_{5000 + n}_{NB}",
                       bad if n == 5 else answer(n)))
    canvas.append((f"{normalise('family5student5')}_{1005}_{5005}_{A}-1.ipynb", good))
    canvas.append((f"kymzoe_{9999}_{5999}_{NB}", good))
    # Moodle: folders "Full Name_participantid_assignsubmission_file_/name"
    moodle = [(f"{' '.join(person(n))}_{2000 + n}_assignsubmission_file_/{NB}", answer(n)) for n in range(1, N)]
    # Blackboard: usernames with underscores, attempt times, receipts; u002 has two attempts
    user = lambda n: f"bb_user_{n:02d}"  # noqa: E731
    board = []
    for n in range(1, N):
        stem = f"Notebook 05_{user(n)}_attempt_2026-03-01-17-00-{n:02d}"
        board += [(f"{stem}_{NB}", answer(n)), (f"{stem}.txt", b"Name: someone\nDate Submitted: ...\n")]
    board.append((f"Notebook 05_{user(2)}_attempt_2026-02-28-09-00-00_{NB}", bad))

    downloads = {"canvas": zipped(canvas), "moodle": zipped(moodle), "blackboard": zipped(board)}
    rosters = {"canvas": roster_csv("s", lms_base=1000), "moodle": roster_csv("t", lms_base=2000),
               "blackboard": roster_csv("u", username=user)}
    reports = {}
    for name, root in roots.items():
        (base / f"{name}.csv").write_text(rosters[name], encoding="utf-8")
        roster.import_roster(root, base / f"{name}.csv")
        (base / f"{name}.zip").write_bytes(downloads[name])
        lines = []
        reports[name] = (collect.collect(root, A, base / f"{name}.zip", report=lines.append), lines)
    started = time.monotonic()
    outcomes = grading.autograde(roots["canvas"], A, jobs=2, timeout=5, report=lambda _: None)
    seconds = time.monotonic() - started
    graded = [o for o in outcomes if not o.skipped]
    timing = {"submissions": len(graded), "wall_seconds": round(seconds, 1),
              "seconds_per_submission": round(seconds / len(graded), 2), "jobs": 2}
    out = REPO / "test-output"
    out.mkdir(exist_ok=True)
    (out / "lms-class-autograde-timing.json").write_text(json.dumps(timing, indent=1) + "\n")
    print(f"\nautograde of the 25-student Canvas section: {timing}")
    return {"course": course, "roots": roots, "reports": reports, "outcomes": {o.student: o for o in outcomes},
            "good": good, "bad": bad, "timing": timing}


def test_every_lms_download_is_collected_with_no_pattern(sections):
    for name, prefix in (("canvas", "s"), ("moodle", "t"), ("blackboard", "u")):
        report, lines = sections["reports"][name]
        assert sorted(report.collected) == [f"{prefix}{n:03d}" for n in range(1, N)], name
        assert report.missing == [f"{prefix}{N:03d}"], name
        assert set(report.layouts) == {name}
        assert any("UTC (the default)" in line for line in lines)


def test_canvas_late_marks_resubmissions_and_strangers(sections):
    report, lines = sections["reports"]["canvas"]
    root = sections["roots"]["canvas"]
    status = json.loads((root.downloads / A / "collect-report.json").read_text(encoding="utf-8"))["students"]
    assert {s for s, e in status.items() if e.get("late")} == {"s003", "s007"}
    assert (root.submitted / "s005" / A / NB).read_bytes() == sections["good"]     # the -1 resubmission
    [stranger] = [p for p in report.problems if "9999" in p]
    assert "Canvas user 'kymzoe' (user id 9999)" in stranger and "closest on the roster: s001" in stranger
    # the Canvas user number was never taken for a student id
    assert not (root.submitted / "1001").exists()


def test_blackboard_newest_attempt_and_usernames_with_underscores(sections):
    report, _ = sections["reports"]["blackboard"]
    root = sections["roots"]["blackboard"]
    assert (root.submitted / "u002" / A / NB).read_bytes() == sections["good"]
    assert any("u002" in n and "collected the latest" in n and "2026-02-28-09-00-00" in n for n in report.notes)
    assert not report.problems
    assert (root.submitted / "u001" / A / "timestamp.txt").read_text().strip() == "2026-03-01 17:00:01"


def test_canvas_section_scores(sections):
    outcomes = sections["outcomes"]
    assert len(outcomes) == N - 1 and all(o.status == "graded" for o in outcomes.values())
    tests, _ = simclass.points(nbformat.read(sections["roots"]["canvas"].release / A / NB, as_version=4))
    for n in range(1, N):
        assert outcomes[f"s{n:03d}"].score == (sum(tests) if right(n) else 0), n
    assert sections["timing"]["seconds_per_submission"] > 0


def test_not_autograded_sections_are_never_a_zero(sections):
    rows = _read(export(sections["roots"]["moodle"], [A])[0])
    for n in range(1, N):
        row = rows[f"t{n:03d}"]
        assert row[f"{A} status"] == "not autograded yet" and row[A] == "", row
        assert A in row["needs_manual_grading"] and "not autograded yet" in row["needs_attention"]
    assert rows[f"t{N:03d}"][f"{A} status"] == "no submission"


def test_export_across_sections_canvas_import_and_weighted_total(sections):
    from nbgrader.api import Gradebook

    canvas = sections["roots"]["canvas"]
    with Gradebook(canvas.db_url, canvas.course_id) as gb:     # a TA grades every written answer: 4 points
        for n in range(1, N):
            grade = gb.find_grade("98-method-written", A, A, f"s{n:03d}")
            grade.manual_score, grade.needs_manual_grade = 4.0, False
        gb.db.commit()
    everyone, canvas_file = export_all_sections(sections["course"], weighted=True)
    rows = _read(everyone)
    assert len(rows) == 3 * N and {r["section"] for r in rows.values()} == {"canvas", "moodle", "blackboard"}
    # by hand: right = 3 autograded + 4 written = 7 of 7 -> 40; wrong = 4 of 7 -> 4/7 * 40 = 22.857 -> 22.86
    assert rows["s001"]["notebooks_weighted"] == "40" and rows["s003"]["notebooks_weighted"] == "22.86"
    assert rows["s003"]["needs_attention"] == f"{A}: marked late by the LMS"
    assert rows["t001"]["notebooks_weighted"] == ""          # not final: never a number
    with open(canvas_file, newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A]
    by_id = {line[2]: line for line in lines[1:]}
    assert by_id["s001"] == ["Kim, Zoë", "1001", "s001", "s001", "canvas", "7"]
    assert by_id["t001"][4:] == ["moodle", ""]                 # not autograded yet: blank, not 0
    assert by_id["u002"][3] == "bb_user_02"


def _read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {r["student_id"]: r for r in rows}
