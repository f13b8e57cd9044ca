from hypothesis import given, strategies as st

from wirecheck.claims.names import canonical_names, normalise_role, same_person


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


def test_synonyms_of_one_office_are_compatible():
    from wirecheck.claims.names import roles_compatible

    assert roles_compatible("Prime Minister", "premier")
    assert roles_compatible("Chinese Premier", "PM")
    assert roles_compatible("lawyer", "attorney")
    assert roles_compatible("defence counsel", "defense lawyer")
    # a different office or rank still clashes
    assert not roles_compatible("Deputy Prime Minister", "premier")
    assert not roles_compatible("Health Minister", "premier")


def test_tenure_only_differences_are_told_apart_from_other_ranks():
    from wirecheck.claims.names import tenure_only

    assert tenure_only("Mayor", "former Mayor")
    assert tenure_only("then-President", "ex-president")
    assert not tenure_only("Deputy Minister", "Minister")
    assert not tenure_only("former Mayor", "former Mayor")
    assert not tenure_only("Mayor", "former Governor")


def test_portfolio_words_are_compared_singular_and_affairs_stays():
    from wirecheck.claims.names import role_parts

    assert role_parts("Prisons Minister") == (frozenset(), "minister", frozenset({"prison"}))
    assert role_parts("Minister of Foreign Affairs") == (frozenset(), "minister", frozenset({"foreign", "affairs"}))
    assert role_parts("the minister for the economy")[2] == {"economy"}


def test_a_name_in_an_article_takes_its_longest_form():
    from wirecheck.claims.names import normalise

    canon = {"Lopez": "Maria Lopez", "Maria Lopez": "Maria Lopez"}
    assert normalise("Mayor Lopez", canon) == "Maria Lopez"  # a title before the name is set aside
    assert normalise("Lopez, the mayor,", canon) == "Maria Lopez"
    assert normalise("the World Health Organization", {}) == "World Health Organization"
    assert normalise(None, canon) is None
