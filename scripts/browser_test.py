#!/usr/bin/env python3
"""Real-browser test of the public web directory (headless Chromium driven by Selenium 4).

Walks what a municipal buyer does and asserts what is on screen at each step:

  a. JavaScript on: home → search "deneigement" (Enter) → tick the Montérégie facet (auto-submits)
     → tick a sector → open the first result → switch to English → back → back to the results;
     then searches typed with a space, accents and markup characters (shown back as typed), a
     profile whose enterprise has managers (their names must not show), About, a 404 and the
     English results page.
  b. JavaScript off: the same walk, filters applied with the "Appliquer les filtres" button.
  c. Keyboard only (JavaScript on): Tab from the top of the home page (skip link first) to the
     search box, type "traiteur" + Enter, Tab to the first result, Enter opens the profile.
  d. Screenshots of home, filtered results and profile at 1280 px and 375 px wide, and at 375 px no
     horizontal scrolling.
  e. Signed in (when --admin-link and --mail-dir are given): an administrator invites a hub editor,
     a buyer and an enterprise's representative, and opens the staff pages (users, audit log,
     outbox, to verify, proposals, archived, import, new enterprise, an edit and its conflict, a
     confirmation link); the hub editor edits and imports; the buyer sees the managers' contacts;
     the representative proposes a change that the administrator then sees to review.
  f. The buyers' workspace (issue #14, in pass e): the administrator also invites a colleague
     buyer of the same municipality and adds a dated threshold on /admin/seuils; the buyer asks
     the procurement advisor (a bad amount refused with 422, then 60 000 $ of services for
     « déneigement »), follows its link to the buyers' tab, makes a purchase list from two cards,
     notes each, shares it with the municipality, exports it to Excel (read back from the .xlsx)
     and opens it and the tab in English; the colleague then finds the shared list with its notes.

Also (issue #13): « Retour aux résultats » leads back to the same search (page included); « Imprimer
la liste » is a link to the printable page of every result, with the filters in words (its print
button only with JavaScript); « Filtres (N) » at the top on a phone; the focus stays on a filter box
after it applies itself; the type-ahead is a combobox used by keyboard; the edit form's « Ajouter »;
/gestion/a-verifier's pages, region choice and CSV; and every distinct page visited is measured at
320 px wide (no horizontal scroll).

Every distinct page visited with JavaScript on (path, names of the query parameters, signed in or
not) is checked once with axe-core's WCAG 2.1 A and AA rules (tags wcag2a, wcag2aa, wcag21a,
wcag21aa): one check per page, failed with the violations listed; the full report goes to
<artifacts>/axe-<page>.json. axe.min.js comes from the axe-playwright-python package (see
scripts/requirements-axe.txt), or from --axe-script; the JavaScript-off pass is not checked (axe
runs in the page).

Usually run by scripts/browser-test, which starts the server. By hand:

    .venv/bin/python scripts/browser_test.py --base-url http://127.0.0.1:8080 --artifacts /tmp/shots \
        [--database /path/to/the/server.sqlite]

--database (the server's SQLite file, opened read-only) lets the test know the managers' names, so
that "no manager names are shown" is checked against the real names; without it only the sign-in
prompt is checked.

Prints one line per check (ok/FAIL, with the step) and closes with `browser: N passed, M failed`;
exits 1 when any check failed.
"""

from __future__ import annotations

import argparse
import base64
import email
import email.policy
import hashlib
import html
import importlib.util
import io
import json
import os
import re
import sqlite3
import struct
import sys
import tempfile
import time
import traceback
import unicodedata
import zlib
import urllib.error
import urllib.request
import zipfile
from urllib.parse import parse_qs, quote, urlparse

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT = 15  # seconds for a page load or an element
DESKTOP = (1280, 900)
MOBILE = (375, 812)
REGION_ID = "f-region-16"
REGION_NAME = "Montérégie"
SNOW_WORD = re.compile(r"neig")  # déneigement, déneigeur, neige… (after folding accents)
# axe-core: the rules of WCAG 2.0 and 2.1, levels A and AA; the file is the one pinned in
# scripts/requirements-axe.txt (axe-playwright-python 0.1.8 ships axe-core 4.12.1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_PACKAGE = "axe_playwright_python"
AXE_SHA256 = "84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc"
AXE_TARGETS_SHOWN = 3  # selectors printed per violation (the JSON report has them all)


# --- bookkeeping --------------------------------------------------------------------------------


class Abort(Exception):
    """A check that the rest of the pass depends on failed: the pass stops there."""


class Checks:
    def __init__(self, artifacts: str) -> None:
        self.passed = 0
        self.failed = 0
        self.failures: list[str] = []
        self.artifacts = artifacts
        self.driver: webdriver.Chrome | None = None
        self.pass_name = "-"

    def check(self, step: str, ok: bool, detail: str = "") -> bool:
        label = f"[{self.pass_name}] {step}"
        if ok:
            self.passed += 1
            print(f"ok    {label}", flush=True)
        else:
            self.failed += 1
            message = f"{label}: {detail}" if detail else label
            self.failures.append(message)
            print(f"FAIL  {message}", flush=True)
            self.snapshot_failure()
        return ok

    def require(self, step: str, ok: bool, detail: str = "") -> None:
        if not self.check(step, ok, detail):
            raise Abort(step)

    def snapshot_failure(self) -> None:
        if self.driver is None:
            return
        name = f"fail-{self.pass_name}-{self.failed:02d}"
        try:
            self.driver.save_screenshot(os.path.join(self.artifacts, name + ".png"))
            with open(os.path.join(self.artifacts, name + ".html"), "w", encoding="utf-8") as f:
                f.write(f"<!-- {self.driver.current_url} -->\n{self.driver.page_source}")
            print(f"      (screenshot and page source: {name}.png/.html; URL {self.driver.current_url})")
        except WebDriverException:
            pass


def load_axe(path: str | None) -> str:
    """axe.min.js: the given file, or the one in the pinned package (whose sha256 must match)."""
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    spec = importlib.util.find_spec(AXE_PACKAGE)
    if spec is None or spec.origin is None:
        raise SystemExit(f"no {AXE_PACKAGE} in this Python: install scripts/requirements-axe.txt"
                         " (scripts/browser-test does), or give --axe-script")
    path = os.path.join(os.path.dirname(spec.origin), "axe.min.js")
    with open(path, "rb") as handle:
        data = handle.read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != AXE_SHA256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {AXE_SHA256}")
    return data.decode("utf-8")


class Axe:
    """Runs axe-core once on each distinct page: one check per page, a JSON report per page."""

    RUN = """
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations', 'incomplete']})
            .then(function (r) {
                done({version: r.testEngine.version, url: r.url, violations: r.violations,
                      needsReview: r.incomplete.map(function (i) {
                          return {id: i.id, impact: i.impact, help: i.help, nodes: i.nodes.length,
                                  targets: i.nodes.slice(0, 5).map(function (n) { return n.target; }),
                                  message: i.nodes.length ? n0(i.nodes[0]) : ''}; })});
                function n0(n) { return (n.any.concat(n.all, n.none)[0] || {}).message || ''; }
            }, function (e) { done({error: String(e)}); });
    """

    def __init__(self, c: Checks, source: str) -> None:
        self.c = c
        self.source = source
        self.seen: set[str] = set()
        self.pages = 0
        self.clean = 0
        self.seconds = 0.0

    @staticmethod
    def key(d: webdriver.Chrome) -> str:
        """Path, the names (not values) of the query parameters, and whether someone is signed in."""
        url = urlparse(d.current_url)
        names = sorted(set(parse_qs(url.query, keep_blank_values=True)))
        signed_in = bool(d.find_elements(By.CSS_SELECTOR, "form[action='/deconnexion']"))
        # Every import job's progress page is the same page: checked once.
        path = re.sub(r"^/gestion/import/travaux/[^/]+", "/gestion/import/travaux/:job", url.path)
        return path + ("?" + "&".join(names) if names else "") + (" (signed in)" if signed_in else "")

    @staticmethod
    def file_name(key: str) -> str:
        name = key.replace(" (signed in)", "--signed-in").replace("?", "--").replace("&", "-")
        name = re.sub(r"[^A-Za-z0-9-]+", "-", name.strip("/")).strip("-") or "home"
        return f"axe-{name[:120]}.json"

    def audit(self, d: webdriver.Chrome, label: str | None = None) -> None:
        """Checks the page on screen, unless a page of the same key (or label) was checked."""
        try:
            key = label or self.key(d)
        except WebDriverException:
            return
        if key in self.seen:
            return
        self.seen.add(key)
        started = time.monotonic()
        try:
            d.execute_script(self.source)
            result = d.execute_async_script(self.RUN, AXE_TAGS)
        except WebDriverException as error:
            result = {"error": str(error).strip().splitlines()[0] if str(error).strip() else repr(error)}
        self.seconds += time.monotonic() - started
        self.pages += 1
        name = self.file_name(key)
        report = {"page": key, "url": d.current_url, "tags": AXE_TAGS, **(result or {"error": "no result"})}
        with open(os.path.join(self.c.artifacts, name), "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False, indent=1)
        if "error" in report:
            self.c.check(f"axe {key}: ran", False, f"{report['error']} (URL {d.current_url})")
            return
        violations = report["violations"]
        if not violations:
            self.clean += 1
        lines = []
        for v in violations:
            # A target is a list of selectors (more than one across iframes or shadow roots).
            targets = [" ".join(t if isinstance(t, str) else " >> ".join(t) for t in n["target"])
                       for n in v["nodes"][:AXE_TARGETS_SHOWN]]
            more = len(v["nodes"]) - len(targets)
            lines.append(f"{v['id']} ({v.get('impact')}, {len(v['nodes'])} node(s)): {v['help']}"
                         f" — {', '.join(targets)}{f' and {more} more' if more > 0 else ''}")
        self.c.check(f"axe {key}: no WCAG 2.1 A/AA violation", not violations,
                     f"{len(violations)} rule(s) violated (report {name}, URL {d.current_url}):\n        "
                     + "\n        ".join(lines))
        review = report.get("needsReview") or []
        if review:
            # What axe could not decide (text over another element, say): not failures, noted.
            print("      (axe could not decide, to review by hand: "
                  + ", ".join(f"{r['id']} ×{r['nodes']}" for r in review) + f"; details in {name})")


class Narrow:
    """At 320 CSS px (WCAG 1.4.10 reflow), each distinct page visited must not scroll sideways:
    wide tables scroll inside their own box. Checked once per page kind (as axe), through
    DevTools' device metrics, so the window itself keeps its size."""

    WIDTH = 320

    def __init__(self, c: Checks) -> None:
        self.c = c
        self.seen: set[str] = set()

    def audit(self, d: webdriver.Chrome, label: str | None = None) -> None:
        try:
            key = label or Axe.key(d)
        except WebDriverException:
            return
        if key in self.seen:
            return
        self.seen.add(key)
        try:
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                              {"width": self.WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False})
            width, scroll, culprits = d.execute_script(
                "var w = document.documentElement.clientWidth, out = [];"
                "document.querySelectorAll('body *').forEach(function (e) {"
                "  var r = e.getBoundingClientRect();"
                "  if (r.right > w + 1 && out.length < 5 && getComputedStyle(e).position !== 'fixed'"
                "      && !e.closest('.table-scroll, .visually-hidden, .skip-link, .skip-results'))"
                "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')"
                "             + ' right=' + Math.round(r.right));"
                "});"
                "return [w, document.documentElement.scrollWidth, out];")
        except WebDriverException as error:
            self.c.check(f"320 px {key}: measured", False, str(error).strip().splitlines()[0])
            return
        finally:
            try:
                d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            except WebDriverException:
                pass
        self.c.check(f"320 px {key}: no horizontal scroll", scroll <= self.WIDTH,
                     f"scrollWidth {scroll} > {self.WIDTH} (clientWidth {width}); too wide: {culprits}")


def fold(text: str) -> str:
    """Lower case without accents: 'Déneigement' → 'deneigement'."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def parse_count(text: str) -> int | None:
    """'108 entreprises — Résultats pour « x »' → 108 (thousands separated by spaces allowed)."""
    match = re.match(r"\s*(\d[\d\s\u00a0\u202f]*)", text)
    if not match:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


class Managers:
    """Managers' names and e-mails per enterprise slug, from the server's SQLite file (read-only)."""

    def __init__(self, path: str | None) -> None:
        self.db = None
        if path:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)

    @property
    def available(self) -> bool:
        return self.db is not None

    def of(self, slug: str) -> list[str]:
        if self.db is None:
            return []
        rows = self.db.execute(
            "SELECT m.name, m.email FROM managers m JOIN enterprises e ON e.id = m.enterprise_id"
            " WHERE e.slug = ?",
            (slug,),
        ).fetchall()
        return [value for row in rows for value in row if value]

    def some_offering_managed_slug(self) -> str | None:
        """An enterprise with managers that offers to municipalities (so SEAO's calls can be matched to it)."""
        if self.db is None:
            return None
        row = self.db.execute(
            "SELECT e.slug FROM enterprises e JOIN managers m ON m.enterprise_id = e.id JOIN offerings o ON o.enterprise_id = e.id"
            " WHERE e.archived_at IS NULL AND e.offers_to_municipalities AND o.offered_to_municipalities AND e.municipality_code IS NOT NULL"
            " ORDER BY e.slug LIMIT 1"
        ).fetchone()
        return row[0] if row else self.some_managed_slug()

    def tender_target(self, slug: str) -> dict | None:
        """What a fictional SEAO call needs to suit the enterprise: its first offering, its town, its region."""
        if self.db is None:
            return None
        row = self.db.execute(
            "SELECT e.name, o.name, m.name, e.region_code FROM enterprises e JOIN offerings o ON o.enterprise_id = e.id"
            " JOIN municipalities m ON m.code = e.municipality_code WHERE e.slug = ? ORDER BY o.offered_to_municipalities DESC, o.position LIMIT 1",
            (slug,),
        ).fetchone()
        return {"name": row[0], "offering": row[1], "municipality": row[2], "region": row[3]} if row else None

    def some_managed_slug(self) -> str | None:
        if self.db is None:
            return None
        row = self.db.execute(
            "SELECT e.slug FROM enterprises e JOIN managers m ON m.enterprise_id = e.id"
            " WHERE e.archived_at IS NULL ORDER BY e.slug LIMIT 1"
        ).fetchone()
        return row[0] if row else None


# --- the browser --------------------------------------------------------------------------------


def new_driver(javascript: bool) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--disable-dev-shm-usage",
                     "--lang=fr-CA", "--no-first-run", "--disable-extensions",
                     # Overlay scrollbars, as on a phone: innerWidth is then the layout width.
                     "--hide-scrollbars"):
        options.add_argument(argument)
    prefs = {"intl.accept_languages": "fr-CA,fr"}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(90)  # axe on the longest staff tables takes a few seconds
    return driver


class Page:
    """Helpers over one driver. With axe (JavaScript on), each page loaded is checked by it."""

    # Shared by every pass: each distinct page is measured at 320 px once (see Narrow).
    narrow: Narrow | None = None

    def __init__(self, driver: webdriver.Chrome, base: str, axe: Axe | None = None) -> None:
        self.d = driver
        self.base = base.rstrip("/")
        self.axe = axe

    def open(self, path: str) -> None:
        self.d.get(self.base + path)
        self.ready()

    def ready(self) -> None:
        WebDriverWait(self.d, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        self.loaded()

    def loaded(self, label: str | None = None) -> None:
        """A page has loaded: axe checks it unless a page of its kind (or label) was checked."""
        if self.axe is not None:
            self.axe.audit(self.d, label)
        if Page.narrow is not None:
            Page.narrow.audit(self.d, label)

    def navigating(self, action) -> None:
        """Runs action (a click, a key…) and waits until the next page has loaded.

        A new document is told by performance.timeOrigin, which each page load sets anew."""
        before = self.d.execute_script("return performance.timeOrigin")
        try:
            action()
        except WebDriverException as error:
            # A key press or click that navigates can race with chromedriver's bookkeeping after
            # the action ("Node … does not belong to the document"): fine when the page changed.
            if not self.wait_new_document(before, 5):
                raise error from None
        if not self.wait_new_document(before, WAIT):
            raise TimeoutException(f"no new page within {WAIT} s (still on {self.d.current_url})")
        self.loaded()

    def wait_new_document(self, before: float, seconds: float) -> bool:
        def changed(d) -> bool:
            return d.execute_script(
                "return document.readyState === 'complete' && performance.timeOrigin") not in (False, before)
        try:
            WebDriverWait(self.d, seconds, poll_frequency=0.1,
                          ignored_exceptions=(WebDriverException,)).until(changed)
            return True
        except TimeoutException:
            return False

    def one(self, css: str):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def all(self, css: str):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def exists(self, css: str) -> bool:
        return len(self.all(css)) > 0

    def text(self, css: str) -> str:
        found = self.all(css)
        return found[0].text.strip() if found else ""

    def lang(self) -> str:
        return self.one("html").get_attribute("lang") or ""

    def path(self) -> str:
        return urlparse(self.d.current_url).path

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlparse(self.d.current_url).query)

    def count(self) -> int | None:
        return parse_count(self.text("#results-count"))

    def chips(self) -> list[str]:
        return [" ".join(c.text.split()) for c in self.all(".chips a.chip")]

    def cards(self):
        return self.all("ul.cards li.card")

    def h1(self) -> str:
        return " ".join(self.text("h1").split())


def visible_escapes(text: str) -> list[str]:
    """HTML entities shown as text: the sign of escaping twice."""
    return sorted(set(re.findall(r"&(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);", text)))


# --- the walks ----------------------------------------------------------------------------------


def search_walk(c: Checks, p: Page, managers: Managers, javascript: bool) -> dict:
    """Steps shared by passes a and b. Returns what the screenshots need."""
    d = p.d

    # Home.
    p.open("/")
    c.require("home: opens in French", p.lang() == "fr-CA", f"html lang is {p.lang()!r}")
    c.check("home: skip link to #contenu", p.exists("a.skip-link[href='#contenu']"),
            "no a.skip-link[href='#contenu']")
    c.check("home: sector tiles under #secteurs", len(p.all("#secteurs a")) > 0, "no tile links")
    c.check("home: region tiles under #regions", len(p.all("#regions a")) > 0, "no tile links")
    c.check("home: newest enterprises listed", len(p.all(".cards .card")) > 0, "no .cards .card")
    html_class = p.one("html").get_attribute("class") or ""
    if javascript:
        c.check("home: site.js ran (html.js)", "js" in html_class.split(), f"html class {html_class!r}")
    else:
        c.check("home: JavaScript really off (no html.js)", "js" not in html_class.split(),
                f"html class {html_class!r}")

    # Search from the home box, submitted with Enter.
    c.require("home: search box #q-home", p.exists("#q-home"), "no #q-home")
    box = p.one("#q-home")
    box.clear()
    box.send_keys("deneigement")
    if javascript:
        try:
            WebDriverWait(d, 5).until(lambda d: p.one("#q-home-suggestions").is_displayed())
            c.check("home: the type-ahead suggests enterprises", True)
            p.loaded("/, type-ahead open")
        except TimeoutException:
            c.check("home: the type-ahead suggests enterprises", False, "no visible #q-home-suggestions")
    p.navigating(lambda: box.send_keys(Keys.ENTER))
    c.require("search: Enter opens /entreprises?q=deneigement",
              p.path() == "/entreprises" and p.query().get("q") == ["deneigement"],
              f"landed on {d.current_url}")
    c.check("search: h1 shown", p.h1() != "", "no h1")
    c.check("search: #q-results keeps the query",
            p.exists("#q-results") and p.one("#q-results").get_attribute("value") == "deneigement",
            "missing #q-results or wrong value")
    count_text = p.text("#results-count")
    total = p.count()
    c.require("search: count > 0 in #results-count", total is not None and total > 0,
              f"#results-count says {count_text!r}")
    c.check("search: count line echoes the query", "deneigement" in count_text,
            f"#results-count says {count_text!r}")
    cards = p.cards()
    c.require("search: result cards shown", len(cards) > 0, "no ul.cards li.card")
    c.check("search: no more cards than the count", len(cards) <= total,
            f"{len(cards)} cards for a count of {total}")
    first = cards[:10]
    marked = 0
    for card in first:
        words = [m.text for m in card.find_elements(By.CSS_SELECTOR, ".card-title a mark, .snippet mark")]
        if any(SNOW_WORD.search(fold(w)) for w in words):
            marked += 1
    c.check("search: most of the first results have a <mark>ed 'neige' word",
            marked * 10 >= len(first) * 7,
            f"only {marked} of the first {len(first)} cards mark a déneigement/neige word")
    if total > len(cards):
        c.check("search: pagination offers the next page",
                p.exists("nav.pagination a[rel='next']"),
                f"{total} results, {len(cards)} cards, but no nav.pagination a[rel=next]")
    links = [a.text.strip() for a in p.all("p.downloads a")]
    c.check("search: CSV and JSON download links",
            "Télécharger en CSV" in links and "Données JSON" in links, f"p.downloads links: {links}")
    escapes = visible_escapes(p.one("main").text)
    c.check("search: no HTML entity shown as text", not escapes, f"visible {escapes}")

    # Narrow to Montérégie through the facet panel.
    c.require(f"region facet: #{REGION_ID} in the facet form",
              p.exists(f"aside.facets .facet-form #{REGION_ID}"), f"no #{REGION_ID}")
    label = p.text(f"label[for='{REGION_ID}']")
    c.check("region facet: label names Montérégie with a count",
            REGION_NAME in label and re.search(r"\(\s*\d", label) is not None, f"label {label!r}")
    region_box = p.one(f"#{REGION_ID}")
    if javascript:
        c.require("region facet: ticking the box submits the form by itself",
                  submits(p, region_box.click), f"still on {d.current_url} after ticking")
        focused = d.switch_to.active_element
        c.check("region facet: after the reload the keyboard focus is back on the box",
                focused.get_attribute("id") == REGION_ID, f"focus on {describe(focused)}")
    else:
        region_box.click()
        time.sleep(0.3)
        c.check("region facet: without JS ticking does not navigate",
                p.query().get("region") is None, f"URL became {d.current_url}")
        c.check("region facet: box is ticked", p.one(f"#{REGION_ID}").is_selected(), "not selected")
        c.require("region facet: .apply button", p.exists(".facet-form .apply"), "no .apply")
        apply_button = p.one(".facet-form .apply")
        p.navigating(apply_button.click)
    c.require("region facet: URL has region=16 and keeps q",
              p.query().get("region") == ["16"] and p.query().get("q") == ["deneigement"],
              f"URL is {d.current_url}")
    region_total = p.count()
    chips = p.chips()
    c.check("region facet: a Montérégie chip appears",
            any(REGION_NAME in chip for chip in chips), f"chips: {chips}")
    c.check("region facet: box stays ticked", p.one(f"#{REGION_ID}").is_selected(), "not selected")
    c.require("region facet: count decreased or stayed, > 0",
              region_total is not None and 0 < region_total <= total,
              f"count {region_total} after {total}")
    metas = [" ".join(card.find_element(By.CSS_SELECTOR, ".card-meta").text.split())
             for card in p.cards()]
    strays = [m for m in metas if REGION_NAME not in m]
    c.check("region facet: every card's meta line mentions Montérégie",
            metas and not strays, f"{len(strays)} of {len(metas)} cards elsewhere, e.g. {strays[:3]}")

    # Narrow to a sector: the first sector box present.
    sector_boxes = [b for b in p.all(".facet-form input[type=checkbox][id^='f-secteur-']")
                    if not b.is_selected()]
    c.require("sector facet: sector boxes present", len(sector_boxes) > 0, "no f-secteur-* box")
    sector_box = sector_boxes[0]
    sector_id = sector_box.get_attribute("id")
    sector_slug = sector_box.get_attribute("value")
    sector_label = " ".join(p.text(f"label[for='{sector_id}']").split())
    sector_name = re.sub(r"\s*\(.*$", "", sector_label)
    if javascript:
        c.require(f"sector facet: ticking #{sector_id} submits the form by itself",
                  submits(p, sector_box.click), f"still on {d.current_url} after ticking")
    else:
        sector_box.click()
        p.navigating(p.one(".facet-form .apply").click)
    c.require(f"sector facet: URL has secteur={sector_slug} and region=16",
              p.query().get("secteur") == [sector_slug] and p.query().get("region") == ["16"],
              f"URL is {d.current_url}")
    filtered_url = d.current_url
    chips = p.chips()
    c.check("sector facet: two chips, Montérégie and the sector",
            len(chips) == 2 and any(REGION_NAME in x for x in chips)
            and any(sector_name in x for x in chips),
            f"chips: {chips} (sector {sector_name!r})")
    sector_total = p.count()
    c.check("sector facet: count decreased or stayed",
            sector_total is not None and sector_total <= region_total,
            f"count {sector_total} after {region_total}")
    cards = p.cards()
    c.require("sector facet: results left to open", len(cards) > 0, "no card")
    escapes = visible_escapes(p.one("main").text)
    c.check("filtered results: no HTML entity shown as text", not escapes, f"visible {escapes}")

    # Open the first result's profile.
    link = cards[0].find_element(By.CSS_SELECTOR, ".card-title a")
    card_name = " ".join(link.text.split())
    slug = urlparse(link.get_attribute("href")).path.rsplit("/", 1)[-1]
    p.navigating(link.click)
    c.require("profile: opened /entreprises/<slug of the first card>", p.path() == f"/entreprises/{slug}",
              f"URL is {d.current_url}")
    c.check("profile: h1 equals the card's name", p.h1() == card_name,
            f"h1 {p.h1()!r}, card {card_name!r}")
    sections = [" ".join(h.text.split()) for h in p.all("main h2")]
    missing = [s for s in ("Mission", "Produits et services", "Coordonnées", "Identification")
               if s not in sections]
    c.check("profile: Mission / Produits et services / Coordonnées / Identification",
            not missing, f"missing {missing}; h2s: {sections}")
    check_managers_hidden(c, p, managers, slug, "profile")
    profile_url = d.current_url

    # Switch to English.
    c.require("profile: language switch link", p.exists("a.lang-switch"), "no a.lang-switch")
    switch = p.one("a.lang-switch")
    c.check("profile: switch reads 'English'", switch.text.strip() == "English",
            f"reads {switch.text.strip()!r}")
    p.navigating(switch.click)
    c.check("English profile: html lang=en-CA", p.lang() == "en-CA", f"html lang {p.lang()!r}")
    c.check("English profile: URL under /en/", p.path() == f"/en/entreprises/{slug}",
            f"URL is {d.current_url}")
    c.check("English profile: same enterprise name in h1", p.h1() == card_name,
            f"h1 {p.h1()!r}, expected {card_name!r}")
    c.check("English profile: switch back reads 'Français'",
            p.text("a.lang-switch") == "Français", f"reads {p.text('a.lang-switch')!r}")
    check_managers_hidden(c, p, managers, slug, "English profile")

    # Back, back.
    p.navigating(d.back)
    c.check("back: French profile again",
            p.path() == f"/entreprises/{slug}" and p.lang() == "fr-CA" and p.h1() == card_name,
            f"URL {d.current_url}, lang {p.lang()!r}, h1 {p.h1()!r}")
    p.navigating(d.back)
    c.check("back: filtered results again", d.current_url == filtered_url,
            f"URL {d.current_url}, expected {filtered_url}")
    chips = p.chips()
    c.check("back: both chips still there",
            len(chips) == 2 and any(REGION_NAME in x for x in chips)
            and any(sector_name in x for x in chips), f"chips: {chips}")
    c.check("back: boxes still ticked",
            p.one(f"#{REGION_ID}").is_selected() and p.one(f"#{sector_id}").is_selected(),
            "a facet box lost its tick")

    back_to_results(c, p, profile_url, filtered_url)
    print_walk(c, p, javascript, filtered_url, sector_total, sector_name)
    return {"filtered_url": filtered_url, "profile_url": profile_url}


def same_search(url: str, expected: str) -> bool:
    """Same path and the same parameters (their order aside)."""
    a, b = urlparse(url), urlparse(expected)
    return a.path == b.path and parse_qs(a.query) == parse_qs(b.query)


def back_to_results(c: Checks, p: Page, profile_url: str, filtered_url: str) -> None:
    """« Retour aux résultats » on a profile opened from the results leads back to that search."""
    d = p.d
    d.get(profile_url)
    p.ready()
    c.require("profile: a « Retour aux résultats » link", p.exists("p.back a"), "no p.back a")
    back = p.one("p.back a")
    href = back.get_attribute("href") or ""
    c.check("profile: « Retour aux résultats » names the search (words, filters)", same_search(href, filtered_url),
            f"href {href}, the results were {filtered_url}")
    p.navigating(back.click)
    c.check("back link: the same results again", same_search(d.current_url, filtered_url),
            f"URL {d.current_url}, expected {filtered_url}")
    c.check("back link: the two chips are there", len(p.chips()) == 2, f"chips: {p.chips()}")
    # Page 2 of a search, then a profile and back: the page is kept too.
    d.get(p.base + "/entreprises?q=service&page=2")
    p.ready()
    cards = p.cards()
    if c.check("page 2 of « service »: results to open", len(cards) > 0, d.current_url):
        p.navigating(cards[0].find_element(By.CSS_SELECTOR, ".card-title a").click)
        p.navigating(p.one("p.back a").click)
        c.check("back link from page 2: page 2 again", same_search(d.current_url, p.base + "/entreprises?q=service&page=2"),
                f"URL {d.current_url}")


def print_walk(c: Checks, p: Page, javascript: bool, filtered_url: str, total: int | None, sector_name: str) -> None:
    """« Imprimer la liste » is a link to the printable page of the whole search (no script needed)."""
    d = p.d
    d.get(filtered_url)
    p.ready()
    links = [a for a in p.all("p.downloads a") if urlparse(a.get_attribute("href") or "").path == "/imprimer"]
    c.require("results: « Imprimer la liste » links to /imprimer", len(links) == 1,
              f"p.downloads links: {[a.get_attribute('href') for a in p.all('p.downloads a')]}")
    visible_buttons = [b for b in p.all("button[data-print]") if b.is_displayed()]
    c.check("results: no print button that needs a script", not visible_buttons, f"{len(visible_buttons)} shown")
    p.navigating(links[0].click)
    c.check("printable list: the same search's parameters",
            parse_qs(urlparse(d.current_url).query) == {k: v for k, v in parse_qs(urlparse(filtered_url).query).items() if k != "page"},
            d.current_url)
    entries = p.all("ol.print-list > li")
    c.check("printable list: every result of the search, not only a page", total is not None and len(entries) == total,
            f"{len(entries)} entries for {total} results")
    filters = " ".join(li.text for li in p.all(".print-filters li"))
    c.check("printable list: the filters written at the top", REGION_NAME in filters and sector_name in filters
            and "deneigement" in filters, f"filters: {filters!r}")
    buttons = [b for b in p.all("button[data-print]") if b.is_displayed()]
    if javascript:
        c.check("printable list: with JavaScript, a print button", len(buttons) == 1, f"{len(buttons)} shown")
    else:
        c.check("printable list: without JavaScript, no print button", not buttons, f"{len(buttons)} shown")


def places_walk(c: Checks, p: Page, javascript: bool) -> None:
    """Issue #13: a place typed in the words becomes a filter that can be undone; « Dessert » /
    « Siège »; closed enterprises on request; back to the same results from a profile."""
    d = p.d
    mode = "js" if javascript else "nojs"
    p.open("/entreprises?q=" + quote("ménage longueuil"))
    p.loaded(f"search: a recognised place ({mode})")
    note = p.text(".place-note")
    c.require(f"places ({mode}): « longueuil » is recognised as the place Longueuil", "Longueuil" in note and "Lieu reconnu" in note, repr(note))
    c.check(f"places ({mode}): results for the rest of the words", len(p.cards()) > 0)
    c.check(f"places ({mode}): the place is a ticked filter", p.exists("input[name=municipalite][value='58227']:checked"))
    c.check(f"places ({mode}): « Dessert » is the default", p.exists("#lieu-dessert:checked"))
    typed = d.current_url
    first = p.all("ul.cards li.card .card-title a")
    if first:
        p.navigating(first[0].click)
        back = p.one("p.back a").get_attribute("href") or ""
        c.check(f"places ({mode}): « Retour aux résultats » keeps the place", "municipalite=58227" in back, back)
        p.navigating(p.one("p.back a").click)
        c.check(f"places ({mode}): back to the same results, the place a ticked filter", "municipalite=58227" in d.current_url
                and p.exists("input[name=municipalite][value='58227']:checked"), d.current_url)
    d.get(typed)
    p.ready()
    links = {a.text: a for a in p.all(".place-note a")}
    everywhere = next((a for t, a in links.items() if t.startswith("Chercher plutôt les mots partout")), None)
    c.require(f"places ({mode}): a link to search the words everywhere", everywhere is not None, f"links: {list(links)}")
    p.navigating(everywhere.click)
    c.check(f"places ({mode}): the words everywhere, no place", "partout=1" in d.current_url and not p.exists(".place-note"), d.current_url)
    d.get(typed)
    p.ready()
    remove = next((a for a in p.all(".place-note a") if a.text == "Retirer ce lieu"), None)
    if c.check(f"places ({mode}): a link to remove the place", remove is not None):
        p.navigating(remove.click)
        q = parse_qs(urlparse(d.current_url).query)
        c.check(f"places ({mode}): removed, the other words stay", q.get("q") == ["ménage"] and "municipalite" not in q, d.current_url)
    # « Siège »: the head office in the chosen place.
    p.open("/entreprises?q=deneigement&municipalite=58007")
    serves = p.count()
    radio = p.one("#lieu-siege")
    if javascript:
        p.navigating(radio.click)
        c.check("places (js): « Siège » applies itself and keeps the focus", d.execute_script("return document.activeElement && document.activeElement.id") == "lieu-siege")
    else:
        radio.click()
        p.navigating(lambda: p.one("form.facet-form button.apply").click())
    head_office = p.count()
    c.check(f"places ({mode}): « Siège » narrows to the head offices", "lieu=siege" in d.current_url and head_office is not None
            and serves is not None and head_office < serves, f"{head_office} of {serves}; {d.current_url}")
    c.check(f"places ({mode}): a chip says « Siège social »", any("Siège social" in chip for chip in p.chips()), f"{p.chips()}")
    # Closed enterprises, on request.
    p.open("/entreprises?q=" + quote("cantine saint-lambert"))
    before = p.count()
    box = p.one("#f-fermees")
    if javascript:
        p.navigating(box.click)
    else:
        box.click()
        p.navigating(lambda: p.one("form.facet-form button.apply").click())
    after = p.count()
    c.check(f"places ({mode}): « Inclure les entreprises fermées » adds them", "fermees=1" in d.current_url and after is not None
            and before is not None and after > before, f"{before} → {after}; {d.current_url}")
    cards = p.cards()
    c.check(f"places ({mode}): the closed one is marked and comes last",
            bool(cards) and bool(cards[-1].find_elements(By.CSS_SELECTOR, ".badge-closed"))
            and not any(card.find_elements(By.CSS_SELECTOR, ".badge-closed") for card in cards[:-1]),
            f"{len(cards)} cards")
    p.open("/en/entreprises?q=" + quote("st-bruno traiteur"))
    p.loaded(f"English search: a recognised place ({mode})")
    c.check(f"places ({mode}): English, « st-bruno » is Saint-Bruno-de-Montarville",
            "Saint-Bruno-de-Montarville" in p.text(".place-note") and "Place recognised" in p.text(".place-note"), p.text(".place-note"))


def submits(p: Page, action) -> bool:
    """True when action loads a new page (within the usual wait)."""
    try:
        p.navigating(action)
        return True
    except TimeoutException:
        return False


def check_managers_hidden(c: Checks, p: Page, managers: Managers, slug: str, where: str) -> None:
    prompt = p.all(".sign-in-prompt")
    c.check(f"{where}: sign-in prompt visible instead of the managers",
            bool(prompt) and prompt[0].is_displayed(), "no visible .sign-in-prompt")
    if managers.available:
        secrets = managers.of(slug)
        source = p.d.page_source
        body = p.one("body").text
        shown = [s for s in secrets if s in body or s in source or html.escape(s) in source]
        c.check(f"{where}: none of its {len(secrets)} managers' names or e-mails in the page",
                not shown, f"shown: {shown}")


def extra_pages(c: Checks, p: Page, managers: Managers, filtered_url: str) -> None:
    """Pass a only: a profile that has managers, About and a 404."""
    d = p.d
    slug = None
    if managers.available:
        p.d.get(filtered_url)
        p.ready()
        for link in p.all("ul.cards li.card .card-title a"):
            candidate = urlparse(link.get_attribute("href")).path.rsplit("/", 1)[-1]
            if managers.of(candidate):
                slug = candidate
                break
        slug = slug or managers.some_managed_slug()
    if slug:
        p.open(f"/entreprises/{slug}")
        check_managers_hidden(c, p, managers, slug, f"profile with managers ({slug})")
        p.open(f"/en/entreprises/{slug}")
        check_managers_hidden(c, p, managers, slug, f"English profile with managers ({slug})")

    # What a buyer types is shown back as typed: spaces, accents and markup characters.
    for typed in ("entretien ménager", "<i>neige</i>&\"co\"'x'"):
        p.open("/entreprises?q=deneigement")
        box = p.one("#q-results")
        box.clear()
        box.send_keys(typed)
        p.navigating(lambda: box.send_keys(Keys.ENTER))
        c.check(f"search {typed!r}: the browser sent it as typed", p.query().get("q") == [typed],
                f"URL {d.current_url}")
        value = p.one("#q-results").get_attribute("value")
        c.check(f"search {typed!r}: #q-results shows it as typed", value == typed,
                f"#q-results value is {value!r}")
        line = " ".join(p.text("#results-count").split())
        c.check(f"search {typed!r}: count line echoes it as typed", f"« {typed} »" in line,
                f"#results-count says {line!r}")
        c.check(f"search {typed!r}: no markup injected",
                not p.exists("#results-count i, h1 i, main form i") and not visible_escapes(line),
                f"#results-count says {line!r}")
        if typed.startswith("entretien"):
            total = p.count()
            c.check(f"search {typed!r}: count > 0", total is not None and total > 0,
                    f"#results-count says {line!r}")
        elif p.exists("main .empty"):
            p.loaded("/entreprises, no results")

    # Nothing found and nothing to suggest: the sectors (with counts) and the complete list.
    for prefix, word in (("", "secteurs"), ("/en", "sectors")):
        p.open(f"{prefix}/entreprises?q=xyzzyplugh")
        p.loaded(f"{prefix}/entreprises, no results, the sectors offered")
        tiles = p.all("main .empty ul.tiles li a")
        complete = [a for a in p.all("main .empty a") if urlparse(a.get_attribute("href")).path == f"{prefix}/liste-complete"]
        c.check(f"zero results ({prefix or '/'}): the 11 {word} linked with counts, and the complete list",
                len(tiles) == 11 and all(a.find_elements(By.CSS_SELECTOR, ".tile-count") for a in tiles)
                and len(complete) == 1 and not p.exists("main .empty a[href*='q=']"),
                f"{len(tiles)} sector links, {len(complete)} complete-list links")

    p.open("/a-propos")
    c.check("about: h1 in the site layout",
            p.h1() != "" and p.exists("header.site-header") and p.exists("footer.site-footer")
            and p.exists("a.lang-switch"), f"h1 {p.h1()!r}")
    p.open("/entreprises/cette-entreprise-n-existe-pas")
    c.check("404: 'introuvable' page in the site layout",
            "introuvable" in p.h1().lower() and p.exists("header.site-header")
            and p.exists("a.skip-link"), f"h1 {p.h1()!r}, title {d.title!r}")
    p.open("/en/entreprises?q=deneigement")
    c.check("English results: html lang=en-CA and h1 'Enterprises'",
            p.lang() == "en-CA" and p.h1() == "Enterprises", f"lang {p.lang()!r}, h1 {p.h1()!r}")


def tile_path(p: Page, css: str) -> str | None:
    links = p.all(css)
    return urlparse(links[0].get_attribute("href")).path if links else None


def more_pages(c: Checks, p: Page) -> None:
    """Pass a only: the other public pages, in French and in English, each checked by axe."""
    for lang, prefix, html_lang in (("fr", "", "fr-CA"), ("en", "/en", "en-CA")):
        p.open(prefix + "/")
        c.check(f"{lang} home: html lang={html_lang}", p.lang() == html_lang, f"html lang {p.lang()!r}")
        sector = tile_path(p, "#secteurs a")
        region = tile_path(p, "#regions a")
        c.check(f"{lang} home: a sector tile and a region tile",
                bool(sector and region and sector.startswith(prefix + "/secteurs/")
                     and region.startswith(prefix + "/regions/")), f"tiles {sector!r}, {region!r}")
        for what, path in (("sector page", sector), ("region page", region)):
            if not path:
                continue
            p.open(path)
            c.check(f"{lang} {what}: h1 and enterprises listed", p.h1() != "" and len(p.cards()) > 0,
                    f"h1 {p.h1()!r}, {len(p.cards())} cards at {p.d.current_url}")
        p.open(prefix + "/liste-complete")
        c.check(f"{lang} complete list: h1 and links (to profiles, or to a region's list)",
                p.h1() != "" and p.exists("main li a"), f"h1 {p.h1()!r}")
        p.open(prefix + "/liste-complete?region=16")
        c.check(f"{lang} complete list of Montérégie: links to profiles",
                p.exists(f"main a[href*='{prefix}/entreprises/']"), f"h1 {p.h1()!r}")
        p.open(prefix + "/imprimer?q=traiteur&region=16")
        c.check(f"{lang} printable list: entries and the filters in words",
                p.exists("ol.print-list > li a") and REGION_NAME in p.text(".print-filters"), f"h1 {p.h1()!r}")
        if lang == "en":
            names = p.all("ol.print-list > li a")
            c.check("en printable list: the French names are marked lang=fr",
                    bool(names) and all(a.get_attribute("lang") == "fr" for a in names[:5]))
            p.open("/en/a-propos")
            c.check("en about: html lang=en-CA, h1", p.lang() == "en-CA" and p.h1() != "",
                    f"lang {p.lang()!r}, h1 {p.h1()!r}")
            p.open("/en/entreprises/this-enterprise-does-not-exist")
            c.check("en 404: in the site layout, in English",
                    p.lang() == "en-CA" and p.exists("header.site-header") and p.h1() != "",
                    f"lang {p.lang()!r}, h1 {p.h1()!r}")
    for path in ("/exporter", "/exporter?region=16"):
        p.open(path)
        c.check(f"export page {path}: h1 and a download form",
                p.h1() != "" and p.exists("main form"), f"h1 {p.h1()!r}")
    p.open("/page-qui-n-existe-pas")
    c.check("404 on an unknown path: in the site layout",
            p.exists("header.site-header") and p.h1() != "", f"h1 {p.h1()!r}")
    p.open("/connexion")
    c.check("sign-in page: e-mail and password fields", p.exists("#email") and p.exists("#password"), p.h1())
    p.open("/mot-de-passe-oublie")
    c.check("forgotten password page: h1 and a form", p.h1() != "" and p.exists("main form"), p.h1())


def keyboard_walk(c: Checks, p: Page) -> None:
    d = p.d
    p.open("/")
    actions = ActionChains(d)

    def tab() -> None:
        ActionChains(d).send_keys(Keys.TAB).perform()

    def active_is(element) -> bool:
        return d.switch_to.active_element == element

    tab()
    skip = p.one("a.skip-link")
    c.require("home: first Tab focuses the skip link", active_is(skip),
              f"focus on {describe(d.switch_to.active_element)}")
    rect = d.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height, window.innerWidth];", skip)
    c.check("home: focused skip link is on screen",
            rect[2] > 1 and rect[3] > 1 and rect[0] >= 0 and rect[0] + rect[2] <= rect[4],
            f"skip link box {rect[:4]} in a {rect[4]} px wide window")

    box = p.one("#q-home")
    presses = 1
    while not active_is(box) and presses < 15:
        tab()
        presses += 1
    c.require("home: Tab reaches #q-home within 15 presses", active_is(box),
              f"after {presses} presses focus on {describe(d.switch_to.active_element)}")

    actions.send_keys("traiteur").perform()
    p.navigating(lambda: ActionChains(d).send_keys(Keys.ENTER).perform())
    c.require("results: Enter searched for 'traiteur'",
              p.path() == "/entreprises" and p.query().get("q") == ["traiteur"],
              f"URL is {d.current_url}")
    total = p.count()
    c.require("results: count > 0", total is not None and total > 0,
              f"#results-count says {p.text('#results-count')!r}")

    target = p.one("ul.cards li.card .card-title a")
    name = " ".join(target.text.split())
    slug = urlparse(target.get_attribute("href")).path.rsplit("/", 1)[-1]
    presses = 0
    while not active_is(target) and presses < 120:
        tab()
        presses += 1
    c.require("results: Tab reaches the first result within 120 presses (the skip link aside)", active_is(target),
              f"after {presses} presses focus on {describe(d.switch_to.active_element)}")
    print(f"      (first result reached after {presses} Tab presses)")
    p.navigating(lambda: ActionChains(d).send_keys(Keys.ENTER).perform())
    c.check("profile: Enter opened the first result",
            p.path() == f"/entreprises/{slug}" and p.h1() == name,
            f"URL {d.current_url}, h1 {p.h1()!r}, expected {name!r}")


def combobox_walk(c: Checks, p: Page) -> None:
    """The type-ahead is an ARIA 1.2 combobox: arrow keys choose a suggestion, Enter opens it."""
    d = p.d
    p.open("/")
    box = p.one("#q-home")
    c.check("combobox: the search box is a combobox, collapsed",
            box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
            and box.get_attribute("aria-controls") == "q-home-suggestions",
            f"role {box.get_attribute('role')!r}, aria-expanded {box.get_attribute('aria-expanded')!r}")
    box.click()
    box.send_keys("traiteur")
    try:
        WebDriverWait(d, 5).until(lambda d: box.get_attribute("aria-expanded") == "true")
    except TimeoutException:
        c.require("combobox: suggestions open (aria-expanded=true)", False, "aria-expanded stayed false")
    options = p.all("#q-home-suggestions [role=option]")
    c.check("combobox: a listbox of options", p.one("#q-home-suggestions").get_attribute("role") == "listbox"
            and len(options) > 0, f"{len(options)} options")
    status = p.text("#q-home-status")
    c.check("combobox: a polite live region says how many", str(len(options)) in status
            and p.one("#q-home-status").get_attribute("aria-live") == "polite", f"status {status!r}")
    p.loaded("/, combobox open")
    box.send_keys(Keys.ARROW_DOWN)
    active = box.get_attribute("aria-activedescendant") or ""
    c.check("combobox: ArrowDown makes the first option active", active == options[0].get_attribute("id")
            and options[0].get_attribute("aria-selected") == "true", f"aria-activedescendant {active!r}")
    box.send_keys(Keys.ARROW_DOWN)
    second = box.get_attribute("aria-activedescendant") or ""
    if len(options) > 1:
        c.check("combobox: ArrowDown again moves to the second", second == options[1].get_attribute("id"), second)
    box.send_keys(Keys.ARROW_UP)
    chosen = p.one(f"#{box.get_attribute('aria-activedescendant')}")
    target = urlparse(chosen.get_attribute("data-url") or "").path
    c.check("combobox: focus stays in the box while choosing", d.switch_to.active_element == box,
            describe(d.switch_to.active_element))
    p.navigating(lambda: box.send_keys(Keys.ENTER))
    c.check("combobox: Enter opens the chosen enterprise", p.path() == target and target.startswith("/entreprises/"),
            f"URL {d.current_url}, expected {target}")
    # Escape closes without searching.
    p.open("/")
    box = p.one("#q-home")
    box.send_keys("traiteur")
    try:
        WebDriverWait(d, 5).until(lambda d: box.get_attribute("aria-expanded") == "true")
        box.send_keys(Keys.ESCAPE)
        c.check("combobox: Escape closes the suggestions", box.get_attribute("aria-expanded") == "false"
                and not p.one("#q-home-suggestions").is_displayed())
    except TimeoutException:
        c.check("combobox: suggestions open a second time", False)


def phone_filters(c: Checks, p: Page, filtered_url: str) -> None:
    """On a phone the filters come after the results: « Filtres (2) » at the top reaches them."""
    d = p.d
    d.set_window_size(*MOBILE)
    d.get(filtered_url)
    p.ready()
    links = [a for a in p.all(".filters-jump a") if a.is_displayed()]
    c.require("phone: a « Filtres (N) » link is shown", len(links) == 1, f"{len(links)} shown")
    link = links[0]
    c.check("phone: it counts the active filters", " ".join(link.text.split()) == "Filtres (2)", repr(link.text))
    above = d.execute_script("return arguments[0].getBoundingClientRect().top < document.querySelector('ul.cards').getBoundingClientRect().top", link)
    c.check("phone: the link comes before the results", bool(above))
    link.click()
    time.sleep(0.3)
    top, height = d.execute_script("var r = document.getElementById('filtres').getBoundingClientRect(); return [r.top, window.innerHeight];")
    c.check("phone: the link brings the filters on screen", urlparse(d.current_url).fragment == "filtres" and -2 <= top < height,
            f"#filtres top {top} in a {height} px high window; URL {d.current_url}")
    d.set_window_size(*DESKTOP)
    d.get(filtered_url)
    p.ready()
    c.check("desktop: no « Filtres (N) » link (the filters are beside the results)",
            not [a for a in p.all(".filters-jump a") if a.is_displayed()])


def describe(element) -> str:
    try:
        tag = element.tag_name
        ident = element.get_attribute("id")
        cls = element.get_attribute("class")
        text = " ".join((element.text or "").split())[:40]
        return f"<{tag}{' id=' + ident if ident else ''}{' class=' + cls if cls else ''}> {text!r}"
    except WebDriverException:
        return "(unknown element)"


def screenshots(c: Checks, p: Page, urls: dict) -> None:
    d = p.d
    pages = [("home", p.base + "/"), ("results", urls["filtered_url"]),
             ("profile", urls["profile_url"])]
    for size_name, (width, height) in (("desktop", DESKTOP), ("mobile", MOBILE)):
        d.set_window_size(width, height)
        for page_name, url in pages:
            d.get(url)
            p.ready()
            if size_name == "mobile":
                p.loaded(f"{page_name} at {width} px")
            path = os.path.join(c.artifacts, f"{size_name}-{page_name}.png")
            save_page(d, path)
            c.check(f"{size_name} {page_name}: screenshot saved", os.path.getsize(path) > 1000,
                    f"{path} is too small")
            if size_name == "mobile":
                inner = d.execute_script("return window.innerWidth")
                c.check(f"mobile {page_name}: the window is {width} px wide", inner == width,
                        f"window.innerWidth is {inner}")
                inner, scroll, culprits = d.execute_script(
                    "var w = window.innerWidth, out = [];"
                    "document.querySelectorAll('body *').forEach(function (e) {"
                    "  var r = e.getBoundingClientRect();"
                    "  if (r.right > w + 1 && out.length < 5 && getComputedStyle(e).position !== 'fixed')"
                    "    out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')"
                    "             + ' right=' + Math.round(r.right));"
                    "});"
                    "return [w, document.documentElement.scrollWidth, out];")
                c.check(f"mobile {page_name}: no horizontal scroll at {width} px",
                        scroll <= inner + 1,
                        f"scrollWidth {scroll} > innerWidth {inner}; too wide: {culprits}")
    d.set_window_size(*DESKTOP)


def save_page(d: webdriver.Chrome, path: str) -> None:
    """Whole page (up to 4,000 px tall) through DevTools; the viewport if that fails."""
    try:
        width, height = d.execute_script(
            "return [document.documentElement.clientWidth,"
            " Math.min(document.documentElement.scrollHeight, 4000)];")
        shot = d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    except WebDriverException:
        d.save_screenshot(path)


# --- the map (issue #13) ------------------------------------------------------------------------


def map_walk(c: Checks, p: Page, javascript: bool) -> None:
    """The results map and a profile's small map. The test machine has no internet: tiles fail,
    and the markers must show all the same. Without JavaScript, the page lists the results."""
    d = p.d
    p.open("/entreprises?q=deneigement")
    switch = p.all(".view-switch a")
    c.require("map: the list offers « Carte »", any(fold(a.text) == "carte" for a in switch))
    p.navigating(lambda: next(a for a in switch if fold(a.text) == "carte").click())
    c.check("map: same query on the map page", p.path() == "/carte" and p.query().get("q") == ["deneigement"], d.current_url)
    c.check("map: the list of results stays on the page", len(p.cards()) > 0)
    if not javascript:
        c.check("map: without JavaScript, the page says so", p.exists("[data-map-noscript]")
                and p.one("[data-map-noscript]").is_displayed())
        c.check("map: without JavaScript, no empty map box", not p.one("[data-map]").is_displayed())
        return
    try:
        WebDriverWait(d, WAIT).until(lambda d: d.execute_script(
            "return document.querySelectorAll('#carte .leaflet-marker-icon').length") > 0)
    except TimeoutException:
        pass
    markers = d.execute_script("return document.querySelectorAll('#carte .leaflet-marker-icon').length")
    clusters = d.execute_script("return document.querySelectorAll('#carte .marker-cluster').length")
    c.check("map: markers or clusters appear (with no tiles reachable)", markers > 0, f"{markers} markers, {clusters} clusters")
    c.check("map: the status says how many are on the map", "carte" in fold(p.text("[data-map-status]")), p.text("[data-map-status]"))
    try:  # failed tiles are expected offline; a script error is not
        errors = [e for e in d.get_log("browser") if e.get("level") == "SEVERE" and "tile." not in e.get("message", "")]
    except WebDriverException:
        errors = []
    c.check("map: no script error", not errors, str(errors[:3]))
    # A marker (not a cluster) opens its card.
    single = d.execute_script("return document.querySelector('#carte .leaflet-marker-icon:not(.marker-cluster)')")
    if single is not None:
        d.execute_script("arguments[0].click()", single)
        WebDriverWait(d, WAIT).until(lambda d: d.execute_script("return !!document.querySelector('.leaflet-popup .map-card-title a')"))
        c.check("map: a marker's popup links to the profile",
                "/entreprises/" in (p.one(".leaflet-popup .map-card-title a").get_attribute("href") or ""))
        p.loaded("map with a popup")
    save_page(d, os.path.join(c.artifacts, "desktop-map.png"))
    p.open("/en/carte?q=deneigement")
    c.check("map: in English", p.lang().startswith("en") and "map" in fold(p.h1()), f"{p.lang()}: {p.h1()}")
    p.open("/entreprises?q=deneigement")
    profile = p.cards()[0].find_element(By.CSS_SELECTOR, ".card-title a").get_attribute("href")
    p.d.get(profile)
    p.ready()
    try:
        WebDriverWait(d, WAIT).until(lambda d: d.execute_script(
            "return document.querySelectorAll('#carte-profil .leaflet-marker-icon').length") > 0)
    except TimeoutException:
        pass
    c.check("map: the profile's small map shows its marker",
            d.execute_script("return document.querySelectorAll('#carte-profil .leaflet-marker-icon').length") > 0)
    save_page(d, os.path.join(c.artifacts, "desktop-profile-map.png"))


# --- main ---------------------------------------------------------------------------------------


def run_pass(c: Checks, name: str, javascript: bool, body) -> None:
    c.pass_name = name
    print(f"=== pass {name} (JavaScript {'on' if javascript else 'off'})", flush=True)
    driver = None
    started = time.monotonic()
    try:
        driver = new_driver(javascript)
        c.driver = driver
        body(driver)
    except Abort:
        print(f"      pass {name} stopped: the steps after it depend on that check")
    except (TimeoutException, WebDriverException, AssertionError) as error:
        c.check("pass ran to the end", False,
                f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}")
        traceback.print_exc(limit=3)
    finally:
        c.driver = None
        if driver is not None:
            driver.quit()
        print(f"      pass {name}: {time.monotonic() - started:.1f} s", flush=True)


# --- the signed-in area -------------------------------------------------------------------------


def latest_link(mail_dir: str, recipient: str, seconds: float = 20) -> str | None:
    """The single-use link of the newest .eml file the server wrote for recipient."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = []
        if os.path.isdir(mail_dir):
            for name in os.listdir(mail_dir):
                if not name.endswith(".eml"):
                    continue
                path = os.path.join(mail_dir, name)
                with open(path, "rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.default)
                if recipient in str(message["To"]):
                    body = message.get_body(preferencelist=("plain",)).get_content()
                    links = re.findall(r"https?://\S+jeton=[A-Za-z0-9_-]+", body)
                    if links:
                        found.append((os.path.getmtime(path), links[0]))
        if found:
            return sorted(found)[-1][1]
        time.sleep(0.3)
    return None


def set_password(c: Checks, p: Page, link: str, password: str, who: str) -> None:
    p.d.get(link)
    p.ready()
    c.require(f"{who}: the emailed link opens the password form", p.exists("#password") and p.exists("#confirmation"),
              f"h1: {p.h1()!r}")
    p.one("#password").send_keys(password)
    p.one("#confirmation").send_keys(password)
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.require(f"{who}: signed in on « Mon compte » after choosing the password",
              p.path() == "/compte" and "Mon compte" in p.h1(), f"at {p.path()}: {p.h1()!r}")


def sign_out(c: Checks, p: Page, who: str) -> None:
    p.navigating(lambda: p.one("header form[action='/deconnexion'] button").click())
    c.check(f"{who}: « Se déconnecter » ends the session", "/connexion" in p.d.current_url and p.exists("a[href='/connexion']"),
            p.d.current_url)


def on_job_page(p: Page) -> bool:
    try:
        return bool(p.d.find_elements(By.CSS_SELECTOR, "[data-import-job]"))
    except WebDriverException:
        return True  # between two pages: look again


def wait_until_past_job(c: Checks, p: Page, what: str) -> list[str]:
    """Follows an import job's progress page (at its own address, or in place of the preview) to
    its end: the site's script moves on by itself. Returns the progress texts seen on the way."""
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while on_job_page(p) and time.monotonic() < deadline:
        try:
            text = p.d.execute_script(
                "var b = document.getElementById('import-progress'), s = document.getElementById('import-phase');"
                "return b && s ? (b.value || 0) + '/' + (b.max || 0) + ' ' + s.textContent : null;")
        except WebDriverException:
            text = None
        if text and (not seen or seen[-1] != text):
            seen.append(text)
        time.sleep(0.1)
    WebDriverWait(p.d, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")
    p.loaded()
    c.require(f"import: {what}: the progress page moved on by itself", not on_job_page(p), p.path())
    return seen


def import_walk(c: Checks, p: Page) -> None:
    """The hub's own spreadsheet (French Excel: Windows-1252, semicolons), previewed with a value
    mapped by hand, applied as a background job whose progress bar is watched to the end, undone."""
    path = os.path.join(os.path.dirname(os.path.abspath(c.artifacts)), "liste-du-pole.csv")
    rows = [
        "Nom;Municipalité;Catégorie de membre;Secteur;Téléphone;Courriel",
        "CENTRE DE LA PETITE ENFANCE L'ÉCLAIRCIE (fictif);Longueuil;Entreprise d'économie sociale;Services aux personnes;450 555-0142;info@eclaircie.example.org",
        "Friperie du Vieux-Longueuil (fictive);St-Lambert;Entreprise d'économie sociale;Commerce de détail;450-555-0143;",
        "Sans municipalité;Atlantide;Entreprise d'économie sociale;Jardins communautaires;;",
        "Jean Exemple (fictif);Longueuil;Membre individuel;NA;450 555-0144;",
    ]
    # Enough rows that applying them takes a moment: the progress bar has something to show.
    rows += [f"Entreprise fictive d'essai {n:04d};Longueuil;Entreprise d'économie sociale;Habitation;;" for n in range(1, 1501)]
    with open(path, "w", encoding="cp1252", newline="\r\n") as handle:
        handle.write("\n".join(rows) + "\n")
    p.open("/entreprises?q=eclaircie")
    before = p.count() or 0
    p.open("/gestion/import")
    c.require("import: the upload page opens", p.exists("#import-file"), p.h1())
    p.one("#import-file").send_keys(path)
    p.navigating(lambda: p.one("form[action='/gestion/import'] button[type=submit]").click())
    wait_until_past_job(c, p, "analysing the file")
    body = p.one("body").text
    c.require("import: the preview shows what will happen", "Aperçu de l'import" in p.h1(), body[:300])
    counts = [int(x) for x in re.findall(r"(\d+)\s+(?:entreprise\(s\) à créer|ligne\(s\) refusée\(s\)|ligne\(s\) de personnes ignorée)", body)]
    c.check("import: 1,503 to create, none refused, one person skipped", counts[:3] == [1503, 0, 1], f"counts {counts}")
    c.check("import: the unknown municipality is reported, not guessed", "Atlantide" in body)
    c.check("import: accents from Windows-1252 intact", "ÉCLAIRCIE" in body or "Éclaircie" in body)
    c.check("import: the person is listed as skipped, not published", "Membre individuel" in body and "pas une entreprise" in body)
    c.check("import: an unknown sector value is a warning to map", "Jardins communautaires" in body and "non reconnu" in body)
    # The hub maps « Jardins communautaires » to the environment sector, once for every row using it.
    selects = [s for s in p.all("select[id^='valeur-']")
               if p.d.execute_script("return arguments[0].closest('tr').textContent", s).strip().startswith("Jardins communautaires")]
    c.require("import: the value « Jardins communautaires » has its own choice", bool(selects))
    Select(selects[0]).select_by_value("secteur:environnement-recuperation-recyclage")
    p.navigating(lambda: p.d.execute_script("arguments[0].form.requestSubmit()", selects[0]))
    wait_until_past_job(c, p, "analysing with the mapped value")
    body = p.one("body").text
    c.check("import: the mapped value is no longer a warning", "« Jardins communautaires » non reconnu" not in body, body[:200])
    chosen = [s for s in p.all("select[id^='valeur-']")
              if p.d.execute_script("return arguments[0].closest('tr').textContent", s).strip().startswith("Jardins communautaires")]
    c.check("import: the choice is shown as made",
            bool(chosen) and Select(chosen[0]).first_selected_option.get_attribute("value") == "secteur:environnement-recuperation-recyclage")
    p.navigating(lambda: p.one("form[action$='/appliquer'] button[type=submit]").click())
    c.check("import: « Importer » answers at once with the job's progress page", "/gestion/import/travaux/" in p.path(), p.path())
    progress = wait_until_past_job(c, p, "applying")
    c.check("import: the progress bar was seen moving", len(progress) >= 1, f"{progress}")
    print(f"      (progress seen while applying: {progress[:4]}{' …' if len(progress) > 4 else ''})")
    c.check("import: applied as one batch, the page says so", "Import appliqué" in p.one("body").text, p.h1())
    p.open("/entreprises?q=eclaircie")
    c.check("import: the new enterprise is searchable at once", (p.count() or 0) == before + 1, f"{before} → {p.count()}")
    p.open("/entreprises?q=jean+exemple")
    c.check("import: the person was not published", (p.count() or 0) == 0, f"{p.count()}")
    p.open("/gestion/import")
    undo = p.all("form[action^='/gestion/import/lots/'] button[type=submit]")
    c.require("import: the batch can be undone", bool(undo))
    p.navigating(lambda: undo[0].click())
    wait_until_past_job(c, p, "reverting")
    c.check("import: the revert is confirmed", "Import annulé" in p.one("body").text, p.h1())
    p.open("/entreprises?q=eclaircie")
    c.check("import: undone, the enterprise is gone", (p.count() or 0) == before, f"{before} → {p.count()}")
    p.open("/gestion/entreprises/archivees")
    archived = p.one("body").text
    c.check("import: undone, what it created is archived, not deleted",
            "Entreprise fictive d'essai " in archived
            and re.search(r"\d+ entreprises archivées ; les 1000 plus récemment archivées sont listées", archived) is not None,
            archived[:400])


def hub_editor_walk(c: Checks, p: Page, link: str | None, mail_dir: str) -> None:
    """The invited hub editor keeps an enterprise of their region current through the web UI."""
    c.require("hub editor: the invitation e-mail was written with a link", link is not None)
    set_password(c, p, link, "la Montérégie bouge", "hub editor")
    p.open("/entreprises?region=16&tri=nom")
    profile = p.all("ul.cards li.card .card-title a")[0].get_attribute("href")
    p.d.get(profile)
    p.ready()
    name = p.h1()
    c.require("hub editor: the profile offers « Modifier »", p.exists(".staff-links a"), name)
    p.navigating(lambda: p.d.find_element(By.LINK_TEXT, "Modifier").click())
    c.require("hub editor: the edit form opens", p.exists("#formulaire"), p.h1())
    phone = p.one("#formulaire [name=phone]")
    phone.clear()
    phone.send_keys("123")
    p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
    body = p.one("body").text
    c.check("hub editor: a bad phone number is refused with a French message next to the field",
            bool(p.all(".field-error")) and "téléphone" in body.lower(), body[:300])
    c.check("hub editor: the form keeps what was typed", p.one("#formulaire [name=phone]").get_attribute("value") == "123")
    p.loaded("/gestion/entreprises/:id/modifier, refused")
    phone = p.one("#formulaire [name=phone]")
    phone.clear()
    phone.send_keys("450 555-0199")
    p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
    p.d.get(profile)
    p.ready()
    c.check("hub editor: the saved phone is on the public profile", "450 555-0199" in p.one("body").text)
    p.navigating(lambda: p.d.find_element(By.LINK_TEXT, "Historique").click())
    c.check("hub editor: the history shows the change with its author", "Pôle de la Montérégie" in p.one("body").text
            and "450 555-0199" in p.one("body").text, p.h1())
    import_walk(c, p)
    p.open("/entreprises?region=04&tri=nom")
    other = p.all("ul.cards li.card .card-title a")
    if other:
        slug = other[0].get_attribute("href").rstrip("/").split("/")[-1]
        p.open(f"/entreprises/{slug}")
        c.check("hub editor: no « Modifier » outside their region", not p.d.find_elements(By.LINK_TEXT, "Modifier"))
    # The purchasing dashboards of the hub's territory (issue #16): the region, then an MRC of it.
    p.open("/acheteurs/tableau-de-bord")
    c.check("hub editor: the purchasing dashboard opens on the region", p.h1().startswith("Achats responsables — Région 16")
            and p.exists("select#territoire option[value^='mrc:']"), p.h1())
    p.open("/acheteurs/tableau-de-bord?territoire=mrc:58")
    c.check("hub editor: an agglomeration's dashboard, with its public page's choice", p.exists("form[action$='/publication']"), p.h1())
    # « Économie sociale, J'achète! » (issue #17): a collaboration story about two enterprises.
    story = None
    try:
        story = jachete_editor_walk(c, p)
    except Abort as stopped:
        print(f"      J'achète editor's walk stopped at « {stopped} »; the hub editor's walk goes on")
    p.open("/compte/infolettre")
    p.one("input[name=frequence][value=hebdomadaire]").click()
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("J'achète digest: the hub editor subscribes from their account", "Abonnement enregistré" in p.text("main"), p.text("main")[:200])
    sign_out(c, p, "hub editor")
    if story:
        try:
            jachete_visitor_walk(c, p, story, mail_dir)
        except Abort as stopped:
            print(f"      J'achète visitor's walk stopped at « {stopped} »; the staff walk goes on")


def admin_pages(c: Checks, p: Page, mail_dir: str) -> None:
    """The other staff pages an administrator sees, each opened (and so checked by axe) once."""
    p.open("/admin/courriels")
    c.check("administrator: the outbox lists the invitations", "monteregie.example.org" in p.one("body").text, p.h1())
    p.open("/admin/utilisateurs")
    users = [a.get_attribute("href") for a in p.all("main table a[href*='/admin/utilisateurs/']")]
    c.check("administrator: the users are links to their page", bool(users), p.h1())
    if users:
        p.d.get(users[-1])
        p.ready()
        c.check("administrator: a user's page opens", p.h1() != "" and p.exists("main form"), p.h1())
    for path in ("/gestion/a-verifier", "/gestion/propositions", "/gestion/entreprises/archivees", "/gestion/import"):
        p.open(path)
        c.check(f"administrator: {path} opens", p.h1() != "" and p.exists("main"), f"h1 {p.h1()!r}")
    to_verify_pages(c, p)
    p.open("/gestion/entreprises/nouvelle")
    c.require("administrator: the new-enterprise form opens", p.exists("#formulaire"), p.h1())
    p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
    c.check("administrator: an empty new enterprise is refused, the errors next to the fields",
            bool(p.all(".field-error")), p.h1())
    p.loaded("/gestion/entreprises/nouvelle, refused")
    p.open("/entreprises?q=deneigement")
    first = p.all("ul.cards li.card .card-title a")
    if first:
        p.d.get(first[0].get_attribute("href"))
        p.ready()
        edit = p.d.find_elements(By.LINK_TEXT, "Modifier")
        c.require("administrator: the profile offers « Modifier »", bool(edit), p.h1())
        p.navigating(edit[0].click)
        c.check("administrator: the edit form opens", p.exists("#formulaire"), p.h1())
        # Empty repeated blocks wait behind « Ajouter »: one click shows one.
        add = [b for b in p.all("#offre button[data-add-row]") if b.is_displayed()]
        hidden = [r for r in p.all("#offre fieldset[data-blank]") if not r.is_displayed()]
        c.check("edit form: empty offering blocks hidden behind « Ajouter »", len(add) == 1 and len(hidden) >= 1,
                f"{len(add)} button(s), {len(hidden)} hidden block(s)")
        if add:
            add[0].click()
            shown = [r for r in p.all("#offre fieldset[data-blank]") if r.is_displayed()]
            c.check("edit form: « Ajouter » shows one empty block, its first field focused",
                    len(shown) == 1 and p.d.switch_to.active_element.get_attribute("name") is not None
                    and "offerings[" in (p.d.switch_to.active_element.get_attribute("name") or ""),
                    describe(p.d.switch_to.active_element))
        # A conflict: the form is saved once, then sent again with the version it was read at.
        edit_url = p.d.current_url
        read_at = p.one("#formulaire input[name=version]").get_attribute("value")
        phone = p.one("#formulaire [name=phone]")
        phone.clear()
        phone.send_keys("450 555-0187")
        p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
        p.d.get(edit_url)
        p.ready()
        p.d.execute_script("arguments[0].value = arguments[1]",
                           p.one("#formulaire input[name=version]"), read_at)
        phone = p.one("#formulaire [name=phone]")
        phone.clear()
        phone.send_keys("450 555-0188")
        p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
        c.check("administrator: an edit made on an old version shows the conflict",
                "conflit" in p.one("body").text.lower(), p.h1())
        p.loaded("/gestion/entreprises/:id/modifier, conflict")
    # A confirmation asked of an enterprise that has an e-mail: the link in its e-mail opens the
    # public confirmation page.
    p.open("/gestion/a-verifier")
    rows = [r for r in p.all("table.staff-table tbody tr") if "@" in r.text]
    if c.check("administrator: an enterprise to verify has an e-mail", bool(rows)):
        address = next(w for w in rows[0].text.split() if "@" in w)
        button = rows[0].find_element(By.CSS_SELECTOR, "form button[type=submit]")
        p.navigating(button.click)
        c.check("administrator: the confirmation is asked", p.query().get("message") == ["demande"], p.d.current_url)
        link = latest_link(mail_dir, address)
        c.check(f"the enterprise ({address}) gets a confirmation link", link is not None)
        if link:
            p.d.get(link)
            p.ready()
            c.check("confirmation page: the enterprise's form", p.h1() != "" and p.exists("main form"), p.h1())


def to_verify_pages(c: Checks, p: Page) -> None:
    """/gestion/a-verifier pages through every record due, by region, with a CSV of the list."""
    p.open("/gestion/a-verifier")
    line = p.text("#due-count strong")
    due = parse_count(line)
    c.check("to verify: the true total is said", due is not None and due > 0, repr(line))
    rows = len(p.all("table.staff-table tbody tr"))
    c.check("to verify: a page of at most 100 rows", 0 < rows <= 100, f"{rows} rows")
    if due and due > 100:
        c.require("to verify: a next page", p.exists("nav.pagination a[rel='next']"), "no rel=next")
        p.navigating(p.one("nav.pagination a[rel='next']").click)
        c.check("to verify: page 2", p.query().get("page") == ["2"] and len(p.all("table.staff-table tbody tr")) > 0,
                p.d.current_url)
    select = Select(p.one("#due-region"))
    p.navigating(lambda: select.select_by_value("16"))
    narrowed = parse_count(p.text("#due-count strong"))
    c.check("to verify: choosing Montérégie narrows the list (the select applies itself)",
            p.query().get("region") == ["16"] and narrowed is not None and due is not None and narrowed <= due,
            f"URL {p.d.current_url}, {narrowed} of {due}")
    places = [r.find_elements(By.CSS_SELECTOR, "td")[1].text for r in p.all("table.staff-table tbody tr")]
    c.check("to verify: every row is in Montérégie", places and all(REGION_NAME in x for x in places), f"{places[:3]}")
    csv = [a.get_attribute("href") for a in p.all("main a[href*='/gestion/a-verifier.csv']")]
    c.check("to verify: a CSV link keeps the region", len(csv) == 1 and "region=16" in csv[0], f"{csv}")
    if csv:
        text = p.d.execute_async_script(
            "var done = arguments[1]; fetch(arguments[0], {credentials: 'same-origin'})"
            ".then(function (r) { return r.text(); }).then(done, function (e) { done(String(e)); });", csv[0])
        lines = [x for x in text.splitlines() if x.strip()]
        c.check("to verify: the CSV holds the whole region's list", narrowed is not None and len(lines) == narrowed + 1,
                f"{len(lines)} lines for {narrowed} records")


def staff_walk(c: Checks, p: Page, managers: Managers, admin_link: str, mail_dir: str) -> None:
    """An administrator activates their account, invites two buyers of one municipality, adds a
    dated threshold; the buyer activates theirs from the e-mail, sees the managers' contacts that
    a visitor cannot and walks the buyers' workspace; the colleague sees the list shared with them."""
    set_password(c, p, admin_link, "une phrase pour le réseau", "administrator")
    c.check("administrator: the roles are shown", "Administrateur" in p.text("#roles"), p.text("#roles"))
    p.open("/admin/utilisateurs")
    c.require("administrator: the users page opens", p.h1() == "Utilisateurs", p.h1())
    p.one("#invite-email").send_keys("acheteuse@longueuil.example.org")
    p.one("#invite-name").send_keys("Geneviève Côté")
    p.one("input[name=roles][value=buyer]").click()
    p.one("#invite-municipality").send_keys("Longueuil")
    p.navigating(lambda: p.one("form[action='/admin/utilisateurs/invitations'] button[type=submit]").click())
    c.require("administrator: the invitation is sent", "Invitation envoyée" in p.one("body").text,
              p.text("#form-error") if p.exists("#form-error") else p.h1())
    c.check("administrator: the invitee is listed as waiting", "invitation en attente" in p.one("body").text)
    # A colleague in the same municipality, who will see the lists shared with it.
    invite(c, p, COLLEAGUE, "Mathieu Roy", "buyer", lambda: p.one("#invite-municipality").send_keys("Longueuil"))
    p.one("#invite-email").send_keys("pole@monteregie.example.org")
    p.one("#invite-name").send_keys("Pôle de la Montérégie")
    p.one("input[name=roles][value=hub-editor]").click()
    Select(p.one("#invite-regions")).select_by_value("16")
    p.navigating(lambda: p.one("form[action='/admin/utilisateurs/invitations'] button[type=submit]").click())
    c.require("administrator: the hub editor's invitation is sent", "Invitation envoyée à pole@monteregie.example.org" in p.one("body").text,
              p.text("#form-error") if p.exists("#form-error") else p.h1())
    represented = managers.some_offering_managed_slug() or "deneigement-les-bons-voisins"
    p.one("#invite-email").send_keys("representant@entreprise.example.org")
    p.one("#invite-name").send_keys("Rémi Représentant")
    p.one("input[name=roles][value=representative]").click()
    p.one("#invite-enterprise").send_keys(f"/entreprises/{represented}")
    p.navigating(lambda: p.one("form[action='/admin/utilisateurs/invitations'] button[type=submit]").click())
    c.check("administrator: the representative's invitation is sent",
            "Invitation envoyée à representant@entreprise.example.org" in p.one("body").text,
            p.text("#form-error") if p.exists("#form-error") else p.h1())
    p.open("/admin/journal")
    c.check("administrator: the audit log shows the invitation", "Invitation" in p.one("body").text)
    admin_pages(c, p, mail_dir)
    thresholds_walk(c, p)
    sign_out(c, p, "administrator")

    hub_editor_walk(c, p, latest_link(mail_dir, "pole@monteregie.example.org"), mail_dir)

    link = latest_link(mail_dir, "acheteuse@longueuil.example.org")
    c.require("buyer: the invitation e-mail was written with a link", link is not None, f"no .eml in {mail_dir}")
    set_password(c, p, link, "les achats de Longueuil", "buyer")
    c.check("buyer: the roles are shown", "Acheteur municipal" in p.text("#roles"), p.text("#roles"))
    p.open("/entreprises?q=deneigement&tri=proximite")
    badges = [b for b in p.all(".badge-local") if b.text == "Dessert votre municipalité"]
    c.check("buyer: « Dessert votre municipalité » on the cards, their municipality first", len(badges) > 0
            and bool(p.cards()[0].find_elements(By.CSS_SELECTOR, ".badge-local")), f"{len(badges)} badges")
    slug = managers.some_managed_slug()
    if slug:
        p.open(f"/entreprises/{slug}")
        secrets = managers.of(slug)
        body = p.one("body").text
        c.check(f"buyer: the managers' contacts are shown ({len(secrets)})", all(s in body for s in secrets),
                f"missing: {[s for s in secrets if s not in body]}")
    # The buyers' workspace (issue #14); if it stops early, the rest of the staff walk goes on.
    list_path = None
    try:
        list_path = buyer_workspace_walk(c, p, managers)
    except Abort as stopped:
        print(f"      buyer's workspace stopped at « {stopped} »; the staff walk goes on")
        p.open("/compte")
    # Calls for interest (issue #15): need, proposed enterprises, send, the enterprise's answer.
    call_path = None
    try:
        call_path = calls_walk(c, p, mail_dir)
    except Abort as stopped:
        print(f"      calls for interest stopped at « {stopped} »; the staff walk goes on")
        p.open("/compte")
    # The purchasing record (issue #16): the answer retained, the contract recorded, the dashboard.
    if call_path:
        try:
            purchases_walk(c, p, call_path)
        except Abort as stopped:
            print(f"      purchasing record stopped at « {stopped} »; the staff walk goes on")
            p.open("/compte")
    sign_out(c, p, "buyer")
    if slug:
        p.open(f"/entreprises/{slug}")
        check_managers_hidden(c, p, managers, slug, "visitor after sign-out")
    if list_path:
        try:
            colleague_walk(c, p, mail_dir, list_path)
        except Abort as stopped:
            print(f"      colleague's walk stopped at « {stopped} »; the staff walk goes on")
            p.open("/compte")
            if p.exists("header form[action='/deconnexion']"):
                sign_out(c, p, "colleague")
    # A wrong password: a clear message, no hint of which part was wrong.
    p.open("/connexion")
    p.one("#email").send_keys("acheteuse@longueuil.example.org")
    p.one("#password").send_keys("pas le bon mot de passe")
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("sign-in: a wrong password gets a clear message", "Adresse courriel ou mot de passe incorrect" in p.text("#form-error"))
    p.loaded("/connexion, refused")
    representative_walk(c, p, latest_link(mail_dir, "representant@entreprise.example.org"), represented, managers, mail_dir)


# --- Public tenders from SEAO (issue #18) --------------------------------------------------------


def seao_package(target: dict) -> str:
    """A fictional SEAO release package (OCDS 1.1): a call of the enterprise's town about its first
    offering, a delta that updates it, and a call of a body that is not municipal."""
    closes = time.strftime("%Y-%m-%dT11:00:00-05:00", time.gmtime(time.time() + 60 * 86400))
    opens = time.strftime("%Y-%m-%dT09:00:00-05:00", time.gmtime(time.time() - 86400))
    buyer = {"name": f"Ville de {target['municipality']}", "id": "OP-990001"}
    def release(ocid, rid, tag, title, buyer, municipal, region):
        return {"ocid": ocid, "id": rid, "date": opens, "tag": [tag], "initiationType": "tender",
                "parties": [dict(buyer, roles=["buyer"], details={"municipal": "1" if municipal else "0"})], "buyer": buyer,
                "tender": {"id": rid, "title": title, "status": "active",
                           "items": [{"id": "S3", "description": "S3 - Services (fictif)",
                                      "classification": {"scheme": "UNSPSC", "id": "76110000", "description": "fictif"}}],
                           "procurementMethod": "open", "procurementMethodDetails": "Avis d’appel d’offres", "mainProcurementCategory": "services",
                           "tenderPeriod": {"startDate": opens, "endDate": closes, "durationInDay": 60}, "deliveryarea": region,
                           "documents": [{"url": f"https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId=fictif-{rid}"}]},
                "language": "fr"}
    title = f"{target['offering']} (appel fictif)"
    package = {"uri": "https://example.invalid/hebdo_fictif.json", "version": "1.1", "publishedDate": opens,
               "publisher": {"name": "Secrétariat du Conseil du trésor"}, "license": "https://www.donneesquebec.ca/fr/licence/#cc-by",
               "releases": [release("ocds-ec9k95-99000001", "990001", "tender", title + "\t", buyer, True, target["region"]),
                            release("ocds-ec9k95-99000002", "990002", "tender", "Fournitures de bureau (appel fictif)",
                                    {"name": "Organisme public fictif", "id": "OP-990002"}, False, target["region"])]}
    return "\ufeff" + json.dumps(package, ensure_ascii=False)


def tenders_admin_walk(c: Checks, p: Page, managers: Managers, slug: str) -> str | None:
    """The administrator imports a SEAO file; the open call appears, matched to the enterprise."""
    target = managers.tender_target(slug)
    c.require("SEAO: the represented enterprise has an offering and a town", target is not None, slug)
    title = f"{target['offering']} (appel fictif)"
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="hebdo_fictif_", delete=False, encoding="utf-8") as f:
        f.write(seao_package(target))
        path = f.name
    try:
        p.open("/gestion/seao")
        c.require("administrator: the SEAO page opens with its upload form", p.exists("#seao-file"), p.h1())
        p.one("#seao-file").send_keys(path)
        p.navigating(lambda: p.one("form[enctype='multipart/form-data'] button[type=submit]").click())
        body = p.one("body").text
        c.require("administrator: the file is imported, with its counts", "2 publications lues, 2 nouvelles" in body, body[:300])
        c.check("administrator: the import is listed", os.path.basename(path) in body)
        p.loaded("/gestion/seao, imported")
        p.one("#seao-file").send_keys(path)
        p.navigating(lambda: p.one("form[enctype='multipart/form-data'] button[type=submit]").click())
        c.check("administrator: importing the same file again changes nothing", "0 nouvelles, 2 déjà importées" in p.one("body").text)
    finally:
        os.unlink(path)
    p.open("/appels-d-offres")
    titles = [a.text for a in p.all(".tender-list h3 a")]
    c.check("open calls: the town's call is listed (tabs of SEAO's title cleaned), not the other body's",
            title in titles and not any("Fournitures de bureau" in t for t in titles), f"{titles}")
    Select(p.one("#t-region")).select_by_value(target["region"])
    p.one("#t-all").click()
    p.navigating(lambda: p.one("form[role=search] button[type=submit]").click())
    titles = [a.text for a in p.all(".tender-list h3 a")]
    c.check("open calls: the region and « tous les organismes publics » show both calls", len(titles) == 2, f"{titles}")
    links = [a for a in p.all(".tender-list h3 a") if a.text == title]
    c.require("open calls: the call links to its page", bool(links))
    p.navigating(lambda: links[0].click())
    c.check("call page: the SEAO link and the history", p.exists("a[href^='https://seao.gouv.qc.ca/']") and p.exists("table tbody tr"), p.h1())
    matches = [a.text for a in p.all(".match-list a")]
    c.check("call page: the represented enterprise is among those that could answer", target["name"] in matches, f"{matches[:5]}")
    p.loaded("/appels-d-offres/:ocid, as an administrator")
    return title


def tenders_visitor_walk(c: Checks, p: Page) -> None:
    """A visitor browses the open calls in French and English, with a bad filter."""
    p.open("/appels-d-offres?ferme-avant=demain")
    c.check("open calls: a bad date is said in French", "Date « demain » invalide" in p.one("body").text, p.h1())
    p.loaded("/appels-d-offres, refused")
    p.open("/en/appels-d-offres")
    c.check("open calls in English", p.lang().startswith("en") and "open call" in p.one("body").text, p.h1())
    links = p.all(".tender-list h3 a")
    if c.check("open calls in English: a call is listed", bool(links)):
        p.navigating(lambda: links[0].click())
        c.check("call page in English: no matches shown to visitors", not p.exists(".match-list") and p.exists("a[href^='https://seao.gouv.qc.ca/']"), p.h1())


# --- « Économie sociale, J'achète! » (issue #17) ------------------------------------------------

STORY_TITLE = "Saint-Lambert confie ses repas communautaires à deux entreprises collectives"


def tiny_png() -> bytes:
    """A real 1×1 PNG, written here (no image file in the repository)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x2a\x7a\x3c")) + chunk(b"IEND", b"")


def jachete_editor_walk(c: Checks, p: Page) -> dict:
    """The hub editor uploads a photo, writes a collaboration story about two enterprises of the
    region (raw HTML in its Markdown), previews it, saves the draft and publishes it."""
    p.open("/entreprises?region=16&tri=nom")
    cards = p.all("ul.cards li.card .card-title a")
    c.require("J'achète: two enterprises of the region to write about", len(cards) >= 2, f"{len(cards)} cards")
    # Pasted as the browser shows them: whole links to the profiles, with their query.
    links = [a.get_attribute("href") for a in cards[:2]]
    slugs = [urlparse(link).path.rstrip("/").split("/")[-1] for link in links]
    names = [a.text.strip() for a in cards[:2]]
    png_path = os.path.join(tempfile.mkdtemp(prefix="repertoire-image-"), "repas.png")
    with open(png_path, "wb") as handle:
        handle.write(tiny_png())
    p.open("/gestion/jachete")
    c.require("J'achète: the editor's list opens", p.h1() == "Articles « J'achète! »", p.h1())
    p.navigating(lambda: p.d.find_element(By.LINK_TEXT, "Téléverser une image").click())
    c.check("J'achète: the alternative text is required by the form", p.one("#alt").get_attribute("required") is not None)
    p.one("#image").send_keys(png_path)
    p.one("#alt").send_keys("Repas servis dans la salle communautaire")
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    image_markdown = p.text(".notice code")
    c.require("J'achète: the image is uploaded, with the line to paste", image_markdown.startswith("![Repas servis"), p.text("main")[:200])
    p.open("/gestion/jachete/nouveau")
    c.require("J'achète: the article form", p.exists("#titre") and p.exists("#texte"), p.h1())
    p.one("input[name=type][value=collaboration]").click()
    p.one("#titre").send_keys(STORY_TITLE)
    p.one("#resume").send_keys("Des repas préparés par une coopérative et livrés par un organisme d'insertion.")
    p.one("#texte").send_keys("# Le projet\n\nLa Ville a acheté des **repas communautaires** de gré à gré.\n\n<script>alert('xss')</script>\n\n" + image_markdown)
    p.one("#etiquettes").send_keys("alimentation, gré à gré")
    p.one("#entreprises").send_keys("\n".join(links))
    Select(p.one("#municipalite")).select_by_value("58012")
    p.one("#achat").send_keys("Repas pour les aînés, 2026")
    p.one("input[name=mode][value=gre-a-gre]").click()
    p.one("#resultat").send_keys("1 200 repas servis, quatre emplois d'insertion.")
    p.navigating(lambda: p.one("button[value=apercu]").click())
    preview = p.text(".preview")
    c.check("J'achète: the preview shows the Markdown, and the raw HTML as text", "Le projet" in preview and "<script>alert('xss')</script>" in preview
            and not p.d.execute_script("return window.__xss === true"), preview[:300])
    c.check("J'achète: the preview shows the uploaded image", p.exists(".preview img[src^='/jachete/images/'][alt='Repas servis dans la salle communautaire']"))
    p.navigating(lambda: p.one("button[value=enregistrer]").click())
    c.require("J'achète: the draft is saved", "brouillon est enregistré" in p.text("p.notice"), p.text("main")[:300])
    p.navigating(lambda: p.one("form[action$='/statut'] button[type=submit]").click())
    c.require("J'achète: the story is published", "L'article est publié." in p.text("p.notice"), p.text("main")[:300])
    c.check("J'achète: the history lists each step", "publié" in p.text(".history") and "créé" in p.text(".history"), p.text(".history"))
    return {"title": STORY_TITLE, "slugs": slugs, "names": names}


def jachete_visitor_walk(c: Checks, p: Page, story: dict, mail_dir: str) -> None:
    """A visitor finds the story by searching J'achète, opens it, follows an enterprise's card to
    its profile, which links back to the story; the English pages and the new enterprises."""
    p.open("/jachete")
    c.require("J'achète: the hub's page", p.h1() == "Économie sociale, J'achète!", p.h1())
    c.check("J'achète: the story is among the collaboration examples", story["title"] in p.text("main"))
    c.check("J'achète: new enterprises listed without anyone writing them", len(p.all("ul.cards li.card")) > 0)
    p.one("#hub-q").send_keys("repas communautaires")
    p.navigating(lambda: p.one("form.hub-search button[type=submit]").click())
    found = [a for a in p.all(".article-list h3 a") if " ".join(a.text.split()) == story["title"]]
    c.require("J'achète: the search finds the story", len(found) == 1, p.text("main")[:300])
    p.navigating(lambda: found[0].click())
    c.require("J'achète: the story's page", p.h1() == story["title"], p.h1())
    body = p.text("main")
    c.check("J'achète: the raw HTML shows as text, nothing ran", "<script>alert('xss')</script>" in body and not p.exists("main script"), body[:300])
    c.check("J'achète: the facts of the purchase", "Saint-Lambert" in p.text("dl.facts") and "Gré à gré" in p.text("dl.facts"), p.text("dl.facts"))
    article_path = p.path()
    cards = p.all("ul.cards li.card .card-title a")
    c.require("J'achète: the two enterprises as cards", len(cards) == 2, f"{len(cards)} cards")
    p.navigating(lambda: cards[0].click())
    c.check("J'achète: the enterprise's profile links back to the story",
            any(a.get_attribute("href").endswith(article_path) for a in p.all("section[aria-labelledby=jachete-title] a")), p.h1())
    p.open("/")
    c.check("J'achète: the home page's block shows the story", story["title"] in p.text("section.hub-home"), p.text("section.hub-home")[:200])
    p.open("/en" + article_path)
    c.check("J'achète: the English page says it is in French only", p.lang() == "en-CA" and "French only" in p.text("main"), p.lang())
    p.open("/en/jachete")
    c.check("J'achète: the English hub", p.h1() == "Économie sociale, J'achète!", p.h1())
    p.open("/jachete/nouvelles-entreprises?region=16")
    c.check("J'achète: the new enterprises of a region", p.h1() == "Nouvelles entreprises" and len(p.cards()) > 0, p.h1())
    # The digest: a visitor subscribes, then confirms from the e-mail.
    p.open("/jachete/infolettre")
    p.one("#courriel").send_keys("lectrice@exemple.org")
    p.one("input[name=frequence][value=mensuelle]").click()
    p.one("input[name=regions][value='16']").click()
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("J'achète digest: the page asks to confirm by e-mail", "Presque fini" in p.text("main"), p.text("main")[:200])
    link = latest_link(mail_dir, "lectrice@exemple.org")
    c.require("J'achète digest: the confirmation e-mail carries its link", link is not None and "/jachete/infolettre/confirmation" in link, str(link))
    p.d.get(link)
    p.ready()
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("J'achète digest: confirmed", "est confirmé" in p.text("main"), p.text("main")[:200])
    # The fictional demo training: a visitor registers, then cancels from the e-mail's link.
    p.open("/jachete?type=formation")
    trainings = [a for a in p.all(".article-list h3 a") if "Formation fictive" in a.text]
    c.require("J'achète: the demo training is listed", len(trainings) >= 1, p.text("main")[:200])
    p.navigating(lambda: trainings[0].click())
    c.require("J'achète: the training takes registrations", p.exists("#inscription form"), p.h1())
    p.one("#nom").send_keys("Isabelle Participante")
    p.one("#courriel").send_keys("participante@exemple.org")
    p.one("#ville").send_keys("Brossard")
    p.navigating(lambda: p.one("#inscription form button[type=submit]").click())
    c.check("J'achète: the registration is confirmed", "inscription est confirmée" in p.text("#inscription"), p.text("#inscription")[:200])
    cancel = latest_link(mail_dir, "participante@exemple.org")
    c.require("J'achète: the confirmation e-mail carries the cancellation link", cancel is not None and "/jachete/inscription/annulation" in cancel, str(cancel))
    p.d.get(cancel)
    p.ready()
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("J'achète: the registration is cancelled", "est annulée" in p.text("main"), p.text("main")[:200])


# --- calls for interest (issue #15) -------------------------------------------------------------

CALL_TITLE = "Déneigement des stationnements municipaux"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def call_answer_link(mail_dir: str, call_id: str, seconds: float = 30) -> str | None:
    """The French answer link of a call-for-interest e-mail the server wrote for call_id."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.isdir(mail_dir):
            for name in sorted(os.listdir(mail_dir)):
                if not name.endswith(".eml"):
                    continue
                with open(os.path.join(mail_dir, name), "rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.default)
                body = message.get_body(preferencelist=("plain",)).get_content()
                links = re.findall(r"https?://[^\s]+/appel-d-interet\?appel=" + re.escape(call_id) + r"&jeton=[A-Za-z0-9_-]+", body)
                if links and message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click":
                    return links[0]
        time.sleep(0.3)
    return None


def calls_walk(c: Checks, p: Page, mail_dir: str) -> None:
    """The buyer writes a snow-removal need with a PDF, has the enterprises proposed, sends; the
    e-mail's link opens the answer page, which answers « intéressée » with a PDF; the buyer sees
    the answer and downloads the document."""
    pdf_path = os.path.join(tempfile.mkdtemp(prefix="repertoire-call-"), "offre.pdf")
    with open(pdf_path, "wb") as handle:
        handle.write(PDF)
    p.open("/acheteurs/appels")
    c.require("calls for interest: the page opens for the buyer", p.h1() == "Appels d'intérêt", p.h1())
    p.navigating(lambda: p.one("a.button[href='/acheteurs/appels/nouveau']").click())
    c.require("calls for interest: the need's form", p.exists("#titre") and p.exists("#description"), p.h1())
    p.one("#titre").send_keys(CALL_TITLE)
    p.one("#description").send_keys("Déneigement et épandage d'abrasifs de 12 stationnements municipaux, de novembre à avril.")
    p.one("input[name=type][value=services]").click()
    p.one("input[name=montant][value=invitation]").click()
    p.one("#pieces").send_keys(pdf_path)
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.require("calls for interest: the draft is saved", p.h1() == CALL_TITLE and "Brouillon" in p.text("dl.facts"), p.h1())
    call_path = p.path()
    call_id = call_path.rsplit("/", 1)[-1]
    p.navigating(lambda: p.one("form[action$='/destinataires'] button[type=submit]").click())
    rows = p.all("table.recipients tbody tr")
    c.require("calls for interest: enterprises are proposed", len(rows) > 0, f"{len(rows)} rows")
    c.check("calls for interest: each says why (the words, the area)", all("sert :" in row.text for row in rows), rows[0].text)
    p.navigating(lambda: p.one("form[action$='/envoyer'] button[type=submit]").click())
    c.require("calls for interest: sent", "Appel envoyé" in p.text("p.notice"), p.text("p.notice"))
    link = call_answer_link(mail_dir, call_id)
    c.require("calls for interest: the e-mail carries the answer link and the one-click stop", link is not None, f"no .eml in {mail_dir}")
    p.d.get(link)
    p.ready()
    c.require("answer page: the need, without an account", CALL_TITLE in p.one("main").text and p.exists("input[name=reponse]"), p.h1())
    p.one("input[name=reponse][value=interested]").click()
    p.one("#message").send_keys("Nous avons deux chargeuses disponibles.")
    p.one("#contact-nom").send_keys("Marc Gagnon")
    p.one("#contact-courriel").send_keys("marc@entreprise.example.org")
    p.one("#document").send_keys(pdf_path)
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.check("answer page: the answer is saved", "Votre réponse est enregistrée" in p.text("p.notice"), p.text("body")[:300])
    p.open(call_path)
    answered = p.all("tr[data-status=interessee]")
    c.require("calls for interest: the buyer sees the enterprise interested", len(answered) == 1, f"{len(answered)} rows")
    c.check("calls for interest: with its message and contact", "Marc Gagnon" in answered[0].text and "chargeuses" in answered[0].text, answered[0].text)
    files = answered[0].find_elements(By.CSS_SELECTOR, "a[href*='/fichiers/']")
    c.require("calls for interest: the answer's document is linked", len(files) == 1)
    status, content_type, body = download(p, files[0].get_attribute("href"))
    c.check("calls for interest: the document downloads as the PDF sent", status == 200 and content_type == "application/pdf" and body == PDF,
            f"{status} {content_type} {len(body)} bytes")
    p.open("/en" + call_path)
    c.check("calls for interest: the English page", p.lang() == "en-CA" and p.h1() == CALL_TITLE, p.lang())
    return call_path


def purchases_walk(c: Checks, p: Page, call_path: str) -> None:
    """The buyer retains the interested enterprise of the call, records the contract from the
    filled form, and finds it in the dashboard (chart and table), the list of contracts and, once
    published, the city's public page."""
    p.open(call_path)
    retain = p.all("a.retain")
    c.require("purchasing record: the interested answer can be retained", len(retain) == 1, f"{len(retain)} links")
    p.navigating(lambda: retain[0].click())
    c.require("purchasing record: the form comes filled from the call",
              p.h1() == "Inscrire un contrat" and p.one("#entreprise").get_attribute("value") != "" and CALL_TITLE in p.one("#description").get_attribute("value"),
              p.h1())
    p.one("#montant").send_keys("22 000")
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.require("purchasing record: the contract is recorded", "Le contrat est inscrit" in p.text("main"), p.text("main")[:300])
    p.open(call_path)
    c.check("purchasing record: the call shows the contract", "Retenue : contrat inscrit" in p.text("table.recipients"), p.text("table.recipients")[:300])
    p.open("/acheteurs/tableau-de-bord")
    c.require("purchasing record: the dashboard opens on the buyer's city", p.h1().startswith("Achats responsables — Longueuil"), p.h1())
    figures = p.text("dl.figures")
    c.check("purchasing record: the dashboard counts the contract", "22 000 $" in figures.replace("\u00a0", " ").replace("\u202f", " "), figures[:200])
    c.check("purchasing record: charts drawn by the server, with their tables", p.exists("svg.chart[role=img] title") and p.exists("table.staff-table caption"))
    p.open("/acheteurs/contrats")
    c.check("purchasing record: the list of contracts", len(p.all("tr[data-contrat]")) == 1, p.text("main")[:200])
    p.open("/en/acheteurs/tableau-de-bord")
    c.check("purchasing record: the English dashboard", p.lang() == "en-CA" and p.h1().startswith("Responsible purchasing"), p.h1())
    p.open("/acheteurs/tableau-de-bord")
    p.one("input[name=publique]").click()
    p.navigating(lambda: p.one("form[action$='/publication'] button[type=submit]").click())
    c.require("purchasing record: the city publishes its figures", "publication est enregistré" in p.text("main"), p.text("main")[:200])
    p.open("/achats-responsables/58227")
    c.check("purchasing record: the public page", p.h1().startswith("Achats responsables — Longueuil") and p.exists("svg.chart"), p.h1())
    # A city's spreadsheet: previewed with its problems, then applied.
    csv_path = os.path.join(tempfile.mkdtemp(prefix="repertoire-contracts-"), "contrats.csv")
    with open(csv_path, "w", encoding="utf-8") as handle:
        handle.write("Date d'octroi;Fournisseur;NEQ;Objet du contrat;Mode d'octroi;Nature;Montant avant taxes\n"
                     "2026-03-14;Coop Fictive Hors Répertoire;2260012345;Tonte des parcs;Gré à gré;Services;12 500\n"
                     "2026-04-01;Coop Sans NEQ;;Entretien;Gré à gré;Services;beaucoup\n")
    p.open("/acheteurs/contrats/importer")
    c.require("purchasing record: the import form", p.exists("#fichier"), p.h1())
    p.one("#fichier").send_keys(csv_path)
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    c.require("purchasing record: the import's preview", len(p.all("tr[data-etat=valide]")) == 1 and len(p.all("tr[data-etat=refusee]")) == 1,
              p.text("main")[:300])
    p.navigating(lambda: p.one("form[action$='/appliquer'] button[type=submit]").click())
    c.check("purchasing record: the import is applied", "1 contrat(s) inscrit(s)" in p.text("main"), p.text("main")[:300])


# --- the buyers' workspace (issue #14) ----------------------------------------------------------

LIST_NAME = "Déneigement 2027 – secteur Vieux-Longueuil"
NOTES = ("Appeler avant le 15 janvier", "Demander une soumission")
COLLEAGUE = "collegue@longueuil.example.org"
THRESHOLD_SOURCE = "Arrêté ministériel fictif (test du navigateur)"


def spaced(text: str) -> str:
    """Every kind of space (no-break, narrow no-break) as one plain space."""
    return " ".join(re.sub(r"[\u00a0\u202f\u2009]", " ", text).split())


def invite(c: Checks, p: Page, email_address: str, name: str, role: str, fill=None) -> None:
    """The administrator's invitation form on /admin/utilisateurs, as for the first buyer."""
    p.one("#invite-email").send_keys(email_address)
    p.one("#invite-name").send_keys(name)
    p.one(f"input[name=roles][value={role}]").click()
    if fill is not None:
        fill()
    p.navigating(lambda: p.one("form[action='/admin/utilisateurs/invitations'] button[type=submit]").click())
    c.require(f"administrator: the invitation to {email_address} is sent",
              f"Invitation envoyée à {email_address}" in p.one("body").text,
              p.text("#form-error") if p.exists("#form-error") else p.h1())


def thresholds_walk(c: Checks, p: Page) -> None:
    """/admin/seuils: the administrator adds the next public-call amount, dated, with its source."""
    p.open("/admin/seuils")
    c.require("thresholds: /admin/seuils opens with its form", "Seuils" in p.h1() and p.exists("#champ-sorte"), p.h1())
    c.check("thresholds: the history is a table", len(p.all("table.staff-table tbody tr")) >= 2,
            f"{len(p.all('table.staff-table tbody tr'))} rows")
    Select(p.one("#champ-sorte")).select_by_value("appel-public")
    p.one("#champ-montant").send_keys("150 000")
    p.one("#champ-debut").send_keys("2031-01-01")
    p.one("#champ-source").send_keys(THRESHOLD_SOURCE)
    button = [b for b in p.all("form[action='/admin/seuils'] button[type=submit]") if "Ajouter ce montant" in b.text]
    c.require("thresholds: the « Ajouter ce montant » button", bool(button))
    p.navigating(button[0].click)
    notice = spaced(p.text("p.notice[role=status]"))
    c.check("thresholds: « Seuil ajouté » with the amount and its date",
            "Seuil ajouté" in notice and "150 000" in notice and "2031-01-01" in notice,
            f"notice {notice!r}; errors {p.text('.alert')!r}")
    rows = [spaced(r.text) for r in p.all("table.staff-table tbody tr")]
    added = [r for r in rows if "2031-01-01" in r]
    c.check("thresholds: the table shows the new amount with its kind and source",
            len(added) == 1 and "150 000" in added[0] and "appel d'offres public" in added[0]
            and THRESHOLD_SOURCE in added[0], f"rows from 2031: {added}")
    p.loaded("/admin/seuils, added")


def advisor_walk(c: Checks, p: Page) -> str:
    """The procurement advisor: a bad amount refused next to its field, then 60 000 $ of
    services for « déneigement »: the written invitation, its legal basis, the enterprises that
    serve the buyer's municipality, whose link leads to the buyers' tab. Returns that tab's URL."""
    p.open("/acheteurs/mode-de-sollicitation")
    c.require("advisor: the form opens", all(p.exists(f"#champ-{f}") for f in ("montant", "type", "date", "besoin")),
              p.h1())
    c.check("advisor: the form is sent by GET (works without JavaScript)",
            (p.one("#champ-montant").find_element(By.XPATH, "ancestor::form").get_attribute("method") or "").lower() == "get")
    # A bad amount: 422, the message next to the field and in the list at the top.
    status = p.d.execute_async_script(
        "var done = arguments[1]; fetch(arguments[0], {credentials: 'same-origin'})"
        ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
        "/acheteurs/mode-de-sollicitation?montant=abc&type=services&date=&besoin=")
    c.check("advisor: a bad amount answers 422", status == 422, f"status {status}")
    p.one("#champ-montant").send_keys("abc")
    # Checked by axe under a name of its own: the answer page has the same address's shape.
    before = p.d.execute_script("return performance.timeOrigin")
    p.one("#champ-montant").find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    c.require("advisor: the form is sent", p.wait_new_document(before, WAIT), p.d.current_url)
    p.loaded("/acheteurs/mode-de-sollicitation, refused")
    amount = p.one("#champ-montant")
    c.check("advisor: a bad amount is refused next to the field",
            p.exists(".field-error#erreur-montant") and amount.get_attribute("aria-invalid") == "true"
            and "erreur-montant" in (amount.get_attribute("aria-describedby") or ""),
            p.text(".field-error") or p.h1())
    c.check("advisor: the errors are listed at the top, linked to the field",
            p.exists(".alert a[href='#champ-montant']"), p.text(".alert"))
    c.check("advisor: the form keeps what was typed", amount.get_attribute("value") == "abc")
    c.check("advisor: no answer for a refused form", not p.exists("section.advice"))

    # 60 000 $ of services: a written invitation.
    amount.clear()
    amount.send_keys("60 000")
    Select(p.one("#champ-type")).select_by_value("services")
    p.one("#champ-besoin").clear()
    p.one("#champ-besoin").send_keys("déneigement")
    p.navigating(lambda: p.one("#champ-montant").find_element(By.XPATH, "ancestor::form")
                 .find_element(By.CSS_SELECTOR, "button[type=submit]").click())
    c.require("advisor: the answer is shown", p.exists("section.advice p.procedure[data-procedure]"),
              p.text(".alert") or p.h1())
    procedure = p.one("section.advice p.procedure").get_attribute("data-procedure")
    c.check("advisor: 60 000 $ of services → a written invitation", procedure == "invitation-ecrite",
            f"data-procedure {procedure!r}: {p.text('section.advice p.procedure')!r}")
    basis = [spaced(a.text) for a in p.all("section.advice ul.legal-basis a")]
    c.check("advisor: the legal basis cites the Cities and Towns Act, s. 573.1",
            any("573.1" in b and "cités et villes" in b for b in basis), f"{basis}")
    c.check("advisor: the legal basis links to the law",
            all((a.get_attribute("href") or "").startswith("http") for a in p.all("section.advice ul.legal-basis a")))
    matching = spaced(p.text("section.advice p.matching"))
    found = parse_count(matching)
    c.check("advisor: enterprises for « déneigement » that serve Longueuil",
            found is not None and found > 0 and "déneigement" in matching and "Longueuil" in matching, repr(matching))
    c.check("advisor: the buyer may start a list with them",
            p.exists("section.advice #nouvelle-liste")
            and any("Créer une liste d'achat" in b.text for b in p.all("section.advice button[type=submit]")))
    history = [spaced(r.text) for r in p.all("table.staff-table tbody tr")]
    c.check("advisor: the history of the amounts shows the one just added",
            any("150 000" in r and THRESHOLD_SOURCE in r for r in history), f"{history[:3]}")
    links = p.d.find_elements(By.LINK_TEXT, "Voir ces entreprises dans l'espace acheteurs")
    c.require("advisor: a link to these enterprises in the buyers' tab", bool(links))
    tab_url = links[0].get_attribute("href")
    c.check("advisor: the link goes to /acheteurs", urlparse(tab_url).path == "/acheteurs", tab_url)
    p.navigating(links[0].click)
    return p.d.current_url


def dated_advice(c: Checks, p: Page) -> None:
    """The amount in force on the contract's day: from 2031, the public call starts at the
    150 000 $ the administrator added."""
    for day, expected, why in (("2031-02-01", "invitation-ecrite", "the amount added for 2031 applies"),
                               ("2030-12-31", "appel-d-offres-public", "the 2024 amount still applies")):
        p.open(f"/acheteurs/mode-de-sollicitation?montant=140000&type=services&date={day}&besoin=")
        found = p.one("section.advice p.procedure").get_attribute("data-procedure") if p.exists("section.advice p.procedure") else None
        c.check(f"advisor: 140 000 $ on {day} → {expected} ({why})", found == expected,
                f"{found!r}: {spaced(p.text('section.advice p.procedure') or p.text('.alert'))!r}")


def add_from_card(c: Checks, p: Page, card, new_name: str | None, list_id: str | None, step: str) -> str:
    """Sends a card's « Ajouter à la liste » form: to a new list named new_name, or to list_id.
    Returns the list's id, from the page the form leads to."""
    forms = card.find_elements(By.CSS_SELECTOR, "form.add-to-list")
    c.require(f"{step}: the card has « Ajouter à la liste »", bool(forms))
    form = forms[0]
    c.check(f"{step}: the form names its enterprise",
            bool(form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=entreprise]")))
    selects = form.find_elements(By.CSS_SELECTOR, "select[name=liste]")
    if new_name is not None:
        if selects:
            Select(selects[0]).select_by_value("")  # « Nouvelle liste… »
        name = form.find_element(By.CSS_SELECTOR, "input[name=nom]")
        name.clear()
        name.send_keys(new_name)
    else:
        c.require(f"{step}: the card offers the buyer's lists", bool(selects))
        values = [o.get_attribute("value") for o in Select(selects[0]).options]
        c.check(f"{step}: the lists, then « Nouvelle liste… » last", list_id in values and values[-1] == "",
                f"options {values}")
        Select(selects[0]).select_by_value(list_id)
    buttons = [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if "Ajouter à la liste" in b.text]
    c.require(f"{step}: the « Ajouter à la liste » button", bool(buttons))
    p.navigating(buttons[0].click)
    match = re.fullmatch(r"/acheteurs/listes/([^/]+)", p.path())
    c.require(f"{step}: the list's page opens", match is not None and p.query().get("message") == ["ajoutee"],
              f"landed on {p.d.current_url}: {p.text('.alert') or p.h1()!r}")
    c.check(f"{step}: « Entreprise ajoutée à la liste. »", "Entreprise ajoutée" in p.text("p.notice[role=status]"), p.text("p.notice[role=status]"))
    return match.group(1)


def list_items(p: Page) -> list[tuple[str, str]]:
    """(enterprise id, name) of each entry of the list on screen, in order."""
    out = []
    for li in p.all("ol.list-items > li.card"):
        titles = li.find_elements(By.CSS_SELECTOR, "h3")
        out.append(((li.get_attribute("id") or "")[2:], " ".join(titles[0].text.split()) if titles else ""))
    return out


def note_values(p: Page) -> list[str]:
    """The notes of the list on screen, in order: in their boxes, or as text (read-only)."""
    notes = []
    for li in p.all("ol.list-items > li.card"):
        boxes = li.find_elements(By.CSS_SELECTOR, "textarea[name=note]")
        shown = li.find_elements(By.CSS_SELECTOR, "p.note")
        notes.append(boxes[0].get_attribute("value") if boxes else (shown[0].text if shown else ""))
    return notes


def download(p: Page, url: str) -> tuple[int, str, bytes]:
    """GET url with the browser's cookies (the signed-in session), outside the browser: the
    status, the Content-Type and the body."""
    cookies = "; ".join(f"{k['name']}={k['value']}" for k in p.d.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookies})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def xlsx_text(data: bytes) -> tuple[list[str], str]:
    """The parts of an .xlsx file, and the text of its shared strings and sheets."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = book.namelist()
        texts = []
        for name in names:
            if name == "xl/sharedStrings.xml" or re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                texts.append(book.read(name).decode("utf-8"))
    return names, html.unescape(" ".join(texts))


def buyer_workspace_walk(c: Checks, p: Page, managers: Managers) -> str:
    """The buyer, signed in: the advisor, the buyers' tab, a purchase list made from two cards,
    notes, sharing with the municipality, the Excel export, the English pages. Returns the list's
    path."""
    tab_url = advisor_walk(c, p)
    c.require("buyers' tab: opens from the advisor", p.path() == "/acheteurs" and p.h1() != "", p.d.current_url)
    c.check("buyers' tab: the place choices, their municipality first",
            "ma municipalité (Longueuil)" in p.text(".place-choices"), p.text(".place-choices"))
    c.check("buyers' tab: « Plus près d'abord » among the sorts",
            p.exists("select#tri option[value=distance]"))
    cards = p.cards()
    c.require("buyers' tab: at least two cards", len(cards) >= 2, f"{len(cards)} cards")
    c.check("buyers' tab: every card has the buyer's details",
            all(card.find_elements(By.CSS_SELECTOR, ".buyer-details dl.buyer-facts") for card in cards),
            f"{sum(1 for card in cards if card.find_elements(By.CSS_SELECTOR, '.buyer-details'))} of {len(cards)}")
    list_id = add_from_card(c, p, cards[0], LIST_NAME, None, "buyers' tab, first card")
    c.check("purchase list: the h1 is the list's name", p.h1() == LIST_NAME, repr(p.h1()))
    c.check("purchase list: one enterprise so far", len(list_items(p)) == 1, f"{list_items(p)}")

    p.d.get(tab_url)
    p.ready()
    cards = p.cards()
    c.require("buyers' tab: the same cards again", len(cards) >= 2, f"{len(cards)} cards")
    add_from_card(c, p, cards[1], None, list_id, "buyers' tab, second card")
    c.check("purchase list: the second card went to the same list", p.path() == f"/acheteurs/listes/{list_id}",
            p.d.current_url)
    items = list_items(p)
    c.require("purchase list: two enterprises, in the order added", len(items) == 2 and all(i and n for i, n in items),
              f"{items}")
    names = [n for _, n in items]
    slugs = [urlparse(a.get_attribute("href")).path.rstrip("/").split("/")[-1]
             for a in p.all("ol.list-items > li.card h3 a")]

    # A note for each, each saved by its own button.
    for (enterprise, name), note in zip(items, NOTES):
        box = p.one(f"#note-{enterprise}")
        box.clear()
        box.send_keys(note)
        form = box.find_element(By.XPATH, "ancestor::form")
        c.check(f"purchase list: the note form of « {name} » says action=note",
                bool(form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=action][value=note]")))
        buttons = [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if "Enregistrer la note" in b.text]
        c.require("purchase list: « Enregistrer la note »", bool(buttons))
        p.navigating(buttons[0].click)
        c.check(f"purchase list: the note of « {name} » is saved", p.query().get("message") == ["enregistree"]
                and "Modification enregistrée" in p.text("p.notice[role=status]"), p.d.current_url)
    c.check("purchase list: both notes are shown", note_values(p) == list(NOTES), f"{note_values(p)}")
    c.check("purchase list: Monter, Descendre and Retirer for each",
            all(li.find_elements(By.CSS_SELECTOR, "input[name=action][value=retirer]")
                for li in p.all("ol.list-items > li.card"))
            and len(p.all("ol.list-items input[name=action][value=monter]")) == 1
            and len(p.all("ol.list-items input[name=action][value=descendre]")) == 1)
    c.check("purchase list: the combined benefits", len(p.all("ul.figures li")) >= 1)

    # Shared with the municipality's buyers, who may edit it.
    c.require("purchase list: the owner's settings form", p.exists("#nom-liste") and p.exists("#partage-edit"))
    p.one("#partage-edit").click()
    settings = p.one("#nom-liste").find_element(By.XPATH, "ancestor::form")
    buttons = [b for b in settings.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.text.strip() == "Enregistrer"]
    c.require("purchase list: the « Enregistrer » button of the settings", bool(buttons))
    p.navigating(buttons[0].click)
    c.check("purchase list: « Partagée en modification » once saved",
            "Partagée en modification" in p.text("p.card-meta")
            and p.one("#partage-edit").get_attribute("checked") is not None,
            p.text("p.card-meta"))
    c.check("purchase list: « Archiver la liste » offered to the owner",
            any(b.text.strip() == "Archiver la liste" for b in p.all("main button[type=submit]")))

    # The Excel export, with the managers' contacts.
    links = {parse_qs(urlparse(a.get_attribute("href")).query).get("format", [""])[0]: a.get_attribute("href")
             for a in p.all("p.downloads a")}
    c.check("purchase list: exports in xlsx, csv, csv-pv and printable",
            set(links) >= {"xlsx", "csv", "csv-pv", "imprimer"}, f"{sorted(links)}")
    if "xlsx" in links:
        status, kind, data = download(p, links["xlsx"])
        c.check("export: the .xlsx answers 200 as a spreadsheet", status == 200 and "spreadsheetml" in kind,
                f"status {status}, Content-Type {kind!r}")
        try:
            parts, text = xlsx_text(data)
        except zipfile.BadZipFile as error:
            parts, text = [], ""
            c.check("export: the .xlsx is a zip file", False, f"{error}: {data[:80]!r}")
        with open(os.path.join(c.artifacts, "purchase-list.xlsx"), "wb") as handle:
            handle.write(data)
        c.check("export: the workbook has a sheet", any(n.startswith("xl/worksheets/") for n in parts), f"{parts}")
        c.check("export: both enterprises are in the sheet", all(n in text for n in names),
                f"missing {[n for n in names if n not in text]}")
        c.check("export: a « Gestionnaires » column", "Gestionnaires" in text, text[:300])
        c.check("export: the notes are in the sheet, in « Note de la liste »", "Note de la liste" in text and all(n in text for n in NOTES),
                f"missing {[n for n in NOTES if n not in text]}")
        if managers.available:
            secrets = [s for slug in slugs for s in managers.of(slug)]
            c.check(f"export: the managers' contacts are in the sheet ({len(secrets)})",
                    all(s in text for s in secrets), f"missing {[s for s in secrets if s not in text]}")

    if "imprimer" in links:
        p.d.get(links["imprimer"])
        p.ready()
        body = p.one("main").text
        c.check("printable list: the list's name, both enterprises and their notes",
                p.h1() == LIST_NAME and all(n in body for n in names) and all(n in body for n in NOTES),
                f"h1 {p.h1()!r}; missing {[n for n in names + list(NOTES) if n not in body]}")

    # The same list and the tab in English.
    p.open(f"/en/acheteurs/listes/{list_id}")
    body = p.one("body").text
    c.check("purchase list in English: html lang en, « Purchase list » and the notes",
            p.lang().startswith("en") and "Purchase list" in body and all(n in note_values(p) for n in NOTES),
            f"lang {p.lang()!r}, h1 {p.h1()!r}")
    c.check("purchase list in English: « Shared for editing »", "Shared for editing" in p.text("p.card-meta"),
            p.text("p.card-meta"))
    c.check("purchase list in English: its forms answer in English",
            all(i.get_attribute("value") == "en" for i in p.all("main form input[name=langue]")))
    p.open("/en/acheteurs")
    c.check("buyers' tab in English: « Buyers' workspace »",
            p.lang().startswith("en") and "Buyers' workspace" in p.h1(), f"lang {p.lang()!r}, h1 {p.h1()!r}")
    c.check("buyers' tab in English: cards with the buyer's details and « Add to the list »",
            bool(p.cards()) and p.exists("ul.cards li.card .buyer-details")
            and any("Add to the list" in b.text for b in p.all("ul.cards form.add-to-list button")))
    p.open("/acheteurs/listes")
    mine = [spaced(li.text) for li in p.all("ul.purchase-lists li") if LIST_NAME in li.text]
    c.check("purchase lists: the list with its two enterprises and its sharing",
            len(mine) == 1 and "2 entreprise(s)" in mine[0] and "Partagée en modification" in mine[0], f"{mine}")
    c.check("purchase lists: the « Nouvelle liste » form", p.exists("#nom")
            and len(p.all("input[type=radio][name=partage]")) == 3)
    dated_advice(c, p)
    return f"/acheteurs/listes/{list_id}"


def mail_bodies(mail_dir: str, recipient: str, subject: str, seconds: float = 10) -> list[str]:
    """The plain-text bodies of the .eml files the server wrote for recipient whose subject holds
    subject (waits up to seconds for the first)."""
    deadline = time.monotonic() + seconds
    while True:
        found = []
        for name in sorted(os.listdir(mail_dir)) if os.path.isdir(mail_dir) else []:
            if name.endswith(".eml"):
                with open(os.path.join(mail_dir, name), "rb") as handle:
                    message = email.message_from_binary_file(handle, policy=email.policy.default)
                if recipient in str(message["To"]) and subject in str(message["Subject"]):
                    found.append(message.get_body(preferencelist=("plain",)).get_content())
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(0.3)


def colleague_walk(c: Checks, p: Page, mail_dir: str, list_path: str) -> None:
    """A second buyer of Longueuil hears by e-mail of the list shared with the municipality, and
    sees it, with its notes."""
    mails = mail_bodies(mail_dir, COLLEAGUE, "Liste d'achat partagée")
    c.check("colleague: an e-mail says the list is shared with them, with its link",
            len(mails) == 1 and LIST_NAME in mails[0] and f"{p.base}{list_path}" in mails[0],
            f"{len(mails)} e-mail(s): {mails[0][:300] if mails else ''!r}")
    link = latest_link(mail_dir, COLLEAGUE)
    c.require("colleague: the invitation e-mail was written with a link", link is not None)
    set_password(c, p, link, "les achats de Longueuil aussi", "colleague")
    p.open("/acheteurs/listes")
    shared = [li for li in p.all("ul.purchase-lists li") if LIST_NAME in li.text]
    c.require("colleague: the shared list is in their lists", len(shared) == 1,
              f"{[li.text for li in p.all('ul.purchase-lists li')]}")
    c.check("colleague: « partagée par Geneviève Côté »", "partagée par Geneviève Côté" in shared[0].text, shared[0].text)
    anchor = shared[0].find_element(By.CSS_SELECTOR, "a")
    c.check("colleague: the link leads to the list", urlparse(anchor.get_attribute("href")).path == list_path,
            anchor.get_attribute("href"))
    p.navigating(anchor.click)  # the list without ?message: first seen here, so axe checks this view
    c.check("colleague: the list's name", p.h1() == LIST_NAME, repr(p.h1()))
    c.check("colleague: both notes are shown", note_values(p) == list(NOTES), f"{note_values(p)}")
    c.check("colleague: no owner's settings (name, sharing, archiving)", not p.exists("#nom-liste"))
    sign_out(c, p, "colleague")


def representative_walk(c: Checks, p: Page, link: str | None, slug: str, managers: Managers, mail_dir: str) -> None:
    """An enterprise's representative asks for SEAO alerts and proposes a change; the administrator
    sees it to review, then imports a SEAO file whose call suits the enterprise: the representative
    is alerted, stops the alerts from the e-mail's link and sees the call on their profile."""
    c.require("representative: the invitation e-mail was written with a link", link is not None)
    set_password(c, p, link, "notre entreprise avance", "representative")
    p.open("/compte")
    alerts = [a for a in p.all("main a") if "Alertes d'appels d'offres" in a.text]
    c.check("representative: « Mon compte » offers the alerts of SEAO calls", bool(alerts))
    p.open("/compte/alertes-appels-d-offres")
    p.navigating(lambda: p.one("main form button[type=submit]").click())
    c.check("representative: the alerts are on", "Les alertes sont activées" in p.one("body").text, p.h1())
    p.loaded("/compte/alertes-appels-d-offres, on")
    p.open("/mon-entreprise")
    c.require("representative: « /mon-entreprise » shows their enterprise's form", p.exists("#formulaire"), p.h1())
    phone = p.one("#formulaire [name=phone]")
    phone.clear()
    phone.send_keys("12")
    p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
    c.check("representative: a bad phone number is refused next to the field", bool(p.all(".field-error")), p.h1())
    p.loaded("/mon-entreprise, refused")
    phone = p.one("#formulaire [name=phone]")
    phone.clear()
    phone.send_keys("450 555-0177")
    p.navigating(lambda: p.one("#formulaire button[type=submit]").click())
    c.check("representative: the proposal is sent", p.query().get("message") == ["envoyee"], p.d.current_url)
    sign_out(c, p, "representative")
    p.open("/connexion")
    p.one("#email").send_keys("admin@reseau.example.org")
    p.one("#password").send_keys("une phrase pour le réseau")
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    p.open("/gestion/propositions")
    c.check("administrator: the proposal is listed for review", "450 555-0177" in p.one("body").text, p.h1())
    p.loaded("/gestion/propositions, one proposal")
    # All of Quebec's purchasing record, and a contract any municipality's can be recorded for.
    p.open("/acheteurs/tableau-de-bord")
    c.check("administrator: the purchasing dashboard of all of Quebec", p.h1() == "Achats responsables — Tout le Québec"
            and p.exists("svg.chart") and p.exists("#municipalites"), p.h1())
    p.open("/acheteurs/contrats?territoire=quebec")
    contracts = p.all("tr[data-contrat] th a")
    c.check("administrator: the contracts of every municipality", len(contracts) >= 2, f"{len(contracts)} contracts")
    if contracts:
        p.navigating(lambda: contracts[0].click())
        c.check("administrator: a contract's page, with its form and history", p.exists("form[action$='/modifier']") and p.exists("ol.history li"), p.h1())
    p.open("/acheteurs/contrats/nouveau")
    c.check("administrator: the contract form asks for the municipality", p.exists("select#municipalite"), p.h1())
    # Public tenders from SEAO (issue #18): a file imported, the call matched to the represented enterprise.
    tender = tenders_admin_walk(c, p, managers, slug)
    sign_out(c, p, "administrator")
    tenders_visitor_walk(c, p)
    alert = latest_link(mail_dir, "representant@entreprise.example.org")
    c.require("representative: the SEAO alert was sent, with its unsubscribe link", alert is not None and "alertes/desabonnement" in alert, f"{alert}")
    p.d.get(alert)
    p.ready()
    p.loaded("/appels-d-offres/alertes/desabonnement")
    p.navigating(lambda: p.one("main form button[type=submit]").click())
    c.check("representative: the alert's link stops the alerts", "Vous ne recevrez plus les alertes" in p.one("body").text, p.h1())
    p.open("/connexion")
    p.one("#email").send_keys("representant@entreprise.example.org")
    p.one("#password").send_keys("notre entreprise avance")
    p.navigating(lambda: p.one("form.staff-form button[type=submit]").click())
    p.open(f"/entreprises/{slug}")
    c.check("representative: their profile lists the SEAO call that could suit them",
            p.exists("#suiting") and tender in p.one("body").text, p.h1())
    p.loaded("/entreprises/:slug, as its representative")
    p.open("/compte/alertes-appels-d-offres")
    c.check("representative: the alerts show as stopped", "ne sont pas activées" in p.one("body").text, p.h1())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8080")
    parser.add_argument("--artifacts", required=True, help="folder for the screenshots")
    parser.add_argument("--database", help="the server's SQLite file, read for the managers' names")
    parser.add_argument("--admin-link", help="the set-password link printed by `repertoire users create`")
    parser.add_argument("--mail-dir", help="the folder where the server writes its e-mail (.eml)")
    parser.add_argument("--axe-script", help="axe.min.js to use instead of the pinned package's")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    for old in os.listdir(args.artifacts):
        if old.endswith((".png", ".html")) or (old.startswith("axe-") and old.endswith(".json")):
            os.remove(os.path.join(args.artifacts, old))

    started = time.monotonic()
    c = Checks(args.artifacts)
    axe = Axe(c, load_axe(args.axe_script))
    Page.narrow = Narrow(c)
    managers = Managers(args.database)
    if not managers.available:
        print("note: no --database, so the managers' names are not known to the test")
    urls: dict = {}

    def pass_a(driver):
        p = Page(driver, args.base_url, axe)
        urls.update(search_walk(c, p, managers, javascript=True))
        places_walk(c, p, javascript=True)
        extra_pages(c, p, managers, urls["filtered_url"])
        more_pages(c, p)

    def pass_b(driver):
        search_walk(c, Page(driver, args.base_url), managers, javascript=False)
        places_walk(c, Page(driver, args.base_url), javascript=False)

    def pass_c(driver):
        keyboard_walk(c, Page(driver, args.base_url, axe))
        combobox_walk(c, Page(driver, args.base_url, axe))

    def pass_d(driver):
        p = Page(driver, args.base_url, axe)
        if not urls:  # pass a stopped early: the same kind of pages, found here
            urls["filtered_url"] = f"{p.base}/entreprises?q=deneigement&region=16"
            p.d.get(urls["filtered_url"])
            p.ready()
            first = p.all("ul.cards li.card .card-title a")
            urls["profile_url"] = first[0].get_attribute("href") if first else p.base + "/a-propos"
        phone_filters(c, p, urls["filtered_url"])
        screenshots(c, p, urls)

    run_pass(c, "js", True, pass_a)
    run_pass(c, "nojs", False, pass_b)
    run_pass(c, "keyboard", True, pass_c)
    run_pass(c, "screens", True, pass_d)
    run_pass(c, "map", True, lambda driver: map_walk(c, Page(driver, args.base_url, axe), javascript=True))
    run_pass(c, "map-nojs", False, lambda driver: map_walk(c, Page(driver, args.base_url), javascript=False))
    if args.admin_link and args.mail_dir:
        run_pass(c, "staff", True, lambda driver: staff_walk(c, Page(driver, args.base_url, axe), managers, args.admin_link, args.mail_dir))
    else:
        print("note: no --admin-link/--mail-dir, so the signed-in walk is skipped")

    elapsed = time.monotonic() - started
    print(f"\naxe-core: {axe.pages} distinct pages checked, {axe.clean} without violation,"
          f" {axe.pages - axe.clean} with; {axe.seconds:.1f} s in axe (reports: axe-*.json)")
    if c.failures:
        print("\nFailed checks:")
        for failure in c.failures:
            print(f"  - {failure}")
    print(f"\nscreenshots in {args.artifacts}; {elapsed:.1f} s")
    print(f"browser: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
