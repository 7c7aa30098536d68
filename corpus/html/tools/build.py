"""Render every article in articles/*.txt with its site template into ../pages/, and write ../ground-truth.json."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from common import parse_articles
from sites1 import Finanzblatt, HanseKurier, Kulturfeder, RheinischeRundschau, Sportecho, Tagesblick
from sites2 import MNN, Alpenland, ForschungHeute, HauptstadtReport, Nachrichtenwerk, OstseeBote

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
SITES = {s.key: s for s in (RheinischeRundschau(), Tagesblick(), HanseKurier(), Finanzblatt(), Sportecho(), Kulturfeder(),
                            ForschungHeute(), Alpenland(), MNN(), Nachrichtenwerk(), OstseeBote(), HauptstadtReport())}
SPLIT = {"rr": "tune", "tb": "tune", "hk": "tune", "fb": "tune", "se": "tune", "kf": "tune", "fh": "tune", "az": "tune",
         "mnn": "heldout", "nw": "heldout", "ob": "heldout", "hr": "heldout"}


def encode(site, art: dict, markup: str) -> tuple[bytes, str]:
    edge = art.get("edge", "")
    markup = markup.replace("@@NUL@@", "\x00\x00\x00")
    if site.charset == "iso-8859-1":
        if "cp1252-bytes" in edge:   # labelled ISO-8859-1, bytes are windows-1252 (browsers decode it as windows-1252)
            return markup.encode("cp1252", errors="xmlcharrefreplace"), "windows-1252 bytes, labelled iso-8859-1"
        return markup.encode("iso-8859-1", errors="xmlcharrefreplace"), "iso-8859-1"
    if site.charset == "windows-1252":
        return markup.encode("cp1252", errors="xmlcharrefreplace"), "windows-1252"
    data = markup.encode("utf-8")
    if "bom" in edge:
        return b"\xef\xbb\xbf" + data, "utf-8 with BOM"
    return data, "utf-8"


def main() -> int:
    arts = []
    for f in sorted((HERE / "articles").glob("*.txt")):
        arts += parse_articles(f.read_text(encoding="utf-8"))
    (OUT / "pages").mkdir(exist_ok=True)
    for old in (OUT / "pages").glob("*.html"):
        old.unlink()
    truth, manifest = {}, {}
    for art in arts:
        site = SITES[art["template"]]
        art["live"] = art.get("live", "") == "yes"
        rng = random.Random(f"{art['id']}-v1")
        markup = site.render(art, rng)
        data, enc = encode(site, art, markup)
        (OUT / "pages" / f"{art['id']}.html").write_bytes(data)
        truth[art["id"]] = {"articleBody": site.gold(art), "url": site.url(art), "split": SPLIT[site.key]}
        manifest[art["id"]] = {"template": site.key, "site": site.name, "split": SPLIT[site.key], "encoding": enc,
                               "edge_cases": [e.strip() for e in art.get("edge", "").split(",") if e.strip()],
                               "topic": art.get("topic", ""), "headline": art["title"], "teaser": art["teaser"],
                               "teaser_shown_in_header": not site.lead_in_body, "lead_paragraph_in_body": site.lead_in_body, "bytes": len(data)}
    (OUT / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (OUT / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(arts)} pages written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
