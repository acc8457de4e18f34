"""Bytes → text for Arabic sources: BOMs, UTF-8, then the legacy Windows Arabic code page."""
from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC = re.compile("[\u0600-\u06ff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``. Tries a BOM, strict UTF-8, then windows-1256.

    windows-1256 maps almost every byte, so a cp1256 result is only accepted when it reads as
    Arabic text (some Arabic letters, no control characters); otherwise the bytes are rejected
    rather than turned into mojibake.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise UndecodableError(f"{enc} BOM but invalid {enc}: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:4096]:
        raise UndecodableError("binary data (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise UndecodableError(f"neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor windows-1256") from None
        if _ARABIC.search(text) and not _CONTROL.search(text):
            return text, "cp1256"
        raise UndecodableError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not Arabic windows-1256 text")
