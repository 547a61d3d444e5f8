"""Files shipped inside the package (notebooks, the HTML template), read with importlib.resources.

Only the package's own notebooks are found by name; a ``notebooks/`` folder in the current
directory is never looked at (a user renders their own notebook by passing its path).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["notebook_path", "shipped_notebooks", "template_dir"]


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("vaikuttavuus") / name))


def shipped_notebooks() -> tuple[str, ...]:
    """Names of the notebooks shipped with the package.

    Returns
    -------
    tuple of str

    References
    ----------
    Python documentation, importlib.resources:
    https://docs.python.org/3/library/importlib.resources.html

    Examples
    --------
    >>> from vaikuttavuus.render import shipped_notebooks
    >>> "region_report.ipynb" in shipped_notebooks()
    True
    """
    folder = _package_dir("notebooks")
    return tuple(sorted(p.name for p in folder.iterdir() if p.suffix == ".ipynb"))


def notebook_path(name: str) -> Path:
    """The path of a notebook shipped inside the package (``vaikuttavuus/notebooks/<name>``).

    Parameters
    ----------
    name : str
        File name, e.g. ``"region_report.ipynb"``.

    Returns
    -------
    pathlib.Path
        Absolute path inside the installed package (a wheel or a source checkout alike).

    Raises
    ------
    FileNotFoundError
        When the package ships no such notebook (the message lists those it ships).

    References
    ----------
    As for :func:`shipped_notebooks`.

    Examples
    --------
    >>> from vaikuttavuus.render import notebook_path
    >>> notebook_path("region_report.ipynb").parent.name
    'notebooks'
    >>> notebook_path("mine.ipynb")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: notebook 'mine.ipynb' is not shipped with the package; shipped: ...
    """
    path = _package_dir("notebooks") / name
    if not path.is_file():
        raise FileNotFoundError(
            f"notebook {name!r} is not shipped with the package; shipped: "
            f"{', '.join(shipped_notebooks())}. Pass a path to render a notebook of your own."
        )
    return path


def template_dir() -> Path:
    """The folder of the package's nbconvert templates."""
    return _package_dir("templates")
