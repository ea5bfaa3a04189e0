"""Pure, fast checks of the choice strategy's text rules: furniture, candidates, dates, cues, details."""

from __future__ import annotations

import datetime as dt

import pytest

from summariser.extract.strategies.choice.candidates import find_candidates
from summariser.extract.strategies.choice.cues import find_cues
from summariser.extract.strategies.choice.dates import find_dates, signing_date
from summariser.extract.strategies.choice.details import location, scope_phrases
from summariser.extract.strategies.choice.furniture import prose_sentences
from summariser.extract.strategies.choice.parties import find_parties
from summariser.extract.strategies.choice.signers import signers
from summariser.schema import AgreementType, Status


def _prose(text: str) -> list[str]:
    return [s.text(text) for s in prose_sentences(text)]


# --- furniture


def test_latest_news_and_everything_after_it_is_dropped(seeds_dir):
    text = (seeds_dir / "001_28c1f6ebe62f6400.txt").read_text()
    prose = _prose(text)
    assert any(s.startswith("A framework agreement was signed") for s in prose)
    assert not any("Georgian interior ministries" in s for s in prose)


def test_menus_captions_bullets_and_metadata_are_not_prose():
    text = (
        " date 2023-12-01 Energy\nPolitics\nPhoto\nThe CEO and the President at the signing ceremony\n\n"
        "    • 19 September, 2022\n    • 11:05\n"
        "Photo: the plant. It was built in 2010 by the company.\n"
        "ACME Oil and Beta Gas signed a contract for gas supply.\n\nShare on Facebook\n"
    )
    assert _prose(text) == ["ACME Oil and Beta Gas signed a contract for gas supply."]


def test_related_articles_list_is_cut_off():
    text = "Alpha Corp and Beta LLC signed a deal on cables.\n\nRelated articles\nGamma and Delta sign accord on gas.\n"
    assert _prose(text) == ["Alpha Corp and Beta LLC signed a deal on cables."]


def test_dateline_is_not_part_of_the_first_sentence_and_offsets_stay_exact():
    text = " date 2025-06-17 BAKU, June 17. bp and SOCAR signed a memorandum of understanding, SOCAR said.\n"
    spans = prose_sentences(text)
    assert [s.text(text) for s in spans] == ["bp and SOCAR signed a memorandum of understanding, SOCAR said."]


# --- candidates


def _names(sentence: str, kind: str = "org") -> list[str]:
    return [c.name for c in find_candidates(sentence) if c.kind == kind]


def _pairs(sentence: str) -> list[tuple[str, str]]:
    cands = find_candidates(sentence)
    return [tuple(c.name for c in find_parties(sentence, cands))]


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Azerbaijani State Oil Company (SOCAR) and Kazakh QazaqGaz have signed a memorandum.", ("Azerbaijani State Oil Company", "QazaqGaz")),
        ("Azerbaijan's state oil company, SOCAR, and Chinese firm CITIC Construction Co., Ltd. have explored projects.", ("SOCAR", "CITIC Construction Co., Ltd.")),
        ("Hungary's state energy group Magyar Villamos Művek (MVM) and SOCAR signed a contract.", ("Magyar Villamos Művek", "SOCAR")),
        ("Uzbekistan's O'zbekneftgaz and Russia's LUKOIL have signed an agreement.", ("O'zbekneftgaz", "LUKOIL")),
        ("In addition, ACWA Power and the Ministry of Energy of Uzbekistan signed a power purchase agreement.", ("ACWA Power", "Ministry of Energy of Uzbekistan")),
        ("bp and SOCAR signed a memorandum of understanding on a block.", ("bp", "SOCAR")),
        ("Aktau Sea Port and Dubai-based AD Ports Group signed an agreement.", ("Aktau Sea Port", "AD Ports Group")),
        ("Georgian Oil and Gas Corporation (GOGC) has terminated its contract with the Turkish construction firm Kalyon Enerji for the plant.", ("Georgian Oil and Gas Corporation", "Kalyon Enerji")),
    ],
)
def test_coordinated_parties_are_found_with_descriptions_cut_off(sentence, pair):
    assert _pairs(sentence)[0] == pair


def test_titles_split_organisation_from_person_and_aliases_are_kept():
    sentence = "The talks were held between SOCAR President Rovshan Najaf and Sumgait Technological Park (STP) Director Emin Mammadov."
    cands = find_candidates(sentence)
    assert [c.name for c in cands if c.kind == "person"] == ["Rovshan Najaf", "Emin Mammadov"]
    assert [(c.name, c.alias) for c in cands if c.kind == "org"] == [("SOCAR", None), ("Sumgait Technological Park", "STP")]


def test_news_sources_places_and_units_are_not_organisations():
    sentence = "According to Report, the 1.5 GW plant in Budapest will be built by Alpha Energy, Trend reports."
    assert _names(sentence) == ["Alpha Energy"]


def test_inner_and_only_inside_industry_names():
    assert _names("Georgian Oil and Gas Corporation signed it.") == ["Georgian Oil and Gas Corporation"]
    assert _names("SOCAR and Sumgait Technological Park signed it.") == ["SOCAR", "Sumgait Technological Park"]


# --- dates


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("signed on December 10, 2019.", dt.date(2019, 12, 10)),
        ("signed on Dec. 10, 2019, Trend reports", dt.date(2019, 12, 10)),
        ("signed on 10 December 2019 in Baku", dt.date(2019, 12, 10)),
        ("signed on 2019-12-10", dt.date(2019, 12, 10)),
        ("signed on 10.12.2019 in Baku", dt.date(2019, 12, 10)),
        ("signed on the 3rd of March 2021", dt.date(2021, 3, 3)),
    ],
)
def test_date_formats_are_normalised(text, value):
    assert [d.value for d in find_dates(text)] == [value]


def test_dates_without_a_year_or_day_are_not_guessed():
    assert find_dates("met on January 13 and signed in January 2021") == []


def test_the_publication_date_is_the_signing_date_only_when_the_signing_verb_governs_it():
    # choice-v5: an article may report a signing on its own day ("signed in Rabat on 9 October").
    sentence = "The ministry said on 20 May 2024 that it had signed the 18 May 2023 memorandum."
    assert signing_date(sentence, reported=dt.date(2024, 5, 20)).value == dt.date(2023, 5, 18)
    assert signing_date("It was signed on 20 May 2024.", reported=dt.date(2024, 5, 20)).value == dt.date(2024, 5, 20)
    assert signing_date("Velbro announced on 20 May 2024 a new plan.", reported=dt.date(2024, 5, 20)) is None


# --- cues and details


def test_cues_choose_specific_types_and_mask_plans():
    cues = find_cues("SOCAR and STP have signed an agreement on the establishment of a joint venture.")
    assert cues.types[0] is AgreementType.joint_venture and cues.statuses == [Status.signed]
    cues = find_cues("The agreement is expected to be signed next month.")
    assert cues.statuses == [Status.planned] and cues.anaphor_end > 0
    assert find_cues("About 300 contract workers were sent to deal with the storm.").types == []


def test_location_signatories_and_scope():
    s = "The agreement was signed by ADY Chairman Javid Gurbanov and KTZ Chairman Sauat Mynbayev in Astana on 5 May 2020."
    assert location(s).text == "Astana"
    assert signers(s, find_candidates(s)) == ["Javid Gurbanov", "Sauat Mynbayev"]
    assert location("A memorandum was signed in Baku between SOCAR and STP.").text == "Baku"
    assert location("They signed a contract to supply gas to Hungary.") is None
    scope = [f.text for f in scope_phrases("The memorandum is aimed at improving the technical base, the company said.")]
    assert scope == ["improving the technical base"]


# --- names beyond ASCII, places from gazetteers, people, generic words (general mechanisms)


def _kinds(sentence):
    return [(c.name, c.kind) for c in find_candidates(sentence)]


def test_non_english_names_and_legal_forms_stay_whole():
    assert _names("Zorlu Enerji Elektrik Üretim A.Ş. and Samruk-Energy JSC terminated it.") == [
        "Zorlu Enerji Elektrik Üretim A.Ş.", "Samruk-Energy JSC"]
    assert "Issiqlik elektr stansiyalari AJ" in _names("Uzbekistan's Issiqlik elektr stansiyalari AJ cancelled it.")
    assert "Enka İnşaat ve Sanayi A.Ş." in _names("It cancelled the contract with Enka İnşaat ve Sanayi A.Ş. today.")
    assert "O‘zbekneftgaz" in _names("It was concluded between O‘zbekneftgaz and ACWA Power.")


def test_cities_regions_and_macro_regions_are_never_parties():
    kinds = dict(_kinds("CAIRO - Alpha Grid signed it for fields in the Bukhara and Kashkadarya regions of Central Asia."))
    assert kinds["Bukhara"] == kinds["Kashkadarya"] == kinds["Central Asia"] == "locality"
    assert dict(_kinds("MOL Group and Kazakhstan signed it."))["MOL Group"] == "org"


def test_people_by_apposition_and_bodies_after_titles():
    kinds = dict(_kinds("It was signed by Mehmet Ali Karagöz, Deputy General Manager of TPAO, and Alpha Grid."))
    assert kinds["Mehmet Ali Karagöz"] == "person" and kinds["TPAO"] == "org"
    kinds = dict(_kinds("Sardor Xolmatov, Chairman of the Management Board of Uzbekneftegaz, spoke."))
    assert kinds == {"Sardor Xolmatov": "person", "Uzbekneftegaz": "org"}
    assert _names("Speaking at the forum, the Government said so.") == []


def test_state_possessive_joins_its_ministry_and_governments_keep_of_the():
    assert _names("Kazakhstan's Ministry of Energy and Masdar signed it.") == ["Kazakhstan's Ministry of Energy", "Masdar"]
    assert _names("The Government of the Republic of Kazakhstan signed it.") == ["Government of the Republic of Kazakhstan"]


def test_dates_without_a_year_take_the_articles_year_only_when_it_is_known():
    assert signing_date("It was signed on March 3 in Baku.", reported=dt.date(2025, 3, 5)).value == dt.date(2025, 3, 3)
    assert signing_date("It was signed on 20 December.", reported=dt.date(2025, 1, 5)).value == dt.date(2024, 12, 20)
    assert signing_date("It was signed on March 3 in Baku.") is None
