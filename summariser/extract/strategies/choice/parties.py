"""Which candidates are the parties of an agreement sentence, read from the sentence's structure."""

from __future__ import annotations

import re
from functools import lru_cache

from summariser.extract.strategies.choice.candidates import Candidate
from summariser.extract.strategies.choice.names import words
from summariser.packs import Pack, active, load


def party_like(c: Candidate) -> bool:
    # "500-megawatt", "2019-11-05": a name starts with a letter.
    return c.kind in {"org", "place"} and not c.possessive and c.name[:1].isalpha()


# What may stand between two members of a list of parties, besides the separator: the first one's alias
# and home ("(NKL) of Indonesia"); before the next, "the", a possessor ("Japan's"), a compound descriptor
# ("Abu Dhabi-based"), a demonym and up to four lower-case words ("state oil company").


# A lower-case letter in the scripts the packs cover (Latin with its accents, Cyrillic): the words between
# names ("la malasia", "бразильскими компаниями") are lower case in every pack language.
LOWER = "[a-zß-öø-ÿа-яё]"


def _before_name(pack: Pack) -> str:
    articles = "|".join(sorted(pack.words("grammar", "articles"))) or "(?!)"
    return (
        rf"(?:(?:{articles})\s+)?(?:(?:(?:[A-Z][\w\-]*\s+){{0,2}}[A-Z][\w\-]*['’]s|(?:[A-Z][\w\-]*\s+){{0,2}}[A-Z][\w]*-[a-z]+"
        r"|(?:(?:South|North|East|West)\s+)?(?:[A-Z][a-z]+(?:an|ese|ish|i|ic)|" + "|".join(sorted(words("demonyms", pack.language))) + r"))\s+)?(?:" + LOWER + r"[\w\-]*,?\s+){0,4}"
    )


def _g() -> dict[str, re.Pattern[str]]:
    return _grammar(active().language)


@lru_cache(maxsize=16)
def _grammar(language: str) -> dict[str, re.Pattern[str]]:
    """The party rules' patterns, built from the words of `language`'s pack."""
    pack = load(language)
    ands = "|".join(re.escape(w) for w in sorted(pack.and_words))
    before = _before_name(pack)
    never = re.compile(r"(?!)")

    def g(key: str) -> str:
        return pack.grammar(key) or "(?!)"

    return {
        # What may stand between two members of a list of parties, besides the separator: the first one's
        # alias and home ("(NKL) of Indonesia"); before the next, "the", a possessor ("Japan's"), a compound
        # descriptor ("Abu Dhabi-based"), a demonym and up to four lower-case words ("state oil company").
        "separator": re.compile(
            rf"^(?:\s*\([^()]*\))?(?:\s+(?:{g('home_of')})(?:[A-Z][\w\-]*\s*)+?)?\s*"
            rf"(?P<sep>,\s*(?:(?:{ands})\s+)?|\s+(?:{ands})\s+)" + before + r"$"
        ),
        # "with Singapore-based X", "to a consortium of China's X".
        "leads": re.compile(r"^\s*(?:" + LOWER + r"[\w\-]*\s+){0,4}?" + before + r"$"),
        "anchor": re.compile(rf"\b(?:{pack.grammar('anchor') or '(?!)'})\b", re.I),
        "partner": pack.grammar_re("partner") or never,
        "between": pack.grammar_re("between") or never,
        # "The Government, through the Ministry of Mines, has signed": the body named after "through" is the party.
        "through": re.compile(rf",?\s+(?:{g('acting_through')})\s+"),
        # "PT Nusantara Kabel Laut (NKL) of Indonesia": a state after "of" is the home of the name before it.
        "of_home": re.compile(rf"[\w.)]\s+(?:{g('home_of')})$"),
        # "IEN, which builds plants in A, B and C, is negotiating": a relative clause describes the subject.
        "relative": re.compile(rf",\s+(?:{g('relative')})\b"),
        # A partner written after a new clause has begun belongs to that clause ("terminated the agreement
        # following delays in the approval process with the regulator").
        "clause_break": re.compile(g("clause_break")),
        "noun": re.compile(rf"\b(?:{pack.grammar('agreement_noun') or '(?!)'})\b", re.I),
    }


# ", a Munich-based maker of pumps," / ", one of India's largest refiners,": a description of the name before
# it (an article, then a lower-case word, a compound descriptor or a demonym); its names are not parties.
@lru_cache(maxsize=16)
def _appositive_re(language: str) -> re.Pattern[str]:
    pack = load(language)
    lead, one_of = pack.grammar("appositive_lead") or "(?!)", pack.grammar("one_of") or "(?!)"
    return re.compile(
        rf"(?:\s*\([^()]*\))?,\s+(?:(?:{lead})\s+(?=[a-z]|[A-Z][\w\-]*-[a-z]|(?:" + "|".join(sorted(words("demonyms", language)))
        + rf")\b)|(?:{one_of})\s)[^,;()]*?(?=,)"
    )


def _plain(text: str, cands: list[Candidate]) -> tuple[str, list[Candidate]]:
    """The sentence with its appositive descriptions blanked (offsets kept) and the names they hold dropped."""
    spans = [(c.end, m.end()) for c in cands if c.kind == "org" and (m := _appositive_re(active().language).match(text, c.end))]
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    kept = [c for c in cands if not any(s <= c.start < e for s, e in spans) and not _g()["through"].match(text, c.end)]
    return text, kept


def _anchor(text: str, cands: list[Candidate]) -> re.Match[str] | None:
    """The reporting verb: the first one outside a name ("Kestrel Signalling Systems" signs nothing)."""
    return next((m for m in _g()["anchor"].finditer(text) if not any(c.start <= m.start() < c.end for c in cands)), None)




def _groups(text: str, cands: list[Candidate]) -> list[list[Candidate]]:
    """Lists of parties as written: "A", "A and B", "A, B and C" (a comma-only chain is not a list)."""
    # "PT Nusantara Kabel Laut (NKL) of Indonesia": a state after "of" is the home of the name before it.
    members = [c for c in cands if party_like(c) and not (c.kind == "place" and _g()["of_home"].search(text[: c.start]))]
    groups: list[list[Candidate]] = []
    chain: list[Candidate] = []
    seps: list[str] = []

    def close() -> None:
        # A list ends on "and": "A, B" alone is an apposition or two separate mentions.
        ands = active().and_words
        last_and = max((k for k, s in enumerate(seps) if ands & set(s.replace(",", " ").split())), default=-1)
        if chain:
            groups.append(chain[: last_and + 2])
            groups.extend([c] for c in chain[last_and + 2 :])

    for c in members:
        m = _g()["separator"].match(text[chain[-1].end : c.start]) if chain else None
        if m:
            chain.append(c)
            seps.append(m.group("sep"))
        else:
            close()
            chain, seps = [c], []
    close()
    return groups


# "the Ceará state development agency, Adece": a name used as a modifier of lower-case nouns, then the
# body's own name in apposition.
_ATTRIBUTIVE = re.compile(r"^(?:\s+[a-z][\w\-]*){1,4},\s+$")


def _appositive(text: str, groups: list[list[Candidate]], g: list[Candidate]) -> list[Candidate]:
    if len(g) == 1:
        nxt = next((h for h in groups if h[0].start >= g[0].end), None)
        if nxt and _ATTRIBUTIVE.match(text[g[0].end : nxt[0].start]):
            return nxt
    return g




def _last_head(text: str, start: int, end: int) -> int:
    """Where the last reporting verb or agreement noun before `end` ends (`start` when there is none)."""
    heads = [m.end() for p in (_g()["anchor"], _g()["noun"]) for m in p.finditer(text, start, end)]
    return max(heads, default=start)


def _after_word(text: str, groups: list[list[Candidate]], word: re.Pattern[str], start: int) -> list[Candidate]:
    """The first list written right after `word` ("with", "between") at or after `start`, in the same clause."""
    for m in word.finditer(text, start):
        if word is _g()["partner"] and _g()["clause_break"].search(text, _last_head(text, start, m.start()), m.start()):
            continue
        for g in groups:
            if g[0].start >= m.end() and _g()["leads"].match(text[m.end() : g[0].start]):
                return _appositive(text, groups, g)
    return []


def find_parties(text: str, cands: list[Candidate]) -> list[Candidate]:
    return traced_parties(text, cands)[0]


def traced_parties(text: str, cands: list[Candidate]) -> tuple[list[Candidate], str, int]:
    """The parties of an agreement sentence, read from its structure (empty when it does not name two),
    and the name of the rule that read them, tried in this order:
      parties.subject+partner  the list before the reporting verb ("A, B and C signed", "A has signed"),
                               joined by the list after "with"/"to" ("... a contract with D", "awarded to D");
      parties.between          the list after "between" / "signed by";
      parties.list             without a reporting verb, the first list the sentence names.
    The third item is how many of the parties are the subject (the rest are its partners)."""
    text, cands = _plain(text, cands)
    anchor = _anchor(text, cands)
    if anchor:
        # "IEN, which builds plants in A, B and C, is negotiating": a relative clause between the subject and
        # its verb describes the subject; the names inside it are not parties.
        rel = _g()["relative"].search(text, 0, anchor.start())
        if rel:
            cut = text.rfind(",", rel.end(), anchor.start())
            cands = [c for c in cands if not (rel.start() < c.start < cut)]
    groups = _groups(text, cands)
    parties: list[Candidate] = []
    subject: list[Candidate] = []
    if anchor:
        before = [g for g in groups if g[-1].end <= anchor.start()]
        # The nearest list before the verb, unless that is a lone name after a fuller list ("(PNS) - A and B
        # signed"): then the first ("L&T announced that its PT&D business has entered into").
        lists = [g for g in before if len(g) >= 2]
        # A lone place before an organisation is a dateline or a home ("READING, UK, 13 February - Kestrel Ltd").
        lone = next((g for g in before if g[0].kind == "org"), before[0] if before else [])
        subject = lists[-1] if lists else lone
        partner = _after_word(text, groups, _g()["partner"], anchor.start())
        parties = subject + [c for c in partner if c not in subject]
    rule = "parties.subject+partner"
    if len(parties) < 2:
        parties, rule, subject = _after_word(text, groups, _g()["between"], 0), "parties.between", []
    if len(parties) < 2 and not anchor:
        # "Under the second memorandum, A and B will jointly study ...": the list the sentence is about.
        parties, rule = next((g for g in groups if len(g) >= 2), []), "parties.list"
    seen: dict[str, Candidate] = {}
    for c in parties:
        seen.setdefault(c.name.casefold(), c)
    parties = list(seen.values())
    n_subject = len({c.name.casefold() for c in subject})
    return (parties, rule, n_subject) if len(parties) >= 2 else ([], "", 0)


def partner_after(text: str, cands: list[Candidate]) -> tuple[int, list[Candidate]] | None:
    """(start of the reporting verb, the list after "with"/"to"/"from") for a sentence whose subject the
    structure leaves unnamed ("In January, it signed a contract with D")."""
    text, cands = _plain(text, cands)
    anchor = _anchor(text, cands)
    if not anchor:
        return None
    partner = _after_word(text, _groups(text, cands), _g()["partner"], anchor.start())
    return (anchor.start(), partner) if partner else None
