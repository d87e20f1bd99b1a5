"""Issue #31, what a second hostile test found between summarizer and a server: faults inside the transport
chain, odd answers, echoed keys, slow headers, unparsable URLs, answers too large. Each test failed on the
code before its fix; docs/reliability.md lists them. The servers are the fault server on 127.0.0.1
(tests/faultserver.py).
"""

from __future__ import annotations

import time
import traceback
from typing import Any

import openai
import pytest
from conftest import EXAMPLE
from faultserver import FaultServer, slow_headers, status
from typer.testing import CliRunner

from summarizer import BackendError, ConfigError, Settings, SummarizerError, summarize
from summarizer.backends.client import Backend, open_backend
from summarizer.cli import app


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
