"""Writes of the knowledge base and the helpdesk: loading content, the editorial steps,
questions, answers, handovers, FAQ publication, reminders and their e-mails."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from remedyhub.common import crypto
from remedyhub.common.outbox import queued_emails_send
from remedyhub.intake.files import CleanFile
from remedyhub.knowledge.content import read_folder
from remedyhub.knowledge.models import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Answer,
    Article,
    ArticleTranslation,
    ExpertGroup,
    FaqEntry,
    Handover,
    HelpdeskNotification,
    Question,
)
from remedyhub.registry.models import Company

logger = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parent / "content" / "articles"
REMIND_DAYS_BEFORE = 2
_ATTACHMENT_CONTEXT = "knowledge.Question.attachment"


# Content -------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    articles: int = 0
    translations: int = 0


@transaction.atomic
def articles_load(*, folder: Path | None = None, publish: bool = True) -> LoadReport:
    """Load (or update) the article files of a folder: published as they are, since the files
    were reviewed in the repository. Editors' later edits in the admin are overwritten only
    for the articles and languages that the folder holds."""
    found = read_folder(folder or CONTENT_DIR)
    report = LoadReport()
    articles: dict[str, Article] = {}
    for slug, versions in found.items():
        source = versions[SOURCE_LANGUAGE]
        article, _created = Article.objects.update_or_create(
            slug=slug, defaults={**source.tags, "sources": source.sources}
        )
        articles[slug] = article
        report.articles += 1
        for language, version in versions.items():
            ArticleTranslation.objects.update_or_create(
                article=article,
                language=language,
                revision_of=None,
                defaults={
                    "title": version.title,
                    "summary": version.summary,
                    "body": version.body,
                    **({"status": ArticleTranslation.Status.PUBLISHED} if publish else {}),
                },
            )
            report.translations += 1
    for slug, versions in found.items():
        articles[slug].related.set([articles[s] for s in versions[SOURCE_LANGUAGE].related])
    return report


# Editorial steps (the admin's actions) -------------------------------------------------------


def translation_submit(*, translation: ArticleTranslation, user: Any) -> None:
    if translation.status != ArticleTranslation.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    translation.status = ArticleTranslation.Status.IN_REVIEW
    translation.submitted_by = user
    translation.save(update_fields=["status", "submitted_by", "updated_at"])


def translation_publish(
    *, translation: ArticleTranslation, reviewer: Any, publish_at: dt.datetime | None = None
) -> None:
    """A reviewer publishes a translation in review, now or at ``publish_at``; the author of
    the submission cannot review her own text (four eyes)."""
    if translation.status != ArticleTranslation.Status.IN_REVIEW:
        raise ValidationError(_("Only a translation in review can be published."))
    if translation.submitted_by_id and translation.submitted_by_id == reviewer.pk:
        raise ValidationError(_("Someone other than its author must review a text."))
    if translation.revision_of_id:
        _revision_publish(translation, reviewer=reviewer)
        return
    translation.status = ArticleTranslation.Status.PUBLISHED
    translation.reviewer = reviewer
    translation.publish_at = publish_at or translation.publish_at or timezone.now()
    translation.save(update_fields=["status", "reviewer", "publish_at", "updated_at"])


@transaction.atomic
def _revision_publish(revision: ArticleTranslation, *, reviewer: Any) -> None:
    """The reviewed revision's text replaces the published one at once (same row, same page)."""
    assert revision.revision_of is not None  # noqa: S101 (the caller checked)
    live = ArticleTranslation.objects.select_for_update().get(pk=revision.revision_of.pk)
    live.title, live.summary, live.body = revision.title, revision.summary, revision.body
    live.submitted_by, live.reviewer = revision.submitted_by, reviewer
    live.save(update_fields=["title", "summary", "body", "submitted_by", "reviewer", "updated_at"])
    revision.delete()


def translation_revise(*, translation: ArticleTranslation) -> ArticleTranslation:
    """A draft revision of a published text (the open one, if there is one already); the
    published text stays online unchanged until the revision is reviewed and published."""
    if translation.status != ArticleTranslation.Status.PUBLISHED or translation.revision_of_id:
        raise ValidationError(_("Only a published text is revised; edit a draft directly."))
    revision, _created = ArticleTranslation.objects.get_or_create(
        revision_of=translation,
        defaults={
            "article": translation.article,
            "language": translation.language,
            "title": translation.title,
            "summary": translation.summary,
            "body": translation.body,
        },
    )
    return revision


def translation_withdraw(*, translation: ArticleTranslation) -> None:
    translation.status = ArticleTranslation.Status.DRAFT
    translation.save(update_fields=["status", "updated_at"])


# Helpdesk ------------------------------------------------------------------------------------


def group_for(*, topic: str, sector: str) -> ExpertGroup:
    """The group that takes a question: one for its sector, else its theme, else the default."""
    groups = list(ExpertGroup.objects.order_by("pk"))
    for group in groups:
        if sector in group.sectors:
            return group
    for group in groups:
        if topic in group.themes:
            return group
    for group in groups:
        if group.is_default:
            return group
    if not groups:
        raise ValidationError(_("The helpdesk has no expert group yet."))
    return groups[0]


@transaction.atomic
def question_ask(
    *,
    asker: Any,
    company: Company,
    topic: str,
    sector: str,
    country: str,
    company_size: str,
    text: str,
    consent_to_publish: bool,
    language: str = "en",
    attachment: CleanFile | None = None,
    today: dt.date | None = None,
) -> Question:
    group = group_for(topic=topic, sector=sector)
    today = today or timezone.localdate()
    question = Question(
        asker=asker,
        company=company,
        topic=topic,
        sector=sector,
        country=country,
        company_size=company_size,
        text=text.strip(),
        consent_to_publish=consent_to_publish,
        language=language if language in LANGUAGES else SOURCE_LANGUAGE,
        group=group,
        deadline=today + dt.timedelta(days=group.response_days),
    )
    if attachment is not None:
        question.attachment_name = attachment.original_name
        question.attachment_type = attachment.content_type
        question.attachment_data = crypto.encrypt_bytes(
            attachment.data, context=_ATTACHMENT_CONTEXT
        )
    question.save()
    _notify_group(
        question,
        subject=_("New helpdesk question Q%(id)s") % {"id": question.pk},
        body=_("A company asked your group a question. It is due on %(date)s.")
        % {"date": question.deadline},
    )
    return question


def question_file(question: Question) -> bytes:
    sealed = question.attachment_data
    data = bytes(sealed) if sealed is not None else b""
    return crypto.decrypt_bytes(data, context=_ATTACHMENT_CONTEXT)


def question_files() -> Iterator[tuple[str, str | None]]:
    """Every sealed helpdesk attachment with its key id (for key rotation)."""
    for pk, data in Question.objects.exclude(attachment_data=None).values_list(
        "pk", "attachment_data"
    ):
        yield str(pk), crypto.file_key_id(bytes(data or b"")[:64])


def question_file_reencrypt(label: str) -> None:
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=int(label))
        data = question_file(question)
        question.attachment_data = crypto.encrypt_bytes(data, context=_ATTACHMENT_CONTEXT)
        question.save(update_fields=["attachment_data"])


@transaction.atomic
def question_answer(
    *, question: Question, expert: Any, text: str, articles: list[Article] | None = None
) -> Answer:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.state != Question.State.OPEN:
        raise ValidationError(_("This question has been answered already."))
    if not text.strip():
        raise ValidationError(_("Write the answer."))
    answer = Answer.objects.create(question=question, author=expert, text=text.strip())
    if articles:
        answer.articles.set(articles)
    question.state = Question.State.ANSWERED
    question.save(update_fields=["state", "updated_at"])
    email = question.asker.email
    if email:
        with override(question.language):
            _queue(
                question,
                email=email,
                subject=_("Your helpdesk question has been answered"),
                body=_(
                    "An expert answered your question Q%(id)s. Log in to Remedy Hub and open "
                    "the helpdesk to read it."
                )
                % {"id": question.pk},
            )
    return answer


@transaction.atomic
def question_handover(
    *, question: Question, to_group: ExpertGroup, by: Any, reason: str
) -> Handover:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.state != Question.State.OPEN:
        raise ValidationError(_("An answered question cannot be handed over."))
    if to_group.pk == question.group_id:
        raise ValidationError(_("Choose another group."))
    if not reason.strip():
        raise ValidationError(_("Say why the other group should answer."))
    handover = Handover.objects.create(
        question=question, from_group=question.group, to_group=to_group, by=by, reason=reason
    )
    question.group = to_group
    # The new group gets its own full time to answer, never less than was left.
    question.deadline = max(
        question.deadline, timezone.localdate() + dt.timedelta(days=to_group.response_days)
    )
    question.reminded_before = False
    question.reminded_on = None
    question.save(
        update_fields=["group", "deadline", "reminded_before", "reminded_on", "updated_at"]
    )
    _notify_group(
        question,
        subject=_("Helpdesk question Q%(id)s was handed to your group") % {"id": question.pk},
        body=_("Another group handed you a question. It is due on %(date)s.")
        % {"date": question.deadline},
    )
    return handover


@transaction.atomic
def faq_publish(
    *,
    question: Question,
    by: Any,
    texts: dict[str, tuple[str, str]],
    articles: list[Article] | None = None,
) -> FaqEntry:
    """Publish an answered question as FAQ, in the expert's public wording.

    Needs the asker's consent; the wording may not name the asking company.
    """
    question = Question.objects.select_related("company").get(pk=question.pk)
    if not question.consent_to_publish:
        raise ValidationError(_("The company did not agree to publish this question."))
    if question.state != Question.State.ANSWERED:
        raise ValidationError(_("Answer the question before publishing it."))
    english = texts.get("en", ("", ""))
    if not english[0].strip() or not english[1].strip():
        raise ValidationError(_("Give the public question and answer in English."))
    name = question.company.name.strip().lower()
    for question_text, answer_text in texts.values():
        if name and name in f"{question_text} {answer_text}".lower():
            raise ValidationError(
                _("The public wording names the company (“%(name)s”): remove it.")
                % {"name": question.company.name}
            )
    values: dict[str, Any] = {"themes": [question.topic], "sectors": [question.sector]}
    for language, (question_text, answer_text) in texts.items():
        if language in LANGUAGES:
            values[f"question_{language}"] = question_text.strip()
            values[f"answer_{language}"] = answer_text.strip()
    entry, _created = FaqEntry.objects.update_or_create(source_question=question, defaults=values)
    linked = articles if articles is not None else list(question.answer.articles.all())
    entry.articles.set(linked)
    return entry


# Reminders and e-mail ------------------------------------------------------------------------


@dataclass
class HelpdeskReport:
    due_soon: list[Question]
    overdue: list[Question]
    reminders: int
    mail: dict[str, int]


def helpdesk_check(*, today: dt.date | None = None) -> HelpdeskReport:
    """Remind a group once before a question is due, and every day once it is overdue."""
    today = today or timezone.localdate()
    open_questions = Question.objects.filter(state=Question.State.OPEN).select_related("group")
    due_soon = list(
        open_questions.filter(
            deadline__gte=today,
            deadline__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
            reminded_before=False,
        )
    )
    overdue = list(open_questions.filter(deadline__lt=today).exclude(reminded_on=today))
    reminders = 0
    for question in due_soon:
        with transaction.atomic():
            _notify_group(
                question,
                subject=_("Helpdesk question Q%(id)s is due on %(date)s")
                % {"id": question.pk, "date": question.deadline},
                body=_("Please answer question Q%(id)s before %(date)s.")
                % {"id": question.pk, "date": question.deadline},
            )
            Question.objects.filter(pk=question.pk).update(reminded_before=True)
        reminders += 1
    for question in overdue:
        with transaction.atomic():
            _notify_group(
                question,
                subject=_("Helpdesk question Q%(id)s is overdue") % {"id": question.pk},
                body=_("Question Q%(id)s was due on %(date)s and has no answer yet.")
                % {"id": question.pk, "date": question.deadline},
            )
            Question.objects.filter(pk=question.pk).update(reminded_on=today)
        reminders += 1
    return HelpdeskReport(
        due_soon=due_soon, overdue=overdue, reminders=reminders, mail=helpdesk_mail_send()
    )


def _notify_group(question: Question, *, subject: str, body: str) -> None:
    with override(settings.LANGUAGE_CODE):
        for expert in question.group.members.filter(is_active=True).exclude(email=""):
            _queue(question, email=expert.email, subject=str(subject), body=str(body))


def _queue(question: Question, *, email: str, subject: str, body: str) -> None:
    HelpdeskNotification.objects.create(
        question=question,
        email=email,
        subject=subject[:200],
        body=body,
        next_attempt_at=timezone.now(),
    )
    transaction.on_commit(_enqueue_send)


def _enqueue_send() -> None:
    from remedyhub.knowledge.tasks import send_helpdesk_mail

    try:
        send_helpdesk_mail.enqueue()
    except Exception:
        logger.warning("could not queue helpdesk e-mail", exc_info=True)


def helpdesk_mail_send(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send the helpdesk e-mails that are due (retried, then given up: ``common.outbox``)."""
    return queued_emails_send(HelpdeskNotification, now=now, limit=limit)
