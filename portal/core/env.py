"""Reading PORTAL_* environment variables for the settings module, with clear errors for bad values."""

import base64
import binascii
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env(name: str, default: str = "") -> str:
    """A PORTAL_ variable; NAME_FILE, when set, names a file that holds the value (for secrets)."""
    file_path = os.environ.get(f"PORTAL_{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(f"PORTAL_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"PORTAL_{name} must be a boolean, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"PORTAL_{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env(name, "")
    if not value.strip():
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"PORTAL_{name} must be one of {', '.join(sorted(choices))}, not {value!r}")
    return value


def sm4_key(name: str, value: str) -> bytes:
    """A 16-byte SM4 key from its base64 form."""
    try:
        key = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"PORTAL_{name} must be base64") from exc
    if len(key) != 16:
        raise ImproperlyConfigured(f"PORTAL_{name} must hold 16 bytes (an SM4 key), not {len(key)}")
    return key
