"""One BLAS thread for the many small matrix operations of simulations and replications.

On a shared 2-core machine OpenBLAS's threads contend on 31 x 31 matrices and short vectors
(a 20,000-element dot product took 47 ms with 2 busy threads, 2 ms with one). The limit is a
context manager: the previous setting is restored on exit.
"""

from __future__ import annotations

import contextlib
from typing import Any

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
    threadpool_limits = None

__all__ = ["single_thread"]


def single_thread() -> contextlib.AbstractContextManager[Any]:
    """Context manager limiting BLAS/OpenMP pools to one thread (no-op without threadpoolctl)."""
    if threadpool_limits is None:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(1)
