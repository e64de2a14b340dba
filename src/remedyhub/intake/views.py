"""The reporting form, the receipt page and the reporter's follow-up page.

Every page works without JavaScript. The reporter's answers live in a ``Draft`` found by a random
token in a cookie; nothing ties them to her IP address or browser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from remedyhub.common.countries import country_name
from remedyhub.intake import receipts, throttle
from remedyhub.intake.files import MAX_FILES, UploadRejected, check_batch, clean_upload
from remedyhub.intake.forms import (
    AffectedForm,
    IdentityForm,
    ReporterForm,
    WhatForm,
    WhenForm,
    WhereForm,
    to_json,
)
from remedyhub.intake.models import Attachment, Complaint, Draft, Message
from remedyhub.intake.selectors import complaint_progress, draft_complaint_values
from remedyhub.intake.services import (
    ComplaintWithdrawn,
    attachment_delete,
    attachment_read,
    attachment_store,
    complaint_find,
    complaint_submit,
    reporter_message,
)
from remedyhub.intake.taxonomy import ISSUE_GROUPS, AffectedGroup, ReporterType
from remedyhub.registry.selectors import facility_search

logger = logging.getLogger(__name__)

COOKIE = "rh_report"
DRAFT_LIFETIME = dt.timedelta(days=7)
FOLLOW_UP_SESSION_KEY = "follow_up_complaint"
FOLLOW_UP_IDLE_SECONDS = 30 * 60


@dataclass(frozen=True)
class Step:
    slug: str
    title: Any
    form: type[forms.Form] | None


STEPS = [
    Step("what", gettext_lazy("What happened"), WhatForm),
    Step("where", gettext_lazy("Where"), WhereForm),
    Step("when", gettext_lazy("When"), WhenForm),
    Step("affected", gettext_lazy("Who is affected"), AffectedForm),
    Step("reporter", gettext_lazy("About you"), ReporterForm),
    Step("identity", gettext_lazy("Your name and contact"), IdentityForm),
    Step("files", gettext_lazy("Photos and documents"), None),
    Step("check", gettext_lazy("Check and send"), None),
]
STEP_INDEX = {step.slug: number for number, step in enumerate(STEPS)}


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _draft(request: HttpRequest) -> Draft | None:
    token = request.COOKIES.get(COOKIE, "")
    if not token or len(token) > 100:
        return None
    return (
        Draft.objects.filter(token_digest=_digest(token), expires_at__gt=timezone.now())
        .select_related("complaint")
        .first()
    )


def _load(draft: Draft) -> dict[str, Any]:
    try:
        data = json.loads(draft.data or "{}")
    except ValueError:
        data = {}
    data.setdefault("steps", {})
    data.setdefault("raw", {})
    return data


def _save(draft: Draft, data: dict[str, Any]) -> None:
    draft.data = json.dumps(data)
    draft.expires_at = timezone.now() + DRAFT_LIFETIME
    draft.save(update_fields=["data", "expires_at", "updated_at"])


def _set_cookie(response: HttpResponse, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(DRAFT_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def report_start(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    if request.method == "POST":
        if draft is not None and draft.complaint_id is None:
            return redirect("intake:step", step=STEPS[0].slug)
        token = secrets.token_urlsafe(32)
        Draft.objects.create(
            token_digest=_digest(token), expires_at=timezone.now() + DRAFT_LIFETIME
        )
        response = redirect("intake:step", step=STEPS[0].slug)
        _set_cookie(response, token)
        return response
    return _no_store(
        render(
            request,
            "intake/start.html",
            {"resume": draft is not None and draft.complaint_id is None, "steps": STEPS},
        )
    )


def _progress(current: Step) -> dict[str, Any]:
    return {
        "steps": STEPS,
        "current": current,
        "number": STEP_INDEX[current.slug] + 1,
        "total": len(STEPS),
    }


def _neighbour(step: Step, offset: int) -> str | None:
    index = STEP_INDEX[step.slug] + offset
    return STEPS[index].slug if 0 <= index < len(STEPS) else None


def _candidates(country: str, site_name: str, site_address: str) -> list[tuple[str, str]]:
    text = " ".join(part for part in (site_name, site_address) if part).strip()
    if not text or not country:
        return []
    results = facility_search(q=text, country=country, limit=5)
    return [
        (
            result.facility.public_id,
            f"{result.facility.name}, {result.facility.address}",
        )
        for result in results
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def report_step(request: HttpRequest, step: str) -> HttpResponse:
    if step not in STEP_INDEX:
        raise Http404
    draft = _draft(request)
    if draft is None:
        messages.info(request, _("Your earlier answers have expired or were sent. Start here."))
        return redirect("intake:start")
    if draft.complaint_id is not None:
        return redirect("intake:done")
    current = STEPS[STEP_INDEX[step]]
    data = _load(draft)
    if current.slug == "files":
        return _files_step(request, draft, data, current)
    if current.slug == "check":
        return _check_step(request, draft, data, current)
    return _form_step(request, draft, data, current)


def _form_for(current: Step, data: dict[str, Any], post: Any = None) -> forms.Form:
    if current.form is None:
        raise Http404
    kwargs: dict[str, Any] = {}
    where = data["steps"].get("where", {})
    if current.slug == "identity":
        kwargs["country"] = where.get("country", "")
    if current.slug == "where":
        source = post if post is not None else data["raw"].get("where", {})
        kwargs["candidates"] = _candidates(
            source.get("country", ""), source.get("site_name", ""), source.get("site_address", "")
        )
    if post is not None:
        return current.form(post, **kwargs)
    raw = data["raw"].get(current.slug)
    if raw is not None:
        # What the reporter typed last time, even if it was not valid yet.
        return current.form(initial=raw, **kwargs)
    initial = data["steps"].get(current.slug, {})
    if current.slug == "what":
        initial = WhatForm.initial_from(initial)
    return current.form(initial=initial, **kwargs)


def _raw(post: Any, form: forms.Form) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            values[name] = post.getlist(name)
        elif isinstance(field, forms.BooleanField):
            values[name] = post.get(name) in {"on", "true", "1"}
        else:
            values[name] = post.get(name, "")
    return values


def _form_step(
    request: HttpRequest, draft: Draft, data: dict[str, Any], current: Step
) -> HttpResponse:
    if request.method == "POST":
        form = _form_for(current, data, request.POST)
        data["raw"][current.slug] = _raw(request.POST, form)
        action = request.POST.get("action", "next")
        if action == "back":
            _save(draft, data)
            return redirect("intake:step", step=_neighbour(current, -1) or current.slug)
        if action == "search":
            _save(draft, data)
            return redirect(reverse("intake:step", kwargs={"step": current.slug}) + "#facility")
        if form.is_valid():
            data["steps"][current.slug] = to_json(form.cleaned_data)
            _save(draft, data)
            following = "check" if action == "check" else _neighbour(current, 1)
            return redirect("intake:step", step=following or current.slug)
        _save(draft, data)
    else:
        form = _form_for(current, data)
    context = {
        "form": form,
        "issue_fields": [form[f"issues_{code}"] for code, _l, _i in ISSUE_GROUPS]
        if current.slug == "what"
        else [],
        "came_from_check": "check" in data["steps"],
        **_progress(current),
    }
    return _no_store(render(request, "intake/step_form.html", context))


def _files_step(
    request: HttpRequest, draft: Draft, data: dict[str, Any], current: Step
) -> HttpResponse:
    errors: list[str] = []
    attachments = list(draft.attachments.all())
    if request.method == "POST":
        action = request.POST.get("action", "next")
        remove = request.POST.get("remove")
        if remove:
            for attachment in attachments:
                if str(attachment.storage_name) == remove:
                    attachment_delete(attachment)
            return redirect("intake:step", step=current.slug)
        uploads = request.FILES.getlist("files")
        if uploads:
            errors = _store_uploads(uploads, attachments, draft=draft)
        if not errors and action in {"back", "next", "check"}:
            target = {"back": _neighbour(current, -1), "check": "check"}.get(
                action, _neighbour(current, 1)
            )
            data["steps"][current.slug] = {}
            _save(draft, data)
            return redirect("intake:step", step=target)
        if not errors:
            return redirect("intake:step", step=current.slug)
        attachments = list(draft.attachments.all())
    context = {
        "attachments": attachments,
        "errors": errors,
        "max_files": MAX_FILES,
        "room": max(0, MAX_FILES - len(attachments)),
        "came_from_check": "check" in data["steps"],
        **_progress(current),
    }
    return _no_store(
        render(request, "intake/step_files.html", context, status=400 if errors else 200)
    )


def _store_uploads(uploads: list[Any], existing: list[Attachment], **links: Any) -> list[str]:
    """Check every upload first, then store them all, or none: the messages say why not."""
    errors: list[str] = []
    try:
        check_batch([a.size for a in existing] + [upload.size for upload in uploads])
    except UploadRejected as rejected:
        return [str(rejected)]
    cleaned = []
    for upload in uploads:
        if upload.size > 0 and upload.size > 11 * 1024 * 1024:
            # Do not read a far too large file into memory to find out.
            try:
                check_batch([upload.size])
            except UploadRejected as rejected:
                errors.append(str(rejected))
                continue
        try:
            cleaned.append(clean_upload(upload.name or "", upload.read()))
        except UploadRejected as rejected:
            errors.append(str(rejected))
    if errors:
        return errors
    for clean in cleaned:
        attachment_store(clean, **links)
    return []


def _check_step(
    request: HttpRequest, draft: Draft, data: dict[str, Any], current: Step
) -> HttpResponse:
    missing = [step for step in STEPS if step.form is not None and step.slug not in data["steps"]]
    if request.method == "POST":
        if request.POST.get("action") == "back":
            return redirect("intake:step", step=_neighbour(current, -1))
        if not missing and not throttle.allow_submission(request):
            context = {
                "missing": [],
                "throttled": True,
                "summary": _summary(data["steps"], draft),
                **_progress(current),
            }
            response = render(request, "intake/step_check.html", context, status=429)
            response["Retry-After"] = str(throttle.SUBMISSION_WINDOW_SECONDS)
            return _no_store(response)
        if not missing:
            token = request.COOKIES[COOKIE]
            try:
                complaint_submit(
                    data=draft_complaint_values(data["steps"]),
                    seed=f"web:{token}",
                    channel=Complaint.Channel.WEB,
                    language=get_language() or settings.LANGUAGE_CODE,
                    draft=draft,
                )
            except OperationalError:
                # Rolled back: nothing is stored, the answers are kept; say so plainly.
                logger.warning("complaint not stored: database unavailable", exc_info=True)
                context = {
                    "missing": [],
                    "not_stored": True,
                    "summary": _summary(data["steps"], draft),
                    **_progress(current),
                }
                response = render(request, "intake/step_check.html", context, status=503)
                response["Retry-After"] = "5"
                return _no_store(response)
            throttle.record_submission(request)
            return redirect("intake:done")
    context = {
        "missing": missing,
        "summary": _summary(data["steps"], draft),
        **_progress(current),
    }
    return _no_store(
        render(
            request,
            "intake/step_check.html",
            context,
            status=400 if missing and request.method == "POST" else 200,
        )
    )


def _summary(steps: dict[str, Any], draft: Draft) -> list[dict[str, Any]]:
    values = draft_complaint_values(steps)
    facility = values.get("facility")
    issue_labels = {issue.value: issue.label for _c, _l, issues in ISSUE_GROUPS for issue in issues}

    def yes_no(flag: bool) -> str:
        return _("Yes") if flag else _("No")

    rows = {
        "what": [
            (_("What happened?"), values.get("description", "")),
            (_("Issues"), ", ".join(str(issue_labels[i]) for i in values.get("issues", []))),
        ],
        "where": [
            (_("Country"), country_name(values["country"]) if values.get("country") else ""),
            (_("Workplace"), str(facility.name) if facility else values.get("site_name", "")),
            (
                _("Street, area or town"),
                facility.address if facility else values.get("site_address", ""),
            ),
        ],
        "when": [
            (_("From"), values.get("occurred_from") or ""),
            (
                _("Until"),
                _("still going on") if values.get("ongoing") else values.get("occurred_to") or "",
            ),
        ],
        "affected": [
            (_("People affected"), values.get("affected_count") or ""),
            (
                _("Groups"),
                ", ".join(str(AffectedGroup(g).label) for g in values.get("affected_groups", [])),
            ),
        ],
        "reporter": [
            (
                _("Who you are"),
                ReporterType(values["reporter_type"]).label if values.get("reporter_type") else "",
            ),
            (_("For other people too"), yes_no(values.get("on_behalf_of_others", False))),
            (_("For whom"), values.get("represented_people", "")),
            (_("Organisation"), values.get("organisation", "")),
        ],
        "identity": [
            (_("Anonymous"), yes_no(values.get("anonymous", True))),
            (_("Your name"), values.get("reporter_name", "")),
            (_("Phone"), values.get("contact_phone", "")),
            (_("E-mail"), values.get("contact_email", "")),
            (_("Messaging app"), values.get("contact_other", "")),
            (
                _("The company may see your name"),
                yes_no(values.get("consent_identity_to_company", False)),
            ),
        ],
        "files": [
            (_("Files"), ", ".join(a.original_name for a in draft.attachments.all()) or _("none")),
        ],
    }
    return [
        {"step": step, "rows": [(label, value) for label, value in rows[step.slug] if value != ""]}
        for step in STEPS
        if step.slug in rows
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def report_done(request: HttpRequest) -> HttpResponse:
    """The receipt code, shown until the reporter says she has kept it; then never again."""
    draft = _draft(request)
    if draft is None or draft.complaint is None:
        return redirect("intake:start")
    if request.method == "POST" and request.POST.get("kept") == "yes":
        draft.delete()
        response = redirect("intake:follow-up")
        response.delete_cookie(COOKIE, samesite="Lax")
        messages.success(request, _("Your complaint is on its way. Open it here with your code."))
        return response
    code = receipts.derive(f"web:{request.COOKIES[COOKIE]}")
    error = request.method == "POST"
    return _no_store(
        render(
            request,
            "intake/done.html",
            {"complaint": draft.complaint, "receipt": receipts.display(code), "error": error},
            status=400 if error else 200,
        )
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=gettext_lazy("Your receipt code"),
        help_text=gettext_lazy("The 16 digits you received when you sent your complaint."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up_open(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        client = throttle.client_key(request)
        if not throttle.allow_receipt_try(client):
            status = 429
            form.add_error(None, _("Too many tries. Please wait 15 minutes and try again."))
        else:
            complaint = complaint_find(form.cleaned_data["receipt"])
            if complaint is None:
                throttle.record_receipt_failure(client)
                status = 400
                form.add_error(
                    "receipt", _("This code does not open a complaint. Check the digits.")
                )
            else:
                request.session.cycle_key()
                request.session[FOLLOW_UP_SESSION_KEY] = complaint.pk
                request.session.set_expiry(FOLLOW_UP_IDLE_SECONDS)
                return redirect("intake:follow-up-case")
    elif request.method == "POST":
        status = 400
    return _no_store(render(request, "intake/follow_up_open.html", {"form": form}, status=status))


def _followed(request: HttpRequest) -> Complaint | None:
    pk = request.session.get(FOLLOW_UP_SESSION_KEY)
    return Complaint.objects.filter(pk=pk).first() if pk else None


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        required=False,
    )
    meeting = forms.BooleanField(
        label=gettext_lazy("I would like a meeting with the company about my complaint"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        return data


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, I want to withdraw my complaint. This cannot be undone.")
    )
    reason = forms.CharField(
        label=gettext_lazy("Why? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up_case(request: HttpRequest) -> HttpResponse:
    complaint = _followed(request)
    if complaint is None:
        messages.info(request, _("Enter your receipt code to open your complaint."))
        return redirect("intake:follow-up")
    reply = ReplyForm()
    withdraw = WithdrawForm()
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "reply":
                reply = ReplyForm(request.POST)
                uploads = request.FILES.getlist("files")
                if reply.is_valid():
                    body = reply.cleaned_data["body"].strip()
                    wants_meeting = reply.cleaned_data["meeting"]
                    if not body and not uploads and not wants_meeting:
                        reply.add_error(
                            "body", _("Write a message, add a file, or ask for a meeting.")
                        )
                    else:
                        errors = _reply(complaint, body, wants_meeting, uploads)
                        if not errors:
                            messages.success(request, _("Sent. Thank you."))
                            return redirect("intake:follow-up-case")
            elif action == "withdraw":
                withdraw = WithdrawForm(request.POST)
                if withdraw.is_valid():
                    reporter_message(
                        complaint,
                        body=withdraw.cleaned_data["reason"],
                        kind=Message.Kind.WITHDRAWAL,
                    )
                    messages.success(request, _("Your complaint is withdrawn."))
                    return redirect("intake:follow-up-case")
        except ComplaintWithdrawn:
            errors = [_("This complaint was withdrawn; nothing more can be added.")]
        status = 400
    context = {
        "complaint": complaint,
        "progress": complaint_progress(complaint),
        "messages_list": complaint.messages.prefetch_related("attachments"),
        "files": complaint.attachments.filter(message__isnull=True),
        "reply": reply,
        "withdraw": withdraw,
        "errors": errors,
        "max_files": MAX_FILES,
    }
    request.session.set_expiry(FOLLOW_UP_IDLE_SECONDS)
    return _no_store(render(request, "intake/follow_up_case.html", context, status=status))


def _reply(complaint: Complaint, body: str, meeting: bool, uploads: list[Any]) -> list[str]:
    cleaned = []
    errors: list[str] = []
    try:
        check_batch([upload.size for upload in uploads])
    except UploadRejected as rejected:
        return [str(rejected)]
    for upload in uploads:
        try:
            cleaned.append(clean_upload(upload.name or "", upload.read()))
        except UploadRejected as rejected:
            errors.append(str(rejected))
    if errors:
        return errors
    kind = Message.Kind.MEETING_REQUEST if meeting else Message.Kind.MESSAGE
    reporter_message(complaint, body=body, kind=kind, files=cleaned)
    return []


@require_POST
def follow_up_close(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    messages.info(request, _("Your complaint is closed on this device. Keep your code safe."))
    return redirect("intake:follow-up")


@never_cache
def follow_up_file(request: HttpRequest, storage_name: str) -> HttpResponse:
    complaint = _followed(request)
    if complaint is None:
        raise Http404
    attachment = get_object_or_404(Attachment, complaint=complaint, storage_name=storage_name)
    return attachment_response(attachment)


def attachment_response(attachment: Attachment) -> HttpResponse:
    """A file as a download, never shown inline; the name is ours, not the uploader's."""
    try:
        content = attachment_read(attachment)
    except (OSError, ValidationError) as error:
        raise Http404 from error
    extension = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(
        attachment.content_type, "bin"
    )
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="remedyhub-{attachment.storage_name}.{extension}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response
