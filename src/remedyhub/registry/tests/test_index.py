"""The trigram index on its own: building, saving and loading, country ranges."""

import pytest

from remedyhub.registry.index import FacilityIndex, IndexRecord
from remedyhub.registry.matching import Match, Outcome, decide, search

RECORDS = [
    IndexRecord(3, "VN", "Harbour Apparel Co., Ltd", "Lot 12, Tan Thuan EPZ, District 7"),
    IndexRecord(1, "BD", "Sunrise Knit Composite Ltd", "Kashimpur Road, Konabari, Gazipur"),
    IndexRecord(2, "BD", "Lotus Denim Ltd", "BSCIC, Fatullah, Narayanganj", ("Lotus Jeans",)),
]


def test_a_saved_index_loads_and_answers_the_same(tmp_path):
    built = FacilityIndex.build(RECORDS)
    built.save(tmp_path / "index")
    loaded = FacilityIndex.load(tmp_path / "index")
    assert len(loaded) == 3
    for query in ({"text": "lotus jeans"}, {"name": "Harbour Apparel", "country": "VN"}):
        assert search(loaded, **query) == search(built, **query)
    assert search(loaded, text="lotus jeans")[0].key == 2


def test_rows_are_grouped_by_country_so_a_filter_sees_only_its_country():
    index = FacilityIndex.build(RECORDS)
    assert index.country_ranges == {"BD": (0, 2), "VN": (2, 3)}
    assert [m.key for m in search(index, text="apparel", country="BD")] != [3]
    assert search(index, text="anything", country="KH") == []


def test_presorted_records_out_of_order_are_refused():
    with pytest.raises(ValueError, match="not ordered"):
        FacilityIndex.build(RECORDS, presorted=True)


def test_an_empty_registry_gives_an_empty_index_that_answers_nothing():
    index = FacilityIndex.build([])
    assert len(index) == 0
    assert search(index, text="sunrise") == []


def test_the_town_a_reporter_names_is_found_in_the_facility_city_the_address_lacks():
    records = [
        IndexRecord(1, "BD", "Rupsha Knit Ltd", "Holding 12, Tongi", city="Gazipur"),
        IndexRecord(2, "BD", "Rupsha Fashion Ltd", "Kadda, Savar", city="Dhaka"),
        IndexRecord(3, "BD", "Padma Knit Ltd", "Konabari, Gazipur", city="Gazipur"),
    ]
    index = FacilityIndex.build(records)
    assert [m.key for m in search(index, text="Rupsha, Gazipur", country="BD")][:1] == [1]
    # The city's words are added once, after the address, and only when it lacks them.
    assert index.text_of_row(index.row_of_key(1)).address == "12 tongi gazipur"
    assert index.text_of_row(index.row_of_key(3)).address == "konabari gazipur"


def test_the_same_name_at_another_address_waits_for_a_person():
    """Groups run several sites under one name ("Hafeez Apparel" in Lahore and in Multan): a
    list row with that name but another address is not matched automatically."""

    def best(address_score: float) -> list[Match]:
        score = 0.65 * 100 + 0.35 * address_score
        return [Match(1, score, 100.0, address_score, (), strict_name_score=100.0)]

    assert decide(best(address_score=95.0)) == Outcome.AUTOMATIC
    assert decide(best(address_score=70.0)) == Outcome.REVIEW  # 89.5 overall, yet not sure
