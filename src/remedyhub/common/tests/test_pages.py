import pytest
from django.urls import reverse
from django.utils import translation

from remedyhub.accounts.tests.helpers import authenticator, current_code, verified_login

pytestmark = pytest.mark.django_db


def test_the_bare_root_redirects_to_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "fr-BE,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.parametrize(
    ("language", "heading", "how_link"),
    [
        ("en", "Were you or others harmed where goods are made?", "/en/how-it-works/"),
        ("nl", "Bent u of zijn anderen benadeeld", "/nl/zo-werkt-het/"),
        (
            "fr",
            "Vous ou d\u2019autres personnes avez-vous subi un préjudice",
            "/fr/comment-ca-marche/",
        ),
    ],
)
def test_the_home_page_speaks_the_language_of_its_url(client, language, heading, how_link):
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert f'href="{how_link}"' in html


def test_every_page_links_to_itself_in_the_other_languages(client):
    html = client.get("/nl/zo-werkt-het/").content.decode()
    assert 'href="/en/how-it-works/" hreflang="en"' in html
    assert 'href="/fr/comment-ca-marche/" hreflang="fr"' in html
    assert '<span aria-current="true">Nederlands</span>' in html


def test_the_home_page_explains_how_reporters_are_protected(client):
    html = client.get("/en/").content.decode()
    assert "You can report without giving your name." in html
    assert "We do not store your IP address" in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_the_pages_load_nothing_from_other_sites(client):
    for url in ["/en/", "/en/how-it-works/", "/en/account/login/", "/api/v1/docs/"]:
        html = client.get(url).content.decode()
        assert "http://" not in html and "https://" not in html, url


def test_staff_log_in_leads_to_their_work_page(client, django_user_model):
    user = django_user_model.objects.create_user(username="handler", password="a long passphrase 1")
    device = authenticator(user)
    with translation.override("en"):
        login_url = reverse("accounts:login")
    response = client.post(login_url, {"username": "handler", "password": "a long passphrase 1"})
    assert response["Location"] == "/en/account/login/code/"
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    assert "Welcome, handler" in client.get("/en/account/").content.decode()


def test_a_wrong_password_is_told_without_saying_which_part_was_wrong(client):
    response = client.post("/en/account/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 400
    assert "the user name, password or code is wrong" in response.content.decode()


def test_the_work_page_needs_a_log_in(client):
    response = client.get("/en/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_log_out_is_a_post_and_ends_the_session(client, django_user_model):
    user = django_user_model.objects.create_user(username="u", password="a long passphrase 1")
    verified_login(client, user)
    assert client.get("/en/account/logout/").status_code == 405
    client.post("/en/account/logout/")
    assert client.get("/en/account/").status_code == 302
