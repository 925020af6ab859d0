"""Which place names cannot nest: two different countries, or two different US states.

"Born in Texas" and "born in Wapakoneta, Ohio" cannot both be right, but "Washington" and "the
US" can: without knowing what contains what, a differing place refutes only when both names
are of one kind that never nests (countries from Babel's English territory names, the US
states).
"""

from __future__ import annotations

from functools import lru_cache

US_STATES = frozenset(
    {
        "alabama",
        "alaska",
        "arizona",
        "arkansas",
        "california",
        "colorado",
        "connecticut",
        "delaware",
        "florida",
        "georgia",
        "hawaii",
        "idaho",
        "illinois",
        "indiana",
        "iowa",
        "kansas",
        "kentucky",
        "louisiana",
        "maine",
        "maryland",
        "massachusetts",
        "michigan",
        "minnesota",
        "mississippi",
        "missouri",
        "montana",
        "nebraska",
        "nevada",
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york state",
        "north carolina",
        "north dakota",
        "ohio",
        "oklahoma",
        "oregon",
        "pennsylvania",
        "rhode island",
        "south carolina",
        "south dakota",
        "tennessee",
        "texas",
        "utah",
        "vermont",
        "virginia",
        "west virginia",
        "wisconsin",
        "wyoming",
    }
)
ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "u.s.a.": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "england": "united kingdom",
}


# A country's adjective stands for the country in a name's place ("the French-Swiss border").
DEMONYMS = {
    "american": "united states",
    "british": "united kingdom",
    "english": "england",
    "scottish": "scotland",
    "welsh": "wales",
    "irish": "ireland",
    "french": "france",
    "swiss": "switzerland",
    "german": "germany",
    "italian": "italy",
    "spanish": "spain",
    "portuguese": "portugal",
    "dutch": "netherlands",
    "belgian": "belgium",
    "austrian": "austria",
    "swedish": "sweden",
    "norwegian": "norway",
    "danish": "denmark",
    "finnish": "finland",
    "polish": "poland",
    "czech": "czechia",
    "hungarian": "hungary",
    "greek": "greece",
    "turkish": "turkey",
    "russian": "russia",
    "ukrainian": "ukraine",
    "chinese": "china",
    "japanese": "japan",
    "korean": "korea",
    "indian": "india",
    "pakistani": "pakistan",
    "israeli": "israel",
    "palestinian": "palestine",
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "egyptian": "egypt",
    "saudi": "saudi arabia",
    "mexican": "mexico",
    "canadian": "canada",
    "brazilian": "brazil",
    "argentine": "argentina",
    "argentinian": "argentina",
    "chilean": "chile",
    "colombian": "colombia",
    "venezuelan": "venezuela",
    "cuban": "cuba",
    "jamaican": "jamaica",
    "australian": "australia",
    "nigerian": "nigeria",
    "kenyan": "kenya",
    "ethiopian": "ethiopia",
    "indonesian": "indonesia",
    "vietnamese": "vietnam",
    "thai": "thailand",
    "filipino": "philippines",
    "afghan": "afghanistan",
    "bavarian": "bavaria",
}


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names in English (Babel's territories with two-letter codes)."""
    from babel import Locale

    names = {
        name.lower().replace("&", "and")
        for code, name in Locale("en").territories.items()
        if len(code) == 2 and code.isalpha()
    }
    return frozenset(names | set(ALIASES.values()))


def normal(name: str) -> str:
    """A place name as the lists hold it: lower case, no \"the\", aliases resolved."""
    name = name.lower().strip().removeprefix("the ").strip()
    return ALIASES.get(name, name)


def disjoint(a: str, b: str) -> bool:
    """True when two place names are different places of a kind that never nests."""
    x, y = normal(a), normal(b)
    if x == y:
        return False
    return (x in countries() and y in countries()) or (x in US_STATES and y in US_STATES)
