import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.knowledge.models import Article, ArticleTranslation
from remedyhub.knowledge.selectors import article_in_language, knowledge_search
from remedyhub.knowledge.services import translation_publish, translation_revise, translation_submit

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_review_and_another_person_publishes_it_at_its_date():
    author = User.objects.create_user("author")
    reviewer = User.objects.create_user("reviewer")
    article = Article.objects.create(slug="audits", steps=[2])
    draft = ArticleTranslation.objects.create(article=article, language="en", title="Audits")
    with pytest.raises(ValidationError):
        translation_publish(translation=draft, reviewer=reviewer)  # not reviewed yet
    translation_submit(translation=draft, user=author)
    with pytest.raises(ValidationError, match="Someone other"):
        translation_publish(translation=draft, reviewer=author)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    translation_publish(translation=draft, reviewer=reviewer, publish_at=tomorrow)
    assert draft.status == "published" and draft.reviewer == reviewer
    assert knowledge_search(q="audits") == []
    assert knowledge_search(q="audits", now=tomorrow + dt.timedelta(minutes=1))


def test_the_admin_publishes_with_an_action(client):
    admin = User.objects.create_superuser("admin", password="x" * 20)
    author = User.objects.create_user("author")
    article = Article.objects.create(slug="audits")
    draft = ArticleTranslation.objects.create(
        article=article, language="en", title="Audits", status="in_review", submitted_by=author
    )
    verified_login(client, admin)
    client.post(
        reverse("admin:knowledge_articletranslation_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published" and draft.reviewer == admin
    page = client.get(reverse("admin:knowledge_article_changelist")).content.decode()
    assert "en: Published" in page and "nl: missing" in page


def test_a_change_to_a_published_text_is_reviewed_before_it_replaces_it():
    author = User.objects.create_user("author")
    reviewer = User.objects.create_user("reviewer")
    article = Article.objects.create(slug="audits", steps=[2])
    live = ArticleTranslation.objects.create(
        article=article, language="en", title="Audits", body="Old advice.", status="published"
    )
    revision = translation_revise(translation=live)
    assert translation_revise(translation=live) == revision  # one open revision at a time
    revision.body = "New advice about unannounced audits."
    revision.save()
    translation_submit(translation=revision, user=author)
    # While the change waits for review, readers and the search see the published text only.
    assert article_in_language("audits", "en").translation.body == "Old advice."
    assert knowledge_search(q="unannounced") == []
    with pytest.raises(ValidationError, match="Someone other"):
        translation_publish(translation=revision, reviewer=author)
    translation_publish(translation=revision, reviewer=reviewer)
    live.refresh_from_db()
    assert live.body == "New advice about unannounced audits."
    assert live.reviewer == reviewer and live.status == "published"
    assert ArticleTranslation.objects.count() == 1  # the revision became the text
    assert [hit.slug for hit in knowledge_search(q="unannounced")] == ["audits"]


def test_only_a_published_text_is_revised():
    draft = ArticleTranslation.objects.create(
        article=Article.objects.create(slug="audits"), language="en", title="Audits"
    )
    with pytest.raises(ValidationError, match="Only a published text"):
        translation_revise(translation=draft)


def test_the_admin_keeps_a_published_text_read_only_and_opens_a_revision(client):
    admin = User.objects.create_superuser("admin", password="x" * 20)
    article = Article.objects.create(slug="audits")
    live = ArticleTranslation.objects.create(
        article=article, language="en", title="Audits", body="Old advice.", status="published"
    )
    verified_login(client, admin)
    page = client.get(reverse("admin:knowledge_articletranslation_change", args=[live.pk]))
    assert 'name="body"' not in page.content.decode()  # no field to type into
    client.post(
        reverse("admin:knowledge_articletranslation_changelist"),
        {"action": "revise", "_selected_action": [live.pk]},
    )
    revision = ArticleTranslation.objects.get(revision_of=live)
    assert revision.status == "draft" and revision.body == "Old advice."
    page = client.get(reverse("admin:knowledge_articletranslation_change", args=[revision.pk]))
    assert 'name="body"' in page.content.decode()
    listing = client.get(reverse("admin:knowledge_article_changelist")).content.decode()
    assert "en: Published" in listing  # the article's state is its published text's
