"""Parameters of the Vates 2020 data-generating model (``calibrated.json``).

:class:`ModelParams` holds the latent model that :func:`simulate` draws from. The committed
``calibrated.json`` is the output of :func:`vaikuttavuus.studies.vates2020.calibrate.calibrate`;
:func:`load_params` reads it (cached), :meth:`ModelParams.to_json` writes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["ModelParams", "load_params", "PARAMS_FILE"]

PARAMS_FILE = "calibrated.json"


@dataclass(frozen=True, eq=False)
class ModelParams:
    """Latent parameters of the simulation model.

    Attributes
    ----------
    items : tuple of str
        The 31 statement ids (columns of the Likert block).
    loadings : ndarray, 31 x 4
        Latent pattern loadings (before discretisation).
    phi : ndarray, 4 x 4
        Latent factor correlations.
    thresholds : ndarray, 4
        Common normal thresholds cutting a latent response into 1..5.
    outcomes : tuple of str
        The five share columns.
    intercepts : ndarray, 5
        Multinomial-logit intercepts of the progression shares.
    factor_weights : ndarray, 5 x 4
        Effect of each latent factor on each logit (column sums are irrelevant: softmax).
    unique_items : tuple of str
        Items whose unique (item-specific) part also enters the logits.
    unique_weights : ndarray, 5 x len(unique_items)
        Their effects.
    noise_sd : float
        SD of the independent normal noise of each logit.
    share_step : int
        Shares are rounded to multiples of this (percent), summing to exactly 100.
    missing_reference_n : int
        Sample size for which ``missing_progression``/``missing_scales`` are counts (168).
    missing_progression : int
        Respondents who skip the progression block (all five shares missing).
    missing_scales : dict
        Factor number -> respondents (among those answering progression) who skip that
        factor's block of statements.
    meta : dict
        Targets, calibration settings and achieved accuracy (documentation only).
    """

    items: tuple[str, ...]
    loadings: np.ndarray
    phi: np.ndarray
    thresholds: np.ndarray
    outcomes: tuple[str, ...]
    intercepts: np.ndarray
    factor_weights: np.ndarray
    unique_items: tuple[str, ...]
    unique_weights: np.ndarray
    noise_sd: float = 1.0
    share_step: int = 5
    missing_reference_n: int = 168
    missing_progression: int = 6
    missing_scales: dict[int, int] = field(default_factory=lambda: {1: 7, 2: 1, 3: 3, 4: 0})
    meta: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> ModelParams:
        """Return a copy with some fields replaced."""
        values = {k: getattr(self, k) for k in self.__dataclass_fields__}
        values.update(changes)
        return ModelParams(**values)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (arrays as nested lists, rounded to 6 decimals)."""
        r = lambda a: np.round(np.asarray(a, dtype=float), 6).tolist()  # noqa: E731
        return {
            "items": list(self.items),
            "loadings": r(self.loadings),
            "phi": r(self.phi),
            "thresholds": r(self.thresholds),
            "outcomes": list(self.outcomes),
            "intercepts": r(self.intercepts),
            "factor_weights": r(self.factor_weights),
            "unique_items": list(self.unique_items),
            "unique_weights": r(self.unique_weights),
            "noise_sd": float(self.noise_sd),
            "share_step": int(self.share_step),
            "missing_reference_n": int(self.missing_reference_n),
            "missing_progression": int(self.missing_progression),
            "missing_scales": {str(k): int(v) for k, v in self.missing_scales.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ModelParams:
        """Inverse of :meth:`to_dict`."""
        a = lambda k: np.asarray(d[k], dtype=float)  # noqa: E731
        return cls(
            items=tuple(d["items"]),
            loadings=a("loadings"),
            phi=a("phi"),
            thresholds=a("thresholds"),
            outcomes=tuple(d["outcomes"]),
            intercepts=a("intercepts"),
            factor_weights=a("factor_weights"),
            unique_items=tuple(d["unique_items"]),
            unique_weights=a("unique_weights").reshape(len(d["outcomes"]), -1),
            noise_sd=float(d["noise_sd"]),
            share_step=int(d["share_step"]),
            missing_reference_n=int(d["missing_reference_n"]),
            missing_progression=int(d["missing_progression"]),
            missing_scales={int(k): int(v) for k, v in d["missing_scales"].items()},
            meta=dict(d.get("meta", {})),
        )

    def to_json(self, path: str | Path) -> None:
        """Write the parameters as JSON (UTF-8, indented, stable key order)."""
        text = json.dumps(self.to_dict(), indent=1, ensure_ascii=False)
        Path(path).write_text(text + "\n", encoding="utf-8")


@cache
def _load_default() -> ModelParams:
    path = resources.files("vaikuttavuus.studies.vates2020").joinpath(PARAMS_FILE)
    with path.open("r", encoding="utf-8") as handle:
        return ModelParams.from_dict(json.load(handle))


def load_params(path: str | Path | None = None) -> ModelParams:
    """Load model parameters: the committed calibration (default) or a JSON file.

    Parameters
    ----------
    path : str or Path, optional
        A JSON file written by :meth:`ModelParams.to_json`; by default the committed
        ``calibrated.json`` (read once and cached).

    Returns
    -------
    ModelParams

    References
    ----------
    Bray, T. (ed.) (2017). The JavaScript Object Notation (JSON) Data Interchange Format.
    RFC 8259, IETF.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from vaikuttavuus.studies.vates2020 import load_params
    >>> p = load_params()
    >>> len(p.items), p.loadings.shape, p.phi.shape
    (31, (31, 4), (4, 4))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p.to_json(pathlib.Path(d) / "params.json")
    ...     q = load_params(pathlib.Path(d) / "params.json")
    >>> q.items == p.items
    True
    """
    if path is None:
        return _load_default()
    return ModelParams.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
