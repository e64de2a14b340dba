import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.knowledge.models import Article, ArticleTranslation
from remedyhub.knowledge.selectors import knowledge_search
from remedyhub.knowledge.services import translation_publish, translation_submit

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
