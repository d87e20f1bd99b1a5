"""The command line, from recordings: every format, batches, stdin, globs, and every error path.

The briefs replay the recorded model answers for examples/russia-recalls-ambassador.txt
(tests/recordings); nothing here runs a model.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from typer.testing import CliRunner

import summarizer.cli.batch
import summarizer.render.progress
from summarizer import Brief, Source, __version__
from summarizer.cli import app, schema_json

SCHEMA = ROOT / "schemas" / "brief.schema.json"
EXAMPLE_BRIEF = ROOT / "examples" / "russia-recalls-ambassador.brief.json"
HAVE_RECORDINGS = (RECORDINGS / "responses").is_dir()
needs_recordings = pytest.mark.skipif(not HAVE_RECORDINGS, reason="tests/recordings not there yet")

runner = CliRunner()


@pytest.fixture(autouse=True)
def replay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers only from the recordings (a miss is MissingRecording), and nothing else configured."""
    for name in list(os.environ):
        if name.startswith(("SUMMARIZER_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE", "replay")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(RECORDINGS))


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.stdout + result.stderr
    # Only typer's own exits: anything else escaping the command would be a crash.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def one_error(err: str, *needles: str) -> None:
    """A clean failure: ``summarizer: error: ...`` lines that say what is wrong."""
    lines = [line for line in err.splitlines() if line.startswith("summarizer: error: ")]
    assert lines, err
    assert all(n in err for n in needles), err


@pytest.fixture(scope="module")
def example_json() -> dict[str, Any]:
    """The example's brief, as the CLI writes it in JSON."""
    if not HAVE_RECORDINGS:
        pytest.skip("tests/recordings not there yet")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUMMARIZER_CACHE", "replay")
        patch.setenv("SUMMARIZER_CACHE_DIR", str(RECORDINGS))
        result = runner.invoke(app, ["brief", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ---- every format ----------------------------------------------------------------------------------


@needs_recordings
def test_rich_note_has_the_headline_and_fits_80_columns(example_json: dict[str, Any]) -> None:
    code, out, err = run("brief", str(EXAMPLE))
    assert code == 0, err
    flat = " ".join(out.replace("│", " ").split())
    assert " ".join(example_json["headline"].split()) in flat
    assert "Actors" in out and "Quotes" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out, "plain text when stdout is not a terminal"
    assert err == "", "nothing on stderr: no progress when stderr is not a terminal"


@needs_recordings
def test_markdown() -> None:
    code, out, err = run("brief", str(EXAMPLE), "--format", "markdown")
    assert code == 0, err
    assert out.startswith("# ")


@needs_recordings
def test_json_validates_against_the_model_and_the_schema() -> None:
    code, out, err = run("brief", str(EXAMPLE), "-f", "json")
    assert code == 0, err
    brief = Brief.model_validate_json(out)
    assert brief.headline and brief.quotes
    if SCHEMA.exists():
        jsonschema.validate(json.loads(out), json.loads(SCHEMA.read_text(encoding="utf-8")))


@needs_recordings
def test_html() -> None:
    code, out, err = run("brief", str(EXAMPLE), "--format", "html")
    assert code == 0, err
    assert "<mark" in out and out.lstrip().lower().startswith("<!doctype html")


@needs_recordings
def test_verbose_shows_pass_timings_on_stderr_only() -> None:
    code, out, err = run("brief", str(EXAMPLE), "-f", "json", "--verbose")
    assert code == 0, err
    Brief.model_validate_json(out)  # stdout is the brief alone
    assert "tokens" in err and "overview" in err and "s in all" in err


@needs_recordings
def test_quiet_says_nothing() -> None:
    code, out, err = run("brief", str(EXAMPLE), "-f", "markdown", "--quiet")
    assert code == 0 and out.startswith("# ") and err == ""


# ---- inputs and outputs ----------------------------------------------------------------------------


@needs_recordings
def test_output_dir_gets_one_file_per_article(tmp_path: Path) -> None:
    other = tmp_path / "copy.txt"
    other.write_bytes(EXAMPLE.read_bytes())
    out_dir = tmp_path / "notes"
    code, out, err = run("brief", str(EXAMPLE), str(other), "-f", "markdown", "-o", str(out_dir))
    assert code == 0, err
    assert out == ""
    assert sorted(p.name for p in out_dir.iterdir()) == ["copy.md", "russia-recalls-ambassador.md"]
    assert all(p.read_text(encoding="utf-8").startswith("# ") for p in out_dir.iterdir())


@needs_recordings
def test_output_file_for_one_article(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "brief.json"
    code, out, err = run("brief", str(EXAMPLE), "-f", "json", "--output", str(target))
    assert code == 0, err
    assert out == ""
    Brief.model_validate_json(target.read_text(encoding="utf-8"))
    assert [p.name for p in target.parent.iterdir()] == ["brief.json"], "no partial file left behind"


@needs_recordings
def test_a_trailing_slash_makes_output_a_folder_and_rich_there_is_plain_text(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, _, err = run("brief", str(EXAMPLE), "-o", str(folder) + "/")
    assert code == 0, err
    text = (folder / "russia-recalls-ambassador.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text and max(len(line) for line in text.splitlines()) <= 80


@needs_recordings
def test_stdin(tmp_path: Path) -> None:
    code, out, err = run("brief", "-", "-f", "markdown", stdin=EXAMPLE.read_bytes())
    assert code == 0, err
    assert out.startswith("# ") and "stdin" in out
    target = tmp_path / "brief.md"
    code, out, _ = run("brief", "-", "-f", "markdown", "-o", str(target), stdin=EXAMPLE.read_bytes())
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# ")


@needs_recordings
def test_folders_and_globs_expand_sorted(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for name in ("b.txt", "a.md", "skip.pdf", ".hidden.txt"):
        (news / name).write_bytes(EXAMPLE.read_bytes())
    out_dir = tmp_path / "out"
    code, _, err = run("brief", str(news), "-f", "json", "-o", str(out_dir))
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.json", "b.json"]
    # A quoted glob, as a shell that does not expand it (or Windows) passes it on.
    code, _, err = run("brief", str(news / "*.txt"), "-f", "json", "-o", str(tmp_path / "globbed"))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "globbed").iterdir()] == ["b.json"]


@needs_recordings
def test_a_brief_never_overwrites_its_article(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_bytes(EXAMPLE.read_bytes())
    code, _, err = run("brief", str(tmp_path), "-o", str(tmp_path))  # rich → .txt, beside the articles
    assert code == 0, err
    assert article.read_bytes() == EXAMPLE.read_bytes()
    assert (tmp_path / "story.brief.txt").exists()
    code, _, err = run("brief", str(article), "-o", str(article))
    assert code == 2 and "overwritten" in err
    assert article.read_bytes() == EXAMPLE.read_bytes()


@needs_recordings
def test_articles_of_the_same_name_get_their_own_briefs(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_bytes(EXAMPLE.read_bytes())
    out_dir = tmp_path / "out"
    args = [str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "story.txt")]
    code, _, err = run("brief", *args, "-f", "markdown", "-o", str(out_dir))
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == ["story-2.md", "story.md"]


def test_a_batch_cannot_go_to_one_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("keep me")
    code, _, err = run("brief", str(EXAMPLE), str(EXAMPLE.parent / "x.txt"), "-o", str(target))
    assert code == 2 and "folder" in err
    assert target.read_text() == "keep me"


# ---- errors ----------------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run("brief", str(missing))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == f"summarizer: error: {missing}: no such file"


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    code, out, err = run("brief", str(tmp_path))
    assert code == 1 and out == ""
    one_error(err, str(tmp_path), "no articles found")


def test_glob_that_matches_nothing(tmp_path: Path) -> None:
    code, _, err = run("brief", str(tmp_path / "*.txt"))
    assert code == 1
    one_error(err, "no file matches")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"", "the article is empty", id="empty"),
        pytest.param(b"   \n\t\n", "the article is empty", id="whitespace"),
        pytest.param(b"\x00\x01\x02binary\x00", "binary", id="binary"),
        pytest.param(b"caf\xe9 au lait, \xff\xfe", "not valid UTF-8", id="latin-1"),
        pytest.param(b"<html><body><nav>Home | About</nav></body></html>", "no article text", id="html"),
        pytest.param(b"date 2021-03-18 " + b"Ten megabytes of news. " * 434_000, "context", id="10MB"),
    ],
)
def test_bad_articles_fail_cleanly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    code, out, err = run("brief", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"summarizer: error: {path}: ") and message in err
    assert len(err.splitlines()) == 1


def test_empty_stdin() -> None:
    code, out, err = run("brief", "-", stdin=b"")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == "summarizer: error: <stdin>: the article is empty"


def test_an_article_nobody_recorded_says_how_to_record_it(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text("date 2021-03-18\nNobody ever recorded this little article about nothing.\n")
    code, out, err = run("brief", str(path))
    assert code == 1 and out == ""
    one_error(err, str(path), "no recorded response", "re-record")
    assert len(err.splitlines()) == 1


@needs_recordings
def test_a_batch_writes_what_it_can_and_says_what_failed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    out_dir = tmp_path / "notes"
    code, _, err = run("brief", str(empty), str(EXAMPLE), "-f", "json", "-o", str(out_dir))
    assert code == 1
    one_error(err, f"{empty}: the article is empty", "1 of 2 articles failed")
    Brief.model_validate_json((out_dir / "russia-recalls-ambassador.json").read_text(encoding="utf-8"))
    assert not (out_dir / "empty.json").exists()


@needs_recordings
def test_a_batch_on_stdout_goes_on_after_a_failure(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run("brief", str(missing), str(EXAMPLE), "-f", "markdown")
    assert code == 1
    assert out.startswith("# ")
    one_error(err, f"{missing}: no such file")


@needs_recordings
def test_a_write_error_is_one_line_and_the_rest_still_written(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "russia-recalls-ambassador.json").mkdir()  # in the way of the first brief
    other = tmp_path / "other.txt"
    other.write_bytes(EXAMPLE.read_bytes())
    code, _, err = run("brief", str(EXAMPLE), str(other), "-f", "json", "-o", str(out_dir))
    assert code == 1
    one_error(err, f"{EXAMPLE}: cannot write")
    assert (out_dir / "other.json").is_file()


@pytest.mark.parametrize("value", ["2021-13-01", "2021-02-30", "18/03/2021", "20210318", "yesterday"])
def test_bad_dateline_is_a_usage_error(value: str) -> None:
    code, out, err = run("brief", str(EXAMPLE), "--dateline", value)
    assert code == 2 and out == ""
    assert "--dateline" in err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("brief")[0] == 2
    assert run("brief", str(EXAMPLE), "--format", "pdf")[0] == 2
    assert run("brief", str(EXAMPLE), "--model-path", str(tmp_path / "none.gguf"))[0] == 2
    assert run("brief", str(EXAMPLE), "--no-such-option")[0] == 2


def test_configuration_errors_are_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("brief", str(EXAMPLE), "--base-url", "http://localhost:9/v1")
    assert code == 2
    assert err.startswith("summarizer: error: ") and "--model" in err and len(err.splitlines()) == 1
    monkeypatch.setenv("SUMMARIZER_CACHE", "sometimes")
    code, _, err = run("brief", str(EXAMPLE))
    assert code == 2 and "SUMMARIZER_CACHE" in err


# ---- the Summarizer the command builds ---------------------------------------------------------------


class FakeSummarizer:
    """Stands in for the pipeline: records how it was built and called, answers with a stored brief."""

    built: list[Any] = []  # noqa: RUF012
    calls: list[dict[str, Any]] = []  # noqa: RUF012
    closed = 0
    fail: BaseException | None = None

    def __init__(self, settings: Any, *, weights_progress: Any = None) -> None:
        FakeSummarizer.built.append(settings)

    def summarize(self, article: Source, *, progress: Any = None, preview: Any = None) -> Brief:
        FakeSummarizer.calls.append({"source": article, "progress": progress})
        logging.getLogger("summarizer.store").warning("ignoring damaged cache entry %s", "x.json")
        logging.getLogger("instructor.v2.retry").error("API call failed on attempt 1:\n  Connection error.")
        if progress is not None:
            progress("actors")
        if FakeSummarizer.fail is not None:
            raise FakeSummarizer.fail
        return Brief.model_validate_json(EXAMPLE_BRIEF.read_text(encoding="utf-8"))

    def __enter__(self) -> FakeSummarizer:
        return self

    def __exit__(self, *exc: object) -> None:
        FakeSummarizer.closed += 1


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeSummarizer]:
    if not EXAMPLE_BRIEF.exists():
        pytest.skip("no examples/russia-recalls-ambassador.brief.json")
    FakeSummarizer.built, FakeSummarizer.calls, FakeSummarizer.closed = [], [], 0
    FakeSummarizer.fail = None
    monkeypatch.setattr(summarizer.cli.batch, "Summarizer", FakeSummarizer)
    return FakeSummarizer


def test_options_reach_the_settings_and_one_summarizer_serves_a_batch(
    fake: type[FakeSummarizer], tmp_path: Path
) -> None:
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF")
    code, out, err = run(
        "brief",
        str(EXAMPLE),
        str(EXAMPLE.with_suffix(".brief.md")),
        "-f",
        "json",
        "-o",
        str(tmp_path / "out"),
        "--model",
        "tiny",
        "--model-path",
        str(weights),
        "--no-cache",
        "--dateline",
        "2020-01-02",
        "--context-tokens",
        "3000",
    )
    assert code == 0, err
    assert out == ""
    assert len(fake.built) == 1 and fake.closed == 1
    settings = fake.built[0]
    assert (settings.model, settings.model_path, settings.cache.value) == ("tiny", weights, "off")
    assert settings.context_tokens == 3000
    assert [c["source"].dateline.isoformat() for c in fake.calls] == ["2020-01-02"] * 2
    assert all(callable(c["progress"]) for c in fake.calls)


@pytest.mark.parametrize("command", ["story", "eval"])
def test_story_and_eval_take_the_same_backend_options(
    fake: type[FakeSummarizer], tmp_path: Path, command: str
) -> None:
    weights = tmp_path / "model.gguf"
    weights.write_bytes(b"GGUF")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"id": "x", "text": "Acme Corp grew.", "dateline": "2020-01-02"}))
    inputs = {
        "story": [str(EXAMPLE), str(EXAMPLE.with_suffix(".brief.md")), "--dateline", "2020-01-02"],
        "eval": [str(gold), "--json"],
    }
    backend = ["--model", "tiny", "--model-path", str(weights), "--no-cache", "--context-tokens", "3000"]
    code, out, err = run(command, *inputs[command], *backend, "--timeout", "5")
    assert code == 0, err
    assert out and len(fake.built) == 1 and fake.closed == 1
    settings = fake.built[0]
    assert (settings.model, settings.model_path, settings.cache.value) == ("tiny", weights, "off")
    assert (settings.context_tokens, settings.timeout) == (3000, 5.0)
    assert {c["source"].dateline.isoformat() for c in fake.calls} == {"2020-01-02"}


def test_a_context_too_small_for_the_passes_is_a_usage_error(fake: type[FakeSummarizer]) -> None:
    code, out, err = run("brief", str(EXAMPLE), "--context-tokens", "1000")
    assert code == 2 and out == ""
    one_error(err, "1000 tokens is too small", "--context-tokens")
    assert fake.built == []


def test_base_url_and_model(fake: type[FakeSummarizer]) -> None:
    code, _, err = run(
        "brief", str(EXAMPLE), "-f", "json", "--base-url", "http://gpu:8000/v1", "--model", "q"
    )
    assert code == 0, err
    assert (fake.built[0].base_url, fake.built[0].model, fake.built[0].cache.value) == (
        "http://gpu:8000/v1",
        "q",
        "replay",
    )


def test_log_records_are_single_lines_and_only_ours_unless_verbose(fake: type[FakeSummarizer]) -> None:
    code, out, err = run("brief", str(EXAMPLE), "-f", "json")
    assert code == 0
    Brief.model_validate_json(out)
    assert err.splitlines() == [
        "summarizer: log: summarizer.store: warning: ignoring damaged cache entry x.json"
    ]
    code, _, err = run("brief", str(EXAMPLE), "-f", "json", "-v")
    assert code == 0
    assert (
        "summarizer: log: instructor.v2.retry: error: API call failed on attempt 1: Connection error." in err
    )
    assert "warning: ignoring damaged cache entry" in err


def test_ctrl_c_exits_130_with_a_message(fake: type[FakeSummarizer]) -> None:
    fake.fail = KeyboardInterrupt()
    code, out, err = run("brief", str(EXAMPLE), "-f", "json")
    assert code == 130 and out == ""
    assert "interrupted" in err and fake.closed == 1


def test_a_bug_in_one_article_does_not_stop_the_batch(fake: type[FakeSummarizer], tmp_path: Path) -> None:
    fake.fail = ZeroDivisionError("oops")
    code, _, err = run("brief", str(EXAMPLE), str(EXAMPLE.with_suffix(".brief.md")), "-o", str(tmp_path))
    assert code == 1
    one_error(err, "unexpected ZeroDivisionError: oops", "2 of 2 articles failed")


def test_the_live_display_never_takes_stdout(
    fake: type[FakeSummarizer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With stderr a terminal, progress shows there, and every brief still goes to stdout alone."""
    from rich.console import Console

    screen = io.StringIO()
    monkeypatch.setattr(
        summarizer.render.progress,
        "terminal_console",
        lambda **_: Console(file=screen, force_terminal=True, width=80),
    )
    for paths in ([str(EXAMPLE)], [str(EXAMPLE), str(EXAMPLE.with_suffix(".brief.md"))]):
        code, out, err = run("brief", *paths, "-f", "markdown")
        assert code == 0, err
        assert out.count("\n# ") + out.startswith("# ") == len(paths)
        assert "\x1b[" not in out and "# " not in screen.getvalue()
    assert "russia-recalls-ambassador.txt: actors" in screen.getvalue(), "the spinner names the pass"
    screen.seek(0)
    screen.truncate()
    code, out, _ = run("brief", str(EXAMPLE), "-f", "markdown", "--quiet")
    assert code == 0 and out.startswith("# ") and screen.getvalue() == ""


# ---- schema, version, help -------------------------------------------------------------------------


def test_schema_is_the_committed_file() -> None:
    code, out, _ = run("schema")
    assert code == 0 and out == schema_json()
    assert out.endswith("}\n")
    if SCHEMA.exists():
        assert SCHEMA.read_bytes() == out.encode("utf-8"), "run `make schema`"


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out == f"summarizer {__version__}\n"


def test_version_starts_without_rich_or_the_client_stack() -> None:
    script = (
        "import sys\n"
        "from summarizer.cli import app\n"
        "try:\n"
        "    app(['--version'], prog_name='summarizer')\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'rich', 'openai', 'instructor', 'llama_cpp'}\n"
        "print(code, sorted(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, timeout=300
    )
    assert done.stdout == f"summarizer {__version__}\n"
    assert done.stderr.split() == ["0", "[]"]


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0 and done.stdout == f"summarizer {__version__}\n"


def test_help_has_examples() -> None:
    for args in (["--help"], ["brief", "--help"], ["brief", "-h"]):
        code, out, _ = run(*args)
        assert code == 0 and "Examples" in out and "summarizer brief article.txt" in out
    code, out, _ = run("brief", "--help")
    for option in ("--format", "--output", "--model", "--base-url", "--no-cache", "--dateline", "--quiet"):
        assert option in out


def test_a_rerun_skips_the_briefs_that_succeeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import summarizer.analysis

    cache = tmp_path / "cache"
    shutil.copytree(RECORDINGS / "responses", cache / "responses")
    monkeypatch.setenv("SUMMARIZER_CACHE", "use")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(cache))
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    args = ("brief", str(EXAMPLE), str(empty), "-f", "json", "-o", str(tmp_path / "out"))
    assert run(*args)[0] == 1

    def no_model_work(*_: object) -> Brief:
        raise AssertionError("a brief that succeeded was made again")

    monkeypatch.setattr(summarizer.analysis, "analyze", no_model_work)
    code, _, err = run(*args)
    assert code == 1 and "empty" in err
    assert (tmp_path / "out" / "russia-recalls-ambassador.json").exists()


@pytest.mark.parametrize("name", ["no-quotes.txt", "non-english.txt", "hostile.txt"])
def test_unusual_articles_are_briefed(name: str) -> None:
    code, out, err = run("brief", str(ROOT / "tests" / "articles" / name), "-f", "markdown")
    assert code == 0, err
    assert out.startswith("# ")
