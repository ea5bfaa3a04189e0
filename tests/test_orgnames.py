"""The shared organisation-name matcher: legal forms of many countries, transliteration, acronyms,
shortened words; and the block keys linking relies on to never compare every record with every other."""

from __future__ import annotations

import pytest

from summariser.orgnames import block_keys, same_organisation


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Eni S.p.A.", "Eni", True),
        ("Grupa Azoty Sp. z o.o.", "Grupa Azoty", True),
        ("Ørsted A/S", "Orsted", True),
        ("Газпром", "Gazprom", True),
        ("ПАО Лукойл", "Lukoil", True),
        ("ООО Газпром экспорт", "Gazprom Export", True),
        ("WuXi Biologics", "WuXi Bio", True),
        ("China National Petroleum Corporation", "CNPC", True),
        ("Georgian Oil and Gas Corporation", "GOGC", True),
        ("Siemens AG", "SA", False),
        ("Shell UK", "Shell", False),
        ("Gazprom", "Gazprom Neft", False),
        ("Asian Development Bank", "African Development Bank", False),
        ("Rosneft", "Rosatom", False),
    ],
)
def test_names_across_countries_and_scripts(a, b, same):
    assert same_organisation(a, b) is same
    assert same_organisation(b, a) is same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sumgayit Technologies Park", "Sumgait Technological Park"),
        ("State Oil Company of Azerbaijan Republic", "SOCAR"),
        ("Azerbaijani State Oil Company (SOCAR)", "SOCAR"),
        ("Газпром", "Gazprom PJSC"),
        ("WuXi Biologics", "WuXi Bio"),
        ("JSC QazaqGaz", "QazaqGaz"),
    ],
)
def test_names_that_match_share_a_block_key(a, b):
    assert same_organisation(a, b)
    (words_a, initials_a), (words_b, initials_b) = block_keys(a), block_keys(b)
    assert words_a & words_b or initials_a & words_b or words_a & initials_b
