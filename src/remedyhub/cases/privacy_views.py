"""The complainant's own data, from the follow-up page: a copy to download, or its erasure."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from remedyhub.cases.retention import complaint_erase, may_erase_now
from remedyhub.intake.models import Complaint


def _followed(request: HttpRequest) -> Complaint:
    from remedyhub.intake.views import FOLLOW_UP_SESSION_KEY

    followed = request.session.get(FOLLOW_UP_SESSION_KEY)
    complaint = Complaint.objects.filter(pk=followed).first() if followed else None
    if complaint is None:
        raise Http404
    return complaint


def complaint_data(complaint: Complaint) -> dict[str, Any]:
    """Everything kept about the complainant and what she sent, as she would read it."""
    return {
        "reference": complaint.reference,
        "filed_at": complaint.created_at.isoformat(),
        "channel": complaint.channel,
        "language": complaint.language,
        "status": complaint.status,
        "what_happened": complaint.description,
        "issues": complaint.issues,
        "country": complaint.country,
        "site_name": complaint.site_name,
        "site_address": complaint.site_address,
        "occurred_from": complaint.occurred_from and complaint.occurred_from.isoformat(),
        "occurred_to": complaint.occurred_to and complaint.occurred_to.isoformat(),
        "ongoing": complaint.ongoing,
        "people_affected": complaint.affected_count,
        "groups_affected": complaint.affected_groups,
        "reporter": complaint.reporter_type,
        "on_behalf_of_others": complaint.on_behalf_of_others,
        "people_represented": complaint.represented_people,
        "organisation": complaint.organisation,
        "anonymous": complaint.anonymous,
        "name": complaint.reporter_name,
        "phone": complaint.contact_phone,
        "email": complaint.contact_email,
        "messaging_app": complaint.contact_other,
        "company_may_see_identity": complaint.consent_identity_to_company,
        "messages": [
            {
                "at": message.created_at.isoformat(),
                "from": message.sender,
                "kind": message.kind,
                "text": message.body,
                "files": [attachment.original_name for attachment in message.attachments.all()],
            }
            for message in complaint.messages.prefetch_related("attachments").order_by("pk")
        ],
        "files": [
            {
                "name": attachment.original_name,
                "kind": attachment.kind,
                "bytes": attachment.size,
                "received_at": attachment.created_at.isoformat(),
            }
            for attachment in complaint.attachments.all()
        ],
        "handled_by": [
            {
                "mechanism": case.mechanism.name,
                "state": case.state,
                "since": case.stage_started_at.isoformat(),
                "personal_data_kept_days_after_the_end": case.mechanism.retention_days,
            }
            for case in complaint.cases.select_related("mechanism").order_by("pk")
        ],
    }


@never_cache
@require_http_methods(["GET"])
def my_data_view(request: HttpRequest) -> HttpResponse:
    """A copy of her data as a JSON file (GDPR article 15 and 20)."""
    complaint = _followed(request)
    body = json.dumps(complaint_data(complaint), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{complaint.reference}.json"'
    return response


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Yes, erase what I wrote, who I am and my files. This cannot be undone, and my code "
            "will no longer open the complaint."
        )
    )


@never_cache
@require_http_methods(["POST"])
def erase_view(request: HttpRequest) -> HttpResponse:
    """Erasure at her request (GDPR article 17), once no mechanism is handling the complaint."""
    complaint = _followed(request)
    form = EraseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you want your data erased."))
        return redirect("intake:follow-up-case")
    if not may_erase_now(complaint):
        messages.error(
            request,
            _(
                "Your complaint is still being handled, and it cannot be handled without what "
                "you told us. Withdraw it first if you want your data erased now; otherwise it "
                "is erased after the case ends, when the mechanism's retention period is over."
            ),
        )
        return redirect("intake:follow-up-case")
    complaint_erase(complaint)
    request.session.flush()
    messages.success(
        request,
        _("Your personal data is erased. Your code no longer opens the complaint."),
    )
    return redirect("intake:follow-up")
