from hypothesis import given, strategies as st

from wirecheck.names import canonical_names, normalise_role, same_person


def test_surname_and_full_name_match():
    assert same_person("Bello", "Amara Bello")
    assert same_person("Ms. Bello", "Amara Bello")
    assert not same_person("Amara Bello", "Tunde Bello")
    assert not same_person("Amara Bello", "Amara Okafor")


def test_canonical_is_longest_form():
    canon = canonical_names(["Bello", "Amara Bello", "Okafor", "John Okafor", "Maria Lopez"])
    assert canon["Bello"] == "Amara Bello"
    assert canon["Okafor"] == "John Okafor"
    assert canon["Maria Lopez"] == "Maria Lopez"


def test_roles_compare_loosely():
    assert normalise_role("The  Deputy Health Minister") == normalise_role("deputy health minister")
    assert normalise_role("Health Minister") != normalise_role("Deputy Health Minister")


@given(st.lists(st.text(alphabet="abcdefg ", min_size=1, max_size=12), max_size=8))
def test_canonical_names_map_every_name_to_a_matching_name(names):
    canon = canonical_names(names)
    for name, head in canon.items():
        assert name == head or same_person(name, head)
