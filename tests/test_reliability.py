"""Issue #17: what a hostile but fair test found, one test (or more) per finding; docs/reliability.md
lists them. The servers are the fault server on 127.0.0.1 (tests/faultserver.py), answering with the
embedded model's recorded answers where a brief must succeed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from conftest import EXAMPLE, RECORDINGS, ROOT
from faultserver import FaultServer, drop, ok, replaying, trickle, truncated
from openai.types.chat import ChatCompletion
from rich.console import Console
from typer.testing import CliRunner

from summarizer import (
    BackendError,
    Brief,
    ConfigError,
    ExtractionError,
    InputError,
    MissingRecording,
    Settings,
    Source,
    Summarizer,
    SummarizerError,
    read_path,
    summarize,
)
from summarizer.backends.client import Backend, open_backend
from summarizer.backends.weights import DEFAULT_WEIGHTS
from summarizer.cli import app
from summarizer.cli.articles import Article, expand
from summarizer.cli.batch import Run
from summarizer.cli.messages import error
from summarizer.config import Options
from summarizer.render import print_brief, render

MODEL = DEFAULT_WEIGHTS.name
EXAMPLE_BRIEF = ROOT / "examples" / "russia-recalls-ambassador.brief.json"
PLANTED = "sk-PLANTED-KEY-4711"
ESCAPES = "\x1b]0;PWNED-TITLE\x07\x1b[2J\x9b31m"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    """A server that answers as the embedded model did (the recordings), unless scripted otherwise."""
    recorded = replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=0)
    with FaultServer(otherwise=recorded, max_requests=100) as running:
        yield running


def on(server: FaultServer, **options: Any) -> Options:
    """Options for a Summarizer on ``server``; the recordings are of the json_object form."""
    given: Options = {"base_url": server.base_url, "model": MODEL, "response_format": "json_object"}
    given.update(options)
    return given


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def ask(backend: Backend) -> Any:
    """One chat completion; our own error (a BackendError raised in a transport) is raised as itself,
    not as the openai client's "Connection error." wrapping it (extract.Session unwraps it the same way).
    """
    try:
        return backend.openai.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "?"}]
        )
    except openai.APIConnectionError as exc:
        if isinstance(exc.__cause__, SummarizerError):
            raise exc.__cause__ from None
        raise


def files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# ---- 1. string settings -----------------------------------------------------------------------------


def test_cache_off_as_a_string_neither_writes_nor_reads(server: FaultServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = summarize(read_path(EXAMPLE), **on(server, cache="off", cache_dir=str(cache)))
    asked = len(server.requests)
    second = summarize(read_path(EXAMPLE), **on(server, cache="off", cache_dir=str(cache)))
    assert files_in(cache) == []
    assert first.run.cached == second.run.cached == 0
    assert len(server.requests) == 2 * asked


def test_replay_as_a_string_never_calls_the_server(server: FaultServer, tmp_path: Path) -> None:
    with pytest.raises(MissingRecording):
        summarize(read_path(EXAMPLE), **on(server, cache="replay", cache_dir=str(tmp_path)))
    assert server.requests == []


def test_a_string_dateline_is_read_as_iso(recorded: Summarizer) -> None:
    brief = recorded.summarize(EXAMPLE.read_text(encoding="utf-8"), dateline="2021-03-18")
    assert brief.dateline == dt.date(2021, 3, 18)
    with pytest.raises(ConfigError, match="dateline="):
        recorded.summarize("text", dateline="18/03/2021")


@pytest.mark.parametrize(
    ("options", "names"),
    [
        ({"cache": "offf"}, ("cache=", "SUMMARIZER_CACHE")),
        ({"timeout": "abc"}, ("timeout=", "SUMMARIZER_TIMEOUT", "--timeout")),
        ({"timeout": 0}, ("timeout=", "SUMMARIZER_TIMEOUT")),
        ({"timeout": -1}, ("timeout=", "SUMMARIZER_TIMEOUT")),
        ({"timeout": float("nan")}, ("timeout=", "SUMMARIZER_TIMEOUT")),
        ({"timeout": float("inf")}, ("timeout=", "SUMMARIZER_TIMEOUT")),
        ({"context_tokens": "many"}, ("context_tokens=", "SUMMARIZER_CONTEXT_TOKENS")),
        ({"response_format": "xml"}, ("response_format=", "SUMMARIZER_RESPONSE_FORMAT")),
        ({"base_url": "ftp://host/v1"}, ("base_url=", "SUMMARIZER_BASE_URL", "--base-url")),
        ({"no_such": 1}, ("no_such=",)),
    ],
)
def test_a_wrong_setting_is_a_config_error_naming_argument_and_variable(
    options: dict[str, Any], names: tuple[str, ...]
) -> None:
    with pytest.raises(ConfigError) as caught:
        Summarizer(**options)
    assert all(name in str(caught.value) for name in names), caught.value


def test_settings_from_strings_are_typed(tmp_path: Path) -> None:
    settings = Settings.from_env(cache="off", cache_dir=str(tmp_path), timeout="2.5", context_tokens="4096")
    assert settings.cache == "off" and settings.cache_dir == tmp_path
    assert settings.timeout == 2.5 and settings.context_tokens == 4096
    assert set(Options.__annotations__) == set(Settings.model_fields), "one keyword argument per setting"


# ---- 2. terminal escapes --------------------------------------------------------------------------


@pytest.fixture
def hostile() -> tuple[Brief, Source]:
    """The example's brief and article with escape sequences inside its first quote, offsets kept."""
    if not EXAMPLE_BRIEF.exists():
        pytest.skip("no example brief")
    brief = Brief.model_validate_json(EXAMPLE_BRIEF.read_text(encoding="utf-8"))
    source = read_path(EXAMPLE)
    n, quote = next((n, q) for n, q in enumerate(brief.quotes) if q.full and len(q.text) > len(ESCAPES))
    span = quote.spans[0]
    text = source.text[: span.start] + ESCAPES + source.text[span.start + len(ESCAPES) :]
    quotes = list(brief.quotes)
    quotes[n] = quote.model_copy(update={"text": ESCAPES + quote.text[len(ESCAPES) :]})
    return brief.model_copy(update={"quotes": quotes}), dataclasses.replace(source, text=text)


@pytest.mark.parametrize("fmt", ["rich", "markdown", "html"])
def test_no_control_character_reaches_a_text_output(hostile: tuple[Brief, Source], fmt: Any) -> None:
    brief, source = hostile
    shown = render(brief, source, fmt, color=True)
    assert "PWNED" in shown and "␛" in shown
    assert "\x1b]" not in shown and "\x07" not in shown and "\x1b[2J" not in shown and "\x9b" not in shown


def test_no_control_character_reaches_the_terminal(hostile: tuple[Brief, Source]) -> None:
    out = io.StringIO()
    print_brief(*hostile, Console(file=out, force_terminal=True, width=100, color_system="truecolor"))
    shown = out.getvalue()
    assert "PWNED-TITLE" in shown
    assert "\x1b]" not in shown and "\x07" not in shown and "\x1b[2J" not in shown and "\x9b" not in shown


def test_json_keeps_control_characters_escaped(hostile: tuple[Brief, Source]) -> None:
    brief, source = hostile
    text = render(brief, source, "json")
    assert not [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) < 0xA0]
    assert any(q["text"].startswith(ESCAPES) for q in json.loads(text)["quotes"])


def test_error_lines_show_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    error("the server said \x1b[2Jhello", "a\x1b]0;x\x07.txt")
    assert "\x1b" not in capsys.readouterr().err


# ---- 3. a brief with nothing in it ----------------------------------------------------------------


def test_an_empty_brief_fails_and_is_not_cached(server: FaultServer, tmp_path: Path) -> None:
    recorded = server.otherwise
    server.otherwise = ok({"nothing": "useful"})  # valid JSON, failing every pass's schema
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path), "SUMMARIZER_RESPONSE_FORMAT": "json_object"}
    args = ("brief", str(EXAMPLE), "-f", "json", "--base-url", server.base_url, "--model", MODEL)
    code, out, err = cli(*args, env=env)
    assert code == 1 and out == ""
    assert err.startswith("summarizer: error: ") and "empty brief" in err and "no valid answer" in err
    assert files_in(tmp_path) == [], "neither the empty brief nor the invalid answers are cached"
    server.otherwise = recorded
    code, out, err = cli(*args, env=env)
    assert code == 0, err
    assert json.loads(out)["actors"]


def test_the_library_raises_for_an_empty_brief(server: FaultServer) -> None:
    server.otherwise = ok({"nothing": "useful"})
    with pytest.raises(ExtractionError, match="empty brief"):
        summarize(read_path(EXAMPLE), **on(server, cache="off"))


# ---- 4. a deadline on the whole answer -------------------------------------------------------------


def test_the_timeout_bounds_the_whole_answer(server: FaultServer) -> None:
    server.script(trickle({"headline": "x" * 200}, every=0.2))
    backend = open_backend(Settings.from_env(**on(server, cache="off", timeout=1, max_attempts=1)))
    started = time.monotonic()
    with pytest.raises(BackendError, match=r"ReadTimeout.*--timeout"):
        ask(backend)
    assert time.monotonic() - started < 20  # the whole answer would take 40 s; no speed check
    backend.close()


def test_timeout_option(server: FaultServer) -> None:
    code, _, err = cli("brief", str(EXAMPLE), "--base-url", server.base_url, "--model", "m", "--timeout", "0")
    assert code == 2 and "--timeout" in err and "SUMMARIZER_TIMEOUT" in err


# ---- 5. credentials in the base URL ----------------------------------------------------------------


def test_a_key_in_the_base_url_is_never_shown_or_stored(server: FaultServer, tmp_path: Path) -> None:
    url = server.base_url.replace("http://", f"http://user:{PLANTED}@")
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path), "SUMMARIZER_RESPONSE_FORMAT": "json_object"}
    outputs = []
    for fmt in ("json", "markdown", "html", "rich"):
        code, out, err = cli(
            "brief", str(EXAMPLE), "-v", "-f", fmt, "--base-url", url, "--model", MODEL, env=env
        )
        assert code == 0, err
        outputs += [out, err]
    assert "***@127.0.0.1" in json.loads(outputs[0])["run"]["backend"]
    server.script(*[drop()] * 3)  # the error names the endpoint
    code, out, err = cli("brief", str(EXAMPLE), "--no-cache", "--base-url", url, "--model", MODEL, env=env)
    assert code == 1 and "***@127.0.0.1" in err
    outputs += [out, err, *(p.read_bytes().decode("utf-8", "replace") for p in files_in(tmp_path))]
    assert len(outputs) > 10 and not [o for o in outputs if PLANTED in o]
    with pytest.raises(ConfigError) as caught:
        Settings.from_env(base_url=f"ftp://user:{PLANTED}@host/v1")
    assert PLANTED not in str(caught.value)


# ---- 6. configuration errors are usage errors ------------------------------------------------------


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "inf", "abc"])
def test_a_bad_timeout_in_the_environment_exits_2(timeout: str) -> None:
    # A server that refuses connections: were the timeout accepted, nothing would run the embedded model.
    server = ("--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    code, out, err = cli("brief", str(EXAMPLE), *server, env={"SUMMARIZER_TIMEOUT": timeout})
    assert code == 2 and out == ""
    assert err.startswith("summarizer: error: ") and "SUMMARIZER_TIMEOUT" in err


def test_a_bad_url_scheme_exits_2_before_any_article_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, _, err = cli("brief", str(missing), "--base-url", "htp://localhost:8000/v1", "--model", "m")
    assert code == 2
    assert "--base-url" in err and "SUMMARIZER_BASE_URL" in err
    assert "missing.txt" not in err and len(err.splitlines()) == 1


def test_a_configuration_error_met_while_briefing_stops_the_batch_as_unconfigured() -> None:
    # The embedded model's weights, say, are found missing only once the first article needs them.
    run = Run(2)
    run.failure(ConfigError("weights missing"), Article("a.txt"))
    assert run.stopped and run.unconfigured and run.status() == 2


# ---- 7. broken bodies and cache entries ------------------------------------------------------------


def test_a_truncated_body_is_retried(server: FaultServer) -> None:
    server.script(truncated("one"), ok("two"))
    backend = open_backend(Settings.from_env(**on(server, cache="off")))
    assert ask(backend).choices[0].message.content == "two"
    server.script(*[truncated("one")] * 3)
    with pytest.raises(BackendError, match="RemoteProtocolError"):
        ask(backend)
    backend.close()


def test_a_cache_entry_of_the_wrong_shape_is_a_miss(
    server: FaultServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(ok("first"), ok("again"))
    backend = open_backend(Settings.from_env(**on(server, cache="use", cache_dir=str(tmp_path))))
    assert ask(backend).choices[0].message.content == "first"
    [entry] = files_in(tmp_path / "responses")
    entry.write_text(json.dumps({"response": {"choices": [{"message": 42}]}}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert ask(backend).choices[0].message.content == "again"
    assert "not a chat completion" in caplog.text
    assert len(server.requests) == 2
    backend.close()


def test_the_recordings_are_all_chat_completions() -> None:
    entries = sorted((RECORDINGS / "responses").rglob("*.json"))
    assert entries
    for entry in entries:
        ChatCompletion.model_validate(json.loads(entry.read_text(encoding="utf-8"))["response"])


# ---- 8. inputs, help, prefixes, sizes ---------------------------------------------------------------


def test_story_folders_hold_only_articles() -> None:
    articles, _ = expand([str(ROOT / "tests" / "articles" / "story")])
    assert [Path(a.name).name for a in articles] == [
        "a380-delivered.txt",
        "a380-in-service.txt",
        "iphone4-executive-leaves.txt",
        "iphone4-free-cases.txt",
    ]


@pytest.mark.parametrize("command", ["brief", "story", "eval"])
def test_every_command_has_examples(command: str) -> None:
    code, out, _ = cli(command, "--help")
    assert code == 0 and "Examples:" in out and f"summarizer {command} " in out


def test_eval_errors_have_the_prefix(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text("not json", encoding="utf-8")
    code, _, err = cli("eval", str(gold), "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert code == 2 and err.startswith("summarizer: error: ")


def test_a_request_too_large_for_a_server_is_refused_before_sending(server: FaultServer) -> None:
    # Small, for the article is parsed before the first request: the limit is set just above the
    # article's size, below any request's (an article over it is refused before the parse, in
    # test_long_articles.py).
    body = " ".join(["The minister said the talks would go on."] * 200)  # about 8 kB
    with pytest.raises(InputError, match="SUMMARIZER_MAX_REQUEST_BYTES"):
        summarize(body, **on(server, cache="off", max_request_bytes=len(body) + 100))
    assert server.requests == []
    assert Settings().max_request_bytes < 5_000_000
