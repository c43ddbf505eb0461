#!/usr/bin/env python3
"""A hub's import through the web UI, as scripts/bench-import's server step drives it.

Activates the administrator from the link `repertoire users create` printed, uploads the file,
waits for its preview (planned in the background), clicks « Importer » and follows the job to its
end. Prints one line of JSON: how long the apply request itself took (it must not hold the
request for the whole import), how long the job took, and the batch's page. Standard library only.
"""
import html
import http.cookiejar
import json
import re
import sys
import time
import urllib.parse
import urllib.request

base, link, path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url if url.startswith("http") else base + url, data=data, method=method, headers=headers or {})
    try:
        with opener.open(req, timeout=600) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def csrf(page):
    match = re.search(r'name="_csrf" value="([^"]+)"', page)
    if not match:
        sys.exit("no CSRF token on the page")
    return html.unescape(match.group(1))


def form(url, fields):
    return request("POST", url, urllib.parse.urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"})


# The administrator chooses a password from the invitation link.
status, _, page = request("GET", link)
token = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["jeton"][0]
email = html.unescape(re.search(r'name="email" value="([^"]*)"', page).group(1))
status, headers, _ = form("/mot-de-passe", {"_csrf": csrf(page), "jeton": token, "email": email,
                                              "password": "essai des imports du pôle", "confirmation": "essai des imports du pôle"})
if status != 303:
    sys.exit(f"activation refused: {status}")

# Upload.
status, _, page = request("GET", "/gestion/import")
boundary = "----bench-web-import"
with open(path, "rb") as handle:
    content = handle.read()
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf(page)}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"liste.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
started = time.monotonic()
status, headers, page = request("POST", "/gestion/import", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
upload_seconds = time.monotonic() - started
if status != 303:
    sys.exit(f"upload refused: {status} {page[:300]}")
preview = headers["Location"]


def follow_job(page, url):
    """Polls a job page's state until it ends; returns where it leads."""
    match = re.search(r'data-import-job="([^"]+)"', page)
    if not match:
        return url
    state_url = html.unescape(match.group(1))
    while True:
        _, _, text = request("GET", state_url)
        state = json.loads(text)
        if state["state"] != "running":
            return state.get("location", url)
        time.sleep(0.5)


# The preview: planned in the background, its progress page until then.
started = time.monotonic()
status, _, page = request("GET", preview)
preview_request_seconds = time.monotonic() - started
follow_job(page, preview)
status, _, page = request("GET", preview)
preview_seconds = time.monotonic() - started
if "Aperçu de l" not in page:
    sys.exit(f"no preview: {status} {page[:300]}")
creates = re.search(r"<strong>(\d+)</strong> entreprise\(s\) à créer", page)

# « Importer »: the request comes back at once with the job's page; the job writes.
started = time.monotonic()
status, headers, _ = form(preview + "/appliquer", {"_csrf": csrf(page)})
apply_request_seconds = time.monotonic() - started
location = headers.get("Location", "")
if "/travaux/" in location:
    _, _, page = request("GET", location)
    location = follow_job(page, location)
apply_seconds = time.monotonic() - started
print(json.dumps({"upload_s": round(upload_seconds, 2), "preview_request_s": round(preview_request_seconds, 2),
                  "preview_s": round(preview_seconds, 2), "creates": int(creates.group(1)) if creates else None,
                  "apply_request_s": round(apply_request_seconds, 2), "apply_s": round(apply_seconds, 2), "result": location}))
