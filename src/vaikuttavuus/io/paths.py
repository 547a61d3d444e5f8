"""Paths a user gives: resolved against the caller's working directory, and hashed."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["file_digest", "resolve_path"]


def resolve_path(path: str | Path, *, what: str = "path", must_exist: bool = True) -> Path:
    """An absolute path, resolved against the current working directory now.

    Resolve every user path before work moves elsewhere (a kernel started in another
    directory would read a relative path from there, or fail).

    Parameters
    ----------
    path : str or Path
        As the user gave it (``~`` is expanded).
    what : str, default "path"
        What the path is (named in the error).
    must_exist : bool, default True
        Raise ``FileNotFoundError`` when nothing exists there.

    Returns
    -------
    Path
        Absolute and normalised.

    References
    ----------
    Python documentation, ``pathlib.Path.resolve``.

    Examples
    --------
    >>> resolve_path(".", what="data_dir").is_absolute()
    True
    """
    if not isinstance(path, str | Path) or str(path) == "":
        raise TypeError(f"{what} must be a non-empty path, got {path!r}.")
    resolved = Path(path).expanduser().resolve()
    if must_exist and not resolved.exists():
        raise FileNotFoundError(
            f"{what} {str(path)!r} does not exist (resolved against the working directory "
            f"{str(Path.cwd())!r} to {str(resolved)!r})."
        )
    return resolved


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes (as read), ``"sha256:<hex>"``.

    Parameters
    ----------
    path : str or Path
        A file.

    Returns
    -------
    str

    References
    ----------
    FIPS 180-4, Secure Hash Standard (SHA-256).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = f.write_bytes(b"")
    >>> file_digest(f)
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return f"sha256:{digest.hexdigest()}"
