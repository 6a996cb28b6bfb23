"""Course settings that nbgrader does not have, read from ``nbgrader_config.py``.

They live in the same file as nbgrader's settings, under ``c.CourseSettings``::

    c.CourseSettings.timezone = "Asia/Seoul"
    c.CourseSettings.section = "A"
    c.CourseSettings.lms_assignments = {"00-reading-north-korea-by-numbers": ["Notebook 00", "12345"]}
    c.CourseSettings.weights = {"notebooks": 40, "capstone": 30, "participation": 20, "responses": 10}

nbgrader ignores a section of the config it does not know, so the file stays
valid for plain ``nbgrader`` commands.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo

from traitlets import Dict, Integer, Unicode
from traitlets.config import Configurable

DEFAULT_TIMEZONE = "UTC"


class CourseSettings(Configurable):
    """Settings of one course root (or one section of a course)."""

    timezone = Unicode(
        DEFAULT_TIMEZONE,
        help="IANA time zone (e.g. 'Asia/Seoul', 'America/New_York') in which an LMS time without a "
             "UTC offset is read. Default: UTC.").tag(config=True)
    section = Unicode(
        "", help="Name of this section (shown in exports; empty for a course with one section).").tag(config=True)
    lms_assignments = Dict(
        help="Assignment name -> [title, LMS assignment id], for the Canvas gradebook import file. "
             "Without an entry the column is titled with the assignment name and no id.").tag(config=True)
    weights = Dict(
        help="Course-total weights in percent, part -> weight; 'notebooks' is the part the autograded "
             "notebooks make up (the syllabus: 40). Parts other than notebooks are graded outside "
             "this tool, so the course total covers the notebooks only.").tag(config=True)
    drop_lowest = Integer(
        -1, help="How many of the lowest notebook scores (as a fraction of their maximum) the weighted "
                 "total drops; -1 (default): as the syllabus says (one).").tag(config=True)


def settings(course) -> CourseSettings:
    """The :class:`CourseSettings` of ``course`` (a :class:`~course.instructor.courseroot.CourseRoot`)."""
    return CourseSettings(config=course.config())


def zone(name: str) -> tzinfo:
    """The time zone called ``name``, or a ``SystemExit`` that says how to fix the setting."""
    if name.upper() == "UTC":
        return timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SystemExit(f"CourseSettings.timezone = {name!r} in nbgrader_config.py is not a time zone name "
                         f"(use an IANA name such as 'Asia/Seoul' or 'UTC')") from None


def zone_sentence(name: str) -> str:
    """One line for every report that reads LMS times."""
    default = " (the default)" if name == DEFAULT_TIMEZONE else ""
    return (f"times without a UTC offset are read in the course time zone {name}{default}; "
            f"set c.CourseSettings.timezone in nbgrader_config.py to change it")


def to_utc(when: datetime, name: str) -> datetime:
    """``when`` as naive UTC (as nbgrader stores times); a naive ``when`` is read in zone ``name``."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone(name))
    return when.astimezone(timezone.utc).replace(tzinfo=None)
