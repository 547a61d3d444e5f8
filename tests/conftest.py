"""Shared test fixtures: golden files from R and the R data sets exported to CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

TESTS = Path(__file__).parent
EXPECTED = TESTS / "expected"
DATA = TESTS / "data"


def _decode(value: Any) -> Any:
    """Turn the JSON encodings written by tests/reference/_common.R back into pandas objects."""
    if isinstance(value, dict) and {"index", "columns", "data"} <= value.keys():
        data = np.array(value["data"], dtype=float).reshape(
            len(value["index"]), len(value["columns"])
        )
        return pd.DataFrame(data, index=value["index"], columns=value["columns"])
    if isinstance(value, dict) and {"index", "data"} == set(value.keys()):
        return pd.Series(np.array(value["data"], dtype=float), index=value["index"])
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    return value


def load_expected(name: str) -> dict[str, Any]:
    """Load ``tests/expected/<name>.json``; ``["values"]`` is decoded to DataFrames/Series."""
    raw = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    raw["values"] = _decode(raw["values"])
    return raw


@pytest.fixture(scope="session")
def bfi() -> pd.DataFrame:
    """psych::bfi exported by tests/reference/export_data.R (2800 x 28, with NaN)."""
    return pd.read_csv(DATA / "bfi.csv")


@pytest.fixture(scope="session")
def expected():
    """Callable fixture: ``expected("alpha_bfi_A")`` -> decoded golden file."""
    return load_expected
