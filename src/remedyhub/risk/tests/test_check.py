"""The risk check page: risks per theme with source and edition, complaint figures with small
numbers suppressed, bad input, and the state without data."""

import itertools
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from remedyhub.intake.models import Complaint
from remedyhub.registry.tests.factories import FacilityFactory
from remedyhub.risk.selectors import complaint_figures

pytestmark = pytest.mark.django_db
_keys = itertools.count()


def complaint(country, issues, sector="garments_textile", **extra):
    facility = FacilityFactory(country=country, sector=sector)
    key = f"{next(_keys):064d}"
    return Complaint.objects.create(
        submission_key=key,
        receipt_digest=key,
        channel="web",
        language="en",
        description="Secret words Ophelia Brandt",
        country=country,
        issues=issues,
        facility=facility,
        **extra,
    )


@pytest.fixture
def loaded(risk_files):
    call_command("risk_import", stdout=open("/dev/null", "w"))  # noqa: SIM115


def check(client, query):
    return client.get(reverse("risk:check") + query)


def results(response):
    """The text of the result, without the form (whose options name every good)."""
    page = response.content.decode()
    return re.sub(r"\s+", " ", page.split("Known risks by theme", 1)[1])


def test_garments_from_bangladesh_and_pakistan(client, loaded):
    response = check(client, "?sectors=garments_textile&countries=BD&countries=PK")
    page, text = response.content.decode(), results(response)
    for heading in ("Child labour", "Forced labour", "Freedom of association"):
        assert heading in text
    assert "Garments" in text and "Cotton" in text  # cotton is a textile input
    assert "Bricks" not in text  # another sector
    assert "edition 2022" in text and "edition 2025" in text
    assert "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods" in page
    assert "https://www.ituc-csi.org/global-rights-index" in page
    assert "Rating 5: No guarantee of rights" in text
    assert "recruitment fees" in text  # a recommended action
    assert "Complaints filed with Remedy Hub" in text


def test_a_product_alone_is_enough(client, loaded):
    page = results(check(client, "?goods=Bricks&countries=PK"))
    assert "Bricks" in page and "Forced child labour" in page and "Garments" not in page


def test_an_unknown_country_is_named_and_the_form_keeps_the_rest(client, loaded):
    response = check(client, "?sectors=garments_textile&countries=BD&countries=XX")
    page = response.content.decode()
    assert "Unknown country: XX" in page
    assert re.search(r'value="garments_textile"[^>]*checked', page)
    assert re.search(r'<option value="BD" selected>', page)
    assert "Known risks by theme" not in page


def test_an_unknown_sector_or_product_is_named(client, loaded):
    page = check(client, "?sectors=spaceships&goods=Unobtainium&countries=BD").content.decode()
    assert "Unknown sector: spaceships" in page and "Unknown product: Unobtainium" in page
    assert re.search(r'<option value="BD" selected>', page)


def test_nothing_chosen_asks_for_a_sector_and_a_country(client, loaded):
    page = check(client, "?countries=&goods=").content.decode()
    assert "Choose at least one country." in page
    assert "Choose at least one sector or product." in page


def test_without_data_the_page_says_what_is_missing_and_how_to_load_it(client, tmp_path, settings):
    settings.RISK_DATA_DIR = tmp_path
    page = check(client, "?sectors=garments_textile&countries=BD").content.decode()
    assert "Data not loaded" in page
    assert "US Department of Labor" in page and "ITUC Global Rights Index" in page
    assert f"python manage.py risk_import --dol {tmp_path}/dol_goods.csv" in page
    assert "--ituc" in page


def test_with_one_list_loaded_only_the_other_is_missing(client, risk_files):
    call_command("risk_import", ituc=risk_files / "none.csv", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = check(client, "").content.decode()
    assert "Data not loaded" in page and "--ituc" in page and "--dol" not in page


def test_complaint_counts_below_5_are_never_shown(client, loaded):
    for _ in range(4):
        complaint("BD", ["child_labour", "wages"])
    complaint("BD", ["wages"])
    for _ in range(5):
        complaint("PK", ["forced_labour", "harassment_gbv"])
    complaint("PK", ["child_labour"], sector="food")  # another sector: not counted
    figures = complaint_figures(sectors={"garments_textile"}, countries=["BD", "PK"])
    rows = {row.code: row.cells for row in figures.rows}
    assert figures.totals == ["5", "5"]
    assert rows["child_labour"] == ["fewer than 5", "fewer than 5"]  # 4 and 0
    assert rows["forced_labour"] == ["fewer than 5", "5"]
    assert rows["wages"] == ["5", "fewer than 5"]
    assert rows["harassment_gbv"] == ["fewer than 5", "5"]
    # An issue with no country at 5 or more gets no row: its presence would betray it.
    complaint("BD", ["pollution"])
    figures = complaint_figures(sectors={"garments_textile"}, countries=["BD", "PK"])
    assert "pollution" not in {row.code for row in figures.rows}


def test_the_figures_show_nothing_that_identifies_anyone(client, loaded):
    for _ in range(5):
        complaint(
            "BD",
            ["child_labour"],
            anonymous=False,
            reporter_name="Ophelia Brandt",
            site_name="Hidden Knits",
        )
    page = check(client, "?sectors=garments_textile&countries=BD").content.decode()
    assert "Ophelia" not in page and "Secret words" not in page and "Hidden Knits" not in page
    assert "Example Garments" not in page  # no facility names either
    assert "RH-" not in page
    text = re.sub(r"\s+", " ", page)
    assert re.search(r"Child labour</th><td>5</td>", text)


def test_each_theme_recommends_the_published_articles_on_it(client, loaded):
    from remedyhub.knowledge.services import articles_load
    from remedyhub.knowledge.tests.conftest import FIXTURES

    articles_load(folder=FIXTURES)
    text = results(check(client, "?sectors=garments_textile&countries=BD"))
    child_labour, rest = text.split("Forced labour", 1)
    assert "Recommended reading" in child_labour
    assert "Remediating child labour found at a supplier" in child_labour
    assert 'href="/en/knowledge/child-labour-remediation/"' in child_labour
    assert "Setting up a grievance mechanism" in rest  # freedom of association
    assert "Living wages in garment supply chains" not in text  # another theme


def test_without_articles_on_a_theme_no_reading_is_offered(client, loaded):
    text = results(check(client, "?sectors=garments_textile&countries=BD"))
    assert "Recommended reading" not in text
