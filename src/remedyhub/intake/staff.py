"""The secretariat's side of intake: enter a phone call or letter, and the inbox of new complaints.

Until routing hands complaints to mechanisms, the platform's secretariat reads them: staff users
and case handlers. Company users never reach these pages (R3).
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from remedyhub.accounts.selectors import (
    handled_complaints_filter,
    is_handler,
    is_secretariat,
    may_read_complaint,
)
from remedyhub.intake import receipts
from remedyhub.intake.forms import (
    AffectedForm,
    IdentityForm,
    ReporterForm,
    WhenForm,
    WhereForm,
)
from remedyhub.intake.models import Attachment, Complaint, Message
from remedyhub.intake.services import complaint_submit
from remedyhub.intake.taxonomy import Issue
from remedyhub.intake.views import attachment_response
from remedyhub.registry.selectors import facility_resolve

OFFLINE_CHANNELS = [
    (Complaint.Channel.PHONE.value, Complaint.Channel.PHONE.label),
    (Complaint.Channel.LETTER.value, Complaint.Channel.LETTER.label),
    (Complaint.Channel.IN_PERSON.value, Complaint.Channel.IN_PERSON.label),
    (Complaint.Channel.EMAIL.value, Complaint.Channel.EMAIL.label),
]


def _require_secretariat(request: HttpRequest) -> None:
    if not is_secretariat(request.user):
        raise PermissionDenied


class StaffEntryForm(forms.Form):
    """Every answer of the reporting steps on one page, plus how the complaint arrived."""

    submission = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=gettext_lazy("How did the complaint arrive?"), choices=OFFLINE_CHANNELS
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language the reporter wants to be answered in"),
        choices=settings.LANGUAGES,
    )
    description = forms.CharField(
        label=gettext_lazy("What happened?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=10,
        max_length=20_000,
    )
    issues = forms.MultipleChoiceField(
        label=gettext_lazy("Issues"),
        choices=Issue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts: list[forms.Form] = []
        data = args[0] if args else kwargs.get("data")
        for part_class in (WhereForm, WhenForm, AffectedForm, ReporterForm):
            part = part_class(data, prefix=None)
            self.parts.append(part)
            self.fields.update(part.fields)
        identity = IdentityForm(data, country=(data or {}).get("country", ""))
        self.parts.append(identity)
        self.fields.update(identity.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for part in self.parts:
            if not part.is_valid():
                for field, errors in part.errors.items():
                    for error in errors:
                        if field == "__all__":
                            self.add_error(None, error)
                        elif field not in self.errors:
                            self.add_error(field, error)
            else:
                data.update(part.cleaned_data)
        return data


def _complaint_values(data: dict[str, Any]) -> dict[str, Any]:
    anonymous = data.get("anonymous") != "no"
    return {
        "description": data["description"],
        "issues": data.get("issues", []),
        "country": data["country"],
        "site_name": data.get("site_name", ""),
        "site_address": data.get("site_address", ""),
        "facility": facility_resolve(data["facility"]) if data.get("facility") else None,
        "occurred_from": data.get("occurred_from"),
        "occurred_to": data.get("occurred_to"),
        "ongoing": data.get("ongoing", False),
        "affected_count": data.get("affected_count"),
        "affected_groups": data.get("affected_groups", []),
        "reporter_type": data.get("reporter_type", ""),
        "on_behalf_of_others": data.get("on_behalf_of_others") == "yes",
        "represented_people": data.get("represented_people", ""),
        "organisation": data.get("organisation", ""),
        "anonymous": anonymous,
        "reporter_name": "" if anonymous else data.get("reporter_name", ""),
        "contact_phone": data.get("contact_phone", ""),
        "contact_email": data.get("contact_email", ""),
        "contact_other": data.get("contact_other", ""),
        "consent_identity_to_company": data.get("consent_identity_to_company", False),
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_entry(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request)
    if request.method == "POST":
        form = StaffEntryForm(request.POST)
        if form.is_valid():
            submission = complaint_submit(
                data=_complaint_values(form.cleaned_data),
                seed=f"staff:{request.user.pk}:{form.cleaned_data['submission']}",
                channel=form.cleaned_data["channel"],
                language=form.cleaned_data["language"],
                entered_by=request.user,
            )
            return render(
                request,
                "intake/staff_entered.html",
                {
                    "complaint": submission.complaint,
                    "receipt": receipts.display(submission.receipt),
                },
            )
        status = 400
    else:
        form = StaffEntryForm(initial={"submission": secrets.token_urlsafe(24), "anonymous": "yes"})
        status = 200
    return render(request, "intake/staff_entry.html", {"form": form}, status=status)


@login_required
@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    complaints = Complaint.objects.select_related("facility").order_by("-created_at")
    if not is_secretariat(request.user):
        # Handlers of other mechanisms see the complaints routed to theirs, nothing else.
        if not is_handler(request.user):
            raise PermissionDenied
        complaints = complaints.filter(**handled_complaints_filter(request.user)).distinct()
    channel = request.GET.get("channel", "")
    if channel in Complaint.Channel.values:
        complaints = complaints.filter(channel=channel)
    page = Paginator(complaints, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/inbox.html",
        {"page": page, "channels": Complaint.Channel.choices, "channel": channel},
    )


class MechanismMessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_detail(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = get_object_or_404(Complaint, reference=reference)
    if not may_read_complaint(request.user, complaint):
        raise PermissionDenied
    form = MechanismMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Message.objects.create(
            complaint=complaint,
            sender=Message.Sender.MECHANISM,
            body=form.cleaned_data["body"],
            author=request.user,  # type: ignore[misc]  # login_required
        )
        return redirect("intake:staff-complaint", reference=complaint.reference)
    issue_labels = dict(Issue.choices)
    return render(
        request,
        "intake/staff_complaint.html",
        {
            "complaint": complaint,
            "issues": [issue_labels.get(code, code) for code in complaint.issues],
            "attachments": complaint.attachments.all(),
            "messages_list": complaint.messages.select_related("author"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def staff_file(request: HttpRequest, storage_name: str) -> HttpResponse:
    attachment = get_object_or_404(Attachment, storage_name=storage_name, complaint__isnull=False)
    if not may_read_complaint(request.user, attachment.complaint):
        raise PermissionDenied
    return attachment_response(attachment)
