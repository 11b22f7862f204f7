"""The `marsad` command. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from marsad.errors import InputError, MarsadError
from marsad.io.readers import ReadNote, parse_date, read_path
from marsad.model.document import Document
from marsad.model.serialize import analysis_to_dict
from marsad.pipeline import Pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Events and claims from Arabic news reports.")


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _fail(message: str, code: int) -> None:
    print(f"marsad: {message}", file=sys.stderr)
    raise typer.Exit(code)


ENCODER_HELP = ("Tag entities with the CRF and the neural character encoder together (the default); "
                "--no-encoder: the CRF alone, several times faster, with a lower F1.")


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Text files, .jsonl files, or - for standard input.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", help="json, jsonl or text.")] = OutputFormat.json,
    date_arg: Annotated[
        str | None, typer.Option("--date", help="Dateline YYYY-MM-DD; gives or overrides the document's.")
    ] = None,
    encoder: Annotated[bool, typer.Option(help=ENCODER_HELP)] = True,
) -> None:
    """Analyze Arabic news reports and print one analysis per document."""
    dateline: date | None = None
    if date_arg is not None:
        try:
            dateline = parse_date(date_arg, "--date")
        except InputError as err:
            _fail(str(err), 2)
    try:
        pipeline = Pipeline.default(encoder=encoder)
    except MarsadError as err:
        _fail(str(err), err.exit_code)
    failures = 0
    analyzed = 0
    outputs: list[dict[str, object]] = []
    for path in paths:
        for item in read_path(path, dateline):
            if isinstance(item, InputError):
                failures += 1
                print(f"marsad: {item}", file=sys.stderr)
                continue
            if isinstance(item, ReadNote):
                print(f"marsad: {item.source}: {item.message}", file=sys.stderr)
                continue
            _warn_without_dateline(item)
            analysis = pipeline.run(item)
            analyzed += 1
            if output_format is OutputFormat.jsonl:
                sys.stdout.write(json.dumps(analysis_to_dict(analysis), ensure_ascii=False) + "\n")
            elif output_format is OutputFormat.json:
                outputs.append(analysis_to_dict(analysis))
            else:
                from marsad.io.report import print_report

                print_report(analysis)
    if output_format is OutputFormat.json and outputs:
        payload: object = outputs[0] if len(outputs) == 1 else outputs
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failures:
        what = f"{failures} input(s) failed" + (f", {analyzed} analyzed" if analyzed else "")
        _fail(what, 1 if analyzed else 2)


def _warn_without_dateline(document: Document) -> None:
    if document.dateline is None:
        print(
            f"marsad: {document.source or document.id}: no dateline; relative times stay unresolved "
            "(give --date YYYY-MM-DD)",
            file=sys.stderr,
        )


@app.command()
def bench(
    path: Annotated[str, typer.Argument(help="A .jsonl file of documents, e.g. news-sample.jsonl.")],
    limit: Annotated[int, typer.Option(help="Use at most this many documents (0: all).")] = 0,
    compare: Annotated[bool, typer.Option(help="Also time dateparser.search_dates on the same texts.")] = True,
    encoder: Annotated[bool, typer.Option(help=ENCODER_HELP)] = True,
) -> None:
    """Print articles/s and peak memory of the time and quantity stages (and of dateparser)."""
    from marsad.bench import run_bench

    try:
        run_bench(path, limit=limit, compare=compare, encoder=encoder)
    except MarsadError as err:
        _fail(str(err), err.exit_code)


def main() -> None:
    try:
        app()
    except MarsadError as err:
        print(f"marsad: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
