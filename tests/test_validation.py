"""Validation helpers: every error names the parameter/column and what is allowed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._validation import (
    as_frame,
    check_choice,
    check_columns,
    check_int,
    check_min_rows,
    check_not_constant,
    check_numeric,
    check_probability,
)


def test_check_choice_lists_allowed_values():
    assert check_choice("method", "a", ("a", "b")) == "a"
    with pytest.raises(ValueError, match=r"method='c' is not allowed; choose one of 'a', 'b'"):
        check_choice("method", "c", ("a", "b"))


def test_check_int_and_probability():
    assert check_int("n_iter", np.int64(5), minimum=1) == 5
    with pytest.raises(TypeError, match="n_iter must be an integer"):
        check_int("n_iter", 2.5)
    with pytest.raises(TypeError, match="n_iter must be an integer"):
        check_int("n_iter", True)
    with pytest.raises(ValueError, match="at least 1"):
        check_int("n_iter", 0, minimum=1)
    with pytest.raises(ValueError, match="at most 3"):
        check_int("k", 4, maximum=3)
    assert check_probability("confidence", 0.95) == 0.95
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        check_probability("confidence", 1.0)
    with pytest.raises(TypeError, match="confidence"):
        check_probability("confidence", "0.9")


def test_columns_missing_and_duplicate():
    df = pd.DataFrame({"a": [1], "b": [2]})
    assert check_columns(df, None) == ["a", "b"]
    assert check_columns(df, "a") == ["a"]
    with pytest.raises(ValueError, match=r"not in data: 'z'.*available columns: 'a', 'b'"):
        check_columns(df, ["a", "z"])
    with pytest.raises(ValueError, match="more than once: 'a'"):
        check_columns(df, ["a", "a"])


def test_numeric_constant_rows_and_frames():
    df = pd.DataFrame({"x": [1.0, 2.0, np.nan], "t": ["a", "b", "c"], "c": [3.0, 3.0, np.nan]})
    with pytest.raises(ValueError, match="non-numeric column.*'t'"):
        check_numeric(df)
    with pytest.raises(ValueError, match="infinite values in column.*'x'"):
        check_numeric(pd.DataFrame({"x": [1.0, np.inf]}))
    with pytest.raises(ValueError, match=r"constant .* column\(s\) 'c', 'e'"):
        check_not_constant(df[["x", "c"]].assign(e=np.nan))
    check_not_constant(df[["x"]])
    with pytest.raises(ValueError, match="has 3 row.*at least 5"):
        check_min_rows(df, 5)
    assert list(as_frame(np.zeros((2, 3))).columns) == ["x1", "x2", "x3"]
    with pytest.raises(TypeError, match="DataFrame or a 2-D numpy array"):
        as_frame([1, 2])
    with pytest.raises(ValueError, match="2-dimensional"):
        as_frame(np.zeros(3))
