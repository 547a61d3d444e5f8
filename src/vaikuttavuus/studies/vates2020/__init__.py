"""Reproduction of the Vates 2020 staff survey (Kallio 2020) with a calibrated simulation.

* :func:`instrument`, :func:`factors`, :func:`outcomes`: the survey instrument as data.
* :mod:`.published`: the published figures with their OCR source lines and ambiguities.
* :func:`simulate`: survey data from the calibrated latent model (``calibrated.json``).
* :func:`reproduce`: the analysis with the package's public functions, compared with the slides.
* :func:`replicate`: Monte Carlo replicability at N = 168.
* :func:`consistency`: whether the analysed data's figures fit the published ones at small N.
* :func:`confirm_factors`: the four published factors as a confirmatory factor analysis.
* :func:`~.calibrate.calibrate`: rewrites the calibrated parameters.

Every figure, item and verdict of this package comes from the study below (cited here once
for all its modules; the OCR text of the slides is ``published.SOURCE_FILE``).

References
----------
Kallio, A. (2020). Kuntien työllistämispalvelut - Elinvoiman vahvistamista vai
sosiaalipalvelua? Slides, Vates-säätiö, 9.6.2020 (OCR text: seeds/002_349f75f0734fef79.txt).
"""

from vaikuttavuus.studies.vates2020._text import text
from vaikuttavuus.studies.vates2020.confirm import FIT_MEASURES, confirm_factors, factor_model
from vaikuttavuus.studies.vates2020.consistency import ConsistencyResult, consistency
from vaikuttavuus.studies.vates2020.instrument import (
    FACTORS,
    OUTCOMES,
    factors,
    instrument,
    item_ids,
    outcomes,
    scale_items,
)
from vaikuttavuus.studies.vates2020.model import ModelParams, load_params
from vaikuttavuus.studies.vates2020.published import (
    ambiguities,
    hypotheses,
    published_alphas,
    published_correlations,
    published_loadings,
    published_variance,
)
from vaikuttavuus.studies.vates2020.replicate import (
    ReplicationResult,
    alpha_assignments,
    model_alphas,
    replicate,
)
from vaikuttavuus.studies.vates2020.reproduce import (
    TOLERANCES,
    VatesReproduction,
    compare_methods,
    reproduce,
)
from vaikuttavuus.studies.vates2020.simulate import simulate

__all__ = [
    "FACTORS",
    "OUTCOMES",
    "TOLERANCES",
    "ConsistencyResult",
    "FIT_MEASURES",
    "ModelParams",
    "ReplicationResult",
    "VatesReproduction",
    "alpha_assignments",
    "ambiguities",
    "compare_methods",
    "confirm_factors",
    "consistency",
    "factor_model",
    "factors",
    "hypotheses",
    "instrument",
    "item_ids",
    "load_params",
    "model_alphas",
    "outcomes",
    "published_alphas",
    "published_correlations",
    "published_loadings",
    "published_variance",
    "replicate",
    "reproduce",
    "scale_items",
    "simulate",
    "text",
]
