"""Unit and currency lexicon for quantity extraction.

Each :class:`Unit` has a short ``symbol`` (what :class:`~wirecheck.records.Quantity`
stores), a spelled-out ``name`` (singular, British spelling, as in the
NewsQuant/CQE vocabulary), a quantity ``type`` and, for imperial units, a
conversion into a metric alternative.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of measure or a currency."""

    symbol: str
    name: str
    type: str = "measure"  # measure | percent | money | duration | age
    metric_factor: float | None = None  # multiply to get ``metric_symbol``
    metric_symbol: str | None = None


def _u(symbol, name, type_="measure", factor=None, metric=None):
    return Unit(symbol, name, type_, factor, metric)


# surface form (lowercase, tokens joined by single spaces) -> Unit
_TABLE: list[tuple[tuple[str, ...], Unit]] = [
    (("%", "percent", "per cent", "pct", "pc", "percentage", "percent-owned"), _u("%", "percentage", "percent")),
    (("percentage point", "percentage points", "percentage-point", "pp", "ppt"),
     _u("pp", "percentage point", "percent")),
    (("basis point", "basis points", "bp", "bps"), _u("bp", "basis point", "percent")),
    (("dollar", "dollars", "usd", "us dollars", "us dollar"), _u("USD", "dollar", "money")),
    (("cent", "cents"), _u("USD cent", "cent", "money")),
    (("euro", "euros", "eur", "€"), _u("EUR", "euro", "money")),
    (("pound sterling", "sterling", "gbp", "£"), _u("GBP", "pound sterling", "money")),
    (("pence", "p"), _u("GBP pence", "pence", "money")),
    (("yen", "jpy"), _u("JPY", "japanese yen", "money")),
    (("yuan", "renminbi", "rmb", "cny"), _u("CNY", "chinese yuan", "money")),
    (("sen",), _u("MYR sen", "sen", "money")),
    (("rupee", "rupees", "inr"), _u("INR", "indian rupee", "money")),
    (("ringgit",), _u("MYR", "malaysian ringgit", "money")),
    (("shekel", "shekels", "nis"), _u("ILS", "shekel", "money")),
    (("rouble", "roubles", "ruble", "rubles"), _u("RUB", "russian ruble", "money")),
    (("hryvnia", "hryvnias"), _u("UAH", "ukrainian hryvnia", "money")),
    (("franc", "francs", "chf"), _u("CHF", "swiss franc", "money")),
    (("danish krone", "danish kroner", "danish crown", "danish crowns", "dkk"), _u("DKK", "danish krone", "money")),
    (("kuna", "kunas", "hrk"), _u("HRK", "croatian kuna", "money")),
    (("rand", "zar"), _u("ZAR", "south african rand", "money")),
    (("australian dollar", "australian dollars", "aud"), _u("AUD", "australian dollar", "money")),
    (("canadian dollar", "canadian dollars", "cad"),
     _u("CAD", "canadian dollar", "money")),
    (("new zealand dollar", "new zealand dollars", "nzd"), _u("NZD", "new zealand dollar", "money")),
    (("hong kong dollar", "hong kong dollars", "hkd"), _u("HKD", "hong kong dollar", "money")),
    (("singapore dollar", "singapore dollars", "sgd"), _u("SGD", "singapore dollar", "money")),
    (("bitcoin", "bitcoins", "btc"), _u("BTC", "bitcoin", "money")),
    (("km", "kilometre", "kilometres", "kilometer", "kilometers", "kms"), _u("km", "kilometre")),
    (("m", "metre", "metres", "meter", "meters"), _u("m", "metre")),
    (("cm", "centimetre", "centimetres", "centimeter", "centimeters"), _u("cm", "centimetre")),
    (("mm", "millimetre", "millimetres", "millimeter", "millimeters"), _u("mm", "millimetre")),
    (("μm", "micrometre", "micrometres", "micrometer", "micrometers", "micron", "microns"),
     _u("um", "micrometre")),
    (("nm", "nanometre", "nanometres", "nanometer", "nanometers"), _u("nm", "nanometre")),
    (("mile", "miles", "mi"), _u("mi", "mile", "measure", 1.609344, "km")),
    (("yard", "yards", "yd", "yds"), _u("yd", "yard", "measure", 0.9144, "m")),
    (("foot", "feet", "ft"), _u("ft", "foot", "measure", 0.3048, "m")),
    (("inch", "inches", "in."), _u("in", "inch", "measure", 2.54, "cm")),
    (("sq km", "square kilometre", "square kilometres", "square kilometer", "square kilometers", "km2", "km²"),
     _u("sq km", "square kilometre")),
    (("sq m", "sqm", "square metre", "square metres", "square meter", "square meters", "m2", "m²"),
     _u("sq m", "square metre")),
    (("sq miles", "sq mile", "sq mi", "square mile", "square miles"),
     _u("sq mi", "square mile", "measure", 2.589988, "sq km")),
    (("sq ft", "square foot", "square feet", "sq feet"), _u("sq ft", "square foot", "measure", 0.092903, "sq m")),
    (("hectare", "hectares", "ha"), _u("ha", "hectare")),
    (("acre", "acres"), _u("acre", "acre", "measure", 0.404686, "ha")),
    (("cubic feet", "cubic foot", "cu ft"), _u("cu ft", "cubic foot", "measure", 28.3168, "l")),
    (("kg", "kilogram", "kilograms", "kilo", "kilos", "kgs"), _u("kg", "kilogram")),
    (("g", "gram", "grams", "gramme", "grammes"), _u("g", "gram")),
    (("mg", "milligram", "milligrams"), _u("mg", "milligram")),
    (("tonne", "tonnes", "metric ton", "metric tons"), _u("t", "metric ton")),
    (("ton", "tons"), _u("ton", "ton")),
    (("gigatonne", "gigatonnes", "gigaton", "gigatons"), _u("Gt", "gigaton")),
    (("lb", "lbs", "pound", "pounds"), _u("lb", "pound-mass", "measure", 0.453592, "kg")),
    (("ounce", "ounces", "oz"), _u("oz", "ounce", "measure", 28.3495, "g")),
    (("litre", "litres", "liter", "liters", "l"), _u("l", "litre")),
    (("ml", "millilitre", "millilitres", "milliliter", "milliliters"), _u("ml", "millilitre")),
    (("gallon", "gallons"), _u("gal", "gallon", "measure", 3.78541, "l")),
    (("pint", "pints"), _u("pt", "pint", "measure", 0.473176, "l")),
    (("quart", "quarts"), _u("qt", "quart", "measure", 0.946353, "l")),
    (("barrel", "barrels", "bbl"), _u("bbl", "barrel")),
    (("barrels per day", "barrels a day", "barrel per day", "barrel-a-day", "bpd", "b/d"),
     _u("bbl/d", "barrel per day")),
    (("mph", "m.p.h.", "m.p.h", "miles per hour", "miles an hour", "mile per hour"),
     _u("mph", "mile per hour", "measure", 1.609344, "km/h")),
    (("km/h", "kph", "km/hr", "kmh", "kilometres per hour", "kilometers per hour", "kilometres an hour"),
     _u("km/h", "kilometre per hour")),
    (("metres per second", "meters per second", "m/s"), _u("m/s", "metre per second")),
    (("mpg", "miles per gallon"), _u("mpg", "mile per gallon")),
    (("knot", "knots", "kt", "kts"), _u("kn", "knot", "measure", 1.852, "km/h")),
    (("mmbtu", "million btu", "million british thermal units"), _u("MMBtu", "mega british thermal unit")),
    (("″",), _u("in", "inch", "measure", 2.54, "cm")),
    (("′",), _u("ft", "foot", "measure", 0.3048, "m")),
    (("second", "seconds", "sec", "secs"), _u("s", "second", "duration")),
    (("minute", "minutes", "min", "mins"), _u("min", "minute", "duration")),
    (("hour", "hours", "hrs", "hr"), _u("h", "hour", "duration")),
    (("day", "days"), _u("day", "day", "duration")),
    (("week", "weeks"), _u("week", "week", "duration")),
    (("month", "months"), _u("month", "month", "duration")),
    (("year", "years", "yr", "yrs"), _u("year", "year", "duration")),
    (("decade", "decades"), _u("decade", "decade", "duration")),
    (("year-old", "years old", "year old", "years-old", "-year-old"), _u("years old", "year of age", "age")),
    (("month-old", "months old", "month old"), _u("months old", "month of age", "age")),
    (("degrees celsius", "degree celsius", "celsius", "°c", "degrees c", "degree c", "deg c", "degc", "c"),
     _u("°C", "celsius")),
    (("degrees fahrenheit", "degree fahrenheit", "fahrenheit", "°f", "degrees f", "f", "degf"),
     _u("°F", "fahrenheit")),
    (("degree", "degrees", "°", "deg"), _u("deg", "degree")),
    (("hp", "horsepower"), _u("hp", "horsepower")),
    (("bhp",), _u("bhp", "brake horsepower")),
    (("kw", "kilowatt", "kilowatts"), _u("kW", "kilowatt")),
    (("mw", "megawatt", "megawatts"), _u("MW", "megawatt")),
    (("gw", "gigawatt", "gigawatts"), _u("GW", "gigawatt")),
    (("w", "watt", "watts"), _u("W", "watt")),
    (("kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hour", "kilowatt-hours"), _u("kWh", "kilowatt hour")),
    (("gwh", "gigawatt hour", "gigawatt hours", "gigawatt-hour"), _u("GWh", "gigawatt hour")),
    (("mah", "milliampere hour", "milliampere-hour"), _u("mAh", "milliampere-hour")),
    (("v", "volt", "volts"), _u("V", "volt")),
    (("hz", "hertz"), _u("Hz", "hertz")),
    (("khz", "kilohertz"), _u("kHz", "kilohertz")),
    (("ghz", "gigahertz"), _u("GHz", "gigahertz")),
    (("gb", "gigabyte", "gigabytes"), _u("GB", "gigabyte")),
    (("tb", "terabyte", "terabytes"), _u("TB", "terabyte")),
    (("mb", "megabyte", "megabytes"), _u("MB", "megabyte")),
    (("mbps", "megabits per second"), _u("Mbps", "megabit per second")),
    (("rpm",), _u("rpm", "revolutions per minute")),
    (("ksi",), _u("ksi", "kilopound per square inch")),
    (("mpa", "megapascal", "megapascals"), _u("MPa", "megapascal")),
    (("gpa", "gigapascal", "gigapascals"), _u("GPa", "gigapascal")),
    (("kv/cm",), _u("kV/cm", "kilovolt per centimetre")),
    (("ppg", "points per game"), _u("ppg", "point per game")),
    (("rpg", "rebounds per game"), _u("rpg", "rebound per game")),
    (("apg", "assists per game"), _u("apg", "assist per game")),
    (("ppm", "parts per million"), _u("ppm", "part per million")),
    (("ppb", "parts per billion"), _u("ppb", "parts-per-billion")),
    (("lb-ft", "lb ft", "pound-feet", "pound-foot", "lb.-ft."), _u("lb-ft", "foot pound-force")),
    (("newton metre", "newton metres", "newton meters", "newton-metres"), _u("Nm", "newton metre")),
    (("ps",), _u("PS", "horsepower")),
    (("decibel", "decibels", "db"), _u("dB", "decibel")),
    (("calorie", "calories"), _u("kcal", "calorie")),
    (("point", "points", "pts"), _u("pt", "point")),
    (("times",), _u("times", "count")),
]

UNITS: dict[str, Unit] = {form: unit for forms, unit in _TABLE for form in forms}
BY_SYMBOL: dict[str, Unit] = {unit.symbol: unit for _forms, unit in _TABLE}
MAX_UNIT_TOKENS = 5

# Forms that are only units when written right after a digit ("5m", "3 km"), never as words alone
# after a spelled-out number ("two m"), and single letters that are too ambiguous mid-sentence.
ABBREVIATIONS = {
    "m", "g", "l", "p", "c", "f", "w", "v", "in.", "ft", "mi", "yd", "min", "sec", "hr", "mm", "cm", "km",
    "kg", "mg", "ml", "gb", "mb", "tb", "hz", "db", "pc", "pt", "pts", "ha", "nm", "oz", "lb", "lbs", "kt", "kts",
}

# Currency signs and codes written before the figure -> Unit
CURRENCY_PREFIX: dict[str, Unit] = {
    "$": UNITS["dollar"], "$us": UNITS["dollar"], "us$": UNITS["dollar"], "usd": UNITS["dollar"], "us": UNITS["dollar"],
    "€": UNITS["euro"], "eur": UNITS["euro"],
    "£": UNITS["sterling"], "gbp": UNITS["sterling"],
    "¥": UNITS["yen"], "jpy": UNITS["yen"],
    "a$": UNITS["aud"], "au$": UNITS["aud"], "aud": UNITS["aud"],
    "c$": UNITS["cad"], "cad": UNITS["cad"],
    "hk$": _u("HKD", "hong kong dollar", "money"),
    "nz$": _u("NZD", "new zealand dollar", "money"),
    "s$": _u("SGD", "singapore dollar", "money"),
    "rs": UNITS["inr"], "rs.": UNITS["inr"], "₹": UNITS["inr"], "inr": UNITS["inr"],
    "rm": UNITS["ringgit"], "₪": UNITS["shekel"], "₽": UNITS["rouble"], "₴": UNITS["hryvnia"],
    "chf": UNITS["chf"], "cny": UNITS["yuan"], "rmb": UNITS["yuan"],
}
CURRENCY_PREFIX.update({"hk$": UNITS["hkd"], "nz$": UNITS["nzd"], "s$": UNITS["sgd"]})
# "$A82m" (tokenised "$" "A82m"), and the ASCII folds of £ and ¥ ("PS2.7m", "Y=590 billion")
CURRENCY_PREFIX.update({"$a": UNITS["aud"], "$c": UNITS["cad"], "$nz": UNITS["nzd"], "$hk": UNITS["hkd"],
                        "$s": UNITS["sgd"], "ps": UNITS["sterling"], "y=": UNITS["yen"]})

# Units only when written in capitals right after a figure ("0.5 WAR", "2 TDs", "5G"): as lower-case words
# they are ordinary words ("war", "td").
CASED_UNITS: dict[str, Unit] = {
    "WAR": _u("WAR", "win above replacement"), "TD": _u("TD", "touch down"), "TDs": _u("TD", "touch down"),
    "G": _u("G", "generation wireless"),
}

# "per X" / "a X" denominators allowed after a unit ("$52 a barrel", "5% a year")
DENOMINATORS = {
    "year", "month", "week", "day", "hour", "minute", "second", "share", "barrel", "gallon", "litre", "liter",
    "game", "night", "person", "head", "capita", "kilo", "kg", "tonne", "ton", "gram", "mile", "km",
    "square foot", "square metre", "sq m", "sq ft", "century", "decade", "unit", "seat", "ticket", "ounce",
    "hr", "h", "pound", "kilogram", "acre", "hectare",
}
