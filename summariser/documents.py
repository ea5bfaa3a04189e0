"""Read an article file into a `Document`: the text the reviewer sees, its date, and its content hash.

Decisions, so that offsets stay exact and ids stay stable:
- Line endings: CRLF and lone CR become LF *before* anything else. The same article saved on Windows
  is then the same document (same id), and since every offset refers to `Document.text` (after this
  step) nothing is lost.
- Encoding: UTF-8 (a BOM is dropped). Other bytes are refused with the offending offset, not replaced:
  a replacement character inside a quote would be shown to the reviewer as grounded article text, and
  a silently different text would also get a different id than the correctly encoded file.
- Metadata: the seeds begin with " date YYYY-MM-DD " before the text. That becomes `reported`, and
  `text` is what follows, stripped of surrounding whitespace. A date that is not a real date is left in
  the text (the reviewer sees it) and `reported` stays empty.
- HTML (.html/.htm, or content that starts like an HTML page): visible text only, without script,
  style, navigation, header, footer and forms; block elements become line breaks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from summariser.schema import Document

__all__ = ["DocumentError", "document_from_text", "html_to_text", "read_document"]

_DATE_META = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|\Z)")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)


class DocumentError(Exception):
    """An article that cannot be read as text; the message says which file and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(raw: str, path: str, *, reported: dt.date | None = None) -> Document:
    """A `Document` from already decoded article text (metadata still in front of it, if any)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = _DATE_META.match(text)
    if m:
        try:
            reported = dt.date.fromisoformat(m.group(1))
            text = text[m.end() :]
        except ValueError:
            pass
    text = text.strip()
    if not text:
        raise DocumentError(path, "no article text" + (" after its metadata" if m else ""))
    return Document(id=_sha256(text), path=str(path), reported=reported, text=text)


def read_document(path: str | Path, *, max_bytes: int = 10_000_000) -> Document:
    """Read a .txt/.md (or HTML) article. Raises DocumentError with a clear message when it cannot."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise DocumentError(name, "is a directory, not an article file")
        if not p.exists():
            raise DocumentError(name, "no such file")
        if not p.is_file():
            raise DocumentError(name, "not a regular file")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(name, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise DocumentError(name, f"too large (more than {max_bytes:,} bytes)")
    if not data.strip():
        raise DocumentError(name, "empty file" if not data else "only whitespace, no article text")
    if b"\x00" in data:
        raise DocumentError(name, "binary file (contains NUL bytes), not a text article")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DocumentError(
            name, f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); convert it to UTF-8 first"
        ) from None
    if p.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(raw):
        text, reported = html_to_text(raw)
        return document_from_text(text, name, reported=reported)
    return document_from_text(raw, name)


# --- HTML -------------------------------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg",
         "head", "iframe", "button", "select"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "figure", "main"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
_DATE_KEYS = {"date", "pubdate", "publishdate", "article:published_time", "dc.date", "dcterms.date"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.reported: dt.date | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self.reported is None:
            a = {k: (v or "") for k, v in attrs}
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key in _DATE_KEYS:
                with contextlib.suppress(ValueError):  # a date we cannot read is no date
                    self.reported = dt.date.fromisoformat(a.get("content", "")[:10])
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dt.date | None]:
    """Visible text of an HTML page (paragraphs separated by blank lines) and its published date."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t\f\v\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, parser.reported
