"""The members-only network: rooms exist only for their members, the confidentiality rule is
on every page, documents are checked, stored encrypted and served only to members."""

import pytest
from django.urls import reverse

from remedyhub.accounts.models import User
from remedyhub.accounts.tests.helpers import verified_login
from remedyhub.community import files
from remedyhub.community.models import Room, RoomMembership, SharedDocument
from remedyhub.intake.files import MAX_FILE_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF Living wage roadmap"


@pytest.fixture
def room():
    return Room.objects.create(name="Living wage circle", slug="living-wage", rule="chatham_house")


@pytest.fixture
def member(client, room):
    user = User.objects.create_user("member", password="x" * 20)
    RoomMembership.objects.create(room=room, user=user, role="company")
    verified_login(client, user)
    return user


def upload(client, room, name, data, title="Roadmap"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("community:room", args=[room.slug]),
        {"action": "upload", "title": title, "file": SimpleUploadedFile(name, data)},
    )


def test_only_members_see_a_room_others_get_404(client, room):
    url = reverse("community:room", args=[room.slug])
    assert client.get(url).status_code == 302  # anonymous: to the log-in
    outsider = User.objects.create_user("outsider", password="x" * 20, is_staff=True)
    verified_login(client, outsider)
    assert client.get(url).status_code == 404
    assert "Living wage circle" not in client.get(reverse("community:rooms")).content.decode()


def test_a_member_posts_and_reads_the_rule_on_the_page(client, room, member):
    url = reverse("community:room", args=[room.slug])
    client.post(url, {"action": "post", "body": "Our first findings on wage gaps."})
    page = client.get(url).content.decode()
    assert "Our first findings on wage gaps." in page
    assert page.count("Chatham House Rule") >= 2  # at the top and at the bottom


def test_a_shared_document_is_encrypted_on_disk_and_served_only_to_members(
    client, room, member, settings
):
    response = upload(client, room, "roadmap.pdf", PDF)
    assert response.status_code == 302
    document = SharedDocument.objects.get()
    on_disk = (files.files_dir() / str(document.storage_name)).read_bytes()
    assert b"Living wage roadmap" not in on_disk
    page = client.get(reverse("community:room", args=[room.slug])).content.decode()
    assert "Roadmap" in page and page.count("Chatham House Rule") >= 3  # also by the document
    url = reverse("community:document", args=[room.slug, document.storage_name])
    download = client.get(url)
    assert download.content == PDF and download["Content-Disposition"].startswith("attachment")
    other = User.objects.create_user("other", password="x" * 20)
    verified_login(client, other)
    assert client.get(url).status_code == 404


def test_an_oversized_file_is_refused_and_the_title_is_kept(client, room, member):
    response = upload(client, room, "huge.pdf", PDF + b"0" * MAX_FILE_BYTES, title="Big report")
    page = response.content.decode()
    assert response.status_code == 400
    assert "“huge.pdf” is larger than 10 MB." in page
    assert 'value="Big report"' in page
    assert not SharedDocument.objects.exists()


def test_a_file_of_another_type_is_refused(client, room, member):
    page = upload(client, room, "macro.docm", b"PK\x03\x04 not allowed").content.decode()
    assert "is not a photo, PDF or sound recording" in page
    assert not SharedDocument.objects.exists()
