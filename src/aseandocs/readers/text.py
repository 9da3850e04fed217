"""Decoding the bytes of a text file: BOMs, UTF-16 without a BOM, a declared charset, UTF-8, and
TIS-620/cp874 when the bytes read as plausible Thai (the order is told in ``readers.dispatch``).

    >>> decode("แผนงาน".encode("cp874"), "plan.txt", [])
    ('แผนงาน', 'tis-620')
    >>> decode("ASEAN".encode("utf-16-le"), "plan.txt", [])
    ('ASEAN', 'utf-16-le')
"""
from __future__ import annotations

import codecs
import re

from aseandocs.errors import ReadError

__all__ = ["decode"]

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

# cp874 / TIS-620 plausibility: a Thai combining mark (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E) must
# follow a Thai consonant (U+0E01-U+0E2E) or another mark.
#   matches the "ิ" in "aิ" (a Latin-1 "é" read as cp874 turns into a tone mark after a Latin letter)
#   must not match anything in "กิจกรรม" or "น้ำ" (marks after consonants)
_ORPHAN_MARK = re.compile("(?:^|(?<=[^\u0e01-\u0e2e\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]))"
                          "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Any Thai letter or mark: U+0E01 (ก) .. U+0E5B (๛).
_THAI = re.compile("[\u0e01-\u0e5b]")
# Control characters that never occur in text: C0 except tab, LF, VT, FF, CR; DEL; C1; U+FFFD.
#   matches "\x00", "\x07", "\x85", "\ufffd"; must not match "\t", "\n", "\x0c", "ก", "A"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Bytes a surrogateescape decode could not map: U+DC80..U+DCFF, one per bad byte.
_ESCAPED = re.compile("[\udc80-\udcff]")

# Where 8-bit text starts to differ from ASCII: the first byte >= 0x80 / the first non-ASCII character.
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

_MAX_BAD_SHARE = 0.01      # more invalid bytes than this share (and _MAX_BAD_FLOOR) -> not text
_MAX_BAD_FLOOR = 4
_MAX_CONTROL_SHARE = 0.10  # more control characters than this share -> binary
_SNIFF = 4096              # bytes looked at to sniff format and UTF-16
_SAMPLE = 65536            # bytes (characters) looked at to choose between UTF-8 and cp874


# --- decoding --------------------------------------------------------------------------------
def decode(data: bytes, source: str, warnings: list[str], *,
            declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` (see the module docstring for the order); returns (text, codec name)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(data, codec, source, warnings), codec
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16, source, warnings), utf16
    if declared:
        codec = _declared_codec(declared)
        if codec is None:
            warnings.append(f"unknown declared charset {declared!r}; detected the encoding instead")
        else:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                warnings.append(f"declared charset {declared!r} does not fit the content (byte offset "
                                f"{e.start}); detected the encoding instead")
            else:
                if codec == "cp874":
                    codec = _thai_codec_name(data)
                elif codec == "cp1252" and _is_clean_thai(data):
                    codec = _thai_codec_name(data)
                    warnings.append(f"declared charset {declared!r} but the content is Thai; "
                                    f"read as {codec}")
                    text = data.decode("cp874")
                return _checked(data, codec, source, warnings, text=text), codec
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(data, "utf-8", source, warnings, text=text), "utf-8"
    try:
        thai = data.decode("cp874")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_thai(thai):
            codec = _thai_codec_name(data)
            return _checked(data, codec, source, warnings, text=thai), codec
    # Neither decodes cleanly (so bad > 0 below): judge on a sample from the first non-ASCII byte
    # which has fewer bad bytes, then decode the whole file with that one.
    high = _HIGH_BYTE.search(data)
    sample = data[high.start() if high else 0:][:_SAMPLE]
    thai, thai_bad, _ = _escaped_decode(sample, "cp874")
    codec = "utf-8"
    if _plausible_thai(thai) and thai_bad < _escaped_decode(sample, "utf-8")[1]:
        codec = "cp874"
    text, bad, first = _escaped_decode(data, codec)
    if bad > _bad_limit(data):
        raise ReadError(source, f"binary content or an unknown encoding: {bad} of {len(data)} "
                                f"bytes are not valid UTF-8, UTF-16 or TIS-620/cp874",
                        hint="if it is text, convert it to UTF-8 (e.g. iconv -t UTF-8)")
    warnings.append(f"lossy decode: {bad} invalid bytes (first at byte offset {first}); "
                    f"replaced with U+FFFD")
    return _checked(data, codec, source, warnings, text=text), codec


def _checked(data: bytes, codec: str, source: str, warnings: list[str], *,
             text: str | None = None) -> str:
    """Decode (if not yet) with ``codec``, warn about bad bytes and NULs, refuse binary content."""
    if text is None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            text = data.decode(codec, errors="replace")
            bad = text.count("\ufffd")
            if bad > _bad_limit(data):
                raise ReadError(source, f"binary content or a broken {codec} file: {bad} invalid "
                                        f"sequences in {len(data)} bytes",
                                hint="if it is text, convert it to UTF-8") from None
            warnings.append(f"lossy decode: {bad} invalid bytes (first at byte offset {e.start}); "
                            f"replaced with U+FFFD")
    if text.startswith("\ufeff"):
        text = text[1:]
    body = text.rstrip("\x00")          # NUL padding at the end is common and harmless
    controls = len(_CONTROL.findall(body))
    if body and controls > _MAX_CONTROL_SHARE * len(body):
        raise ReadError(source, f"binary content ({100 * controls // len(body)}% control "
                                f"characters), not text",
                        hint="check that the file is a text, HTML or PDF document")
    nuls = text.count("\x00")
    if nuls:
        warnings.append(f"stripped {nuls} NUL characters")
        text = text.replace("\x00", "")
    return text


def _bad_limit(data: bytes) -> float:
    return max(_MAX_BAD_SHARE * len(data), _MAX_BAD_FLOOR)


def _escaped_decode(data: bytes, codec: str) -> tuple[str, int, int]:
    """Decode with U+FFFD for bad bytes; also the number of bad bytes and the offset of the first."""
    raw = data.decode(codec, errors="surrogateescape")   # each bad byte -> one U+DC80..U+DCFF
    m = _ESCAPED.search(raw)
    if not m:
        return raw, 0, -1
    first = len(raw[:m.start()].encode(codec, errors="surrogateescape"))
    text, bad = _ESCAPED.subn("\ufffd", raw)
    return text, bad, first


def _plausible_thai(text: str) -> bool:
    """Does cp874-decoded ``text`` look like Thai (or ASCII), not Latin-1 read as Thai?"""
    high = _NON_ASCII.search(text)
    text = text[high.start() if high else 0:][:_SAMPLE]
    thai = len(_THAI.findall(text))
    return thai > 0 and len(_ORPHAN_MARK.findall(text)) <= 0.05 * thai


def _is_clean_thai(data: bytes) -> bool:
    try:
        return _plausible_thai(data.decode("cp874"))
    except UnicodeDecodeError:
        return False


def _thai_codec_name(data: bytes) -> str:
    # TIS-620 proper has nothing in 0x80-0xA0; cp874 adds "€", "…", smart quotes, dashes and NBSP.
    return "cp874" if re.search(rb"[\x80-\xa0]", data) else "tis-620"


def _declared_codec(label: str) -> str | None:
    """The Python codec for a declared charset label, following the WHATWG label table for Thai."""
    if label in ("tis-620", "tis620", "iso-8859-11", "windows-874", "x-windows-874", "dos-874",
                 "cp874"):
        return "cp874"
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


#: Byte -> 1 for the high bytes of ASCII and Thai UTF-16 units (0x00, 0x0E), 0 for any other.
_HIGH_FLAGS = bytes(1 if b in (0x00, 0x0E) else 0 for b in range(256))
#: Byte -> 1 for any byte but 0x00.
_NONZERO_FLAGS = bytes(1 if b else 0 for b in range(256))


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when the byte pattern says so, else None.

    In UTF-16 text the high byte of most code units is 0x00 (ASCII) or 0x0E (Thai), and the low
    byte rarely is; 8-bit text has no such pattern. "ASEAN" in UTF-16 LE is b"A\x00S\x00...",
    "อา" is b"\x2d\x0e\x32\x0e". The whole file must then decode (a last odd byte aside).
    """
    sample = data[:_SNIFF - _SNIFF % 2] if len(data) >= 2 else b""
    n = len(sample) // 2
    if n == 0:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for codec, highs, lows in (("utf-16-le", odds, evens), ("utf-16-be", evens, odds)):
        # units whose high byte is 0x00 or 0x0E and low byte not 0x00: one bit per unit each,
        # counted on the bits set in both (the bytes are turned into 0/1 flags first)
        high_ok = int.from_bytes(highs.translate(_HIGH_FLAGS), "big")
        low_ok = int.from_bytes(lows.translate(_NONZERO_FLAGS), "big")
        fits = (high_ok & low_ok).bit_count()
        misfits = lows.count(0) + lows.count(0x0E)
        if fits >= 0.6 * n and misfits <= 0.1 * n:
            try:
                data[:len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None
