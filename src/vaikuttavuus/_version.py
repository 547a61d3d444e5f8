"""The package version: the one place it is written (pyproject reads it, setuptools dynamic)."""

__version__ = "0.1.0"
