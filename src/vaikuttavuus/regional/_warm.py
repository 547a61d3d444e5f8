"""Load once what every region report reads, before report kernels are forked.

The renderer's zygote process (:mod:`vaikuttavuus.render._kernels`) calls :func:`warm`
after its imports: the shipped registry, the national open-data tables at every level,
the embedded example data, the message catalogue, Babel's locale data and matplotlib's
fonts then sit in memory that every forked report kernel shares (copy-on-write), instead of
each report loading them again. These are the same read-only, input-keyed caches a
notebook fills on its first report; nothing a report computes is kept.
"""

from __future__ import annotations

import warnings

from .data import region_data
from .report import region_report

__all__ = ["warm"]

_PERIOD = "2024"  # the region notebook's default period
_SAMPLES = (("employment_area", "TA01"), ("wellbeing_county", "01"), ("municipality", "091"))


def warm() -> None:
    """Compute one region report per region type and drop it, keeping only the caches.

    Warnings are caught and the warnings registry is reset afterwards, so a report
    forked later still shows every warning it raises.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for region_type, code in _SAMPLES:
            report = region_report(region_data(region_type, code, period=_PERIOD), language="fi")
            report.header()
