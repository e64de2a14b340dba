import pytest

from remedyhub.knowledge.models import FaqEntry

pytestmark = pytest.mark.django_db


def test_articles_are_listed_filtered_and_searched(client, articles):
    body = client.get("/api/v1/articles/").json()
    assert body["count"] == 3
    body = client.get("/api/v1/articles/?step=6&country=PK").json()
    assert [r["slug"] for r in body["results"]] == ["child-labour-remediation"]
    body = client.get("/api/v1/articles/?q=kinderen&language=nl").json()
    assert body["results"][0]["slug"] == "child-labour-remediation"
    assert body["results"][0]["language"] == "nl"


def test_unknown_filters_are_refused_with_the_field_named(client, articles):
    answer = client.get("/api/v1/articles/?country=XX&sector=spaceships")
    assert answer.status_code == 400 and set(answer.json()) == {"country", "sector"}


def test_an_article_in_a_missing_language_comes_in_english_and_says_so(client, articles):
    body = client.get("/api/v1/articles/grievance-mechanisms/?language=nl").json()
    assert body["language"] == "en" and body["requested_language"] == "nl"
    assert body["available_languages"] == ["en"]
    assert body["related"][0] == "child-labour-remediation"
    body = client.get("/api/v1/articles/child-labour-remediation/").json()
    assert "<script" not in body["body_html"] and body["sources"][0]["publisher"] == "OECD"
    assert client.get("/api/v1/articles/nothing/").status_code == 404


def test_faq_in_the_language_asked_for(client):
    FaqEntry.objects.create(question_en="Q?", answer_en="A.", question_nl="V?", answer_nl="A.")
    FaqEntry.objects.create(question_en="Hidden?", answer_en="A.", is_published=False)
    body = client.get("/api/v1/faq/?language=nl").json()
    assert [r["question"] for r in body["results"]] == ["V?"]
