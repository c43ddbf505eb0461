#!/usr/bin/env python3
"""Writes a synthetic SEAO release package (OCDS 1.1), as large as a monthly file, for
scripts/bench-tenders. Every buyer, supplier and call is fictional (« fictif »); the shape copies
SEAO's: one line, a byte-order mark, deltas (a process comes back as tenderUpdate, award,
contract), titles with tabs, amounts without currency, tenderPeriod.durationInDay, deliveryarea.

usage: seao_synthetic.py OUT.json [RELEASES=20000] [SEED=1] [VOCABULARY.txt]

VOCABULARY.txt (one word per line, e.g. the words of a directory's offerings) replaces the
built-in twenty words of the titles, so that matching the calls meets a real vocabulary.
"""
import json
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

categories = [("C01", "C01 - Bâtiments", "72000000", "works"), ("S3", "S3 - Services d'entretien", "76110000", "services"),
              ("S7", "S7 - Services de traiteur", "90100000", "services"), ("G25", "G25 - Mobilier", "56100000", "goods"),
              ("S19", "S19 - Déneigement", "76120000", "services"), ("G6", "G6 - Papeterie", "14110000", "goods")]
words = ["entretien", "ménager", "déneigement", "traiteur", "rénovation", "salle", "municipale", "parc", "aréna", "bibliothèque",
         "collecte", "matières", "recyclables", "aménagement", "paysager", "fourniture", "mobilier", "impression", "transport", "adapté"]
if len(sys.argv) > 4:
    with open(sys.argv[4], encoding="utf-8") as f:
        words = sorted({w.strip() for w in f if len(w.strip()) >= 4}) or words
cities = ["Longueuil", "Brossard", "Boucherville", "Saint-Lambert", "Saint-Bruno-de-Montarville", "Granby", "Shawinigan", "Trois-Rivières"]


def buyer(n):
    municipal = n % 3 != 0
    name = f"Ville de {cities[n % len(cities)]}" if municipal else f"Organisme public fictif {n}"
    return {"name": name, "id": f"OP-{900000 + n}", "roles": ["buyer"], "details": {"municipal": "1" if municipal else "0"},
            "address": {"streetAddress": f"{n} rue Fictive", "locality": cities[n % len(cities)], "region": "QC", "postalCode": "J4K1A1", "countryName": "CAN"}}


def title():
    return " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize() + ("\t(fictif)" if rng.random() < 0.2 else " (fictif)")


releases = []
process = 0
while len(releases) < count:
    process += 1
    ocid = f"ocds-ec9k95-9{process:07d}"
    b = buyer(rng.randint(1, 400))
    code, label, unspsc, kind = rng.choice(categories)
    tender = {"id": f"T{process}", "title": title(), "description": " ".join(rng.choice(words) for _ in range(200)), "status": "active",
              "procuringEntity": {"name": b["name"], "id": b["id"]},
              "items": [{"id": code, "description": label, "classification": {"scheme": "UNSPSC", "id": unspsc, "description": "fictif"}}],
              "value": {"amount": rng.randint(5000, 2000000)}, "procurementMethod": "open", "procurementMethodDetails": "Avis d’appel d’offres",
              "mainProcurementCategory": kind, "additionalProcurementCategories": ["Services"],
              "tenderPeriod": {"startDate": "2026-11-02T09:00:00-05:00", "endDate": f"2027-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}T11:00:00-05:00", "durationInDay": 40},
              "deliveryarea": rng.choice([16, "16", ["16", "06"], "05 - Estrie"]),
              "documents": [{"url": f"https://seao.gouv.qc.ca/avis-resultat-recherche/consulter?ItemId=fictif-{process}"}]}
    day = rng.randint(1, 28)
    base = {"ocid": ocid, "initiationType": "tender", "parties": [b], "buyer": {"name": b["name"], "id": b["id"]}, "language": "fr"}
    releases.append(dict(base, id=f"{process}01", date=f"2026-11-{day:02d}T09:00:00-05:00", tag=["tender"], tender=tender))
    if rng.random() < 0.3:
        update = dict(tender, title=tender["title"] + ", addenda 1")
        releases.append(dict(base, id=f"{process}02", date=f"2026-11-{day:02d}T15:00:00-05:00", tag=["tenderUpdate"], tender=update))
    if rng.random() < 0.4:
        neq = f"11{rng.randint(0, 99999999):08d}"
        supplier = {"name": f"Coopérative fictive {neq}", "id": f"FO-{neq}", "roles": ["supplier"], "details": {"neq": neq}}
        award = {"id": f"A{process}", "date": f"2026-11-{day:02d}T16:00:00-05:00", "status": "active", "value": {"amount": rng.randint(5000, 2000000)},
                 "suppliers": [{"id": supplier["id"], "name": supplier["name"]}]}
        releases.append(dict(base, parties=[b, supplier], id=f"{process}03", date=f"2026-11-{day:02d}T16:00:00-05:00", tag=["award"], awards=[award]))
releases = releases[:count]
package = {"uri": "https://example.invalid/mensuel_fictif.json", "version": "1.1", "publishedDate": "2026-12-01T01:00:00-05:00",
           "publisher": {"name": "Secrétariat du Conseil du trésor"}, "license": "https://www.donneesquebec.ca/fr/licence/#cc-by",
           "publicationPolicy": "fictif", "releases": releases}
with open(out, "w", encoding="utf-8") as f:
    f.write("\ufeff")
    json.dump(package, f, ensure_ascii=False, separators=(",", ":"))
