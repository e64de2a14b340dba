"""Checking uploads by their content, and photos coming out without anything that identifies."""

import dataclasses
import io
import struct
import wave
import zipfile
import zlib

import pytest
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from remedyhub.intake.files import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_SIDE,
    MAX_TOTAL_BYTES,
    UploadRejected,
    check_batch,
    clean_upload,
)

# Building files


def jpeg(image=None, **params):
    image = image or Image.new("RGB", (64, 48), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", **params)
    return out.getvalue()


def png(image, **params):
    out = io.BytesIO()
    image.save(out, "PNG", **params)
    return out.getvalue()


def exif_with_gps_and_camera():
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x0110] = "Model 7"  # Model
    exif.get_ifd(0x8769)[0x9003] = "2026:03:01 10:00:00"  # DateTimeOriginal
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"  # GPSLatitudeRef
    gps[2] = (23.0, 48.0, 15.5)  # GPSLatitude
    gps[3] = "E"
    gps[4] = (90.0, 24.0, 0.0)
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="23,48.25N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_markers(data):
    """The segment markers of a JPEG up to the image data."""
    markers, at = [], 2
    while at < len(data):
        assert data[at] == 0xFF
        marker = data[at + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def png_chunks(data):
    chunks, at = [], 8
    while at < len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        chunks.append(data[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(major, handlers, compatible=b"isom"):
    ftyp = box(b"ftyp", major + b"\x00\x00\x02\x00" + compatible)
    tracks = b"".join(
        box(b"trak", box(b"mdia", box(b"hdlr", bytes(8) + handler + bytes(12) + b"\x00")))
        for handler in handlers
    )
    return ftyp + box(b"moov", tracks) + box(b"mdat", bytes(2000))


def mp3_frames(count=3):
    # MPEG-1 layer III, 128 kbit/s, 44.1 kHz: 144 * 128000 // 44100 = 417 bytes a frame.
    return (b"\xff\xfb\x90\x00" + bytes(413)) * count


def adts_frames(count=3):
    length = 100
    header = bytes(
        [0xFF, 0xF1, 0x50, 0x80 | length >> 11, length >> 3 & 0xFF, (length & 7) << 5 | 0x1F, 0xFC]
    )
    return (header + bytes(length - 7)) * count


def wav():
    out = io.BytesIO()
    with wave.open(out, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(bytes(1600))
    return out.getvalue()


def ogg(first_packet):
    header = b"OggS\x00\x02" + bytes(8) + bytes(12) + b"\x01" + bytes([len(first_packet)])
    return header + first_packet + bytes(200)


def ebml(doctype, *codecs):
    header = b"\x1a\x45\xdf\xa3\x9f\x42\x82" + bytes([0x80 | len(doctype)]) + doctype
    tracks = b"".join(b"\xae\x90\x86" + bytes([0x80 | len(codec)]) + codec for codec in codecs)
    return header + b"\x16\x54\xae\x6b" + tracks + bytes(500)


def pdf(*objects):
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, obj) for number, obj in objects)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def object_stream(content, filter_=b"/FlateDecode", type_=b"/ObjStm"):
    data = zlib.compress(content) if filter_ == b"/FlateDecode" else content
    return b"<< /Type %s /N 1 /First 4 /Filter %s /Length %d >>\nstream\n%s\nendstream" % (
        type_,
        filter_,
        len(data),
        data,
    )


def rejection(name, data):
    with pytest.raises(UploadRejected) as caught:
        clean_upload(name, data)
    assert str(caught.value) == caught.value.message
    return caught.value.message


# Photos lose what identifies the reporter


def test_a_photo_loses_its_gps_position_camera_time_xmp_comment_and_profile():
    original = jpeg(
        exif=exif_with_gps_and_camera(),
        xmp=XMP,
        comment=b"taken at Sunrise Knit gate 2",
        icc_profile=SRGB_ICC,
    )
    assert b"Exif" in original and b"ExampleCam" in original  # the test photo does carry them

    clean = clean_upload("IMG_2031.jpg", original)

    assert (clean.kind, clean.content_type, clean.extension) == ("image", "image/jpeg", "jpg")
    for trace in (b"Exif", b"ExampleCam", b"Model 7", b"2026:03:01", b"xmpmeta", b"ns.adobe.com"):
        assert trace not in clean.data
    assert b"Sunrise" not in clean.data
    # Only the markers of bare image data: no APPn beyond JFIF (APP0), no comment (0xFE).
    assert set(jpeg_markers(clean.data)) <= {0xD8, 0xE0, 0xDB, 0xC0, 0xC4, 0xDA}
    reopened = Image.open(io.BytesIO(clean.data))
    assert len(reopened.getexif()) == 0
    assert len(reopened.getexif().get_ifd(0x8825)) == 0
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(reopened.info)
    assert reopened.size == (64, 48)


def test_a_png_loses_its_text_chunks_and_exif_and_keeps_its_transparency():
    image = Image.new("RGBA", (40, 30), (0, 90, 200, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))
    info = PngInfo()
    info.add_text("Author", "Shirin Akter")
    info.add_text("Location", "Gazipur", zip=True)
    info.add_itxt("Comment", "line 4, night shift")
    original = png(image, pnginfo=info, exif=exif_with_gps_and_camera(), icc_profile=SRGB_ICC)

    clean = clean_upload("screenshot.png", original)

    assert (clean.content_type, clean.extension, clean.original_name) == (
        "image/png",
        "png",
        "screenshot.png",
    )
    assert set(png_chunks(clean.data)) <= {"IHDR", "IDAT", "IEND"}
    for trace in (b"Shirin", b"Gazipur", b"line 4", b"ExampleCam"):
        assert trace not in clean.data
    reopened = Image.open(io.BytesIO(clean.data))
    assert reopened.mode == "RGBA" and reopened.getpixel((0, 0))[3] == 0
    assert len(reopened.getexif()) == 0
    assert reopened.text == {}
    assert not {"exif", "xmp", "comment", "icc_profile", "Author", "Comment"} & set(reopened.info)


def test_an_opaque_png_becomes_a_jpeg_without_its_text():
    info = PngInfo()
    info.add_text("Author", "Shirin Akter")
    clean = clean_upload("payslip.png", png(Image.new("RGBA", (40, 30), "white"), pnginfo=info))
    assert (clean.content_type, clean.original_name) == ("image/jpeg", "payslip.jpg")
    assert b"Shirin" not in clean.data


def test_anything_appended_to_a_photo_is_dropped():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("payload.html", "<script>alert(1)</script>")
    polyglot = jpeg() + b"<script>alert(document.cookie)</script>" + archive.getvalue()
    assert Image.open(io.BytesIO(polyglot)).size == (64, 48)  # still a valid JPEG

    clean = clean_upload("a.jpg", polyglot)

    assert b"<script" not in clean.data
    assert b"PK\x03\x04" not in clean.data
    assert clean.data.endswith(b"\xff\xd9")


def test_the_photo_is_turned_the_way_the_phone_was_held():
    image = Image.new("RGB", (60, 30), (255, 0, 0))
    image.paste((0, 0, 255), (30, 0, 60, 30))  # red left half, blue right half
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to display

    clean = Image.open(io.BytesIO(clean_upload("a.jpg", jpeg(image, exif=exif)).data))

    assert clean.size == (30, 60)
    red, _green, blue = clean.getpixel((15, 5))
    assert red > 200 and blue < 60  # the left half is now on top
    assert len(clean.getexif()) == 0


@pytest.mark.parametrize(
    ("size", "expected"),
    [((5200, 2600), (MAX_SIDE, 1280)), ((1000, 4000), (640, MAX_SIDE)), ((800, 600), (800, 600))],
)
def test_large_photos_are_scaled_down_to_the_longest_side(size, expected):
    clean = clean_upload("a.jpg", jpeg(Image.new("RGB", size, (90, 90, 90))))
    assert Image.open(io.BytesIO(clean.data)).size == expected


def test_a_picture_with_too_many_pixels_is_refused_before_decoding():
    huge = png(Image.new("1", (7000, 6000)))  # 42 megapixels, compressed to a few kilobytes
    assert len(huge) < MAX_FILE_BYTES
    assert rejection("huge.png", huge) == (
        "“huge.png” is too big a picture. Please send a smaller photo."
    )


def test_a_jpeg_claiming_billions_of_pixels_is_refused_as_a_decompression_bomb():
    data = bytearray(jpeg())
    start_of_frame = data.index(b"\xff\xc0")
    data[start_of_frame + 5 : start_of_frame + 9] = struct.pack(">HH", 60000, 60000)
    assert "too big a picture" in rejection("bomb.jpg", bytes(data))


@pytest.mark.parametrize(
    "data",
    [
        jpeg()[:200],
        b"\xff\xd8\xff\xe0" + bytes(100),
        b"\x89PNG\r\n\x1a\n" + b"not really",
        b"GIF89a<html>",
        b"RIFF\x00\x00\x00\x00WEBPVP8 junk",
    ],
)
def test_a_damaged_picture_is_refused(data):
    assert rejection("a.jpg", data) == "“a.jpg” is damaged or not really an image."


def test_gif_and_webp_become_jpeg_or_png_by_transparency():
    opaque = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 128, 0)).save(opaque, "WEBP")
    assert clean_upload("a.webp", opaque.getvalue()).content_type == "image/jpeg"

    frames = [Image.new("P", (20, 20), index) for index in (1, 2)]
    frames[0].putpalette([0, 0, 0, 255, 0, 0, 0, 0, 255] + [0] * 759)
    animated = io.BytesIO()
    frames[0].save(animated, "GIF", save_all=True, append_images=frames[1:], transparency=0)
    first_frame_only = clean_upload("a.gif", animated.getvalue())
    assert first_frame_only.content_type == "image/jpeg"  # index 0, the see-through one, unused
    assert Image.open(io.BytesIO(first_frame_only.data)).getpixel((5, 5))[0] > 200

    see_through = Image.new("P", (20, 20), 0)
    see_through.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    see_through.putpixel((5, 5), 1)
    out = io.BytesIO()
    see_through.save(out, "GIF", transparency=0)
    assert clean_upload("a.gif", out.getvalue()).content_type == "image/png"


def test_cmyk_and_16_bit_grey_pictures_come_out_viewable():
    cmyk = clean_upload("scan.jpg", jpeg(Image.new("CMYK", (20, 20), (0, 255, 255, 0))))
    assert Image.open(io.BytesIO(cmyk.data)).mode == "RGB"

    grey = Image.new("I;16", (20, 20), 32768)
    cleaned = Image.open(io.BytesIO(clean_upload("xray.png", png(grey)).data))
    assert cleaned.mode == "L"
    assert 120 <= cleaned.getpixel((5, 5)) <= 136


# The type comes from the content


@pytest.mark.parametrize(
    ("data", "content_type", "extension"),
    [
        (b"ID3\x04\x00\x00\x00\x00\x00\x14" + bytes(20) + mp3_frames(), "audio/mpeg", "mp3"),
        (
            b"ID3\x04\x00\x00\x00\x00\x00\x0a" + bytes(10) + bytes(30) + mp3_frames(),
            "audio/mpeg",
            "mp3",
        ),
        (mp3_frames(), "audio/mpeg", "mp3"),
        (adts_frames(), "audio/aac", "aac"),
        (wav(), "audio/wav", "wav"),
        (ogg(b"OpusHead\x01\x01" + bytes(9)), "audio/ogg", "opus"),
        (ogg(b"\x01vorbis" + bytes(22)), "audio/ogg", "ogg"),
        (mp4(b"M4A ", [b"soun"], compatible=b"M4A mp42isom"), "audio/mp4", "m4a"),
        (mp4(b"mp42", [b"soun"]), "audio/mp4", "m4a"),
        (mp4(b"isom", [b"soun"]), "audio/mp4", "m4a"),
        (mp4(b"3gp4", [b"soun"], compatible=b"3gp4isom"), "audio/3gpp", "3gp"),
        (b"#!AMR\n" + bytes(320), "audio/amr", "amr"),
        (b"#!AMR-WB\n" + bytes(320), "audio/amr-wb", "awb"),
        (ebml(b"webm", b"A_OPUS"), "audio/webm", "webm"),
        (ebml(b"matroska", b"A_AAC"), "audio/x-matroska", "mka"),
    ],
)
def test_sound_recordings_are_recognised_and_kept_as_received(data, content_type, extension):
    clean = clean_upload("voice note.bin", data)
    assert (clean.kind, clean.content_type, clean.extension) == ("audio", content_type, extension)
    assert clean.data == data
    assert clean.original_name == f"voice note.{extension}"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100)),
        ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("notes.txt", b"Wages were not paid."),
        ("archive.zip", b"PK\x03\x04" + bytes(100)),
        ("photo.heic", mp4(b"heic", [b"pict"], compatible=b"mif1heic")),
        ("video.mp4", mp4(b"isom", [b"vide", b"soun"])),
        ("video.3gp", mp4(b"3gp4", [b"vide", b"soun"], compatible=b"3gp4")),
        ("video.webm", ebml(b"webm", b"V_VP8", b"A_OPUS")),
        ("video.ogv", ogg(b"\x80theora" + bytes(20))),
        ("noise.mp3", b"\xff\xfb\x90\x00" + bytes(100) + b"\x00\x00\x00\x00" + bytes(400)),
        ("tag-only.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x0a" + bytes(10)),
        ("utf16.txt", "\ufeffhello".encode("utf-16-le")),
        ("late.pdf", b"\n\n%PDF-1.7\n" + bytes(100)),
        ("movie.avi", b"RIFF\x00\x00\x00\x00AVI LIST"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, data):
    assert rejection(name, data) == f"“{name}” is not a photo, PDF or sound recording."


def test_the_name_does_not_decide_the_type():
    clean = clean_upload("payslip.exe", pdf((1, b"<< /Type /Catalog >>")))
    assert (clean.kind, clean.original_name) == ("pdf", "payslip.pdf")
    assert rejection("photo.jpg", b"MZ" + bytes(100)) == (
        "“photo.jpg” is not a photo, PDF or sound recording."
    )


def test_a_cleaned_file_cannot_be_changed_afterwards():
    clean = clean_upload("a.jpg", jpeg())
    with pytest.raises(dataclasses.FrozenInstanceError):
        clean.data = b"other"


# PDFs


def test_a_plain_pdf_is_kept_as_received():
    out = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(out, "PDF")
    clean = clean_upload("letter.pdf", out.getvalue())
    assert (clean.kind, clean.content_type, clean.extension) == ("pdf", "application/pdf", "pdf")
    assert clean.data == out.getvalue()


@pytest.mark.parametrize(
    "objects",
    [
        [(1, b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>")],
        [(1, b"<< /Type /Catalog /OpenAction 2 0 R >>"), (2, b"<< /S /JS/JS(x) >>")],
        [(1, b"<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>")],
        [(1, b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>")],
        [(1, b"<< /Type /Catalog >>"), (2, b"<< /Type /EmbeddedFile /Length 0 >>")],
        [(1, b"<< /Type /Catalog /AA << /O << /S /J#61va#53cript /J#53 (x) >> >> >>")],
        [(1, b"<< /Type /Catalog >>"), (2, object_stream(b"3 0 << /S /JavaScript /JS (x) >>"))],
        [
            (1, b"<< /Type /Catalog >>"),
            (2, object_stream(b"3 0 << /S /Launch >>", type_=b"/Obj#53tm")),
        ],
    ],
)
def test_a_pdf_with_active_content_is_refused(objects):
    assert rejection("notice.pdf", pdf(*objects)) == (
        "“notice.pdf” contains active content (such as scripts or attached files)."
    )


def test_a_pdf_whose_object_streams_cannot_be_read_is_refused():
    hidden = object_stream(b"garbled", filter_=b"/LZWDecode")
    encrypted = pdf((1, b"<< /Type /Catalog >>"), (2, hidden), (3, b"<< /Encrypt 4 0 R >>"))
    assert rejection("payslip.pdf", encrypted) == (
        "“payslip.pdf” is protected by a password or encryption, so it cannot be checked. "
        "Please send it without protection, or a photo of it."
    )
    assert rejection("broken.pdf", pdf((1, b"<< /Type /Catalog >>"), (2, hidden))) == (
        "“broken.pdf” is damaged or not really a PDF."
    )


def test_a_pdf_with_a_decompression_bomb_in_an_object_stream_is_refused():
    bomb = pdf((1, b"<< /Type /Catalog >>"), (2, object_stream(bytes(60 * 1024 * 1024))))
    assert len(bomb) < 100_000
    assert "damaged" in rejection("bomb.pdf", bomb)


def test_harmless_pdf_names_that_start_like_active_ones_pass():
    clean = clean_upload("form.pdf", pdf((1, b"<< /Type /Catalog /JSONData 2 0 R /Launcher 1 >>")))
    assert clean.kind == "pdf"


# Sizes and numbers


def test_an_empty_file_is_refused():
    assert rejection("a.jpg", b"") == "“a.jpg” is empty."


def test_a_file_over_the_limit_is_refused_before_its_content_is_looked_at():
    assert rejection("big.jpg", b"MZ" + bytes(MAX_FILE_BYTES)) == "“big.jpg” is larger than 10 MB."


def test_a_file_of_exactly_the_limit_is_accepted():
    data = b"%PDF-1.7\n"
    assert clean_upload("a.pdf", data + b" " * (MAX_FILE_BYTES - len(data))).kind == "pdf"


def test_a_complaint_takes_five_files_of_25_megabytes_together():
    check_batch([5 * 1024 * 1024] * MAX_FILES)
    check_batch([])
    with pytest.raises(UploadRejected) as too_many:
        check_batch([1] * (MAX_FILES + 1))
    assert too_many.value.message == "A complaint can have at most 5 files."
    with pytest.raises(UploadRejected) as too_large:
        check_batch([MAX_TOTAL_BYTES - 1, 2])
    assert too_large.value.message == "The files together are larger than 25 MB."


# Names


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("IMG_2031.JPG", "IMG_2031.jpg"),
        ("C:\\Users\\shirin\\Desktop\\wage slip.png", "wage slip.jpg"),
        ("../../etc/passwd", "passwd.jpg"),
        ("\u202egpj.exe", "gpj.jpg"),
        ("bad\x00na\nme\t.jpeg", "badname.jpg"),
        (".hidden.jpg", "hidden.jpg"),
        ("", "file.jpg"),
        ("...", "file.jpg"),
        ("Report v1.2 final", "Report v1.2 final.jpg"),
        ("বেতন রসিদ.jpg", "বেতন রসিদ.jpg"),
        ("x" * 300 + ".jpg", "x" * 96 + ".jpg"),
    ],
)
def test_the_stored_name_is_a_safe_basename_with_the_detected_extension(name, stored):
    assert clean_upload(name, jpeg()).original_name == stored


def test_the_message_names_the_file_without_its_folders_or_control_characters():
    assert rejection("C:\\private\\x\u202e.exe", b"MZ") == (
        "“x.exe” is not a photo, PDF or sound recording."
    )
