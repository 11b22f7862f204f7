"""Loaders and validators for the data files under marsad/data."""

from marsad.resources.lexicons import Table, load_table, manifest

__all__ = ["Table", "load_table", "manifest"]
