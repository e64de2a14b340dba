import pytest
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db


def test_list_filters_combine_and_bad_filters_get_a_message(client, articles):
    page = client.get(reverse("knowledge:list"), {"step": "6", "country": "PK"}).content.decode()
    assert "Remediating child labour" in page and "Setting up a grievance" not in page
    page = client.get(reverse("knowledge:list"), {"q": "wages", "country": "XX"}).content.decode()
    assert "not one of the choices" in page and 'value="wages"' in page


def test_an_article_without_a_dutch_version_says_so_and_prints_its_sources(client, articles):
    with override("nl"):
        url = reverse("knowledge:article", args=["grievance-mechanisms"])
    page = client.get(url).content.decode()
    assert "not yet available in your language" in page or "nog niet" in page
    assert "Setting up a grievance mechanism" in page
    with override("nl"):
        url = reverse("knowledge:article", args=["child-labour-remediation"])
    page = client.get(url).content.decode()
    assert "Herstel bij kinderarbeid" in page and "not yet available" not in page
    assert "print-url" in page and "&lt;script" not in page and "<script>alert" not in page
    assert "Living wages" not in page and "Leefbaar loon" in page  # related, in Dutch


def test_suggestions_come_as_a_fragment(client, articles):
    page = client.get(reverse("knowledge:suggest"), {"q": "child labour at our supplier"})
    assert page.status_code == 200 and "Remediating child labour" in page.content.decode()
    assert "<html" not in page.content.decode()
