"""Signing in and out: the login form, the Vietnamese error for a wrong password, the throttle, logout."""

import time
from urllib.parse import urlparse

from playwright.sync_api import expect

from conftest import goto, login, logout, screenshot, submit, text_of


def test_login_page_renders(page):
    goto(page, "/login")
    screenshot(page, "login-01-page.png")
    expect(page).to_have_title("Đăng nhập — DangBo")
    form = page.locator("form:has(input[name=password])")
    expect(form.locator("input[name=username]")).to_be_visible()
    expect(form.locator("input[name=password]")).to_have_attribute("type", "password")
    expect(form.locator("button[type=submit]")).to_have_text("Đăng nhập")
    # Not signed in: no navigation, no logout button.
    expect(page.locator(".nav a")).to_have_count(0)
    expect(page.locator("form[action='/logout']")).to_have_count(0)


def test_wrong_password_shows_vietnamese_error(page):
    goto(page, "/login")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill("ubkt")
    form.locator("input[name=password]").fill("sai-mat-khau")
    response = submit(page, form.locator("button[type=submit]"))
    screenshot(page, "login-02-wrong-password.png")
    assert response.status == 401
    expect(page.locator(".error")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng")
    # The username is kept, the password is not.
    expect(page.locator("input[name=username]")).to_have_value("ubkt")
    expect(page.locator("input[name=password]")).to_have_value("")
    # A correct password afterwards still works (and clears the failure count).
    login(page, "ubkt")
    assert urlparse(page.url).path == "/organizations"


def test_too_many_failures_are_throttled(page):
    username = f"khongco{int(time.time() * 1000)}"  # a fresh name: never locks a real demo account
    for attempt in range(6):
        goto(page, "/login")
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=username]").fill(username)
        form.locator("input[name=password]").fill(f"sai{attempt}")
        response = submit(page, form.locator("button[type=submit]"))
        if attempt < 5:
            assert response.status == 401, f"attempt {attempt + 1}: {response.status}"
    screenshot(page, "login-03-throttled.png")
    assert response.status == 429
    assert text_of(page.locator(".error")).startswith("Đăng nhập sai quá 5 lần")


def test_admin_logs_in_and_out(page):
    login(page, "admin")
    assert urlparse(page.url).path == "/organizations"
    screenshot(page, "login-04-admin-landing.png", full_page=False)
    expect(page.locator(".top .user-name")).not_to_be_empty()
    current = page.locator(".nav a[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("href", "/organizations")
    labels = [text_of(a) for a in page.locator(".nav a").all()]
    assert labels == ["Tổ chức đảng", "Đảng viên", "Nhập từ tệp", "Báo cáo", "Kiểm tra, giám sát", "Nhật ký"], labels

    response = logout(page)
    assert response.ok
    assert urlparse(page.url).path == "/login"
    screenshot(page, "login-05-after-logout.png")
    expect(page.locator("form:has(input[name=password])")).to_be_visible()
    # The session is really gone: a protected page sends us back to /login.
    goto(page, "/organizations", expect_status=None)
    assert urlparse(page.url).path == "/login"
