"""Every public page renders in the layout, with security headers and help one tap away."""

from __future__ import annotations

import json

import pytest

from tests.support.helpers import page_text

PUBLIC_PAGES = [
    "/",
    "/help",
    "/auth/sign-in",
    "/auth/sign-up",
    "/auth/sign-up/password",
    "/auth/sign-in/recovery-code",
    "/display",
    "/offline",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_for_anyone(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "Get help now" in page_text(response)


@pytest.mark.parametrize("path", PUBLIC_PAGES + ["/nope", "/sw.js", "/manifest.webmanifest"])
def test_every_response_carries_security_headers(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_unknown_page_gets_a_404_in_the_same_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)
    assert 'href="/help"' in response.get_data(as_text=True)


def test_health_check_reports_ok_after_asking_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_help_page_offers_crisis_lines_as_tap_links(client):
    html = client.get("/help").get_data(as_text=True)
    assert 'href="tel:999"' in html
    assert 'href="tel:111"' in html and "option 2" in html
    assert 'href="tel:116123"' in html
    assert 'href="sms:85258' in html and "SHOUT" in html


def test_manifest_makes_the_app_installable(client):
    manifest = json.loads(client.get("/manifest.webmanifest").get_data(as_text=True))
    assert manifest["name"] and manifest["short_name"] == "Keepwell"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert manifest["theme_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert ("192x192", "any") in sizes
    assert ("512x512", "any") in sizes
    assert ("512x512", "maskable") in sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_service_worker_is_served_at_the_root_and_precaches_help_and_offline(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    body = response.get_data(as_text=True)
    assert '"/help"' in body and '"/offline"' in body
    assert response.headers["Service-Worker-Allowed"] == "/"


def test_static_files_are_cached_for_a_year_with_a_content_hash(client):
    html = client.get("/").get_data(as_text=True)
    assert "/static/css/keepwell.css?v=" in html
    response = client.get("/static/css/keepwell.css")
    assert "max-age=31536000" in response.headers["Cache-Control"]
