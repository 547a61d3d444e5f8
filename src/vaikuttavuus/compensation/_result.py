"""The base of the compensation results whose frame is their ``table`` (private)."""

from __future__ import annotations

import pandas as pd

from .._results import ResultMixin


class TableResult(ResultMixin):
    """A result whose ``to_frame()`` is its ``table`` attribute (see the class's Attributes)."""

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """A copy of ``table`` (columns as in the class's Attributes)."""
        return self.table.copy()
