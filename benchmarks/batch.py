"""Benchmark batches against a local OpenAI-compatible server; prints JSON figures.

    .venv/bin/python benchmarks/batch.py [--articles 4] [--concurrency 1 2 4]

Starts llama-cpp-python's server on 127.0.0.1 with the embedded model's weights, writes the first
``--articles`` articles of ../shared/eval/meantime-dev.jsonl to a folder, and at each concurrency runs
the real command line over it (``summarizer brief DIR --concurrency N``, cache off): articles per
minute, seconds to the first brief written, and peak memory of the server and of the client.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from summarizer.backends.weights import DEFAULT_WEIGHTS, ensure_weights
from summarizer.evaluate.gold import load_gold

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "meantime-dev.jsonl"
MODEL = "qwen2.5-coder-1.5b"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()

    from platformdirs import user_cache_path

    weights = ensure_weights(DEFAULT_WEIGHTS, user_cache_path("summarizer") / "models")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for article in load_gold(EVAL)[: args.articles]:
            dateline = f"date {article.dateline.isoformat()}\n" if article.dateline else ""
            (folder / f"{article.id}.txt").write_text(dateline + article.text, encoding="utf-8")
        port = _free_port()
        log = open(Path(tmp) / "server.log", "wb")  # noqa: SIM115 - open as long as the server runs
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(weights),
                "--model_alias",
                MODEL,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "4096",
                "--n_threads",
                str(os.cpu_count()),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://127.0.0.1:{port}/v1"
            ready = _wait_ready(base_url, server)
            runs = [_run(folder, Path(tmp) / f"out-{n}", base_url, n) for n in args.concurrency]
            server_peak = _peak_rss_mb(server.pid)
            # Read before the server is reaped: from then on it counts among the children too.
            client_peak = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(
        json.dumps(
            {
                "server": "llama-cpp-python server, 127.0.0.1, embedded weights, n_ctx 4096",
                "articles": args.articles,
                "server_ready_seconds": round(ready, 2),
                "server_peak_rss_mb": server_peak,
                "client_peak_rss_mb": client_peak,
                "runs": runs,
            },
            indent=2,
        )
    )


def _run(folder: Path, out: Path, base_url: str, concurrency: int) -> dict[str, object]:
    env = {
        **os.environ,
        "SUMMARIZER_RESPONSE_FORMAT": "json_object",
        "SUMMARIZER_CONTEXT_TOKENS": "4096",
        # The server answers one request at a time: at concurrency 4 a request waits behind three others.
        "SUMMARIZER_TIMEOUT": "900",
    }
    command = [
        str(Path(sys.executable).parent / "summarizer"),
        "brief",
        str(folder),
        "--format",
        "json",
        "--output",
        f"{out}/",
        "--base-url",
        base_url,
        "--model",
        MODEL,
        "--no-cache",
        "--quiet",
        "--concurrency",
        str(concurrency),
    ]
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.time() - started
    written = sorted(p.stat().st_mtime for p in out.glob("*.json"))
    return {
        "concurrency": concurrency,
        "exit_code": done.returncode,
        "briefs": len(written),
        "seconds": round(seconds, 1),
        "articles_per_minute": round(len(written) / seconds * 60, 2),
        "first_brief_seconds": round(written[0] - started, 1) if written else None,
        "errors": done.stderr.strip().splitlines()[-3:],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(base_url: str, server: subprocess.Popen[bytes]) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < 120:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}: pip install 'llama-cpp-python[server]'")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2):
                return time.perf_counter() - started
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
