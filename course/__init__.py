"""North Korea's push for economic development and what it means for human rights.

The package behind the course notebooks. Data flows one way:

``course.data`` (curated, cited tables) -> ``course.models`` (pure NumPy) ->
``course.widgets`` (ipywidgets over the models) -> the notebooks.
``course.plots`` holds the one plotting style; ``course.checks`` the exercise
self-checks; ``course.instructor`` the authoring and grading commands.
"""

__all__ = ["data", "models", "plots", "widgets", "checks"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy submodule access keeps `import course` cheap (no matplotlib or
    # ipywidgets until a notebook asks for them).
    if name in __all__:
        import importlib

        return importlib.import_module(f"course.{name}")
    raise AttributeError(f"module 'course' has no attribute {name!r}")
