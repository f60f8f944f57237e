"""The hall server: from the resident's press to the call on a helper's phone page.

A ``kiosk serve`` process on PostgreSQL; a signed-in helper's event stream (``/calls/live``,
what the phone page's script reads) is open. Each call is raised through the domain API
(``HelpCalls.raise_call``, what the kiosk does on a press); latency = the first server-sent
board that contains the call, as received by the client, minus the press. The call is then
cancelled so the board stays hall-sized.

Floor, measured in the same run against the same server: a bare HTTP round trip (GET of a
small static file on a kept-alive connection).

    .venv/bin/python bench/web.py [--pg postgresql+psycopg:///kiosk_test?host=/var/run/postgresql]
        [--calls 40] [--runs 5]
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.api.hall import Hall  # noqa: E402
from kiosk.assist.listen import libpq_url  # noqa: E402
from kiosk.config import load_settings  # noqa: E402
from kiosk.store.recorder import ensure_kiosk  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fresh_database(admin_url: str) -> str:
    name = f"kiosk_bench_web_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, query = admin_url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def drop_database(admin_url: str, url: str) -> None:
    name = url.partition("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Client:
    """A helper's browser, reduced to cookies and one kept-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def _headers(self) -> dict[str, str]:
        return {"cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = self._headers()
        if body is not None:
            headers["content-type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for value in response.headers.get_all("set-cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data

    def sign_in(self, staff_no: str, pin: str) -> None:
        _, page = self.request("GET", "/signin")
        token = re.search(rb'name="csrf" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode(
            {"csrf": token.group(1).decode(), "staff_no": staff_no, "pin": pin, "next": "/calls"}
        )
        status, _ = self.request("POST", "/signin", form)
        assert status == 303 and "kiosk_session" in self.cookies, "sign-in failed"

    def stream(self, events: queue.Queue[tuple[float, str]]) -> threading.Thread:
        """Read /calls/live on its own connection; every board with its arrival time."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", "/calls/live", headers=self._headers())
        response = conn.getresponse()
        assert response.status == 200

        def read() -> None:
            lines: list[str] = []
            while True:
                raw = response.fp.readline()
                if not raw:
                    return
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    lines.append(line[6:])
                elif line == "" and lines:
                    events.put((time.perf_counter(), "\n".join(lines)))
                    lines = []

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        return thread


def run(hall: Hall, client: Client, calls: int) -> tuple[list[float], list[float]]:
    events: queue.Queue[tuple[float, str]] = queue.Queue()
    client.stream(events)
    events.get(timeout=10)  # the first board, sent on connect
    latencies: list[float] = []
    for _ in range(calls):
        time.sleep(0.05)
        while not events.empty():
            events.get_nowait()
        pressed = time.perf_counter()
        call = hall.help.raise_call("kiosk-1", None)
        marker = f'id="call-{call}"'
        while True:
            at, board = events.get(timeout=10)
            if marker in board:
                latencies.append(at - pressed)
                break
        hall.help.cancel(call)
    # A fresh kept-alive connection (the sign-in's may have idled past uvicorn's keep-alive),
    # opened by one request that is not counted.
    client.conn.close()
    client.conn = http.client.HTTPConnection("127.0.0.1", client.port, timeout=10)
    client.request("GET", "/static/live.js")
    floor = []
    for _ in range(calls):
        start = time.perf_counter()
        status, _ = client.request("GET", "/static/live.js")
        floor.append(time.perf_counter() - start)
        assert status == 200
    return latencies, floor


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("KIOSK_TEST_PG_URL", ""))
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.pg:
        print("bench/web.py needs --pg URL (or KIOSK_TEST_PG_URL)", file=sys.stderr)
        return 2
    url = fresh_database(args.pg)
    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(folder), "database.url": url}
    )
    hall = Hall.open(settings)
    ensure_kiosk(hall.store.sessions, "kiosk-1", "一号机", "bench")
    hall.staff.add("9001", "测试", "2468")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "serve",
            "--data-dir",
            str(folder),
            "--db",
            url,
            "--listen",
            "127.0.0.1:0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().split()[-1])
        p50s, p95s, floors = [], [], []
        for i in range(args.runs):
            client = Client(port)
            client.sign_in("9001", "2468")
            latencies, floor = run(hall, client, args.calls)
            p50, p95 = pct(latencies, 0.5) * 1000, pct(latencies, 0.95) * 1000
            f50 = statistics.median(floor) * 1000
            p50s.append(p50)
            p95s.append(p95)
            floors.append(f50)
            print(
                f"run {i + 1}: press -> phone p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
                f"bare HTTP round trip {f50:.2f} ms"
            )
        p50, p95, floor_ms = (statistics.median(v) for v in (p50s, p95s, floors))
        print(f"median of {args.runs} runs x {args.calls} calls (PostgreSQL):")
        print(
            f"  press -> call on the phone page (SSE received): p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms (aim p95 < 300 ms: {'met' if p95 < 300 else 'MISSED'})"
        )
        print(f"  floor, bare HTTP round trip to the same server: {floor_ms:.2f} ms")
        print(f"  ratio p50 / floor: {p50 / floor_ms:.1f}x")
    finally:
        server.terminate()
        server.wait(timeout=10)
        hall.close()
        drop_database(args.pg, url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
