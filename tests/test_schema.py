"""The exported JSON Schema stays in sync with the models, and every pass's schema becomes a grammar."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import RECORDINGS, ROOT

import summarizer
from summarizer.cli import Document, schema_json

SCHEMA = ROOT / "schemas" / "brief.schema.json"


@pytest.mark.parametrize("document", list(Document))
def test_exported_schemas_are_in_sync(document: Document) -> None:
    exported = ROOT / "schemas" / f"{document.value}.schema.json"
    assert exported.read_text() == schema_json(document), "run `make schema` to regenerate it"


def test_a_brief_validates_against_the_exported_schema() -> None:
    brief = summarizer.Brief(
        headline="h",
        summary="s",
        dateline=None,
        run=summarizer.RunInfo(backend="b", model="m", prompt_version="1"),
    )
    jsonschema.validate(json.loads(brief.model_dump_json()), json.loads(SCHEMA.read_text()))


def _recorded_schemas() -> list[dict[str, object]]:
    schemas = []
    for path in sorted(RECORDINGS.rglob("*.json")):
        body = json.loads(path.read_text()).get("request", {})
        response_format = body.get("response_format") or {}
        if "schema" in response_format:
            schemas.append(response_format["schema"])
    return schemas


def test_every_recorded_pass_schema_converts_to_a_grammar() -> None:
    """llama-cpp-python falls back to free JSON when a schema can't be converted; ours must convert."""
    pytest.importorskip("llama_cpp")
    from summarizer.backends.embedded import grammar_for

    schemas = _recorded_schemas()
    assert schemas, "no recordings with a schema"
    for schema in schemas:
        grammar_for(schema)


def test_exported_names_are_sorted_and_all_exist() -> None:
    assert summarizer.__all__ == sorted(summarizer.__all__)
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_prompts_ship_in_the_package() -> None:
    from summarizer import prompts

    assert prompts.render("system").strip()
    assert (Path(__file__).parent.parent / "prompts" / "VERSION").exists()


@pytest.mark.network
def test_the_wheel_carries_the_prompts(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    (wheel,) = tmp_path.glob("summarizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"summarizer/_prompts/{p.name}" for p in (ROOT / "prompts").iterdir()}
    assert templates <= names
    assert "summarizer/py.typed" in names
