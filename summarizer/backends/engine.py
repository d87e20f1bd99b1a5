"""The local serving engine: llama.cpp's own server, ``llama-server``, run by this process on 127.0.0.1.

``make install`` builds it in the same compile as llama-cpp-python (cmake/llama-server.cmake), from the
llama.cpp vendored in the pinned sdist. Unlike the in-process model it has parallel slots with continuous
batching, so several requests (a batch's articles, one brief's independent passes) are answered at once.

Its life: started on first use with the embedded weights, on a port the kernel picks (``--port 0``: no
race for a free port), ready once its log says where it listens and ``/health`` answers; stopped with the
backend. It is started from a thread that lives exactly as long as the server and with a parent-death
signal, so a parent killed outright takes its server with it: no orphan holds the model's memory. Its log
is kept under the user's cache folder, and every error names it.

``summarizer serve`` keeps one engine warm (``serving.py``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import httpx2

from ..errors import BackendError, ConfigError
from .threads import Threads

__all__ = ["EngineOptions", "LlamaServer", "find_server"]

_READY = re.compile(rb"listening on (http://127\.0\.0\.1:\d+)")
_START_SECONDS = 180.0
"""How long loading may take before the engine is given up on: a hang detector (it takes about 2 s)."""
_STOP_SECONDS = 10.0
_LOGS_KEPT = 5
_PR_SET_PDEATHSIG = 1


def find_server(configured: Path | None) -> Path:
    """The llama-server binary: the one configured, or the one installed with llama-cpp-python."""
    if configured is not None:
        if not os.access(configured, os.X_OK) or not configured.is_file():
            raise ConfigError(
                f"SUMMARIZER_LLAMA_SERVER: {configured} is not an executable file (expected llama.cpp's "
                "llama-server)"
            )
        return configured
    spec = find_spec("llama_cpp")
    if spec is not None and spec.origin is not None:
        # llama.cpp's install rules put it beside the shared libraries, at the top of site-packages.
        installed = Path(spec.origin).parent.parent / "bin" / "llama-server"
        if installed.is_file():
            return installed
    raise ConfigError(
        "the local engine (llama.cpp's llama-server) is not installed: run `make install`, which builds it "
        "with llama-cpp-python; or point SUMMARIZER_LLAMA_SERVER at a llama-server binary; or run the "
        "model in-process (--engine in-process, SUMMARIZER_ENGINE=in-process)"
    )


@dataclass(frozen=True)
class EngineOptions:
    """How an engine is started."""

    binary: Path
    model: Path
    alias: str
    """The model's name in requests and answers."""
    slots: int
    """Requests answered at once (``--parallel``); they share one KV cache (``--kv-unified``)."""
    context_tokens: int
    """Each request's window: the shared cache holds ``slots`` of them."""
    threads: Threads
    port: int = 0
    """0: a free port, chosen by the kernel."""

    def command(self) -> list[str]:
        # The in-process model's settings wherever they could change an answer: no flash attention,
        # batches of 512, a 16-bit cache (the chat template is the weights' own, as in-process).
        return [
            str(self.binary),
            *("--model", str(self.model), "--alias", self.alias),
            *("--host", "127.0.0.1", "--port", str(self.port)),
            *("--parallel", str(self.slots), "--kv-unified"),
            *("--ctx-size", str(self.slots * self.context_tokens)),
            *("--threads", str(self.threads.write), "--threads-batch", str(self.threads.read)),
            *("--batch-size", "512", "--ubatch-size", "512", "--flash-attn", "off"),
            "--no-webui",
        ]


class LlamaServer:
    """One llama-server process. :meth:`start` it (again after it died); :meth:`stop` ends it."""

    def __init__(self, options: EngineOptions, log_dir: Path) -> None:
        self.options = options
        self._log_dir = log_dir
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._exited = threading.Event()
        self.base_url = ""
        """``http://127.0.0.1:PORT`` once started."""
        self.log_path: Path | None = None
        self.start_seconds = 0.0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def alive(self) -> bool:
        return self._process is not None and not self._exited.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait up to ``timeout`` seconds for the server to end; whether it has."""
        return self._exited.wait(timeout)

    def ensure(self) -> str:
        """The engine's URL, started first if it is not running (never started, or died since)."""
        with self._lock:
            if not self.alive():
                self._start()
            return self.base_url

    def _start(self) -> None:
        started = time.perf_counter()
        self._log_dir.mkdir(parents=True, exist_ok=True)
        _prune_logs(self._log_dir)
        self.log_path = self._log_dir / f"llama-server-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        self._exited = threading.Event()
        spawned: list[subprocess.Popen[bytes] | BaseException] = []
        ready = threading.Event()
        # The thread that starts the server waits for it: the kernel's parent-death signal follows the
        # thread that forked, so that thread must live as long as the server does.
        watcher = threading.Thread(
            target=self._run,
            args=(self.log_path, spawned, ready, self._exited),
            daemon=True,
            name="summarizer-engine",
        )
        watcher.start()
        ready.wait()
        if isinstance(spawned[0], BaseException):
            raise BackendError(f"cannot start the local engine {self.options.binary}: {spawned[0]}")
        self._process = spawned[0]
        self.base_url = self._wait_ready()
        self.start_seconds = time.perf_counter() - started

    def _run(
        self,
        log_path: Path,
        spawned: list[subprocess.Popen[bytes] | BaseException],
        ready: threading.Event,
        exited: threading.Event,
    ) -> None:
        try:
            with log_path.open("wb") as log:
                process = subprocess.Popen(
                    self.options.command(),
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    # Its own session: a Ctrl-C meant for the command is not the server's; the command stops
                    # it in order.
                    start_new_session=True,
                    # Only prctl and getppid run between fork and exec.
                    preexec_fn=_die_with_parent(os.getpid()),
                )
        except OSError as exc:
            spawned.append(exc)
            ready.set()
            exited.set()
            return
        spawned.append(process)
        ready.set()
        process.wait()
        exited.set()

    def _wait_ready(self) -> str:
        """The URL the server listens on, once its model is loaded and it answers ``/health``."""
        assert self._process is not None and self.log_path is not None
        deadline = time.monotonic() + _START_SECONDS
        url = None
        while time.monotonic() < deadline:
            if self._exited.wait(0.1):
                raise BackendError(self._failure("could not start"))
            if url is None and (found := _READY.search(self.log_path.read_bytes())):
                url = found.group(1).decode()
            if url is not None:
                with contextlib.suppress(httpx2.HTTPError):
                    if httpx2.get(f"{url}/health", timeout=5).status_code == 200:
                        return url
        self.stop()
        raise BackendError(self._failure(f"did not get ready in {_START_SECONDS:.0f} s"))

    def failure(self) -> str:
        """Why the engine is not answering, for an error message."""
        return self._failure("stopped" if self._exited.is_set() else "did not answer")

    def _failure(self, what: str) -> str:
        status = self._process.returncode if self._process is not None else None
        exit_text = ""
        if status is not None:
            exit_text = (
                f" (killed by {signal.Signals(-status).name})" if status < 0 else f" (exit status {status})"
            )
        tail = ""
        if self.log_path is not None and self.log_path.exists():
            lines = self.log_path.read_text(errors="replace").splitlines()
            errors = [line for line in lines if " E " in line or "error" in line.lower()]
            tail = " | ".join((errors or lines)[-3:])
        hint = ""
        if self.options.port and "couldn't bind" in tail:
            port = self.options.port
            hint = f"; port {port} on 127.0.0.1 is in use: choose another (--port), or 0 for a free one"
        return f"the local engine (llama-server) {what}{exit_text}{hint}; its log is {self.log_path}" + (
            f": {tail}" if tail else ""
        )

    def stop(self) -> None:
        """End the server (SIGTERM, then SIGKILL if it lingers) and wait for it."""
        with self._lock:
            process = self._process
            if process is None or self._exited.is_set():
                return
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            if not self._exited.wait(_STOP_SECONDS):
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                self._exited.wait(_STOP_SECONDS)


def _die_with_parent(parent: int) -> Callable[[], None]:
    """A preexec function: the child gets SIGKILL when the thread that started it ends, and gives up at
    once if the parent is already gone."""
    libc = ctypes.CDLL(None, use_errno=True)

    def arm() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return arm


def _prune_logs(directory: Path) -> None:
    logs = sorted(directory.glob("llama-server-*.log"), key=lambda p: p.stat().st_mtime)
    for old in logs[: max(0, len(logs) - _LOGS_KEPT + 1)]:
        old.unlink(missing_ok=True)
