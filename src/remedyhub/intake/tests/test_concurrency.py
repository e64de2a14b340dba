"""Two submissions of the same complaint at the same moment still store exactly one."""

import threading

import pytest
from django.db import connection

from remedyhub.intake.models import Complaint
from remedyhub.intake.services import complaint_submit

VALUES = {"description": "Overtime is forced every Sunday in the cutting room.", "country": "VN"}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_double_submissions_store_one_complaint():
    results = []
    errors = []
    barrier = threading.Barrier(4)

    def submit():
        try:
            barrier.wait()
            results.append(
                complaint_submit(data=VALUES, seed="web:race", channel="web", language="en")
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 4
    assert Complaint.objects.count() == 1
    assert sum(result.created for result in results) == 1
    assert {result.complaint.pk for result in results} == {Complaint.objects.get().pk}
    assert len({result.receipt for result in results}) == 1
