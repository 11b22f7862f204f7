"""`marsad bench`: speed and memory of the pipeline on a JSON Lines corpus, beside dateparser.

Honest by construction: the same texts, the same process, `time.perf_counter`, one warm-up document
before timing (lexicons and dateparser's language data load lazily), and memory measured in a separate
pass under tracemalloc, because tracing slows Python down and would distort the times.
"""

from __future__ import annotations

import importlib.util
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from marsad.errors import InputError
from marsad.io.readers import ReadNote, read_path
from marsad.model.document import Analysis, Document
from marsad.pipeline import Pipeline
from marsad.stages.base import TextView

TEXT_VIEW_ROW = "text view"
DATEPARSER_LANGUAGES = ["ar"]
MIB = 1024 * 1024
BENCH_WIDTH = 100


@dataclass(slots=True)
class Corpus:
    documents: list[Document]
    skipped: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(len(d.text) for d in self.documents)


@dataclass(slots=True)
class Measure:
    """What one tool did over the corpus."""

    seconds: float = 0.0
    setup_seconds: float = 0.0
    peak_traced: int = 0
    max_rss: int = 0
    found: int = 0
    documents_with_any: int = 0
    errors: int = 0
    parts: dict[str, float] = field(default_factory=dict)
    part_found: dict[str, dict[str, int]] = field(default_factory=dict)  # stage -> layer -> count


def load_corpus(path: str, limit: int = 0) -> Corpus:
    """Documents of a .jsonl file (or any input `read_path` takes); bad lines are skipped and counted.

    Raises InputError when the input as a whole cannot be read (missing, a directory, empty) or holds
    no readable document.
    """
    corpus = Corpus([])
    for item in read_path(path):
        if isinstance(item, ReadNote):
            corpus.notes.append(f"{item.source}: {item.message}")
            continue
        if isinstance(item, InputError):
            if item.source in (path, "<stdin>"):
                raise item
            corpus.skipped += 1
            continue
        corpus.documents.append(item)
        if limit and len(corpus.documents) >= limit:
            break
    if not corpus.documents:
        raise InputError(path, f"has no readable document ({corpus.skipped} bad line(s)); "
                         "expected JSON Lines of {\"id\", \"date\", \"text\"}")
    return corpus


def max_rss_bytes() -> int:
    """The process's resident-set high-water mark so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss) if sys.platform == "darwin" else int(rss) * 1024


def _run_pipeline_timed(pipeline: Pipeline, document: Document, measure: Measure) -> None:
    """Pipeline.run, with the text view and each stage's `annotate` timed separately."""
    analysis = Analysis(document)
    t0 = time.perf_counter()
    view = TextView.of(document.text)
    t1 = time.perf_counter()
    measure.parts[TEXT_VIEW_ROW] = measure.parts.get(TEXT_VIEW_ROW, 0.0) + (t1 - t0)
    for stage in pipeline.stages:
        s0 = time.perf_counter()
        produced = stage.annotate(analysis, view)
        s1 = time.perf_counter()
        measure.parts[stage.name] = measure.parts.get(stage.name, 0.0) + (s1 - s0)
        counts = measure.part_found.setdefault(stage.name, {})
        for name in stage.assigns:
            analysis = analysis.with_layer(name, tuple(produced.get(name, ())))
            counts[name] = counts.get(name, 0) + len(analysis.layer(name))
    times = len(analysis.layer("times"))
    measure.found += times
    measure.documents_with_any += 1 if times else 0
    measure.seconds += time.perf_counter() - t0


def _traced_peak(run_one: Callable[[Document], object], documents: Sequence[Document]) -> int:
    """Peak bytes allocated (tracemalloc) while running over the documents, above what was live before."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base, _ = tracemalloc.get_traced_memory()
        for document in documents:
            run_one(document)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return max(0, peak - base)


def measure_marsad(corpus: Corpus, encoder: bool = True) -> Measure:
    measure = Measure()
    documents = corpus.documents
    t0 = time.perf_counter()
    pipeline = Pipeline.default(encoder=encoder)
    pipeline.run(documents[0])  # warm-up: lexicons and compiled patterns load lazily
    measure.setup_seconds = time.perf_counter() - t0
    for document in documents:
        _run_pipeline_timed(pipeline, document, measure)
    measure.peak_traced = _traced_peak(pipeline.run, documents)
    measure.max_rss = max_rss_bytes()
    return measure


def measure_dateparser(corpus: Corpus) -> Measure:
    from dateparser.search import search_dates

    def search(document: Document) -> list[tuple[str, Any]]:
        return search_dates(document.text, languages=DATEPARSER_LANGUAGES) or []

    measure = Measure()
    documents = corpus.documents
    t0 = time.perf_counter()
    search(documents[0])  # warm-up: dateparser loads its language data on first use
    measure.setup_seconds = time.perf_counter() - t0

    def search_quietly(document: Document) -> list[tuple[str, Any]]:
        try:
            return search(document)
        # dateparser is a third-party tool under test: a crash on one text is counted, not fatal.
        except Exception:
            return []

    for document in documents:
        s0 = time.perf_counter()
        try:
            found = search(document)
        except Exception:
            found = []
            measure.errors += 1
        measure.seconds += time.perf_counter() - s0
        measure.found += len(found)
        measure.documents_with_any += 1 if found else 0
    measure.peak_traced = _traced_peak(search_quietly, documents)
    measure.max_rss = max_rss_bytes()
    return measure


def _rate(count: float, seconds: float) -> str:
    if seconds <= 0:
        return "-"
    rate = count / seconds
    if rate >= 1e6:
        return f"{rate / 1e6:.2f}M"
    if rate >= 1e4:
        return f"{rate / 1e3:.0f}k"
    return f"{rate:,.0f}"


def _mib(n: int) -> str:
    return f"{n / MIB:,.1f}"


def run_bench(path: str, limit: int = 0, compare: bool = True, encoder: bool = True) -> None:
    """Time marsad's pipeline (total and per stage) and, if installed, dateparser on the same texts."""
    console = Console()
    if not console.is_terminal:
        # Piped output has no terminal width to follow: keep the table's columns readable.
        console = Console(width=max(console.width, BENCH_WIDTH))
    status = Console(stderr=True)
    corpus = load_corpus(path, limit)
    for note in corpus.notes:
        console.print(f"note: {note}", style="dim", markup=False, highlight=False)
    n_docs, n_chars = len(corpus.documents), corpus.chars
    rss_start = max_rss_bytes()

    with status.status(f"marsad: timing {n_docs:,} articles, then measuring memory (slower)"):
        ours = measure_marsad(corpus, encoder)
    theirs: Measure | None = None
    missing_dateparser = compare and importlib.util.find_spec("dateparser") is None
    if compare and not missing_dateparser:
        # Imported only now, so that its memory does not count against marsad's RSS.
        with status.status(f"dateparser: timing {n_docs:,} articles, then measuring memory (slower)"):
            theirs = measure_dateparser(corpus)

    skipped = f", {corpus.skipped} bad line(s) skipped" if corpus.skipped else ""
    table = Table(
        title=f"marsad bench: {n_docs:,} articles, {n_chars:,} chars{skipped}",
        title_justify="left",
    )
    table.add_column("", no_wrap=True)
    for column in ("s", "%", "art/s", "chars/s", "peak\nMiB", "RSS\nMiB", "found"):
        table.add_column(column, justify="right", no_wrap=True)

    for part, seconds in ours.parts.items():
        found = "" if part == TEXT_VIEW_ROW else _found_of_stage(part, ours)
        share = f"{100 * seconds / ours.seconds:.0f}%" if ours.seconds else "-"
        table.add_row(f" {part}", f"{seconds:.3f}", share, _rate(n_docs, seconds), _rate(n_chars, seconds),
                      "", "", found)
    table.add_row(
        "marsad" if encoder else "marsad --no-encoder", f"{ours.seconds:.3f}", "100%", _rate(n_docs, ours.seconds),
        _rate(n_chars, ours.seconds), _mib(ours.peak_traced), _mib(ours.max_rss),
        f"{ours.found:,} times", style="bold",
    )
    if theirs is not None:
        errors = f", {theirs.errors} errors" if theirs.errors else ""
        table.add_row(
            "dateparser", f"{theirs.seconds:.3f}", "", _rate(n_docs, theirs.seconds),
            _rate(n_chars, theirs.seconds), _mib(theirs.peak_traced), _mib(theirs.max_rss),
            f"{theirs.found:,} dates{errors}", style="bold",
        )
    console.print(table)

    notes = [
        "marsad rows: the text view (normalize + sentence split, built once per article) and each stage's "
        "annotate; dateparser: search_dates(text, languages=['ar']).",
        f"setup (load + 1 warm-up article, not in the times): marsad {ours.setup_seconds:.2f} s"
        + (f", dateparser {theirs.setup_seconds:.2f} s" if theirs else "") + ".",
        "peak MiB: tracemalloc peak in a second, separate pass after warm-up; RSS MiB: the process's "
        f"high-water mark (ru_maxrss) after each tool, cumulative ({_mib(rss_start)} MiB before marsad).",
        f"articles with at least one date: marsad {ours.documents_with_any:,}"
        + (f", dateparser {theirs.documents_with_any:,}" if theirs else "") + f" of {n_docs:,}.",
    ]
    if theirs is not None and ours.seconds > 0 and theirs.seconds > 0:
        ratio = theirs.seconds / ours.seconds
        faster = (f"marsad ran {ratio:,.1f}x faster than dateparser" if ratio >= 1
                  else f"dateparser ran {1 / ratio:,.1f}x faster than marsad")
        notes.append(f"{faster} on the same texts (marsad's time covers all its stages; "
                     "dateparser only searches for dates).")
    if missing_dateparser:
        notes.append("dateparser is not installed: pip install -e '.[bench]' enables the comparison")
    for note in notes:
        console.print(note, markup=False, highlight=False)


def _found_of_stage(stage_name: str, measure: Measure) -> str:
    counts = measure.part_found.get(stage_name, {})
    return ", ".join(f"{n:,} {layer}" for layer, n in counts.items())
