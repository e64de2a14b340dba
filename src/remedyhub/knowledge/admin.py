"""The editors' interface: articles with their translations, each with its editorial status;
actions send a draft for review and publish (now, or at its publication date)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from remedyhub.knowledge.models import (
    LANGUAGES,
    Article,
    ArticleTranslation,
    ExpertGroup,
    FaqEntry,
)
from remedyhub.knowledge.services import (
    translation_publish,
    translation_revise,
    translation_submit,
    translation_withdraw,
)

TEXT_FIELDS = ("title", "summary", "body")


class TranslationInline(admin.TabularInline):
    """The translations at a glance; each is written and reviewed on its own page, where a
    published text can only be changed through a revision."""

    model = ArticleTranslation
    fk_name = "article"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("language", "title", "status", "publish_at", "reviewer")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ArticleTranslation]:
        return super().get_queryset(request).filter(revision_of=None)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("slug", "translation_status", "updated_at")
    search_fields = ("slug", "translations__title")
    filter_horizontal = ("related",)
    inlines = [TranslationInline]

    @admin.display(description=_("translations"))
    def translation_status(self, article: Article) -> str:
        states = {
            t.language: t.get_status_display()
            for t in article.translations.all()
            if t.revision_of_id is None
        }
        return " · ".join(f"{code}: {states.get(code, _('missing'))}" for code in LANGUAGES)


def _each(
    request: HttpRequest, queryset: QuerySet[ArticleTranslation], step: Any, done: str
) -> None:
    count = 0
    for translation in queryset:
        try:
            step(translation)
        except ValidationError as error:
            messages.error(request, f"{translation}: {' '.join(error.messages)}")
        else:
            count += 1
    if count:
        messages.success(request, f"{done}: {count}")


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = ("article", "language", "title", "status", "is_revision", "publish_at")
    list_filter = ("status", "language")
    search_fields = ("title", "article__slug")
    readonly_fields = ("status", "submitted_by", "reviewer", "revision_of")
    actions = ["submit_for_review", "publish", "back_to_draft", "revise"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        """A published text is read-only: the action "Revise" opens a draft of the change."""
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == ArticleTranslation.Status.PUBLISHED:
            return (*fields, *TEXT_FIELDS, "article", "language")
        if obj is not None and obj.revision_of_id:
            return (*fields, "article", "language")
        return fields

    @admin.display(description=_("revision"), boolean=True)
    def is_revision(self, translation: ArticleTranslation) -> bool:
        return translation.revision_of_id is not None

    @admin.action(description=_("Revise (a draft of the change; the published text stays)"))
    def revise(self, request: HttpRequest, queryset: QuerySet) -> None:
        _each(
            request,
            queryset,
            lambda t: translation_revise(translation=t),
            str(_("Revisions opened")),
        )

    @admin.action(description=_("Send for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        _each(
            request,
            queryset,
            lambda t: translation_submit(translation=t, user=request.user),
            str(_("Sent for review")),
        )

    @admin.action(description=_("Publish (at the publication date, or now)"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        _each(
            request,
            queryset,
            lambda t: translation_publish(translation=t, reviewer=request.user),
            str(_("Published")),
        )

    @admin.action(description=_("Back to draft"))
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        _each(request, queryset, lambda t: translation_withdraw(translation=t), str(_("Drafts")))


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_published", "published_at")
    list_filter = ("is_published",)
    filter_horizontal = ("articles",)
    exclude = ("source_question",)


@admin.register(ExpertGroup)
class ExpertGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "response_days", "is_default")
    filter_horizontal = ("members",)
