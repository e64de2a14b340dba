import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    # A real unreachable server (nothing listens on port 1), in a separate process.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['database'])"
    )
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "remedyhub.conf.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "REMEDYHUB_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["503", "unreachable"]
