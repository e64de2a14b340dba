"""Pages of the mechanism's handlers: routing a complaint, and a case with its timeline."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from remedyhub.accounts.selectors import is_secretariat
from remedyhub.cases import workflow
from remedyhub.cases.models import Case
from remedyhub.cases.services import (
    InvalidTransition,
    ReasonRequired,
    case_route,
    case_transition,
    may_handle,
)
from remedyhub.intake.models import Complaint
from remedyhub.routing.models import Mechanism
from remedyhub.routing.rules import Stage
from remedyhub.routing.selectors import routing_options


def _harm_on(complaint: Complaint) -> Any:
    return complaint.occurred_from or timezone.localdate(complaint.created_at)


class RouteForm(forms.Form):
    mechanism = forms.ModelChoiceField(
        label=_("Send the complaint to"),
        queryset=Mechanism.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    reason = forms.CharField(
        label=_("Why (the reporter reads this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def complaint_route(request: HttpRequest, reference: str) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    complaint = get_object_or_404(Complaint, reference=reference)
    options = routing_options(
        country=complaint.country,
        facility=complaint.facility,
        harm_on=_harm_on(complaint),
        anonymous=complaint.anonymous,
    )
    suggested = options[0] if options else None
    form = RouteForm(
        request.POST or None,
        initial={
            "mechanism": suggested.mechanism_id if suggested else None,
            "reason": suggested.reason if suggested else "",
        },
    )
    open_case = complaint.cases.exclude(state__in=sorted(workflow.TERMINAL)).first()
    if request.method == "POST" and open_case is None and form.is_valid():
        case = case_route(
            complaint=complaint,
            mechanism=form.cleaned_data["mechanism"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/route.html",
        {"complaint": complaint, "options": options, "form": form, "open_case": open_case},
        status=400 if form.errors else 200,
    )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Next step"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("complaint", "mechanism", "rules"), pk=pk)
    if not may_handle(request.user, case.mechanism):
        raise PermissionDenied
    targets = sorted(workflow.allowed_targets(case.state, held_from=case.held_from))
    form = TransitionForm(request.POST or None)
    form.fields["to_state"].choices = [  # type: ignore[attr-defined]
        (state, Stage(state).label) for state in targets
    ]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case_transition(
                    case,
                    form.cleaned_data["to_state"],
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
                return redirect("cases:detail", pk=case.pk)
            except ReasonRequired as error:
                form.add_error("reason", str(error))
            except InvalidTransition as error:
                form.add_error("to_state", str(error))
        status = 400
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "events": case.events.select_related("actor"),
            "form": form,
            "needs_reason": [state for state in targets if workflow.needs_reason(state)],
            "overdue": case.deadline is not None and case.deadline < timezone.localdate(),
        },
        status=status,
    )


@login_required
@never_cache
def case_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    cases = Case.objects.select_related("complaint", "mechanism").order_by("deadline", "pk")
    if not user.is_staff:
        cases = cases.filter(
            mechanism__affiliations__user=user, mechanism__affiliations__role="handler"
        )
    state = request.GET.get("state", "")
    if state in Stage.values:
        cases = cases.filter(state=state)
    if request.GET.get("overdue"):
        cases = cases.filter(deadline__lt=timezone.localdate()).exclude(
            state__in=sorted(workflow.TERMINAL)
        )
    return render(
        request,
        "cases/list.html",
        {
            "cases": cases[:200],
            "states": Stage.choices,
            "state": state,
            "today": timezone.localdate(),
        },
    )
