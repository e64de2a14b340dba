"""Demo data of the knowledge base and helpdesk: the articles, two expert groups (SER, RVO)
with an expert, a question from the demo company, answered and published as FAQ."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from remedyhub.accounts.models import User
from remedyhub.knowledge.models import Article, ExpertGroup, FaqEntry, Question
from remedyhub.knowledge.selectors import company_of
from remedyhub.knowledge.services import (
    CONTENT_DIR,
    articles_load,
    faq_publish,
    question_answer,
    question_ask,
)

EXPERT_PASSWORD = "demo-expert-2026"  # noqa: S105 (DEMO ONLY, printed by demo_data)
DEMO_QUESTION = (
    "An audit at our supplier of knitwear in Gazipur found two workers aged 14. We buy about 30% "
    "of the factory's output. Should we stop ordering, and what do we owe the children?"
)


def knowledge_demo_load(*, totp_key: bytes) -> dict[str, int]:
    articles_load(folder=CONTENT_DIR)
    ser, _created = ExpertGroup.objects.update_or_create(
        slug="ser",
        defaults={
            "name": "SER helpdesk (sector agreements)",
            "description": "Secretariat of the Dutch agreements on responsible business conduct.",
            "sectors": ["garments_textile", "natural_stone", "food"],
            "response_days": 10,
        },
    )
    rvo, _created = ExpertGroup.objects.update_or_create(
        slug="rvo",
        defaults={
            "name": "RVO MVO Steunpunt",
            "description": "The government's help desk for responsible business conduct.",
            "is_default": True,
            "response_days": 10,
        },
    )
    expert, _created = User.objects.get_or_create(username="expert")
    expert.email = "expert@demo.invalid"
    expert.set_password(EXPERT_PASSWORD)
    expert.save()
    TOTPDevice.objects.update_or_create(
        user=expert, name="demo", defaults={"key": totp_key.hex(), "confirmed": True}
    )
    ser.members.add(expert)
    rvo.members.add(expert)

    asker = User.objects.filter(username="company").first()
    company = company_of(asker) if asker else None
    if company is not None and not Question.objects.filter(asker=asker).exists():
        question = question_ask(
            asker=asker,
            company=company,
            topic="child_labour",
            sector="garments_textile",
            country="BD",
            company_size="medium",
            text=DEMO_QUESTION,
            consent_to_publish=True,
            today=timezone.localdate() - dt.timedelta(days=3),
        )
        question_answer(
            question=question,
            expert=expert,
            text=(
                "Do not stop ordering at once: the children could end up in worse work. Agree a "
                "remediation plan with the factory: the children stop working, go to school, and "
                "their families receive the lost wages until they reach the legal age."
            ),
            articles=list(Article.objects.filter(slug__contains="child-labour")),
        )
        faq_publish(
            question=question,
            by=expert,
            texts={
                "en": (
                    "An audit found children working at our garment supplier. Should we stop "
                    "ordering?",
                    "Not at once: agree a remediation plan. The children stop working and go to "
                    "school, and their families are paid the lost wages until the children reach "
                    "the legal working age.",
                ),
                "nl": (
                    "Een audit vond kinderen aan het werk bij onze kledingleverancier. Moeten we "
                    "stoppen met bestellen?",
                    "Niet meteen: spreek een herstelplan af. De kinderen stoppen met werken en "
                    "gaan naar school, en hun gezinnen krijgen het gemiste loon tot de kinderen "
                    "de wettelijke leeftijd bereiken.",
                ),
            },
        )
        # A second question still waiting, so the expert's queue has work.
        question_ask(
            asker=asker,
            company=company,
            topic="wages",
            sector="garments_textile",
            country="PK",
            company_size="medium",
            text="How do we check whether our prices let a supplier in Lahore pay a living wage?",
            consent_to_publish=False,
        )
    return {
        "articles": Article.objects.count(),
        "expert groups": ExpertGroup.objects.count(),
        "helpdesk questions": Question.objects.count(),
        "FAQ entries": FaqEntry.objects.count(),
    }
