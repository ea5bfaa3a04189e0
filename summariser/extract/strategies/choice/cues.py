"""Words that make a sentence a candidate report of an agreement, and the options they leave open.

Each cue narrows what the model may answer: a sentence that says "memorandum" offers the type
memorandum_of_understanding, one that says "plan to sign" offers the status planned. When a sentence
carries one cue of a kind the answer is settled in code; the model chooses only where several remain.
Every word comes from the language pack of the document (packs/<lang>.toml); a pack without a grammar
pattern simply skips the rule that needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.packs import Pack, active
from summariser.schema import AgreementType, Status


@dataclass
class Cues:
    types: list[AgreementType]  # in order of specificity
    statuses: list[Status]
    anaphor_end: int  # end of the opening "The agreement" (0 when the sentence does not open so)
    refers_back: bool = False  # the sentence names its agreement only definitely ("the agreement"), anywhere

    @property
    def rules(self) -> list[str]:
        """The cue rules that fired, named as in the pack ("type.contract", "status.signed")."""
        return [f"type.{t}" for t in self.types] + [f"status.{s}" for s in self.statuses]


def _matches(pattern: re.Pattern[str], text: str, skip_before: int) -> bool:
    return any(m.start() >= skip_before for m in pattern.finditer(text))


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _definite_only(pack: Pack, sentence: str) -> bool:
    """"signed the joint venture agreement on 8 March 2022": a definite mention anywhere refers to an agreement
    already introduced, unless the sentence introduces one ("a contract"). A restrictive clause right after
    ("the memorandum that the two operators concluded in 2021", no comma) says which agreement is meant."""
    noun, definite, indefinite = (pack.grammar(k) for k in ("agreement_noun", "definite", "indefinite"))
    if not (noun and definite and indefinite):
        return False
    restrictive = pack.grammar("restrictive") or "(?!)"
    d = re.compile(rf"\b{definite}\s+(?:[\w\-]+\s+){{0,2}}?\b{noun}\b(?!{restrictive})", re.IGNORECASE)
    i = re.compile(rf"\b{indefinite}\s+(?:[\w\-]+\s+){{0,3}}?\b{noun}\b", re.IGNORECASE)
    return bool(d.search(sentence) and not i.search(sentence))


def find_cues(sentence: str, pack: Pack | None = None) -> Cues:
    pack = pack or active()
    denied = pack.grammar_re("denied_noun")
    if denied:
        sentence = denied.sub(_blank, sentence)
    start = pack.grammar_re("anaphoric_start", bounded=False)
    anaphor = start.match(sentence) if start else None
    anaphor_end = anaphor.end() if anaphor else 0
    types = [t for t, p in pack.type_cues if _matches(p, sentence, anaphor_end)]
    new = pack.grammar_re("new_agreement")
    if anaphor and new and new.search(sentence, anaphor_end) and types:
        # "The joint venture builds on a memorandum the two companies signed in 2023": the sentence refers back
        # only to introduce another, earlier agreement (written with "a"), which it reports on its own.
        anaphor_end = 0
    elif not types and anaphor:
        # The opening names an agreement ("The amendment was signed ..."): of its own kind, or of no particular kind.
        types = [t for t, p in pack.type_cues if p.search(sentence)] or [AgreementType.other]
    # "to be signed" is a plan, not a signing: mask planned phrases before looking for "signed".
    masked = sentence
    signing = pack.signing.search(sentence)
    purpose = pack.grammar_re("purpose")
    if signing and purpose:
        # "signed a memorandum ... to jointly explore lithium brines": talk after the signing is its purpose.
        masked = masked[: signing.end()] + purpose.sub(_blank, masked[signing.end() :])
    statuses = []
    for status, pattern in pack.status_cues:
        if pattern.search(masked):
            statuses.append(status)
            masked = pattern.sub(_blank, masked)
    refers_back = bool(anaphor_end) or _definite_only(pack, sentence)
    return Cues(types=types, statuses=statuses, anaphor_end=anaphor_end, refers_back=refers_back)
