"""Fixtures for the tests that attack the whole system rather than one app."""

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()
