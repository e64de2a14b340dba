"""Finding a facility from what a reporter knows, by page, API and command."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.registry import index_store
from remedyhub.registry.services import facility_merge
from remedyhub.registry.tests.factories import (
    FacilityFactory,
    MembershipFactory,
    SupplyLinkFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    index_store.reset()
    yield
    index_store.reset()


@pytest.fixture
def registry():
    sites = {
        "sunrise": FacilityFactory(
            name="Sunrise Knit Composite Ltd", address="Kashimpur Road, Konabari, Gazipur"
        ),
        "lotus": FacilityFactory(name="Lotus Denim Ltd", address="BSCIC, Fatullah, Narayanganj"),
        "harbour": FacilityFactory(
            name="Harbour Apparel Co., Ltd",
            address="Lot 12, Tan Thuan EPZ, District 7",
            country="VN",
        ),
    }
    membership = MembershipFactory(valid_from=dt.date(2020, 1, 1))
    SupplyLinkFactory(company=membership.company, facility=sites["sunrise"])
    SupplyLinkFactory(
        facility=sites["sunrise"],
        first_seen=dt.date(2019, 1, 1),
        last_seen=dt.date(2021, 6, 30),
        ended_on=dt.date(2022, 1, 31),
    )
    return sites, membership


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sunrise", "sunrise"),
        ("sunrize knit", "sunrise"),  # misspelt
        ("konabari", "sunrise"),  # a district of the address
        ("fatullah", "lotus"),
        ("tan thuan", "harbour"),
        ("LOTUS DENIM", "lotus"),
    ],
)
def test_a_few_words_find_the_site(client, registry, query, expected):
    sites, _membership = registry
    body = client.get("/api/v1/facilities/", {"q": query}).json()
    assert body[0]["facility"]["facility_id"] == sites[expected].public_id


def test_a_result_names_current_and_past_buyers_with_their_agreements(client, registry):
    _sites, membership = registry
    body = client.get("/api/v1/facilities/", {"q": "sunrise knit", "country": "Bangladesh"}).json()
    first = body[0]
    assert first["matched_words"] == ["knit", "sunrise"]
    buyers = {b["company"]: b for b in first["buyers"]}
    assert buyers[membership.company.name]["current"] is True
    assert buyers[membership.company.name]["agreements"] == [membership.agreement.name]
    past = [b for b in first["buyers"] if not b["current"]]
    assert len(past) == 1 and past[0]["ended_on"] == "2022-01-31"


def test_the_country_filter_keeps_other_countries_out(client, registry):
    body = client.get("/api/v1/facilities/", {"q": "apparel", "country": "BD"}).json()
    assert all(result["facility"]["country"] == "BD" for result in body)


def test_an_unknown_country_or_empty_query_is_a_clear_400(client):
    response = client.get("/api/v1/facilities/", {"q": "x", "country": "Narnia"})
    assert response.status_code == 400
    assert response.json()["country"] == ["Unknown country."]
    assert client.get("/api/v1/facilities/").status_code == 400
    # A blank limit is a client's mistake, not a request for the default (schemathesis).
    blank = client.get("/api/v1/facilities/?q=mill&limit=")
    assert blank.status_code == 400 and "limit" in blank.json()


def test_the_search_page_works_without_javascript(client, registry):
    sites, _membership = registry
    html = client.get("/en/facilities/", {"q": "lotus fatullah"}).content.decode()
    assert f'href="/en/facilities/{sites["lotus"].public_id}/"' in html
    assert "<script" not in html


def test_a_merged_id_leads_to_the_facility_that_stayed(client, registry):
    sites, _membership = registry
    duplicate = FacilityFactory(name="Sun Rise Knit Composite")
    facility_merge(source=duplicate, target=sites["sunrise"])
    response = client.get(f"/en/facilities/{duplicate.public_id}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/facilities/{sites['sunrise'].public_id}/"
    api = client.get(f"/api/v1/facilities/{duplicate.public_id}/", follow=True)
    assert api.json()["facility"]["facility_id"] == sites["sunrise"].public_id
    assert client.get("/en/facilities/RHF-00000000-0/").status_code == 404


def test_the_export_uses_the_upload_columns_and_leaves_merged_duplicates_out(client, registry):
    sites, _membership = registry
    duplicate = FacilityFactory(name="Lotus Denim Unit 2")
    facility_merge(source=duplicate, target=sites["lotus"])
    content = b"".join(client.get("/en/facilities/export.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {"name", "address", "country", "os_id", "lat", "lng"} <= set(rows[0])
    assert len(rows) == 3
    lotus = next(row for row in rows if row["facility_id"] == sites["lotus"].public_id)
    assert lotus["other_names"] == "Lotus Denim Unit 2"


def test_registry_match_prints_ranked_candidates_as_csv(registry, tmp_path, capsys):
    sites, _membership = registry
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "id,name,address,country\n"
        "a,Sunrise Knit Composite,Konabari Gazipur,Bangladesh\n"
        "b,,Tan Thuan District 7,VN\n"
    )
    call_command("registry_match", str(queries), "--top", "2")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["query_id", "rank", "facility_id", "os_id", "score"]
    assert (rows[0]["query_id"], rows[0]["rank"]) == ("a", "1")
    assert rows[0]["facility_id"] == sites["sunrise"].public_id
    best_b = next(row for row in rows if row["query_id"] == "b" and row["rank"] == "1")
    assert best_b["facility_id"] == sites["harbour"].public_id


def test_registry_import_prints_a_summary_and_refuses_a_bad_file(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("name,address,country\nSunrise Knit Ltd,Konabari,BD\n")
    call_command(
        "registry_import",
        str(good),
        "--contributor",
        "Some NGO",
        "--contributor-type",
        "civil_society",
    )
    out = capsys.readouterr().out
    assert "rows: 1" in out and "new facilities: 1" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("name,address,country\nLotus Ltd,Fatullah,Narnia\n")
    with pytest.raises(Exception, match="Nothing was imported"):
        call_command("registry_import", str(bad), "--contributor", "Some NGO")
    assert "row 2" in capsys.readouterr().out


def test_a_person_settles_a_doubtful_row_on_the_review_page(client, django_user_model):
    from remedyhub.accounts.models import Affiliation
    from remedyhub.registry.models import MatchDecision, SupplyLink
    from remedyhub.registry.services import supplier_list_import
    from remedyhub.registry.tests.factories import CompanyFactory

    company = CompanyFactory(name="Example Buyer B.V.")
    first = FacilityFactory(name="Sunrise Garments Ltd", address="Plot 7, BSCIC Road, Narayanganj")
    FacilityFactory(name="Sunrise Apparels Ltd", address="Plot 9, BSCIC Road, Narayanganj")
    supplier_list_import(
        data=b"name,address,country\nSunrise Ltd,BSCIC Road Narayanganj,BD\n",
        filename="l.csv",
        contributor="Example Buyer B.V.",
    )
    decision = MatchDecision.objects.get(method="pending")
    outsider = django_user_model.objects.create_user(username="other", password="x" * 16)
    verified_login(client, outsider)
    assert "Sunrise Ltd" not in client.get("/en/facilities/review/").content.decode()
    assert (
        client.post(f"/en/facilities/review/{decision.pk}/", {"facility": "new"}).status_code == 404
    )

    rep = django_user_model.objects.create_user(username="rep", password="x" * 16)
    Affiliation.objects.create(user=rep, role="company", company=company)
    verified_login(client, rep)
    page = client.get("/en/facilities/review/").content.decode()
    assert "Sunrise Ltd" in page and first.public_id in page
    response = client.post(f"/en/facilities/review/{decision.pk}/", {"facility": first.public_id})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.method, decision.facility, decision.decided_by) == ("confirmed", first, rep)
    assert SupplyLink.objects.get(company=company).facility == first
    assert "Nothing to check." in client.get("/en/facilities/review/").content.decode()


def test_the_review_page_needs_a_log_in(client):
    response = client.get("/en/facilities/review/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_registry_index_rebuilds_and_searches_use_it(registry, capsys):
    call_command("registry_index")
    assert "Indexed 3 facilities" in capsys.readouterr().out
    sites, _membership = registry
    from remedyhub.registry.selectors import facility_search

    assert facility_search(q="lotus")[0].facility == sites["lotus"]


def test_facilities_added_or_merged_after_the_index_was_built_are_searched_right(registry):
    from remedyhub.registry.selectors import facility_search

    sites, _membership = registry
    assert facility_search(q="lotus")[0].facility == sites["lotus"]  # builds the base index
    newcomer = FacilityFactory(name="Crescent Threads Ltd", address="Ashulia, Savar")
    assert facility_search(q="crescent threads")[0].facility == newcomer
    facility_merge(source=sites["lotus"], target=newcomer)
    found = [result.facility for result in facility_search(q="lotus denim")]
    assert sites["lotus"] not in found
    assert newcomer in found  # it now carries the merged name too
