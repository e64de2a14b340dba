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

from remedyhub.accounts.models import Affiliation, User
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
from remedyhub.cases.models import (
    Case,
    CaseAssignment,
    CaseMessage,
    ConflictOfInterest,
    Decision,
    ReferralProposal,
    RemedyItem,
)
from remedyhub.cases.outcomes import ADMISSIBILITY_CRITERIA
from remedyhub.cases.services import (
    ConflictOfInterestError,
    InvalidTransition,
    ReasonRequired,
    RemedyPlanItem,
    admissibility_decide,
    case_assign,
    case_message_post,
    case_transition,
    complainant_withdraw,
    complaint_route_confirm,
    conflict_cases_for,
    conflict_declare,
    follow_up_check_record,
    may_declare_conflict,
    may_handle,
    outcome_decide,
    referral_answer,
    referral_propose,
    remedy_item_add,
    remedy_item_update,
    remedy_plan_start,
    retaliation_report,
)
from remedyhub.intake.models import Complaint
from remedyhub.registry.models import Company
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
        case = complaint_route_confirm(
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


class AssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role in the case"), choices=CaseAssignment.Role.choices)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                is_active=True,
                affiliations__mechanism=case.mechanism,
                affiliations__role__in=Affiliation.MECHANISM_ROLES,
            )
            .exclude(case_assignments__case=case)
            .distinct()
            .order_by("username")
        )


class RemedyItemForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=RemedyItem.Status.choices)
    evidence = forms.CharField(
        label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FollowUpCheckForm(forms.Form):
    findings = forms.CharField(
        label=_("What the check found (the complainant reads this)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    next_check_on = forms.DateField(
        label=_("Next check on (YYYY-MM-DD; leave empty if none is needed)"), required=False
    )


# Actions of the case page that only the mechanism's handlers (and staff) may take.
HANDLER_ACTIONS = {"step", "admissibility", "outcome", "remedy", "assign", "item", "check"}
EVENT_LABELS = {
    "recusal": _("Recusal"),
    "follow_up_check": _("Follow-up check"),
}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("complaint", "mechanism", "rules"), pk=pk)
    side = side_of(request.user, case)
    if side is None:
        raise PermissionDenied
    if side == COMPANY:
        if request.POST.get("action", "message") != "message":
            raise PermissionDenied  # a company writes in the case; it does not move it
        return _company_view(request, case)
    targets = sorted(workflow.allowed_targets(case.state, held_from=case.held_from))
    action = request.POST.get("action", "") or "step"
    handles = may_handle(request.user, case.mechanism)
    if request.method == "POST" and action in HANDLER_ACTIONS and not handles:
        raise PermissionDenied

    def bound(name: str) -> Any:
        return request.POST if request.method == "POST" and action == name else None

    decision_forms = {
        "admissibility": AdmissibilityForm(bound("admissibility")),
        "outcome": OutcomeForm(bound("outcome")),
        "remedy": RemedyPlanForm(bound("remedy")),
    }
    plain_targets = [state for state in targets if state not in DECISION_STEPS]
    form = TransitionForm(bound("step"))
    form.fields["to_state"].choices = [  # type: ignore[attr-defined]
        (state, Stage(state).label) for state in plain_targets
    ]
    message_form = CaseMessageForm(bound("message"))
    assign_form = AssignForm(bound("assign"), case=case)
    check_form = FollowUpCheckForm(bound("check"))
    item_form = RemedyItemForm(bound("item"), auto_id=f"id_item{request.POST.get('item', '')}_%s")
    if request.method == "POST":
        done = False
        if action in decision_forms:
            done = _decide(request, case, action, decision_forms[action])
        elif action == "message":
            done = _post_message(request, case, message_form)
        elif action == "assign":
            done = _assign(request, case, assign_form)
        elif action == "item":
            done = _update_item(request, case, item_form)
        elif action == "check":
            done = _check(request, case, check_form)
        elif action == "step":
            done = _step(request, case, form)
        if done:
            return redirect("cases:detail", pk=case.pk)
    remedy_items = list(case.remedy_items.all())
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "events": case.events.select_related("actor"),
            "event_labels": EVENT_LABELS,
            "handles": handles,
            "form": form,
            "message_form": message_form,
            "case_messages": messages_for(case, MECHANISM),
            "referral_form": ReferralForm(auto_id="id_referral_%s"),  # unique ids beside the step
            "referrals": case.referral_proposals.select_related("to_mechanism"),
            "complainant": complainant_for(case, MECHANISM),
            "needs_reason": [state for state in plain_targets if workflow.needs_reason(state)],
            "decision_forms": decision_forms,
            "can_decide_admissibility": Stage.ADMITTED in targets,
            "can_decide_outcome": Stage.DECIDED in targets,
            "can_plan_remedy": Stage.REMEDY_MONITORING in targets
            or case.state == Stage.REMEDY_MONITORING,
            "monitoring": case.state == Stage.REMEDY_MONITORING,
            "decisions": case.decisions.all(),
            "remedy_items": [
                (
                    item,
                    item_form
                    if item_form.is_bound and item_form.data.get("item") == str(item.pk)
                    else RemedyItemForm(
                        initial={"item": item.pk, "status": item.status},
                        auto_id=f"id_item{item.pk}_%s",
                    ),
                )
                for item in remedy_items
            ],
            "today": timezone.localdate(),
            "assignments": case.assignments.select_related("user"),
            "assign_form": assign_form,
            "check_form": check_form,
            "overdue": case.deadline is not None and case.deadline < timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _post_message(request: HttpRequest, case: Case, form: forms.Form) -> bool:
    if not form.is_valid():
        return False
    try:
        case_message_post(case, actor=request.user, **form.cleaned_data)
    except ReasonRequired as error:
        form.add_error("confidential_reason", str(error))
        return False
    return True


def _step(request: HttpRequest, case: Case, form: forms.Form) -> bool:
    if not form.is_valid():
        return False
    try:
        case_transition(
            case,
            form.cleaned_data["to_state"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ReasonRequired as error:
        form.add_error("reason", str(error))
        return False
    except InvalidTransition as error:
        form.add_error("to_state", str(error))
        return False
    return True


def _assign(request: HttpRequest, case: Case, form: forms.Form) -> bool:
    if not form.is_valid():
        return False
    try:
        case_assign(
            case, user=form.cleaned_data["user"], role=form.cleaned_data["role"], actor=request.user
        )
    except ConflictOfInterestError as error:
        form.add_error("user", str(error))
        return False
    messages.success(request, _("The person is assigned to the case."))
    return True


def _update_item(request: HttpRequest, case: Case, form: forms.Form) -> bool:
    if not form.is_valid():
        return False
    item = get_object_or_404(RemedyItem, pk=form.cleaned_data["item"], case=case)
    try:
        remedy_item_update(
            item,
            actor=request.user,
            status=form.cleaned_data["status"],
            evidence=form.cleaned_data["evidence"],
        )
    except ReasonRequired as error:
        form.add_error("evidence", str(error))
        return False
    return True


def _check(request: HttpRequest, case: Case, form: forms.Form) -> bool:
    if not form.is_valid():
        return False
    try:
        follow_up_check_record(
            case,
            actor=request.user,
            findings=form.cleaned_data["findings"],
            next_check_on=form.cleaned_data["next_check_on"],
        )
    except ReasonRequired as error:
        form.add_error(None, str(error))
        return False
    except InvalidTransition as error:
        form.add_error(None, str(error))
        return False
    return True


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
        elif case.state == Stage.REMEDY_MONITORING:
            for item in data["items"]:
                remedy_item_add(case, actor=request.user, item=item)
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


def _awaits_response(case: Case) -> bool:
    """The mechanism has asked the company to respond and it has not written since."""
    return (
        case.state == Stage.COMPANY_RESPONSE
        and not case.messages.filter(
            side=CaseMessage.Side.COMPANY, created_at__gte=case.stage_started_at
        ).exists()
    )


def _company_view(request: HttpRequest, case: Case) -> HttpResponse:
    """What a company representative sees: the case, not who complained (unless consented)."""
    form = CompanyMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case_message_post(case, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your message is in the case."))
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/company_detail.html",
        {
            "case": case,
            "complainant": complainant_for(case, COMPANY),
            "case_messages": messages_for(case, COMPANY),
            "decisions": case.decisions.all(),
            "remedy_items": case.remedy_items.all(),
            "awaits_response": _awaits_response(case),
            "today": timezone.localdate(),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _company_cases(user: Any) -> Any:
    return (
        Case.objects.filter(
            companies__affiliations__user=user,
            companies__affiliations__role=Affiliation.Role.COMPANY,
        )
        .select_related("complaint", "mechanism")
        .distinct()
    )


@login_required
@never_cache
def company_portal(request: HttpRequest) -> HttpResponse:
    """The company portal: the cases that concern the representative's company, and only those,
    with what the company is asked to do. The complainant appears as a pseudonym unless she
    consented to be named to the company (R3)."""
    user: Any = request.user
    companies = Company.objects.filter(
        affiliations__user=user, affiliations__role=Affiliation.Role.COMPANY
    ).order_by("name")
    if not user.is_active or not companies.exists():
        raise PermissionDenied
    rows = [
        {
            "case": case,
            "complainant": complainant_for(case, COMPANY),
            "awaits_response": _awaits_response(case),
        }
        for case in _company_cases(user).order_by(
            F("urgent_since").desc(nulls_last=True), "deadline", "pk"
        )[:200]
    ]
    return render(
        request,
        "cases/company_portal.html",
        {"companies": companies, "rows": rows, "today": timezone.localdate()},
    )


class ConflictCaseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.complaint.reference} · {obj.mechanism.name}"


class ConflictForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("A company"),
        queryset=Company.objects.order_by("name"),
        required=False,
        help_text=_("You will not be assigned to any case that concerns it."),
    )
    case = ConflictCaseChoice(label=_("Or one case"), queryset=Case.objects.none(), required=False)
    description = forms.CharField(
        label=_("What ties you to it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = conflict_cases_for(user).select_related(  # type: ignore[attr-defined]
            "mechanism"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("company")) == bool(data.get("case")):
            raise forms.ValidationError(_("Choose either a company or a case."))
        return data


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conflicts_view(request: HttpRequest) -> HttpResponse:
    """A handler or committee member declares her own ties (R14): she is then never assigned
    to the cases they concern, and steps down from those she is on."""
    user: Any = request.user
    if not may_declare_conflict(user):
        raise PermissionDenied
    initial = {}
    wanted = request.GET.get("case", "")
    if wanted.isdigit():
        initial["case"] = int(wanted)
    form = ConflictForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        conflict_declare(
            user=request.user,
            company=form.cleaned_data["company"],
            case=form.cleaned_data["case"],
            description=form.cleaned_data["description"],
        )
        messages.success(
            request, _("Your declaration is recorded. You will not be assigned where it applies.")
        )
        return redirect("cases:conflicts")
    return render(
        request,
        "cases/conflicts.html",
        {
            "form": form,
            "declared": ConflictOfInterest.objects.filter(user=user).select_related(
                "company", "case__complaint"
            ),
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
def case_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if (
        not user.is_staff
        and Affiliation.objects.filter(user=user, role=Affiliation.Role.COMPANY).exists()
    ):
        return redirect("cases:company")
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
