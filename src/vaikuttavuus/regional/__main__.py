"""``python -m vaikuttavuus.regional``: rebuild the embedded synthetic region data."""

from .build import main

raise SystemExit(main())
