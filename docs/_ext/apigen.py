"""Generate the API reference from ``__all__`` of every public namespace of ``vaikuttavuus``.

Runs at ``builder-inited``, before Sphinx reads the sources, and writes ``api/*.rst`` (one page
per namespace) and ``api/generated/*.rst`` (one page per public object). Nothing is listed
by hand, so the reference follows the code: a name added to a namespace's ``__all__`` gets its
page on the next build, and a removed one disappears.

Public namespaces: the package itself and every module or sub-package whose dotted name has no
component starting with ``_`` and that defines ``__all__``. An object exported by several
namespaces (``vaikuttavuus.read_survey`` is ``vaikuttavuus.survey.read_survey``) gets one page,
at the first namespace in this order: the package, then its sub-packages, then topic modules,
each alphabetically; the other namespaces link to it. A topic module whose ``__all__`` adds
nothing beyond what an earlier namespace shows gets no page of its own.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import warnings
from pathlib import Path
from types import ModuleType

PACKAGE = "vaikuttavuus"
SKIP = {"__main__"}
_SHADOWED: set[str] = set()


def _public_modules() -> list[ModuleType]:
    root = importlib.import_module(PACKAGE)
    packages, modules = [], []
    for info in pkgutil.walk_packages(root.__path__, prefix=PACKAGE + "."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]) or parts[-1] in SKIP:
            continue
        mod = importlib.import_module(info.name)
        if not hasattr(mod, "__all__"):
            continue
        parent = importlib.import_module(info.name.rsplit(".", 1)[0])
        if getattr(parent, parts[-1], mod) is not mod:
            # the package exports a function of the module's name (compensation.payments,
            # vaikuttavuus.cfa): the module's page lists it without a module target
            _SHADOWED.add(info.name)
        (packages if info.ispkg else modules).append(mod)
    key = lambda m: m.__name__  # noqa: E731
    return [root, *sorted(packages, key=key), *sorted(modules, key=key)]


def _kind(obj: object) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj):
        return "function"
    return "data"


_ROLE = {"exception": "exc", "class": "class", "function": "func", "data": "data"}
_HEADINGS = {
    "function": "Functions",
    "class": "Classes",
    "exception": "Exceptions and warnings",
    "data": "Constants",
}


_ROLE_RE = re.compile(r":(?:py:)?[a-z]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`")


def _summary(obj: object, kind: str) -> str:
    if kind == "data":
        return f"``{obj!r}``" if len(repr(obj)) < 60 else f"{type(obj).__name__}"
    doc = inspect.getdoc(obj) or ""
    first = doc.strip().split("\n\n")[0].replace("\n", " ").strip()
    # cross-references keep their meaning only in their docstring's context: plain text here
    return _ROLE_RE.sub(lambda m: f"``{m.group(1).split('.')[-1]}``", first) or "(no docstring)"


def _object_page(path: Path, full: str, kind: str, aliases: list[str]) -> None:
    lines = [full.split(".")[-1], "=" * len(full.split(".")[-1]), ""]
    lines += [f".. currentmodule:: {full.rsplit('.', 1)[0]}", ""]
    directive = {
        "function": "autofunction",
        "class": "autoclass",
        "exception": "autoexception",
        "data": "autodata",
    }[kind]
    lines.append(f".. {directive}:: {full}")
    if kind == "class":
        lines += ["   :members:", "   :inherited-members:", "   :exclude-members: __init__"]
    if aliases:
        lines += ["", "Also available as " + ", ".join(f"``{a}``" for a in aliases) + "."]
    _write(path, "\n".join(lines) + "\n")


def generate(outdir: Path) -> dict[str, list[str]]:
    """Write the reference pages under ``outdir``; return ``{namespace: [names]}`` documented."""
    written.clear()
    gen = outdir / "generated"
    gen.mkdir(parents=True, exist_ok=True)
    canonical: dict[object, str] = {}
    aliases: dict[str, list[str]] = {}
    plan: list[tuple[ModuleType, list[tuple[str, str, str, object]]]] = []
    for mod in _public_modules():
        rows = []
        new = False
        for name in mod.__all__:
            if name.startswith("__"):
                continue
            obj = getattr(mod, name)
            kind = _kind(obj)
            key = _key(name, obj)
            full = f"{mod.__name__}.{name}"
            if key in canonical:
                aliases[canonical[key]].append(full)
            else:
                canonical[key] = full
                aliases[full] = []
                new = True
            rows.append((name, kind, canonical[key], obj))
        if new or mod.__name__ == PACKAGE or hasattr(mod, "__path__"):
            plan.append((mod, rows))
    _CANONICAL.clear()
    _CANONICAL.update(canonical)
    documented: dict[str, list[str]] = {}
    for mod, rows in plan:
        documented[mod.__name__] = [r[0] for r in rows]
        _namespace_page(outdir / f"{mod.__name__}.rst", mod, rows)
        for short, kind, full, _obj in rows:
            if full == f"{mod.__name__}.{short}":
                _object_page(gen / f"{full}.rst", full, kind, aliases[full])
    index = ["API reference", "=============", ""]
    index += [
        "Generated from ``__all__`` of every public namespace (see ``docs/_ext/apigen.py``).",
        "The examples on the function pages run as doctests in the test suite (the few functions",
        "still without one are listed in ``tests/test_docs.py``).",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
    ]
    index += [f"   {mod.__name__}" for mod, _ in plan]
    _write(outdir / "index.rst", "\n".join(index) + "\n")
    for stale in set(outdir.rglob("*.rst")) - written:  # names no longer public
        stale.unlink()
    return documented


written: set[Path] = set()


def _write(path: Path, text: str) -> None:
    """Write only when the text changed, so that Sphinx re-reads only changed pages."""
    written.add(path)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _namespace_page(path: Path, mod: ModuleType, rows: list) -> None:
    name = mod.__name__
    lines = [f"``{name}``", "=" * (len(name) + 4), ""]
    if name in _SHADOWED:  # a module target would clash with the function of the same name
        lines += [
            f"The package exports a function named ``{name.rsplit('.', 1)[1]}`` too; this page",
            "lists the module's own public names.",
            "",
        ]
    else:
        lines += [f".. automodule:: {name}", "   :no-members:", ""]
    own = []
    for heading_kind in ("function", "class", "exception", "data"):
        group = [r for r in rows if r[1] == heading_kind]
        if not group:
            continue
        title = _HEADINGS[heading_kind]
        lines += [title, "-" * len(title), "", ".. list-table::", "   :widths: 30 70", ""]
        for short, kind, full, obj in group:
            link = f":{_ROLE[kind]}:`{short} <{full}>`"
            lines += [f"   * - {link}", f"     - {_summary(obj, kind)}"]
            if full == f"{name}.{short}":
                own.append(f"generated/{full}")
        lines.append("")
    if own:
        lines += [".. toctree::", "   :hidden:", ""] + [f"   {o}" for o in own]
    _write(path, "\n".join(lines) + "\n")


_CANONICAL: dict[object, str] = {}


def _key(name: str, obj: object) -> object:
    """Identity of a public object: the object itself for functions, classes and modules (one
    page however many names it has); name and value for constants (5 is many things)."""
    if inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj):
        return id(obj)
    return (name, id(obj))


_MISSING = object()


def _lookup(path: str) -> object:
    """The object a dotted path names, or ``_MISSING``.

    Attributes first (``vaikuttavuus.compensation.payments`` is the function the package
    exports), then the longest importable module prefix (``...vates2020.replicate.replicate``).
    """
    parts = path.split(".")
    if parts[0] != PACKAGE:
        return _MISSING
    obj = _walk(importlib.import_module(PACKAGE), parts, 1)
    for j in range(len(parts) - 1, 1, -1):
        if obj is not _MISSING:
            break
        try:
            mod = importlib.import_module(".".join(parts[:j]))
        except ImportError:
            continue
        obj = _walk(mod, parts, j)
    return obj


def _walk(obj: object, parts: list[str], start: int) -> object:
    for i in range(start, len(parts)):
        part = parts[i]
        nxt = getattr(obj, part, _MISSING)
        if nxt is _MISSING and inspect.ismodule(obj):
            try:
                nxt = importlib.import_module(".".join(parts[: i + 1]))
            except ImportError:
                return _MISSING
        if nxt is _MISSING and inspect.isclass(obj):
            fields = getattr(obj, "__dataclass_fields__", {})
            return fields[part] if part in fields and i == len(parts) - 1 else _MISSING
        if nxt is _MISSING:
            return _MISSING
        obj = nxt
    return obj


def _contexts(node) -> list[str]:
    """Where a relative name in a docstring may live: the documented object and its parents."""
    out = []
    source = str(node.source or "")
    if "docstring of " in source:
        owner = source.split("docstring of ", 1)[1].split(":", 1)[0].strip()
        parts = owner.split(".")
        out += [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    for key in ("py:class", "py:module"):
        if node.get(key):
            out.append(node["py:module"] + "." + node[key] if key == "py:class" else node[key])
    return out


def _on_missing_reference(app, env, node, contnode):
    """Resolve references to re-exported names and to the package's own private objects.

    ``vaikuttavuus.render.run_reports`` is documented as ``vaikuttavuus.run_reports``: link
    there. A reference to an object of the package that has no page (a private constant, a
    dataclass field) becomes plain text. A name that exists nowhere stays a warning.
    """
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    candidates = [target] + [f"{ctx}.{target}" for ctx in _contexts(node)]
    for cand in candidates:
        obj = _lookup(cand)
        if obj is _MISSING:
            continue
        full = _CANONICAL.get(_key(cand.rsplit(".", 1)[-1], obj))
        if full is not None:
            py = env.get_domain("py")
            return py.resolve_xref(env, node["refdoc"], app.builder, "obj", full, node, contnode)
        return contnode
    return None


def _on_builder_inited(app) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # import-time warnings are not the docs' business
        generate(Path(app.srcdir) / "api")


def _numpydoc_warnings_as_sphinx_warnings() -> None:
    """numpydoc reports an unknown docstring section (whose text it then drops) as a Python
    ``UserWarning``, which ``-W`` does not see; log it as a Sphinx warning instead."""
    from sphinx.util import logging

    logger = logging.getLogger("numpydoc")
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if "numpydoc" in str(filename):
            logger.warning("%s", message, type="numpydoc", subtype="docstring")
        else:
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def setup(app) -> dict[str, object]:
    _numpydoc_warnings_as_sphinx_warnings()
    app.connect("builder-inited", _on_builder_inited)
    app.connect("missing-reference", _on_missing_reference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
