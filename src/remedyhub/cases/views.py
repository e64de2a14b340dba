"""Pages of the mechanism's handlers: routing a complaint, and a case with its timeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from remedyhub.accounts.selectors import is_secretariat
from remedyhub.cases import workflow
from remedyhub.cases.access import (
    COMPANY,
    MECHANISM,
    cases_visible_to,
    complainant_for,
    messages_for,
    side_of,
)
from remedyhub.cases.models import Case, CaseMessage, Decision, ReferralProposal
from remedyhub.cases.outcomes import ADMISSIBILITY_CRITERIA
from remedyhub.cases.services import (
    InvalidTransition,
    ReasonRequired,
    RemedyPlanItem,
    admissibility_decide,
    case_message_post,
    case_route,
    case_transition,
    complainant_withdraw,
    may_handle,
    outcome_decide,
    referral_answer,
    referral_propose,
    remedy_plan_start,
    retaliation_report,
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
        chosen = form.cleaned_data["mechanism"]
        companies = next(
            (option.company_ids for option in options if option.mechanism_id == chosen.pk), ()
        )
        case = case_route(
            complaint=complaint,
            mechanism=chosen,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            company_ids=companies,
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


# Steps recorded with their decision (criteria, finding, remedy items), not the plain form.
DECISION_STEPS = {Stage.ADMITTED, Stage.NOT_ADMISSIBLE, Stage.DECIDED, Stage.REMEDY_MONITORING}


class AdmissibilityForm(forms.Form):
    admissible = forms.TypedChoiceField(
        label=_("Can the mechanism deal with the complaint?"),
        choices=[("yes", _("Yes, admissible")), ("no", _("No, not admissible"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    criteria = forms.MultipleChoiceField(
        label=_("Criteria that are met"),
        choices=list(ADMISSIBILITY_CRITERIA.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons (the complainant reads them)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(forms.Form):
    finding = forms.ChoiceField(
        label=_("Finding"), choices=Decision.Finding.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 6}))
    binding = forms.BooleanField(label=_("The decision is binding"), required=False)


class RemedyPlanForm(forms.Form):
    items = forms.CharField(
        label=_("Remedy items, one per line: what | who | due date (YYYY-MM-DD)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_items(self) -> list[RemedyPlanItem]:
        items = []
        for number, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            try:
                what, who, due = parts
                items.append(RemedyPlanItem(what, who, dt.date.fromisoformat(due)))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)s should read: what | who | YYYY-MM-DD."),
                    params={"number": number},
                ) from None
        if not items:
            raise forms.ValidationError(_("A remedy plan needs at least one item."))
        return items


class CaseMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=CaseMessage.Visibility.choices
    )
    confidential_reason = forms.CharField(
        label=_("Why it is not shared with both sides"), required=False, max_length=300
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("complaint", "mechanism", "rules"), pk=pk)
    side = side_of(request.user, case)
    if side is None:
        raise PermissionDenied
    if side == COMPANY:
        return _company_view(request, case)
    targets = sorted(workflow.allowed_targets(case.state, held_from=case.held_from))
    action = request.POST.get("action", "")
    decision_forms = {
        "admissibility": AdmissibilityForm(request.POST if action == "admissibility" else None),
        "outcome": OutcomeForm(request.POST if action == "outcome" else None),
        "remedy": RemedyPlanForm(request.POST if action == "remedy" else None),
    }
    if request.method == "POST" and action in decision_forms:
        if not may_handle(request.user, case.mechanism):
            raise PermissionDenied
        done = _decide(request, case, action, decision_forms[action])
        if done:
            return redirect("cases:detail", pk=case.pk)
    plain_targets = [state for state in targets if state not in DECISION_STEPS]
    form = TransitionForm(
        request.POST if request.method == "POST" and action in {"", "step"} else None
    )
    form.fields["to_state"].choices = [  # type: ignore[attr-defined]
        (state, Stage(state).label) for state in plain_targets
    ]
    message_form = CaseMessageForm(request.POST if action == "message" else None)
    status = 200
    if request.method == "POST":
        if action in decision_forms:
            pass
        elif action == "message":
            if message_form.is_valid():
                try:
                    case_message_post(case, actor=request.user, **message_form.cleaned_data)
                    return redirect("cases:detail", pk=case.pk)
                except ReasonRequired as error:
                    message_form.add_error("confidential_reason", str(error))
        elif not may_handle(request.user, case.mechanism):
            raise PermissionDenied
        elif form.is_valid():
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
            "message_form": message_form,
            "case_messages": messages_for(case, MECHANISM),
            "referral_form": ReferralForm(),
            "referrals": case.referral_proposals.select_related("to_mechanism"),
            "complainant": complainant_for(case, MECHANISM),
            "needs_reason": [state for state in plain_targets if workflow.needs_reason(state)],
            "decision_forms": decision_forms,
            "can_decide_admissibility": Stage.ADMITTED in targets,
            "can_decide_outcome": Stage.DECIDED in targets,
            "can_plan_remedy": Stage.REMEDY_MONITORING in targets,
            "decisions": case.decisions.all(),
            "remedy_items": case.remedy_items.all(),
            "overdue": case.deadline is not None and case.deadline < timezone.localdate(),
        },
        status=status,
    )


def _decide(request: HttpRequest, case: Case, action: str, form: forms.Form) -> bool:
    """Record a decision form's step; False (with the errors on the form) if it cannot be."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if action == "admissibility":
            admissibility_decide(
                case,
                actor=request.user,
                admissible=data["admissible"],
                criteria={code: code in data["criteria"] for code in ADMISSIBILITY_CRITERIA},
                reasons=data["reasons"],
            )
        elif action == "outcome":
            outcome_decide(
                case,
                actor=request.user,
                finding=data["finding"],
                reasoning=data["reasoning"],
                binding=data["binding"],
            )
        else:
            remedy_plan_start(case, actor=request.user, items=data["items"])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    except (ReasonRequired, InvalidTransition) as error:
        form.add_error(None, str(error))
        return False
    return True


class CompanyMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your response or message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=[
            (CaseMessage.Visibility.ALL, CaseMessage.Visibility.ALL.label),
            (CaseMessage.Visibility.COMPANY, CaseMessage.Visibility.COMPANY.label),
        ],
    )


def _company_view(request: HttpRequest, case: Case) -> HttpResponse:
    """What a company representative sees: the case, not who complained (unless consented)."""
    form = CompanyMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case_message_post(case, actor=request.user, **form.cleaned_data)
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/company_detail.html",
        {
            "case": case,
            "complainant": complainant_for(case, COMPANY),
            "case_messages": messages_for(case, COMPANY),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
def case_list(request: HttpRequest) -> HttpResponse:
    cases = cases_visible_to(request.user).order_by(
        F("urgent_since").desc(nulls_last=True), "deadline", "pk"
    )
    mechanisms = Mechanism.objects.filter(pk__in=cases.order_by().values("mechanism")).order_by(
        "name"
    )
    mechanism = request.GET.get("mechanism", "")
    if mechanism.isdigit():
        cases = cases.filter(mechanism_id=int(mechanism))
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
            "mechanisms": mechanisms,
            "mechanism": mechanism,
            "today": timezone.localdate(),
        },
    )


class ReferralForm(forms.Form):
    to_mechanism = forms.ModelChoiceField(
        label=_("Pass the complaint on to"), queryset=Mechanism.objects.filter(is_active=True)
    )
    reason = forms.CharField(
        label=_("Why (the complainant reads this and decides)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


@login_required
@require_http_methods(["POST"])
def referral_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    if not may_handle(request.user, case.mechanism):
        raise PermissionDenied
    form = ReferralForm(request.POST)
    if form.is_valid() and form.cleaned_data["to_mechanism"] != case.mechanism:
        try:
            referral_propose(case, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The complainant has been asked for her consent."))
        except (InvalidTransition, ReasonRequired, IntegrityError) as error:
            messages.error(request, str(error) or _("A proposal is already waiting."))
    else:
        messages.error(request, _("Choose another mechanism and say why."))
    return redirect("cases:detail", pk=case.pk)


@never_cache
@require_http_methods(["POST"])
def referral_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The complainant, signed in with her receipt on the follow-up page, accepts or declines."""
    from remedyhub.intake.views import FOLLOW_UP_SESSION_KEY

    proposal = get_object_or_404(ReferralProposal.objects.select_related("case"), pk=pk)
    if request.session.get(FOLLOW_UP_SESSION_KEY) != proposal.case.complaint_id:
        raise Http404
    accept = request.POST.get("answer") == "accept"
    referral_answer(proposal, accept=accept)
    messages.success(
        request,
        _("Your complaint is passed on.") if accept else _("Your complaint stays where it is."),
    )
    return redirect("intake:follow-up-case")


class RetaliationForm(forms.Form):
    body = forms.CharField(
        label=_("What is happening to you, or to others, because of the complaint?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )


@never_cache
@require_http_methods(["POST"])
def retaliation_report_view(request: HttpRequest) -> HttpResponse:
    """From the follow-up page: the complainant reports threats or punishment (R3)."""
    from remedyhub.intake.models import Complaint
    from remedyhub.intake.views import FOLLOW_UP_SESSION_KEY

    followed = request.session.get(FOLLOW_UP_SESSION_KEY)
    complaint = Complaint.objects.filter(pk=followed).first() if followed else None
    if complaint is None:
        raise Http404
    form = RetaliationForm(request.POST)
    if form.is_valid():
        retaliation_report(complaint, body=form.cleaned_data["body"])
        messages.success(
            request,
            _(
                "Your report is sent as urgent. If you are in danger now, contact a union or "
                "organisation you trust."
            ),
        )
    else:
        messages.error(request, _("Please describe what is happening."))
    return redirect("intake:follow-up-case")


@never_cache
@require_http_methods(["POST"])
def withdraw_view(request: HttpRequest) -> HttpResponse:
    """From the follow-up page: the complainant withdraws her complaint and its open case."""
    from remedyhub.intake.models import Complaint
    from remedyhub.intake.services import ComplaintWithdrawn
    from remedyhub.intake.views import FOLLOW_UP_SESSION_KEY, WithdrawForm

    followed = request.session.get(FOLLOW_UP_SESSION_KEY)
    complaint = Complaint.objects.filter(pk=followed).first() if followed else None
    if complaint is None:
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm that you want to withdraw."))
        return redirect("intake:follow-up-case")
    try:
        complainant_withdraw(complaint, reason=form.cleaned_data["reason"])
    except ComplaintWithdrawn:
        messages.error(request, _("This complaint was withdrawn; nothing more can be added."))
    else:
        messages.success(request, _("Your complaint is withdrawn."))
    return redirect("intake:follow-up-case")
