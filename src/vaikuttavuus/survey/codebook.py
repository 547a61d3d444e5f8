"""Survey codebooks: which columns are items, scales, background variables and outcomes.

A codebook is written in YAML (or as a CSV table, one row per variable) and validated
before any data are read, so that mistakes in it get a clear error listing every problem.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .._validation import check_choice
from ._answers import ANSWER_SETS, answer_map, answer_set_for, normalise_text

__all__ = [
    "Background",
    "Codebook",
    "CodebookError",
    "Item",
    "Outcome",
    "load_codebook",
    "shipped_codebook",
]

LANGUAGES = ("fi", "sv", "en")
_TOP_KEYS = {
    "name",
    "title",
    "language",
    "defaults",
    "id",
    "items",
    "scales",
    "background",
    "outcomes",
}
_DEFAULT_KEYS = {"scale", "answers", "missing_codes", "min_valid"}
_ITEM_KEYS = {"column", "text", "scale", "reverse", "factor", "missing_codes", "answers"}
_SCALE_KEYS = {"label", "items"}
_BACKGROUND_KEYS = {"column", "label", "categories", "missing_codes"}
_OUTCOME_KEYS = {"column", "label", "missing_codes"}
_CSV_COLUMNS = {
    "role", "column", "text_fi", "text_sv", "text_en", "label_fi", "label_sv", "label_en",
    "min", "max", "reverse", "factor", "missing_codes", "categories", "answers",
}  # fmt: skip
_CODEBOOKS = Path(__file__).parent / "codebooks"


class CodebookError(ValueError):
    """The codebook itself is invalid; the message lists every problem found."""


@dataclass(frozen=True, eq=False)
class Item:
    """One Likert item: its column, wording, scale, keying and the scale it belongs to."""

    column: str
    text: Mapping[str, str]
    min: int | None
    max: int | None
    reverse: bool = False
    factor: str | None = None
    missing_codes: tuple[float, ...] = ()
    answers: Mapping[str, int] = field(default_factory=dict)

    def label(self, language: str) -> str:
        """The item's wording in ``language`` (falls back to any language, then the column)."""
        return _pick(self.text, language) or self.column


@dataclass(frozen=True, eq=False)
class _Variable:
    """A column other than an item: its name and label by language."""

    column: str
    label: Mapping[str, str]

    def name(self, language: str) -> str:
        """The label in ``language`` (falls back to any language, then the column)."""
        return _pick(self.label, language) or self.column


@dataclass(frozen=True, eq=False)
class Background(_Variable):
    """A categorical background variable (e.g. job title) with its categories in order."""

    categories: Mapping[str, str]  # code (as text) -> category label, in display order
    missing_codes: tuple[float, ...] = ()


@dataclass(frozen=True, eq=False)
class Outcome(_Variable):
    """A numeric outcome variable (e.g. share progressing to work or education)."""

    missing_codes: tuple[float, ...] = ()


@dataclass(frozen=True, eq=False)
class Codebook:
    """A validated survey codebook. Build it with :func:`load_codebook` or :meth:`from_dict`.

    Examples
    --------
    >>> cb = Codebook.from_dict({
    ...     "defaults": {"scale": [1, 5]},
    ...     "items": [{"column": "q1", "factor": "A"}, {"column": "q2", "factor": "A",
    ...               "reverse": True}],
    ... })
    >>> cb.item_columns, cb.scales
    (('q1', 'q2'), {'A': ('q1', 'q2')})
    """

    items: tuple[Item, ...]
    scale_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    background: tuple[Background, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    id_column: str | None = None
    name: str = "survey"
    title: Mapping[str, str] = field(default_factory=dict)
    language: str = "fi"
    source: str | None = None
    #: Answered items a respondent needs for a scale score (``defaults: min_valid``): an
    #: int count or a fraction of the scale's items; default 1, psych's scoreItems rule.
    min_valid: float | int = 1

    @property
    def item_columns(self) -> tuple[str, ...]:
        return tuple(i.column for i in self.items)

    @property
    def scales(self) -> dict[str, tuple[str, ...]]:
        """Scale name -> its item columns, in codebook order."""
        out: dict[str, list[str]] = {}
        for item in self.items:
            if item.factor is not None:
                out.setdefault(item.factor, []).append(item.column)
        return {k: tuple(v) for k, v in out.items()}

    @property
    def reverse_items(self) -> tuple[str, ...]:
        return tuple(i.column for i in self.items if i.reverse)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the codebook declares (id, items, background, outcomes)."""
        cols = [self.id_column] if self.id_column else []
        cols += list(self.item_columns)
        cols += [b.column for b in self.background]
        cols += [o.column for o in self.outcomes]
        return tuple(cols)

    def item(self, column: str) -> Item:
        for item in self.items:
            if item.column == column:
                return item
        raise KeyError(f"{column!r} is not an item of the codebook; items are {self.item_columns}.")

    def scale_label(self, scale: str, language: str) -> str:
        return _pick(self.scale_labels.get(scale, {}), language) or scale

    def with_missing_codes(self, codes: Any) -> Codebook:
        """A copy in which every item also treats ``codes`` as missing (e.g. ``[9]``).

        What the command line's ``--missing-codes 9`` does. A code inside an item's scale
        raises ``CodebookError`` (it would turn valid answers into missing ones).

        Examples
        --------
        >>> cb = Codebook.from_dict({"defaults": {"scale": [1, 5]}, "items": [{"column": "q1"}]})
        >>> cb.with_missing_codes([9, 99]).item("q1").missing_codes
        (9.0, 99.0)
        """
        problems: list[str] = []
        extra = _codes(codes, "missing codes", problems)
        items = []
        for it in self.items:
            inside = [c for c in extra if it.min is not None and it.min <= c <= it.max]
            if inside:
                problems.append(
                    f"missing code(s) {inside} lie inside the scale {it.min}..{it.max} of item "
                    f"{it.column!r}."
                )
            merged = tuple(dict.fromkeys((*it.missing_codes, *extra)))
            items.append(replace(it, missing_codes=merged))
        if problems:
            raise CodebookError("; ".join(problems))
        return replace(self, items=tuple(items))

    def keys(self, scale: str) -> dict[str, int]:
        """Item -> +1/-1 keying of ``scale`` (-1 for reverse-keyed items)."""
        return {c: (-1 if self.item(c).reverse else 1) for c in self.scales[scale]}

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any], *, source: str | None = None) -> Codebook:
        """Build and validate a codebook from a mapping (the parsed YAML)."""
        return _from_dict(spec, source)

    def to_dict(self) -> dict[str, Any]:
        """The codebook as a plain mapping (what :func:`load_codebook` reads from YAML)."""
        out: dict[str, Any] = {"name": self.name}
        if self.title:
            out["title"] = dict(self.title)
        out["language"] = self.language
        if self.min_valid != 1:
            out["defaults"] = {"min_valid": self.min_valid}
        if self.id_column:
            out["id"] = self.id_column
        items = []
        for it in self.items:
            d: dict[str, Any] = {"column": it.column, "text": dict(it.text)}
            if it.min is not None:
                d["scale"] = [it.min, it.max]
            d["reverse"] = it.reverse
            if it.factor is not None:
                d["factor"] = it.factor
            if it.missing_codes:
                d["missing_codes"] = [_plain(c) for c in it.missing_codes]
            items.append(d)
        out["items"] = items
        if self.scale_labels:
            out["scales"] = {k: {"label": dict(v)} for k, v in self.scale_labels.items()}
        if self.background:
            out["background"] = [
                {
                    "column": b.column,
                    "label": dict(b.label),
                    "categories": dict(b.categories),
                    **(
                        {"missing_codes": [_plain(c) for c in b.missing_codes]}
                        if b.missing_codes
                        else {}
                    ),
                }
                for b in self.background
            ]
        if self.outcomes:
            out["outcomes"] = [{"column": o.column, "label": dict(o.label)} for o in self.outcomes]
        return out

    def to_yaml(self) -> str:
        """The codebook as YAML text (lists of numbers in flow style: ``scale: [1, 5]``)."""
        return yaml.dump(
            self.to_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )


class _Dumper(yaml.SafeDumper):
    pass


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, int | float | str) for v in data) and len(data) <= 10
    flow = flow and not any(isinstance(v, str) and len(v) > 20 for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() else float(v)


def _pick(texts: Mapping[str, str], language: str) -> str | None:
    if texts.get(language):
        return texts[language]
    for lang in LANGUAGES:
        if texts.get(lang):
            return texts[lang]
    return None


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook from YAML (``.yaml``/``.yml``) or CSV (``.csv``).

    Parameters
    ----------
    path : str or Path
        The codebook file, or the name of a shipped codebook (e.g. ``"vates2020"``).

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        Listing every problem: unknown keys or columns, duplicate items, an item in two
        scales, overlapping scales, ``min >= max``, reverse-keyed items without a scale.

    References
    ----------
    YAML Ain't Markup Language (YAML) version 1.2.2 (2021). https://yaml.org/spec/1.2.2/
    (read with PyYAML's ``safe_load``, https://pyyaml.org/wiki/PyYAMLDocumentation).
    Shafranovich, Y. (2005). Common Format and MIME Type for Comma-Separated Values (CSV)
    Files. RFC 4180, IETF.
    Kallio, A. (2020). Kuntien työllistämispalvelut - Elinvoiman vahvistamista vai
    sosiaalipalvelua? Slides, Vates-säätiö, 9.6.2020 (the instrument of the shipped
    ``"vates2020"`` codebook).

    Examples
    --------
    >>> cb = load_codebook("vates2020")
    >>> len(cb.items) >= 26
    True
    """
    p = Path(path)
    if not p.exists() and (_CODEBOOKS / f"{path}.yaml").exists():
        p = _CODEBOOKS / f"{path}.yaml"
    if not p.exists():
        raise FileNotFoundError(f"codebook file {str(path)!r} does not exist.")
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            spec = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
        except yaml.YAMLError as exc:
            raise CodebookError(f"codebook {p} is not valid YAML: {exc}") from exc
        if not isinstance(spec, Mapping):
            raise CodebookError(f"codebook {p} must be a YAML mapping with an 'items' list.")
        return _from_dict(spec, str(p))
    if suffix == ".csv":
        return _from_csv(p)
    raise CodebookError(f"codebook {p}: unknown file type {suffix!r}; use .yaml, .yml or .csv.")


def shipped_codebook(name: str) -> Path:
    """Path of a codebook shipped with the package (e.g. ``"vates2020"``).

    Parameters
    ----------
    name : str
        Name of the shipped codebook, without the ``.yaml`` suffix.

    Returns
    -------
    pathlib.Path
        The YAML file inside the installed package; copy it and adapt the copy to your own
        export. A ``ValueError`` lists the shipped names when ``name`` is not one of them.

    References
    ----------
    Kallio, A. (2020). Kuntien työllistämispalvelut - Elinvoiman vahvistamista vai
    sosiaalipalvelua? Slides, Vates-säätiö, 9.6.2020 (the ``"vates2020"`` instrument).
    YAML Ain't Markup Language (YAML) version 1.2.2 (2021). https://yaml.org/spec/1.2.2/

    Examples
    --------
    >>> p = shipped_codebook("vates2020")
    >>> p.name, p.is_file()
    ('vates2020.yaml', True)
    >>> len(load_codebook(p).items)
    31
    """
    p = _CODEBOOKS / f"{name}.yaml"
    if not p.exists():
        names = sorted(q.stem for q in _CODEBOOKS.glob("*.yaml"))
        raise ValueError(f"name={name!r} is not a shipped codebook; choose one of {names}.")
    return p


# ----------------------------------------------------------------------------- parsing
def _texts(value: Any, default_language: str, where: str, problems: list[str]) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {default_language: value}
    if isinstance(value, Mapping):
        bad = [k for k in value if k not in LANGUAGES]
        if bad:
            problems.append(f"{where}: unknown language(s) {bad}; allowed are {list(LANGUAGES)}.")
        return {str(k): str(v) for k, v in value.items() if k in LANGUAGES and v is not None}
    problems.append(f"{where}: expected a text or a mapping of language -> text, got {value!r}.")
    return {}


def _codes(value: Any, where: str, problems: list[str]) -> tuple[float, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        value = [value]
    out = []
    for v in value:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            problems.append(f"{where}: missing code {v!r} is not a number.")
    return tuple(out)


def _scale(value: Any, where: str, problems: list[str]) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if isinstance(value, Mapping):
        bad = set(value) - {"min", "max"}
        if bad:
            problems.append(f"{where}: unknown key(s) {sorted(bad)} in scale; use min and max.")
        lo, hi = value.get("min"), value.get("max")
    elif isinstance(value, list | tuple) and len(value) == 2:
        lo, hi = value
    else:
        problems.append(
            f"{where}: scale must be [min, max] or {{min: .., max: ..}}, got {value!r}."
        )
        return None, None
    ints = []
    for v in (lo, hi):
        if isinstance(v, bool) or not isinstance(v, int | float) or not float(v).is_integer():
            problems.append(f"{where}: scale bounds must be whole numbers, got {v!r}.")
            return None, None
        ints.append(int(v))
    if ints[0] >= ints[1]:
        problems.append(f"{where}: scale min ({ints[0]}) must be smaller than max ({ints[1]}).")
        return None, None
    return ints[0], ints[1]


def _answers(
    value: Any, lo: int | None, hi: int | None, where: str, problems: list[str]
) -> dict[str, int]:
    """Normalised answer text -> code for one item."""
    if value is None:
        if lo is None:
            return {}
        name = answer_set_for(hi - lo + 1)
        return answer_map(name, lo) if name else {}
    if isinstance(value, str):
        if value not in ANSWER_SETS:
            problems.append(
                f"{where}: answers={value!r} is not a standard answer set; "
                f"choose one of {sorted(ANSWER_SETS)} or give a mapping text -> value."
            )
            return {}
        if lo is None:
            problems.append(f"{where}: answers={value!r} needs a scale [min, max].")
            return {}
        k = len(ANSWER_SETS[value]["fi"])
        if hi - lo + 1 != k:
            problems.append(
                f"{where}: answer set {value!r} has {k} answers but the scale {lo}..{hi} has {hi - lo + 1}."
            )
        return answer_map(value, lo)
    if isinstance(value, Mapping):
        out = {}
        for text, code in value.items():
            if isinstance(code, bool) or not isinstance(code, int | float):
                problems.append(f"{where}: answer {text!r} must map to a number, got {code!r}.")
                continue
            out[normalise_text(text)] = code
        return out
    problems.append(f"{where}: answers must be a standard set name or a mapping, got {value!r}.")
    return {}


_MIN_VALID_TEXT = {
    "one": {
        "fi": "Summamuuttuja on vastattujen väittämien keskiarvo; yksi vastattu väittämä riittää "
        '(kuten psych::scoreItems, impute = "none").',
        "sv": "Skalpoängen är medelvärdet av de besvarade påståendena; ett besvarat påstående "
        'räcker (som psych::scoreItems, impute = "none").',
        "en": "A scale score is the mean of the answered items; one answered item is enough "
        '(as psych::scoreItems, impute = "none").',
    },
    "count": {
        "fi": "Summamuuttuja on vastattujen väittämien keskiarvo, kun vähintään {n} väittämään "
        "on vastattu; muuten se puuttuu.",
        "sv": "Skalpoängen är medelvärdet av de besvarade påståendena när minst {n} påståenden "
        "är besvarade; annars saknas den.",
        "en": "A scale score is the mean of the answered items when at least {n} items are "
        "answered; otherwise it is missing.",
    },
    "share": {
        "fi": "Summamuuttuja on vastattujen väittämien keskiarvo, kun vähintään {pct} % "
        "väittämistä on vastattu; muuten se puuttuu.",
        "sv": "Skalpoängen är medelvärdet av de besvarade påståendena när minst {pct} % av "
        "påståendena är besvarade; annars saknas den.",
        "en": "A scale score is the mean of the answered items when at least {pct} % of the "
        "items are answered; otherwise it is missing.",
    },
}


def min_valid_text(min_valid: float | int, language: str) -> str:
    """The sentence a report states for the scale-score rule ``min_valid``.

    Examples
    --------
    >>> min_valid_text(1, "en")
    'A scale score is the mean of the answered items; one answered item is enough (as psych::scoreItems, impute = "none").'
    >>> min_valid_text(0.5, "fi")
    'Summamuuttuja on vastattujen väittämien keskiarvo, kun vähintään 50 % väittämistä on vastattu; muuten se puuttuu.'
    """
    check_choice("language", language, LANGUAGES)
    if isinstance(min_valid, int) and not isinstance(min_valid, bool):
        if min_valid == 1:
            return _MIN_VALID_TEXT["one"][language]
        return _MIN_VALID_TEXT["count"][language].format(n=min_valid)
    pct = f"{100 * float(min_valid):g}"
    if language != "en":
        pct = pct.replace(".", ",")
    return _MIN_VALID_TEXT["share"][language].format(pct=pct)


def _min_valid(value: Any, problems: list[str]) -> float | int:
    """``defaults.min_valid``: an int count >= 1 or a fraction in (0, 1]; default 1."""
    if value is None:
        return 1
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(
            f"defaults: min_valid={value!r} must be an item count (int >= 1, e.g. 1 as "
            "psych::scoreItems) or a fraction of the scale's items in (0, 1] (e.g. 0.5)."
        )
        return 1
    if isinstance(value, int) and value < 1 or isinstance(value, float) and not 0 < value <= 1:
        problems.append(
            f"defaults: min_valid={value!r} is not allowed; give an int count >= 1 or a "
            "fraction in (0, 1]."
        )
        return 1
    return value


def _unknown(d: Mapping[str, Any], allowed: set[str], where: str, problems: list[str]) -> None:
    bad = sorted(str(k) for k in d if k not in allowed)
    if bad:
        problems.append(f"{where}: unknown key(s) {bad}; allowed are {sorted(allowed)}.")


def _column(d: Mapping[str, Any], where: str, problems: list[str]) -> str | None:
    col = d.get("column")
    if col is None or (isinstance(col, str) and not col.strip()):
        problems.append(f"{where}: 'column' is required.")
        return None
    return str(col)


def _entries(
    entries: Any, section: str, allowed: set[str], problems: list[str]
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """``(column, entry)`` of each entry of a list section (``items``, ``background``,
    ``outcomes``) that is a mapping with a column; the others' problems go to ``problems``."""
    for k, raw in enumerate(entries):
        where = f"{section}[{k}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: must be a mapping with at least 'column'.")
            continue
        _unknown(raw, allowed, where, problems)
        col = _column(raw, where, problems)
        if col is not None:
            yield col, raw


def _categories(value: Any, col: str, problems: list[str]) -> dict[str, str]:
    """Categories of background ``col``: a list (coded 1, 2, ...) or a mapping code -> label."""
    if isinstance(value, list):
        return {str(i + 1): str(c) for i, c in enumerate(value)}
    if isinstance(value, Mapping):
        return {_code_key(c): str(v) for c, v in value.items()}
    if value:
        problems.append(
            f"background {col!r}: categories must be a list or a mapping code -> label."
        )
    return {}


def _from_dict(spec: Mapping[str, Any], source: str | None) -> Codebook:
    problems: list[str] = []
    _unknown(spec, _TOP_KEYS, "codebook", problems)
    language = spec.get("language", "fi")
    if language not in LANGUAGES:
        problems.append(
            f"codebook: language={language!r} is not allowed; choose one of {list(LANGUAGES)}."
        )
        language = "fi"
    defaults = spec.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        problems.append("codebook: 'defaults' must be a mapping.")
        defaults = {}
    _unknown(defaults, _DEFAULT_KEYS, "defaults", problems)
    min_valid = _min_valid(defaults.get("min_valid"), problems)

    raw_items = spec.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise CodebookError(
            f"codebook{' ' + source if source else ''}: 'items' must be a non-empty list."
        )

    scales_spec = spec.get("scales") or {}
    if not isinstance(scales_spec, Mapping):
        problems.append("codebook: 'scales' must be a mapping scale -> {label, items}.")
        scales_spec = {}
    listed: dict[str, str] = {}  # item -> scale, from scales[*].items
    scale_labels: dict[str, dict[str, str]] = {}
    scale_sets: dict[str, tuple[str, ...]] = {}
    for name, sdef in scales_spec.items():
        where = f"scales.{name}"
        if sdef is None:
            sdef = {}
        if not isinstance(sdef, Mapping):
            problems.append(f"{where}: must be a mapping with 'label' and/or 'items'.")
            continue
        _unknown(sdef, _SCALE_KEYS, where, problems)
        scale_labels[str(name)] = _texts(sdef.get("label"), language, where, problems)
        members = [str(c) for c in (sdef.get("items") or [])]
        if members:
            scale_sets[str(name)] = tuple(sorted(members))
        for col in members:
            if col in listed and listed[col] != str(name):
                problems.append(
                    f"item {col!r} is in two scales: {listed[col]!r} and {str(name)!r}."
                )
            listed[col] = str(name)
    seen_sets: dict[tuple[str, ...], str] = {}
    for name, members in scale_sets.items():
        if members in seen_sets:
            problems.append(
                f"scales {seen_sets[members]!r} and {name!r} have the same items {list(members)}."
            )
        seen_sets[members] = name

    items: list[Item] = []
    seen: set[str] = set()
    for col, raw in _entries(raw_items, "items", _ITEM_KEYS, problems):
        where = f"item {col!r}"
        if col in seen:
            problems.append(f"{where} is declared more than once.")
            continue
        seen.add(col)
        lo, hi = _scale(raw.get("scale", defaults.get("scale")), where, problems)
        reverse = raw.get("reverse", False)
        if not isinstance(reverse, bool):
            problems.append(f"{where}: reverse must be true or false, got {reverse!r}.")
            reverse = False
        if reverse and lo is None:
            problems.append(
                f"{where} is reverse-keyed but has no scale [min, max] to reverse it on."
            )
        factor = raw.get("factor")
        factor = None if factor is None else str(factor)
        if col in listed:
            if factor is not None and factor != listed[col]:
                problems.append(
                    f"item {col!r} is in two scales: {factor!r} (item) and {listed[col]!r} (scales)."
                )
            factor = listed[col]
        codes = _codes(raw.get("missing_codes", defaults.get("missing_codes")), where, problems)
        if lo is not None:
            inside = [c for c in codes if lo <= c <= hi]
            if inside:
                problems.append(
                    f"{where}: missing code(s) {inside} lie inside the scale {lo}..{hi}."
                )
        answers = _answers(raw.get("answers", defaults.get("answers")), lo, hi, where, problems)
        items.append(
            Item(
                column=col,
                text=_texts(raw.get("text"), language, where, problems),
                min=lo,
                max=hi,
                reverse=reverse,
                factor=factor,
                missing_codes=codes,
                answers=answers,
            )
        )
    unknown_listed = sorted(set(listed) - seen)
    if unknown_listed:
        problems.append(f"scales list item(s) that are not declared in 'items': {unknown_listed}.")

    background: list[Background] = []
    for col, raw in _entries(
        spec.get("background") or [], "background", _BACKGROUND_KEYS, problems
    ):
        background.append(
            Background(
                column=col,
                label=_texts(raw.get("label"), language, f"background {col!r}", problems),
                categories=_categories(raw.get("categories"), col, problems),
                missing_codes=_codes(raw.get("missing_codes"), f"background {col!r}", problems),
            )
        )
    outcomes: list[Outcome] = []
    for col, raw in _entries(spec.get("outcomes") or [], "outcomes", _OUTCOME_KEYS, problems):
        outcomes.append(
            Outcome(
                column=col,
                label=_texts(raw.get("label"), language, f"outcome {col!r}", problems),
                missing_codes=_codes(raw.get("missing_codes"), f"outcome {col!r}", problems),
            )
        )
    id_column = spec.get("id")
    id_column = None if id_column is None else str(id_column)

    # a column may play one role only
    roles: dict[str, list[str]] = {}
    for c in [i.column for i in items]:
        roles.setdefault(c, []).append("item")
    for b in background:
        roles.setdefault(b.column, []).append("background")
    for o in outcomes:
        roles.setdefault(o.column, []).append("outcome")
    if id_column:
        roles.setdefault(id_column, []).append("id")
    for c, r in roles.items():
        if len(r) > 1:
            problems.append(f"column {c!r} is declared more than once (as {', '.join(r)}).")
    if problems:
        where = f" {source}" if source else ""
        listing = "\n  - ".join(problems)
        raise CodebookError(f"codebook{where} has {len(problems)} problem(s):\n  - {listing}")
    return Codebook(
        items=tuple(items),
        scale_labels=scale_labels,
        background=tuple(background),
        outcomes=tuple(outcomes),
        id_column=id_column,
        name=str(spec.get("name", "survey")),
        title=_texts(spec.get("title"), language, "title", []),
        language=language,
        source=source,
        min_valid=min_valid,
    )


def _code_key(code: Any) -> str:
    """Category codes as text: 1, 1.0 and "1" are the same code."""
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return normalise_text(code)


def _from_csv(path: Path) -> Codebook:
    from ._formats import decode_text, sniff_separator

    text, _encoding, _note = decode_text(path.read_bytes(), None, str(path))
    sep = sniff_separator(text)
    table = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    table.columns = [str(c).strip() for c in table.columns]
    problems: list[str] = []
    bad = sorted(set(table.columns) - _CSV_COLUMNS)
    if bad:
        problems.append(f"unknown CSV column(s) {bad}; allowed are {sorted(_CSV_COLUMNS)}.")
    for need in ("role", "column"):
        if need not in table.columns:
            problems.append(f"the CSV codebook needs a {need!r} column.")
    if problems:
        raise CodebookError(
            f"codebook {path} has {len(problems)} problem(s):\n  - " + "\n  - ".join(problems)
        )

    def cell(row: Mapping[str, str], key: str) -> str:
        return str(row.get(key, "") or "").strip()

    def split(value: str) -> list[str]:
        return [v.strip() for v in value.replace("|", ";").split(";") if v.strip()]

    def number(value: str) -> float | str:
        try:
            f = float(value.replace(",", "."))
        except ValueError:
            return value
        return int(f) if f.is_integer() else f

    spec: dict[str, Any] = {"name": path.stem, "items": [], "background": [], "outcomes": []}
    for k, row in enumerate(table.to_dict("records")):
        role = cell(row, "role").lower()
        col = cell(row, "column")
        texts = {
            lang: cell(row, f"text_{lang}") or cell(row, f"label_{lang}") for lang in LANGUAGES
        }
        texts = {k2: v for k2, v in texts.items() if v}
        codes = [number(v) for v in split(cell(row, "missing_codes"))]
        if role == "item":
            d: dict[str, Any] = {"column": col, "text": texts}
            if cell(row, "min") or cell(row, "max"):
                d["scale"] = [number(cell(row, "min")), number(cell(row, "max"))]
            rev = cell(row, "reverse").lower()
            if rev:
                if rev not in ("true", "false", "1", "0", "yes", "no", "kyllä", "ei"):
                    problems.append(f"row {k + 2}: reverse={rev!r} must be true or false.")
                d["reverse"] = rev in ("true", "1", "yes", "kyllä")
            if cell(row, "factor"):
                d["factor"] = cell(row, "factor")
            if codes:
                d["missing_codes"] = codes
            if cell(row, "answers"):
                d["answers"] = cell(row, "answers")
            spec["items"].append(d)
        elif role == "background":
            cats: dict[str, str] = {}
            for part in split(cell(row, "categories")):
                code, _, label = part.partition("=")
                cats[code.strip()] = label.strip() or code.strip()
            spec["background"].append(
                {"column": col, "label": texts, "categories": cats, "missing_codes": codes or None}
            )
        elif role == "outcome":
            spec["outcomes"].append({"column": col, "label": texts, "missing_codes": codes or None})
        elif role == "id":
            spec["id"] = col
        else:
            problems.append(
                f"row {k + 2} (column {col!r}): role={role!r} is not allowed; "
                "choose one of 'item', 'background', 'outcome', 'id'."
            )
    if problems:
        raise CodebookError(
            f"codebook {path} has {len(problems)} problem(s):\n  - " + "\n  - ".join(problems)
        )
    return _from_dict(spec, str(path))
