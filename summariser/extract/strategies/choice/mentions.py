"""Sentences that report an agreement (mentions) and sentences that add details to the one before.

A mention needs an agreement word, a status word and parties: two organisations written together
("A and B signed", "A terminated its contract with B"), or a phrase that points back to them ("the two
companies") with names from the neighbouring sentences for the model to choose from. A sentence that
opens on "The agreement ..." without parties of its own adds its date, place, signatories and scope
to the previous mention instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summariser.extract.budget import NO_DEADLINE, Deadline
from summariser.extract.strategies.choice.candidates import Candidate, find_candidates
from summariser.extract.strategies.choice.coref import Affiliations, Reference, antecedents, subject_reference
from summariser.extract.strategies.choice.cues import Cues, find_cues
from summariser.extract.strategies.choice.furniture import LIST_ITEM
from summariser.extract.strategies.choice.names import words
from summariser.extract.strategies.choice.parties import find_parties, partner_after, party_like, traced_parties
from summariser.extract.strategies.choice.signers import signers
from summariser.packs import active
from summariser.schema import AgreementType, Status
from summariser.sentences import Span

_MAX_OPTIONS = 6
# How far back "it" or "the two companies" is looked for: references are local, and a bounded window keeps
# the cost of a document linear in its length.
_WINDOW = 30


@dataclass
class Sentence:
    span: Span
    text: str
    cands: list[Candidate]
    cues: Cues


@dataclass
class Mention:
    sentence: Sentence
    statuses: list[str]
    types: list[str]
    parties: list[Candidate]  # a fixed pair, or the options to choose from
    fixed: bool
    details: list[Sentence] = field(default_factory=list)
    reference: Reference | None = None  # a party written as "it"/"the company": one of its options joins `parties`
    rules: list[str] = field(default_factory=list)  # the rules that made this mention, in the order they fired


def analyse(text: str, spans: list[Span], deadline: Deadline = NO_DEADLINE) -> list[Sentence]:
    out = []
    for span in spans:
        deadline.check()
        s = span.text(text)
        out.append(Sentence(span, s, find_candidates(s), find_cues(s)))
    return out


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in cands:
        seen.setdefault(c.name.casefold(), c)
    return list(seen.values())


def _statuses(s: Sentence) -> list[str]:
    statuses = [str(x) for x in s.cues.statuses]
    negated = active().grammar_re("negated_signing")
    if (Status.signed in s.cues.statuses and negated and negated.search(s.text)) or (Status.signed in s.cues.statuses and _pack_re("hypothetical").search(s.text)):
        statuses.remove(Status.signed)
    return statuses


def _types(s: Sentence) -> list[str]:
    specific = [str(t) for t in s.cues.types if t is not AgreementType.other]
    return specific or [str(t) for t in s.cues.types]


_NEVER = re.compile(r"(?!)")


def _pack_re(key: str) -> re.Pattern[str]:
    return active().grammar_re(key) or _NEVER


def _ranked_options(sentences: list[Sentence], i: int, *, places_first: bool = False) -> list[Candidate]:
    """Organisations "the two companies" may refer to: those written as a pair earlier first, then the
    article's most frequent, nearest first; places last (first for "the two countries")."""
    first = max(0, i - _WINDOW)
    whole = " ".join(s.text for s in sentences[first : i + 1])
    paired = {c.name for prev in sentences[first:i] for c in find_parties(prev.text, prev.cands)}
    ranked = []
    for k, prev in enumerate(sentences[first : i + 1], first):
        for c in prev.cands:
            if party_like(c) or (places_first and c.kind == "place"):
                kind_rank = (c.kind != "org") != places_first or (places_first and c.name not in words("countries"))
                ranked.append(((kind_rank if places_first else 0, c.name not in paired, kind_rank, -whole.count(c.name), i - k), c))
    ranked.sort(key=lambda item: item[0])
    return _distinct([c for _, c in ranked])[:_MAX_OPTIONS]


def _reference(sentences: list[Sentence], i: int) -> tuple[Reference, list[Candidate]] | None:
    """"In January, it signed a contract with D": the partner D and the organisations "it" may be."""
    s = sentences[i]
    found = partner_after(s.text, s.cands)
    phrase = subject_reference(s.text, found[0]) if found else None
    if not found or not phrase:
        return None
    anchor, partner = found
    earlier = [p.cands for p in sentences[max(0, i - _WINDOW) : i]] + [[c for c in s.cands if c.end <= anchor]]
    options = antecedents(earlier, {c.name for c in partner} | {c.alias for c in partner if c.alias})
    return (Reference(phrase, options), partner) if options else None


def _list_item(s: Sentence, listing: Mention) -> Mention | None:
    """"- MOU between A and B;" after "X and Y signed 29 deals": each item of the list is one of the agreements
    announced, with the announcement's status; an item that names no parties is between the announcement's."""
    parties, rule, _ = traced_parties(s.text, s.cands)
    # An item that names its own parties ("between ...") but could not be read is skipped, not given the
    # announcement's: those are the parties of the items that name none.
    if not parties and listing.fixed and len(listing.parties) == 2 and not _pack_re("between").search(s.text):
        parties, rule = listing.parties, "parties.from-list-announcement"
    if not parties:
        return None
    types = _types(s) or [str(AgreementType.other)]
    return Mention(s, list(listing.statuses), types, parties, fixed=True, rules=[*s.cues.rules, rule, "mention.list-item"])


def _one_per_partner(
    s: Sentence, statuses: list[str], types: list[str], parties: list[Candidate], n_subject: int, rules: list[str]
) -> list[Mention]:
    """"GM signed agreements with LG Chem and Livent": agreements written in the plural, by one subject with
    several partners, are one agreement per partner; otherwise the sentence reports one agreement."""
    plural = active().grammar_re("plural_noun")
    if n_subject == 1 and len(parties) >= 3 and plural and plural.search(s.text):
        return [Mention(s, statuses, types, [parties[0], p], fixed=True, rules=[*rules, "mention.one-per-partner"])
                for p in parties[1:]]
    return [Mention(s, statuses, types, parties, fixed=True, rules=[*rules, "mention.sentence"])]


def find_mentions(sentences: list[Sentence], deadline: Deadline = NO_DEADLINE) -> list[Mention]:
    mentions: list[Mention] = []
    # A sentence naming a pair and an agreement without saying what became of it ("A and B have agreed to set
    # up a joint venture"); the next sentence may say it ("The agreement ... was signed on March 3").
    pending: tuple[Sentence, list, list[str]] | None = None
    introduced = Affiliations()
    listing: Mention | None = None  # the last mention that announced several agreements ("signed 29 deals")
    for i, s in enumerate(sentences):
        deadline.check()
        if i:
            introduced.add(sentences[i - 1].text, sentences[i - 1].cands)
        if listing is not None and LIST_ITEM.match(s.text) and not _statuses(s):
            item = _list_item(s, listing)
            if item is not None:
                mentions.append(item)
                continue
        if not s.cues.types:
            # "It was signed by ...", "X initialled for A, while Y initialled for B": signatories of the last mention.
            if mentions and signers(s.text, s.cands):
                mentions[-1].details.append(s)
            pending = None
            continue
        parties, party_rule, n_subject = traced_parties(s.text, s.cands)
        statuses, types = _statuses(s), _types(s)
        if parties and not statuses and mentions and _pack_re("ordinal").search(s.text):
            rules = [*s.cues.rules, party_rule, "mention.ordinal"]
            mentions.append(Mention(s, list(mentions[-1].statuses), types, parties, fixed=True, rules=rules))
            continue
        back = s.cues.refers_back
        if (back and not parties) or not statuses:
            if pending is not None and back and statuses:
                first, pair, first_types = pending
                rules = [*first.cues.rules, *s.cues.rules, "mention.pair-then-status"]
                mentions.append(Mention(first, statuses, first_types, pair, fixed=True, details=[s], rules=rules))
            elif mentions and (back or not statuses):
                mentions[-1].details.append(s)
            pending = (s, parties, types) if parties and not statuses and not s.cues.anaphor_end else None
            continue
        pending = None
        # Talks about a joint venture or cooperation in general are not an agreement: talks count only
        # when they are about a document.
        if statuses == [str(Status.under_discussion)] and types in ([str(AgreementType.joint_venture)],):
            continue
        if parties:
            # "Abdel-Rahman also signed ...": a person stands for the organisation the article gave them.
            people = [introduced.of(c.name) if c.kind != "place" else None for c in parties]
            rules = [*s.cues.rules, party_rule] + (["parties.person-for-organisation"] if any(people) else [])
            parties = [p or c for p, c in zip(people, parties, strict=True)]
            mentions.extend(_one_per_partner(s, statuses, types, _distinct(parties), n_subject, rules))
            listing = mentions[-1] if _pack_re("plural_noun").search(s.text) else None
            continue
        if (ref := _reference(sentences, i)) is not None:
            rules = [*s.cues.rules, "parties.partner-after-verb", "mention.reference"]
            mentions.append(Mention(s, statuses, types, ref[1], fixed=True, reference=ref[0], rules=rules))
            continue
        points_back = _pack_re("points_back").search(s.text)
        # "The sides discussed the possibility of signing ...": talks with unnamed counterparts are too weak.
        if not points_back or statuses[0] == str(Status.under_discussion):
            continue
        options = _ranked_options(sentences, i, places_first=bool(_pack_re("states").search(points_back.group(0))))
        if len(options) >= 2:
            rules = [*s.cues.rules, "parties.ranked-options", "mention.points-back"]
            mentions.append(Mention(s, statuses, types, options, fixed=False, rules=rules))
    return mentions
