"""gunicorn, started with the project's configuration, logs no client address or browser string."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]
AGENT = "RemedyHubProbe/9.1 (gunicorn-agent-z7k4)"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REMEDYHUB_"))}
    env.update(
        DJANGO_ENV="test",
        DJANGO_SETTINGS_MODULE="remedyhub.conf.settings",
        PYTHONPATH=str(SRC),
        REMEDYHUB_ENV_FILE="",
        REMEDYHUB_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                "python:remedyhub.conf.gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "remedyhub.conf.wsgi:application",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_access_and_error_logs_hold_no_address_agent_or_referrer(gunicorn):
    port, log = gunicorn
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={
            "User-Agent": AGENT,
            "Referer": "http://referrer.example/gunicorn-referrer-page",
            "X-Forwarded-For": "198.51.100.77",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
    # A malformed request: gunicorn's own error log would name the address.
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.sendall(b"NOT A REQUEST\r\n\r\n")
        raw.recv(1024)
    time.sleep(0.5)
    output = log.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in output, output
    assert "Invalid request from ip=[client]" in output, output
    for needle in ["127.0.0.1 ", "gunicorn-agent-z7k4", "referrer.example", "198.51.100.77"]:
        assert needle not in output, (needle, output)
