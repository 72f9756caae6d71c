"""Uploaded photos are decoded, re-encoded and stripped of EXIF/GPS before they are stored."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_EDGE = 1600
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def clean_photo(upload, *, name_stem: str) -> ContentFile:
    """Return a JPEG re-encoding of ``upload`` with no metadata, or raise ValidationError in Chinese."""
    if upload.size > settings.PORTAL_MAX_PHOTO_BYTES:
        raise ValidationError(_("照片不能超过%(mb)sMB。") % {"mb": settings.PORTAL_MAX_PHOTO_BYTES // (1024 * 1024)})
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(_("只接受 JPEG、PNG、WebP 或 GIF 格式的照片。"))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("无法识别该图片文件，请上传有效的照片。")) from exc
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name=f"{name_stem}.jpg")
