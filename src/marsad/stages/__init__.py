"""Pipeline stages: one module per layer."""

from marsad.stages.base import Stage, TextView

__all__ = ["Stage", "TextView"]
