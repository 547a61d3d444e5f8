"""Tier schedules of municipal co-financing: read and validate the YAML configuration."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .._validation import check_choice
from ..io import ReadError, parse_numbers, read_text

__all__ = ["BENEFIT_TYPES", "CHARGED", "TierSchedule", "load_schedules", "resolve_rule"]

#: Benefit types understood by the financing functions.
BENEFIT_TYPES = ("labour_market_subsidy", "basic_allowance", "earnings_related")
#: What the municipal share is applied to.
CHARGED = ("benefit", "base_part")
_TIERS_FILE = "tiers.yaml"


@dataclass(frozen=True, eq=False)
class TierSchedule:
    """One co-financing rule: day classes and the municipality's share per benefit type.

    Attributes
    ----------
    name, label : str
        Rule name (e.g. ``"2025"``) and a readable label.
    first_days : ndarray of int
        First accumulated benefit day of each tier (ascending, starting at 1, contiguous).
    last_days : ndarray of float
        Last day of each tier (``inf`` for the open-ended last tier).
    shares : dict
        ``benefit_type -> ndarray`` of the municipality's share in each tier (0 for a type the
        rule does not co-finance).
    charged : dict
        ``benefit_type -> "benefit" | "base_part"``.
    base_part : float
        Basic part of the allowance, EUR per day (the charged amount of ``"base_part"`` types).
    sources : tuple of str
        Where the tiers come from.
    note : str
        Caveats (what is unverified or approximated).
    """

    name: str
    label: str
    first_days: np.ndarray
    last_days: np.ndarray
    shares: dict[str, np.ndarray]
    charged: dict[str, str]
    base_part: float
    sources: tuple[str, ...]
    note: str

    def rates(self, days: np.ndarray, type_codes: np.ndarray) -> np.ndarray:
        """Share of the charged amount for each accumulated day number (vectorised).

        ``type_codes`` index :data:`BENEFIT_TYPES` (0 = labour market subsidy, ...).
        """
        idx = np.searchsorted(self.first_days, days, side="right") - 1
        return self.share_matrix()[type_codes, idx]

    def share_matrix(self) -> np.ndarray:
        """Shares as an array ``(benefit type in BENEFIT_TYPES order, tier)``."""
        return np.vstack([self.shares[kind] for kind in BENEFIT_TYPES])

    def to_frame(self) -> pd.DataFrame:
        """One row per tier: ``first_day``, ``last_day`` (NaN = open) and a share per type."""
        frame = pd.DataFrame(
            {
                "rule": self.name,
                "first_day": self.first_days,
                "last_day": np.where(np.isinf(self.last_days), np.nan, self.last_days),
            }
        )
        for kind in BENEFIT_TYPES:
            frame[f"share_{kind}"] = self.shares[kind]
        return frame


def _share_map(value: Any, types: list[str], where: str) -> dict[str, float]:
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(types))
        if unknown:
            raise ValueError(
                f"{where}: share names benefit type(s) {unknown} the rule does not list; "
                f"allowed: {types}."
            )
        out = {k: _number(value.get(k, 0.0), f"{where} share {k!r}") for k in types}
    else:
        out = dict.fromkeys(types, _number(value, where))
    bad = {k: v for k, v in out.items() if not 0.0 <= v <= 1.0}
    if bad:
        raise ValueError(f"{where}: shares must be between 0 and 1, got {bad}.")
    return out


def _number(value: Any, where: str) -> float:
    """A number of the configuration: ``0,5`` and ``1 000`` read the Finnish way."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{where}: {value!r} is not a number.")
    try:
        return float(parse_numbers([value], column=where).iloc[0])
    except ReadError as err:
        raise ValueError(f"{where}: {value!r} is not a number ({err}).") from err


def _day(value: Any, where: str) -> int:
    day = _number(value, where)
    if day != round(day):
        raise ValueError(f"{where}: {value!r} is not a whole day number.")
    return int(day)


def _parse_rule(name: str, spec: dict[str, Any], base_part: float, origin: str) -> TierSchedule:
    where = f"{origin}: rule {name!r}"
    types = list(spec.get("benefit_types") or [])
    for kind in types:
        check_choice(f"{where} benefit_types", kind, BENEFIT_TYPES)
    charged = dict(spec.get("charged") or {})
    for kind in types:
        charged.setdefault(kind, "benefit")
        check_choice(f"{where} charged[{kind!r}]", charged[kind], CHARGED)
    tiers = spec.get("tiers") or []
    if not tiers:
        raise ValueError(f"{where} has no tiers.")
    first = [
        _day(t.get("first_day"), f"{where} tier {i + 1} first_day") for i, t in enumerate(tiers)
    ]
    last = [
        np.inf
        if t.get("last_day") is None
        else _day(t["last_day"], f"{where} tier {i + 1} last_day")
        for i, t in enumerate(tiers)
    ]
    if first[0] != 1:
        raise ValueError(f"{where}: the first tier must start at day 1, got {first[0]}.")
    for i in range(1, len(tiers)):
        if first[i] != last[i - 1] + 1:
            raise ValueError(
                f"{where}: tiers must be contiguous; tier {i + 1} starts at day {first[i]} "
                f"but tier {i} ends at day {last[i - 1]:g}."
            )
    if not np.isinf(last[-1]):
        raise ValueError(f"{where}: the last tier must be open-ended (last_day: null).")
    per_tier = [_share_map(t["share"], types, f"{where} tier {i + 1}") for i, t in enumerate(tiers)]
    shares = {
        kind: np.array([s.get(kind, 0.0) for s in per_tier], dtype=np.float64)
        for kind in BENEFIT_TYPES
    }
    charged_all = {kind: charged.get(kind, "benefit") for kind in BENEFIT_TYPES}
    return TierSchedule(
        name=str(name),
        label=str(spec.get("label", name)),
        first_days=np.asarray(first, dtype=np.int64),
        last_days=np.asarray(last, dtype=np.float64),
        shares=shares,
        charged=charged_all,
        base_part=base_part,
        sources=tuple(str(s) for s in spec.get("sources") or ()),
        note=" ".join(str(spec.get("note", "")).split()),
    )


def load_schedules(path: str | Path | None = None) -> dict[str, TierSchedule]:
    """Read every rule of a tiers YAML file (default: the packaged ``tiers.yaml``)."""
    if path is None:
        return dict(_packaged())
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"tier configuration {str(path)!r} does not exist.")
    return _parse(read_text(path), str(path))


@cache
def _packaged() -> tuple[tuple[str, TierSchedule], ...]:
    text = resources.files("vaikuttavuus.te24").joinpath(_TIERS_FILE).read_text("utf-8")
    return tuple(_parse(text, _TIERS_FILE).items())


def _parse(text: str, origin: str) -> dict[str, TierSchedule]:
    doc = yaml.safe_load(text) or {}
    rules = doc.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise ValueError(f"{origin} has no 'rules' mapping.")
    base_part = float(doc.get("base_part_eur_per_day", np.nan))
    if not np.isfinite(base_part) or base_part <= 0:
        raise ValueError(f"{origin}: base_part_eur_per_day must be a positive number.")
    return {str(k): _parse_rule(str(k), v, base_part, origin) for k, v in rules.items()}


def resolve_rule(rule: str | TierSchedule) -> TierSchedule:
    """A :class:`TierSchedule` from a packaged rule name or a schedule object."""
    if isinstance(rule, TierSchedule):
        return rule
    schedules = dict(_packaged())
    check_choice("rule", rule, tuple(schedules))
    return schedules[rule]
