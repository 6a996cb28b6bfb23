"""Interactive explorers built on the models: one module per notebook theme."""

from __future__ import annotations


def explorers() -> list[type]:
    """Every ``Explorer`` subclass defined in a ``course.widgets`` module.

    Tests and benchmarks use this, so a new notebook's widget is covered as
    soon as its module exists.
    """
    import importlib
    import inspect
    import pkgutil

    from course.widgets.live import Explorer

    found = []
    for module in pkgutil.iter_modules(__path__):
        mod = importlib.import_module(f"{__name__}.{module.name}")
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            if issubclass(cls, Explorer) and cls is not Explorer and cls.__module__ == mod.__name__:
                found.append(cls)
    return found
