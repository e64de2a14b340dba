import io

import pytest
from django.core.cache import cache
from django.utils import translation
from PIL import Image


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()


def jpeg_with_gps() -> bytes:
    """A small photo that carries GPS position, camera and time in its EXIF block."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0110] = "Model 7"  # Model
    exif[0x0132] = "2026:03:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (23.0, 48.0, 0.0)
    gps[3] = "E"
    gps[4] = (90.0, 24.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def gps_photo() -> bytes:
    return jpeg_with_gps()
