"""Reproductions of published studies from their published tables.

Each study is a subpackage (``vaikuttavuus.studies.vates2020``) holding the instrument as
data, the published figures with their sources, a calibrated data-generating model and the
reproduction built only from the package's public analysis functions.
"""
