"""The one reading layer: files, dates, numbers and keys read right or refused, every
coercion counted in a :class:`ReadingLog`.

Imports nothing of the package but private helpers (``_results``, ``_validation``).
"""

from .dates import DATE_FORMATS, parse_date, parse_dates
from .keys import clean_keys, municipality_codes
from .log import CODES, LogEntry, ReadError, ReadingLog, ReadingNotes
from .numbers import parse_flags, parse_numbers
from .tables import Table, read_table

__all__ = [
    "CODES",
    "DATE_FORMATS",
    "LogEntry",
    "ReadError",
    "ReadingLog",
    "ReadingNotes",
    "Table",
    "clean_keys",
    "municipality_codes",
    "parse_date",
    "parse_dates",
    "parse_flags",
    "parse_numbers",
    "read_table",
]
