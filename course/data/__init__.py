"""Curated, cited tables on North Korea's economy, security and human rights.

>>> from course import data
>>> data.catalog()                       # what exists
>>> growth = data.load("gdp_growth_bok") # a pandas DataFrame
>>> data.sources("gdp_growth_bok")       # who published each figure

Every row keeps the ``source_id`` of the document it came from, and
disagreeing sources are kept as separate rows: North Korean numbers are
estimates, and the disagreement is part of what the course teaches.
"""

from course.data.loader import DataError, catalog, load, read_sources, read_table, sources

__all__ = ["DataError", "catalog", "load", "sources", "read_table", "read_sources"]
