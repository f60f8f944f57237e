"""``kiosk serve`` refuses what it cannot do with a message and the documented exit code."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk serve`` on a store made first, as the package's postinst makes it (the server
    refuses to make one): what is refused is then the server's own."""
    assert kiosk("db", "upgrade", "--data-dir", str(tmp_path)).returncode == 0
    return kiosk("serve", "--data-dir", str(tmp_path), *args)


def test_a_listen_address_without_a_port_is_a_usage_error(tmp_path: Path) -> None:
    done = serve(tmp_path, "--listen", "localhost")
    assert done.returncode == 2 and "expected HOST:PORT" in done.stderr
    assert "Traceback" not in done.stderr


def test_half_a_tls_configuration_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[server]\ncert_file = "/nowhere/cert.pem"\n', encoding="utf-8")
    done = serve(tmp_path, "--config", str(config), "--listen", "127.0.0.1:0")
    assert done.returncode == 2 and "cert_file and key_file go together" in done.stderr


def test_a_port_in_use_fails_with_a_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve(tmp_path, "--listen", f"127.0.0.1:{port}")
    assert done.returncode == 3 and f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
