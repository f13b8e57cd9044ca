from wirecheck.records import Quantity
from wirecheck.wording import figure


def test_figures_read_like_a_reporter_wrote_them():
    assert figure(Quantity(212, "drones")) == "212 drones"
    assert figure(Quantity(200, "drones", "more_than")) == "more than 200 drones"
    assert figure({"value": 8_500_000, "noun": "dollar", "bound": "exact", "unit": "USD", "type": "money"}) == "$8.5 million"
    assert figure(Quantity(90e6, "dollar per year", "about", unit="USD/year", type="money")) == "about $90 million a year"
    assert figure(Quantity(35, "percentage", "about", unit="%", type="percent")) == "about 35%"
    assert figure(Quantity(1 / 3, "farmland", "about", unit="fraction", type="percent")) == "about 33.33% farmland"
    assert figure(Quantity(44, "year of age", unit="years old", type="age")) == "aged 44"
    assert figure(Quantity(1200, "families")) == "1,200 families"
    assert figure(Quantity(10, "people", high=20)) == "10–20 people"
    assert figure(Quantity(120, "millimetre", "at_most", unit="mm", type="measure")) == "at most 120 millimetre"
    assert figure(None) == ""


def test_values_are_shown_as_the_outlet_wrote_them():
    from wirecheck.wording import written

    text = "Russia launched more than 650 drones overnight."
    q = Quantity(650, "drone", "more_than", start=16, end=36)
    assert written(text, q) == "more than 650 drones"
    assert written("", q) == "more than 650 drone"  # no text: worded from the record


def test_unknown_outlets_are_named_by_host_or_file_name_never_a_path():
    from wirecheck.wording import source_label

    assert source_label("Reuters", "https://www.reuters.com/x", "/tmp/a.html") == "Reuters"
    assert source_label(None, "https://www.example-news.com/world/1", "/home/me/a.html") == "example-news.com"
    assert source_label(None, None, "/home/me/news/ketala-observer.txt") == "ketala-observer.txt"
    assert source_label(None, None, "/data/feeds/wire.jsonl#rtr-14") == "wire.jsonl#rtr-14"
    assert "/" not in source_label(None, None, "C:\\news\\page.html")


def test_a_fact_row_says_which_figure_of_its_clause_it_is():
    from wirecheck.wording import claim_words

    one = {"label": "Eight people were wounded", "values": ["Eight people"], "quote": None, "text": "x"}
    assert claim_words(one) == "Eight people were wounded"
    two = {"label": "Eight people were wounded, three of them in Kyiv", "values": ["three of them"], "quote": None,
           "text": "x"}
    assert claim_words(two).endswith("(three of them)")
    many = {"label": "Russia launched 653 drones", "values": ["653 drones", "hundreds of drones"], "quote": None,
            "text": "x"}
    assert claim_words(many) == "Russia launched 653 drones (653 drones / hundreds of drones)"


def test_a_quote_row_reads_its_label_with_its_speaker():
    from wirecheck.wording import claim_words

    quote = {"label": "Clean water is now as urgent as food", "values": [], "text": "x",
             "quote": {"text": "Clean water is now as urgent as food,", "speaker": "Amara Bello"}}
    assert claim_words(quote) == "“Clean water is now as urgent as food” — Amara Bello"
    quote["label"] = ""  # the other way: with no label, the quote as it was taken
    assert claim_words(quote) == "“Clean water is now as urgent as food,” — Amara Bello"
