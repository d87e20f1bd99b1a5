"""The same client at scale: every request is one vLLM's OpenAI-compatible server accepts as it is meant.

vLLM reads a chat completion request with pydantic (``vllm/entrypoints/openai/protocol.py``): it refuses a
malformed one with HTTP 400, and ignores, with only a warning in its own log, a field it does not know,
such as llama-cpp-python's ``repeat_penalty``, or a schema given the ``json_object`` way. An ignored field
is a setting silently lost: the fake below refuses those too. It answers with the embedded model's
recorded answers, so the brief must come out as the recorded one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import pytest
from conftest import EXAMPLE, RECORDINGS
from faultserver import Behaviour, FaultServer, replaying, status
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from typer.testing import CliRunner

from summarizer import Brief, read_path
from summarizer.backends.weights import DEFAULT_WEIGHTS
from summarizer.cli import app


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Message(_Strict):
    role: Literal["system", "user", "assistant"]
    content: str


class _JsonSchema(_Strict):
    name: str
    description: str | None = None
    schema_: dict[str, Any] = Field(alias="schema")
    strict: bool | None = None


class _ResponseFormat(_Strict):
    type: Literal["text", "json_object", "json_schema"]
    json_schema: _JsonSchema | None = None

    @model_validator(mode="after")
    def _schema_given(self) -> _ResponseFormat:
        if self.type == "json_schema" and self.json_schema is None:
            raise ValueError("response_format json_schema without its json_schema")
        return self


class VllmChatRequest(_Strict):
    """The fields of vLLM's ChatCompletionRequest this client may send, typed as vLLM types them."""

    messages: list[_Message] = Field(min_length=1)
    model: str
    max_tokens: int | None = Field(default=None, gt=0)
    max_completion_tokens: int | None = Field(default=None, gt=0)
    temperature: float | None = Field(default=None, ge=0)
    top_p: float | None = None
    seed: int | None = None
    stream: bool | None = None
    n: int | None = None
    stop: str | list[str] | None = None
    response_format: _ResponseFormat | None = None


@dataclass(frozen=True)
class VllmAccepts(Behaviour):
    """Refuse (400, as vLLM does) what vLLM would refuse or ignore; answer the rest from the recordings."""

    recorded: Behaviour
    problems: list[str] = field(default_factory=list)

    def act(self, handler: Any) -> None:
        body = handler.received.json
        try:
            request = VllmChatRequest.model_validate(body)
            fmt = request.response_format
            if fmt is None or fmt.json_schema is None:
                raise ValueError(f"no JSON Schema the way vLLM reads one: {body.get('response_format')}")
            Draft202012Validator.check_schema(fmt.json_schema.schema_)
        except (ValidationError, ValueError, SchemaError) as exc:
            self.problems.append(f"{type(exc).__name__}: {exc}")
            status(400, str(exc)[:200]).act(handler)
            return
        # The recordings hold the embedded model's requests, which carry the schema llama-cpp-python's way.
        recorded = {**body, "response_format": {"type": "json_object", "schema": fmt.json_schema.schema_}}
        handler.received = replace(handler.received, body=json.dumps(recorded).encode())
        self.recorded.act(handler)


@pytest.fixture
def vllm() -> Any:
    recorded = replaying(RECORDINGS / "responses", namespace=f"gguf:{DEFAULT_WEIGHTS.sha256}", delay=0.0)
    accepts = VllmAccepts(recorded)
    with FaultServer(otherwise=accepts, max_requests=60) as server:
        yield server, accepts


def test_every_request_is_what_vllm_accepts_and_the_brief_is_the_recorded_one(
    vllm: Any, recorded: Any, tmp_path: Path
) -> None:
    server, accepts = vllm
    result = CliRunner().invoke(
        app,
        [
            "brief",
            str(EXAMPLE),
            "-f",
            "json",
            "-o",
            str(tmp_path / "brief.json"),
            "--base-url",
            server.base_url,
            "--model",
            DEFAULT_WEIGHTS.name,
            "--no-cache",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert accepts.problems == []
    assert server.requests, "no request reached the server"
    written = Brief.model_validate_json((tmp_path / "brief.json").read_text())
    alone = recorded.summarize(read_path(EXAMPLE))
    assert (written.headline, written.quotes, written.actors, written.events) == (
        alone.headline,
        alone.quotes,
        alone.actors,
        alone.events,
    )
