import re

from hypothesis import given
from hypothesis import strategies as st

from remedyhub.registry.identifiers import (
    ALPHABET,
    check_symbol,
    new_facility_id,
    normalise_facility_id,
)

bodies = st.text(alphabet=ALPHABET, min_size=8, max_size=8)


def test_new_ids_have_the_documented_shape_and_validate():
    facility_id = new_facility_id()
    assert re.fullmatch(r"RHF-[0-9A-HJKMNP-TV-Z]{8}-[0-9A-HJKMNP-TV-Z*~$=U]", facility_id)
    assert normalise_facility_id(facility_id) == facility_id


def test_typed_variants_are_read_back_to_the_canonical_id():
    body = "7K3M9QD2"
    canonical = f"RHF-{body}-{check_symbol(body)}"
    typed = f" rhf 7k3m9qd2 {check_symbol(body).lower()} "
    assert normalise_facility_id(typed) == canonical
    assert normalise_facility_id(canonical.replace("RHF-", "")) == canonical


@given(body=bodies, position=st.integers(0, 7), replacement=st.sampled_from(ALPHABET))
def test_any_single_mistyped_character_is_caught(body, position, replacement):
    if body[position] == replacement:
        return
    typo = body[:position] + replacement + body[position + 1 :]
    assert normalise_facility_id(f"RHF-{typo}-{check_symbol(body)}") is None


@given(body=bodies, position=st.integers(0, 6))
def test_any_swap_of_adjacent_characters_is_caught(body, position):
    if body[position] == body[position + 1]:
        return
    swapped = body[:position] + body[position + 1] + body[position] + body[position + 2 :]
    assert normalise_facility_id(f"RHF-{swapped}-{check_symbol(body)}") is None


def test_wrong_lengths_and_foreign_characters_are_invalid():
    assert normalise_facility_id("RHF-123") is None
    assert normalise_facility_id("RHF-7K3M9QD2U-Z") is None
    assert normalise_facility_id("") is None
