"""Sites 1–6 (tune): Rheinische Rundschau, Tagesblick24, Hanse Kurier, Finanzblatt, Sportecho, Kulturfeder."""
from __future__ import annotations

import random

import widgets as W
from base import Site, date_de, date_short, js_json
from common import REGIONS, attr, esc, slugify


class RheinischeRundschau(Site):
    key, name, domain, brand, p = "rr", "Rheinische Rundschau", "www.rheinische-rundschau-online.de", "#003d7a", "rr"
    lead_in_body = True
    cls = dict(Site.cls, p="text-block__paragraph", lead="text-block__paragraph text-block__paragraph--intro", h="text-block__subline",
               fig="media media--image", caption="media__caption", credit="media__copyright", info="box box--info")

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        regions = REGIONS["nrw"] + REGIONS["kreise_nrw"]
        body = self.blocks(art["blocks"], rng)
        side = (W.most_read(p, rng, self.base) + W.weather_widget(p, rng, "Köln") +
                W.schedule_widget(p, rng, "Termine in der Region", [("Stadtratssitzung", "Rathaus, Ratssaal"), ("Bürgersprechstunde", "Bezirksrathaus Mülheim"),
                                                                        ("Blutspendetermin", "Gemeindezentrum St. Anna"), ("Flohmarkt", "Marktplatz"),
                                                                        ("Infoabend Kita-Anmeldung", "Stadtbibliothek"), ("Seniorennachmittag", "Begegnungsstätte Süd"),
                                                                        ("Bürgersprechstunde", "Bezirksrathaus Kalk"), ("Stadtratssitzung", "Rathaus, Ratssaal")]))
        return f"""<!DOCTYPE html>
<html lang="de" class="no-js">
<head>
{self.meta(art)}
<link rel="stylesheet" href="https://static.rheinische-rundschau-online.de/css/bootstrap.min.css?v=4.6.2">
<link rel="stylesheet" href="https://static.rheinische-rundschau-online.de/css/rr-main.css?v=20240311">
<style>{W.css(p, self.brand, "Merriweather,Georgia,serif")}
.text-block__paragraph--intro{{font-weight:700}}.rr-kicker{{color:var(--brand);font-weight:700;margin-right:.3em}}</style>
{self.jsonld(art)}
{W.analytics_js("RR4K2L9Q1", rng)}
{W.ivw_js("rundscha")}
{W.gpt_js()}
<script>document.documentElement.className=document.documentElement.className.replace("no-js","js");</script>
</head>
<body class="page-article ressort-{slugify(art['section'])}">
<a class="sr-only sr-only-focusable" href="#content">Zum Inhalt springen</a>
{W.icon_sprite()}
<div class="rr-topbar container-fluid"><div class="row"><div class="col-6 rr-topbar__date">Heute ist {esc(date_de(art).split(',')[0])}</div>
<div class="col-6 text-right"><a href="/epaper/">E-Paper</a> | <a href="/abo/">Abo</a> | <a href="/anzeigen/">Anzeigen</a> | <a href="/traueranzeigen/">Trauer</a></div></div></div>
<div class="rr-header"><div class="container"><div class="row align-items-center">
<div class="col-md-4"><a class="rr-logo" href="/" title="Rheinische Rundschau – Startseite">{W.logo_svg(self.name, self.brand)}</a></div>
<div class="col-md-4">{W.region_select(p, regions, "Lokalausgabe wählen")}</div>
<div class="col-md-4 text-right">{W.login_box(p, "RR+", "4 Wochen gratis")}<button class="rr-search-toggle" aria-label="Suche">{W.use_icon("search")}</button></div>
</div></div>
{W.mega_menu(p, rng, self.base, regions=REGIONS["nrw"][:24])}
</div>
<div class="container" id="content"><div class="row">
<div class="col-lg-8">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
<div class="article-detail" data-article-id="{rng.randint(10**7, 10**8)}">
<div class="article-detail__header">
<span class="article-detail__kicker">{esc(art['kicker'])}</span>
<h1 class="article-detail__headline">{esc(art['title'])}</h1>
<div class="article-detail__meta"><span class="article-detail__author">{esc(self.author_line(art))}</span> <span class="article-detail__date">{esc(date_short(art))}</span>
<span class="article-detail__readtime">{rng.randint(3, 7)} Min. Lesezeit</span></div>
{W.share_bar(p, u)}
</div>
<div class="text-block">
{body}
</div>
<div class="article-detail__footer">
{W.tag_cloud(p, self.base, art['tags'], rng, "Schlagworte")}
{W.share_bar(p, u, "rr-share--bottom")}
</div>
</div>
{W.teaser_list(p, rng, self.base, "Mehr aus " + art['section'], 4, with_text=True, plus=True)}
{W.comments(p, rng, 5)}
</div>
<div class="col-lg-4 rr-sidebar">
{W.ad_slot(p, rng)}
{side}
{W.newsletter_box(p, "Rundschau am Morgen", "Alles Wichtige aus Köln und der Region – werktags um 6 Uhr.")}
</div>
</div></div>
{W.footer_links(p, self.base, "Rheinische Rundschau Verlag GmbH & Co. KG", "Die Rheinische Rundschau berichtet seit 1949 unabhängig über Köln, Bonn und das Rheinland. Sie erscheint in zwölf Lokalausgaben.", "Rheinische Rundschau Verlag GmbH & Co. KG, Am Rheinufer 12, 50668 Köln", rng)}
{W.cookie_banner(p, rng, 0, "Rheinische Rundschau Verlag GmbH & Co. KG")}
<script src="https://static.rheinische-rundschau-online.de/js/vendor.bundle.js" defer></script>
<script src="https://static.rheinische-rundschau-online.de/js/rr-main.js?v=20240311" defer></script>
</body>
</html>
"""


class Tagesblick(Site):
    key, name, domain, brand, p = "tb", "Tagesblick24", "www.tagesblick24.de", "#d4001a", "tb"
    jsonld_body = True
    cls = dict(Site.cls, p="article__text", h="article__subheadline", fig="article__figure", caption="article__caption", credit="article__credit",
               info="article__infobox", quote="article__quote")

    def live_entry(self, b: dict, rng: random.Random) -> str:
        inner = self.blocks(b["children"], rng, top=False)
        return (f'<article class="tb-live__entry" id="post-{slugify(b["time"])}"><header class="tb-live__entryhead"><time class="tb-live__time" datetime="2024-02-18T{b["time"]}">{esc(b["time"])} Uhr</time>'
                f'<h2 class="tb-live__title">{esc(b["title"])}</h2></header><div class="tb-live__body">{inner}</div>'
                f'<div class="tb-live__share"><a href="#post-{slugify(b["time"])}">Link zum Eintrag</a></div></article>')

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        edge = art.get("edge", "")
        live = bool(art.get("live"))
        body = self.blocks(art["blocks"], rng)
        nul = '\n  var _tbFp = "fp@@NUL@@v2";  // fingerprint seed\n' if "nul" in edge else ""
        livehead = (f'<div class="tb-live__status"><span class="tb-live__dot"></span> LIVE <span class="tb-live__refresh">Aktualisiert {esc(art.get("updated", art["date"])[-5:])} Uhr</span>'
                    f'<button class="tb-live__reload">Neue Einträge laden</button></div>') if live else ""
        return f"""<!doctype html>
<html lang="de" data-ressort="{slugify(art['section'])}">
<head>
{self.meta(art)}
<link rel="preload" href="/assets/fonts/tb-sans.woff2" as="font" type="font/woff2" crossorigin>
<style>{W.css(p, self.brand, "'TB Sans',Arial,Helvetica,sans-serif")}
.tb-article__teaser{{font-size:1.2rem;font-weight:600}}.tb-live__dot{{display:inline-block;width:8px;height:8px;border-radius:50%;background:#d4001a}}</style>
{self.jsonld(art)}
<script>
  window.TB = window.TB || {{}};
  TB.page = {{ type: "{'liveblog' if live else 'article'}", id: "{art['id']}", ressort: "{slugify(art['section'])}", paywall: false }};{nul}
  TB.abTest = Math.random() < 0.5 ? "A" : "B";
</script>
{W.analytics_js("TBX93KD2", rng)}
{W.gpt_js()}
</head>
<body>
{W.icon_sprite()}
<header class="tb-header">
<div class="tb-header__bar">
<button class="tb-burger" aria-controls="tb-mainnav" aria-expanded="false">{W.use_icon("menu")}<span>Menü</span></button>
<a href="/" class="tb-logo">{W.logo_svg(self.name, self.brand)}</a>
<div class="tb-header__actions"><a href="/suche/">{W.use_icon("search")}<span class="visually-hidden">Suche</span></a>{W.login_box(p, "Tagesblick+", "1 Monat für 1 €")}</div>
</div>
<nav aria-label="Hauptnavigation">
{W.mega_menu(p, rng, self.base)}
</nav>
<div class="tb-ticker"><span class="tb-ticker__label">Eilmeldung</span> <a href="/eilmeldung/">{esc(rng.choice(W.HEADLINES)[1])}</a></div>
</header>
<main id="main" class="tb-main">
{W.breadcrumbs(p, self.base, [art['section']])}
<article class="tb-article{' tb-live' if live else ''}" itemscope itemtype="https://schema.org/NewsArticle">
<header class="tb-article__header">
<p class="tb-article__kicker">{esc(art['kicker'])}</p>
<h1 class="tb-article__headline" itemprop="headline">{esc(art['title'])}</h1>
<p class="tb-article__teaser" itemprop="description">{esc(art['teaser'])}</p>
<div class="tb-article__byline"><span class="tb-article__author" itemprop="author">{esc(self.author_line(art))}</span> · <time datetime="{art['date']}">{esc(date_de(art))}</time></div>
{W.share_bar(p, u)}
</header>
{livehead}
<div class="tb-article__body" itemprop="articleBody">
{body}
</div>
<footer class="tb-article__footer">{W.tag_cloud(p, self.base, art['tags'], rng)}<p class="tb-article__correction">Haben Sie einen Fehler entdeckt? <a href="/korrektur/">Schreiben Sie uns.</a></p></footer>
</article>
<aside class="tb-related">{W.teaser_list(p, rng, self.base, "Mehr zum Thema", 3, with_text=True)}</aside>
{W.ad_slot(p, rng)}
<section class="tb-more">{W.teaser_list(p, rng, self.base, "Weitere Nachrichten", 6, img=False)}{W.most_read(p, rng, self.base, "Meistgelesen", 5)}</section>
</main>
{W.footer_links(p, self.base, "Tagesblick Digital GmbH", "Tagesblick24 ist ein unabhängiges Nachrichtenportal mit Redaktionen in Berlin, Hamburg und München.", "Tagesblick Digital GmbH, Friedrichstraße 180, 10117 Berlin", rng)}
{W.cookie_banner(p, rng, 2, "Tagesblick Digital GmbH")}
<script src="/assets/js/tb.app.min.js" async></script>
</body>
</html>
"""


class HanseKurier(Site):
    key, name, domain, brand, p = "hk", "Hanse-Kurier", "www.hanse-kurier-hamburg.de", "#0a4a8c", "hk"
    lead_in_body = True
    charset = "iso-8859-1"
    cls = dict(Site.cls, p="artikeltext", lead="artikeltext vorspann", h="zwischenzeile", fig="bild", caption="bildunterschrift", credit="bildquelle",
               info="infokasten", quote="zitat", table="tabelle")
    h_tag = "h3"

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        cats = ["Hamburg", "Norddeutschland", "Politik", "Wirtschaft", "Hafen", "Sport", "HSV", "St. Pauli", "Kultur", "Polizeimeldungen", "Wetter", "Service"]
        nav = "".join(f'<td class="navi"><a href="/{slugify(c)}/" class="navilink">{esc(c)}</a></td>' for c in cats)
        sub = "".join(f'<a href="/hamburg/{slugify(r)}/" class="subnavi">{esc(r)}</a> | ' for r in REGIONS["hamburg"][:18])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html lang="de">
<head>
{self.meta(art, '<meta charset="iso-8859-1">')}
<link rel="stylesheet" type="text/css" href="/css/hk_2011.css">
<style type="text/css">
body{{margin:0;background:#e9eef3;font-family:Verdana,Arial,sans-serif;font-size:12px}}
td.navi{{background:#0a4a8c;padding:4px 8px}} a.navilink{{color:#fff;font-weight:bold}}
.artikeltext{{font-size:13px;line-height:19px}} .vorspann{{font-weight:bold}} .bildunterschrift{{font-size:11px;color:#555}}
.hk-widget{{border:1px solid #ccd;margin:8px 0;background:#fff}} .hk-table td{{border-bottom:1px dotted #aab;padding:2px 4px}}
</style>
<script type="text/javascript" src="/js/jquery-1.7.2.min.js"></script>
<script type="text/javascript">
<!--
var hk_ressort = "{slugify(art['section'])}";
function popup(url) {{ window.open(url, "hkpopup", "width=620,height=480,scrollbars=yes"); return false; }}
function druckversion() {{ window.print(); }}
var OAS_sitepage = "hanse-kurier.de/" + hk_ressort + "/artikel";
//-->
</script>
{self.jsonld(art)}
{W.ivw_js("hanseku")}
</head>
<body>
<div id="cookiehinweis" class="hk-cookie" style="background:#ffc;padding:6px;border-bottom:1px solid #cc9">Diese Seite verwendet Cookies. Durch die weitere Nutzung der Seite stimmen Sie der Verwendung von Cookies zu.
<a href="/datenschutz/">Weitere Informationen</a> <a href="#" onclick="document.getElementById('cookiehinweis').style.display='none';return false;">[Schlie&szlig;en]</a></div>
<table width="980" border="0" cellpadding="0" cellspacing="0" align="center" bgcolor="#ffffff">
<tr><td colspan="3">
<table width="100%" border="0" cellpadding="4" cellspacing="0"><tr>
<td width="300"><a href="/"><img src="/img/logo_hk.gif" width="280" height="60" alt="Hanse-Kurier &ndash; Die Zeitung f&uuml;r Hamburg" border="0"></a></td>
<td align="center"><div id="oas_Top" class="werbung"><span class="anzeige">Anzeige</span><script type="text/javascript">OAS_AD("Top");</script></div></td>
<td align="right" width="220"><form action="/suche/" method="get"><input type="text" name="q" size="16" value="Suchbegriff"> <input type="submit" value="Suchen"></form>
<a href="/login/">Login</a> | <a href="/registrieren/">Registrieren</a> | <a href="/abo/">Abo</a></td>
</tr></table>
</td></tr>
<tr><td colspan="3"><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr>{nav}</tr></table>
<div class="subnavileiste">{sub}<a href="/hamburg/stadtteile/">alle Stadtteile &raquo;</a></div></td></tr>
<tr valign="top">
<td width="160" class="linkespalte">
<div class="hk-widget"><b>Ressorts</b><ul class="ressortliste">{''.join(f'<li><a href="/{slugify(c)}/">{esc(c)}</a></li>' for c in cats)}</ul></div>
{W.region_select(p, REGIONS['hamburg'], 'Stadtteil')}
</td>
<td width="560" class="inhalt">
<div class="pfad">Sie sind hier: <a href="/">Startseite</a> &gt; <a href="/{slugify(art['section'])}/">{esc(art['section'])}</a> &gt; {esc(art['kicker'])}</div>
<div class="artikel">
<div class="dachzeile">{esc(art['kicker'])}</div>
<h1 class="artikelueberschrift">{esc(art['title'])}</h1>
<div class="artikelinfo">{esc(date_short(art))} &middot; {esc(self.author_line(art))} &middot; <a href="#" onclick="druckversion();return false;">Drucken</a> &middot; <a href="/empfehlen/" onclick="return popup(this.href);">Artikel versenden</a></div>
{body}
<div class="artikelende">&copy; Hanse-Kurier {art['date'][:4]} &ndash; Alle Rechte vorbehalten</div>
</div>
<div class="hk-widget"><b>Weitere Artikel aus dem Ressort {esc(art['section'])}</b>{W.teaser_list(p, rng, self.base, "", 5, img=False)}</div>
{W.comments(p, rng, 4, "Leserkommentare")}
</td>
<td width="260" class="rechtespalte">
<div class="werbung"><span class="anzeige">Anzeige</span><script type="text/javascript">OAS_AD("Right1");</script></div>
{W.most_read(p, rng, self.base, "Meistgelesen")}
{W.timetable_widget(p, rng, "HVV: Schienenersatzverkehr U3", "SEV U3", ["Barmbek", "Hamburger Straße", "Mundsburg", "Uhlandstraße", "Berliner Tor", "Hauptbahnhof Süd"])}
{W.schedule_widget(p, rng, "Hafentermine", [("Hafenrundfahrt mit Lotsen", "Landungsbrücken, Brücke 4"), ("Führung Speicherstadt", "Kehrwiederspitze"), ("Hafenrundfahrt mit Lotsen", "Landungsbrücken, Brücke 4"), ("Vortrag: 800 Jahre Hafen", "Hafenmuseum"), ("Führung Speicherstadt", "Kehrwiederspitze")])}
</td></tr>
<tr><td colspan="3">{W.footer_links(p, self.base, "Hanse-Kurier Verlagsgesellschaft mbH", "Der Hanse-Kurier erscheint seit 1952 in Hamburg und im Umland. Online seit 1998.", "Hanse-Kurier Verlagsgesellschaft mbH, Große Reichenstraße 27, 20457 Hamburg", rng, sitemap=False)}</td></tr>
</table>
</body>
</html>
"""


class Finanzblatt(Site):
    key, name, domain, brand, p = "fb", "Finanzblatt", "www.finanzblatt-online.de", "#0b6e4f", "fb"
    cls = dict(Site.cls, p="mb-5 text-lg leading-relaxed", h="mt-8 mb-3 text-2xl font-bold", ul="list-disc pl-6 mb-5", ol="list-decimal pl-6 mb-5",
               table="w-full text-sm border-collapse my-6", fig="my-8", caption="text-sm text-gray-600", credit="text-xs text-gray-400 uppercase",
               info="bg-gray-50 border-l-4 border-emerald-700 p-5 my-8", quote="border-l-4 pl-4 italic my-6")

    def special(self, t: str, b: dict, rng: random.Random) -> str:
        if t == "paywall":
            return ('<div class="relative"><div class="absolute inset-x-0 -top-24 h-24 bg-gradient-to-b from-transparent to-white"></div></div>'
                    + W.paywall_box(self.p, "FB Premium", "30 Tage kostenlos"))
        return super().special(t, b, rng)

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        secs = {"Märkte": ["Aktien", "Anleihen", "Devisen", "Rohstoffe", "Krypto", "Fonds & ETF"], "Unternehmen": ["Industrie", "Handel", "Banken", "Auto", "Tech", "Mittelstand"],
                "Konjunktur": ["Deutschland", "Eurozone", "USA", "China", "Geldpolitik"], "Finanzen": ["Geldanlage", "Steuern", "Vorsorge", "Immobilien", "Versicherungen"],
                "Karriere": ["Gehalt", "Arbeitsrecht", "Management"], "Meinung": []}
        return f"""<!DOCTYPE html>
<html lang="de" class="h-full antialiased">
<head>
{self.meta(art)}
<link rel="stylesheet" href="/_assets/app.7f3c1e9a.css">
<style>{W.css(p, self.brand, "Inter,system-ui,sans-serif")}</style>
{self.jsonld(art)}
<script>window.__FB_CONFIG__={js_json({"env": "prod", "article": art["id"], "premium": "paywall" in art.get("edge", ""), "tracking": {"provider": "piano", "site": "finanzblatt"}})};</script>
{W.analytics_js("FB71PLX0", rng)}
<script async src="https://experience.tinypass.example/xbuilder/experience/load?aid=FBPIANO"></script>
</head>
<body class="bg-white text-gray-900 min-h-full flex flex-col">
<div class="bg-gray-900 text-gray-100 text-xs overflow-hidden whitespace-nowrap" aria-label="Kursticker">{''.join(f'<span class="inline-block px-3">{esc(r)}</span>' for r in ["DAX 17.932,68 +0,41 %", "MDAX 26.118,02 −0,12 %", "Euro/Dollar 1,0874", "Gold 2.164,30 $", "Brent 85,12 $", "Bitcoin 67.210 $"])}</div>
<header class="border-b border-gray-200 sticky top-0 bg-white z-40">
<div class="max-w-7xl mx-auto px-4 flex items-center justify-between h-16">
<a href="/" class="shrink-0">{W.logo_svg(self.name, self.brand)}</a>
<div class="hidden md:flex items-center gap-6 text-sm font-medium">{W.mega_menu(p, rng, self.base, secs)}</div>
<div class="flex items-center gap-3"><a href="/suche" class="p-2">{W.use_icon("search")}</a>{W.login_box(p, "FB Premium", "30 Tage kostenlos")}</div>
</div></header>
<main class="flex-1 max-w-7xl mx-auto px-4 py-8 grid grid-cols-1 lg:grid-cols-12 gap-10">
<div class="lg:col-span-8">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
<article class="fb-article">
<div class="mb-6">
<span class="text-emerald-700 font-semibold uppercase tracking-wide text-sm">{esc(art['kicker'])}</span>
<h1 class="text-4xl font-extrabold leading-tight mt-2">{esc(art['title'])}</h1>
<p class="text-xl text-gray-700 mt-4 font-serif">{esc(art['teaser'])}</p>
<div class="flex items-center gap-3 mt-5 text-sm text-gray-500"><img src="https://img.finanzblatt-online.de/autoren/{slugify(art['author'])}.jpg" class="w-9 h-9 rounded-full" alt="">
<span>{esc(art['author'])}</span><span aria-hidden="true">·</span><time datetime="{art['date']}">{esc(date_de(art))}</time><span aria-hidden="true">·</span><span>{rng.randint(3, 8)} Min.</span></div>
</div>
{W.share_bar(p, u, "flex gap-2 mb-6")}
<div class="prose prose-lg max-w-none{' paywalled' if 'paywall' in art.get('edge', '') else ''}">
{body}
</div>
<div class="mt-10 border-t pt-6">{W.tag_cloud(p, self.base, art['tags'], rng, "Mehr zu")}</div>
</article>
{W.teaser_list(p, rng, self.base, "Das könnte Sie auch interessieren", 4, with_text=True, plus=True)}
</div>
<aside class="lg:col-span-4 space-y-8">
{W.stocks_widget(p, rng)}
{W.ad_slot(p, rng, "Anzeige", native=True)}
{W.most_read(p, rng, self.base, "Meistgelesen", 6)}
{W.newsletter_box(p, "Finanzblatt Morning Briefing", "Der Überblick für Anleger und Entscheider – montags bis freitags vor Börsenstart.")}
</aside>
</main>
{W.footer_links(p, self.base, "Finanzblatt Media GmbH", "Das Finanzblatt ist das Wirtschaftsportal für Anleger, Unternehmer und Führungskräfte. Kursdaten ohne Gewähr.", "Finanzblatt Media GmbH, Taunusanlage 8, 60329 Frankfurt am Main", rng)}
{W.cookie_banner(p, rng, 1, "Finanzblatt Media GmbH")}
<script type="module" src="/_assets/app.4b2d91c0.js"></script>
</body>
</html>
"""


def _hash(rng: random.Random, n: int = 6) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(n))


class Sportecho(Site):
    key, name, domain, brand, p = "se", "Sportecho", "www.sportecho-live.de", "#ff6a00", "se"

    def __init__(self) -> None:
        super().__init__()
        r = random.Random(55)
        self.h = {k: f"sc-{_hash(r, 6)} {_hash(r, 6)}" for k in ["p", "h", "fig", "cap", "cred", "quote", "ul", "table", "info", "tweet"]}
        self.cls = dict(Site.cls, p=self.h["p"], h=self.h["h"], fig=self.h["fig"], caption=self.h["cap"], credit=self.h["cred"], quote=self.h["quote"],
                        ul=self.h["ul"], ol=self.h["ul"], table=self.h["table"], info=self.h["info"], tweet=self.h["tweet"])

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        secs = {"Fußball": ["Bundesliga", "2. Liga", "3. Liga", "DFB-Pokal", "Champions League", "Nationalelf", "Transfers"], "Handball": ["HBL", "Nationalmannschaft", "EM 2024"],
                "Wintersport": ["Biathlon", "Ski alpin", "Skispringen", "Langlauf", "Rodeln"], "Motorsport": ["Formel 1", "DTM", "MotoGP"], "Mehr Sport": ["Tennis", "Basketball", "Eishockey", "Radsport", "Leichtathletik"],
                "Live": ["Liveticker", "Ergebnisse", "Tabellen", "TV-Programm"]}
        clubs = ["SV Rheinfeld 09", "FC Elbtal", "Borussia Weserau", "TSV Hohenstein", "1. FC Kaltenbach", "SpVgg Auental", "VfR Möllendorf", "Eintracht Sandfurt",
                 "FSV Lindenberg", "SC Nordhafen", "Union Talheim", "Fortuna Bergstadt", "SG Mühlental", "VfB Altenau", "Viktoria Seeburg", "Arminia Klingenthal", "TuS Wiesendorf", "Rot-Weiß Brunnen"]
        state = {"page": "article", "articleId": art["id"], "sport": slugify(art["section"]), "liveMatches": [{"home": clubs[i], "away": clubs[i + 1], "score": f"{rng.randint(0, 3)}:{rng.randint(0, 3)}", "minute": rng.randint(1, 90)} for i in range(0, 8, 2)]}
        ticker = "".join(f'<li class="sc-{_hash(rng)}"><span>{esc(m["home"])}</span> <b>{m["score"]}</b> <span>{esc(m["away"])}</span> <em>{m["minute"]}\'</em></li>' for m in state["liveMatches"])
        return f"""<!DOCTYPE html>
<html lang="de"><head>
{self.meta(art)}
<link rel="manifest" href="/manifest.json"><meta name="theme-color" content="#ff6a00">
<style data-styled="active" data-styled-version="5.3.11">{W.css(p, self.brand, "'Barlow Condensed',Arial,sans-serif")}
.{self.h['p'].split()[0]}{{font-size:18px;line-height:1.6;margin:0 0 1.2em}}.{self.h['h'].split()[0]}{{font-size:24px;text-transform:uppercase}}</style>
{self.jsonld(art)}
{W.analytics_js("SE22HGT7", rng)}
{W.gpt_js()}
</head>
<body>
<div id="__se"><div class="sc-{_hash(rng)} app-shell">
<div class="sc-{_hash(rng)} topbar"><ul class="sc-{_hash(rng)} live-strip" aria-label="Live-Spiele">{ticker}</ul></div>
<header class="sc-{_hash(rng)} site-header"><div class="sc-{_hash(rng)}"><a href="/" aria-label="Sportecho Startseite">{W.logo_svg(self.name, self.brand)}</a></div>
<div class="sc-{_hash(rng)} nav-wrapper" role="navigation">{W.mega_menu(p, rng, self.base, secs)}</div>
<div class="sc-{_hash(rng)}">{W.login_box(p, "Sportecho Pro", "7 Tage gratis")}</div></header>
<div class="sc-{_hash(rng)} page-grid">
<div class="sc-{_hash(rng)} main-col">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
<div class="sc-{_hash(rng)} article-container" data-testid="article">
<div class="sc-{_hash(rng)} article-head" data-testid="article-head">
<div class="sc-{_hash(rng)} kicker">{esc(art['kicker'])}</div>
<h1 class="sc-{_hash(rng)} headline">{esc(art['title'])}</h1>
<div class="sc-{_hash(rng)} intro" data-testid="article-intro">{esc(art['teaser'])}</div>
<div class="sc-{_hash(rng)} meta"><span>{esc(art['author'])}</span> <span>{esc(date_short(art))}</span></div>
</div>
{W.share_bar(p, u)}
<div class="sc-{_hash(rng)} article-body" data-testid="article-body">
{body}
</div>
{W.tag_cloud(p, self.base, art['tags'], rng, "Mehr zum Thema")}
</div>
{W.teaser_list(p, rng, self.base, "Weitere Sportnachrichten", 6, with_text=False)}
{W.comments(p, rng, 6, "Fan-Kommentare")}
</div>
<div class="sc-{_hash(rng)} side-col {p}-sidebar">
{W.standings_widget(p, rng, "Regionalliga West", clubs)}
{W.tv_widget(p, rng)}
{W.ad_slot(p, rng)}
{W.most_read(p, rng, self.base, "Meistgeklickt", 5)}
</div></div>
{W.footer_links(p, self.base, "Sportecho Digital GmbH", "Sportecho – Ergebnisse, Liveticker und Hintergründe aus über 40 Sportarten.", "Sportecho Digital GmbH, Am Stadion 3, 44137 Dortmund", rng)}
</div></div>
{W.cookie_banner(p, rng, 1, "Sportecho Digital GmbH")}
<script id="__SE_STATE__" type="application/json">{js_json(state)}</script>
<script src="/_next/static/chunks/main-{_hash(rng, 12)}.js" async></script>
</body></html>
"""


class Kulturfeder(Site):
    key, name, domain, brand, p = "kf", "Kulturfeder", "www.kulturfeder-magazin.de", "#6b1f5c", "kf"
    cls = dict(Site.cls, p="", h="wp-block-heading", fig="wp-block-image size-large", caption="wp-element-caption", credit="photo-credit",
               quote="wp-block-quote", info="wp-block-group infokasten", table="wp-block-table", ul="wp-block-list", ol="wp-block-list")
    link_class = None

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        pid = rng.randint(20000, 90000)
        secs = {"Bühne": ["Theater", "Oper", "Tanz", "Performance"], "Literatur": ["Rezensionen", "Lyrik", "Buchmessen", "Interviews"], "Kunst": ["Ausstellungen", "Museen", "Fotografie", "Architektur"],
                "Musik": ["Klassik", "Pop", "Jazz", "Festivals"], "Film": ["Kino", "Serien", "Festivals"], "Debatte": []}
        return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
{self.meta(art)}
<meta name="generator" content="WordPress 6.4.3">
<link rel="stylesheet" id="wp-block-library-css" href="https://www.kulturfeder-magazin.de/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<link rel="stylesheet" id="kulturfeder-style-css" href="https://www.kulturfeder-magazin.de/wp-content/themes/kulturfeder/style.css?ver=2.8.1" media="all">
<style id="kulturfeder-inline-css">{W.css(p, self.brand, "'Libre Baskerville',Georgia,serif")}</style>
{self.jsonld(art)}
<script id="kf-consent-js-extra">var kfConsent = {js_json({"ajaxurl": "/wp-admin/admin-ajax.php", "nonce": _hash(rng, 10), "cookieName": "kf_consent"})};</script>
{W.analytics_js("KF0R8PLW", rng)}
<link rel="https://api.w.org/" href="/wp-json/"><link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/{pid}">
</head>
<body class="post-template-default single single-post postid-{pid} single-format-standard wp-embed-responsive">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Zum Inhalt springen</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">Kulturfeder</a></p><p class="site-description">Magazin für Bühne, Buch und Bild</p></div>
<div id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menü</button>
{W.mega_menu(p, rng, self.base, secs)}</div>
<div class="header-widgets">{W.login_box(p, "Freundeskreis", "ab 3 € im Monat")}</div>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
{W.breadcrumbs(p, self.base, [art['section']], ol=False)}
<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard has-post-thumbnail hentry category-{slugify(art['section'])}">
<header class="entry-header">
<span class="cat-links"><a href="/kategorie/{slugify(art['section'])}/" rel="category tag">{esc(art['kicker'])}</a></span>
<h1 class="entry-title">{esc(art['title'])}</h1>
<div class="entry-summary"><p>{esc(art['teaser'])}</p></div>
<div class="entry-meta"><span class="byline"> von <span class="author vcard"><a class="url fn n" href="/autor/{slugify(art['author'])}/">{esc(art['author'])}</a></span></span>
<span class="posted-on"><time class="entry-date published" datetime="{art['date']}">{esc(date_de(art, ))}</time></span>
<span class="comments-link"><a href="#comments">Kommentare</a></span></div>
</header>
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><span class="tags-links">Schlagwörter: {', '.join(f'<a href="/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in art['tags'])}</span>
{W.share_bar(p, u, "sharedaddy sd-sharing-enabled")}</footer>
</article>
<div class="author-box"><img src="/wp-content/uploads/autoren/{slugify(art['author'])}.jpg" alt="" width="80" height="80"><div class="author-box__text"><b>{esc(art['author'])}</b> schreibt für die Kulturfeder über Theater, Literatur und Kunst. Sie lebt in Leipzig und ist Mitglied im Verband der Kritikerinnen und Kritiker.</div></div>
<div class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/{slugify(rng.choice(W.HEADLINES)[1])}/" rel="prev">Vorheriger Beitrag</a></div><div class="nav-next"><a href="/{slugify(rng.choice(W.HEADLINES)[1])}/" rel="next">Nächster Beitrag</a></div></div></div>
<div id="comments" class="comments-area">{W.comments(p, rng, 4, "Diskussion")}</div>
</main></div>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" action="/"><label><span class="screen-reader-text">Suche nach:</span><input type="search" name="s" placeholder="Suche …"></label><input type="submit" value="Suche"></form></section>
<section class="widget widget_tag_cloud"><h2 class="widget-title">Schlagwörter</h2>{W.tag_cloud(p, self.base, art['tags'] + ["Premiere", "Roman", "Ausstellung", "Oper", "Lyrik", "Festival"], rng, "")}</section>
<section class="widget kf-events">{W.schedule_widget(p, rng, "Kulturkalender", [("Lesung: Neue Stimmen", "Literaturhaus"), ("Premiere: Der Sturm", "Schauspielhaus, Große Bühne"), ("Kuratorenführung", "Kunsthalle"), ("Lesung: Neue Stimmen", "Stadtbibliothek"), ("Konzert: Streichquartett", "Kammermusiksaal"), ("Premiere: Der Sturm", "Schauspielhaus, Große Bühne")])}</section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Neueste Beiträge</h2>{W.teaser_list(p, rng, self.base, "", 5, img=False)}</section>
</aside>
</div>
{W.footer_links(p, self.base, "Kulturfeder e. V.", "Die Kulturfeder ist ein unabhängiges, werbefreies Kulturmagazin, getragen von einem gemeinnützigen Verein und seinen Mitgliedern.", "Kulturfeder e. V., Karl-Heine-Straße 44, 04229 Leipzig", rng, sitemap=False)}
</div>
{W.cookie_banner(p, rng, 1, "Kulturfeder e. V.")}
<script src="https://www.kulturfeder-magazin.de/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script src="https://www.kulturfeder-magazin.de/wp-content/themes/kulturfeder/js/navigation.js?ver=2.8.1" id="kulturfeder-navigation-js"></script>
</body>
</html>
"""
