"""Word lists the candidate finder needs: titles, demonyms, countries, words that start sentences.

General vocabulary of business news, not names from any particular article.
"""

from __future__ import annotations

TITLE_WORDS = frozenset(
    """President Vice Chairman Chairwoman Chair Director Directors General CEO CFO COO Minister Deputy Head Manager
    Managing Officer Chief Executive Secretary Governor Ambassador Prime Mayor Founder Partner Commissioner
    Advisor Adviser Spokesman Spokeswoman Spokesperson Envoy Representative Board Under-Secretary Undersecretary""".split()
) | frozenset()  # honorifics are added below (HONORIFICS)
# Abbreviated honorifics written with a full stop before a person's name ("Dr. Wanjiku", "Eng." and "Ing." for
# engineers in Arabic and Spanish usage): a closed class, so a list; they count as titles.
# Military ranks ("Col. (retd) Vikram Shinde") precede a name the same way.
HONORIFICS = frozenset("Dr Eng Ing Prof Mr Mrs Ms Col Capt Maj Brig".split())
# Abbreviations that start a name and keep their full stop ("Mt. Kenya", "St. Petersburg", "Md. Rafiqul Islam").
NAME_ABBREVIATIONS = frozenset("Mt St Ft Md".split())
TITLE_WORDS = TITLE_WORDS | HONORIFICS
# Words capitalised only because they start a sentence or clause, and other capitalised non-names.
NON_NAME_WORDS = frozenset(
    """The A An In On At As By For From To Of With Under During After Before Earlier Later However Moreover
    Meanwhile Likewise Also Additionally According Addressing Now Then Thus Therefore This That These Those
    It Its He She His Her They Their We Our Some Several Both Each No Not Diplomatic Such If When While
    Since Until Among Between Following Besides Furthermore In addition Today Yesterday Tomorrow
    First Second Third Fourth Fifth Finally Lastly Separately Elsewhere THE
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
# Words that describe an organisation rather than name it, when they stand before an acronym
# ("State Oil Company SOCAR" is SOCAR).
DESCRIPTOR_WORDS = frozenset(
    """State National Oil Gas Energy Company Group Concern Corporation Firm Holding Operator Giant Major
    Petrochemical Chemical Power Utility Railway Railways""".split()
)
# Written after (or, post-Soviet style, before) a company's name; dotted forms without their final full stop.
LEGAL_FORMS = frozenset(
    """Co Ltd LLC JSC CJSC OJSC PJSC Inc Corp PLC Plc GmbH AG SA SpA NV BV LLP LP Limited AS ASA AB Oy KK
    AJ AO OAO ZAO OOO TOO AŞ SE SAS PT Pte Pvt Tbk KSC QSC SAOG PLLC A.Ş S.A S.p.A N.V B.V A.O S.A.S""".split()
)
# The nouns a descriptive organisation name ends on ("Georgian Oil and Gas Corporation"): with a legal
# form after an "and", they show the "and" is inside one name.
ORG_HEADS = frozenset(
    """Company Corporation Group Holding Holdings Enterprise Enterprises Industries Authority Agency Association
    Institute Organisation Organization Fund Bank""".split()
)
# Government bodies named "of the ..." ("Government of the Republic of Kazakhstan").
ORGAN_WORDS = frozenset(
    "Government Ministry Department Republic Kingdom Council Cabinet Parliament Bank Committee Agency Authority Commission Office".split()
)
# Lower-case connectors inside non-English names ("Enka İnşaat ve Sanayi", "Boru Hatları ile Petrol Taşıma").
FOREIGN_CONNECTORS = frozenset("ve ile və va und et y e".split())
COUNTRIES = frozenset(
    """Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh Belarus
    Belgium Brazil Bulgaria Canada Chile China Colombia Croatia Cyprus Czechia Denmark Egypt Estonia Finland
    France Georgia Germany Greece Hungary India Indonesia Iran Iraq Ireland Israel Italy Japan Jordan
    Kazakhstan Kenya Korea Kuwait Kyrgyzstan Latvia Lebanon Libya Lithuania Malaysia Mexico Moldova Mongolia
    Morocco Netherlands Nigeria Norway Oman Pakistan Poland Portugal Qatar Romania Russia Serbia Singapore
    Slovakia Slovenia Spain Sweden Switzerland Syria Tajikistan Thailand Tunisia Turkey Türkiye Turkmenistan
    Ukraine Uzbekistan Venezuela Vietnam Europe Asia Africa""".split()
) | {"Saudi Arabia", "United States", "United Kingdom", "United Arab Emirates", "South Korea", "Abu Dhabi"}
DEMONYMS = frozenset(
    """Afghan Albanian Algerian Argentine Armenian Australian Austrian Azerbaijani Azeri Belarusian Belgian
    Brazilian Bulgarian Canadian Chinese Croatian Czech Danish Dutch Egyptian Emirati Estonian European Finnish
    French Georgian German Greek Hungarian Indian Indonesian Iranian Iraqi Irish Israeli Italian Japanese
    Kazakh Kazakhstani Korean Kuwaiti Kyrgyz Latvian Lithuanian Malaysian Mexican Moldovan Norwegian Omani
    Pakistani Polish Portuguese Qatari Romanian Russian Saudi Serbian Spanish Swedish Swiss Tajik Turkish
    Turkmen Ukrainian Uzbek American British""".split()
)
# Capitalised abbreviations that are units or document kinds, not organisations.
NOT_ORGANISATIONS = frozenset(
    """MoU MOU GW MW kW MWh GWh TWh LNG LPG PSA HSE GDP VAT IT CIS EPC Government Ministry Management Board Company
    Companies Group Parliament Cabinet Agency Committee Council Republic Tags Share Photo""".split()
)
