"""The world of the permission matrix: two buyers, a committee with its people, and complaints
filed by a named worker, by a union for others, at another mechanism, and one not yet routed."""

import datetime as dt

from remedyhub.accounts.models import Affiliation, User
from remedyhub.cases.models import CaseMessage, ConflictOfInterest
from remedyhub.cases.services import case_assign, case_message_post, case_route
from remedyhub.intake.services import complaint_submit
from remedyhub.registry.tests.factories import CompanyFactory, FacilityFactory, SupplyLinkFactory
from remedyhub.routing.models import Mechanism, RulesOfProcedure
from remedyhub.routing.rules import DEFAULT_STAGES

NAME = "Rokeya Quillon"
EMAIL = "rokeya@example.org"
SECRET = "Only the mechanism reads this note."
FOR_COMPANY = "Between the mechanism and the company: the price list."
FOR_COMPLAINANT = "Between the mechanism and the complainant: her new address."


def build_world():
    """Two buyers, one linked to the site; a committee with its people; a named complaint
    routed to the committee, a complaint a union filed for others, one at another mechanism,
    and one not yet routed. Returns (case, users, extras)."""
    company_a = CompanyFactory(name="Buyer A", slug="buyer-a")
    company_b = CompanyFactory(name="Buyer B", slug="buyer-b")
    facility = FacilityFactory(country="BD")
    SupplyLinkFactory(company=company_a, facility=facility, first_seen=dt.date(2024, 1, 1))
    mechanism = Mechanism.objects.create(
        name="Committee", slug="committee", kind="company_channel", company=company_a
    )
    other = Mechanism.objects.create(name="Other", slug="other", kind="ncp")
    for each in (mechanism, other):
        RulesOfProcedure.objects.create(
            mechanism=each, version=1, in_force_from=dt.date(2020, 1, 1), stages=DEFAULT_STAGES
        )
    users = {}

    def user(name, **affiliation):
        users[name] = User.objects.create_user(name, password="x" * 20)
        if affiliation:
            Affiliation.objects.create(user=users[name], **affiliation)
        return users[name]

    user("handler", role="handler", mechanism=mechanism)
    user("other_handler", role="handler", mechanism=other)
    user("member", role="committee_member", mechanism=mechanism)
    user("conflicted", role="committee_member", mechanism=mechanism)
    user("mediator", role="committee_member", mechanism=mechanism)
    user("company_a", role="company", company=company_a)
    user("company_b", role="company", company=company_b)
    users["admin"] = User.objects.create_user("admin", password="x" * 20, is_staff=True)
    ConflictOfInterest.objects.create(user=users["conflicted"], company=company_a)

    def submit(seed, **data):
        return complaint_submit(
            data={"description": "Dismissed for joining the union.", "country": "BD", **data},
            seed=f"web:matrix-{seed}",
            channel="web",
            language="en",
        )

    def route(complaint, to=mechanism, companies=(company_a.pk,)):
        return case_route(
            complaint=complaint,
            mechanism=to,
            reason="Own channel of Buyer A.",
            actor=users["handler"] if to == mechanism else users["other_handler"],
            company_ids=companies,
        )

    named = submit(
        "named",
        facility=facility,
        anonymous=False,
        reporter_name=NAME,
        contact_email=EMAIL,
    )
    case = route(named.complaint)
    case_message_post(
        case, actor=users["handler"], body=SECRET, visibility=CaseMessage.Visibility.MECHANISM
    )
    case_message_post(
        case,
        actor=users["handler"],
        body=FOR_COMPANY,
        visibility=CaseMessage.Visibility.COMPANY,
        confidential_reason="Commercially sensitive.",
    )
    case_message_post(
        case,
        actor=users["handler"],
        body=FOR_COMPLAINANT,
        visibility=CaseMessage.Visibility.COMPLAINANT,
        confidential_reason="It would show where she lives.",
    )
    case_assign(case, user=users["mediator"], role="mediator", actor=users["handler"])
    union = submit(
        "union",
        facility=facility,
        reporter_type="union",
        on_behalf_of_others=True,
        represented_people="Twelve sewing operators of line 4",
    )
    rep_case = route(union.complaint)
    elsewhere = submit("elsewhere")
    route(elsewhere.complaint, to=other, companies=())
    unrouted = submit("unrouted", facility=facility)
    extras = {
        "receipts": {
            "complainant": named.receipt,
            "representative": union.receipt,
            "complainant_other": elsewhere.receipt,
        },
        "rep_case": rep_case,
        "unrouted": unrouted.complaint,
        "mechanism": mechanism,
        "company_b": company_b,
    }
    return case, users, extras
