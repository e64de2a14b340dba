"""Public read endpoints of the knowledge base: articles (with filters and search) and FAQ."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from remedyhub.common.countries import country_codes
from remedyhub.intake.taxonomy import Issue
from remedyhub.knowledge import selectors
from remedyhub.knowledge.content import render_markdown
from remedyhub.knowledge.models import CHAPTERS, LANGUAGES, STEPS
from remedyhub.registry.taxonomy import Sector


class ArticleQuery(serializers.Serializer):
    """Filters combine; an empty filter means any, as in the web form."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.ChoiceField(
        choices=list(LANGUAGES), required=False, allow_blank=True, default="en"
    )
    step = serializers.ChoiceField(choices=list(STEPS), required=False, allow_blank=True)
    theme = serializers.ChoiceField(choices=Issue.values, required=False, allow_blank=True)
    sector = serializers.ChoiceField(choices=Sector.values, required=False, allow_blank=True)
    country = serializers.CharField(
        required=False, max_length=2, allow_blank=True, help_text="ISO 3166-1 alpha-2"
    )
    chapter = serializers.ChoiceField(choices=list(CHAPTERS), required=False, allow_blank=True)

    def validate_country(self, value: str) -> str:
        if value and value.upper() not in country_codes():
            raise serializers.ValidationError(_("Unknown country."))
        return value.upper()


class LanguageQuery(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=list(LANGUAGES), required=False, allow_blank=True, default="en"
    )


class SourceSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    year = serializers.CharField(allow_blank=True)


class ArticleResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["article", "faq"])
    slug = serializers.CharField(allow_blank=True)
    faq_id = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    language = serializers.CharField(help_text="The language of the text returned")
    score = serializers.FloatField()


class ArticleDetailSerializer(serializers.Serializer):
    slug = serializers.CharField()
    language = serializers.CharField(help_text="The language of the text returned")
    requested_language = serializers.CharField()
    available_languages = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    body_markdown = serializers.CharField(allow_blank=True)
    body_html = serializers.CharField(allow_blank=True)
    steps = serializers.ListField(child=serializers.IntegerField())
    themes = serializers.ListField(child=serializers.CharField())
    sectors = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    chapters = serializers.ListField(child=serializers.CharField())
    sources = SourceSerializer(many=True)
    related = serializers.ListField(child=serializers.CharField())


class FaqSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    language = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField()
    articles = serializers.ListField(child=serializers.CharField())
    published_at = serializers.DateTimeField()


class ArticleListView(generics.ListAPIView):
    """Published articles: all, or those matching the filters (combined) and the words in
    ``q`` (stemmed, misspellings corrected), best first. With ``q``, FAQ entries come too."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    serializer_class = ArticleResultSerializer

    @extend_schema(parameters=[ArticleQuery])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        query = ArticleQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(query.validated_data)
        q = data.pop("q", "")
        language = data.pop("language", "") or "en"
        return selectors.knowledge_search(
            q=q, language=language, filters=data, include_faq=bool(q.strip()), limit=500
        )


class ArticleDetailView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(parameters=[LanguageQuery], responses=ArticleDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        query = LanguageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        view = selectors.article_in_language(slug, query.validated_data["language"] or "en")
        if view is None:
            raise NotFound(_("No published article has this slug."))
        article, translation = view.article, view.translation
        body = {
            "slug": article.slug,
            "language": translation.language,
            "requested_language": view.requested,
            "available_languages": view.available,
            "title": translation.title,
            "summary": translation.summary,
            "body_markdown": translation.body,
            "body_html": render_markdown(translation.body),
            "steps": article.steps,
            "themes": article.themes,
            "sectors": article.sectors,
            "countries": article.countries,
            "chapters": article.chapters,
            "sources": article.sources,
            "related": [
                a.slug for a, _title in selectors.related_articles(article, view.requested)
            ],
        }
        return Response(ArticleDetailSerializer(body).data)


class FaqListView(generics.ListAPIView):
    """Published FAQ entries in the language asked for (English where it is missing)."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    serializer_class = FaqSerializer

    @extend_schema(parameters=[LanguageQuery])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        query = LanguageQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        language = query.validated_data["language"] or "en"
        entries = []
        for entry in selectors.faq_published().prefetch_related("articles"):
            question, answer, given = entry.text(language)
            entries.append(
                {
                    "id": entry.pk,
                    "language": given,
                    "question": question,
                    "answer": answer,
                    "articles": [a.slug for a in entry.articles.all()],
                    "published_at": entry.published_at,
                }
            )
        return entries
