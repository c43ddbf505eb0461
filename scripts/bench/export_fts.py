#!/usr/bin/env python3
"""Export Répertoire's SQLite store to a flat SQLite file that datasette serves with full-text search.

Usage: export_fts.py SOURCE.sqlite TARGET.sqlite

TARGET gets one table, `enterprises`, with one row per non-archived enterprise:

    id, slug, name, other_names, mission, offerings (names and descriptions, one per line),
    sector_names (French and English names), place (municipality and region names),
    region_code, municipality_code, municipality, legal_form, offers_to_municipalities (0/1),
    sectors (JSON array of slugs), certifications (JSON array of slugs)

and an FTS5 table `enterprises_fts` over the text columns (name, other_names, offerings,
sector_names, mission, place) with `content="enterprises"`, which datasette detects on its own, so
that `/bench/enterprises.json?_search=WORD` is a full-text search. The tokenizer folds accents
(unicode61 remove_diacritics 2), as Répertoire's analyzer does. The text columns match what
Répertoire's index reads (SearchDocument+Enterprise.swift), managers' contacts excluded.

Facets for the benchmark: `_facet=region_code`, `_facet=municipality_code`, `_facet=legal_form`,
`_facet=offers_to_municipalities`, `_facet_array=sectors`, `_facet_array=certifications`; sector
filter: `sectors__arraycontains=SLUG` (an enterprise has one or more sectors, as in Répertoire).

Only the Python standard library is used (the sqlite3 module must have FTS5, as CPython's has).
"""

import json
import os
import sqlite3
import sys
import time


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    source, target = argv[1], argv[2]
    if not os.path.exists(source):
        sys.exit(f"export_fts.py: no such file: {source}")
    if os.path.exists(target):
        os.remove(target)
    started = time.monotonic()

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    regions = dict(src.execute("SELECT code, name FROM regions"))
    municipalities = dict(src.execute("SELECT code, name FROM municipalities"))
    sector_names = {slug: f"{name} {name_en}" for slug, name, name_en in src.execute("SELECT slug, name, name_en FROM sectors")}

    def grouped(sql):
        out = {}
        for enterprise_id, *rest in src.execute(sql):
            out.setdefault(enterprise_id, []).append(rest)
        return out

    sectors = grouped("SELECT enterprise_id, sector_slug FROM enterprise_sectors ORDER BY enterprise_id, position")
    certifications = grouped("SELECT enterprise_id, certification_slug FROM enterprise_certifications ORDER BY enterprise_id, position")
    offerings = grouped("SELECT enterprise_id, name, description FROM offerings ORDER BY enterprise_id, position")

    dst = sqlite3.connect(target)
    dst.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE enterprises (
            id TEXT PRIMARY KEY,
            slug TEXT NOT NULL,
            name TEXT NOT NULL,
            other_names TEXT,
            mission TEXT,
            offerings TEXT,
            sector_names TEXT,
            place TEXT,
            region_code TEXT,
            municipality_code TEXT,
            municipality TEXT,
            legal_form TEXT,
            offers_to_municipalities INTEGER,
            sectors TEXT,
            certifications TEXT
        );
        """
    )

    rows = []
    query = """
        SELECT id, slug, name, other_names, mission, mission_en, benefits_text, region_code,
               municipality_code, legal_form, offers_to_municipalities
        FROM enterprises WHERE archived_at IS NULL ORDER BY name, id
    """
    for (eid, slug, name, other_names, mission, mission_en, benefits, region_code, municipality_code,
         legal_form, offers) in src.execute(query):
        try:
            other = " ".join(o.get("name", "") for o in json.loads(other_names or "[]") if isinstance(o, dict))
        except (ValueError, TypeError):
            other = other_names or ""
        slugs = [s for (s,) in sectors.get(eid, [])]
        municipality = municipalities.get(municipality_code) if municipality_code else None
        rows.append((
            eid, slug, name, other,
            "\n".join(t for t in (mission, mission_en, benefits) if t),
            "\n".join(f"{n} {d or ''}".strip() for n, d in offerings.get(eid, [])),
            " ".join(sector_names.get(s, s) for s in slugs),
            " ".join(t for t in (municipality, regions.get(region_code)) if t),
            region_code, municipality_code, municipality, legal_form, 1 if offers else 0,
            json.dumps(slugs), json.dumps([c for (c,) in certifications.get(eid, [])]),
        ))
    dst.executemany(f"INSERT INTO enterprises VALUES ({', '.join('?' * 15)})", rows)
    dst.executescript(
        """
        CREATE INDEX enterprises_region ON enterprises(region_code);
        CREATE INDEX enterprises_municipality ON enterprises(municipality_code);
        CREATE VIRTUAL TABLE enterprises_fts USING fts5(
            name, other_names, offerings, sector_names, mission, place,
            content="enterprises", tokenize="unicode61 remove_diacritics 2"
        );
        INSERT INTO enterprises_fts(enterprises_fts) VALUES ('rebuild');
        INSERT INTO enterprises_fts(enterprises_fts) VALUES ('optimize');
        """
    )
    dst.commit()
    dst.execute("VACUUM")
    dst.close()
    src.close()
    size = os.path.getsize(target) / 1_048_576
    print(f"export_fts.py: {len(rows)} enterprises -> {target} ({size:.0f} MB, FTS5) in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main(sys.argv)
