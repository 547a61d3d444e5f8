"""The region report: per-region datasets, embedded synthetic default data and the report's
presentation layer (``notebooks/region_report.ipynb`` calls these).

>>> from vaikuttavuus.regional import SECTIONS
>>> SECTIONS
('situation', 'trend', 'comparison', 'municipalities', 'region', 'published', 'compensation', 'ips', 'survey')
"""

from ._i18n import LANGUAGES
from ._registry import REGION_TYPES
from ._situation import situation_report
from .build import BuildResult, build_default_data, municipality_data
from .data import (
    DATASETS,
    RegionData,
    RegionDataWarning,
    data_periods,
    default_data_dir,
    region_data,
)
from .plots import plot_municipalities
from .report import SECTIONS, RegionReport, region_report

__all__ = [
    "DATASETS",
    "LANGUAGES",
    "REGION_TYPES",
    "SECTIONS",
    "BuildResult",
    "RegionData",
    "RegionDataWarning",
    "RegionReport",
    "build_default_data",
    "data_periods",
    "default_data_dir",
    "municipality_data",
    "plot_municipalities",
    "region_data",
    "region_report",
    "situation_report",
]
