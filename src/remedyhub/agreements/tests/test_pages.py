"""The public pages over the demo data: a newcomer, not logged in, finds the ended national
agreement and its European successor, and reads both dashboards in English, Dutch and French,
with a table beside every chart and no script; the exports and the API give the same figures."""

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from remedyhub.demo.services import demo_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_data_load()
    yield
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def test_a_newcomer_finds_both_agreements_and_reads_both_dashboards(demo):
    client = Client()
    listing = client.get("/en/agreements/").content.decode()
    assert "Sustainable Garments and Textile Agreement (demo)" in listing
    assert "European Garment and Textile Agreement (demo)" in listing

    national = client.get("/en/agreements/textile/progress/")
    page = national.content.decode()
    assert national.status_code == 200
    assert "This agreement ended on 2023-12-31" in page
    assert 'href="/en/agreements/european-textile/"' in page
    assert page.count('<svg role="img"') == page.count("<caption") >= 4
    assert "<script" not in page and "style=" not in page

    european = client.get("/en/agreements/european-textile/progress/").content.decode()
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", european))
    assert figures["Member companies"] == "3"
    assert figures["Commitments overdue"] == "1"  # the newcomer's list of locations
    assert figures["Passed the latest assessment"] == "2 / 3"
    received, resolved = (int(n) for n in figures["Complaints received / resolved"].split(" / "))
    assert received > resolved > 0
    assert "Living wage pilot (demo): Workers earning a living wage" in european


@pytest.mark.parametrize(
    ("path", "name", "note"),
    [
        ("/nl/convenanten/textile/", "Convenant Duurzame Kleding en Textiel (demo)", False),
        ("/fr/accords/textile/", "Sustainable Garments and Textile Agreement (demo)", True),
        ("/fr/accords/european-textile/", "Accord européen sur l'habillement", False),
    ],
)
def test_the_name_is_in_the_readers_language_or_english_with_a_note(demo, path, name, note):
    page = Client().get(path).content.decode().replace("&#x27;", "'")
    assert name in page
    language = path.split("/")[1]
    with translation.override(language):
        missing = gettext(
            "This agreement has no name in this language yet; it is shown in English."
        )
    assert (missing in page) is note


def test_the_members_history_shows_who_moved_who_left_and_who_joined_through_a_partner(demo):
    national = Client().get("/en/agreements/textile/").content.decode()
    assert national.count("Moved to the successor agreement") == 2
    european = Client().get("/en/agreements/european-textile/").content.decode()
    assert "Through a partner initiative: Belgian Fair Fashion Platform (demo)" in european


def test_a_bad_date_for_the_list_of_locations_is_refused_and_kept(demo):
    response = Client().get("/en/agreements/textile/production-locations/?on=2019-13-01")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give the date as year-month-day" in page and 'value="2019-13-01"' in page
    later = Client().get("/en/agreements/textile/production-locations/?on=2025-01-01")
    assert "Choose a date between 2016-07-04 and 2023-12-31." in later.content.decode()


def test_the_exports_and_the_api_give_the_same_list(demo):
    client = Client()
    data = client.get("/en/agreements/european-textile/export.json").json()
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    "/en/agreements/european-textile/export/production-locations.csv"
                ).content.decode("utf-8-sig")
            )
        )
    )
    api = client.get("/api/v1/agreements/european-textile/production-locations/").json()
    ids = {row["facility_id"] for row in rows}
    assert len(ids) == len(rows) == api["count"] == data["progress"]["production_locations"] > 0
    assert ids == {location["facility_id"] for location in api["locations"]}
    detail = client.get("/api/v1/agreements/european-textile/").json()
    assert detail["agreement"]["scope"] == "european"
    assert {
        m["end_reason"] for m in client.get("/api/v1/agreements/textile/").json()["members"]
    } == {
        "moved",
        "ended",
    }
    assert client.get("/en/agreements/textile/export/secrets.csv").status_code == 404
    bad = client.get("/api/v1/agreements/textile/production-locations/?on=2030-01-01")
    assert bad.status_code == 400 and "on" in bad.json()
