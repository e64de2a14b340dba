"""Writes of cases: opening a case and moving it through the workflow, one event at a time."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remedyhub.accounts.models import Affiliation
from remedyhub.accounts.selectors import is_secretariat
from remedyhub.cases import workflow
from remedyhub.cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseMessage,
    ConflictOfInterest,
    Decision,
    RemedyItem,
)
from remedyhub.cases.notifications import queue_step_notifications, send_soon
from remedyhub.common.audit import link_hash
from remedyhub.common.timeutils import add_months
from remedyhub.intake.models import Complaint
from remedyhub.routing.models import Mechanism
from remedyhub.routing.rules import Stage, parse_stages
from remedyhub.routing.selectors import rules_in_force

logger = logging.getLogger(__name__)

FEEDBACK_MONTHS = 3  # R5


class InvalidTransition(Exception):
    """The workflow does not allow this move from the case's current state."""


class ReasonRequired(Exception):
    """This move must say why."""


def may_handle(user: Any, mechanism: Mechanism) -> bool:
    """Staff, and the handlers of the case's mechanism, move cases."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff:
        return True
    return Affiliation.objects.filter(
        user=user, role=Affiliation.Role.HANDLER, mechanism=mechanism
    ).exists()


def _deadline(case: Case, state: str, start: dt.date) -> dt.date | None:
    if case.rules is None:
        return None
    stage = parse_stages(case.rules.stages).get(state)
    return stage.deadline(start) if stage else None


def _append(
    case: Case, *, kind: str, from_state: str, to_state: str, reason: str, actor: Any, at: Any
) -> CaseEvent:
    event = CaseEvent(
        case=case,
        sequence=case.event_count + 1,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        actor=actor if getattr(actor, "pk", None) else None,
        occurred_at=at,
        previous_hash=case.head_hash,
    )
    event.hash = link_hash(event.previous_hash, event.content())
    event.save()
    case.head_hash = event.hash
    case.event_count = event.sequence
    return event


def case_note(case: Case, *, kind: str, actor: Any = None, now: Any = None) -> CaseEvent:
    """An event that changes no state (for example the erasure of personal data)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        event = _append(
            case,
            kind=kind,
            from_state=case.state,
            to_state=case.state,
            reason="",
            actor=actor,
            at=now or timezone.now(),
        )
        case.save(update_fields=["head_hash", "event_count", "updated_at"])
    return event


def case_open(
    *,
    complaint: Complaint,
    mechanism: Mechanism,
    actor: Any,
    reason: str = "",
    referred_from: Case | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """A case for the complaint at the mechanism, under the rules in force when it was filed."""
    # The secretariat routes to any mechanism; a mechanism's handlers open cases at their own.
    if not (may_handle(actor, mechanism) or is_secretariat(actor) or referred_from is not None):
        raise PermissionDenied
    now = now or timezone.now()
    filed_on = timezone.localdate(complaint.created_at)
    with transaction.atomic():
        Complaint.objects.select_for_update().get(pk=complaint.pk)
        case = Case(
            complaint=complaint,
            mechanism=mechanism,
            rules=rules_in_force(mechanism, filed_on),
            state=Stage.RECEIVED,
            stage_started_at=now,
            referred_from=referred_from,
        )
        # Acknowledgement is due 7 days (or the rules' limit) after filing, not after routing.
        case.deadline = _deadline(case, Stage.RECEIVED, filed_on)
        case.save()
        _append(
            case,
            kind="opened",
            from_state="",
            to_state=Stage.RECEIVED,
            reason=reason,
            actor=actor,
            at=now,
        )
        case.save(update_fields=["head_hash", "event_count", "updated_at"])
    return case


def case_transition(
    case: Case,
    to_state: str,
    *,
    actor: Any,
    reason: str = "",
    now: dt.datetime | None = None,
    by_complainant: bool = False,
) -> CaseEvent:
    """Move a case to ``to_state``: locked, checked against the table, recorded as an event."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("rules").get(pk=case.pk)
        if not by_complainant and not may_handle(actor, case.mechanism):
            raise PermissionDenied
        if by_complainant and to_state not in {Stage.REFERRED, Stage.WITHDRAWN}:
            raise PermissionDenied
        if not workflow.is_allowed(case.state, to_state, held_from=case.held_from):
            raise InvalidTransition(
                _("A case that is “%(state)s” cannot move to “%(target)s”.")
                % {"state": Stage(case.state).label, "target": _label(to_state)}
            )
        if workflow.needs_reason(to_state) and not reason:
            raise ReasonRequired(_("Say why: this step needs a reason."))
        if (
            case.state == Stage.COMPANY_RESPONSE
            and to_state in {Stage.DIALOGUE, Stage.ADJUDICATION}
            and not _company_heard(case, now)
        ):
            # R9: the company answers first, or its time to answer has run out.
            raise InvalidTransition(
                _("The company has not responded yet and its time to respond runs until %(date)s.")
                % {"date": case.deadline}
            )
        from_state = case.state
        if to_state == Stage.ON_HOLD:
            case.held_from = from_state
        elif from_state == Stage.ON_HOLD:
            case.held_from = ""
        case.state = to_state
        case.stage_started_at = now
        case.deadline = _deadline(case, to_state, timezone.localdate(now))
        event = _append(
            case,
            kind="transition",
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            actor=actor,
            at=now,
        )
        case.save()
        reporter_update(case, to_state, reason)
        queue_step_notifications(case, _label(to_state))
        send_soon()
    logger.info(
        "case moved", extra={"case": case.pk, "from_state": from_state, "to_state": to_state}
    )
    return event


def _company_heard(case: Case, now: dt.datetime) -> bool:
    """The company has written in the case since it was asked, or its deadline has passed."""
    if case.deadline is not None and timezone.localdate(now) > case.deadline:
        return True
    return case.messages.filter(
        side=CaseMessage.Side.COMPANY, created_at__gte=case.stage_started_at
    ).exists()


def _label(state: str) -> str:
    return str(Stage(state).label) if state in Stage.values else state


# What the complainant reads on her follow-up page when her case moves (R15).
REPORTER_UPDATES: dict[str, Any] = {
    Stage.ACKNOWLEDGED: _("%(mechanism)s has confirmed that it received your complaint."),
    Stage.ADMISSIBILITY: _("%(mechanism)s is checking whether it can deal with your complaint."),
    Stage.ADMITTED: _("%(mechanism)s will deal with your complaint."),
    Stage.NOT_ADMISSIBLE: _("%(mechanism)s cannot deal with your complaint. The reason:"),
    Stage.COMPANY_RESPONSE: _("%(mechanism)s has asked the company to respond."),
    Stage.DIALOGUE: _("%(mechanism)s has started a dialogue between you and the company."),
    Stage.AGREEMENT: _("You and the company have reached an agreement."),
    Stage.ADJUDICATION: _("%(mechanism)s will now decide on your complaint."),
    Stage.DECIDED: _("%(mechanism)s has decided on your complaint. The decision:"),
    Stage.REMEDY_MONITORING: _("The remedy is being carried out; %(mechanism)s checks that it is."),
    Stage.CLOSED: _("Your case is closed."),
    Stage.REFERRED: _("%(mechanism)s has passed your complaint on to another organisation."),
    Stage.WITHDRAWN: _("Your complaint is withdrawn."),
    Stage.ON_HOLD: _("Your case is paused for now. The reason:"),
}
# Reasons the complainant reads with the update; other reasons stay with the mechanism.
REASON_SHOWN = frozenset({Stage.NOT_ADMISSIBLE, Stage.DECIDED, Stage.ON_HOLD, Stage.REFERRED})


def reporter_update(case: Case, state: str, reason: str = "") -> None:
    """Tell the complainant, in her language, what just happened to her case."""
    from django.utils.translation import override

    from remedyhub.intake.models import Message

    template = REPORTER_UPDATES.get(state)
    if template is None:
        return
    with override(case.complaint.language):
        body = str(template) % {"mechanism": case.mechanism.name}
        if reason and state in REASON_SHOWN:
            body = f"{body} {reason}"
    Message.objects.create(
        complaint=case.complaint,
        sender=Message.Sender.MECHANISM,
        kind=Message.Kind.UPDATE,
        body=body,
    )
    _feedback_given(case)


def _feedback_given(case: Case) -> None:
    """The complainant just heard from the mechanism: the next feedback is due in 3 months."""
    case.feedback_due_on = add_months(timezone.localdate(), FEEDBACK_MONTHS)
    Case.objects.filter(pk=case.pk).update(feedback_due_on=case.feedback_due_on)


def case_route(
    *,
    complaint: Complaint,
    mechanism: Mechanism,
    reason: str,
    actor: Any,
    company_ids: tuple[int, ...] = (),
) -> Case:
    """A handler confirms or chooses where the complaint goes; the reporter reads where and why."""
    from django.utils.translation import override

    from remedyhub.intake.models import Message

    with transaction.atomic():
        case = case_open(complaint=complaint, mechanism=mechanism, actor=actor, reason=reason)
        if company_ids:
            case.companies.set(company_ids)
        with override(complaint.language):
            body = str(_("Your complaint has gone to %(mechanism)s. Why: %(reason)s")) % {
                "mechanism": mechanism.name,
                "reason": reason,
            }
        Message.objects.create(
            complaint=complaint,
            sender=Message.Sender.MECHANISM,
            kind=Message.Kind.UPDATE,
            body=body,
        )
        _feedback_given(case)
        queue_step_notifications(case, _label(Stage.RECEIVED))
        send_soon()
    return case


def complaint_route_confirm(
    *, complaint: Complaint, mechanism: Mechanism, reason: str, actor: Any
) -> Case:
    """The page's and the API's routing step: the secretariat confirms or chooses a mechanism;
    the companies behind that option become the companies the case concerns."""
    from remedyhub.accounts.selectors import is_secretariat
    from remedyhub.routing.selectors import routing_options

    if not is_secretariat(actor):
        raise PermissionDenied
    if complaint.cases.exclude(state__in=sorted(workflow.TERMINAL)).exists():
        raise InvalidTransition(_("This complaint is already with a mechanism."))
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(_("Say why: the reporter reads it."))
    options = routing_options(
        country=complaint.country,
        facility=complaint.facility,
        harm_on=complaint.occurred_from or timezone.localdate(complaint.created_at),
        anonymous=complaint.anonymous,
    )
    companies = next(
        (option.company_ids for option in options if option.mechanism_id == mechanism.pk), ()
    )
    return case_route(
        complaint=complaint, mechanism=mechanism, reason=reason, actor=actor, company_ids=companies
    )


FOLLOW_UP_CHECK_MONTHS = 6  # R11: 6 to 12 months after the remedy plan


def admissibility_decide(
    case: Case, *, actor: Any, admissible: bool, criteria: dict[str, bool], reasons: str
) -> Decision:
    """Admitted or not, with the criteria checked and reasons; a refusal is sent to the
    complainant with its reasons (R8)."""
    from remedyhub.cases.outcomes import ADMISSIBILITY_CRITERIA

    reasons = (reasons or "").strip()
    if not reasons:
        raise ReasonRequired(_("A decision on admissibility needs its reasons."))
    unknown = set(criteria) - set(ADMISSIBILITY_CRITERIA)
    if unknown:
        raise ValueError(f"unknown criteria {sorted(unknown)}")
    with transaction.atomic():
        case_transition(
            case,
            Stage.ADMITTED if admissible else Stage.NOT_ADMISSIBLE,
            actor=actor,
            reason=reasons,
        )
        return Decision.objects.create(
            case=case,
            kind=Decision.Kind.ADMISSIBILITY,
            admissible=admissible,
            criteria=criteria,
            reasoning=reasons,
            decided_by=actor,
        )


def outcome_decide(
    case: Case, *, actor: Any, finding: str, reasoning: str, binding: bool
) -> Decision:
    """The committee's finding on the merits, reasoned, never waiving the courts (R10, R20)."""
    from remedyhub.cases.outcomes import validate_no_waiver

    reasoning = (reasoning or "").strip()
    if not reasoning:
        raise ReasonRequired(_("A decision needs its reasoning."))
    if finding not in Decision.Finding.values:
        raise ValueError(f"unknown finding {finding!r}")
    validate_no_waiver(reasoning)
    with transaction.atomic():
        case_transition(case, Stage.DECIDED, actor=actor, reason=reasoning)
        return Decision.objects.create(
            case=case,
            kind=Decision.Kind.OUTCOME,
            finding=finding,
            reasoning=reasoning,
            binding=binding and case.mechanism.binding_decisions,
            decided_by=actor,
        )


@dataclass(frozen=True)
class RemedyPlanItem:
    description: str
    owner: str
    due_on: dt.date


def remedy_plan_start(
    case: Case, *, actor: Any, items: list[RemedyPlanItem], now: dt.datetime | None = None
) -> list[RemedyItem]:
    """The remedy plan of an agreement or decision: its items, and the follow-up check."""
    from remedyhub.cases.outcomes import validate_no_waiver

    if not items:
        raise ReasonRequired(_("A remedy plan needs at least one item."))
    for item in items:
        validate_no_waiver(item.description)
    now = now or timezone.now()
    with transaction.atomic():
        case_transition(
            case,
            Stage.REMEDY_MONITORING,
            actor=actor,
            reason="; ".join(item.description for item in items),
            now=now,
        )
        created = [
            RemedyItem.objects.create(
                case=case, description=item.description, owner=item.owner, due_on=item.due_on
            )
            for item in items
        ]
        Case.objects.filter(pk=case.pk).update(
            follow_up_check_on=add_months(timezone.localdate(now), FOLLOW_UP_CHECK_MONTHS)
        )
    return created


def remedy_item_update(
    item: RemedyItem, *, actor: Any, status: str, evidence: str = ""
) -> RemedyItem:
    if not may_handle(actor, item.case.mechanism):
        raise PermissionDenied
    if status not in RemedyItem.Status.values:
        raise ValueError(f"unknown status {status!r}")
    if status == RemedyItem.Status.DONE and not (evidence or item.evidence).strip():
        raise ReasonRequired(_("Say what shows that it was done."))
    item.status = status
    if evidence:
        item.evidence = evidence
    item.completed_on = timezone.localdate() if status == RemedyItem.Status.DONE else None
    item.save(update_fields=["status", "evidence", "completed_on", "updated_at"])
    return item


class ConflictOfInterestError(Exception):
    """The person declared a tie to a company the case concerns and cannot be assigned."""


def conflicts_barring(user: Any, case: Case) -> Any:
    """The declarations that keep ``user`` out of ``case``: a tie to one of its companies, or to
    the case itself."""
    return ConflictOfInterest.objects.filter(
        Q(company__in=case.companies.all()) | Q(case=case), user=user
    ).select_related("company")


def case_assign(case: Case, *, user: Any, role: str, actor: Any) -> CaseAssignment:
    """Assign a handler, committee member or mediator; never one with a declared conflict."""
    if not may_handle(actor, case.mechanism):
        raise PermissionDenied
    if role not in CaseAssignment.Role.values:
        raise ValueError(f"unknown role {role!r}")
    conflicted = list(conflicts_barring(user, case)[:1])
    if conflicted:
        tie = conflicted[0].company.name if conflicted[0].company else str(_("this case"))
        raise ConflictOfInterestError(
            _("%(user)s declared a conflict of interest with %(company)s.")
            % {"user": user, "company": tie}
        )
    if (
        not user.is_staff
        and not Affiliation.objects.filter(
            user=user, mechanism=case.mechanism, role__in=Affiliation.MECHANISM_ROLES
        ).exists()
    ):
        raise PermissionDenied
    assignment, _created = CaseAssignment.objects.get_or_create(
        case=case, user=user, defaults={"role": role}
    )
    return assignment


def may_declare_conflict(user: Any) -> bool:
    """People on a mechanism's side declare their ties; company representatives do not judge."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        user.is_staff
        or Affiliation.objects.filter(user=user, role__in=Affiliation.MECHANISM_ROLES).exists()
    )


def conflict_cases_for(user: Any) -> Any:
    """Open cases on which ``user`` may declare a conflict: those of her mechanisms, or hers."""
    if user.is_staff:
        cases = Case.objects.all()
    else:
        cases = Case.objects.filter(
            Q(
                mechanism__affiliations__user=user,
                mechanism__affiliations__role__in=Affiliation.MECHANISM_ROLES,
            )
            | Q(assignments__user=user)
        ).distinct()
    return cases.exclude(state__in=sorted(workflow.TERMINAL)).select_related("complaint")


def conflict_declare(
    *, user: Any, description: str, company: Any = None, case: Case | None = None
) -> ConflictOfInterest:
    """A person declares a tie to a company or to one case (R14). She is taken off the open
    cases it concerns at once (recusal), and each of them records it in its history."""
    if not may_declare_conflict(user):
        raise PermissionDenied
    if (company is None) == (case is None):
        raise ValueError("name a company or a case")
    if case is not None and not conflict_cases_for(user).filter(pk=case.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            user=user,
            company=company,
            case=case,
            defaults={"description": (description or "").strip()},
        )
        concerned = (
            Case.objects.filter(pk=case.pk)
            if case is not None
            else Case.objects.filter(companies=company).exclude(state__in=sorted(workflow.TERMINAL))
        )
        for assignment in CaseAssignment.objects.filter(user=user, case__in=concerned):
            locked = Case.objects.select_for_update(of=("self",)).get(pk=assignment.case_id)
            _append(
                locked,
                kind="recusal",
                from_state=locked.state,
                to_state=locked.state,
                reason=str(_("%(user)s declared a conflict of interest and stepped down."))
                % {"user": user},
                actor=user,
                at=timezone.now(),
            )
            locked.save(update_fields=["head_hash", "event_count", "updated_at"])
            assignment.delete()
    return conflict


def remedy_item_add(case: Case, *, actor: Any, item: RemedyPlanItem) -> RemedyItem:
    """One more item in a remedy plan that is already being monitored."""
    from remedyhub.cases.outcomes import validate_no_waiver

    if not may_handle(actor, case.mechanism):
        raise PermissionDenied
    if case.state != Stage.REMEDY_MONITORING:
        raise InvalidTransition(_("Items are added once the remedy is being monitored."))
    validate_no_waiver(item.description)
    return RemedyItem.objects.create(
        case=case, description=item.description, owner=item.owner, due_on=item.due_on
    )


def follow_up_check_record(
    case: Case,
    *,
    actor: Any,
    findings: str,
    next_check_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> CaseEvent:
    """The follow-up check of a remedy plan (R11): what was found, in the history and for the
    complainant, and when the next check is due (none: no further check)."""
    from django.utils.translation import override

    from remedyhub.intake.models import Message

    if not may_handle(actor, case.mechanism):
        raise PermissionDenied
    findings = (findings or "").strip()
    if not findings:
        raise ReasonRequired(_("Say what the check found."))
    now = now or timezone.now()
    if next_check_on is not None and next_check_on <= timezone.localdate(now):
        raise ReasonRequired(_("The next check must be after today."))
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if case.state != Stage.REMEDY_MONITORING:
            raise InvalidTransition(_("Only a remedy that is being monitored is checked."))
        event = _append(
            case,
            kind="follow_up_check",
            from_state=case.state,
            to_state=case.state,
            reason=findings,
            actor=actor,
            at=now,
        )
        case.follow_up_check_on = next_check_on
        case.save(update_fields=["head_hash", "event_count", "follow_up_check_on", "updated_at"])
        with override(case.complaint.language):
            body = str(_("%(mechanism)s checked how the remedy is carried out: %(findings)s")) % {
                "mechanism": case.mechanism.name,
                "findings": findings,
            }
        Message.objects.create(
            complaint=case.complaint,
            sender=Message.Sender.MECHANISM,
            kind=Message.Kind.UPDATE,
            body=body,
        )
        _feedback_given(case)
    return event


def case_message_post(
    case: Case, *, actor: Any, body: str, visibility: str, confidential_reason: str = ""
) -> CaseMessage:
    """A message in the case from the mechanism or the company, for the readers it names."""
    from remedyhub.cases.access import COMPANY, MECHANISM, side_of

    side = side_of(actor, case)
    if side is None:
        raise PermissionDenied
    if side == COMPANY and visibility not in {
        CaseMessage.Visibility.ALL,
        CaseMessage.Visibility.COMPANY,
    }:
        raise PermissionDenied
    if (
        visibility not in {CaseMessage.Visibility.ALL, CaseMessage.Visibility.MECHANISM}
        and not (confidential_reason or "").strip()
        and side == MECHANISM
    ):
        # Equality of arms (R9): a document kept from one side needs a stated reason.
        raise ReasonRequired(_("Say why this is not shared with both sides."))
    message = CaseMessage.objects.create(
        case=case,
        side=side,
        author=actor,
        visibility=visibility,
        body=body,
        confidential_reason=confidential_reason.strip(),
    )
    if visibility in {CaseMessage.Visibility.ALL, CaseMessage.Visibility.COMPLAINANT}:
        from remedyhub.intake.models import Message

        Message.objects.create(
            complaint=case.complaint,
            sender=Message.Sender.MECHANISM,
            kind=Message.Kind.MESSAGE,
            body=body,
            author=actor if side == MECHANISM else None,
        )
    return message


def referral_propose(case: Case, *, to_mechanism: Mechanism, reason: str, actor: Any) -> Any:
    """Ask the complainant whether her complaint may go to another mechanism (item 7)."""
    from django.utils.translation import override

    from remedyhub.cases.models import ReferralProposal
    from remedyhub.intake.models import Message

    if not may_handle(actor, case.mechanism):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(_("Say why the complaint should go elsewhere."))
    if not workflow.is_allowed(case.state, Stage.REFERRED, held_from=case.held_from):
        raise InvalidTransition(_("This case can no longer be referred."))
    with transaction.atomic():
        proposal = ReferralProposal.objects.create(
            case=case, to_mechanism=to_mechanism, reason=reason, proposed_by=actor
        )
        with override(case.complaint.language):
            body = str(
                _(
                    "%(mechanism)s proposes to pass your complaint on to %(target)s. Why: "
                    "%(reason)s You decide: accept or decline on this page."
                )
            ) % {"mechanism": case.mechanism.name, "target": to_mechanism.name, "reason": reason}
        Message.objects.create(
            complaint=case.complaint,
            sender=Message.Sender.MECHANISM,
            kind=Message.Kind.UPDATE,
            body=body,
        )
    return proposal


def referral_answer(proposal: Any, *, accept: bool, now: dt.datetime | None = None) -> Case | None:
    """The complainant's answer. Accepting ends this case and opens one at the other mechanism,
    which keeps the history (``referred_from``) and the companies concerned."""
    from remedyhub.cases.models import ReferralProposal

    now = now or timezone.now()
    with transaction.atomic():
        proposal = ReferralProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ReferralProposal.Status.PROPOSED:
            return None
        proposal.status = (
            ReferralProposal.Status.ACCEPTED if accept else ReferralProposal.Status.DECLINED
        )
        proposal.answered_at = now
        proposal.save(update_fields=["status", "answered_at", "updated_at"])
        if not accept:
            return None
        old = proposal.case
        case_transition(
            old,
            Stage.REFERRED,
            actor=None,
            reason=str(_("Referred to %(target)s with the complainant's consent: %(reason)s"))
            % {"target": proposal.to_mechanism.name, "reason": proposal.reason},
            by_complainant=True,
            now=now,
        )
        new = case_open(
            complaint=old.complaint,
            mechanism=proposal.to_mechanism,
            actor=proposal.proposed_by,
            reason=proposal.reason,
            referred_from=old,
            now=now,
        )
        new.companies.set(old.companies.all())
    return new


def retaliation_report(complaint: Complaint, *, body: str, now: dt.datetime | None = None) -> Any:
    """The complainant reports threats or punishment for complaining (R3): the report joins
    her complaint, every open case becomes urgent and its handlers are told at once."""
    from remedyhub.cases.notifications import queue_urgent
    from remedyhub.intake.models import Message

    now = now or timezone.now()
    with transaction.atomic():
        message = Message.objects.create(
            complaint=complaint,
            sender=Message.Sender.REPORTER,
            kind=Message.Kind.RETALIATION,
            body=body,
        )
        for case in complaint.cases.exclude(state__in=sorted(workflow.TERMINAL)):
            Case.objects.filter(pk=case.pk, urgent_since__isnull=True).update(urgent_since=now)
            queue_urgent(
                case,
                subject=str(_("URGENT: retaliation reported in case %(reference)s"))
                % {"reference": complaint.reference},
                body=str(
                    _(
                        "The complainant in case %(reference)s reports threats or punishment "
                        "for complaining. Read the report on the case page and act today."
                    )
                )
                % {"reference": complaint.reference},
            )
        send_soon()
    return message


def complainant_withdraw(complaint: Complaint, *, reason: str) -> None:
    """The complainant withdraws: her complaint and every open case end, with her reason."""
    from remedyhub.intake.models import Message
    from remedyhub.intake.services import reporter_message

    with transaction.atomic():
        reporter_message(complaint, body=reason, kind=Message.Kind.WITHDRAWAL)
        for case in complaint.cases.exclude(state__in=sorted(workflow.TERMINAL)):
            case_transition(
                case,
                Stage.WITHDRAWN,
                actor=None,
                reason=reason or str(_("Withdrawn by the complainant.")),
                by_complainant=True,
            )
