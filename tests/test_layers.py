"""Import boundaries between the package's layers, read from the source with ``ast``.

Layers, bottom to top (a unit is a top-level module or sub-package of ``vaikuttavuus``):

* **core**: the statistics (reliability, omega, factor, parallel, adequacy, correlation,
  scales, proportions, funnel, survival, the private helpers beside them) and
  ``disclosure`` (suppression of small cells is a pure function on tables). Core imports
  only core.
* **io**: the one reading layer. Imports core only.
* **data**: reference data and rules read from the package (``regions`` registry, ``published``
  figures, ``opendata``, the ``te24`` co-financing rules). Imports core, io and data.
* **present**: presentation (``present/``, ``_numbers``). Imports the layers below.
* **domains**: ``survey``, ``compensation``, ``financing``, ``ips``, ``studies``,
  ``regional``. A domain imports the layers below and never another domain, except the two
  composition layers. **Decision**: ``regional`` (one report per region made of the other
  domains' results) and ``studies`` (a study reproduction built on the survey domain:
  Vates 2020 on ``survey``'s codebook and answer sets) may import other domains, but only
  through their public API (the sub-package or a public module, never ``_private`` ones).
* **top**: ``render`` (the only code that executes notebooks), ``cli``, ``__main__``,
  the package ``__init__`` and ``reports`` (a compatibility module that re-exports
  ``render``). Nothing imports ``render`` but ``cli``, ``__init__`` and ``reports``.

No cycles between units, and none between modules at module scope. Violations that live
in files of other work in progress are listed in ``ALLOWED`` with the reason; the list is
meant to shrink to nothing.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "vaikuttavuus"

CORE = {
    "_alpha", "_bootstrap", "_extraction", "_fa_stats", "_keying", "_labels", "_matrix",
    "_parallel_sim", "_results", "_rotation", "_validation", "_version", "adequacy",
    "correlation", "factor", "omega", "parallel", "proportions", "reliability", "scales",
    "survival", "funnel", "disclosure", "stats", "cfa", "polychoric", "ordinal", "_bvn", "_memo",
}  # fmt: skip
IO = {"io"}
DATA = {"regions", "published", "opendata", "data", "te24"}  # te24: co-financing rules as data
PRESENT = {"present", "_numbers"}
DOMAINS = {"survey", "compensation", "financing", "ips", "studies", "regional"}
COMPOSITION = {"regional", "studies"}
TOP = {"render", "cli", "__main__", "__init__", "reports"}
RENDER_IMPORTERS = {"cli", "__init__", "reports", "render"}
PACKAGE_DATA = {"notebooks", "templates"}  # folders without Python code

LAYER = {**dict.fromkeys(CORE, 0), **dict.fromkeys(IO, 1), **dict.fromkeys(DATA, 2),
         **dict.fromkeys(PRESENT, 3), **dict.fromkeys(DOMAINS, 4), **dict.fromkeys(TOP, 5)}  # fmt: skip
# what each layer may import (besides itself; domains not each other, see below)
MAY_IMPORT = {
    0: {0},
    1: {0, 1},
    2: {0, 1, 2},
    3: {0, 1, 2, 3},
    4: {0, 1, 2, 3, 4},
    5: set(range(6)),
}

# (importing unit, imported unit): why it is still there. The lead clears these at merge.
ALLOWED: dict[tuple[str, str], str] = {}  # none left: survey no longer imports the Vates
# study, compensation and financing both build on te24, ReportSection went to present/


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(imported module, at module scope?, line) for every import of the package."""
    name = _module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    scoped = {id(n) for n in tree.body} | {
        id(n) for top in tree.body if isinstance(top, ast.If) for n in ast.walk(top)
    }
    out = []
    for node in ast.walk(tree):
        top = id(node) in scoped
        if isinstance(node, ast.Import):
            out += [(a.name, top, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if node.module is None:  # from . import x: x is a module
                out += [(f"{mod}.{a.name}", top, node.lineno) for a in node.names]
            else:
                out.append((mod, top, node.lineno))
    return [(m, top, line) for m, top, line in out if m.split(".")[0] == "vaikuttavuus"]


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _edges() -> list[tuple[str, str, bool, str]]:
    """(from module, to module, at module scope, where) over the whole package."""
    edges = []
    for path in sorted(ROOT.rglob("*.py")):
        src = _module_name(path)
        for dst, top, line in _imports(path):
            edges.append((src, dst, top, f"{path.relative_to(ROOT.parent)}:{line}"))
    return edges


EDGES = _edges()


def test_the_graph_is_read():
    pairs = {(_unit(a), _unit(b)) for a, b, _, _ in EDGES}
    assert ("factor", "_extraction") in pairs and ("cli", "render") in pairs
    assert len(EDGES) > 200


def test_every_unit_has_a_layer():
    units = {p.stem if p.is_file() else p.name for p in ROOT.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}  # fmt: skip
    units = {"__init__" if u == "__init__" else u for u in units}
    missing = sorted(units - set(LAYER))
    assert not missing, f"classify these units in tests/test_layers.py: {missing}"


def _violations() -> list[str]:
    out = []
    for src, dst, _, where in EDGES:
        a, b = _unit(src), _unit(dst)
        if a == b or (a, b) in ALLOWED:
            continue
        la, lb = LAYER.get(a), LAYER.get(b)
        if la is None or lb is None:
            continue  # reported by test_every_unit_has_a_layer
        if lb not in MAY_IMPORT[la]:
            out.append(f"{where}: {a} (layer {la}) imports {dst} (layer {lb})")
        elif la == lb == 4 and a not in COMPOSITION:
            out.append(f"{where}: domain {a} imports domain {dst}")
        elif la == lb == 4 and any(p.startswith("_") for p in dst.split(".")[2:]):
            out.append(f"{where}: {a} imports a private module of domain {b}: {dst}")
        if b == "render" and a not in RENDER_IMPORTERS:
            out.append(f"{where}: {a} imports render (only cli, __init__, reports may)")
    return out


def test_layers_import_only_downwards():
    assert _violations() == []


def test_only_render_executes_notebooks():
    tools = ("papermill", "nbclient", "nbconvert")
    bad = []
    for path in sorted(ROOT.rglob("*.py")):
        if _unit(_module_name(path)) == "render":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            bad += [f"{path.relative_to(ROOT.parent)}:{node.lineno}: {n}" for n in names
                    if n.split(".")[0] in tools]  # fmt: skip
    assert bad == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return [*stack[stack.index(m) :], m]
            if m not in state and (found := visit(m)):
                return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (found := visit(n)):
            return found
    return None


def test_no_cycles_between_units():
    graph: dict[str, set[str]] = {}
    for src, dst, _, _ in EDGES:
        a, b = _unit(src), _unit(dst)
        if a != b and not {a, b} & {"__init__", "reports"}:  # re-export modules
            graph.setdefault(a, set()).add(b)
    assert _cycle(graph) is None


def test_no_import_cycles_at_module_scope():
    modules = {_module_name(p) for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for src, dst, top, _ in EDGES:
        if not top:
            continue
        while dst not in modules and "." in dst:  # from x import name: the module x
            dst = dst.rsplit(".", 1)[0]
        if dst != src and not (src.startswith(dst + ".") and dst in modules):
            graph.setdefault(src, set()).add(dst)
    assert _cycle(graph) is None


def test_allowlist_entries_are_still_needed():
    """An allowed violation that no longer occurs must leave the list."""
    present = {(_unit(a), _unit(b)) for a, b, _, _ in EDGES}
    gone = [pair for pair in ALLOWED if pair not in present]
    assert gone == [], f"{gone} no longer occur: remove them from ALLOWED"
