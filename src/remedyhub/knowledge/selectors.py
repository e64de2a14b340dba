"""Reads of the knowledge base and the helpdesk, and the search index built from the database.

The index lives in each process's memory and is rebuilt when a query finds that articles,
translations or FAQ entries changed (their counts and latest update times), so no signal and
no shared cache are needed, and every web worker sees an edit on its next search.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from remedyhub.common.countries import country_name
from remedyhub.intake.taxonomy import Issue
from remedyhub.knowledge.content import plain_text
from remedyhub.knowledge.models import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Article,
    ArticleTranslation,
    ExpertGroup,
    FaqEntry,
    Question,
)
from remedyhub.knowledge.search import Document, SearchIndex
from remedyhub.registry.taxonomy import Sector

FILTERS = ("step", "theme", "sector", "country", "chapter")
_TAG_KEYS = {
    "step": "steps",
    "theme": "themes",
    "sector": "sectors",
    "country": "countries",
    "chapter": "chapters",
}


@dataclass
class Result:
    kind: str  # "article" or "faq"
    key: str
    title: str
    summary: str
    language: str  # the language the words shown are in
    score: float
    slug: str = ""
    faq_id: int | None = None


@dataclass
class _Built:
    version: tuple[Any, ...]
    views: dict[str, SearchIndex] = field(default_factory=dict)


_lock = threading.Lock()
_built: _Built | None = None


def _version() -> tuple[Any, ...]:
    articles = Article.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    translations = ArticleTranslation.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    faq = FaqEntry.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    return tuple(x for d in (articles, translations, faq) for x in (d["n"], d["t"]))


def _tag_words(article: Article) -> str:
    words: list[str] = [str(label) for code, label in Issue.choices if code in article.themes]
    words += [str(label) for code, label in Sector.choices if code in article.sectors]
    words += [country_name(code, "en") for code in article.countries]
    words += [code.replace("_", " ") for code in article.themes + article.sectors]
    return " ".join(str(w) for w in words)


def article_fields(text: Any, article: Article) -> dict[str, str]:
    """The searched fields of an article in one language; ``text`` has ``title``, ``summary``
    and ``body`` (a translation, or an article file for the benchmark)."""
    return {
        "title": text.title,
        "summary": text.summary,
        "body": plain_text(text.body),
        "tags": _tag_words(article),
    }


def article_documents(language: str) -> list[Document]:
    """Each published article in ``language``, or in English where that is missing."""
    published = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PUBLISHED)
    by_article: dict[int, dict[str, ArticleTranslation]] = {}
    for translation in published.select_related("article"):
        by_article.setdefault(translation.article_id, {})[translation.language] = translation
    documents = []
    for versions in by_article.values():
        source = versions.get(SOURCE_LANGUAGE)
        if source is None:
            continue  # an article appears only once its English source is published
        chosen = versions.get(language, source)
        article = source.article
        documents.append(
            Document(
                key=f"article:{article.slug}",
                language=chosen.language,
                fields=article_fields(chosen, article),
                meta={
                    "steps": article.steps,
                    "themes": article.themes,
                    "sectors": article.sectors,
                    "countries": article.countries,
                    "chapters": article.chapters,
                    "publish_at": max(
                        (t.publish_at for t in (source, chosen) if t.publish_at), default=None
                    ),
                    "slug": article.slug,
                },
            )
        )
    return documents


def faq_documents(language: str) -> list[Document]:
    documents = []
    for entry in FaqEntry.objects.filter(is_published=True):
        question, answer, given = entry.text(language)
        documents.append(
            Document(
                key=f"faq:{entry.pk}",
                language=given,
                fields={"title": question, "body": answer},
                meta={
                    "themes": entry.themes,
                    "sectors": entry.sectors,
                    "publish_at": entry.published_at,
                    "faq_id": entry.pk,
                },
            )
        )
    return documents


def search_index(language: str) -> SearchIndex:
    """The index of one language view, rebuilt when the content changed."""
    global _built
    language = language if language in LANGUAGES else SOURCE_LANGUAGE
    version = _version()
    with _lock:
        if _built is None or _built.version != version:
            _built = _Built(version=version)
        index = _built.views.get(language)
        if index is None:
            index = _built.views[language] = SearchIndex(
                article_documents(language) + faq_documents(language)
            )
        return index


def _matches(document: Document, filters: dict[str, Any], now: dt.datetime) -> bool:
    publish_at = document.meta.get("publish_at")
    if publish_at is not None and publish_at > now:
        return False
    for name, value in filters.items():
        if value in (None, ""):
            continue
        values = document.meta.get(_TAG_KEYS[name])
        if values is None or value not in values:
            return False
    return True


def knowledge_search(
    *,
    q: str = "",
    language: str = "en",
    filters: dict[str, Any] | None = None,
    include_faq: bool = True,
    limit: int = 20,
    now: dt.datetime | None = None,
) -> list[Result]:
    """Published articles (and FAQ entries) matching the words and every filter given."""
    now = now or timezone.now()
    index = search_index(language)
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    allowed = {
        n
        for n, document in enumerate(index.documents)
        if (include_faq or document.key.startswith("article:")) and _matches(document, filters, now)
    }
    if q.strip():
        ranked = index.search(q, language=language, allowed=allowed)
    else:
        ranked = sorted(
            ((n, 0.0) for n in allowed),
            key=lambda item: (
                not index.documents[item[0]].key.startswith("article:"),
                index.documents[item[0]].fields["title"].lower(),
            ),
        )
    results = []
    for number, score in ranked[:limit]:
        document = index.documents[number]
        results.append(
            Result(
                kind="article" if document.key.startswith("article:") else "faq",
                key=document.key,
                title=document.fields["title"],
                summary=document.fields.get("summary", "") or document.fields["body"][:240],
                language=document.language,
                score=score,
                slug=document.meta.get("slug", ""),
                faq_id=document.meta.get("faq_id"),
            )
        )
    return results


def published_articles(now: dt.datetime | None = None) -> QuerySet[Article]:
    """Articles whose English source is published (and due)."""
    now = now or timezone.now()
    live = Q(status=ArticleTranslation.Status.PUBLISHED) & (
        Q(publish_at__isnull=True) | Q(publish_at__lte=now)
    )
    sources = ArticleTranslation.objects.filter(live, language=SOURCE_LANGUAGE)
    return Article.objects.filter(pk__in=sources.values("article_id"))


@dataclass
class ArticleView:
    article: Article
    translation: ArticleTranslation
    requested: str
    available: list[str]

    @property
    def is_fallback(self) -> bool:
        return self.translation.language != self.requested


def article_in_language(slug: str, language: str) -> ArticleView | None:
    """The article in ``language``, or in English with a note when that is not published."""
    article = published_articles().filter(slug=slug).first()
    if article is None:
        return None
    now = timezone.now()
    live = {t.language: t for t in article.translations.all() if t.is_live(now)}
    translation = live.get(language) or live[SOURCE_LANGUAGE]
    return ArticleView(
        article=article,
        translation=translation,
        requested=language,
        available=[code for code in LANGUAGES if code in live],
    )


def related_articles(article: Article, language: str) -> list[tuple[Article, str]]:
    """Related articles (the editor's list, then those sharing most tags), with their titles."""
    live = published_articles()
    chosen = list(live.filter(pk__in=article.related.values("pk")))
    if len(chosen) < 3:

        def overlap(other: Article) -> int:
            return sum(
                len(set(getattr(other, key)) & set(getattr(article, key)))
                for key in ("themes", "sectors", "steps")
            )

        others = [a for a in live.exclude(pk=article.pk) if a not in chosen and overlap(a)]
        others.sort(key=lambda a: (-overlap(a), a.slug))
        chosen += others[: 3 - len(chosen)]
    return [(a, article_title(a, language)) for a in chosen]


def articles_on_theme(
    theme: str,
    *,
    language: str,
    sectors: Iterable[str] = (),
    countries: Iterable[str] = (),
    limit: int = 3,
) -> list[tuple[Article, str]]:
    """Published articles tagged with ``theme``: those sharing the sectors and countries first,
    then the most focused (fewest themes); with their titles in ``language``."""
    sectors, countries = set(sectors), set(countries)
    tagged = [a for a in published_articles().prefetch_related("translations") if theme in a.themes]
    tagged.sort(
        key=lambda a: (
            -len(sectors & set(a.sectors)),
            -len(countries & set(a.countries)),
            len(a.themes),
            a.slug,
        )
    )
    return [(a, article_title(a, language)) for a in tagged[:limit]]


def article_title(article: Article, language: str) -> str:
    now = timezone.now()
    live = {t.language: t for t in article.translations.all() if t.is_live(now)}
    chosen = live.get(language) or live.get(SOURCE_LANGUAGE)
    return chosen.title if chosen else article.slug


def faq_published() -> QuerySet[FaqEntry]:
    return FaqEntry.objects.filter(is_published=True, published_at__lte=timezone.now())


# Helpdesk ------------------------------------------------------------------------------------


def company_of(user: Any) -> Any:
    """The company a user represents, or None (only company representatives ask questions)."""
    if not getattr(user, "is_authenticated", False):
        return None
    affiliation = user.affiliations.filter(role="company").select_related("company").first()
    return affiliation.company if affiliation else None


def is_expert(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_staff or user.expert_groups.exists()
    )


def expert_groups_of(user: Any) -> QuerySet[ExpertGroup]:
    if user.is_staff:
        return ExpertGroup.objects.all()
    return user.expert_groups.all()


def questions_of_asker(user: Any) -> QuerySet[Question]:
    return Question.objects.filter(asker=user).select_related("group").order_by("-created_at")


def question_queue(user: Any) -> QuerySet[Question]:
    """The questions of the expert's groups, open ones first, the most urgent first."""
    return (
        Question.objects.filter(group__in=expert_groups_of(user))
        .select_related("group", "company")
        .order_by("state", "deadline", "pk")
    )


def may_read_question(user: Any, question: Question) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if question.asker_id == user.pk:
        return True
    return expert_groups_of(user).filter(pk=question.group_id).exists()
