"""Every public function has a complete numpydoc docstring with a runnable example.

Public = named in ``__all__`` of ``vaikuttavuus`` and of each public sub-package or topic
module listed in ``NAMESPACES``. Required sections: ``Parameters`` (documenting every
parameter; not needed when the function takes none), ``Returns``, ``References`` and
``Examples`` with at least one doctest line that is not skipped (pytest runs the examples
through ``--doctest-modules``).
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

NAMESPACES = (
    "vaikuttavuus",
    "vaikuttavuus.io",
    "vaikuttavuus.survey",
    "vaikuttavuus.studies.vates2020",
    "vaikuttavuus.compensation",
    "vaikuttavuus.financing",
    "vaikuttavuus.financing.report",
    "vaikuttavuus.te24",
    "vaikuttavuus.published",
    "vaikuttavuus.ips",
    "vaikuttavuus.regions",
    "vaikuttavuus.regional",
    "vaikuttavuus.render",
    "vaikuttavuus.proportions",
    "vaikuttavuus.funnel",
    "vaikuttavuus.survival",
)
REQUIRED = ("Parameters", "Returns", "References", "Examples")


def _public_functions() -> list[tuple[str, str, object]]:
    out = []
    for module_name in NAMESPACES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                out.append((module_name, name, obj))
    return out


FUNCTIONS = _public_functions()


def _sections(doc: str) -> dict[str, list[str]]:
    """Split a cleaned numpydoc docstring into ``{section title: body lines}``."""
    lines = doc.splitlines()
    sections: dict[str, list[str]] = {}
    current = None
    i = 0
    while i < len(lines):
        title = lines[i].strip()
        underline = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if title and underline and set(underline) == {"-"} and len(underline) >= len(title):
            current = title
            sections[current] = []
            i += 2
            continue
        if current is not None:
            sections[current].append(lines[i])
        i += 1
    return sections


def _documented_parameters(body: list[str]) -> set[str]:
    """Names on the unindented lines of a Parameters section (``a, b : type`` allowed)."""
    names: set[str] = set()
    for line in body:
        if not line.strip() or line[:1].isspace():
            continue
        head = line.split(" : ", 1)[0]
        names.update(part.strip() for part in head.split(","))
    return names


def test_public_functions_are_found():
    found = {(module, name) for module, name, _ in FUNCTIONS}
    # one known function per namespace, so that an import change cannot empty the check
    assert ("vaikuttavuus", "suppress_small_cells") in found
    assert ("vaikuttavuus.survey", "read_survey") in found
    assert ("vaikuttavuus.studies.vates2020", "simulate") in found


@pytest.mark.parametrize(
    ("module_name", "name", "func"),
    FUNCTIONS,
    ids=[f"{module}.{name}" for module, name, _ in FUNCTIONS],
)
def test_numpydoc_sections(module_name, name, func):
    doc = inspect.getdoc(func)
    assert doc, f"{module_name}.{name} has no docstring"
    sections = _sections(doc)
    params = inspect.signature(func).parameters
    required = [s for s in REQUIRED if s != "Parameters" or params]
    missing = [s for s in required if s not in sections]
    assert not missing, f"{module_name}.{name}: missing section(s) {missing}"

    if params:
        documented = _documented_parameters(sections["Parameters"])
        expected = {
            ("**" if p.kind is p.VAR_KEYWORD else "*" if p.kind is p.VAR_POSITIONAL else "")
            + p.name
            for p in params.values()
        }
        undocumented = sorted(expected - documented)
        assert not undocumented, f"{module_name}.{name}: undocumented parameter(s) {undocumented}"

    for section in ("Returns", "References"):
        assert any(line.strip() for line in sections[section]), (
            f"{module_name}.{name}: empty {section} section"
        )

    runnable = [
        line
        for line in sections["Examples"]
        if line.lstrip().startswith(">>>") and not re.search(r"doctest:.*\+SKIP", line)
    ]
    assert runnable, f"{module_name}.{name}: Examples has no doctest line that runs"
