"""Event hashes cover the digest of the reason instead of the reason, so that a reason can be
erased (retention, the complainant's request) while the chain stays verifiable.

Existing chains are checked under the old rule first: a chain that was tampered with stops the
migration rather than being re-hashed into looking intact. Then every hash is computed anew under
the new rule; this is the one time events are rewritten.
"""

import hashlib

from django.db import migrations, models

from remedyhub.common.audit import GENESIS, link_hash


def _content(event, reason):
    return {
        "case": event.case_id,
        "sequence": event.sequence,
        "kind": event.kind,
        "from": event.from_state,
        "to": event.to_state,
        "reason": reason,
        "actor": event.actor_id,
        "at": event.occurred_at.isoformat(),
    }


def rehash(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.order_by("pk").iterator():
        events = list(case.events.order_by("sequence"))
        previous = GENESIS
        for event in events:
            if link_hash(previous, _content(event, event.reason)) != event.hash:
                raise RuntimeError(
                    f"Case {case.pk}: event {event.sequence} does not match its hash; "
                    "run manage.py audit_verify and resolve it before migrating."
                )
            previous = event.hash
        if previous != case.head_hash:
            raise RuntimeError(f"Case {case.pk}: its newest events are missing.")
        previous = GENESIS
        for event in events:
            digest = hashlib.sha256(event.reason.encode()).hexdigest()
            event.previous_hash = previous
            event.hash = link_hash(previous, _content(event, digest))
            event.save(update_fields=["previous_hash", "hash"])
            previous = event.hash
        case.head_hash = previous
        case.save(update_fields=["head_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_conflict_on_a_case"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="erased_reason_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(rehash, migrations.RunPython.noop),
    ]
