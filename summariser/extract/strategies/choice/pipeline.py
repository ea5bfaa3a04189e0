"""The choice strategy: the program finds sentences, names, dates and enums; the model only chooses.

extract_records(doc, client, settings) -> (records, usage, warnings), called by the Extractor when
`settings.strategy == "choice"`. Every evidence quote is one of the article's own sentences, located by
its offsets, so it is grounded by construction. The same steps serve the embedded model and an endpoint;
what differs is which questions the model is trusted with, a setting (`choice_questions`):
  status, agreement_type  - asked only when the sentence leaves several options open;
  parties                 - pick two of the candidate names when the sentence does not pair them itself;
  confirm                 - the model may answer "none" and reject a sentence the rules proposed.
Measured on the seeds and tests/fixtures, SmolLM2-135M picks parties worse than the program's ranking
(a place or a field name about half the time), so its default is status and agreement_type only.
"""

from __future__ import annotations

import bisect
import threading
from typing import Any

from summariser.extract.budget import Deadline
from summariser.extract.strategies.choice.coref import resolve
from summariser.extract.strategies.choice.dates import signing_date
from summariser.extract.strategies.choice.details import location, scope_phrases
from summariser.extract.strategies.choice.furniture import prose_sentences
from summariser.extract.strategies.choice.lexicon import is_common_word
from summariser.extract.strategies.choice.mentions import Mention, Sentence, analyse, find_mentions
from summariser.extract.strategies.choice.merge import merge_records
from summariser.extract.strategies.choice.places import is_place
from summariser.extract.strategies.choice.questions import NOT_AN_AGREEMENT, Question, ask, default_choice
from summariser.extract.strategies.choice.signers import signers
from summariser.injection import addresses_the_model
from summariser.llm.base import ModelClient, ModelError, ModelUnavailable
from summariser.packs import active, load, using
from summariser.packs.language import detect
from summariser.schema import AgreementRecord, Document, Evidence, MatchKind, Party, Signatory, Status, Usage


def _aliases(sentences: list[Sentence]) -> dict[str, str]:
    """Full name -> the acronym the article defines for it ("Sumgait Technological Park (STP)"), else the
    short form it goes on to use on its own ("Northbridge" for "Northbridge Petroleum Ltd.")."""
    aliases = {c.name: c.alias for s in sentences for c in s.cands if c.alias}
    alone = {c.name for s in sentences for c in s.cands if c.kind == "org"}
    for s in sentences:
        for c in s.cands:
            words = c.name.split()
            if c.kind != "org" or c.name in aliases or len(words) < 2:
                continue
            # A prefix first ("Northbridge"), else the distinctive middle ("Altiplano" for "Minera Altiplano SpA").
            spans = [(0, k) for k in range(1, len(words))] + [(i, k) for i in range(1, len(words)) for k in range(i + 1, len(words) + 1)]
            short = next((" ".join(words[i:k]) for i, k in spans if " ".join(words[i:k]) in alone), None)
            if short and len(short) >= 4 and not is_common_word(short):
                aliases[c.name] = short
    return aliases


# "coref" (which organisation "it" is) stays with the program on the embedded model: on the one case in the six
# sets, SmolLM2-135M chose "South Asian" over the previous sentence's subject, which the fallback takes.
EMBEDDED_QUESTIONS = frozenset({"status", "agreement_type"})
ENDPOINT_QUESTIONS = frozenset({"status", "agreement_type", "parties", "confirm", "coref"})


def model_questions(settings: Any) -> frozenset[str]:
    """The questions the model answers; the program's own first choice answers the rest."""
    configured = getattr(settings, "choice_questions", None)
    if configured:
        return frozenset(x.strip() for x in configured if x.strip())
    return EMBEDDED_QUESTIONS if getattr(settings, "use_embedded", True) else ENDPOINT_QUESTIONS


def _question(m: Mention, questions: frozenset[str]) -> Question:
    statuses = list(m.statuses) + ([NOT_AN_AGREEMENT] if "confirm" in questions else [])
    return Question(
        sentence=m.sentence.text,
        statuses=statuses if ("status" in questions or "confirm" in questions) else statuses[:1],
        types=m.types if "agreement_type" in questions else m.types[:1],
        parties=[c.name for c in m.parties] if "parties" in questions or m.fixed else [c.name for c in m.parties][:2],
        fixed=m.fixed,
    )


def _evidence(s: Sentence, fields: list[str]) -> Evidence:
    return Evidence(fields=fields, quote=s.text, start=s.span.start, end=s.span.end, match=MatchKind.exact)


def _details(s: Sentence, reported, record: dict[str, Any]) -> list[str]:
    """Fill date, place, signatories and scope from `s` where still empty; the fields `s` supports."""
    fields = []
    found = signing_date(s.text, reported=reported)
    if found and record["date_signed"] is None:
        record["date_signed"], record["date_text"] = found.value, found.text
        fields.append("date_signed")
    place = location(s.text)
    if place and record["location"] is None:
        record["location"] = place.text
        fields.append("location")
    people = signers(s.text, s.cands)
    if people and not record["signatories"]:
        record["signatories"] = [Signatory(name=p) for p in people]
        fields.append("signatories")
    scope = [f.text for f in scope_phrases(s.text)]
    if scope:
        record["scope"].extend(x for x in scope if x not in record["scope"])
        fields.append("scope")
    return fields


class _Occasions:
    """Signing dates written before each point of the article, gathered once (a lookup is a bisection, so a
    long article stays linear): what "on the same day" refers to, and a date given to several agreements at
    once ("Three memorandums were signed on 15 May")."""

    def __init__(self, sentences: list[Sentence], reported) -> None:
        pack = active()
        self.same = pack.grammar_re("same_occasion")
        self.own_time = pack.grammar_re("own_time")
        several = pack.grammar_re("several")
        self.dated: list[tuple[int, Any, str, Sentence]] = []  # (start, date, words, sentence)
        self.several: list[tuple[int, Any, str, Sentence]] = []
        if not (self.same or several):
            return
        for s in sentences:
            date = signing_date(s.text, reported=reported) if Status.signed in s.cues.statuses else None
            if date:
                self.dated.append((s.span.start, date.value, date.text, s))
                if several and several.search(s.text):
                    self.several.append((s.span.start, date.value, date.text, s))

    def date_for(self, m: Mention) -> tuple[Any, str, Sentence | None] | None:
        """The occasion's date for a signing that gives none of its own: the latest signing date written
        before `m` when `m` says it happened on the same occasion, or when that date was given to several
        agreements at once and `m` has no time of its own ("in 2019", "last year", "had signed")."""
        same = self.same.search(m.sentence.text) if self.same else None
        if same:
            k = bisect.bisect_left(self.dated, m.sentence.span.start, key=lambda d: d[0])
            return (self.dated[k - 1][1], same.group(0), None) if k else None
        if self.own_time and self.own_time.search(m.sentence.text):
            return None
        k = bisect.bisect_left(self.several, m.sentence.span.start, key=lambda d: d[0])
        return (self.several[k - 1][1], self.several[k - 1][2], self.several[k - 1][3]) if k else None


_UNSIGNED = frozenset({str(Status.planned), str(Status.under_discussion)})


def _record(m: Mention, choice, aliases: dict[str, str], reported, occasions: _Occasions) -> AgreementRecord:
    # An acronym the article defines stands for the full name ("ADY" -> "Azerbaijan Railways").
    full = {alias: name for name, alias in aliases.items()}
    parties = [Party(name=full.get(n, n), canonical=aliases.get(full.get(n, n), n)) for n in choice.parties]
    data: dict[str, Any] = {"date_signed": None, "date_text": None, "location": None, "signatories": [], "scope": []}
    main_fields = ["parties", "agreement_type", "status", *_details(m.sentence, reported, data)]
    evidence = [_evidence(m.sentence, main_fields)]
    for s in m.details:
        fields = _details(s, reported, data)
        if fields:
            evidence.append(_evidence(s, fields))
    occasion_used = False
    if data["date_signed"] is None and (occasion := occasions.date_for(m)):
        occasion_used = True
        data["date_signed"], data["date_text"], dated = occasion
        # The date is quoted from where the article gives it: the sentence itself ("on the same day") or the
        # earlier one that dated several agreements.
        if dated is None:
            evidence[0].fields.append("date_signed")
        else:
            evidence.append(_evidence(dated, ["date_signed"]))
    if choice.status in _UNSIGNED:
        # A planned or discussed agreement has no signing date: a date in its sentence is when it may be signed.
        data["date_signed"] = data["date_text"] = None
        for ev in evidence:
            ev.fields = [f for f in ev.fields if f != "date_signed"]
        evidence = [ev for ev in evidence if ev.fields]  # a sentence kept only for its date supports nothing now
    record = AgreementRecord(
        parties=parties,
        agreement_type=choice.agreement_type,
        status=choice.status,
        evidence=evidence,
        **data,
    )
    record.rules.extend([f"pack.{active().language}", *m.rules])
    # How the chosen parties' names were read (candidates._split_run's named rules).
    chosen = set(choice.parties)
    record.rules.extend(dict.fromkeys(r for c in m.parties if c.name in chosen for r in c.rules if r not in record.rules))
    if data["date_signed"] is not None:
        record.rules.append("date.occasion" if occasion_used else "date.sentence")
    return record


def _referent(m: Mention, sentences: list[Sentence], client, warnings: list[str]):
    """The organisation a mention's "it"/"the company" stands for (model's choice or the nearest one)."""
    assert m.reference is not None  # asked only of mentions that refer back
    k = next(i for i in range(len(sentences)) if sentences[i] is m.sentence) if len(sentences) < 200 else \
        bisect.bisect_left(sentences, m.sentence.span.start, key=lambda s: s.span.start)
    context = " ".join(s.text for s in sentences[max(0, k - 2) : k])[-500:]
    try:
        return resolve(client, m.sentence.text, context, m.reference)
    except ModelError as exc:
        warnings.append(f"model gave no usable referent for {m.reference.phrase!r}: {exc}; used the nearest")
        return resolve(None, m.sentence.text, context, m.reference)


_WARM = threading.Lock()


def warm_up() -> None:
    """Load the gazetteers and word frequencies every document needs, once per process (about 2 s)."""
    with _WARM:
        is_place("Baku")
        is_common_word("agreement")


def extract_records(
    doc: Document, client: ModelClient | None, settings: Any = None
) -> tuple[list[AgreementRecord], Usage, list[str]]:
    """Records for `doc`; with `client=None` the program's own first choices are used (no model)."""
    questions = model_questions(settings) if client is not None else frozenset()
    pack = load(detect(doc.text))
    warm_up()  # data loaded once per process is not the document's time
    deadline = Deadline(getattr(settings, "document_budget_s", None))
    with using(pack):
        return _extract(doc, client, questions, prose_sentences(doc.text), deadline)


def _extract(
    doc: Document, client: ModelClient | None, questions: frozenset[str], spans: list, deadline: Deadline
) -> tuple[list[AgreementRecord], Usage, list[str]]:
    sentences = analyse(doc.text, spans, deadline)
    aliases = _aliases(sentences)
    occasions = _Occasions(sentences, doc.reported)
    usage, warnings, records = Usage(), [], []
    for m in find_mentions(sentences, deadline):
        deadline.check()
        if addresses_the_model(m.sentence.text):
            continue  # an instruction planted in the article, not a report (summariser/injection.py)
        q = _question(m, questions)
        if client is None:
            choice = default_choice(q)
        else:
            try:
                choice, used = ask(client, q)
                usage = usage.add(used)
                if used.requests:
                    m.rules.append("model.choice")
            except ModelUnavailable:
                raise  # no answer at all: the document fails rather than pass off the program's choice
            except ModelError as exc:
                warnings.append(f"model gave no usable choice for {m.sentence.text[:60]!r}: {exc}; used the program's")
                choice = default_choice(q)
        if m.reference is not None:
            referent, used = _referent(m, sentences, client if "coref" in questions else None, warnings)
            usage = usage.add(used)
            if referent is None:
                continue
            choice.parties = [referent.name] + [p for p in choice.parties if p != referent.name]
            m.rules.append("coref.model" if "coref" in questions else "coref.nearest")
        if choice.status == NOT_AN_AGREEMENT or len(set(choice.parties)) < 2:
            continue
        records.append(_record(m, choice, aliases, doc.reported, occasions))
    people = list(dict.fromkeys(c.name for s in sentences for c in s.cands if c.kind == "person"))
    return [_full_names(r, people) for r in merge_records(records)], usage, warnings


def _full_names(record: AgreementRecord, people: list[str]) -> AgreementRecord:
    """"Mr. Menezes Albuquerque" signs as the "Rodrigo Menezes Albuquerque" the article introduced."""
    for sig in record.signatories:
        longer = [p for p in people if p.endswith(" " + sig.name)]
        if longer:
            sig.name = max(longer, key=len)
    return record
