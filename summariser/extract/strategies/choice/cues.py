"""Words that make a sentence a candidate report of an agreement, and the options they leave open.

Each cue narrows what the model may answer: a sentence that says "memorandum" offers the type
memorandum_of_understanding, one that says "plan to sign" offers the status planned. When a sentence
carries one cue of a kind the answer is settled in code; the model chooses only where several remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.schema import AgreementType, Status

_I = re.IGNORECASE
# Most specific first: "agreement on the establishment of a joint venture" is a joint venture.
TYPE_CUES: list[tuple[AgreementType, re.Pattern[str]]] = [
    (AgreementType.memorandum_of_understanding, re.compile(r"\bmemorand(?:um|a)\b|\bMoUs?\b", _I)),
    (AgreementType.joint_venture, re.compile(r"\bjoint[- ]ventures?\b", _I)),
    (AgreementType.framework_agreement, re.compile(r"\bframework (?:agreement|accord|deal)s?\b", _I)),
    (
        AgreementType.cooperation_agreement,
        re.compile(r"\b(?:cooperation|co-operation|partnership) (?:agreement|accord)s?\b|\bagreements? on (?:\w+ ){0,2}cooperation\b", _I),
    ),
    (
        AgreementType.contract,
        re.compile(
            r"\bcontracts?\b(?! (?:workers?|staff|employees))|\b(?:power purchase|production[- ]sharing|supply|purchase|sales?"
            r"|offtake|off-take|EPC|loan|concession|lease|service) (?:agreement|deal)s?\b",
            _I,
        ),
    ),
    (
        AgreementType.other,
        re.compile(
            r"\bagreements?\b|\bdeals?\b(?! with)|\baccords?\b|\bprotocols?\b|\btreat(?:y|ies)\b|\bdocuments?\b"
            r"|\bletters? of intent\b|\bLoIs?\b|\bpacts?\b",
            _I,
        ),
    ),
]

STATUS_CUES: list[tuple[Status, re.Pattern[str]]] = [
    (
        Status.terminated,
        re.compile(r"\b(?:terminat|dissolv|cancel|scrapp|annul|revok|rescind|withdr[ae]w from|pull(?:ed|s)? out of|lapse)\w*", _I),
    ),
    (
        Status.planned,
        re.compile(
            r"\b(?:plans?|planned|plan(?:ning)?|intends?|intended|expects?|expected|due|set|ready|going|scheduled|slated|poised|prepar\w*) to (?:be )?sign"
            r"|\bwill (?:be )?sign|\bto be signed|\bis to sign|\bare to sign|\bwould sign",
            _I,
        ),
    ),
    (
        Status.under_discussion,
        re.compile(r"\b(?:discuss\w*|talks|negotiat\w*|explor(?:e|ed|es|ing)|consider(?:s|ed|ing)?|mull\w*|consultations?)\b", _I),
    ),
    # Verbs news copy uses for putting names to a document ("initialled": signed with initials).
    (Status.signed, re.compile(r"\b(?:signed|signs|signing|inked|inks|initiall?ed|initials|concluded|sealed|seals|clinched"
                               r"|entered into|awarded)\b", _I)),
]

# A sentence that opens on a definite mention refers back ("The agreement was signed by ...").
ANAPHORIC_START = re.compile(
    # Up to two modifiers ("The framework agreement", "The power purchase agreement"), never a verb or an
    # article ("The company signed an agreement" is not a reference back).
    r"^(?:under |according to |in )?(?:the|this|that|these|such) "
    r"(?:(?!(?:a|an|the|and|with|to|has|have|had|is|was|are|were|will|would)\b)[\w\-]+(?<!ed) ){0,2}?"
    r"(?:agreement|memorandum|memorandum of understanding|mou|contract|document|deal|joint venture|accord|project"
    r"|letter of intent|loi|pact|amendment|extension|addendum)s?\b",
    _I,
)


_NEW_AGREEMENT = re.compile(
    r"\b(?:a|an)\s+(?:[\w\-]+\s+){0,3}?(?:memorand(?:um|a)|mou|agreement|contract|accord|deal|joint venture)\b[^.;]*?"
    r"\b(?:signed|inked|concluded)\b",
    _I,
)


_AGREEMENT_NOUN = r"(?:agreement|memorand(?:um|a)|mou|contract|deal|joint venture|accord|pact|letter of intent)s?\b"
# "signed the joint venture agreement on 8 March 2022", "to end the agreement, signed on ...": a definite
# mention anywhere refers to an agreement already introduced, unless the sentence introduces one ("a contract").
# A restrictive clause right after ("the memorandum that the two operators concluded in 2021", no comma) says
# which agreement is meant: it may be one the article has not reported yet.
_DEFINITE = re.compile(
    rf"\b(?:the|this|that|these|its|their)\s+(?:[\w\-]+\s+){{0,2}}?{_AGREEMENT_NOUN}"
    r"(?!(?:\s+of understanding)?\s+(?:that|which|signed|concluded|inked|agreed)\b)", _I
)
_INDEFINITE = re.compile(rf"\b(?:a|an|another|one|two|three|four|five|\d+)\s+(?:[\w\-]+\s+){{0,3}}?{_AGREEMENT_NOUN}", _I)


@dataclass
class Cues:
    types: list[AgreementType]  # in order of specificity
    statuses: list[Status]
    anaphor_end: int  # end of the opening "The agreement" (0 when the sentence does not open so)
    refers_back: bool = False  # the sentence names its agreement only definitely ("the agreement"), anywhere


def _matches(pattern: re.Pattern[str], text: str, skip_before: int) -> bool:
    return any(m.start() >= skip_before for m in pattern.finditer(text))


# "ended without an agreement", "no deal was reached": an agreement noun that is denied names no agreement.
_DENIED = re.compile(r"\b(?:without|no)\s+(?:an?\s+|any\s+)?(?:\w+\s+)?(?:agreement|deal|contract|accord)s?\b", _I)


_PURPOSE = re.compile(r"\b(?:to|will|would|and)\s+(?:[a-z]+ly\s+)?(?:explore|discuss|consider|study|negotiate)\b", _I)


def find_cues(sentence: str) -> Cues:
    sentence = _DENIED.sub(lambda m: " " * len(m.group(0)), sentence)
    anaphor = ANAPHORIC_START.match(sentence)
    anaphor_end = anaphor.end() if anaphor else 0
    types = [t for t, p in TYPE_CUES if _matches(p, sentence, anaphor_end)]
    if anaphor and _NEW_AGREEMENT.search(sentence, anaphor_end) and types:
        # "The joint venture builds on a memorandum the two companies signed in 2023": the sentence refers back
        # only to introduce another, earlier agreement (written with "a"), which it reports on its own.
        anaphor_end = 0
    elif not types and anaphor:
        # The opening names an agreement ("The amendment was signed ..."): of its own kind, or of no particular kind.
        types = [t for t, p in TYPE_CUES if p.search(sentence)] or [AgreementType.other]
    # "to be signed" is a plan, not a signing: mask planned phrases before looking for "signed".
    masked = sentence
    signing = STATUS_CUES[-1][1].search(sentence)
    if signing:
        # "signed a memorandum ... to jointly explore lithium brines": talk after the signing is its purpose.
        masked = masked[: signing.end()] + _PURPOSE.sub(lambda m: " " * len(m.group(0)), masked[signing.end() :])
    statuses = []
    for status, pattern in STATUS_CUES:
        if pattern.search(masked):
            statuses.append(status)
            masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    refers_back = bool(anaphor_end) or bool(_DEFINITE.search(sentence) and not _INDEFINITE.search(sentence))
    return Cues(types=types, statuses=statuses, anaphor_end=anaphor_end, refers_back=refers_back)
