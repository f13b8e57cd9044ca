"""The shared text and date helpers (``wirecheck.text``, ``wirecheck.dates``): model-free."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from wirecheck.dates import MONTHS, WEEKDAYS, parse_datetime, timestamp
from wirecheck.text import STOP_WORDS, TITLE_STOP_WORDS, bare_name, normalise_number, singular, url_host


def test_numbers_lose_separators_and_trailing_decimal_zeros():
    assert normalise_number("1,200") == "1200"
    assert normalise_number("6.50") == "6.5"
    assert normalise_number("3.0") == "3"
    assert normalise_number("1,000.00") == "1000"
    assert normalise_number("100") == "100"  # zeros of a whole number stay


@given(st.integers(0, 10**12), st.text(alphabet="0123456789", max_size=4))
def test_number_spellings_of_one_value_meet(whole, decimals):
    written = f"{whole:,}" + (f".{decimals}" if decimals else "")
    value = normalise_number(written)
    assert "," not in value
    assert float(value) == float(written.replace(",", ""))
    assert "." not in value or not value.endswith(("0", "."))
    assert normalise_number(value) == value


def test_singular_variants():
    assert singular("drones") == "drone"
    assert singular("casualties") == "casualty"
    assert singular("glass") == "glass"
    assert singular("gas") == "gas"  # three letters: kept by default
    assert singular("prisons", longer_than=4, ies=False, invariant=("affairs",)) == "prison"
    assert singular("affairs", longer_than=4, ies=False, invariant=("affairs",)) == "affairs"
    assert singular("cars", longer_than=4) == "cars"
    assert singular("abs", longer_than=0, ies=False) == "ab"


@given(st.text(alphabet="abcsy", max_size=10), st.integers(0, 6), st.booleans())
def test_singular_only_drops_a_final_s_or_ies(word, longer_than, ies):
    out = singular(word, longer_than=longer_than, ies=ies)
    assert out in {word, word[:-1], word[:-3] + "y"}
    if not word.endswith("s") or word.endswith("ss"):
        assert out == word


def test_bare_names():
    assert bare_name("The  Kremlin's") == "kremlin"
    assert bare_name("the Netherlands’s") == "netherlands"
    assert bare_name("A Coruña") == "coruña"
    assert bare_name("A Coruña", articles=("the",)) == "a coruña"
    assert bare_name("Theresa May") == "theresa may"  # "the" only as a word


def test_place_and_entity_keys_use_the_bare_name():
    from wirecheck.cluster.profile import entity_keys
    from wirecheck.discrepancy import places_compatible

    assert entity_keys("the Kremlin's", "ORG") == ["O:kremlin"]
    assert entity_keys("the U.S.", "GPE") == ["L:u.s"]
    assert places_compatible("the U.S.'s", "U.S.")
    assert places_compatible("Calif.", "California")


@pytest.mark.model  # spaCy's own list: the library, not the model
def test_stop_lists():
    from wirecheck.text import spacy_stop_words

    spacy = spacy_stop_words()
    assert STOP_WORDS - spacy == {"said", "says"}  # spaCy's list, far smaller, with the reporting verbs
    assert TITLE_STOP_WORDS - STOP_WORDS == {"s"}
    assert "three" in spacy and "three" not in STOP_WORDS


def test_month_and_weekday_names():
    assert MONTHS["march"] == MONTHS["mar"] == 3
    assert MONTHS["sept"] == MONTHS["sep"] == MONTHS["september"] == 9
    assert MONTHS["may"] == 5
    assert len(set(MONTHS.values())) == 12 and len(WEEKDAYS) == 7


def test_dates_and_times():
    utc = timezone.utc
    assert parse_datetime("2026-11-14") == datetime(2026, 11, 14, tzinfo=utc)
    assert parse_datetime("2026-11-20T07:00:00Z") == datetime(2026, 11, 20, 7, tzinfo=utc)
    assert parse_datetime("2026-06-15T10:00:00+02:00") == datetime(2026, 6, 15, 8, tzinfo=utc)
    assert parse_datetime("2026-06-15T10:00:00+02:00").utcoffset() == timedelta(hours=2)
    assert parse_datetime(" 2026-06-15T10:00:00 ") == datetime(2026, 6, 15, 10, tzinfo=utc)  # no zone: UTC
    assert parse_datetime("2026-06-15Tnoon") == datetime(2026, 6, 15, tzinfo=utc)  # the date part alone
    assert parse_datetime("yesterday") is None and parse_datetime("") is None and parse_datetime(None) is None
    assert timestamp("1970-01-02") == 86400.0
    assert timestamp("2026-13-01") is None


_ZONES = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=_ZONES))
def test_iso_datetimes_read_as_the_standard_library_reads_them(dt):
    for text in (dt.isoformat(), dt.isoformat(timespec="seconds"), dt.replace(tzinfo=None).isoformat()):
        expected = datetime.fromisoformat(text)
        expected = expected if expected.tzinfo else expected.replace(tzinfo=timezone.utc)
        got = parse_datetime(text)
        assert got == expected and got.utcoffset() == expected.utcoffset()
        assert timestamp(text) == expected.timestamp()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
def test_iso_dates_read_as_midnight_utc(day):
    assert parse_datetime(day.isoformat()) == datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def test_url_host():
    assert url_host("https://www.Example.com/a?b") == "example.com"
    assert url_host("http://news.example.org:8080/x") == "news.example.org"
    assert url_host("http://[::1") == "" and url_host(None) == "" and url_host("not a url") == ""
