"""The aggregated list of production locations, built from several members' uploads through
the registry importer: each facility once, only while its lister is a member, and its size
over time."""

import datetime as dt

import pytest

from remedyhub.agreements.selectors import disclosure_list, disclosure_sizes
from remedyhub.registry import index_store
from remedyhub.registry.models import Facility
from remedyhub.registry.services import membership_create, supplier_list_import
from remedyhub.registry.tests.factories import CompanyFactory, SectorAgreementFactory

pytestmark = pytest.mark.django_db

D = dt.date
HEADER = "name,address,country\n"
SUNRISE = ("Sunrise Knitwear Ltd", "Plot 12, Road 3, Gazipur", "BD")
LOTUS = ("Lotus Apparel Pvt Ltd", "14 Mill Road, Tiruppur", "IN")
HARBOUR = ("Harbour Denim Co., Ltd", "Lot 7, Song Than Zone, Binh Duong", "VN")
CRESCENT = ("Crescent Fashions A.S.", "Organize Sanayi 4, Denizli", "TR")


@pytest.fixture(autouse=True)
def fresh_index():
    index_store.reset()
    yield
    index_store.reset()


def upload(company, rows, day):
    data = (HEADER + "".join(f'"{n}","{a}",{c}\n' for n, a, c in rows)).encode()
    result = supplier_list_import(
        data=data, filename="list.csv", contributor=company.name, company=company, list_date=day
    )
    assert result.imported, result.as_dict()


@pytest.fixture
def agreement():
    agreement = SectorAgreementFactory(name="Textile Agreement", starts_on=D(2016, 1, 1))
    noord, lind, durand = (
        CompanyFactory(name=name)
        for name in ("Noordkust Fashion B.V.", "Lindqvist Apparel AB", "Maison Durand SA")
    )
    membership_create(agreement=agreement, company=noord, valid_from=D(2017, 1, 1))
    membership_create(agreement=agreement, company=lind, valid_from=D(2018, 1, 1))
    # Left the agreement in 2020: its sites drop off the list unless another member lists them.
    membership_create(
        agreement=agreement, company=durand, valid_from=D(2017, 1, 1), valid_until=D(2020, 6, 30)
    )
    upload(noord, [SUNRISE, LOTUS], D(2017, 3, 1))
    upload(lind, [SUNRISE, HARBOUR], D(2018, 3, 1))  # Sunrise again: the same site
    upload(durand, [LOTUS, CRESCENT], D(2017, 6, 1))
    # Noordkust's next list no longer names Lotus: its link ends on the new list's date.
    upload(noord, [SUNRISE], D(2021, 3, 1))
    return agreement


def test_each_facility_appears_once_however_many_members_list_it(agreement):
    rows = disclosure_list(agreement, D(2019, 12, 31))
    names = [row.facility.name for row in rows]
    assert sorted(names) == sorted([SUNRISE[0], LOTUS[0], HARBOUR[0], CRESCENT[0]]), (
        "four distinct sites"
    )
    assert Facility.objects.count() == 4, "the importer matched the repeated site"
    members = {row.facility.name: row.member_count for row in rows}
    assert members[SUNRISE[0]] == 2 and members[LOTUS[0]] == 2


def test_the_list_follows_memberships_and_link_periods(agreement):
    assert [r.facility.name for r in disclosure_list(agreement, D(2016, 12, 31))] == []
    after = {r.facility.name for r in disclosure_list(agreement, D(2021, 6, 1))}
    # Durand left (Crescent goes), Noordkust dropped Lotus (nobody lists it any more).
    assert after == {SUNRISE[0], HARBOUR[0]}


def test_the_size_over_time_counts_distinct_facilities(agreement):
    days = [D(2016, 12, 31), D(2017, 12, 31), D(2018, 12, 31), D(2020, 12, 31), D(2021, 12, 31)]
    assert disclosure_sizes(agreement, days) == [
        (D(2016, 12, 31), 0),
        (D(2017, 12, 31), 3),
        (D(2018, 12, 31), 4),
        (D(2020, 12, 31), 3),
        (D(2021, 12, 31), 2),
    ]


def test_a_merged_duplicate_counts_as_the_facility_it_was_merged_into(agreement):
    from remedyhub.registry.services import facility_merge

    sunrise = Facility.objects.get(name=SUNRISE[0])
    harbour = Facility.objects.get(name=HARBOUR[0])
    facility_merge(source=harbour, target=sunrise)
    rows = disclosure_list(agreement, D(2019, 12, 31))
    assert len(rows) == 3
