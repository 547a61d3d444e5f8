"""Execute one notebook with papermill, retrying when its kernel fails to start.

Kernels started at the same moment can race for the same ZMQ ports (jupyter_client picks
free ports, releases them and the kernel binds them later): the kernel dies with
``zmq.error.ZMQError: Address already in use`` and the parent sees ``RuntimeError: Kernel
died before replying to kernel_info`` or ``Kernel didn't respond in N seconds``
(nteract/papermill#511, #239; jupyter/jupyter_client#154). Such a start failure is retried
with a fresh kernel (fresh ports) after a short random back-off; an error raised by the
notebook's own code never is.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["execute", "is_kernel_start_failure"]

_START_FAILURES = (
    "kernel died before replying to kernel_info",
    "kernel didn't respond",
    "address already in use",
    "kernel failed to start",
    "timeout waiting for kernel_info reply",
)


def is_kernel_start_failure(exc: BaseException) -> bool:
    """True when ``exc`` says the kernel never came up (worth one more try)."""
    from papermill.exceptions import PapermillExecutionError

    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, PapermillExecutionError):
            return False  # the notebook's code raised: retrying would fail the same way
        text = f"{type(exc).__name__}: {exc}".lower()
        if any(s in text for s in _START_FAILURES) or type(exc).__name__ == "ZMQError":
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _no_cell_ran(executed: Path) -> bool:
    """True when the executed notebook shows no cell started (or was never written)."""
    import nbformat

    if not executed.is_file():
        return True
    try:
        nb = nbformat.read(executed, as_version=4)
    except Exception:  # half-written file: nothing useful ran
        return True
    return all(
        c.get("execution_count") is None
        and c.get("metadata", {}).get("papermill", {}).get("start_time") is None
        for c in nb.cells
        if c.cell_type == "code"
    )


@contextlib.contextmanager
def _papermill_log(log: Path | None) -> Iterator[logging.Logger]:
    """Send papermill's log (including the cells' output) to ``log``."""
    logger = logging.getLogger("papermill")
    if log is None:
        yield logger
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(log, mode="a", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        handler.close()


def execute(
    notebook: Path,
    executed: Path,
    parameters: Mapping[str, Any],
    *,
    kernel_name: str = "python3",
    timeout: int | None = 3600,
    start_timeout: int = 60,
    retries: int = 2,
    log: Path | None = None,
    fork: bool = True,
) -> int:
    """Run ``notebook`` into ``executed``; return the number of kernel starts it took.

    Raises the notebook's error (``PapermillExecutionError``, a cell timeout, ...) at
    once; a kernel-start failure only after ``retries`` further attempts. With ``fork``
    (default) the kernel is forked from a pre-imported zygote process where possible
    (:mod:`._kernels`; a fresh process per report all the same), else started plainly.
    """
    import papermill as pm

    engine: dict[str, Any] = {}
    if fork:
        from ._kernels import fork_available

        if fork_available():
            from ._kernels import ZygoteKernelManager

            engine["kernel_manager_class"] = ZygoteKernelManager
            # Every output has arrived when the last cell has finished, so the kernel is
            # killed then: a graceful shutdown waits ipykernel's 0.1 s, runs exit handlers
            # in a process about to vanish, and ipykernel's control thread sometimes hangs
            # in a flush at exit until jupyter_client's SIGTERM 2.5 s later (2 of 12
            # kernels in a measured run).
            engine["shutdown_kernel"] = "immediate"

    executed.parent.mkdir(parents=True, exist_ok=True)
    attempt = 0
    with _papermill_log(log) as logger:
        while True:
            attempt += 1
            try:
                pm.execute_notebook(
                    str(notebook),
                    str(executed),
                    parameters=dict(parameters),
                    kernel_name=kernel_name,
                    progress_bar=False,
                    log_output=log is not None,
                    request_save_on_cell_execute=False,
                    execution_timeout=timeout,
                    start_timeout=start_timeout,
                    cwd=str(notebook.parent),
                    **engine,
                )
                return attempt
            except Exception as exc:
                retry = (
                    attempt <= retries and is_kernel_start_failure(exc) and _no_cell_ran(executed)
                )
                if retry:
                    logger.warning(
                        "kernel start failed (attempt %d of %d), retrying with a fresh kernel: "
                        "%s: %s",
                        attempt,
                        retries + 1,
                        type(exc).__name__,
                        exc,
                    )
                if not retry:
                    with contextlib.suppress(AttributeError, TypeError):
                        exc.render_attempts = attempt  # type: ignore[attr-defined]
                    raise
                time.sleep(random.uniform(0.2, 1.0) * attempt)  # jitter, not crypto
