"""Agreement identity and linking: who links with whom, what never links, and reviewers' decisions on top."""

from __future__ import annotations

import datetime as dt
import hashlib

from summariser.register.identity import LinkInput, may_be_same
from summariser.register.linking import LinkDecision, candidate_pairs, link

D = dt.date


def rec(rid, doc, parties, kind="memorandum_of_understanding", status="signed", signed=None, reported=None):
    return LinkInput(rid, doc, tuple((p, p) for p in parties), kind, status, signed, reported)


def groups(ids: dict[str, str]) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for rid, agreement in ids.items():
        out.setdefault(agreement, set()).add(rid)
    return {frozenset(g) for g in out.values()}


def test_the_seeds_2019_memorandum_links_and_the_joint_venture_does_not():
    records = [
        rec("a", "003", ["SOCAR", "Sumgayit Technologies Park"], "joint_venture", reported=D(2020, 2, 20)),
        rec("b", "003", ["SOCAR", "Sumgayit Technologies Park"], signed=D(2019, 12, 10), reported=D(2020, 2, 20)),
        rec("c", "004", ["SOCAR", "Sumgait Technological Park"], signed=D(2019, 12, 10)),
        rec("d", "002", ["Azerbaijani State Oil Company", "QazaqGaz"], reported=D(2022, 8, 25)),
    ]
    assert groups(link(records)) == {frozenset("a"), frozenset("bc"), frozenset("d")}


def test_spelling_variants_acronyms_legal_forms_and_transliterations_link():
    pairs = [
        (["State Oil Company of Azerbaijan Republic", "JSC QazaqGaz"], ["SOCAR", "QazaqGaz"]),
        (["ПАО Газпром", "China National Petroleum Corporation"], ["Gazprom", "CNPC"]),
        (["Eni S.p.A.", "Sonatrach"], ["ENI", "Sonatrach SpA"]),
    ]
    for left, right in pairs:
        a, b = rec("x", "1", left, signed=D(2024, 5, 1)), rec("y", "2", right, reported=D(2024, 5, 3))
        assert may_be_same(a, b), (left, right)
        assert len(set(link([a, b]).values())) == 1


def test_different_agreements_of_the_same_parties_do_not_link():
    parties = ["SOCAR", "BP"]
    other_date = [rec("x", "1", parties, signed=D(2019, 1, 10)), rec("y", "2", parties, signed=D(2021, 6, 3))]
    other_type = [rec("x", "1", parties, "contract", signed=D(2019, 1, 10)), rec("y", "2", parties, "joint_venture", signed=D(2019, 1, 10))]
    same_article = [rec("x", "1", parties), rec("y", "1", parties)]
    years_apart = [rec("x", "1", parties, reported=D(2015, 3, 1)), rec("y", "2", parties, reported=D(2020, 3, 1))]
    other_party = [rec("x", "1", ["SOCAR", "BP"]), rec("y", "2", ["SOCAR", "Equinor"])]
    for records in (other_date, other_type, same_article, years_apart, other_party):
        assert len(set(link(records).values())) == 2


def test_planned_then_signed_is_one_agreement_with_a_history():
    parties = ["Rosatom", "Uzbekistan"]
    planned = rec("p", "1", parties, status="planned", reported=D(2024, 2, 1))
    signed = rec("s", "2", parties, signed=D(2024, 9, 12), reported=D(2024, 9, 13))
    assert len(set(link([planned, signed]).values())) == 1
    too_late = rec("s", "2", parties, signed=D(2027, 9, 12))
    assert len(set(link([planned, too_late]).values())) == 2


def test_a_chain_of_possible_links_never_joins_two_contradicting_reports():
    parties = ["SOCAR", "BP"]
    records = [
        rec("a", "1", parties, signed=D(2019, 1, 10)),
        rec("b", "2", parties),  # undated, no publication date: compatible with both
        rec("c", "3", parties, signed=D(2021, 6, 3)),
    ]
    ids = link(records)
    assert ids["a"] != ids["c"]
    assert len(set(ids.values())) == 2


def test_blocking_only_compares_records_sharing_party_keys():
    def word(i: int, salt: str) -> str:
        return hashlib.sha256(f"{salt}{i}".encode()).hexdigest()[:8].capitalize()

    records = [rec(f"r{i}", f"d{i}", [f"{word(i, 'a')} Holding", f"{word(i, 'b')} Bank"]) for i in range(200)]
    records.append(rec("twin", "dx", [f"{word(7, 'a')} Holding Ltd", f"{word(7, 'b')} BANK".upper()]))
    pairs = list(candidate_pairs(records))
    assert len(pairs) < 20  # not 201 * 200 / 2
    ids = link(records)
    assert ids["twin"] == ids["r7"]


def test_reviewer_decisions_win_over_proposals():
    parties = ["SOCAR", "Sumgait Technological Park"]
    records = [
        rec("a", "1", parties, signed=D(2019, 12, 10)),
        rec("b", "2", parties, signed=D(2019, 12, 10)),
        rec("c", "3", ["Equinor", "Orlen"], "contract"),
    ]
    assert groups(link(records)) == {frozenset("ab"), frozenset("c")}
    assert groups(link(records, [LinkDecision("b", "split", None)])) == {frozenset("a"), frozenset("b"), frozenset("c")}
    assert groups(link(records, [LinkDecision("b", "relink", "c")])) == {frozenset("a"), frozenset("bc")}
    confirmed = link(records, [LinkDecision("c", "confirm", "a")])
    assert groups(confirmed) == {frozenset("abc")}
    assert confirmed["a"] == "agr-a"  # the id comes from the smallest record id in the agreement
