"""Every shipped language: found on the language page, picked from the browser, kept on
the device and the account, written the right way round, with its own dates and
plurals, and on every page (each response gets the usual HTML checks)."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale, format_date

from app.accessibility.languages import LANGUAGES, from_browser
from app.demo.people import load_demo
from tests.support.helpers import make_person, page_text, post_form, sign_in

TRANSLATED = [code for code in LANGUAGES if code != "en"]
RIGHT_TO_LEFT = {"ur", "ar"}

SIGNED_OUT = ["/", "/help", "/language", "/auth/sign-in", "/auth/sign-up", "/display"]
SIGNED_IN = [
    "/",
    "/help",
    "/plan",
    "/plan/crisis-plan",
    "/plan/crisis-plan/supporters/add",
    "/plan/crisis-plan/history",
    "/plan/print?part=crisis-plan&size=large",
    "/progress",
    "/groups",
    "/groups?q=walking",
    "/circle",
    "/account",
    "/reminders",
]


def html_of(response) -> str:
    assert response.status_code == 200, response.request.path
    return response.get_data(as_text=True)


def test_the_language_page_names_each_language_in_itself(client):
    html = html_of(client.get("/language"))
    for language in LANGUAGES.values():
        button = (
            f'name="language" value="{language.code}" lang="{language.tag}" '
            f'dir="{language.direction}"'
        )
        assert button in html
        assert f">{language.name}</button>" in html
    # Each language's name in the page's language too, from Babel's locale data.
    assert "Urdu" in page_text(client.get("/language"))


def test_the_language_page_says_in_each_language_whether_it_has_been_checked(client):
    html = html_of(client.get("/language"))
    for code in TRANSLATED:
        language = LANGUAGES[code]
        status = f'class="kw-language-page__status" lang="{language.tag}"'
        assert status in html, code
    assert 'class="kw-language-page__status" lang="en-GB"' not in html


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_page_has_a_way_to_the_language_page_and_every_language(client, code):
    client.set_cookie("kw_lang", code)
    html = html_of(client.get("/help"))
    assert 'href="/language?next=/help"' in html
    for language in LANGUAGES.values():
        assert f'lang="{language.tag}"' in html


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ur-PK,ur;q=0.9,en;q=0.5", "ur"),
        ("ar-SA,ar;q=0.9", "ar"),
        ("pl-PL,pl;q=0.9,en-GB;q=0.8", "pl"),
        ("pa-Guru-IN,pa;q=0.9", "pa"),
        ("pa-Arab-PK,en;q=0.5", "en"),
        ("zh-TW,zh;q=0.9", "zh_Hant"),
        ("zh-Hant-HK", "zh_Hant"),
        ("zh-CN,zh;q=0.9,en;q=0.5", "en"),
        ("fr-FR,fr;q=0.9,pl;q=0.5", "pl"),
        ("cy;q=0,pl;q=0.5", "pl"),
    ],
)
def test_the_browsers_languages_pick_a_shipped_one(client, header, expected):
    html = html_of(client.get("/", headers={"Accept-Language": header}))
    language = LANGUAGES[expected]
    assert f'<html lang="{language.tag}" dir="{language.direction}"' in html


def test_browser_tags_are_read_in_order_of_preference():
    assert from_browser(["de", "ur-PK", "pl"]) == "ur"
    assert from_browser(["zh-Hans-CN", "zh"]) is None
    assert from_browser(["ZH_hant_tw"]) == "zh_Hant"
    assert from_browser([]) is None


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_choice_is_kept_on_the_device_and_the_account(app, client, other_client, code):
    person = make_person(app)
    sign_in(app, client, person)
    response = post_form(client, "/language", {"language": code, "next": "/plan"})
    assert response.status_code == 302 and response.location == "/plan"
    assert f"kw_lang={code}" in response.headers["Set-Cookie"]
    language = LANGUAGES[code]
    sign_in(app, other_client, person)
    html = html_of(other_client.get("/"))
    assert f'<html lang="{language.tag}" dir="{language.direction}"' in html


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_page_is_translated_and_written_the_right_way(app, client, code):
    with app.app_context():
        load_demo()
    language = LANGUAGES[code]
    client.set_cookie("kw_lang", code)
    english_words = {"Get help now", "My plan", "Sign in", "Crisis plan"}
    for path in SIGNED_OUT:
        html = html_of(client.get(path))
        assert f'<html lang="{language.tag}" dir="{language.direction}"' in html
        assert ">Get help now<" not in html, path
    client.post("/auth/demo", data={"csrf_token": _token(client)})
    for path in SIGNED_IN:
        html = html_of(client.get(path))
        assert f'dir="{language.direction}"' in html
        text = page_text(client.get(path))
        leftover = [words for words in english_words if f"\n{words}\n" in f"\n{text}\n"]
        assert leftover == [], (path, leftover)


def _token(client) -> str:
    from tests.support.helpers import csrf_token

    return csrf_token(client)


def test_phone_numbers_stay_left_to_right_in_right_to_left_text(client):
    client.set_cookie("kw_lang", "ur")
    html = html_of(client.get("/help"))
    assert '<span dir="ltr">116 123</span>' in html
    assert '<span dir="ltr">0808 164 0123</span>' in html


@pytest.mark.parametrize(
    ("locale", "month"),
    [("pl", "listopada"), ("cy", "Tachwedd"), ("ar", "نوفمبر"), ("zh_Hant", "11月")],
)
def test_dates_are_in_the_languages_own_words(app, locale, month):
    with app.test_request_context(), force_locale(locale):
        assert month in format_date(date(2026, 11, 24), "long")


def test_listings_in_english_are_marked_english_on_an_urdu_page(app, client):
    from app.demo.listings import load_demo_directory

    with app.app_context():
        load_demo_directory()
    client.set_cookie("kw_lang", "ur")
    html = html_of(client.get("/groups?q=walking"))
    assert 'class="kw-group-card__name"><a href="/groups/' in html
    assert '" lang="en-GB">' in html
    group = html.split('class="kw-group-card__name"><a href="')[1].split('"')[0]
    page = html_of(client.get(group))
    assert '<h1 lang="en-GB">' in page
    assert '<p class="kw-lede kw-preserve" lang="en-GB">' in page


@pytest.mark.parametrize("code", ["pl", "ar"])
def test_calendar_files_are_in_the_persons_language(app, client, code):
    with app.app_context():
        load_demo()
    client.set_cookie("kw_lang", code)
    client.post("/auth/demo", data={"csrf_token": _token(client)})
    ics = client.get("/reminders/next-review.ics").get_data(as_text=True)
    assert "SUMMARY:" in ics
    with app.test_request_context(), force_locale(LANGUAGES[code].locale):
        from flask_babel import gettext

        wanted = {gettext("Plan review (Keepwell)"), gettext("Keepwell reminder")}
    assert any(f"SUMMARY:{summary}" in ics.replace("\r\n ", "") for summary in wanted)
    assert "SUMMARY:Plan review (Keepwell)" not in ics
