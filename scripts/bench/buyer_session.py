#!/usr/bin/env python3
"""Signs a benchmark buyer in and gives them a purchase list, for bench-http's buyer pages.

Usage: buyer_session.py BASE_URL SET_PASSWORD_LINK [WORDS]
Chooses the password on the single-use link (as a person would on the page), then creates a
purchase list holding the first 50 results of the buyers' tab for WORDS, or for every service when
WORDS is empty (the advisor's « Créer une liste d'achat avec ces entreprises » form). Prints the session cookie's value and the list's path.
"""
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    base, link = sys.argv[1], sys.argv[2]
    word = sys.argv[3] if len(sys.argv) > 3 else ""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(link).read().decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    for tag in re.findall(r'<input[^>]*type="password"[^>]*>', page):
        fields[re.search(r'name="([^"]+)"', tag).group(1)] = "une phrase pour mesurer les pages"
    opener.open(urllib.request.Request(link.split("?")[0], data=urllib.parse.urlencode(fields).encode()))
    session = next((c.value for c in jar if c.name == "repertoire_session"), None)
    if not session:
        print("no session after choosing the password", file=sys.stderr)
        return 1
    page = opener.open(base + "/acheteurs/mode-de-sollicitation?montant=60000&type=services&besoin=" + urllib.parse.quote(word)).read().decode()
    form = re.search(r'<form method="post" action="/acheteurs/listes".*?</form>', page, re.S)
    if not form:
        print("the advisor offers no list to start (no matching enterprise?)", file=sys.stderr)
        return 1
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
    fields["nom"] = "Banc d'essai"
    no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    try:
        no_redirect.open(urllib.request.Request(base + "/acheteurs/listes", data=urllib.parse.urlencode(fields).encode()))
        print("creating the list did not redirect", file=sys.stderr)
        return 1
    except urllib.error.HTTPError as error:
        if error.code != 303:
            print(f"creating the list answered {error.code}", file=sys.stderr)
            return 1
        location = error.headers["Location"]
    print(session, location.split("?")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
