"""Slowing down people who guess receipt codes or flood the site with anonymous complaints.

Limits hold per client (a keyed hash of its address, see ``remedyhub.common.throttle``) and,
against guessing or flooding from many addresses, for the whole site. Answers are generic:
"too many tries, wait", whichever limit was reached.
"""

from __future__ import annotations

from django.http import HttpRequest

from remedyhub.common.throttle import SITE, Limit, client_key

__all__ = [
    "CLIENT_FAILURES",
    "CLIENT_SUBMISSIONS",
    "SITE_FAILURES",
    "SITE_SUBMISSIONS",
    "allow_receipt_try",
    "allow_submission",
    "client_key",
    "record_receipt_failure",
    "record_submission",
]

WINDOW_SECONDS = 15 * 60
CLIENT_FAILURES = 5
SITE_FAILURES = 500
RECEIPT_BY_CLIENT = Limit("receipt-fail", CLIENT_FAILURES, WINDOW_SECONDS)
RECEIPT_BY_SITE = Limit("receipt-fail", SITE_FAILURES, WINDOW_SECONDS)

# Anonymous complaints (the web form and the API without a partner token). A workers' meeting
# behind one address may file several; a flood from one address or from many is stopped.
SUBMISSION_WINDOW_SECONDS = 60 * 60
CLIENT_SUBMISSIONS = 20
SITE_SUBMISSIONS = 1000
SUBMISSIONS_BY_CLIENT = Limit("submission", CLIENT_SUBMISSIONS, SUBMISSION_WINDOW_SECONDS)
SUBMISSIONS_BY_SITE = Limit("submission", SITE_SUBMISSIONS, SUBMISSION_WINDOW_SECONDS)


def allow_receipt_try(client: str) -> bool:
    return RECEIPT_BY_CLIENT.allows(client) and RECEIPT_BY_SITE.allows(SITE)


def record_receipt_failure(client: str) -> None:
    RECEIPT_BY_CLIENT.hit(client)
    RECEIPT_BY_SITE.hit(SITE)


def allow_submission(request: HttpRequest) -> bool:
    return SUBMISSIONS_BY_CLIENT.allows(client_key(request)) and SUBMISSIONS_BY_SITE.allows(SITE)


def record_submission(request: HttpRequest) -> None:
    SUBMISSIONS_BY_CLIENT.hit(client_key(request))
    SUBMISSIONS_BY_SITE.hit(SITE)
