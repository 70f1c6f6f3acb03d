"""What may be attached to a work order, checked before anything is written: photos (JPEG,
PNG; HEIC converted to JPEG when pillow-heif is installed) and PDFs, under a size limit, each
with a small PNG thumbnail made here (the caller runs it off the GUI thread)."""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from dataclasses import dataclass

from ...domain.errors import ValidationError
from ...domain.text import check_text

KINDS = ("before", "after", "signoff", "other")
"""Which step of the work an attachment shows: before and after the repair, the resident's
sign-off, or anything else."""
DEFAULT_MAX_MB = 10
MAX_MB_RANGE = (1, 100)
MAX_MB_SETTING = "attachments.max_mb"
"""The installation setting (table ``settings``) every seat and command applies."""
THUMBNAIL_PX = 240
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time


@dataclass(frozen=True)
class CheckedFile:
    """A file ready to store: what it is, its bytes (a HEIC photo as JPEG) and thumbnail."""

    file_name: str
    media_type: str
    content: bytes
    thumbnail: bytes
    sha256: str


def sniff(data: bytes) -> str | None:
    """The media type the file's first bytes say, whatever its name: jpeg, png, heic, pdf."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic"
    return None


def mb(size: int) -> str:
    """A size in megabytes as people read it (one decimal)."""
    return f"{size / 1_048_576:.1f}"


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError.of(
            "attachment kind '{kind}': use one of {kinds}", kind=kind, kinds=KINDS
        )
    return kind


def max_mb_from(stored: str | None) -> int:
    """The stored setting's value, or the default when it is not set or cannot be read
    (written by hand): never a limit outside ``MAX_MB_RANGE``."""
    low, high = MAX_MB_RANGE
    try:
        value = int(stored) if stored is not None else DEFAULT_MAX_MB
    except ValueError:
        return DEFAULT_MAX_MB
    return value if low <= value <= high else DEFAULT_MAX_MB


def checked_max_mb(value: str) -> int:
    """The size limit from what a person typed: a whole number of MB within ``MAX_MB_RANGE``,
    or a ValidationError naming the setting and the range."""
    low, high = MAX_MB_RANGE
    try:
        mb_ = int(value.strip())
    except ValueError:
        raise ValidationError.of(
            "{name}: a whole number of MB, not {value!r}", name=MAX_MB_SETTING, value=value
        ) from None
    if not low <= mb_ <= high:
        raise ValidationError.of(
            "{name}: between {lo} and {hi} MB, not {mb}",
            name=MAX_MB_SETTING,
            lo=low,
            hi=high,
            mb=mb_,
        )
    return mb_


def check_file(file_name: str, data: bytes, max_mb: int = DEFAULT_MAX_MB) -> CheckedFile:
    """Check a file and make its thumbnail, or refuse it naming the file and what to do.

    Raises:
        ValidationError: an empty or too large file, a type that is neither a photo nor a PDF,
            a HEIC photo that cannot be converted here, a damaged image or PDF.
    """
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    check_text(name, "file name", max_length=255)
    if not name:
        raise ValidationError.of("the attachment has no file name")
    low, high = MAX_MB_RANGE
    max_mb = min(max(max_mb, low), high)
    if not data:
        raise ValidationError.of("{file} is empty: nothing to attach", file=name)
    if len(data) > max_mb * 1_048_576:
        raise ValidationError.of(
            "{file} is {size} MB, over the limit of {limit} MB per file: attach a smaller "
            "photo or PDF (the limit is the installation setting attachments.max_mb: Settings "
            "in the console, 'ops-console settings set' on the command line)",
            file=name,
            size=mb(len(data)),
            limit=max_mb,
        )
    media_type = sniff(data)
    if media_type is None:
        raise ValidationError.of(
            "{file} is not a photo (JPEG, PNG, HEIC) or a PDF: save it as one of these "
            "and attach it again",
            file=name,
        )
    if media_type == "application/pdf":
        thumbnail = _pdf_thumbnail(name, data)
    else:
        if media_type == "image/heic":
            data, name = _heic_to_jpeg(name, data), _renamed(name, ".jpg")
            media_type = "image/jpeg"
        thumbnail = _image_thumbnail(name, data)
    return CheckedFile(name, media_type, data, thumbnail, hashlib.sha256(data).hexdigest())


def _renamed(name: str, suffix: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem + suffix


def _damaged_image(name: str) -> ValidationError:
    return ValidationError.of(
        "{file} is not a readable image (damaged or cut short): take or export the photo "
        "again and attach the new file",
        file=name,
    )


def _open_image(name: str, data: bytes) -> object:
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            # a "decompression bomb" (a few KB that unpack to gigapixels) is refused, not drawn
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()  # the structure and checksums, without decoding the pixels
            image = Image.open(io.BytesIO(data))
            image.load()  # every pixel: a file cut short fails here
            return ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:  # fmt: skip
        raise _damaged_image(name) from exc


def _png(image: object) -> bytes:
    from PIL import Image

    assert isinstance(image, Image.Image)
    thumb = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    out = io.BytesIO()
    thumb.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _image_thumbnail(name: str, data: bytes) -> bytes:
    return _png(_open_image(name, data))


def _heic_to_jpeg(name: str, data: bytes) -> bytes:
    try:
        from pillow_heif import register_heif_opener
    except ImportError as exc:
        raise ValidationError.of(
            "{file} is a HEIC photo and this installation cannot convert it: export it as "
            "JPEG (on an iPhone: Settings, Camera, Formats, Most Compatible) and attach that",
            file=name,
        ) from exc
    from PIL import Image

    register_heif_opener()
    image = _open_image(name, data)
    assert isinstance(image, Image.Image)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def _pdf_thumbnail(name: str, data: bytes) -> bytes:
    import pypdfium2 as pdfium
    from PIL import Image

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise ValidationError.of(
                "{file} is not a readable PDF (damaged, cut short or protected by a "
                "password): save it again as a PDF and attach the new file",
                file=name,
            ) from exc
        try:
            if len(doc) == 0:
                raise ValidationError.of("{file} is a PDF without pages", file=name)
            page = doc[0]
            width, height = page.get_size()
            scale = THUMBNAIL_PX / max(width, height, 1.0)
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = Image.frombuffer(
                "RGB", (bitmap.width, bitmap.height), bytes(bitmap.buffer), "raw", "RGB",
                bitmap.stride, 1,
            )  # fmt: skip
            return _png(image)
        finally:
            doc.close()
