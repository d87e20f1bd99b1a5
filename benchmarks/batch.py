"""Benchmark batches on a local server; prints JSON figures.

    .venv/bin/python benchmarks/batch.py [--server engine|llama-cpp-python] [--articles 8]
                                         [--concurrency 1 2 4] [--slots 4]

Writes the first ``--articles`` articles of ../shared/eval/meantime-dev.jsonl to a folder, starts the
server on 127.0.0.1 with the embedded model's weights, and at each concurrency runs the real command line
over the folder (``summarizer brief DIR --concurrency N``, cache off): articles per minute, seconds to the
first brief written, peak memory of the server and of the client, and where the CPU went: the CPU seconds
of the client and of the server over the run, and the seconds the server was idle (under a quarter of a
core, sampled each second) while the client worked (over half a core) or not.

- ``engine`` (default): ``summarizer serve --slots N`` keeps the local engine (llama.cpp's llama-server)
  warm, and each run briefs on the embedded path with ``SUMMARIZER_ENGINE=server``, which uses it. Each
  concurrency gets a server of its own, started cold: a server keeps the prompts it has read.
- ``llama-cpp-python``: llama-cpp-python's own server (its ``[server]`` extra), one request at a time,
  reached with ``--base-url``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import TextIO

from summarizer.backends.client import serve_file
from summarizer.backends.weights import DEFAULT_WEIGHTS, ensure_weights
from summarizer.evaluate.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl"
BIN = Path(sys.executable).parent
MODEL = DEFAULT_WEIGHTS.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=["engine", "llama-cpp-python"], default="engine")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--slots", type=int, default=4)
    parser.add_argument(
        "--threads", type=int, default=None, help="the engine's threads, reading and writing alike"
    )
    args = parser.parse_args()
    if args.threads is not None:
        os.environ["SUMMARIZER_THREADS"] = str(args.threads)  # `summarizer serve` reads it

    from platformdirs import user_cache_path

    weights = ensure_weights(DEFAULT_WEIGHTS, user_cache_path("summarizer") / "models")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for article in load_gold(EVAL)[: args.articles]:
            dateline = f"date {article.dateline.isoformat()}\n" if article.dateline else ""
            (folder / f"{article.id}.txt").write_text(dateline + article.text, encoding="utf-8")
        load_average = os.getloadavg()
        runs: list[dict[str, object]] = []
        ready: list[float] = []
        server_peaks: list[float] = []
        client_peaks: list[float] = []
        for n in args.concurrency:
            # A server of its own for each run: llama-server keeps the prompts it has read (its prompt
            # cache), so a run after another on the same articles would read them from memory.
            with open(Path(tmp) / f"server-{n}.log", "w") as log:
                started = time.perf_counter()
                server, base_url, pid = _start(args.server, weights, args.slots, log)
                try:
                    ready.append(round(time.perf_counter() - started, 2))
                    run, client_peak = _run(folder, Path(tmp) / f"out-{n}", base_url, n, pid)
                    runs.append(run)
                    print(json.dumps(run), file=sys.stderr, flush=True)  # a long benchmark's partial figures
                    client_peaks.append(client_peak)
                    if (peak := _peak_rss_mb(pid)) is not None:
                        server_peaks.append(peak)
                finally:
                    server.terminate()
                    server.wait(timeout=60)
    described = (
        f"the local engine (llama-server), {args.slots} slots"
        if args.server == "engine"
        else "llama-cpp-python's server, one request at a time"
    )
    figures = {
        "server": f"{described}, 127.0.0.1, embedded weights",
        "threads": args.threads or "default (backends/threads.py)",
        "articles": args.articles,
        "load_average_before": [round(x, 2) for x in load_average],
        "server_ready_seconds": ready,
        "server_peak_rss_mb": max(server_peaks, default=None),
        "client_peak_rss_mb": max(client_peaks),
        "runs": runs,
    }
    print(json.dumps(figures, indent=2))


def _start(
    kind: str, weights: Path, slots: int, log: TextIO
) -> tuple[subprocess.Popen[str], str | None, int]:
    """The server process, the base URL to pass the client (None: the embedded path finds the engine
    ``summarizer serve`` keeps), and the pid whose memory is the server's."""
    if kind == "engine":
        if serve_file().exists():
            sys.exit(f"{serve_file()} exists: stop the `summarizer serve` that wrote it first")
        server = subprocess.Popen(
            [str(BIN / "summarizer"), "serve", "--slots", str(slots), "--model-path", str(weights)],
            stderr=subprocess.PIPE,
            text=True,
        )
        assert server.stderr is not None
        line = server.stderr.readline()
        if "listens at" not in line:
            sys.exit(f"the engine did not start: {line.strip()}")
        return server, None, _engine_pid(server.pid)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            *("-m", "llama_cpp.server", "--model", str(weights), "--model_alias", MODEL),
            *("--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"),
            *("--n_threads", str(os.cpu_count())),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    _wait_ready(base_url, server)
    return server, base_url, server.pid


def _run(
    folder: Path, out: Path, base_url: str | None, concurrency: int, server: int
) -> tuple[dict[str, object], float]:
    """The figures of one run of the command line over ``folder`` on the server ``server`` (a pid), and
    the command line's peak memory."""
    env = {
        **os.environ,
        "SUMMARIZER_CONTEXT_TOKENS": "4096",
        # At concurrency 4 a request may wait behind others: this bounds a hang, not a brief.
        "SUMMARIZER_TIMEOUT": "900",
    }
    remote = []
    if base_url is None:
        # The embedded path on the engine `summarizer serve` keeps warm (the in-process model is the default).
        env["SUMMARIZER_ENGINE"] = "server"
    else:
        env["SUMMARIZER_RESPONSE_FORMAT"] = "json_object"
        remote = ["--base-url", base_url, "--model", MODEL]
    command = [
        str(BIN / "summarizer"),
        *("brief", str(folder), "--format", "json", "--output", f"{out}/"),
        *remote,
        *("--no-cache", "--quiet", "--concurrency", str(concurrency)),
    ]
    started = time.time()
    server_before = _cpu_seconds(server)
    with tempfile.TemporaryFile("w+") as stderr:
        client = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
        sampler = _Sampler(client.pid, server)
        sampler.start()
        # wait4, not wait: the command line's own peak memory and CPU, apart from the servers'.
        _, status, usage = os.wait4(client.pid, 0)
        sampler.stop.set()
        sampler.join()
        client.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        said = stderr.read().strip().splitlines()[-3:]
    seconds = time.time() - started
    written = sorted(p.stat().st_mtime for p in out.glob("*.json"))
    return {
        "concurrency": concurrency,
        "exit_code": client.returncode,
        "briefs": len(written),
        "seconds": round(seconds, 1),
        "articles_per_minute": round(len(written) / seconds * 60, 2),
        "first_brief_seconds": round(written[0] - started, 1) if written else None,
        "client_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "server_cpu_seconds": round(_cpu_seconds(server) - server_before, 1),
        **sampler.figures(),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "stderr": said,
    }, round(usage.ru_maxrss / 1024, 1)


class _Sampler(threading.Thread):
    """Each second, the CPU the client and the server used in it (in cores), to see whether the server
    waits on the client."""

    def __init__(self, client: int, server: int) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self._pids = (client, server)
        self._samples: list[tuple[float, float]] = []

    def run(self) -> None:
        last, at = [_cpu_seconds(pid) for pid in self._pids], time.perf_counter()
        while not self.stop.wait(1.0):
            now, when = [_cpu_seconds(pid) for pid in self._pids], time.perf_counter()
            client, server = (max(0.0, b - a) / (when - at) for a, b in zip(last, now, strict=True))
            self._samples.append((client, server))
            last, at = now, when

    def figures(self) -> dict[str, object]:
        idle = [client for client, server in self._samples if server < 0.25]
        return {
            "server_idle_seconds": len(idle),
            "server_idle_client_busy_seconds": sum(1 for client in idle if client > 0.5),
            # Cores used, in tenths, averaged over each tenth of the run: client / server.
            "cores_by_tenth": [
                f"{sum(c for c, _ in part) / len(part):.1f}/{sum(s for _, s in part) / len(part):.1f}"
                for part in _tenths(self._samples)
            ],
        }


def _tenths(samples: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    size = max(1, len(samples) // 10)
    return [samples[i : i + size] for i in range(0, len(samples), size)]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of ``pid`` and its threads so far; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _engine_pid(parent: int) -> int:
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent and (stat.parent / "comm").read_text().strip() == "llama-server":
                return int(stat.parent.name)
        except OSError:
            continue
    sys.exit("no llama-server under `summarizer serve`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base_url: str, server: subprocess.Popen[str]) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < 120:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}: pip install 'llama-cpp-python[server]'")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("the server did not start in 120 s")


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


if __name__ == "__main__":
    main()
