"""lavaan model syntax for CFA and the parameter table lavaan's ``cfa()`` builds from it.

Supported: ``=~`` (loadings; a latent variable may be an indicator of another: second-order
factors), ``~~`` (variances and covariances), modifiers ``1*x`` (fixed value), ``NA*x`` (free),
``a*x`` (label; equal labels mean equal parameters), comments (``#``, ``!``) and statements
separated by new lines or ``;``. A dict ``{factor: [items]}`` is the same as ``factor =~ items``.

Defaults as ``lavaan::cfa()``: the first loading of each factor fixed to 1 (``std_lv=False``) or
every latent variance fixed to 1 (``std_lv=True``); residual variances of the items and variances
of the latent variables free; covariances among the exogenous latent variables free; the residual
variance of the only indicator of a factor fixed to 0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["ParTable", "parse_model", "build_partable"]

_OPERATORS = ("=~", "~~")
_UNSUPPORTED = ("<~", ":=", "==", "<", ">", "|", "~*~", "~")
_NAME = re.compile(r"^[A-Za-z_.][A-Za-z0-9_.]*$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class _Term:
    lhs: str
    op: str
    rhs: str
    fixed: float | None  # a number given with ``value*``
    free: bool  # ``NA*`` given
    label: str


@dataclass(frozen=True)
class ParTable:
    """The parameter table (one row per parameter, lavaan's order).

    ``free[k]`` is 0 for a fixed parameter, otherwise the 1-based index of the free parameter
    (rows with one label share an index: an equality constraint).
    """

    lhs: tuple[str, ...]
    op: tuple[str, ...]
    rhs: tuple[str, ...]
    user: tuple[bool, ...]
    free: tuple[int, ...]
    value: tuple[float, ...]  # fixed value (or 0 for free parameters)
    label: tuple[str, ...]
    observed: tuple[str, ...]
    latent: tuple[str, ...]
    group: tuple[int, ...] = ()  # 1-based group of each row (all 1 for one group)
    n_groups: int = 1
    meanstructure: bool = False
    group_equal: tuple[str, ...] = ()

    @property
    def n_free(self) -> int:
        return max(self.free, default=0)

    def rows(self) -> list[tuple[str, str, str]]:
        return list(zip(self.lhs, self.op, self.rhs, strict=True))


def _statements(model: str) -> list[str]:
    lines = []
    for raw in model.splitlines():
        line = re.split(r"[#!]", raw, maxsplit=1)[0]
        lines += [part.strip() for part in line.split(";")]
    # a line ending in an operator or '+' continues on the next line (as lavaan)
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out and (out[-1].endswith(("+", "=~", "~~", "*")) or line.startswith("+")):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _parse_term(lhs: str, op: str, term: str, statement: str) -> _Term:
    parts = [p.strip() for p in term.split("*")]
    if len(parts) > 2 or any(not p for p in parts):
        raise ValueError(f"model: cannot read the term {term!r} in {statement!r}.")
    rhs = parts[-1]
    if not _NAME.match(rhs):
        raise ValueError(f"model: {rhs!r} in {statement!r} is not a variable name.")
    fixed, free, label = None, False, ""
    if len(parts) == 2:
        mod = parts[0]
        if mod == "NA":
            free = True
        elif _NUMBER.match(mod):
            fixed = float(mod)
        elif _NAME.match(mod):
            label = mod
        else:
            raise ValueError(
                f"model: the modifier {mod!r} in {statement!r} is not allowed; use a number "
                "(fixed value), NA (free) or a label (equal labels give equal parameters)."
            )
    return _Term(lhs, op, rhs, fixed, free, label)


def parse_model(model: str | Mapping[str, Sequence[str]]) -> list[_Term]:
    """Read lavaan syntax (or a dict ``{factor: [items]}``) into user terms."""
    if isinstance(model, Mapping):
        terms = []
        for factor, items in model.items():
            if isinstance(items, str) or not items:
                raise ValueError(
                    f"model: factor {factor!r} must map to a non-empty list of items, got {items!r}."
                )
            terms += [_Term(str(factor), "=~", str(i), None, False, "") for i in items]
        return terms
    if not isinstance(model, str):
        raise TypeError(
            f"model must be lavaan syntax (str) or a dict {{factor: [items]}}, got {type(model).__name__}."
        )
    terms: list[_Term] = []
    for st in _statements(model):
        op = next((o for o in _OPERATORS if o in st), None)
        if op is None:
            bad = next((o for o in _UNSUPPORTED if o in st), None)
            if bad is not None:
                raise ValueError(
                    f"model: the operator {bad!r} in {st!r} is not supported by cfa(); "
                    "allowed are '=~' (loadings) and '~~' (variances, covariances)."
                )
            raise ValueError(f"model: {st!r} has no operator; write e.g. 'F1 =~ x1 + x2 + x3'.")
        lhs, rhs = (s.strip() for s in st.split(op, 1))
        if not _NAME.match(lhs):
            raise ValueError(f"model: the left-hand side {lhs!r} of {st!r} is not a variable name.")
        if any(o in rhs for o in ("=~", "~~")):
            raise ValueError(f"model: {st!r} has more than one operator.")
        terms += [_parse_term(lhs, op, t, st) for t in rhs.split("+")]
    if not any(t.op == "=~" for t in terms):
        raise ValueError("model: no latent variable is defined (no '=~' statement).")
    return terms


def _variables(terms: list[_Term]) -> tuple[list[str], list[str]]:
    latent = list(dict.fromkeys(t.lhs for t in terms if t.op == "=~"))
    observed: list[str] = []
    for t in terms:
        for name in (t.lhs, t.rhs) if t.op == "~~" else (t.rhs,):
            if name not in latent and name not in observed:
                observed.append(name)
    return observed, latent


def _check_terms(terms: list[_Term], latent: list[str]) -> None:
    seen: set[tuple[str, str, str]] = set()
    for t in terms:
        key = (t.lhs, t.op, t.rhs) if t.op == "=~" else (t.lhs, t.op, t.rhs)
        alt = (t.rhs, t.op, t.lhs)
        if key in seen or (t.op == "~~" and alt in seen):
            raise ValueError(f"model: the parameter '{t.lhs} {t.op} {t.rhs}' is given twice.")
        seen.add(key)
        if t.op == "~~" and (t.lhs in latent) != (t.rhs in latent):
            raise ValueError(
                f"model: '{t.lhs} ~~ {t.rhs}' relates a latent and an observed variable; "
                "covariances are allowed among items or among latent variables only."
            )
        if t.op == "=~" and t.lhs == t.rhs:
            raise ValueError(f"model: '{t.lhs} =~ {t.rhs}' makes a factor its own indicator.")


GROUP_EQUAL = (
    "loadings",
    "intercepts",
    "means",
    "residuals",
    "residual.covariances",
    "lv.variances",
    "lv.covariances",
)


def _group_rows(
    terms: list[_Term], observed: list[str], latent: list[str], std_lv: bool
) -> list[list]:
    """The rows of one group: lhs, op, rhs, user, free(bool), value, label."""
    rows: list[list] = []
    first = {lv: next(t.rhs for t in terms if t.op == "=~" and t.lhs == lv) for lv in latent}
    for t in terms:
        if t.fixed is not None:
            rows.append([t.lhs, t.op, t.rhs, True, False, t.fixed, t.label])
        elif t.op == "=~" and not std_lv and first[t.lhs] == t.rhs and not t.free:
            rows.append([t.lhs, t.op, t.rhs, True, False, 1.0, t.label])
        elif t.op == "~~" and std_lv and t.lhs == t.rhs and t.lhs in latent and not t.free:
            rows.append([t.lhs, t.op, t.rhs, True, False, 1.0, t.label])
        else:
            rows.append([t.lhs, t.op, t.rhs, True, True, 0.0, t.label])
    have = {(r[0], r[2]) for r in rows if r[1] == "~~"} | {
        (r[2], r[0]) for r in rows if r[1] == "~~"
    }
    indicators = {lv: [t.rhs for t in terms if t.op == "=~" and t.lhs == lv] for lv in latent}
    single = {ind[0] for ind in indicators.values() if len(ind) == 1}
    for ov in observed:
        if (ov, ov) not in have:
            rows.append([ov, "~~", ov, False, ov not in single, 0.0, ""])
    for lv in latent:
        if (lv, lv) not in have:
            rows.append([lv, "~~", lv, False, not std_lv, 1.0 if std_lv else 0.0, ""])
    endogenous = {t.rhs for t in terms if t.op == "=~"}
    exo = [lv for lv in latent if lv not in endogenous]
    for i, a in enumerate(exo):
        for b in exo[i + 1 :]:
            if (a, b) not in have:
                rows.append([a, "~~", b, False, True, 0.0, ""])
    return rows


def _equal_kind(row: list, observed: Sequence[str]) -> str:
    lhs, op, rhs = row[0], row[1], row[2]
    if op == "=~":
        return "loadings"
    if op == "~1":
        return "intercepts" if lhs in observed else "means"
    if lhs in observed:
        return "residuals" if lhs == rhs else "residual.covariances"
    return "lv.variances" if lhs == rhs else "lv.covariances"


def build_partable(
    terms: list[_Term],
    *,
    std_lv: bool = False,
    n_groups: int = 1,
    meanstructure: bool = False,
    group_equal: Sequence[str] = (),
) -> ParTable:
    """The full parameter table of ``lavaan::cfa(model, std.lv, group, group.equal)``.

    With ``meanstructure`` each group gets free intercepts of the items (``x ~1``) and latent
    means fixed to 0, except in groups 2.. when the intercepts are equal across groups (and
    the means are not), as lavaan.
    """
    observed, latent = _variables(terms)
    _check_terms(terms, latent)
    rows: list[list] = []
    groups: list[int] = []
    for g in range(1, n_groups + 1):
        block = _group_rows(terms, observed, latent, std_lv)
        if meanstructure:
            block += [[ov, "~1", "", False, True, 0.0, ""] for ov in observed]
            free_means = g > 1 and "intercepts" in group_equal and "means" not in group_equal
            block += [[lv, "~1", "", False, free_means, 0.0, ""] for lv in latent]
        rows += block
        groups += [g] * len(block)
    free, labels, first_of = [], {}, {}
    count = 0
    for r, g in zip(rows, groups, strict=True):
        key = (r[0], r[1], r[2])
        equal = n_groups > 1 and g > 1 and _equal_kind(r, observed) in group_equal
        if not r[4]:
            free.append(0)
        elif r[6] and r[6] in labels:
            free.append(labels[r[6]])
        elif equal and first_of.get(key, 0):
            free.append(first_of[key])
        else:
            count += 1
            free.append(count)
            if r[6]:
                labels[r[6]] = count
        if g == 1:
            first_of[key] = free[-1]
    _check_labels(rows)
    return ParTable(
        lhs=tuple(r[0] for r in rows),
        op=tuple(r[1] for r in rows),
        rhs=tuple(r[2] for r in rows),
        user=tuple(r[3] for r in rows),
        free=tuple(free),
        value=tuple(float(r[5]) for r in rows),
        label=tuple(r[6] for r in rows),
        observed=tuple(observed),
        latent=tuple(latent),
        group=tuple(groups),
        n_groups=n_groups,
        meanstructure=meanstructure,
        group_equal=tuple(group_equal),
    )


def _check_labels(rows: list[list]) -> None:
    by_label: dict[str, list[list]] = {}
    for r in rows:
        if r[6]:
            by_label.setdefault(r[6], []).append(r)
    for label, group in by_label.items():
        if len({bool(r[4]) for r in group}) > 1:
            names = ", ".join(f"'{r[0]} {r[1]} {r[2]}'" for r in group)
            raise ValueError(
                f"model: the label {label!r} joins fixed and free parameters ({names}); "
                "a fixed first loading cannot be set equal to a free one (write NA* to free it)."
            )
