"""Pages of the knowledge base (public) and of the helpdesk (company users and experts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from remedyhub.common.countries import country_name
from remedyhub.knowledge import selectors
from remedyhub.knowledge.content import render_markdown
from remedyhub.knowledge.forms import (
    CHAPTER_LABELS,
    STEP_LABELS,
    AnswerForm,
    FaqForm,
    HandoverForm,
    KnowledgeSearchForm,
    QuestionForm,
)
from remedyhub.knowledge.models import Question
from remedyhub.knowledge.services import (
    faq_publish,
    question_answer,
    question_ask,
    question_file,
    question_handover,
)

SUGGESTIONS = 5


def _language() -> str:
    return (get_language() or "en")[:2]


def knowledge_list(request: HttpRequest) -> HttpResponse:
    form = KnowledgeSearchForm(request.GET or None)
    results: list[selectors.Result] = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {name: data.get(name) for name in selectors.FILTERS}
        results = selectors.knowledge_search(q=data["q"], language=_language(), filters=filters)
    elif not form.is_bound:
        results = selectors.knowledge_search(language=_language(), include_faq=False, limit=200)
    return render(
        request,
        "knowledge/list.html",
        {"form": form, "results": results, "searched": form.is_bound},
    )


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    view = selectors.article_in_language(slug, _language())
    if view is None:
        raise Http404
    article = view.article
    context = {
        "view": view,
        "article": article,
        "translation": view.translation,
        "body": render_markdown(view.translation.body),
        "steps": [STEP_LABELS[s] for s in article.steps if s in STEP_LABELS],
        "chapters": [CHAPTER_LABELS[c] for c in article.chapters if c in CHAPTER_LABELS],
        "themes": _labels("theme", article.themes),
        "sectors": _labels("sector", article.sectors),
        "countries": _labels("country", article.countries),
        "related": selectors.related_articles(article, _language()),
        "faq": [e.text(_language()) for e in selectors.faq_published().filter(articles=article)],
    }
    return render(request, "knowledge/article.html", context)


def _labels(field: str, codes: list[str]) -> list[str]:
    choices = dict(KnowledgeSearchForm().fields[field].choices)  # type: ignore[attr-defined]
    return [str(choices.get(code, code)) for code in codes]


def faq_page(request: HttpRequest) -> HttpResponse:
    language = _language()
    entries = []
    for entry in selectors.faq_published().prefetch_related("articles__translations"):
        question, answer, given = entry.text(language)
        entries.append(
            {
                "id": entry.pk,
                "question": question,
                "answer": render_markdown(answer),
                "language": given,
                "articles": [
                    (a, selectors.article_title(a, language)) for a in entry.articles.all()
                ],
            }
        )
    return render(request, "knowledge/faq.html", {"entries": entries, "language": language})


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    """Articles matching what a company types into the helpdesk form (an HTML fragment)."""
    text = request.GET.get("q", "")[:1000]
    results = _suggestions(text)
    return render(request, "knowledge/_suggestions.html", {"suggestions": results, "query": text})


def _suggestions(text: str) -> list[selectors.Result]:
    if len(text.strip()) < 3:
        return []
    return selectors.knowledge_search(q=text, language=_language(), limit=SUGGESTIONS)


# Helpdesk ------------------------------------------------------------------------------------


@login_required
def helpdesk(request: HttpRequest) -> HttpResponse:
    user = request.user
    company = selectors.company_of(user)
    expert = selectors.is_expert(user)
    if company is None and not expert:
        raise PermissionDenied
    context: dict[str, Any] = {"company": company, "expert": expert}
    if company is not None:
        context["questions"] = selectors.questions_of_asker(user)
    return render(request, "knowledge/helpdesk.html", context)


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    company = selectors.company_of(request.user)
    if company is None:
        raise PermissionDenied
    suggestions: list[selectors.Result] = []
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES)
        if request.POST.get("action") == "suggest":
            # Without JavaScript: the same suggestions, and the form as typed (nothing checked).
            form = QuestionForm(
                initial={
                    **{name: request.POST.get(name, "") for name in QuestionForm.base_fields},
                    "consent_to_publish": bool(request.POST.get("consent_to_publish")),
                }
            )
            suggestions = _suggestions(request.POST.get("text", ""))
            return render(
                request,
                "knowledge/ask.html",
                {"form": form, "suggestions": suggestions, "suggested": True, "company": company},
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = question_ask(
                    asker=request.user,
                    company=company,
                    topic=data["topic"],
                    sector=data["sector"],
                    country=data["country"],
                    company_size=data["company_size"],
                    text=data["text"],
                    consent_to_publish=data["consent_to_publish"],
                    language=_language(),
                    attachment=form.cleaned_file,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your question was sent to %(group)s. They answer by %(date)s.")
                    % {"group": question.group.name, "date": question.deadline},
                )
                return redirect("knowledge:question", pk=question.pk)
        suggestions = _suggestions(request.POST.get("text", ""))
        status = 400
    else:
        form = QuestionForm()
        status = 200
    return render(
        request,
        "knowledge/ask.html",
        {"form": form, "suggestions": suggestions, "company": company},
        status=status,
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not selectors.is_expert(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    questions = list(selectors.question_queue(request.user))
    for question in questions:
        question.overdue = question.is_overdue(today)  # type: ignore[attr-defined]
    return render(
        request,
        "knowledge/queue.html",
        {"questions": questions, "overdue": sum(q.overdue for q in questions)},  # type: ignore[attr-defined]
    )


@login_required
def question_page(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("group", "company"), pk=pk)
    user = request.user
    if not selectors.may_read_question(user, question):
        raise PermissionDenied
    is_asker = question.asker_id == user.pk
    may_act = not is_asker or selectors.expert_groups_of(user).filter(pk=question.group_id).exists()
    answer = getattr(question, "answer", None) if hasattr(question, "answer") else None
    forms: dict[str, Any] = {
        "answer_form": AnswerForm(),
        "handover_form": HandoverForm(question=question),
        "faq_form": FaqForm(initial=_faq_initial(question, answer)),
    }
    status = 200
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        action = request.POST.get("action")
        form: Any = None
        try:
            if action == "answer":
                form = forms["answer_form"] = AnswerForm(request.POST)
                if form.is_valid():
                    question_answer(question=question, expert=user, text=form.cleaned_data["text"])
                    messages.success(request, _("The answer was sent to the company."))
                    return redirect("knowledge:question", pk=question.pk)
            elif action == "handover":
                form = forms["handover_form"] = HandoverForm(request.POST, question=question)
                if form.is_valid():
                    question_handover(
                        question=question,
                        to_group=form.cleaned_data["group"],
                        by=user,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The question was handed over."))
                    return redirect("knowledge:queue")
            elif action == "publish":
                form = forms["faq_form"] = FaqForm(request.POST)
                if form.is_valid():
                    entry = faq_publish(question=question, by=user, texts=form.texts())
                    messages.success(request, _("Published in the FAQ."))
                    return redirect(f"{_faq_url()}#faq-{entry.pk}")
            else:
                raise Http404
        except ValidationError as error:
            form.add_error(None, error)
        status = 400
    context = {
        "question": question,
        "answer": answer,
        "is_asker": is_asker,
        "may_act": may_act,
        "overdue": question.is_overdue(),
        "country": country_name(question.country),
        "handovers": question.handovers.select_related("from_group", "to_group"),
        "faq_entry": getattr(question, "faq_entry", None)
        if hasattr(question, "faq_entry")
        else None,
        "suggestions": _suggestions(question.text) if may_act else [],
        **forms,
    }
    return render(request, "knowledge/question.html", context, status=status)


def _faq_url() -> str:
    from django.urls import reverse

    return reverse("knowledge:faq")


def _faq_initial(question: Question, answer: Any) -> dict[str, str]:
    return {"question_en": question.text, "answer_en": answer.text if answer else ""}


@login_required
def question_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk)
    if not selectors.may_read_question(request.user, question) or not question.attachment_data:
        raise Http404
    response = HttpResponse(question_file(question), content_type=question.attachment_type)
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        question.attachment_type, "bin"
    )
    response["Content-Disposition"] = f'attachment; filename="question-{question.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
