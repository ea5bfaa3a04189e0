"""Who "it", "the company" or a bare surname stands for, when a sentence reports an agreement that way.

The program finds the reference (the subject of the reporting verb is a pronoun, a definite description
or a person) and the organisations named before it; a person's organisation is read from where the
article introduced them ("SCZONE chairman Hossam Abdel-Rahman"), so it needs no model. Otherwise the model
may CHOOSE the organisation meant from those candidates (an enum, plus "none"); without a model, or when
it fails, the nearest organisation named before the reference is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, create_model

from summariser.extract.strategies.choice.candidates import Candidate
from summariser.extract.strategies.choice.parties import party_like
from summariser.llm.base import ModelClient
from summariser.packs import active, load
from summariser.prompts import load_prompt
from summariser.schema import Usage

PROMPT_NAME = "choice_coref"
NONE = "none"
_MAX_OPTIONS = 4


@lru_cache(maxsize=16)
def _subject(language: str) -> re.Pattern[str] | None:
    """The reference right before the reporting verb, maybe with an auxiliary or adverb between, from the
    pack's `coref_*` words: the pronoun, the definite article, the nouns news copy refers to an organisation
    by ("the shipbuilder"), the conjunctions and auxiliaries around it. None: the pack has none."""
    pack = load(language)
    keys = ("coref_pronoun", "coref_article", "coref_heads", "coref_joins", "coref_auxiliaries")
    pronoun, article, heads, joins, aux = (pack.grammar(k) for k in keys)
    if not (pronoun and article and heads and joins and aux):
        return None
    return re.compile(
        rf"(?:^|[,;:]\s+|\b(?:{joins})\s+)(?P<ref>{pronoun}|{article} (?:[a-z\-]+ ){{0,2}}?(?:{heads}))\s+"
        rf"(?:(?:{aux})\s+)*$"
    )


@dataclass
class Reference:
    phrase: str  # "it", "the company", or the person's name
    options: list[Candidate]  # organisations it may stand for, most likely first


def subject_reference(text: str, anchor_start: int) -> str | None:
    """The pronoun or definite description that is the subject of the verb starting at `anchor_start`."""
    subject = _subject(active().language)
    m = subject.search(text[:anchor_start]) if subject else None
    return m.group("ref") if m else None


def _org(c: Candidate) -> bool:
    return party_like(c) and c.kind == "org"


class Affiliations:
    """The organisation each person was introduced with, gathered sentence by sentence in one pass over the
    article (a lookup never rescans the sentences before it: long articles stay linear)."""

    def __init__(self) -> None:
        self._by_person: dict[str, Candidate] = {}

    def add(self, text: str, cands: list[Candidate]) -> None:
        for k, c in enumerate(cands):
            if c.kind != "person" or c.name in self._by_person:
                continue
            before = [o for o in cands[:k] if _org(o) and 0 <= c.start - o.end <= 45]
            if before and re.fullmatch(r"(?:['’]s)?\s+(?:[\w\-().]+\s+){1,4}", text[before[-1].end : c.start]):
                self._by_person[c.name] = before[-1]

    def of(self, person: str) -> Candidate | None:
        """The organisation written right before a person's title where the article introduced them
        ("SCZONE chairman Hossam Abdel-Rahman", "ASMC Chief Executive ..."); `person` may be a surname."""
        return next((o for name, o in self._by_person.items() if name == person or name.endswith(" " + person)), None)


def affiliation(person: str, earlier: list[tuple[str, list[Candidate]]]) -> Candidate | None:
    found = Affiliations()
    for text, cands in earlier:
        found.add(text, cands)
    return found.of(person)


def antecedents(earlier: list[list[Candidate]], exclude: set[str]) -> list[Candidate]:
    """Organisations named before the reference: nearest sentence first and, within a sentence, in the order
    written (its subject comes first, names in its subordinate clauses later); no repeats, not the partner."""
    out: list[Candidate] = []
    seen = {x.casefold() for x in exclude}
    for cands in reversed(earlier):
        for c in cands:
            if _org(c) and c.name.casefold() not in seen and not (c.alias and c.alias.casefold() in seen):
                seen.add(c.name.casefold())
                out.append(c)
    return out[:_MAX_OPTIONS]


def answer_model(options: list[str]) -> type[BaseModel]:
    return create_model("Referent", organisation=(Literal[(*options, NONE)], ...))  # type: ignore[arg-type]


def resolve(client: ModelClient | None, sentence: str, context: str, ref: Reference) -> tuple[Candidate | None, Usage]:
    """The organisation `ref` stands for: the model's choice when a client is given and there is a choice
    to make, else the nearest one (the program's fallback). "none" from the model drops the mention."""
    if not ref.options:
        return None, Usage()
    if client is None or len(ref.options) == 1:
        return ref.options[0], Usage()
    names = list(dict.fromkeys(c.name for c in ref.options))
    prompt = load_prompt(PROMPT_NAME)
    messages = prompt.messages(sentence, context=context, phrase=ref.phrase, options=" | ".join(names))
    answer, usage = client.structured(answer_model(names), messages, max_tokens=48, max_reasks=1)
    chosen = answer.organisation  # type: ignore[attr-defined]  # a field of the model built for these options
    return next((c for c in ref.options if c.name == chosen), None), usage

