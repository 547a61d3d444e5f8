"""``python -m vaikuttavuus``: the same command line as the ``vaikuttavuus`` script."""

import sys

from .cli import main

sys.exit(main())
