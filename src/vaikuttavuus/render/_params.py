"""Check a job's parameters against the notebook's declared parameters before a kernel starts.

papermill injects unknown names and wrong types with only a warning; a typo then renders a
report with the default value. Here the notebook's ``parameters`` cell is read with
``papermill.inspect_notebook`` and every name and value type is checked up front.
"""

from __future__ import annotations

import ast
import difflib
import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["ParameterError", "declared_parameters", "validate_parameters"]


class ParameterError(ValueError):
    """A parameter the notebook does not declare, or a value of the wrong type."""


# Python type names of papermill's inferred_type_name / a literal default -> accepted types.
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list, tuple),
    "tuple": (list, tuple),
    "dict": (dict,),
}


def _stat_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=64)
def _inspect(key: tuple[str, int, int]) -> dict[str, dict[str, Any]]:
    """The parameters cell's declarations, read from its syntax tree.

    Every name assigned at the cell's top level, with its annotation and default (what
    ``papermill.inspect_notebook`` reports, and also declarations its line pattern misses,
    e.g. ``limit: int | None = None``). The notebook is read as JSON: checking a batch's
    parameters does not import papermill or nbformat in the process that starts it.
    """
    return {
        name: {"name": name, "inferred_type_name": annotation, "default": default}
        for name, annotation, default in _cell_assignments(key[0])
    }


def _cell_assignments(path: str) -> list[tuple[str, str, str]]:
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    cell = next(
        (c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])),
        None,
    )
    if cell is None or cell.get("cell_type") != "code":
        return []
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []

    def text(node: ast.AST) -> str:  # as the notebook spells it
        return ast.get_source_segment(source, node) or ast.unparse(node)

    out = []
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            default = text(node.value) if node.value is not None else "None"
            out.append((node.target.id, text(node.annotation), default))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out.append((target.id, "None", text(node.value)))
    return out


def declared_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The notebook's declared parameters: name -> {"types", "allows_none", "default"}.

    Parameters
    ----------
    notebook : path
        A notebook with a cell tagged ``parameters``.

    Returns
    -------
    dict
        ``types`` is a tuple of accepted Python types (empty when the default is not a
        literal and there is no annotation: any type is accepted), ``allows_none`` is True
        where the default is ``None`` or the annotation says ``Optional``/``| None``.

    References
    ----------
    papermill.inspect_notebook: https://papermill.readthedocs.io/en/latest/usage-inspect.html

    Examples
    --------
    >>> from vaikuttavuus.render import declared_parameters
    >>> declared_parameters("missing.ipynb")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    FileNotFoundError: notebook not found: missing.ipynb
    """
    path = Path(notebook)
    if not path.is_file():
        raise FileNotFoundError(f"notebook not found: {path}")
    out = {}
    for name, info in _inspect(_stat_key(path)).items():
        types, allows_none = _declared_type(info)
        out[name] = {"types": types, "allows_none": allows_none, "default": info.get("default")}
    return out


def _declared_type(info: Mapping[str, Any]) -> tuple[tuple[type, ...], bool]:
    annotation = str(info.get("inferred_type_name") or "None").strip("'\" ")
    if annotation not in ("", "None"):
        words = set(re.findall(r"[A-Za-z_]+", annotation))
        allows_none = "None" in words or "Optional" in words
        known = words - {"None", "Optional", "Union", "typing"}
        if known and known <= set(_TYPES):  # e.g. "str", "int | None", "Optional[float]"
            return tuple(dict.fromkeys(t for w in sorted(known) for t in _TYPES[w])), allows_none
        return (), True  # Any, Path, Literal[...], ...: not checked
    try:
        default = ast.literal_eval(str(info.get("default")))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return (), True  # an expression (e.g. Path(...)): its type is not known statically
    if default is None:
        return (), True
    return _TYPES.get(type(default).__name__, (type(default),)), False


def _type_name(types: tuple[type, ...]) -> str:
    return " or ".join(sorted({t.__name__ for t in types}))


def validate_parameters(notebook: str | Path, parameters: Mapping[str, Any]) -> None:
    """Raise :class:`ParameterError` if a name is not declared or a value has the wrong type.

    Parameters
    ----------
    notebook : path
        The parameterised notebook.
    parameters : mapping
        The values a job would inject.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        Naming every bad parameter, the closest declared name for a typo, and the
        declared names; or the expected and given type (``bool`` is not an ``int``; an
        ``int`` is accepted for a ``float``; ``None`` only where the default is ``None``).

    References
    ----------
    papermill, parameterizing a notebook (the cell tagged ``parameters``):
    https://papermill.readthedocs.io/en/latest/usage-parameterize.html ; its issue #365
    (unknown parameters only warn): https://github.com/nteract/papermill/issues/365

    Examples
    --------
    >>> from vaikuttavuus.render import validate_parameters
    >>> validate_parameters("missing.ipynb", {})  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    FileNotFoundError: notebook not found: missing.ipynb
    """
    declared = declared_parameters(notebook)
    problems = []
    for name, value in parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"unknown parameter {name!r}{hint}")
            continue
        spec = declared[name]
        if value is None:
            if not spec["allows_none"]:
                problems.append(f"{name}=None, but its default is {spec['default']}")
            continue
        types = spec["types"]
        if not types:
            continue
        wrong = not isinstance(value, types) or (isinstance(value, bool) and bool not in types)
        if wrong:
            problems.append(
                f"{name}={value!r} is {type(value).__name__}, expected {_type_name(types)} "
                f"(default {spec['default']})"
            )
    if problems:
        names = ", ".join(declared) or "none (no cell tagged 'parameters')"
        raise ParameterError(
            f"{Path(notebook).name}: " + "; ".join(problems) + f". Declared parameters: {names}."
        )
