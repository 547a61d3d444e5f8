"""The one reading layer: files, dates, numbers and keys read right or refused, every
coercion counted in a :class:`ReadingLog`.

Imports nothing of the package but private helpers (``_results``, ``_validation``).
"""

from .dates import DATE_FORMATS, parse_date, parse_dates
from .keys import clean_keys, municipality_codes
from .log import CODES, LogEntry, ReadError, ReadingLog, ReadingNotes
from .numbers import parse_flags, parse_numbers
from .paths import file_digest, resolve_path
from .schema import Schema, apply_schema
from .tables import Table, read_table, read_text

__all__ = [
    "CODES",
    "DATE_FORMATS",
    "LogEntry",
    "ReadError",
    "ReadingLog",
    "ReadingNotes",
    "Schema",
    "Table",
    "apply_schema",
    "clean_keys",
    "file_digest",
    "municipality_codes",
    "parse_date",
    "parse_dates",
    "parse_flags",
    "parse_numbers",
    "read_table",
    "read_text",
    "resolve_path",
]
