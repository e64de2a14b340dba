import datetime as dt

from django.utils import timezone

from remedyhub.knowledge.models import ArticleTranslation, FaqEntry
from remedyhub.knowledge.search import Bm25Baseline, Document, SearchIndex
from remedyhub.knowledge.selectors import knowledge_search


def keys(results):
    return [r.key for r in results]


def test_stemming_finds_other_word_forms_in_english_and_dutch(articles):
    assert keys(knowledge_search(q="remediate children", language="en"))[0] == (
        "article:child-labour-remediation"
    )
    # "kinderen" (children) and "lonen" (wages) are stemmed to the forms in the Dutch texts.
    assert keys(knowledge_search(q="kind", language="nl"))[0] == "article:child-labour-remediation"
    assert keys(knowledge_search(q="loon", language="nl"))[0] == "article:living-wage"


def test_misspellings_are_corrected_against_the_index(articles):
    assert keys(knowledge_search(q="grievence mechanizm", language="en"))[0] == (
        "article:grievance-mechanisms"
    )
    assert keys(knowledge_search(q="kinderarbied", language="nl"))[0] == (
        "article:child-labour-remediation"
    )


def test_a_missing_translation_is_searched_and_shown_in_english(articles):
    results = knowledge_search(q="retaliation", language="nl")
    assert results[0].key == "article:grievance-mechanisms" and results[0].language == "en"


def test_filters_combine(articles):
    assert set(keys(knowledge_search(filters={"step": 6}))) == {
        "article:child-labour-remediation",
        "article:grievance-mechanisms",
    }
    assert keys(knowledge_search(filters={"step": 6, "country": "PK"})) == [
        "article:child-labour-remediation"
    ]
    assert keys(knowledge_search(filters={"chapter": "V", "theme": "wages"})) == [
        "article:living-wage"
    ]
    assert knowledge_search(q="wage", filters={"country": "PK"}) == []


def test_drafts_and_scheduled_articles_stay_out_until_due(articles):
    translation = ArticleTranslation.objects.get(article__slug="living-wage", language="en")
    translation.status = "draft"
    translation.save()
    assert "article:living-wage" not in keys(knowledge_search(q="living wage"))
    translation.status = "published"
    translation.publish_at = timezone.now() + dt.timedelta(days=1)
    translation.save()
    assert "article:living-wage" not in keys(knowledge_search(q="living wage"))
    later = timezone.now() + dt.timedelta(days=2)
    assert "article:living-wage" in keys(knowledge_search(q="living wage", now=later))


def test_the_index_follows_edits_and_finds_faq_entries(articles):
    assert knowledge_search(q="certification scheme") == []
    FaqEntry.objects.create(
        question_en="Which certification scheme should we choose?",
        answer_en="Choose one with worker interviews off site.",
        question_nl="Welk auditbureau moeten we kiezen?",
        answer_nl="Kies er een dat arbeiders buiten de fabriek spreekt.",
    )
    assert keys(knowledge_search(q="certification scheme"))[0].startswith("faq:")
    assert keys(knowledge_search(q="auditbureau", language="nl"))[0].startswith("faq:")


def test_fields_weigh_and_the_baseline_does_not_stem():
    documents = [
        Document("a", "en", {"title": "Wages", "body": "x"}),
        Document("b", "en", {"title": "Other", "body": "wages are mentioned once among " * 3}),
    ]
    index = SearchIndex(documents)
    assert index.search("wage")[0][0] == 0
    baseline = Bm25Baseline([("a", "Wages x"), ("b", "other")])
    assert baseline.search("wage") == [] and baseline.search("wages")[0][0] == "a"
