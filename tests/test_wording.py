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
