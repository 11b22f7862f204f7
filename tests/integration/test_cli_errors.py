"""The `marsad` command on bad and odd input: one-line messages naming the input, no tracebacks.

Runs the real command in a subprocess (`python -m marsad`), so what is checked is what a user sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BODY = "قالت وزارة الدفاع إن ثلاثة آلاف جندي سيغادرون البلاد خلال الشهر المقبل.\n"
SECOND_BODY = "وأعلن المتحدث أمس أن الاجتماع المقبل سيعقد في العاصمة.\n"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def json(self) -> Any:
        return json.loads(self.stdout)

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def marsad(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    env = {**os.environ, "PYTHONUTF8": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def assert_clean_stderr(run: Run) -> None:
    """No traceback, and every line is one of the command's own `marsad: ...` messages."""
    assert "Traceback" not in run.stderr, run.stderr
    for line in run.stderr_lines:
        assert line.startswith("marsad: "), run.stderr


def the_line_about(run: Run, name: str) -> str:
    """The single stderr line that names the input `name`."""
    assert_clean_stderr(run)
    lines = [line for line in run.stderr_lines if name in line]
    assert len(lines) == 1, run.stderr
    return lines[0]


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- inputs that cannot be read -------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-report.txt"
    run = marsad("analyze", str(path))
    assert run.code != 0
    assert "no such file" in the_line_about(run, str(path))
    assert run.stdout == ""


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    run = marsad("analyze", str(folder))
    assert run.code != 0
    assert "is a directory" in the_line_about(run, str(folder))


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    run = marsad("analyze", str(path))
    assert run.code != 0
    assert "binary" in the_line_about(run, str(path))


def test_windows_1256_arabic_is_decoded_with_a_note(tmp_path: Path) -> None:
    body = "أعلنت الحكومة أن الاجتماع سيعقد في العاصمة الأسبوع المقبل."
    path = write(tmp_path, "legacy.txt", body.encode("cp1256"))
    run = marsad("analyze", "--date", "2026-01-10", str(path))
    assert run.code == 0, run.stderr
    note = the_line_about(run, str(path))
    assert "cp1256" in note
    assert run.json()["document"]["text"] == body


@pytest.mark.parametrize(
    "data",
    [
        # Latin-1 accented letters: not UTF-8, and in cp1256 these bytes are Latin letters, not Arabic.
        "Le café crème était brûlé; déjà vu à Genève, naïve façade.".encode("latin-1"),
        # Stray high bytes among ASCII words: mostly Latin letters whichever way they are decoded.
        b"report \xa9 2026 \xb5g \xe9t\xe9 total \xfc\xe7 items \xae and more plain words here",
    ],
    ids=["latin-1 prose", "high bytes in ascii"],
)
def test_neither_utf8_nor_cp1256_is_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "latin1.txt", data)
    run = marsad("analyze", str(path))
    assert run.code != 0
    line = the_line_about(run, str(path))
    assert "not UTF-8" in line
    assert "convert it to UTF-8" in line
    assert run.stdout == ""


@pytest.mark.parametrize("content", ["", "   \n\t \n"], ids=["empty", "whitespace-only"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = write(tmp_path, "blank.txt", content)
    run = marsad("analyze", str(path))
    assert run.code != 0
    assert "is empty" in the_line_about(run, str(path))


def test_dateline_header_without_body(tmp_path: Path) -> None:
    path = write(tmp_path, "header-only.txt", "date 2026-02-01\n\n")
    run = marsad("analyze", str(path))
    assert run.code != 0
    assert "no article text" in the_line_about(run, str(path))


# --- dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [("2026-13-40", "not a real calendar date"), ("yesterday", "not YYYY-MM-DD")],
)
def test_bad_date_option(tmp_path: Path, value: str, problem: str) -> None:
    path = write(tmp_path, "report.txt", BODY)
    run = marsad("analyze", "--date", value, str(path))
    assert run.code != 0
    line = the_line_about(run, "--date")
    assert value in line
    assert problem in line
    assert run.stdout == ""


def test_impossible_date_in_header(tmp_path: Path) -> None:
    path = write(tmp_path, "feb30.txt", "date 2026-02-30\n" + BODY)
    run = marsad("analyze", str(path))
    assert run.code != 0
    line = the_line_about(run, str(path))
    assert "2026-02-30" in line
    assert "not a real calendar date" in line


def test_date_option_overrides_header(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", "date 2026-02-23\n" + BODY)
    run = marsad("analyze", "--date", "2026-03-01", str(path))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    document = run.json()["document"]
    assert document["dateline"] == "2026-03-01"
    assert document["text"] == BODY


def test_dateline_header_is_stripped_exactly(tmp_path: Path) -> None:
    # Leading whitespace before the header, and spaces and blank lines after the date, all go;
    # the body keeps its own inner line breaks and its final newline.
    body = "صرح مسؤول رفيع بأن المفاوضات ستستأنف قريبا.\n\nوأضاف أن الوفد سيصل غدا.  \n"
    path = write(tmp_path, "2026-02-23-report.txt", "  \n date 2026-02-23 \t\n\n" + body)
    run = marsad("analyze", str(path))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    analysis = run.json()
    assert analysis["document"]["dateline"] == "2026-02-23"
    assert analysis["document"]["text"] == body
    assert analysis["schema"] == "marsad.analysis/1"


def test_file_without_header_keeps_all_text_and_warns(tmp_path: Path) -> None:
    path = write(tmp_path, "undated.txt", BODY)
    run = marsad("analyze", str(path))
    assert run.code == 0
    assert "no dateline" in the_line_about(run, str(path))
    analysis = run.json()
    assert analysis["document"]["dateline"] is None
    assert analysis["document"]["text"] == BODY


# --- JSON Lines ---------------------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def test_jsonl_with_a_malformed_line_keeps_the_good_ones_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "docs.jsonl",
        jsonl(
            {"id": "first", "date": "2026-02-01", "text": BODY},
            '{"id": "broken", "date": "2026-02-01", "text": "نص بلا نهاية',
            {"id": "third", "date": None, "text": SECOND_BODY},
        ),
    )
    run = marsad("analyze", "--format", "jsonl", str(path))
    assert run.code == 1
    line = the_line_about(run, f"{path}:2")
    assert "not valid JSON" in line
    analyses = run.json_lines()
    assert [a["document"]["id"] for a in analyses] == ["first", "third"]
    assert [a["document"]["text"] for a in analyses] == [BODY, SECOND_BODY]
    assert analyses[0]["document"]["dateline"] == "2026-02-01"
    assert analyses[1]["document"]["dateline"] is None


def test_jsonl_line_without_text(tmp_path: Path) -> None:
    path = write(tmp_path, "notext.jsonl", jsonl({"id": "a", "date": "2026-02-01", "body": BODY}))
    run = marsad("analyze", "--format", "jsonl", str(path))
    assert run.code != 0
    assert "'text'" in the_line_about(run, f"{path}:1")
    assert run.stdout == ""


@pytest.mark.parametrize("record", ['["id", "text"]', '"just a string"', "42"])
def test_jsonl_line_that_is_not_an_object(tmp_path: Path, record: str) -> None:
    path = write(tmp_path, "odd.jsonl", jsonl({"id": "good", "date": None, "text": BODY}, record))
    run = marsad("analyze", "--format", "jsonl", str(path))
    assert run.code == 1
    assert "not a JSON object" in the_line_about(run, f"{path}:2")
    assert [a["document"]["id"] for a in run.json_lines()] == ["good"]


def test_jsonl_bad_date_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "dates.jsonl", jsonl({"id": "x", "date": "2026-02-30", "text": BODY}))
    run = marsad("analyze", "--format", "jsonl", str(path))
    assert run.code != 0
    assert "not a real calendar date" in the_line_about(run, f"{path}:1")


# --- standard input ------------------------------------------------------------------------------------


def test_stdin_plain_text() -> None:
    run = marsad("analyze", "-", stdin=("date 2026-02-23\n" + BODY).encode("utf-8"))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    analysis = run.json()
    assert analysis["document"]["text"] == BODY
    assert analysis["document"]["dateline"] == "2026-02-23"


def test_stdin_json_lines() -> None:
    data = jsonl(
        {"id": "one", "date": "2026-02-23", "text": BODY},
        {"id": "two", "date": "2026-02-24", "text": SECOND_BODY},
    )
    run = marsad("analyze", "--format", "jsonl", "-", stdin=data.encode("utf-8"))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    analyses = run.json_lines()
    assert [(a["document"]["id"], a["document"]["text"]) for a in analyses] == [
        ("one", BODY),
        ("two", SECOND_BODY),
    ]


def test_stdin_empty() -> None:
    run = marsad("analyze", "-", stdin=b"")
    assert run.code != 0
    assert "is empty" in the_line_about(run, "<stdin>")


# --- output formats and several inputs ---------------------------------------------------------------


def test_format_text_prints_a_report(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", "date 2026-02-23\n" + BODY)
    run = marsad("analyze", "--format", "text", str(path))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    assert run.stdout.strip()


def test_several_inputs_one_missing(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "date 2026-02-23\n" + BODY)
    missing = tmp_path / "gone.txt"
    run = marsad("analyze", str(good), str(missing))
    assert run.code == 1
    assert "no such file" in the_line_about(run, str(missing))
    assert run.json()["document"]["text"] == BODY


def test_several_documents_in_json_format_are_a_list(tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", "date 2026-02-23\n" + BODY)
    second = write(tmp_path, "b.txt", "date 2026-02-24\n" + SECOND_BODY)
    run = marsad("analyze", str(first), str(second))
    assert run.code == 0, run.stderr
    payload = run.json()
    assert isinstance(payload, list)
    assert [a["document"]["id"] for a in payload] == ["a", "b"]


def test_analysis_spans_match_the_text(tmp_path: Path) -> None:
    text = "قُتِلَ ثلاثةُ جنودٍ في ٢٠٢٥، وأُصيب ١٢ آخرون الشهرَ الماضي."
    path = write(tmp_path, "marks.txt", "date 2026-02-23\n" + text)
    run = marsad("analyze", str(path))
    assert run.code == 0, run.stderr
    analysis = run.json()
    assert analysis["document"]["text"] == text
    for layer in ("times", "quantities"):
        for item in analysis[layer]:
            assert text[item["start"] : item["end"]] == item["text"]


# --- bench ------------------------------------------------------------------------------------------------


def test_bench_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.jsonl"
    run = marsad("bench", "--no-compare", str(path))
    assert run.code != 0
    assert "no such file" in the_line_about(run, str(path))


def test_bench_runs_and_counts_bad_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bench.jsonl",
        jsonl({"id": "a", "date": "2026-02-23", "text": BODY}, "not json",
              {"id": "b", "date": "2026-02-24", "text": SECOND_BODY}),
    )
    run = marsad("bench", "--no-compare", str(path))
    assert run.code == 0, run.stderr
    assert_clean_stderr(run)
    assert "2 articles" in run.stdout
    assert "1 bad line(s) skipped" in run.stdout
