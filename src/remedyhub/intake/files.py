"""Checking an uploaded evidence file, and removing from photos what could identify the reporter.

The type is told by the content (its first bytes and structure), never by the file's name or the
content type the browser sent. Accepted are photos (JPEG, PNG, WebP, GIF), PDFs and sound
recordings (MP3, AAC, M4A, 3GP, Ogg Vorbis/Opus, WAV, AMR, WebM/Matroska audio); video and
everything else is refused.

Photos are decoded and encoded anew from their pixels alone, so that no EXIF (GPS position, phone
make and model, time taken), XMP, ICC profile, comment or text chunk survives, nor anything
appended after the image data (a zip or script in a polyglot file).

PDFs and sound recordings are kept byte for byte as received: their metadata (a PDF's author
and software, a recording's tags, an M4A's location atom) is NOT stripped. They are therefore
stored only encrypted (``remedyhub.common.crypto.encrypt_bytes``) and shown only to the people
handling the case. A PDF with active content (scripts, launch actions, attached files) is
refused outright.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageCms, ImageOps

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_TOTAL_BYTES = 25 * 1024 * 1024
# Pixels actually decoded. A JPEG is decoded at 1/2, 1/4 or 1/8 scale when it is larger than
# MAX_SIDE, so a 50 or 108 megapixel phone photo passes while a PNG or WebP of that size (up to
# 160 MB of memory at four bytes a pixel) does not.
MAX_PIXELS = 40_000_000
MAX_SIDE = 2560
JPEG_QUALITY = 85
MAX_NAME_LENGTH = 100
# Object streams of a PDF are inflated to look for active content inside them; this bounds the
# work a crafted file (a zip bomb in a PDF) can cause.
MAX_PDF_INFLATED_BYTES = 50 * 1024 * 1024

Kind = Literal["image", "pdf", "audio"]

_MEGABYTE = 1024 * 1024


class UploadRejected(Exception):
    """An upload that cannot be accepted; ``message`` is translated and fit to show the reporter."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanFile:
    kind: Kind
    content_type: str
    extension: str
    data: bytes
    original_name: str


@dataclass(frozen=True)
class _Type:
    kind: Kind
    content_type: str
    extension: str
    pillow_format: str = ""


_JPEG = _Type("image", "image/jpeg", "jpg", "JPEG")
_PNG = _Type("image", "image/png", "png", "PNG")
_PDF = _Type("pdf", "application/pdf", "pdf")


def check_batch(sizes: list[int]) -> None:
    """Refuse a set of files that is too many or too large together.

    Call it with the sizes as received, before :func:`clean_upload`, so that nothing is decoded
    when the complaint's files are refused anyway.
    """
    if len(sizes) > MAX_FILES:
        raise UploadRejected(
            ngettext(
                "A complaint can have at most %(count)d file.",
                "A complaint can have at most %(count)d files.",
                MAX_FILES,
            )
            % {"count": MAX_FILES}
        )
    if sum(sizes) > MAX_TOTAL_BYTES:
        raise UploadRejected(
            _("The files together are larger than %(limit)s.")
            % {"limit": _megabytes(MAX_TOTAL_BYTES)}
        )


def clean_upload(name: str, data: bytes) -> CleanFile:
    """Check one uploaded file by its content; photos come back re-encoded without metadata.

    Raises :class:`UploadRejected` with a message naming the file.
    """
    shown = _display_name(name)
    if not data:
        raise UploadRejected(_("“%(name)s” is empty.") % {"name": shown})
    if len(data) > MAX_FILE_BYTES:
        raise UploadRejected(
            _("“%(name)s” is larger than %(limit)s.")
            % {"name": shown, "limit": _megabytes(MAX_FILE_BYTES)}
        )
    detected = _detect(data)
    if detected is None:
        raise UploadRejected(
            _("“%(name)s” is not a photo, PDF or sound recording.") % {"name": shown}
        )
    if detected.kind == "image":
        data, detected = _clean_image(data, detected, shown)
    elif detected.kind == "pdf":
        _check_pdf(data, shown)
    return CleanFile(
        kind=detected.kind,
        content_type=detected.content_type,
        extension=detected.extension,
        data=data,
        original_name=_stored_name(shown, detected.extension),
    )


def _megabytes(size: int) -> str:
    return _("%(size)s MB") % {"size": size // _MEGABYTE}


# Names: what the reporter's phone called the file, fit to show to staff and to store.

# Bidirectional controls can make "gpj.exe" display as "exe.jpg"; other format characters
# (zero-width joiners) are kept because Indic scripts need them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None)
_BIDI_CONTROLS.update(dict.fromkeys(range(0x2066, 0x206A), None))
_REMOVED_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}
_EXTENSION = re.compile(r"[A-Za-z0-9]{1,5}")


def _display_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        char
        for char in name.translate(_BIDI_CONTROLS)
        if unicodedata.category(char) not in _REMOVED_CATEGORIES
    )
    return name.strip()[:MAX_NAME_LENGTH]


def _stored_name(shown: str, extension: str) -> str:
    stem, dot, old_extension = shown.rpartition(".")
    if not dot or not _EXTENSION.fullmatch(old_extension):
        stem = shown
    # A leading dot would hide the file on the computer of whoever downloads it.
    stem = stem.strip(" .") or "file"
    return f"{stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(' .')}.{extension}"


# Detection by content.


def _detect(data: bytes) -> _Type | None:
    if data.startswith(b"\xff\xd8\xff"):
        return _JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _Type("image", "image/gif", "gif", "GIF")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _Type("image", "image/webp", "webp", "WEBP")
    if data.startswith(b"%PDF-"):
        return _PDF
    return _detect_audio(data)


def _detect_audio(data: bytes) -> _Type | None:
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        return _Type("audio", "audio/wav", "wav")
    if data.startswith(b"#!AMR-WB\n"):
        return _Type("audio", "audio/amr-wb", "awb")
    if data.startswith(b"#!AMR\n"):
        return _Type("audio", "audio/amr", "amr")
    if data.startswith(b"OggS"):
        return _detect_ogg(data)
    if data[4:8] == b"ftyp":
        return _detect_mp4(data)
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return _detect_matroska(data)
    start = _after_id3(data) if data.startswith(b"ID3") else 0
    if _frames_follow(data, start, _mpeg_frame_length):
        return _Type("audio", "audio/mpeg", "mp3")
    if _frames_follow(data, start, _adts_frame_length):
        return _Type("audio", "audio/aac", "aac")
    return None


def _detect_ogg(data: bytes) -> _Type | None:
    # The first page's payload names the codec; Ogg also carries video (Theora).
    if len(data) < 27:
        return None
    payload = data[27 + data[26] :]
    if payload.startswith(b"OpusHead"):
        return _Type("audio", "audio/ogg", "opus")
    if payload.startswith((b"\x01vorbis", b"Speex   ", b"\x7fFLAC")):
        return _Type("audio", "audio/ogg", "ogg")
    return None


# The major brand and compatible brands that phones' recorders write; MP4 video uses the same
# ones, so the tracks decide.
_MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"mp41", b"mp42", b"isom", b"iso2"}
_MP4_AUDIO_BRANDS |= {b"3gp4", b"3gp5", b"3gp6"}  # 3GPP: the recorders of basic phones
_MP4_HANDLER = re.compile(rb"hdlr[\x00-\xff]{8}(soun|vide)")


def _detect_mp4(data: bytes) -> _Type | None:
    size = int.from_bytes(data[:4], "big")
    if not 16 <= size <= min(len(data), 1024):
        return None
    brands = {data[8:12]} | {data[at : at + 4] for at in range(16, size - 3, 4)}
    handlers = {match[1] for match in _MP4_HANDLER.finditer(data)}
    if not brands & _MP4_AUDIO_BRANDS or handlers != {b"soun"}:
        return None
    if data[8:11] == b"3gp":
        return _Type("audio", "audio/3gpp", "3gp")
    return _Type("audio", "audio/mp4", "m4a")


_EBML_DOCTYPE = re.compile(rb"\x42\x82[\x81-\xfe](webm|matroska)")
# CodecID elements (0x86) with a short length: "A_OPUS", "A_VORBIS", "V_VP8" ... The track list
# comes first in recordings (browsers' MediaRecorder), so the head of the file is enough.
_EBML_AUDIO_CODEC = re.compile(rb"\x86[\x81-\xfe]A_")
_EBML_VIDEO_CODEC = re.compile(rb"\x86[\x81-\xfe]V_")
_EBML_HEAD = 64 * 1024


def _detect_matroska(data: bytes) -> _Type | None:
    doctype = _EBML_DOCTYPE.search(data, 0, 64)
    head = data[:_EBML_HEAD]
    if not doctype or not _EBML_AUDIO_CODEC.search(head) or _EBML_VIDEO_CODEC.search(head):
        return None
    if doctype[1] == b"webm":
        return _Type("audio", "audio/webm", "webm")
    return _Type("audio", "audio/x-matroska", "mka")


_ZERO_PADDING = re.compile(rb"\x00*")
# The length of the frame at an offset, or None when no valid frame header is there.
_FrameLength = Callable[[bytes, int], int | None]


def _after_id3(data: bytes) -> int:
    if len(data) < 10:
        return len(data)
    size = 0
    for byte in data[6:10]:
        size = size << 7 | byte & 0x7F
    footer = 10 if data[5] & 0x10 else 0
    end = 10 + size + footer
    match = _ZERO_PADDING.match(data, end)
    return match.end() if match else end


def _frames_follow(data: bytes, start: int, frame_length: _FrameLength) -> bool:
    """A valid frame header at ``start``, and another one where that frame ends.

    Four bytes alone pass by chance too often (UTF-16 text starts with FF FE); two frames in a
    row do not, and any real recording has far more than two.
    """
    first = frame_length(data, start)
    return first is not None and frame_length(data, start + first) is not None


# Bit rates in kbit/s by (MPEG-1?, layer) and sample rates by version bits.
_MPEG_BITRATES = {
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_frame_length(data: bytes, at: int) -> int | None:
    header = data[at : at + 4]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = header[1] >> 3 & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
    layer = 4 - (header[1] >> 1 & 3)  # 4 is reserved (and means ADTS)
    bitrate_index, rate_index, padding = header[2] >> 4, header[2] >> 2 & 3, header[2] >> 1 & 1
    if version == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _MPEG_BITRATES[(version == 3, layer)][bitrate_index] * 1000
    rate = _MPEG_SAMPLE_RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    if layer == 3 and version != 3:
        return 72 * bitrate // rate + padding
    return 144 * bitrate // rate + padding


def _adts_frame_length(data: bytes, at: int) -> int | None:
    header = data[at : at + 7]
    if len(header) < 7 or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
        return None
    if header[2] >> 2 & 0xF > 12:  # sampling frequency index
        return None
    length = (header[3] & 3) << 11 | header[4] << 3 | header[5] >> 5
    return length if length >= 7 else None


# Photos.


def _clean_image(data: bytes, detected: _Type, shown: str) -> tuple[bytes, _Type]:
    too_big = _("“%(name)s” is too big a picture. Please send a smaller photo.") % {"name": shown}
    try:
        with Image.open(io.BytesIO(data), formats=[detected.pillow_format]) as image:
            if detected.pillow_format == "JPEG":
                # Let libjpeg decode at a fraction of the size when the photo will be shrunk.
                image.draft(None, (MAX_SIDE, MAX_SIDE))
            if image.width * image.height > MAX_PIXELS:
                raise UploadRejected(too_big)
            image.load()
            icc_profile = image.info.get("icc_profile")
            # Shrink first, so that turning and converting work on at most MAX_SIDE squared
            # pixels instead of copying a 40 megapixel image several times. Palette and 16-bit
            # images are converted before, as they cannot be resampled smoothly.
            working = image if image.mode in _RESAMPLED_MODES else _to_output_mode(image)
            working.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            try:
                oriented = ImageOps.exif_transpose(working) or working
            except Exception:  # a broken EXIF block must not cost the photo
                oriented = working
            pixels = _to_output_mode(_to_srgb(oriented, icc_profile))
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRejected(too_big) from None
    except Exception:  # decoders raise many types on bad input; all mean it is damaged
        raise UploadRejected(
            _("“%(name)s” is damaged or not really an image.") % {"name": shown}
        ) from None
    # A new image made from the pixels alone: no info dict, hence no EXIF, XMP, ICC profile,
    # comment or text chunks for the encoder to carry over.
    clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    buffer = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(buffer, format="PNG")
        return buffer.getvalue(), _PNG
    # Screenshots (of messages, payslips) come as PNG or GIF: full-resolution colour keeps
    # their text sharp. Photos keep JPEG's usual halved colour resolution.
    subsampling = "4:2:0" if detected.pillow_format == "JPEG" else "4:4:4"
    clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, subsampling=subsampling)
    return buffer.getvalue(), _JPEG


_RESAMPLED_MODES = ("RGB", "RGBA", "L", "CMYK")


def _to_output_mode(image: Image.Image) -> Image.Image:
    """RGBA when some pixel is see-through, else RGB or L (grey)."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        opaque = rgba.getchannel("A").getextrema() == (255, 255)
        return rgba.convert("RGB") if opaque else rgba
    if image.mode.startswith("I"):
        # 16-bit grey: scale to 8 bits; a plain convert would clip nearly everything to white.
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("1", "L"):
        return image.convert("L")
    return image.convert("RGB")


_SRGB = ImageCms.createProfile("sRGB")


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Apply the photo's colour profile before it is dropped, so that colours stay right.

    Phones shoot in Display P3 and similar; without its profile such a photo looks dull.
    """
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        converted = ImageCms.profileToProfile(
            image, source, _SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unusable profile: keep the colours as they are
    return converted or image


# PDFs.

# PDF names may spell letters as #xx ("/J#61vaScript"); they are decoded before searching.
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ACTIVE_CONTENT = re.compile(
    rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia)(?=[\s/<>\[\]()%{}]|\Z)"
)
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm(?![A-Za-z0-9])")
_DICTIONARY_LOOKBACK = 4096


def _check_pdf(data: bytes, shown: str) -> None:
    """Refuse active content, also when it hides in compressed object streams."""
    active = _("“%(name)s” contains active content (such as scripts or attached files).") % {
        "name": shown
    }
    if _has_active_content(data):
        raise UploadRejected(active)
    budget = MAX_PDF_INFLATED_BYTES
    for stream in _STREAM_START.finditer(data):
        dictionary = data[max(0, stream.start() - _DICTIONARY_LOOKBACK) : stream.start()]
        dictionary = dictionary[dictionary.rfind(b" obj") + 1 :]
        if not _OBJECT_STREAM.search(_unescape_names(dictionary)):
            continue
        content = _inflate(data, stream.end(), budget)
        if content is None:
            # Unreadable to us: encrypted, another filter, damaged or a decompression bomb.
            if b"/Encrypt" in data:
                raise UploadRejected(
                    _(
                        "“%(name)s” is protected by a password or encryption, so it cannot be "
                        "checked. Please send it without protection, or a photo of it."
                    )
                    % {"name": shown}
                )
            raise UploadRejected(_("“%(name)s” is damaged or not really a PDF.") % {"name": shown})
        budget -= len(content)
        if _has_active_content(content):
            raise UploadRejected(active)


_INFLATE_CHUNK = 64 * 1024


def _inflate(data: bytes, start: int, limit: int) -> bytes | None:
    """The zlib stream at ``start``, or None when there is none or it inflates beyond ``limit``.

    The input goes in by pieces: zlib copies whatever follows the end of the stream, and the
    whole rest of the file for each of thousands of streams would take minutes.
    """
    inflater = zlib.decompressobj()
    view = memoryview(data)
    parts: list[bytes] = []
    size = 0
    for at in range(start, len(data), _INFLATE_CHUNK):
        try:
            part = inflater.decompress(view[at : at + _INFLATE_CHUNK], limit - size + 1)
        except zlib.error:
            return None
        parts.append(part)
        size += len(part)
        if size > limit:
            return None
        if inflater.eof:
            break
    return b"".join(parts)


def _unescape_names(data: bytes) -> bytes:
    return _NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data)


def _has_active_content(data: bytes) -> bool:
    return bool(_ACTIVE_CONTENT.search(_unescape_names(data)))
