"""Smoke test: the server is up and /login renders its Vietnamese form."""

import unicodedata

from playwright.sync_api import expect

from conftest import screenshot


def test_login_page_shows_form(page, base_url):
    response = page.goto(base_url + "/login")
    screenshot(page, "login.png")
    assert response is not None and response.status == 200, f"GET /login -> {response and response.status}"

    form = page.locator("form:has(input[name=password])")
    expect(form).to_be_visible()
    expect(form.locator("input[name=username]")).to_be_visible()
    expect(form.locator("input[name=password]")).to_be_visible()
    expect(form.locator("button[type=submit]")).to_be_visible()

    text = unicodedata.normalize("NFC", page.locator("body").inner_text())
    assert "Đăng nhập" in text, "login page should say 'Đăng nhập'"
