"""Shared machinery: the article source format, the AEB-convention gold text, boilerplate pools."""
from __future__ import annotations

import html
import random
import re

# ---------------------------------------------------------------- source format
# === id            starts an article; "key: value" header lines up to "---"; then one block per line:
#   plain line      paragraph ("\\" inside = <br>)          ## text   subheading
#   - item          unordered list (consecutive lines)       1. item   ordered list
#   > text          blockquote paragraph                     >> text   blockquote attribution
#   | a | b |       table row (first row = header)
#   [fig slug | caption | credit]   [tweet Name | handle | date] text   [video title | 1:32]
#   [consent Provider]   [readalso]   [ad]   [newsletter]   [paywall]   [live 14:32] entry headline
#   [info Title] ... i: para / i- item ... [/info]
# inline: [[text]] link, **text** strong, _text_ never used (underscores appear in text)

INLINE_LINK = re.compile(r"\[\[(.+?)\]\]")
INLINE_STRONG = re.compile(r"\*\*(.+?)\*\*")


def plain(text: str) -> str:
    """Inline markers removed: the text as a reader sees it."""
    text = INLINE_LINK.sub(r"\1", text)
    text = INLINE_STRONG.sub(r"\1", text)
    return text.replace(" \\\\ ", "\n").replace("\\\\", "\n")


def inline_html(text: str, link_href: str = "/thema/", link_class: str | None = None) -> str:
    """Escaped text with the inline markers as HTML."""
    out = html.escape(text, quote=False)
    cls = f' class="{link_class}"' if link_class else ""

    def link(m: re.Match[str]) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", m.group(1).lower().translate(UMLAUT)).strip("-")
        return f'<a href="{link_href}{slug}/"{cls}>{m.group(1)}</a>'

    out = INLINE_LINK.sub(link, out)
    out = INLINE_STRONG.sub(r"<strong>\1</strong>", out)
    out = out.replace(" \\\\ ", "<br>\n").replace("\\\\", "<br>")
    return out


UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(UMLAUT)).strip("-")


def parse_articles(text: str) -> list[dict]:
    articles = []
    for chunk in re.split(r"^=== ", text, flags=re.M)[1:]:
        head, _, body = chunk.partition("\n---\n")
        lines = head.splitlines()
        art: dict = {"id": lines[0].strip()}
        for line in lines[1:]:
            if line.strip():
                k, _, v = line.partition(":")
                art[k.strip()] = v.strip()
        art["tags"] = [t.strip() for t in art.get("tags", "").split(",") if t.strip()]
        art["blocks"] = parse_blocks(body)
        articles.append(art)
    return articles


def parse_blocks(body: str) -> list[dict]:
    blocks: list[dict] = []
    live: dict | None = None
    info: dict | None = None

    def add(b: dict) -> None:
        target = info["children"] if info is not None else (live["children"] if live is not None else blocks)
        last = target[-1] if target else None
        if b["type"] in ("ul", "ol", "table") and last and last["type"] == b["type"] and not b.get("new"):
            last["items"].extend(b["items"])
        elif b["type"] == "quote" and last and last["type"] == "quote" and not last.get("attribution"):
            last["paras"].extend(b["paras"])
            if b.get("attribution"):
                last["attribution"] = b["attribution"]
        else:
            target.append(b)

    for raw in body.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("[live "):
            m = re.match(r"\[live ([^\]]+)\]\s*(.*)", line)
            live = {"type": "live", "time": m.group(1), "title": m.group(2), "children": []}
            blocks.append(live)
            continue
        if line.startswith("[info "):
            m = re.match(r"\[info ([^\]]+)\]", line)
            info = {"type": "info", "title": m.group(1), "children": []}
            (live["children"] if live is not None else blocks).append(info)
            continue
        if line.startswith("[/info]"):
            info = None
            continue
        if info is not None and line.startswith("i: "):
            add({"type": "p", "text": line[3:]})
            continue
        if info is not None and line.startswith("i- "):
            add({"type": "ul", "items": [line[3:]]})
            continue
        if line.startswith("## "):
            add({"type": "h", "text": line[3:]})
        elif line.startswith("- "):
            add({"type": "ul", "items": [line[2:]]})
        elif re.match(r"\d+\. ", line):
            add({"type": "ol", "items": [re.sub(r"^\d+\. ", "", line)]})
        elif line.startswith(">> "):
            add({"type": "quote", "paras": [], "attribution": line[3:]})
        elif line.startswith("> "):
            add({"type": "quote", "paras": [line[2:]]})
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            add({"type": "table", "items": [cells]})
        elif line.startswith("[fig "):
            slug, caption, credit = [x.strip() for x in line[5:-1].split("|")]
            add({"type": "fig", "slug": slug, "caption": caption, "credit": credit})
        elif line.startswith("[tweet "):
            m = re.match(r"\[tweet ([^\]]+)\]\s*(.*)", line)
            name, handle, date = [x.strip() for x in m.group(1).split("|")]
            add({"type": "tweet", "name": name, "handle": handle, "date": date, "text": m.group(2)})
        elif line.startswith("[video "):
            title, dur = [x.strip() for x in line[7:-1].split("|")]
            add({"type": "video", "title": title, "duration": dur})
        elif line.startswith("[consent "):
            add({"type": "consent", "provider": line[9:-1].strip()})
        elif line.strip() in ("[readalso]", "[ad]", "[newsletter]", "[paywall]"):
            add({"type": line.strip()[1:-1]})
        else:
            add({"type": "p", "text": line.strip()})
    return blocks


# ---------------------------------------------------------------- gold (AEB convention)
def gold_parts(blocks: list[dict], stop_at_paywall: bool = True) -> list[str]:
    parts: list[str] = []
    for b in blocks:
        t = b["type"]
        if t == "paywall" and stop_at_paywall:
            break
        if t in ("p", "h"):
            parts.append(plain(b["text"]))
        elif t in ("ul", "ol"):
            parts.append("\n".join(plain(i) for i in b["items"]))
        elif t == "quote":
            parts.extend(plain(p) for p in b["paras"])
            if b.get("attribution"):
                parts.append(plain(b["attribution"]))
        elif t == "table":
            parts.append("\n".join(" ".join(plain(c) for c in row if c) for row in b["items"]))
        elif t == "tweet":
            parts.append(plain(b["text"]))
            parts.append(f"— {b['name']} (@{b['handle']}) {b['date']}")
        elif t == "info":
            parts.append(b["title"])
            parts.extend(gold_parts(b["children"]))
        elif t == "live":
            parts.append(plain(b["title"]))
            parts.extend(gold_parts(b["children"]))
        # fig, video, consent, readalso, ad, newsletter: not article text
    return parts


def truncated_blocks(blocks: list[dict]) -> list[dict]:
    out = []
    for b in blocks:
        if b["type"] == "paywall":
            break
        out.append(b)
    return out


def all_text_of(blocks: list[dict]) -> str:
    return " ".join(gold_parts(blocks, stop_at_paywall=False))


# ---------------------------------------------------------------- boilerplate pools
HEADLINES = [
    ("Bundestag", "Opposition fordert Sondersitzung zum Haushaltsloch"),
    ("Energie", "Stadtwerke kündigen Preissenkung für Fernwärme an"),
    ("Bahn", "Ersatzverkehr zwischen Hagen und Siegen bis Ostern verlängert"),
    ("Prozess", "Angeklagter Apotheker bestreitet Abrechnungsbetrug"),
    ("Fußball", "Trainerwechsel beim Tabellenletzten perfekt"),
    ("Wetter", "Glatteis am Morgen: Polizei meldet zahlreiche Unfälle"),
    ("Ukraine", "Kiew meldet neue Drohnenangriffe auf Energieanlagen"),
    ("Wirtschaft", "Maschinenbauer erwartet Auftragsflaute bis zum Herbst"),
    ("Gesundheit", "Hausärzte warnen vor Engpässen bei Kinderarzneien"),
    ("Kultur", "Philharmonie stellt Spielzeit mit drei Uraufführungen vor"),
    ("Wissen", "Forscher entdecken neue Tiefseeart vor den Azoren"),
    ("Verbraucher", "Was sich im April für Mieter und Autofahrer ändert"),
    ("Kommunen", "Grundsteuer: Viele Städte erhöhen die Hebesätze"),
    ("Polizei", "Einbruchserie in Kleingartenanlage aufgeklärt"),
    ("Bildung", "Lehrermangel: Land will Seiteneinsteiger schneller einstellen"),
    ("Handball", "Füchse ziehen souverän ins Pokal-Halbfinale ein"),
    ("Klima", "Frühjahr war deutlich zu trocken – Landwirte besorgt"),
    ("Europa", "EU-Kommission legt Plan für gemeinsame Rüstungsbeschaffung vor"),
    ("Justiz", "Oberlandesgericht kippt Urteil gegen Windpark-Gegner"),
    ("Leute", "Schauspielerin Greta Lindqvist feiert ihren 80. Geburtstag"),
    ("Verkehr", "Autobahnbrücke: Sperrung dauert länger als geplant"),
    ("Immobilien", "Baugenehmigungen brechen erneut ein"),
    ("Börse", "Dax schließt nach Zinsentscheid knapp im Plus"),
    ("Tennis", "Deutsches Davis-Cup-Team verpasst Endrunde"),
    ("Digitales", "Behörden-App fällt zum Start stundenlang aus"),
    ("Umwelt", "Wolfsrudel im Landkreis nachgewiesen"),
    ("Stadtleben", "Neues Hallenbad öffnet mit einem Jahr Verspätung"),
    ("Ratgeber", "Steuererklärung 2023: Diese Fristen gelten jetzt"),
    ("Ausland", "Regierungskrise in Den Haag: Koalition zerbricht"),
    ("Formel 1", "Hitzeschlacht in Singapur: Pole für den Titelverteidiger"),
    ("Landtag", "Untersuchungsausschuss vernimmt früheren Staatssekretär"),
    ("Gericht", "Mietpreisbremse: Vermieterin muss Tausende Euro zurückzahlen"),
    ("Feuerwehr", "Großbrand in Lagerhalle – Anwohner sollen Fenster schließen"),
    ("Literatur", "Debütroman einer Lehrerin steht auf der Shortlist"),
    ("Musik", "Open-Air-Festival meldet Zuschauerrekord"),
    ("Weltraum", "Raumsonde sendet erste Bilder vom Jupitermond"),
    ("Arbeitsmarkt", "Arbeitslosenzahl steigt im Januar saisonbedingt"),
    ("Landwirtschaft", "Bauernverband kritisiert neue Düngeregeln"),
    ("Tourismus", "Nordseeinseln melden Buchungsplus für Ostern"),
    ("Kriminalität", "Geldautomat gesprengt – Täter flüchten mit Sportwagen"),
    ("Wintersport", "Skispringerin gewinnt erstmals in Lillehammer"),
    ("Medizin", "Klinikum eröffnet neues Zentrum für Schlaganfallpatienten"),
    ("Nahost", "Vermittler melden Fortschritte bei Gesprächen über Waffenruhe"),
    ("Handel", "Innenstadt verliert zwei weitere Traditionsgeschäfte"),
    ("Kino", "Dokumentarfilm über Bergleute gewinnt Publikumspreis"),
    ("Sicherheit", "Bundeswehr übt mit Nato-Partnern an der Ostsee"),
    ("Schule", "Abiturprüfungen: Mathe-Aufgaben sorgen für Ärger"),
    ("Rente", "Rentenerhöhung im Juli fällt geringer aus als erwartet"),
    ("Wohnen", "Genossenschaft baut 140 Wohnungen am alten Güterbahnhof"),
    ("Zoo", "Nachwuchs bei den Schneeleoparden: Besucher müssen warten"),
    ("Hochschule", "Universität streicht drei Studiengänge"),
    ("Kirche", "Bistum legt Missbrauchsstudie vor"),
    ("Eishockey", "Pinguins sichern sich Heimrecht in den Playoffs"),
    ("Verkehr", "Radweg an der Uferstraße wird endlich gebaut"),
    ("Wetter", "Unwetterwarnung: Gewitter mit Hagel im Anmarsch"),
    ("Technik", "Autohersteller ruft 60.000 Fahrzeuge zurück"),
    ("Gastronomie", "Traditionswirtshaus findet neuen Pächter"),
    ("Bundesliga", "Stürmer fällt mit Muskelfaserriss wochenlang aus"),
    ("Wahlen", "Umfrage: Regierungsparteien verlieren weiter an Zustimmung"),
    ("Verteidigung", "Minister will Wehrpflicht-Debatte neu eröffnen"),
]

COMMENTS = [
    ("Klaus_D", "Endlich tut sich mal was. Das hätte man aber auch schon vor fünf Jahren haben können."),
    ("Ruhrpottkind", "Wer soll das alles bezahlen? Am Ende wieder der kleine Steuerzahler."),
    ("Marion K.", "Sehr guter Artikel, sachlich und ohne Aufregung. Danke dafür."),
    ("Bürger1967", "Ich wohne seit dreißig Jahren hier und habe so etwas noch nicht erlebt."),
    ("alex_wagner", "Man sollte erst einmal abwarten, was die Gutachter sagen, bevor man urteilt."),
    ("Hinterland", "Bei uns auf dem Dorf fährt der Bus zweimal am Tag. Von solchen Problemen können wir nur träumen."),
    ("Skeptiker_42", "Mal wieder typisch: Erst wird alles angekündigt, dann passiert jahrelang nichts."),
    ("Elke Sommer", "Meine Tochter ist direkt betroffen. Die Informationspolitik der Stadt ist eine Katastrophe."),
    ("frank.m", "Die Zahlen im Text sind doch geschönt. Wer sich auskennt, weiß das."),
    ("Wattwurm", "Danke an alle Helferinnen und Helfer, die da bei dem Wetter draußen waren!"),
    ("T. Brandt", "Ich verstehe die Aufregung nicht. Das ist doch überall so."),
    ("Neugierig", "Gibt es dazu auch eine Karte oder Übersicht? Würde mich interessieren, welche Straßen betroffen sind."),
    ("Rentner_aus_Bonn", "Früher war nicht alles besser, aber manches war einfacher geregelt."),
    ("LenaP", "Gut recherchiert. Bitte bleiben Sie an dem Thema dran."),
    ("Gerd", "Und wieder kein Wort dazu, wer das verbockt hat."),
    ("Nordlicht", "Typisch Süddeutschland, hier oben wäre das längst erledigt ;-)"),
    ("Moderation", "Bitte bleiben Sie sachlich. Beleidigende Kommentare werden entfernt."),
    ("Pendlerin", "Ich stehe jeden Morgen im Stau. Irgendwann reicht es auch mal."),
    ("Dr. H. Weber", "Aus fachlicher Sicht ist die Darstellung im Artikel weitgehend korrekt."),
    ("sonnenschein88", "Schade, dass es so weit kommen musste."),
    ("Michael_R", "Ich habe da mal eine Frage an die Redaktion: Wann kommt der zweite Teil?"),
    ("Ostwind", "Die Politik redet, die Leute vor Ort müssen es ausbaden."),
]

FIRSTNAMES = "Anna Jonas Lea Felix Miriam Tobias Sabine Henrik Paula Stefan Katrin Lukas Johanna Malte Ines David Carla Ole Birgit Nils Svenja Moritz Theresa Kai".split()
LASTNAMES = "Hoffmann Brückner Wendt Kessler Albrecht Sauer Lindner Reuter Voss Pohl Engel Franke Kühn Marquardt Böhm Seidel Arnold Winkler Hartung Nowak Ritter Lorenz Krämer Busch".split()

REGIONS = {
    "nrw": "Aachen Bielefeld Bochum Bonn Bottrop Dortmund Duisburg Düren Düsseldorf Essen Euskirchen Gelsenkirchen Gütersloh Hagen Hamm Herne Kleve Köln Krefeld Leverkusen Lüdenscheid Mönchengladbach Mülheim Münster Neuss Oberhausen Olpe Paderborn Recklinghausen Remscheid Siegen Solingen Unna Viersen Wesel Witten Wuppertal".split(),
    "kreise_nrw": ["Rhein-Erft-Kreis", "Rhein-Sieg-Kreis", "Rheinisch-Bergischer Kreis", "Oberbergischer Kreis", "Kreis Mettmann", "Rhein-Kreis Neuss", "Kreis Heinsberg", "Städteregion Aachen", "Kreis Euskirchen", "Kreis Düren", "Ennepe-Ruhr-Kreis", "Märkischer Kreis", "Hochsauerlandkreis", "Kreis Soest", "Kreis Borken", "Kreis Coesfeld", "Kreis Steinfurt", "Kreis Warendorf", "Kreis Lippe", "Kreis Höxter", "Kreis Minden-Lübbecke", "Kreis Herford"],
    "sachsen": "Annaberg-Buchholz Aue Bautzen Borna Chemnitz Delitzsch Döbeln Dresden Eilenburg Freiberg Freital Görlitz Grimma Hoyerswerda Kamenz Leipzig Löbau Meißen Mittweida Oschatz Pirna Plauen Radebeul Riesa Torgau Weißwasser Wurzen Zittau Zwickau Halle Magdeburg Dessau Merseburg Naumburg Weißenfels Wittenberg Erfurt Gera Jena Weimar Altenburg".split(),
    "nord": "Bad Doberan Bergen Eckernförde Flensburg Greifswald Grevesmühlen Heiligenhafen Husum Kiel Lübeck Neustadt Neubrandenburg Parchim Plön Ribnitz-Damgarten Rostock Schleswig Schwerin Stralsund Travemünde Usedom Wismar Wolgast Anklam Barth Bad Segeberg Eutin Fehmarn Kappeln Sassnitz Zingst".split(),
    "alpen": ["Bezirk Innsbruck-Land", "Bezirk Imst", "Bezirk Landeck", "Bezirk Reutte", "Bezirk Schwaz", "Bezirk Kufstein", "Bezirk Kitzbühel", "Bezirk Lienz", "Bezirk Bludenz", "Bezirk Bregenz", "Bezirk Dornbirn", "Bezirk Feldkirch", "Pongau", "Pinzgau", "Lungau", "Tennengau", "Flachgau", "Stadt Salzburg", "Stadt Innsbruck", "Landkreis Garmisch-Partenkirchen", "Landkreis Berchtesgadener Land", "Landkreis Oberallgäu", "Landkreis Ostallgäu", "Landkreis Miesbach", "Landkreis Bad Tölz-Wolfratshausen", "Landkreis Rosenheim", "Landkreis Traunstein", "Landkreis Weilheim-Schongau", "Landkreis Lindau"],
    "hamburg": ["Altona", "Bahrenfeld", "Barmbek", "Bergedorf", "Billstedt", "Blankenese", "Eimsbüttel", "Eppendorf", "Finkenwerder", "Hamm", "Harburg", "HafenCity", "Harvestehude", "Horn", "Lokstedt", "Niendorf", "Ottensen", "Rahlstedt", "Rotherbaum", "St. Georg", "St. Pauli", "Steilshoop", "Uhlenhorst", "Veddel", "Wandsbek", "Wilhelmsburg", "Winterhude", "Pinneberg", "Norderstedt", "Stade", "Buxtehude", "Lüneburg"],
}

SECTIONS = {
    "Politik": ["Deutschland", "Europa", "Ausland", "Bundestag", "Landespolitik", "Wahlen", "Ukraine-Krieg", "Nahost"],
    "Wirtschaft": ["Konjunktur", "Unternehmen", "Finanzen", "Börse", "Verbraucher", "Immobilien", "Arbeitsmarkt", "Energie"],
    "Sport": ["Fußball", "Bundesliga", "2. Bundesliga", "Handball", "Basketball", "Wintersport", "Formel 1", "Tennis", "Regionalsport"],
    "Kultur": ["Kino & Streaming", "Literatur", "Musik", "Theater", "Kunst", "Medien"],
    "Wissen": ["Klima", "Medizin", "Weltraum", "Technik", "Umwelt", "Geschichte"],
    "Panorama": ["Kriminalität", "Unglücke", "Leute", "Justiz", "Kurioses"],
    "Service": ["Wetter", "Verkehr", "Rätsel", "Horoskop", "Traueranzeigen", "Jobs", "Immobilienmarkt", "Gewinnspiele"],
}


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRSTNAMES)} {rng.choice(LASTNAMES)}"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]


def de_date(iso: str, with_time: bool = True) -> str:
    d, _, t = iso.partition("T")
    y, m, dd = d.split("-")
    s = f"{int(dd)}. {MONTHS[int(m) - 1]} {y}"
    return f"{s}, {t} Uhr" if with_time and t else s


def short_date(iso: str) -> str:
    d, _, t = iso.partition("T")
    y, m, dd = d.split("-")
    return f"{dd}.{m}.{y}" + (f", {t} Uhr" if t else "")
