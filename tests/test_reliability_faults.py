"""Issue #31, what a second hostile test found between summarizer and a server: faults inside the transport
chain, odd answers, echoed keys, slow headers, unparsable URLs, answers too large. Each test failed on the
code before its fix; docs/reliability.md lists them. The servers are the fault server on 127.0.0.1
(tests/faultserver.py).
"""

from __future__ import annotations

import errno
import gzip
import json
import logging
import time
import traceback
import tracemalloc
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from conftest import EXAMPLE, RECORDINGS
from faultserver import (
    Behaviour,
    FaultServer,
    completion,
    large,
    ok,
    raw,
    replaying,
    slow_headers,
    status,
    unavailable,
)
from typer.testing import CliRunner

from summarizer import BackendError, ConfigError, Settings, SummarizerError, summarize
from summarizer.backends import transports
from summarizer.backends.client import Backend, open_backend
from summarizer.backends.errors import backend_error
from summarizer.backends.weights import DEFAULT_WEIGHTS
from summarizer.cli import app
from summarizer.config import Options
from summarizer.store import JsonStore

ANSWER = json.dumps(completion("{}")).encode()


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fiftieth of the backoff between retries."""
    real = transports.backoff
    monkeypatch.setattr(transports, "backoff", lambda state: float(real(state)) / 50)


def recorded() -> Behaviour:
    """Answers as the embedded model gave them (the recordings)."""
    return replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=0)


def on(server: FaultServer, **options: Any) -> Options:
    """Options for a Summarizer on ``server``, in the form the recordings were made in, cache off."""
    given: Options = {
        "base_url": server.base_url,
        "model": DEFAULT_WEIGHTS.name,
        "response_format": "json_object",
        "cache": "off",
    }
    given.update(options)
    return given


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """A command's exit status, stdout and stderr; never a crash."""
    result = CliRunner().invoke(app, list(args), env=env)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def ask(backend: Backend) -> Any:
    """One chat completion straight from the openai client; our own error raised in a transport is raised
    as itself, as extract.Session unwraps it, not as openai's "Connection error." wrapping it."""
    try:
        return backend.openai.chat.completions.create(model="m", messages=[{"role": "user", "content": "?"}])
    except openai.APIConnectionError as exc:
        if isinstance(exc.__cause__, SummarizerError):
            raise exc.__cause__ from None
        raise


# ---- 8. a base URL that cannot be parsed -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("http://admin:pa/ssw0rd@127.0.0.1:8000/v1", "ssw0rd"),  # a slash in the password
        ("http://127.0.0.1:8000:9000/v1", None),  # a second port
        ("http://admin:s3cret@127.0.0.1:80a0/v1", "s3cret"),  # a port that is no number
        ("http://[127.0.0.1/v1", None),  # an IPv6 bracket never closed
    ],
)
def test_a_base_url_that_cannot_be_parsed_is_a_config_error(url: str, secret: str | None) -> None:
    with pytest.raises(ConfigError, match="base_url=") as caught:
        Settings.from_env(base_url=url, model="m")
    assert secret is None or secret not in str(caught.value)
    code, out, err = cli("brief", str(EXAMPLE), "--base-url", url, "--model", "m")
    assert code == 2 and out == ""
    assert err.startswith("summarizer: error: ") and "--base-url" in err and len(err.splitlines()) == 1
    assert secret is None or secret not in err


def test_a_base_url_with_credentials_still_works(monkeypatch: Any) -> None:
    settings = Settings.from_env(base_url="http://user:pa%2Fss@127.0.0.1:8000/v1", model="m")
    assert settings.shown_base_url == "http://***@127.0.0.1:8000/v1"


# ---- 6. a key echoed by the server ---------------------------------------------------------------------

KEY = "sk-proj-PLANTED0123456789abcdef"


@pytest.mark.parametrize(
    "echo",
    [
        f"Incorrect API key provided: {KEY}. You can find your API key at https://example.invalid.",
        f"Incorrect API key provided: {KEY[:7]}*****{KEY[-4:]}, or {KEY}",
        "your key sk-other-ECHOED0123456789 is not valid here",  # not the configured key: sk-style
    ],
)
def test_a_key_echoed_by_the_server_is_never_shown(echo: str, tmp_path: Any) -> None:
    with FaultServer(otherwise=status(401, echo)) as server:
        with pytest.raises(BackendError) as caught:
            summarize(EXAMPLE.read_text(encoding="utf-8"), base_url=server.base_url, model="m", api_key=KEY)
        env = {"SUMMARIZER_API_KEY": KEY, "SUMMARIZER_CACHE_DIR": str(tmp_path)}
        for verbose in ([], ["-v"]):
            code, out, err = cli(
                "brief", str(EXAMPLE), "--base-url", server.base_url, "--model", "m", *verbose, env=env
            )
            assert code == 1 and "HTTP 401" in err and "***" in err
            assert "PLANTED" not in err + out and "ECHOED" not in err + out
    message = "".join(traceback.format_exception(caught.value))
    assert "HTTP 401" in message and "PLANTED" not in message and "ECHOED" not in message


# ---- 7. the timeout bounds the headers too ---------------------------------------------------------------


def test_the_timeout_bounds_an_answer_whose_headers_trickle() -> None:
    """Headers sent a byte every half second (about 110 bytes: a minute) with a timeout of 1 s and two
    attempts: each attempt ends at its timeout. The bound below detects a hang; it is no speed check."""
    with FaultServer(otherwise=slow_headers({"headline": "x"}, every=0.5)) as server:
        backend = open_backend(
            Settings.from_env(base_url=server.base_url, model="m", timeout=1, max_attempts=2)
        )
        started = time.monotonic()
        with pytest.raises(BackendError, match=r"ReadTimeout.*after 2 attempts.*--timeout"):
            ask(backend)
        assert time.monotonic() - started < 30
        backend.close()
    assert len(server.requests) == 2


# ---- 3. faults inside the transport chain, each with its own message ------------------------------------


@pytest.mark.parametrize("where", ["a file", "under a file", "/proc"])
def test_a_cache_folder_that_cannot_be_written_is_a_config_error_before_any_article(
    where: str, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    folder = {"a file": tmp_path / "file", "under a file": tmp_path / "file" / "cache"}.get(
        where,
        Path("/proc/summarizer-cache"),  # cannot be made, even by root
    )
    with FaultServer() as server:
        with pytest.raises(ConfigError, match="SUMMARIZER_CACHE_DIR") as caught:
            summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server, cache="use", cache_dir=str(folder)))
        assert server.requests == [], "no tokens spent"
        env = {"SUMMARIZER_CACHE_DIR": str(folder)}
        missing = tmp_path / "missing.txt"
        code, out, err = cli("brief", str(missing), "--base-url", server.base_url, "--model", "m", env=env)
    assert code == 2 and out == "" and "missing.txt" not in err and len(err.splitlines()) == 1
    assert "SUMMARIZER_CACHE_DIR" in err and "--no-cache" in err and str(folder) in err
    assert "Connection error" not in str(caught.value)


def test_a_cache_that_fails_after_the_answer_keeps_the_brief(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The disk fills up once the server has answered: the answers (tokens spent) still make the brief,
    and the log says why nothing was cached."""

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with FaultServer(otherwise=recorded()) as server:
        monkeypatch.setattr(JsonStore, "put", full)
        with caplog.at_level(logging.WARNING, logger="summarizer"):
            brief = summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server, cache="use"))
    assert brief.headline and brief.quotes
    assert "No space left on device" in caplog.text and "not cached" in caplog.text


def test_a_model_path_that_is_not_gguf_is_a_config_error_before_any_article(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("<html>a download page, not the weights</html>", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a GGUF model"):
        summarize(EXAMPLE.read_text(encoding="utf-8"), model_path=fake, cache="off")
    code, out, err = cli("brief", str(tmp_path / "missing.txt"), "--model-path", str(fake))
    assert code == 2 and out == "" and "missing.txt" not in err
    assert "not a GGUF model" in err and "--model-path" in err


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (raw(ANSWER, headers=(("Content-Encoding", "gzip"),)), "Content-Encoding"),  # a plain body
        (raw(b'{"choices": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"), "nested too deep"),
    ],
    ids=["gzip-header-on-a-plain-body", "body-nested-200000-deep"],
)
def test_a_broken_body_is_a_backend_error_saying_what_is_wrong(body: Behaviour, said: str) -> None:
    with FaultServer(otherwise=body) as server, pytest.raises(BackendError, match=said) as caught:
        summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server))
    assert "Connection error" not in str(caught.value) and server.base_url in str(caught.value)


def test_a_gzip_answer_is_read() -> None:
    """A control: the answer is decoded once, where it is read, and its headers say so."""
    body = gzip.compress(json.dumps(completion("hello")).encode())
    with FaultServer(otherwise=raw(body, headers=(("Content-Encoding", "gzip"),))) as server:
        backend = open_backend(Settings.from_env(**on(server)))
        assert ask(backend).choices[0].message.content == "hello"
        backend.close()


def test_a_fault_met_inside_the_transport_chain_is_named() -> None:
    """Whatever fails under the openai client is named by its type and words, not "Connection error."."""
    error = backend_error(_wrapped(ValueError("Failed to load model from file: /m.gguf")))
    assert "ValueError: Failed to load model from file: /m.gguf" in str(error)


def _wrapped(cause: Exception) -> openai.APIConnectionError:
    request = httpx2.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
    try:
        raise openai.APIConnectionError(request=request) from cause
    except openai.APIConnectionError as exc:
        return exc


# ---- 4. odd answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("odd", "said"),
    [
        (raw(json.dumps({**completion("{}"), "choices": []}).encode()), "no choices"),
        (
            raw(b'{"error": {"message": "upstream overloaded, try later", "type": "proxy"}}'),
            "upstream overloaded",
        ),
    ],
    ids=["no-choices", "an-error-in-a-200"],
)
def test_an_answer_with_no_choices_is_retried_then_a_backend_error(odd: Behaviour, said: str) -> None:
    with FaultServer(otherwise=recorded()) as server:
        server.script(odd)  # once: the retry gets the answer
        brief = summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server))
        assert brief.headline and len(server.requests) > 1
    with FaultServer(otherwise=odd) as server:
        with pytest.raises(BackendError, match=said):
            summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server, max_attempts=2))
        assert len(server.requests) == 2


def test_content_nested_too_deep_is_a_backend_error() -> None:
    with (
        FaultServer(otherwise=ok("[" * 100_000 + "]" * 100_000)) as server,
        pytest.raises(BackendError, match="nested too deep"),
    ):
        summarize(EXAMPLE.read_text(encoding="utf-8"), **on(server))


# ---- decided: a cap on the size of an answer ------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        large(300_000_000),
        raw(gzip.compress(b" " * 400_000_000), headers=(("Content-Encoding", "gzip"),)),  # 400 kB: 400 MB
    ],
    ids=["300-MB", "gzip-bomb"],
)
def test_an_answer_over_the_cap_is_refused_and_never_held_whole(body: Behaviour) -> None:
    with FaultServer(otherwise=body) as server:
        backend = open_backend(Settings.from_env(**on(server)))
        tracemalloc.start()
        try:
            with pytest.raises(BackendError, match="over the 10 MB"):
                ask(backend)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            backend.close()
    assert peak < 150_000_000, f"{peak / 1e6:.0f} MB held"
    assert len(server.requests) == 1, "not retried: the same request gets the same answer"


# ---- decided: max_attempts from the command line and the environment --------------------------------------


def test_max_attempts_from_the_command_line_and_the_environment() -> None:
    with FaultServer(otherwise=unavailable(), max_requests=100) as server:
        args = ("brief", str(EXAMPLE), "--base-url", server.base_url, "--model", "m", "--no-cache")
        for option, env, asked in (
            (["--max-attempts", "2"], {}, 2),
            ([], {"SUMMARIZER_MAX_ATTEMPTS": "1"}, 1),
        ):
            before = len(server.requests)
            code, _, err = cli(*args, *option, env=env)
            assert code == 1 and "HTTP 503" in err
            assert len(server.requests) - before == asked
        before = len(server.requests)
        code, _, _ = cli(*args, "--max-attempts", "1", env={"SUMMARIZER_MAX_ATTEMPTS": "5"})
        assert code == 1 and len(server.requests) - before == 1, "the option wins over the variable"
    for wrong in ("0", "-1", "many"):
        code, out, err = cli(*args, env={"SUMMARIZER_MAX_ATTEMPTS": wrong})
        assert code == 2 and out == "" and "SUMMARIZER_MAX_ATTEMPTS" in err and "--max-attempts" in err
    assert Settings.from_env(max_attempts="4").max_attempts == 4
