"""Versioned prompt templates, kept as files in `prompts/` so a change of wording is a change of version.

A template is Markdown with a front-matter header (`version: whole-v2`, ...) and two sections,
`## system` and `## user`, filled with `string.Template` (`$article`): a single pass, so braces or
dollar signs inside an article are never interpreted. The version string is recorded on every result.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# Article text sits between these markers; the system prompt says what is between them is data.
ARTICLE_BEGIN = "<<<ARTICLE"
ARTICLE_END = "ARTICLE>>>"

# Placeholders a template may use without every caller filling them: blocks that are empty when unused.
OPTIONAL = {"examples": "", "hints": "", "language": "English"}

_SECTION = re.compile(r"^## (system|user)\s*$", re.MULTILINE)


class PromptError(RuntimeError):
    pass


def prompts_dir() -> Path:
    """`summariser/_prompts` in an installed wheel (pyproject force-includes it), else `prompts/` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_prompts", here.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise PromptError(f"prompt templates not found next to {here} (expected _prompts/ or ../prompts/)")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str
    meta: dict[str, str] = field(default_factory=dict)

    def messages(self, article: str, **values: str) -> list[dict[str, str]]:
        """Chat messages with the article delimited as data."""
        return [
            {"role": "system", "content": self._fill(self.system, article, values)},
            {"role": "user", "content": self._fill(self.user, article, values)},
        ]

    def _fill(self, template: str, article: str, values: dict[str, str]) -> str:
        # An article must not be able to close its own delimiter and speak as the prompt.
        safe = article.replace(ARTICLE_BEGIN, "<<<").replace(ARTICLE_END, ">>>")
        mapping = {"article": safe, "begin": ARTICLE_BEGIN, "end": ARTICLE_END, **OPTIONAL, **values}
        try:
            return string.Template(template).substitute(mapping)
        except (KeyError, ValueError) as exc:
            raise PromptError(f"prompt {self.name}: cannot fill placeholder {exc}") from exc


def parse_prompt(name: str, text: str) -> Prompt:
    meta: dict[str, str] = {}
    body = text
    if text.startswith("---"):
        try:
            header, body = text[3:].split("\n---", 1)
        except ValueError as exc:
            raise PromptError(f"prompt {name}: front matter is not closed with ---") from exc
        for line in header.strip().splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip()] = value.strip()
    if not meta.get("version"):
        raise PromptError(f"prompt {name}: no 'version:' in its front matter")
    parts = _SECTION.split(body)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if "user" not in sections:
        raise PromptError(f"prompt {name}: no '## user' section")
    return Prompt(name=name, version=meta["version"], system=sections.get("system", ""), user=sections["user"], meta=meta)


@cache
def load_prompt(name: str) -> Prompt:
    """Load `prompts/<name>.md`, e.g. `load_prompt("whole_v2")`."""
    path = prompts_dir() / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"prompt {name!r} not found: {path}") from exc
    return parse_prompt(name, text)
