"""Importing supplier lists: matching layers, re-imports, ended links, all-or-nothing."""

import datetime as dt

import pytest

from remedyhub.registry import index_store
from remedyhub.registry.models import Facility, MatchDecision, SupplyLink
from remedyhub.registry.services import (
    facility_merge,
    match_decision_resolve,
    supplier_list_import,
)
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory

pytestmark = pytest.mark.django_db

HEADER = "name,address,country,product_type\n"


@pytest.fixture(autouse=True)
def fresh_index():
    index_store.reset()
    yield
    index_store.reset()


@pytest.fixture
def buyer():
    return CompanyFactory(name="Example Buyer B.V.")


def csv_bytes(*rows):
    return (HEADER + "".join(f'"{n}","{a}",{c},{p}\n' for n, a, c, p in rows)).encode()


def import_list(data, *, date=dt.date(2026, 1, 31), **kwargs):
    kwargs.setdefault("contributor", "Example Buyer B.V.")
    return supplier_list_import(data=data, filename="list.csv", list_date=date, **kwargs)


def test_a_first_list_creates_facilities_and_links(buyer):
    result = import_list(
        csv_bytes(
            ("Sunrise Garments Ltd", "Plot 7, BSCIC Road, Narayanganj", "Bangladesh", "Shirts"),
            ("Lotus Knit Composite Ltd", "Holding 12, Tongi, Gazipur", "BD", ""),
        )
    )
    assert (result.rows, result.new_facilities, result.imported) == (2, 2, True)
    assert SupplyLink.objects.filter(company=buyer, ended_on__isnull=True).count() == 2
    assert SupplyLink.objects.get(facility__name="Sunrise Garments Ltd").products == "Shirts"
    assert set(MatchDecision.objects.values_list("method", flat=True)) == {"new"}


def test_a_spelling_that_normalises_equal_is_an_exact_match(buyer):
    facility = FacilityFactory(
        name="Sunrise Garments Ltd", address="Plot 7, BSCIC Road, Narayanganj"
    )
    result = import_list(
        csv_bytes(("SUNRISE GARMENTS LIMITED", "plot 7 bscic rd narayanganj", "BD", ""))
    )
    assert result.exact_matches == 1 and result.new_facilities == 0
    assert SupplyLink.objects.get(company=buyer).facility == facility


def test_a_close_spelling_matches_automatically_and_is_kept_as_another_name(buyer):
    facility = FacilityFactory(
        name="Sunrise Garments Ltd", address="Plot 7, BSCIC Road, Fatullah, Narayanganj"
    )
    FacilityFactory(name="Morning Star Fashions Ltd", address="Kashimpur, Gazipur")
    result = import_list(
        csv_bytes(("Sunrise Garment Co., Ltd.", "Plot 7 BSCIC Road Fatulla Narayanganj", "BD", ""))
    )
    assert result.automatic_matches == 1, result.as_dict()
    facility.refresh_from_db()
    assert "Sunrise Garment Co., Ltd." in facility.other_names
    decision = MatchDecision.objects.get()
    assert decision.method == "automatic" and decision.score >= 88
    # The new spelling reaches the search index without a rebuild.
    current = index_store.registry_index()
    assert current.delta is not None and facility.pk in current.changed
    row = current.delta.row_of_key(facility.pk)
    assert row is not None and "sunrise garment |" in current.delta.text_of_row(row).name + " |"


def test_a_doubtful_row_waits_for_a_person_and_is_not_asked_again(buyer):
    FacilityFactory(name="Sunrise Garments Ltd", address="Plot 7, BSCIC Road, Narayanganj")
    FacilityFactory(name="Sunrise Apparels Ltd", address="Plot 9, BSCIC Road, Narayanganj")
    data = csv_bytes(("Sunrise Ltd", "BSCIC Road, Narayanganj", "BD", ""))
    first = import_list(data)
    assert first.needs_review == 1
    decision = MatchDecision.objects.get(method="pending")
    assert len(decision.candidates) >= 2
    assert not SupplyLink.objects.filter(company=buyer).exists()

    chosen = Facility.objects.get(name="Sunrise Apparels Ltd")
    match_decision_resolve(decision=decision, facility=chosen, user=None)
    assert SupplyLink.objects.get(company=buyer).facility == chosen

    again = import_list(data, date=dt.date(2026, 6, 30))
    assert (again.needs_review, again.already_decided) == (0, 1)
    assert SupplyLink.objects.get(company=buyer).last_seen == dt.date(2026, 6, 30)


def test_rows_that_disappear_close_their_links_period(buyer):
    import_list(
        csv_bytes(
            ("Sunrise Garments Ltd", "Plot 7, Narayanganj", "BD", ""),
            ("Lotus Knit Ltd", "Tongi, Gazipur", "BD", ""),
        )
    )
    result = import_list(
        csv_bytes(("Sunrise Garments Ltd", "Plot 7, Narayanganj", "BD", "")),
        date=dt.date(2026, 7, 31),
    )
    assert result.ended_links == 1
    ended = SupplyLink.objects.get(facility__name="Lotus Knit Ltd")
    assert ended.ended_on == dt.date(2026, 7, 31)
    assert ended.last_seen == dt.date(2026, 1, 31)


def test_a_file_with_an_invalid_row_imports_nothing_unless_told_to_skip(buyer):
    data = csv_bytes(
        ("Sunrise Garments Ltd", "Plot 7, Narayanganj", "BD", ""),
        ("Lotus Knit Ltd", "Tongi, Gazipur", "Narnia", ""),
    )
    refused = import_list(data)
    assert not refused.imported
    assert [error.row_number for error in refused.invalid] == [3]
    assert not Facility.objects.exists() and not MatchDecision.objects.exists()

    partial = import_list(data, skip_invalid=True)
    assert partial.imported and partial.new_facilities == 1


def test_a_dry_run_reports_the_same_summary_and_writes_nothing(buyer):
    data = csv_bytes(("Sunrise Garments Ltd", "Plot 7, Narayanganj", "BD", ""))
    preview = import_list(data, dry_run=True)
    assert (preview.new_facilities, preview.imported) == (1, False)
    assert not Facility.objects.exists() and not SupplyLink.objects.exists()


def test_a_contributor_that_is_no_company_registers_facilities_without_links():
    result = import_list(
        csv_bytes(("Sunrise Garments Ltd", "Plot 7, Narayanganj", "BD", "")),
        contributor="Clean Clothes Example",
        contributor_type="civil_society",
    )
    assert result.new_facilities == 1 and result.warnings
    assert not SupplyLink.objects.exists()


def test_merging_moves_links_and_keeps_the_old_id_resolving(buyer):
    keep = FacilityFactory(name="Sunrise Garments Ltd")
    duplicate = FacilityFactory(name="Sun Rise Garment Ltd", os_id="BD2020000000001")
    other_buyer = CompanyFactory()
    SupplyLink.objects.create(
        company=other_buyer,
        facility=duplicate,
        first_seen=dt.date(2024, 1, 1),
        last_seen=dt.date(2025, 1, 1),
    )
    facility_merge(source=duplicate, target=keep)
    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.merged_into == keep
    assert SupplyLink.objects.get(company=other_buyer).facility == keep
    assert keep.os_id == "BD2020000000001"
    assert "Sun Rise Garment Ltd" in keep.other_names
    with pytest.raises(ValueError):
        facility_merge(source=keep, target=keep)


@pytest.mark.parametrize(
    ("known", "listed"),
    [
        # Open Supply Hub's labelled "distinct" pairs show these two traps.
        ("Soorty Enterprises (Pvt) Ltd Unit 10", "Soorty Enterprises (Pvt.) Ltd. Unit 6"),
        ("Nishat Apparel", "Nishat Mills Ltd (Apparel Division) Unit 2"),
    ],
)
def test_another_unit_or_a_longer_name_is_never_matched_automatically(buyer, known, listed):
    FacilityFactory(name=known, address="Sector 15, Korangi Industrial Area, Karachi", country="PK")
    result = import_list(
        csv_bytes((listed, "Sector 15, Korangi Industrial Area, Karachi", "PK", ""))
    )
    assert result.automatic_matches == 0
    assert result.needs_review == 1


def test_staff_merge_duplicates_from_the_admin_into_the_oldest(admin_client):
    keep = FacilityFactory(name="Sunrise Garments Ltd")
    duplicate = FacilityFactory(name="Sunrise Garment Limited Unit A")
    response = admin_client.post(
        "/en/admin/registry/facility/",
        {"action": "merge_facilities", "_selected_action": [keep.pk, duplicate.pk]},
        follow=True,
    )
    assert "1 facility was merged into" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep


def test_a_long_list_searched_by_forked_workers_decides_as_one_process_does(buyer, monkeypatch):
    from remedyhub.registry import services

    monkeypatch.setattr(services, "PARALLEL_MIN_ROWS", 2)
    FacilityFactory(name="Sunrise Garments Ltd", address="Plot 7, BSCIC Road, Narayanganj")
    FacilityFactory(name="Lotus Knit Ltd", address="Tongi, Gazipur")
    rows = [
        ("Sunrise Garment Co., Ltd.", "Plot 7 BSCIC Road Narayanganj", "BD", ""),
        ("Lotus Knit Limited Unit", "Tongi Gazipur", "BD", ""),
        ("Morning Dew Apparel Ltd", "Ashulia, Savar", "BD", ""),
    ]
    single = import_list(csv_bytes(*rows), dry_run=True, workers=1)
    forked = import_list(csv_bytes(*rows), dry_run=True, workers=2)
    assert forked.as_dict() == single.as_dict()
    assert Facility.objects.count() == 2, "the parent's connection survives the workers"
    assert single.automatic_matches + single.needs_review >= 1 and single.new_facilities >= 1


def test_a_new_facility_whose_random_id_is_taken_gets_another(buyer, monkeypatch):
    from remedyhub.registry import services

    taken = FacilityFactory(name="Old Site Ltd", address="Savar")
    draws = iter([taken.public_id, "RHF-00000001-1"])
    monkeypatch.setattr(services, "new_facility_id", lambda: next(draws))
    facility = Facility(name="New Site Ltd", address="Tongi", country="BD")
    facility.public_id = taken.public_id
    services._redraw_taken_ids([facility])
    assert facility.public_id == "RHF-00000001-1"
