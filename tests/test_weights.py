"""Assembling weights from numbered chunks in packages, verified by sha256, on small made-up data."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from summarizer import ConfigError
from summarizer.backends.weights import ASSEMBLING, CHECKING, Weights, ensure_weights


@pytest.fixture
def weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Weights:
    chunks = [bytes([n]) * (3000 + n) for n in range(1, 4)]
    for n, chunk in enumerate(chunks, start=1):
        data = tmp_path / "site" / f"fake_weights_part{n}" / "data"
        data.mkdir(parents=True)
        (data.parent / "__init__.py").write_text("")
        (data / f"part{n:02d}.bin").write_bytes(chunk)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    whole = b"".join(chunks)
    for n in range(1, 4):
        sys.modules.pop(f"fake_weights_part{n}", None)
    return Weights(
        name="fake",
        packages=tuple(f"fake_weights_part{n}" for n in range(1, 4)),
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
    )


def test_assembled_once_then_checked(weights: Weights, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    path = ensure_weights(weights, tmp_path / "models", lambda *a: seen.append(a))
    assert path.stat().st_size == weights.size
    assert {s for s, _, _ in seen} == {ASSEMBLING} and seen[-1][1] == weights.size
    seen.clear()
    assert ensure_weights(weights, tmp_path / "models", lambda *a: seen.append(a)) == path
    assert {s for s, _, _ in seen} == {CHECKING}
    assert not list((tmp_path / "models").glob(".*part"))


def test_a_corrupt_file_is_rebuilt(weights: Weights, tmp_path: Path) -> None:
    path = ensure_weights(weights, tmp_path / "models")
    with path.open("r+b") as f:
        f.write(b"\xff\xff")
    assert hashlib.sha256(path.read_bytes()).hexdigest() != weights.sha256
    assert ensure_weights(weights, tmp_path / "models") == path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == weights.sha256


def test_wrong_chunks_are_refused_and_leave_nothing(weights: Weights, tmp_path: Path) -> None:
    wrong = Weights(name="fake", packages=weights.packages, size=weights.size, sha256="0" * 64)
    with pytest.raises(ConfigError, match="reinstall"):
        ensure_weights(wrong, tmp_path / "models")
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_packages_say_how_to_install(weights: Weights, tmp_path: Path) -> None:
    missing = Weights(name="fake", packages=("no_such_weights_package",), size=1, sha256="0" * 64)
    with pytest.raises(ConfigError, match="make install"):
        ensure_weights(missing, tmp_path / "models")


def test_progress_says_when_the_slow_assembly_starts(capsys: pytest.CaptureFixture[str]) -> None:
    from summarizer.render.progress import weights_progress

    update = weights_progress()
    for done in (0, 5 * 10**8, 10**9):
        update(ASSEMBLING, done, 10**9)
    update(CHECKING, 10**9, 10**9)
    assert capsys.readouterr().err == f"summarizer: {ASSEMBLING}: 1.0 GB\n"
