import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.intake.files import MAX_FILE_BYTES
from remedyhub.knowledge.models import FaqEntry, HelpdeskNotification, Question
from remedyhub.knowledge.selectors import knowledge_search
from remedyhub.knowledge.services import (
    faq_publish,
    helpdesk_check,
    helpdesk_mail_send,
    question_answer,
    question_ask,
    question_handover,
)

pytestmark = pytest.mark.django_db

FORM = {
    "topic": "child_labour",
    "sector": "garments_textile",
    "country": "BD",
    "company_size": "medium",
    "text": "Our supplier in Dhaka employs children of 13. What should Zwaluw Apparel do?",
    "consent_to_publish": "on",
    "action": "send",
}


def ask(world, **changes):
    values = {
        "asker": world["asker"],
        "company": world["company"],
        "topic": "child_labour",
        "sector": "garments_textile",
        "country": "BD",
        "company_size": "medium",
        "text": FORM["text"],
        "consent_to_publish": True,
        "today": dt.date(2026, 3, 2),
    }
    return question_ask(**{**values, **changes})


def test_a_question_goes_to_the_group_of_its_sector_with_a_deadline(
    helpdesk, django_capture_on_commit_callbacks
):
    # E-mails leave after the commit, as the callbacks run here.
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(helpdesk)
    assert question.group == helpdesk["ser"] and question.deadline == dt.date(2026, 3, 12)
    with django_capture_on_commit_callbacks(execute=True):
        other = ask(helpdesk, sector="food")
    assert other.group == helpdesk["rvo"] and other.deadline == dt.date(2026, 3, 7)
    assert [m.to for m in mail.outbox] == [["ser@example.org"], ["rvo@example.org"]]


def test_reminders_before_the_deadline_once_and_every_day_when_overdue(helpdesk):
    question = ask(helpdesk)
    helpdesk_mail_send()
    mail.outbox.clear()
    assert helpdesk_check(today=dt.date(2026, 3, 5)).reminders == 0
    assert helpdesk_check(today=dt.date(2026, 3, 10)).reminders == 1
    assert helpdesk_check(today=dt.date(2026, 3, 11)).reminders == 0  # once before
    report = helpdesk_check(today=dt.date(2026, 3, 13))
    assert report.overdue == [question] and report.reminders == 1
    assert helpdesk_check(today=dt.date(2026, 3, 13)).reminders == 0  # once a day
    assert helpdesk_check(today=dt.date(2026, 3, 14)).reminders == 1
    assert len(mail.outbox) == 3 and all(m.to == ["ser@example.org"] for m in mail.outbox)
    assert "overdue" in mail.outbox[-1].subject


def test_a_failing_mail_server_only_delays_the_email(
    helpdesk, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "remedyhub.knowledge.tests.test_helpdesk.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        question = ask(helpdesk)
    assert Question.objects.get() == question
    notification = HelpdeskNotification.objects.get()
    assert notification.status == "pending" and notification.attempts == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


def test_the_answer_reaches_the_asker_and_handover_moves_the_question(
    helpdesk, django_capture_on_commit_callbacks
):
    question = ask(helpdesk)
    question_handover(
        question=question, to_group=helpdesk["rvo"], by=helpdesk["ser_expert"], reason="Policy."
    )
    question.refresh_from_db()
    assert question.group == helpdesk["rvo"] and question.handovers.count() == 1
    with pytest.raises(ValidationError):
        question_handover(
            question=question, to_group=helpdesk["rvo"], by=helpdesk["rvo_expert"], reason="x"
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        question_answer(question=question, expert=helpdesk["rvo_expert"], text="Start remediation.")
    question.refresh_from_db()
    assert question.state == "answered"
    to_asker = [m for m in mail.outbox if m.to == ["asker@zwaluw.example"]]
    assert len(to_asker) == 1 and "answered" in to_asker[0].subject
    assert "Start remediation" not in to_asker[0].body  # the e-mail only says where to read
    with pytest.raises(ValidationError):
        question_answer(question=question, expert=helpdesk["rvo_expert"], text="Again.")


def test_faq_needs_consent_and_must_not_name_the_company(helpdesk, articles):
    refused = ask(helpdesk, consent_to_publish=False)
    question_answer(question=refused, expert=helpdesk["ser_expert"], text="A.")
    with pytest.raises(ValidationError, match="did not agree"):
        faq_publish(question=refused, by=helpdesk["ser_expert"], texts={"en": ("Q", "A")})
    question = ask(helpdesk)
    question_answer(question=question, expert=helpdesk["ser_expert"], text="Remediate.")
    with pytest.raises(ValidationError, match="names the company"):
        faq_publish(
            question=question,
            by=helpdesk["ser_expert"],
            texts={"en": ("What should zwaluw apparel bv do?", "Remediate.")},
        )
    entry = faq_publish(
        question=question,
        by=helpdesk["ser_expert"],
        texts={
            "en": (
                "A supplier employs children of 13: what do we do?",
                "Agree a remediation plan.",
            ),
            "nl": (
                "Een leverancier laat kinderen van 13 werken: wat doen we?",
                "Spreek een herstelplan af.",
            ),
        },
    )
    assert "Zwaluw" not in f"{entry.question_en} {entry.answer_en} {entry.question_nl}"
    assert f"faq:{entry.pk}" in [r.key for r in knowledge_search(q="supplier employs children")[:3]]
    dutch = knowledge_search(q="leverancier kinderen werken", language="nl")[:3]
    assert f"faq:{entry.pk}" in [r.key for r in dutch]


# Pages ----------------------------------------------------------------------------------------


def test_ask_page_shows_suggestions_without_javascript_and_keeps_the_text(
    client, helpdesk, articles
):
    verified_login(client, helpdesk["asker"])
    page = client.post(reverse("knowledge:ask"), {**FORM, "action": "suggest"})
    body = page.content.decode()
    assert page.status_code == 200 and "Remediating child labour" in body
    assert "employs children of 13" in body and Question.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "Write your question."),
        ({"country": "XX"}, "Choose a country from the list."),
        ({"sector": "spaceships"}, "Choose a sector from the list."),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, helpdesk, changes, message):
    verified_login(client, helpdesk["asker"])
    page = client.post(reverse("knowledge:ask"), {**FORM, **changes})
    body = page.content.decode()
    assert page.status_code == 400 and message in body
    assert Question.objects.count() == 0
    if "text" not in changes:
        assert "employs children of 13" in body
    assert 'value="medium" selected' in body


def test_an_oversized_attachment_is_refused_and_the_rest_is_kept(client, helpdesk):
    verified_login(client, helpdesk["asker"])
    big = SimpleUploadedFile("report.pdf", b"%PDF-1.4 " + b"0" * MAX_FILE_BYTES)
    page = client.post(reverse("knowledge:ask"), {**FORM, "attachment": big})
    body = page.content.decode()
    assert page.status_code == 400 and "larger than 10 MB" in body
    assert "employs children of 13" in body and "choose it again" in body


def test_the_whole_helpdesk_round_through_the_pages(client, helpdesk, articles):
    verified_login(client, helpdesk["asker"])
    pdf = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    response = client.post(reverse("knowledge:ask"), {**FORM, "attachment": pdf})
    question = Question.objects.get()
    assert response.status_code == 302 and question.attachment_name
    assert client.get(reverse("knowledge:question-file", args=[question.pk])).status_code == 200
    assert client.get(reverse("knowledge:queue")).status_code == 403

    expert = client.__class__()
    verified_login(expert, helpdesk["ser_expert"])
    queue = expert.get(reverse("knowledge:queue")).content.decode()
    assert f"Q{question.pk}" in queue
    response = expert.post(
        reverse("knowledge:question", args=[question.pk]), {"action": "answer", "text": ""}
    )
    assert response.status_code == 400 and "Write the answer." in response.content.decode()
    expert.post(
        reverse("knowledge:question", args=[question.pk]),
        {"action": "answer", "text": "Agree a remediation plan with the supplier."},
    )
    response = expert.post(
        reverse("knowledge:question", args=[question.pk]),
        {
            "action": "publish",
            "question_en": "What does Zwaluw Apparel BV do?",
            "answer_en": "Plan.",
        },
    )
    assert response.status_code == 400 and "names the company" in response.content.decode()
    expert.post(
        reverse("knowledge:question", args=[question.pk]),
        {
            "action": "publish",
            "question_en": "A supplier employs children: what now?",
            "answer_en": "Agree a remediation plan with the supplier.",
            "question_nl": "Een leverancier laat kinderen werken: wat nu?",
            "answer_nl": "Spreek een herstelplan af met de leverancier.",
        },
    )
    assert FaqEntry.objects.count() == 1

    mine = client.get(reverse("knowledge:question", args=[question.pk])).content.decode()
    assert "Agree a remediation plan" in mine and 'name="action"' not in mine
    public = client.__class__()
    found = public.get(reverse("knowledge:list"), {"q": "supplier employs children"})
    assert "what now?" in found.content.decode()
    with __import__("django.utils.translation", fromlist=["override"]).override("nl"):
        url = reverse("knowledge:list")
    found = public.get(url, {"q": "leverancier kinderen"}).content.decode()
    assert "wat nu?" in found and "Zwaluw" not in found


def test_others_cannot_read_a_question(client, helpdesk):
    question = ask(helpdesk)
    rvo = client.__class__()
    verified_login(rvo, helpdesk["rvo_expert"])
    assert rvo.get(reverse("knowledge:question", args=[question.pk])).status_code == 403
    assert client.get(reverse("knowledge:question", args=[question.pk])).status_code == 302


def test_the_attachment_is_sealed_and_key_rotation_reaches_it(helpdesk):
    from remedyhub.common import crypto
    from remedyhub.common.rotation import FILE_STORES
    from remedyhub.intake.files import clean_upload
    from remedyhub.knowledge.services import question_file, question_file_reencrypt, question_files

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    question = ask(helpdesk, attachment=clean_upload("evidence.pdf", pdf))
    question.refresh_from_db()
    assert pdf not in bytes(question.attachment_data)
    assert [(str(question.pk), crypto.keyring().active_id)] == list(question_files())
    question_file_reencrypt(str(question.pk))
    question.refresh_from_db()
    assert question_file(question) == pdf
    assert "helpdesk attachments" in [store.name for store in FILE_STORES]


def test_script_in_a_question_or_faq_comes_back_escaped(client, helpdesk):
    question = ask(helpdesk, text="<script>alert('q')</script> help")
    question_answer(question=question, expert=helpdesk["ser_expert"], text="<b>no</b>")
    faq_publish(
        question=question,
        by=helpdesk["ser_expert"],
        texts={"en": ("<script>alert('f')</script>?", "<img src=x onerror=alert(1)> ok")},
    )
    verified_login(client, helpdesk["ser_expert"])
    page = client.get(reverse("knowledge:question", args=[question.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<b>no</b>" not in page
    faq = client.get(reverse("knowledge:faq")).content.decode()
    assert "<script>alert" not in faq and "<img" not in faq
