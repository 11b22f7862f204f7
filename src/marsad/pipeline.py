"""The Pipeline: stages in an order checked when it is built, run over documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from marsad.errors import PipelineError
from marsad.model.document import Analysis, Document
from marsad.stages.base import Stage, TextView


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        assigned: set[str] = set()
        for stage in stages:
            missing = [r for r in stage.requires if r not in assigned]
            if missing:
                raise PipelineError(
                    f"stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage assigns; "
                    "put the stage that assigns it first"
                )
            clash = [a for a in stage.assigns if a in assigned]
            if clash:
                raise PipelineError(f"stage '{stage.name}' assigns {', '.join(clash)} again")
            assigned.update(stage.assigns)
        self.stages: tuple[Stage, ...] = tuple(stages)
        self.layers: frozenset[str] = frozenset(assigned)

    @classmethod
    def default(cls, encoder: bool = True) -> Pipeline:
        """The standard stages with their shipped resources; `encoder=False` tags entities with the CRF
        alone, without the neural encoder (several times faster, a lower F1: see ner-head.md)."""
        from marsad.stages.claims import ClaimAttributor
        from marsad.stages.entities import EntityTagger
        from marsad.stages.events import EventExtractor
        from marsad.stages.ner_crf import crf_only_tagger
        from marsad.stages.places import PlaceResolver
        from marsad.stages.quantities import QuantityTagger
        from marsad.stages.reasons import ReasonFinder
        from marsad.stages.times import TimeTagger

        return cls([
            EntityTagger.from_resources(crf=None if encoder else crf_only_tagger()),
            PlaceResolver.from_resources(),
            TimeTagger.from_resources(),
            QuantityTagger.from_resources(),
            ClaimAttributor.from_resources(),
            EventExtractor.from_resources(),
            ReasonFinder.from_resources(),
        ])

    def run(self, document: Document) -> Analysis:
        analysis = Analysis(document)
        view = TextView.of(document.text)
        for stage in self.stages:
            produced = stage.annotate(analysis, view)
            for name in stage.assigns:
                analysis = analysis.with_layer(name, tuple(produced.get(name, ())))
        return analysis

    def run_many(self, documents: Iterable[Document]) -> Iterable[Analysis]:
        for document in documents:
            yield self.run(document)
