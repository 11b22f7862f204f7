"""marsad: a sourced, time-anchored record of events and claims from Arabic news reports."""

from __future__ import annotations

from datetime import date

from marsad.errors import InputError, MarsadError, PipelineError, ResourceError
from marsad.model.document import Analysis, Document
from marsad.pipeline import Pipeline

__version__ = "0.1.0"

_default_pipeline: Pipeline | None = None


def analyze(text: str, dateline: date | None = None, doc_id: str = "doc") -> Analysis:
    """Analyze one report with the default pipeline. The text is kept exactly as given."""
    global _default_pipeline
    if _default_pipeline is None:
        _default_pipeline = Pipeline.default()
    return _default_pipeline.run(Document(id=doc_id, text=text, dateline=dateline))


__all__ = [
    "Analysis",
    "Document",
    "InputError",
    "MarsadError",
    "Pipeline",
    "PipelineError",
    "ResourceError",
    "__version__",
    "analyze",
]
