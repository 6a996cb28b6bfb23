"""nbgrader settings for the course. The course root is this folder."""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "nk-development-human-rights"
c.CourseDirectory.root = str(Path(__file__).resolve().parent)

# Unanswered code cells must still run (Run All reaches the end), so the stub is
# an expression: `growth = (None  # YOUR ANSWER HERE\n)` is valid Python.
c.ClearSolutions.code_stub = {"python": "None  # YOUR ANSWER HERE"}
c.ClearSolutions.text_stub = "_Write your answer here._"

# A student cell that loops forever is interrupted and the rest still graded.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

# Feedback never shows hidden tests, their tracebacks or grader-only notes, even
# when an instructor runs plain `nbgrader generate_feedback` outside our commands.
c.GenerateFeedback.preprocessors = [
    "course.instructor.preprocessors.HideGraderNotes",
    "course.instructor.preprocessors.WithholdFlaggedOutputs",
    "course.instructor.preprocessors.HideHiddenTests",
    "course.instructor.preprocessors.MarkUngradedWritten",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Course settings nbgrader does not have (course/instructor/settings.py).
# LMS times without a UTC offset (Blackboard attempt times, plain file names) are read
# in this zone; every collect report states it.
c.CourseSettings.timezone = "UTC"
# For the Canvas gradebook import file: assignment -> [title in Canvas, Canvas assignment id].
c.CourseSettings.lms_assignments = {}
