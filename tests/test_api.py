"""The curated public API: every name in __all__ exists, and importing has no side effects."""

from __future__ import annotations

import subprocess
import sys

import vaikuttavuus


def test_all_names_exist_and_are_documented():
    for name in vaikuttavuus.__all__:
        obj = getattr(vaikuttavuus, name)
        if callable(obj) and not isinstance(obj, type(vaikuttavuus)):
            assert obj.__doc__, f"{name} has no docstring"


def test_import_has_no_side_effects():
    code = (
        "import sys, warnings, pandas as pd\n"
        # third-party imports add their own warning filters (scipy.special does); import them first
        "import scipy.linalg, scipy.optimize, scipy.special, scipy.stats\n"
        "filters = list(warnings.filters); opts = pd.get_option('display.max_rows')\n"
        "import vaikuttavuus\n"
        "assert list(warnings.filters) == filters, 'warning filters changed'\n"
        "assert pd.get_option('display.max_rows') == opts, 'pandas options changed'\n"
        "heavy = [m for m in ('matplotlib', 'seaborn', 'papermill', 'nbconvert') if m in sys.modules]\n"
        "assert not heavy, f'imported at package import: {heavy}'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
