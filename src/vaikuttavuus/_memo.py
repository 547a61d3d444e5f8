"""Shared work done once: a content-addressed on-disk cache of deterministic results.

Several reports of one run may need the same seeded computation (the Vates 2020
replications in the Finnish and the English report). :func:`memoize` stores a result
under the SHA-256 of its inputs: the name of the computation, its arguments (canonical
JSON), the package version and a hash of the package's source files, so that a code
change never returns an old result. Concurrent callers (two reports in two worker
processes) take an exclusive file lock on the key: one computes, the other waits and
reads the file.

Where: the ``cache`` argument (a directory), else the environment variable
``VAIKUTTAVUUS_CACHE_DIR`` (the report runner sets it to the run's directory, so that
the reports of a run share it; set it yourself to share results across runs), else
nothing is cached. Files are pickles written by this package for itself (atomic rename);
delete the directory to empty the cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cache_dir", "memo_key", "memoize", "source_sha256"]

ENV = "VAIKUTTAVUUS_CACHE_DIR"
_PACKAGE = Path(__file__).resolve().parent
_SKIP = {".pyc", ".pyo"}
T = TypeVar("T")


@functools.lru_cache(maxsize=1)
def source_sha256() -> str:
    """SHA-256 over every file of the installed package (names and contents): sources,
    notebooks, templates, message catalogue and package data; the one package fingerprint
    of memoised results and of the renderer's cache."""
    h = hashlib.sha256()
    for f in sorted(_PACKAGE.rglob("*")):
        if f.suffix not in _SKIP and f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(_PACKAGE).as_posix().encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def cache_dir(cache: str | os.PathLike[str] | bool | None) -> Path | None:
    """The directory ``cache`` names: a path; None = ``$VAIKUTTAVUUS_CACHE_DIR``; False = off."""
    if cache is False:
        return None
    if cache is None or cache is True:
        env = os.environ.get(ENV, "").strip()
        return Path(env) if env else None
    return Path(cache)


def memo_key(name: str, inputs: dict[str, Any]) -> str:
    """SHA-256 of a computation's name, inputs, package version and source."""
    from . import __version__

    doc = {"name": name, "inputs": inputs, "version": __version__, "source": source_sha256()}
    text = json.dumps(doc, sort_keys=True, default=repr, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no lock, at worst computed twice
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _load(path: Path) -> tuple[bool, Any]:
    try:
        with open(path, "rb") as fh:
            return True, pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return False, None


def memoize(
    name: str,
    inputs: dict[str, Any],
    compute: Callable[[], T],
    *,
    cache: str | os.PathLike[str] | bool | None = None,
) -> T:
    """``compute()``, or its stored result for the same ``name`` and ``inputs``.

    Parameters
    ----------
    name : str
        The computation, e.g. ``"vates2020.replicate"``.
    inputs : dict
        Everything the result depends on besides the package source (JSON-able; other
        values are keyed by their ``repr``).
    compute : callable
        Called without arguments when there is no stored result.
    cache : path, bool or None, default None
        Directory; None: ``$VAIKUTTAVUUS_CACHE_DIR`` if set; False: do not cache.

    Returns
    -------
    object
        The result (read back from the cache or freshly computed and stored).

    Examples
    --------
    >>> import tempfile
    >>> from vaikuttavuus._memo import memoize
    >>> d = tempfile.mkdtemp()
    >>> memoize("square", {"x": 3}, lambda: 3 * 3, cache=d)
    9
    >>> memoize("square", {"x": 3}, lambda: -1, cache=d)  # stored: not recomputed
    9
    """
    directory = cache_dir(cache)
    if directory is None:
        return compute()
    directory.mkdir(parents=True, exist_ok=True)
    key = memo_key(name, inputs)
    path = directory / f"{name}-{key[:32]}.pickle"
    with _locked(directory / f"{name}-{key[:32]}.lock"):
        found, value = _load(path)
        if found:
            return value  # type: ignore[no-any-return]
        value = compute()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return value
