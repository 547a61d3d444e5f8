"""The IPS package data: the YAML files beside these modules (with their sources), read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def package_yaml(name: str) -> dict[str, Any]:
    """The parsed YAML file ``name`` of this package (cached: callers must not change it)."""
    return yaml.safe_load(Path(__file__).with_name(name).read_text(encoding="utf-8"))
