"""The settings module refuses unsafe production configurations, checked in a fresh process."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

from remedyhub.common import crypto

SRC = Path(__file__).resolve().parents[3]
GOOD_SECRET = "x" * 64


def start_django(code="", **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REMEDYHUB_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "remedyhub.conf.settings",
            "PYTHONPATH": str(SRC),
            "REMEDYHUB_ENV_FILE": "",  # a developer's .env must not decide these tests
        }
    )
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 (the tests' own code, in a fresh interpreter)
        [sys.executable, "-c", "import django; django.setup(); print('started')\n" + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production(**overrides):
    env = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "remedyhub.example",
        "REMEDYHUB_ENCRYPTION_KEYS": crypto.new_key_line("prod1").replace(" ", ":"),
        "REMEDYHUB_RECEIPT_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_a_complete_production_configuration_starts():
    result = start_django(**production())
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "complaint"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG must be off"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"REMEDYHUB_ENCRYPTION_KEYS": None}, "No encryption key"),
        ({"REMEDYHUB_ENCRYPTION_KEYS": "k1:tooshort"}, "k1"),
        ({"REMEDYHUB_RECEIPT_KEY": None}, "No receipt key"),
    ],
)
def test_production_refuses_to_start_unsafely(overrides, complaint):
    result = start_django(**production(**overrides))
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_is_the_default_when_nothing_is_said():
    result = start_django()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_an_unknown_environment_name_is_refused():
    result = start_django(DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV must be" in result.stderr


def test_a_local_env_file_fills_in_what_the_environment_does_not_say(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# a developer's checkout\nDJANGO_ENV=development\n")
    result = start_django(REMEDYHUB_ENV_FILE=str(env_file), REMEDYHUB_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    overridden = start_django(REMEDYHUB_ENV_FILE=str(env_file), DJANGO_ENV="production")
    assert overridden.returncode != 0, "the real environment wins over the file"
