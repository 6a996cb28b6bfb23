"""What the learning-management systems put in a download, and which student each file is.

Recognised with no ``--pattern`` (each file on its own, so one download may mix them):

* **Canvas** "Download Submissions": flat file names
  ``<lastfirst>[_LATE]_<Canvas user id>_<submission id>_<original name>``; a
  resubmitted file name may end in ``-1``, ``-2`` before the extension. The
  student is the roster row whose ``lms_user_id`` is the Canvas user id.
* **Moodle** "Download all submissions": ``<Full Name>_<participant id>_assignsubmission_file_/<original name>``
  (folders) or the same joined by ``_`` (no folders). The student is the roster
  row whose ``lms_user_id`` is the participant id.
* **Blackboard** "Download Assignment": ``<Assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>_<original name>``
  plus a receipt ``<Assignment>_<username>_attempt_<time>.txt`` per attempt.
  The username is matched to a roster id, the local part of an e-mail or an
  ``lms_user_id``; the attempt time (no offset) is read in the course time zone.
* **Plain** ``<id>_<file>``, optionally ``<id>_<ISO time>_<file>``, or a folder
  per student ``<id>/<file>``: the longest roster id the name starts with (so
  ids with underscores are never cut at their first one); with no roster, the
  part before the first underscore.

A file that matches no roster student is reported with the closest roster
candidates (by name, id, username and LMS id).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from course.instructor.settings import to_utc

CANVAS = re.compile(r"^(?P<name>[^_]+?)(?P<late>_LATE)?_(?P<key>\d+)_(?P<submission>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"(?:^|/)(?P<name>[^/]+?)_(?P<key>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?:/(?:.*/)?)?"
                    r"(?P<file>[^/]+)$")
BLACKBOARD = re.compile(r"^(?P<prefix>.+)_attempt_(?P<stamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})"
                        r"(?:_(?P<file>.+)|\.txt)$")
ISO_TIME = re.compile(r"^(?P<stamp>\d{4}-\d{2}-\d{2}[T ]\d{2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?"
                      r"(?:Z|[+-]\d{2}:?\d{2})?)_(?P<file>.+)$")
RESUBMITTED = re.compile(r"-(?P<n>\d{1,3})(?=\.[^.]+$|$)")
LAYOUTS = ("canvas", "moodle", "blackboard", "plain", "pattern")


def normalise(text: str) -> str:
    """Text for comparing names: NFKC, case-folded, without spaces, hyphens, dots, underscores, apostrophes."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"[\s\-_.'’`,]+", "", text)


@dataclass
class RosterIndex:
    """Ways to find a roster student: by id, LMS user id, username (e-mail local part) and name."""

    students: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self.by_lms = {str(i["lms_user_id"]).strip(): s for s, i in self.students.items() if i.get("lms_user_id")}
        self.by_username: dict[str, str] = {}
        for s, info in self.students.items():
            self.by_username.setdefault(s.casefold(), s)
            email = (info.get("email") or "").strip()
            if "@" in email:
                self.by_username.setdefault(email.split("@")[0].casefold(), s)
        self.ids_longest_first = sorted(self.students, key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.students)

    def label(self, student: str) -> str:
        info = self.students.get(student, {})
        name = " ".join(p for p in (info.get("first_name"), info.get("last_name")) if p)
        extra = [f"lms_user_id {info['lms_user_id']}"] if info.get("lms_user_id") else []
        if info.get("email"):
            extra.append(info["email"])
        return f"{student} ({', '.join([name] + extra) if name else ', '.join(extra)})" if (name or extra) \
            else student

    def closest(self, *queries: str, n: int = 3) -> list[str]:
        """Roster students whose name, id, username or LMS id is closest to any of ``queries``."""
        keys: dict[str, set[str]] = {}
        for s, info in self.students.items():
            first, last = info.get("first_name") or "", info.get("last_name") or ""
            email = (info.get("email") or "").split("@")[0]
            for key in (s, email, str(info.get("lms_user_id") or ""), first + last, last + first):
                if normalise(key):
                    keys.setdefault(normalise(key), set()).add(s)
        scored: dict[str, float] = {}
        for query in queries:
            q = normalise(query)
            if not q:
                continue
            for key, owners in keys.items():
                ratio = difflib.SequenceMatcher(None, q, key).ratio()
                for s in owners:
                    scored[s] = max(scored.get(s, 0.0), ratio)
        ranked = sorted((v, s) for s, v in scored.items() if v >= 0.5)
        return [s for _, s in sorted(ranked, key=lambda t: (-t[0], t[1]))[:n]]


@dataclass
class Identity:
    """Who a file in a download belongs to, according to its path."""

    layout: str = "plain"
    student: str | None = None
    key: str = ""                  # what the file name says: an id, an LMS user id or a username
    name: str = ""                 # the student's name as the LMS wrote it, when it does
    original: str = ""             # the file name the student uploaded
    late: bool = False             # the LMS marked it late
    when: datetime | None = None   # naive UTC, from the file name
    zone_assumed: bool = False     # the file name's time had no offset: the course zone was used
    attempt: int = 0               # resubmission number (Canvas -1, -2) for ordering
    receipt: bool = False          # a Blackboard receipt, not a submission
    problem: str | None = None
    raw_time: str = ""


def _parse_time(stamp: str, zone_name: str) -> tuple[datetime, bool]:
    text = stamp.replace("_", " ")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}", text):
        when = datetime.strptime(text, "%Y-%m-%d-%H-%M-%S")
    else:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return to_utc(when, zone_name), when.tzinfo is None


def _no_match(identity: Identity, roster: RosterIndex, what: str) -> Identity:
    candidates = roster.closest(identity.name, identity.key) if roster else []
    hint = ("; closest on the roster: " + "; ".join(roster.label(s) for s in candidates)) if candidates \
        else "; no roster student is close"
    identity.problem = f"{what}: not on the roster{hint}; not collected"
    return identity


def identify(path: str, roster: RosterIndex, zone_name: str, pattern: re.Pattern | None = None) -> Identity:
    """The :class:`Identity` of the file at ``path`` inside a download (``/``-separated)."""
    path = unicodedata.normalize("NFC", path)
    base = PurePosixPath(path).name
    if pattern is not None:
        return _by_pattern(path, pattern, zone_name)

    match = MOODLE.search(path)
    if match:
        found = Identity("moodle", key=match["key"], name=match["name"], original=match["file"])
        found.student = roster.by_lms.get(found.key)
        if found.student is None:
            return _no_match(found, roster, f"Moodle participant {found.name!r} (id {found.key})"
                             + ("" if roster.by_lms else " (the roster has no lms_user_id column)"))
        return found

    match = BLACKBOARD.match(base)
    if match:
        found = Identity("blackboard", original=match["file"] or "", receipt=match["file"] is None,
                         raw_time=match["stamp"])
        found.when, found.zone_assumed = _parse_time(match["stamp"], zone_name)
        prefix = match["prefix"]
        # The assignment title may hold underscores, and so may a username: try the roster first.
        for key in sorted(roster.by_username, key=len, reverse=True) + sorted(roster.by_lms, key=len, reverse=True):
            if prefix.casefold().endswith("_" + key.casefold()):
                found.key = prefix[len(prefix) - len(key):]
                found.student = roster.by_username.get(key) or roster.by_lms.get(key)
                return found
        found.key = prefix.rsplit("_", 1)[-1]
        if found.receipt:
            return found
        return _no_match(found, roster, f"Blackboard username {found.key!r}")

    parts = PurePosixPath(path).parts
    if len(parts) > 1 and roster and parts[0] in roster.students:
        return Identity("plain", student=parts[0], key=parts[0], original=base)
    for student in roster.ids_longest_first if roster else []:
        if base.startswith(student + "_"):
            return _plain(Identity("plain", student=student, key=student), base[len(student) + 1:], zone_name)

    match = CANVAS.match(base)
    if match:
        found = Identity("canvas", key=match["key"], name=match["name"], late=bool(match["late"]),
                         original=match["file"])
        number = RESUBMITTED.search(found.original)
        found.attempt = int(number["n"]) if number else 0
        found.student = roster.by_lms.get(found.key)
        if found.student is None:
            return _no_match(found, roster, f"Canvas user {found.name!r} (user id {found.key})"
                             + ("" if roster.by_lms else " (the roster has no lms_user_id column)"))
        return found

    head, sep, rest = base.partition("_")
    if not sep or not head:
        return Identity("plain", original=base, problem="file name does not contain a student id "
                        "(expected <id>_<file>, a Canvas, Moodle or Blackboard name, or see --pattern)")
    found = _plain(Identity("plain", key=head), rest, zone_name)
    if roster:
        return _no_match(found, roster, f"unknown student id {head!r}")
    found.student = head
    return found


def _plain(found: Identity, rest: str, zone_name: str) -> Identity:
    match = ISO_TIME.match(rest)
    if match:
        try:
            found.when, found.zone_assumed = _parse_time(match["stamp"], zone_name)
            found.raw_time, rest = match["stamp"], match["file"]
        except ValueError:
            pass
    found.original = rest
    return found


def _by_pattern(path: str, pattern: re.Pattern, zone_name: str) -> Identity:
    match = pattern.search(path)
    if not match:
        return Identity("pattern", original=PurePosixPath(path).name,
                        problem="file name does not contain a student id (see --pattern)")
    found = Identity("pattern", student=match.group("student_id"), key=match.group("student_id"),
                     original=PurePosixPath(path).name)
    stamp = match.groupdict().get("timestamp")
    if stamp:
        try:
            found.when, found.zone_assumed = _parse_time(stamp, zone_name)
            found.raw_time = stamp
        except ValueError:
            found.raw_time = f"!{stamp}"
    return found
