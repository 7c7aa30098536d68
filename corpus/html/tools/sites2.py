"""Sites 7–8 (tune): Forschung heute, Alpenland Zeitung; 9–12 (heldout): MNN, Nachrichtenwerk24, Ostsee-Bote, Hauptstadt-Report."""
from __future__ import annotations

import random

import widgets as W
from base import Site, date_de, date_short, js_json
from common import REGIONS, all_text_of, attr, esc, gold_parts, slugify
from sites1 import _hash


class ForschungHeute(Site):
    key, name, domain, brand, p = "fh", "Forschung heute", "www.forschung-heute-online.de", "#1d5fa8", "fh"
    cls = dict(Site.cls, p="", h="", fig="media media--type-image", caption="field field--name-field-caption", credit="field field--name-field-copyright",
               info="paragraph paragraph--type--infobox", quote="paragraph--type--quote", table="table table--data")

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        nid = rng.randint(10000, 60000)
        secs = {"Natur & Umwelt": ["Klima", "Ozeane", "Biodiversität", "Geologie"], "Medizin": ["Neurologie", "Onkologie", "Infektionen", "Ernährung"], "Weltraum": ["Astronomie", "Raumfahrt", "Planeten"],
                "Technik": ["Energie", "KI", "Materialforschung", "Robotik"], "Mensch": ["Psychologie", "Archäologie", "Geschichte"], "Dossiers": []}
        return f"""<!DOCTYPE html>
<html lang="de" dir="ltr" prefix="og: https://ogp.me/ns#">
<head>
{self.meta(art)}
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_{_hash(rng, 20)}.css?delta=0&amp;language=de&amp;theme=fh_theme">
<style>{W.css(p, self.brand, "'Source Sans 3',Arial,sans-serif")}</style>
{self.jsonld(art)}
<script type="application/json" data-drupal-selector="drupal-settings-json">{js_json({"path": {"baseUrl": "/", "currentPath": f"node/{nid}", "currentLanguage": "de"}, "ajaxPageState": {"theme": "fh_theme", "libraries": "eJx1j1EKwzAIQC9k"}, "user": {"uid": 0}})}</script>
{W.analytics_js("FH55QE1A", rng)}
</head>
<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Direkt zum Inhalt</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner" class="region region-header">
<div id="block-fh-branding" class="block block-system block-system-branding-block"><a href="/" rel="home" class="site-logo">{W.logo_svg(self.name, self.brand)}</a><div class="site-slogan">Das Wissenschaftsmagazin</div></div>
<div id="block-fh-mainnavigation" class="block block-menu menu--main">{W.mega_menu(p, rng, self.base, secs)}</div>
<div class="block block-fh-account">{W.login_box(p, "Forschung heute Digital", "3 Monate gratis")}</div>
</header>
<div class="region region-breadcrumb">{W.breadcrumbs(p, self.base, [art['section']])}</div>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="layout-content">
<div id="block-fh-content" class="block block-system block-system-main-block">
<div data-history-node-id="{nid}" class="node node--type-article node--view-mode-full">
<div class="node__header">
<div class="field field--name-field-dachzeile field--type-string">{esc(art['kicker'])}</div>
<h1 class="page-title"><span class="field field--name-title field--type-string">{esc(art['title'])}</span></h1>
<div class="field field--name-field-teaser field--type-string-long">{esc(art['teaser'])}</div>
<div class="node__meta"><span class="field field--name-uid"><span>{esc(art['author'])}</span></span> <span class="field field--name-created">{esc(date_de(art))}</span></div>
</div>
<div class="node__content">
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{body}
</div>
<div class="field field--name-field-tags field--type-entity-reference">{W.tag_cloud(p, self.base, art['tags'], rng, "Schlagworte")}</div>
<div class="field field--name-field-quelle"><div class="field__label">Quellen</div><div class="field__item"><ul><li>Pressemitteilung der beteiligten Forschungseinrichtung</li><li>Fachaufsatz in einer begutachteten Zeitschrift (DOI auf Anfrage)</li></ul></div></div>
</div></div></div>
<div class="views-element-container block">{W.teaser_list(p, rng, self.base, "Das könnte Sie auch interessieren", 3, with_text=True)}</div>
</div>
<aside class="layout-sidebar-first" role="complementary">
{W.most_read(p, rng, self.base, "Meistgelesen", 5)}
{W.newsletter_box(p, "Forschung kompakt", "Einmal pro Woche: die spannendsten Studien, verständlich erklärt.")}
{W.schedule_widget(p, rng, "Wissenschaft erleben: Termine", [("Sternführung", "Volkssternwarte"), ("Kinder-Uni: Warum schmilzt das Eis?", "Hörsaal 1"), ("Sternführung", "Volkssternwarte"), ("Lange Nacht der Wissenschaften", "Campus Nord"), ("Kinder-Uni: Warum schmilzt das Eis?", "Hörsaal 1")])}
</aside>
</main>
{W.footer_links(p, self.base, "Forschung heute Verlag GmbH", "Forschung heute berichtet unabhängig über Wissenschaft, Medizin und Technik.", "Forschung heute Verlag GmbH, Pienzenauerstraße 2, 81679 München", rng)}
</div></div>
{W.cookie_banner(p, rng, 0, "Forschung heute Verlag GmbH")}
<script src="/sites/default/files/js/js_{_hash(rng, 20)}.js?scope=footer&amp;delta=0&amp;language=de"></script>
</body>
</html>
"""


class Alpenland(Site):
    key, name, domain, brand, p = "az", "Alpenland Zeitung", "www.alpenland-zeitung.at", "#2e7d32", "az"
    lead_in_body = True
    cls = dict(Site.cls, p="bodytext", lead="bodytext teaser-text", h="csc-subheader", fig="csc-textpic-image", caption="csc-textpic-caption", credit="image-copyright",
               info="news-infobox", quote="csc-quote", table="contenttable")
    h_tag = "h3"

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        edge = art.get("edge", "")
        body = self.blocks(art["blocks"], rng)
        secs = {"Tirol": ["Innsbruck", "Oberland", "Unterland", "Osttirol"], "Salzburg": ["Stadt", "Pongau", "Pinzgau", "Lungau"], "Bayern": ["Oberbayern", "Allgäu", "Chiemgau"],
                "Österreich": ["Politik", "Wirtschaft", "Chronik"], "Sport": ["Ski", "Fußball", "Eishockey"], "Wetter": ["Prognose", "Lawinenlage", "Unwetter"]}
        logo = W.logo_svg(self.name, self.brand, close="unclosed-svg" not in edge)
        navopen = '<nav class="az-mainnav" id="mainnav">'
        navclose = "" if "unclosed-nav" in edge else "</nav>"
        return f"""<!DOCTYPE html>
<html lang="de-AT">
<head>
{self.meta(art)}
<!--
	This website is powered by TYPO3 - inspiring people to share!
	TYPO3 is a free open source Content Management Framework initially created by Kasper Skaarhoj and licensed under GNU/GPL.
-->
<link rel="stylesheet" href="/typo3temp/assets/compressed/merged-{_hash(rng, 16)}.css?1710000000" media="all">
<style>{W.css(p, self.brand, "'Open Sans',Arial,sans-serif")}</style>
{self.jsonld(art)}
<script>
  var azConfig = {{"bundesland":"tirol","ressort":"{slugify(art['section'])}","uid":{rng.randint(100000, 999999)}}};
  document.addEventListener("DOMContentLoaded", function () {{ var b = document.querySelector(".az-burger"); if (b) b.addEventListener("click", function () {{ document.body.classList.toggle("nav-open"); }}); }});
</script>
{W.analytics_js("AZ9UL2M3", rng)}
</head>
<body id="p{rng.randint(100, 999)}" class="page-article">
{W.cookie_banner(p, rng, 0, "Alpenland Medien GmbH")}
<div id="wrapper">
<div id="header" class="az-header">
<div class="az-header__logo"><a href="/">{logo}</a></div>
<div class="az-header__service"><a href="/epaper/">ePaper</a> <a href="/abo/">Abo</a> <a href="/wetter/">Wetter</a> {W.login_box(p, "AZ Digital", "1 Monat gratis")}</div>
{navopen}
<button class="az-burger" type="button">{W.use_icon("menu")} Menü</button>
{W.mega_menu(p, rng, self.base, secs)}
{navclose}
<div class="az-regionbar">{W.region_select(p, REGIONS['alpen'], 'Mein Bezirk')}</div>
</div>
<div id="content" class="az-content">
<div class="az-col-main">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']], ol=False)}
<div class="news news-single">
<div class="article" itemscope="itemscope" itemtype="http://schema.org/Article">
<div class="header"><span class="news-list-category">{esc(art['kicker'])}</span><h1 itemprop="headline">{esc(art['title'])}</h1></div>
<div class="news-list-date"><time itemprop="datePublished" datetime="{art['date']}">{esc(date_short(art))}</time> | <span class="news-list-author">{esc(art['author'])}</span></div>
{W.share_bar(p, u)}
<div class="news-text-wrap" itemprop="articleBody">
{body}
</div>
<div class="news-related-wrap"><div class="news-related news-related-news"><h4>Das könnte Sie auch interessieren</h4>{W.teaser_list(p, rng, self.base, "", 4, img=False)}</div></div>
<div class="news-backlink-wrap"><a href="/{slugify(art['section'])}/">Zurück zur Übersicht</a></div>
</div></div>
{W.comments(p, rng, 4, "Postings")}
</div>
<div class="az-col-side {p}-sidebar">
{W.weather_widget(p, rng, "Innsbruck")}
{W.ad_slot(p, rng, "Werbung")}
{W.most_read(p, rng, self.base, "Meistgelesen", 5)}
{W.timetable_widget(p, rng, "Postbus: Fahrplan Linie 4176", "4176", ["Innsbruck Hbf", "Völs", "Kematen", "Zirl", "Telfs", "Mötz"])}
</div>
</div>
{W.footer_links(p, self.base, "Alpenland Medien GmbH", "Die Alpenland Zeitung – unabhängige Tageszeitung für Tirol, Salzburg und das bayerische Oberland. Offenlegung gemäß § 25 Mediengesetz.", "Alpenland Medien GmbH, Brunecker Straße 3, 6020 Innsbruck", rng)}
</div>
<script src="/typo3temp/assets/compressed/merged-{_hash(rng, 16)}.js?1710000000"></script>
</body>
</html>
"""


class MNN(Site):
    key, name, domain, brand, p = "mnn", "MNN – Mitteldeutsche Neueste Nachrichten", "www.mnn-nachrichten.de", "#a3001b", "mnn"
    lead_in_body = True
    split = "heldout"
    cls = dict(Site.cls, p="article-body__paragraph", lead="article-body__paragraph article-body__paragraph--lead", h="article-body__heading",
               fig="article-body__image", caption="image__caption", credit="image__source", info="article-body__box", table="article-body__table", quote="article-body__quote")

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        return f"""<!DOCTYPE html>
<html lang="de">
<head>
{self.meta(art)}
<link rel="stylesheet" href="/static/mnn/css/main.css?v=3.14.0">
<style>{W.css(p, self.brand, "'PT Serif',Georgia,serif")}</style>
{self.jsonld(art)}
{W.ivw_js("mnnonl")}
{W.analytics_js("MN33AA7Y", rng)}
{W.gpt_js()}
<script>
  (function(){{ try {{ var t = localStorage.getItem("mnn_theme"); if (t === "dark") document.documentElement.classList.add("theme-dark"); }} catch (e) {{}} }})();
</script>
</head>
<body class="mnn article-page">
<div class="mnn-skip"><a href="#artikel">Zum Artikel</a> <a href="#footer">Zum Seitenende</a></div>
{W.icon_sprite()}
<div class="mnn-header" id="top">
<div class="mnn-header__brand"><a href="/">{W.logo_svg("Mitteldeutsche Neueste Nachrichten", self.brand)}</a><span class="mnn-header__claim">Nachrichten aus Sachsen, Sachsen-Anhalt und Thüringen</span></div>
<div class="mnn-header__tools">{W.region_select(p, REGIONS['sachsen'], 'Meine Region')}{W.login_box(p, "MNN+", "3 Monate für 3 €")}</div>
<div class="mnn-header__menu">{W.mega_menu(p, rng, self.base, regions=REGIONS['sachsen'][:30])}</div>
</div>
<main class="mnn-main" id="artikel">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
<div class="mnn-grid">
<div class="mnn-grid__main">
<div class="article-head">
<div class="article-head__kicker">{esc(art['kicker'])}</div>
<h1 class="article-head__title">{esc(art['title'])}</h1>
<div class="article-head__meta"><span class="article-head__author">{esc(self.author_line(art))}</span><span class="article-head__date">{esc(date_short(art))}</span></div>
</div>
<div class="article-body">
<div class="article-body__content">
{body}
</div>
</div>
<div class="article-tools">{W.share_bar(p, u)}{W.tag_cloud(p, self.base, art['tags'], rng, "Themen")}</div>
{W.teaser_list(p, rng, self.base, "Mehr aus der Region", 4, with_text=True, plus=True)}
{W.comments(p, rng, 5, "Kommentare")}
</div>
<div class="mnn-grid__side {p}-sidebar">
{W.ad_slot(p, rng)}
{W.most_read(p, rng, self.base, "Meistgelesen", 6)}
{W.schedule_widget(p, rng, "Veranstaltungen", [("Wochenmarkt", "Altmarkt"), ("Stadtführung", "Treffpunkt Rathaus"), ("Wochenmarkt", "Altmarkt"), ("Orgelkonzert", "Frauenkirche"), ("Stadtführung", "Treffpunkt Rathaus"), ("Sprechstunde Verbraucherzentrale", "Bürgerbüro")])}
{W.election_widget(p, rng, "Kommunalwahl: Ergebnis Stadtrat", ["CDU", "AfD", "Linke", "SPD", "Grüne", "BSW", "FDP", "Freie Wähler", "Sonstige"])}
</div></div>
</main>
<div id="footer">{W.footer_links(p, self.base, "MNN Mediengruppe GmbH", "Die MNN Mediengruppe gibt sieben Tageszeitungen in Mitteldeutschland heraus.", "MNN Mediengruppe GmbH, Peterssteinweg 19, 04107 Leipzig", rng)}</div>
{W.cookie_banner(p, rng, 2, "MNN Mediengruppe GmbH")}
<script src="/static/mnn/js/main.js?v=3.14.0" defer></script>
</body>
</html>
"""


class Nachrichtenwerk(Site):
    key, name, domain, brand, p = "nw", "Nachrichtenwerk24", "www.nachrichtenwerk24.de", "#e30613", "nw"
    split = "heldout"

    def __init__(self) -> None:
        super().__init__()
        self.v = "data-v-3f1a7c2e"
        self.cls = dict(Site.cls, p="nw-text", h="nw-text__sub", fig="nw-image", caption="nw-image__caption", credit="nw-image__source",
                        info="nw-factbox", quote="nw-quote", table="nw-table")

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        edge = art.get("edge", "")
        body = self.blocks(art["blocks"], rng)
        v = self.v
        noscript = ('<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=9876543210&amp;ev=PageView&amp;noscript=1" alt="">'
                    + ("" if "unclosed-noscript" in edge else "</noscript>"))
        head_html = (f'<div class="nw-article__head" {v}><span class="nw-article__kicker" {v}>{esc(art["kicker"])}</span>'
                     f'<h1 class="nw-article__title" {v}>{esc(art["title"])}</h1>'
                     f'<p class="nw-article__teaser" {v}>{esc(art["teaser"])}</p>'
                     f'<div class="nw-article__meta" {v}>{esc(date_short(art))} · {esc(self.author_line(art))}</div></div>')
        article_html = (f'<div class="nw-article" {v}>{head_html}{W.share_bar(p, u)}<div class="nw-article__body" {v}>{body}</div>'
                        f'{W.tag_cloud(p, self.base, art["tags"], rng, "Themen")}</div>')
        if "template" in edge:
            shown = (f'<div id="nw-app" class="nw-app" data-article="{art["id"]}"><div class="nw-skeleton" aria-busy="true"><div class="nw-skeleton__line"></div>'
                     f'<div class="nw-skeleton__line"></div><p class="nw-skeleton__hint">Artikel wird geladen …</p></div></div>\n'
                     f'<script type="text/template" id="nw-article-template">\n{article_html}\n</script>\n'
                     '<script>\n  (function () {\n    var tpl = document.getElementById("nw-article-template");\n    var app = document.getElementById("nw-app");\n'
                     '    window.requestAnimationFrame(function () { app.innerHTML = tpl.innerHTML; app.removeAttribute("aria-busy"); });\n  })();\n</script>')
        else:
            shown = article_html
        secs = {"News": ["Politik", "Ausland", "Ukraine-Krieg", "Nahost", "Wirtschaft"], "Regional": ["Hessen", "Niedersachsen", "NRW", "Bayern", "Berlin"],
                "Crime": ["Polizei", "Prozesse", "True Crime"], "Promis": ["Royals", "TV", "Stars"], "Sport": ["Fußball", "Formel 1", "Boxen"], "Ratgeber": ["Geld", "Gesundheit", "Auto", "Reise"]}
        return f"""<!DOCTYPE html>
<html lang="de">
<head>
{self.meta(art)}
<link rel="preload" as="script" href="/_nuxt/entry.{_hash(rng, 8)}.js">
<style>{W.css(p, self.brand, "Roboto,Arial,sans-serif")}
.nw-article__teaser[{v}]{{font-weight:700;font-size:19px}}.nw-skeleton__line{{height:14px;background:#eee;margin:8px 0}}</style>
{self.jsonld(art)}
{W.gpt_js()}
{W.analytics_js("NW8812KQ", rng)}
<script>!function(f,b,e,v,n,t,s){{if(f.fbq)return;n=f.fbq=function(){{n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)}};if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init','9876543210');fbq('track','PageView');</script>
</head>
<body>
{noscript}
<div id="__nuxt"><div id="__layout"><div class="nw-layout" {v}>
<div class="nw-header" {v}>
<div class="nw-header__top" {v}><a href="/" class="nw-logo" {v}>{W.logo_svg(self.name, self.brand)}</a>
<div class="nw-header__right" {v}><a href="/suche/" {v}>Suche</a>{W.login_box(p, "NW Plus", "0,99 € im ersten Monat")}</div></div>
<div class="nw-header__nav" {v}>{W.mega_menu(p, rng, self.base, secs)}</div>
<div class="nw-breaking" {v}><b>+++ Breaking +++</b> <a href="/news/">{esc(rng.choice(W.HEADLINES)[1])}</a></div>
</div>
<div class="nw-billboard" {v}>{W.ad_slot(p, rng, "Anzeige")}</div>
<div class="nw-page" {v}>
<div class="nw-page__main" {v}>
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
{shown}
{W.ad_slot(p, rng, "Anzeige", native=True)}
{W.teaser_list(p, rng, self.base, "Auch interessant", 6, with_text=True, plus=True)}
{W.comments(p, rng, 7, "Leser-Kommentare")}
</div>
<div class="nw-page__side {p}-sidebar" {v}>
{W.most_read(p, rng, self.base, "Meistgelesen", 8)}
{W.ad_slot(p, rng, "Anzeige")}
{W.teaser_list(p, rng, self.base, "Video-Highlights", 4, img=True)}
</div></div>
{W.footer_links(p, self.base, "NW24 Media AG", "Nachrichtenwerk24 – Nachrichten, Unterhaltung und Service rund um die Uhr.", "NW24 Media AG, Kaiserstraße 50, 60329 Frankfurt am Main", rng)}
</div></div></div>
{W.cookie_banner(p, rng, 2, "NW24 Media AG")}
<script>window.__NUXT__={js_json({"layout": "default", "data": [{"articleId": art["id"], "ressort": slugify(art["section"])}], "state": {"user": None, "consent": False}})};</script>
<script src="/_nuxt/entry.{_hash(rng, 8)}.js" type="module" crossorigin></script>
</body>
</html>
"""


class OstseeBote(Site):
    key, name, domain, brand, p = "ob", "Ostsee-Bote", "www.ostsee-bote-online.de", "#00598a", "ob"
    lead_in_body = True
    split = "heldout"
    charset = "windows-1252"
    cls = dict(Site.cls, p="text", lead="text anriss", h="zwischentitel", fig="foto", caption="foto-bu", credit="foto-quelle", info="kasten", table="tabelle", quote="zitat")
    h_tag = "h2"

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        body = self.blocks(art["blocks"], rng)
        tides = "".join(f"<tr><td>{d}</td><td>Hochwasser {rng.randint(0, 11):02d}:{rng.randint(0, 59):02d} Uhr</td><td>Niedrigwasser {rng.randint(12, 23):02d}:{rng.randint(0, 59):02d} Uhr</td><td>Pegel Warnemünde: {rng.randint(480, 540)} cm</td></tr>"
                        for d in ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"])
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de" lang="de">
<head>
{self.meta(art, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />')}
<link rel="stylesheet" type="text/css" href="/css/ob-screen.css" media="screen" />
<link rel="stylesheet" type="text/css" href="/css/ob-print.css" media="print" />
<style type="text/css">{W.css(p, self.brand, "Tahoma,Verdana,sans-serif")}</style>
<script type="text/javascript">
//<![CDATA[
var ob_ressort = '{slugify(art['section'])}';
var ob_artikel_id = {rng.randint(100000, 999999)};
function schriftgroesse(d) {{ var b = document.getElementById('inhalt'); var s = parseInt(b.style.fontSize || 13, 10) + d; b.style.fontSize = s + 'px'; }}
//]]>
</script>
{self.jsonld(art)}
{W.ivw_js("ostseeb")}
</head>
<body>
<div id="seite">
<div id="kopf">
<div id="logo"><a href="/"><img src="/bilder/ob-logo.png" alt="Ostsee-Bote &ndash; Die Zeitung zwischen Trave und Oder" width="320" height="70" /></a></div>
<div id="kopf-service"><a href="/abo/">Abo-Service</a> | <a href="/epaper/">E-Paper</a> | <a href="/anzeigen/">Anzeigen</a> | <a href="/login/">Anmelden</a></div>
<div id="navigation"><ul id="hauptnavi">{''.join(f'<li><a href="/{slugify(c)}/">{esc(c)}</a><ul class="subnavi">' + ''.join(f'<li><a href="/{slugify(c)}/{slugify(s)}/">{esc(s)}</a></li>' for s in subs) + '</ul></li>' for c, subs in [("Lokales", ["Rostock", "Wismar", "Stralsund", "Rügen", "Usedom", "Greifswald"]), ("MV", ["Landtag", "Wirtschaft", "Polizei"]), ("Nachrichten", ["Politik", "Wirtschaft", "Panorama"]), ("Sport", ["Hansa", "Handball", "Segeln"]), ("Kultur", []), ("Service", ["Wetter", "Tide", "Fähren", "Termine"])])}</ul></div>
{W.region_select(p, REGIONS['nord'], 'Lokalteil')}
</div>
<div id="spalten">
<div id="inhalt">
<div class="pfadnavigation"><a href="/">Start</a> &raquo; <a href="/{slugify(art['section'])}/">{esc(art['section'])}</a> &raquo; <span>{esc(art['kicker'])}</span></div>
<div class="schriftwahl"><a href="javascript:schriftgroesse(-1)">A-</a> <a href="javascript:schriftgroesse(1)">A+</a> <a href="javascript:window.print()">Drucken</a></div>
<div class="artikel">
<h3 class="dachzeile">{esc(art['kicker'])}</h3>
<h1 class="titel">{esc(art['title'])}</h1>
<p class="autor">{esc(self.author_line(art))} &ndash; {esc(date_short(art))}</p>
{body}
</div>
{W.share_bar(p, u)}
<div class="weitere">{W.teaser_list(p, rng, self.base, "Weitere Nachrichten aus " + art['section'], 5, img=False)}</div>
{W.comments(p, rng, 3, "Ihre Meinung")}
</div>
<div id="rechts" class="{p}-sidebar">
<div class="anzeige"><span>Anzeige</span><div id="ob-ad-sky"></div></div>
{W.most_read(p, rng, self.base, "Meistgelesen", 5)}
<div class="{p}-widget"><div class="{p}-widget__title">Tidenkalender Warnemünde</div><table class="tide"><tr><th>Tag</th><th>Hochwasser</th><th>Niedrigwasser</th><th>Pegel</th></tr>{tides}</table></div>
{W.timetable_widget(p, rng, "Fährplan Stralsund – Altefähr", "Fähre 1", ["Stralsund Hafen", "Dänholm", "Altefähr"])}
{W.newsletter_box(p, "Ostsee-Bote am Abend", "Der Tag an der Küste in fünf Minuten.")}
</div>
</div>
{W.footer_links(p, self.base, "Ostsee-Bote Zeitungsverlag GmbH", "Der Ostsee-Bote erscheint in Mecklenburg-Vorpommern und Schleswig-Holstein mit neun Lokalausgaben.", "Ostsee-Bote Zeitungsverlag GmbH, Am Strande 7, 18055 Rostock", rng, sitemap=False)}
</div>
{W.cookie_banner(p, rng, 1, "Ostsee-Bote Zeitungsverlag GmbH")}
</body>
</html>
"""


class HauptstadtReport(Site):
    key, name, domain, brand, p = "hr", "Hauptstadt-Report", "www.hauptstadt-report.de", "#1b2a41", "hr"
    split = "heldout"
    cls = dict(Site.cls, p="Paragraph_p__x1Yt2", h="Heading_h2__9kQ3d", fig="Figure_figure__Lr2pX", caption="Figure_caption__Ab3Zz", credit="Figure_credit__t7Hh1",
               info="InfoBox_box__2PqR7", quote="Quote_quote__Wm0e3", table="DataTable_table__Y6uDn", ul="List_ul__8GdC1", ol="List_ol__0FgH2")

    def live_entry(self, b: dict, rng: random.Random) -> str:
        inner = self.blocks(b["children"], rng, top=False)
        return (f'<div class="LiveEntry_entry__3kXy1" data-entry-id="{rng.randint(10**6, 10**7)}"><div class="LiveEntry_meta__Q2w8e"><time class="LiveEntry_time__zQ9p0">{esc(b["time"])}</time>'
                f'<span class="LiveEntry_author__mP4s2">{esc(rng.choice(["AFP", "dpa", "Reuters", "hr"]))}</span></div>'
                f'<h3 class="LiveEntry_title__Nn7b3">{esc(b["title"])}</h3><div class="LiveEntry_body__Kk1o9">{inner}</div></div>')

    def render(self, art: dict, rng: random.Random) -> str:
        p, u = self.p, self.url(art)
        edge = art.get("edge", "")
        body = self.blocks(art["blocks"], rng)
        live = bool(art.get("live"))
        next_data = {"props": {"pageProps": {"article": {"id": art["id"], "title": art["title"], "teaser": art["teaser"], "authors": [art["author"]],
                                                          "published": art["date"], "paragraphs": [x for x in gold_parts(art["blocks"])][:12]}},
                               "__N_SSP": True}, "page": "/[ressort]/[slug]", "query": {"ressort": slugify(art["section"]), "slug": art["id"]}, "buildId": _hash(rng, 21)}
        secs = {"Politik": ["Bundesregierung", "Bundestag", "Parteien", "Länder", "Europa", "Sicherheit"], "Ukraine": ["Liveblog", "Analyse", "Hintergrund"], "Wirtschaft": ["Haushalt", "Energie", "Arbeit"],
                "Gesellschaft": ["Justiz", "Migration", "Bildung"], "Meinung": ["Kommentare", "Gastbeiträge", "Leitartikel"], "Podcast": []}
        livebar = (f'<div class="LiveBar_bar__q8Rt5"><span class="LiveBar_badge__P0o7a">Live</span> Zuletzt aktualisiert: {esc(art.get("updated", art["date"]).replace("T", " "))} Uhr '
                   f'<button class="LiveBar_toggle__r2Dd1">Neueste zuerst</button></div>') if live else ""
        return f"""<!DOCTYPE html><html lang="de"><head>
{self.meta(art)}
<meta name="next-head-count" content="24">
<link rel="preload" href="/_next/static/css/{_hash(rng, 16)}.css" as="style"><link rel="stylesheet" href="/_next/static/css/{_hash(rng, 16)}.css" data-n-g="">
<style>{W.css(p, self.brand, "'IBM Plex Sans',Arial,sans-serif")}</style>
{self.jsonld(art)}
{W.analytics_js("HR6BD1WZ", rng)}
<noscript data-n-css=""></noscript>
</head><body>
<div id="__next">
<div class="Layout_wrapper__Ck3p9">
<div class="Header_header__Zp0q1">
<div class="Header_row__T4n3s"><a class="Header_logo__u8Y2k" href="/">{W.logo_svg(self.name, self.brand)}</a>
<div class="Header_service__J9f2e"><a href="/newsletter/">Newsletter</a><a href="/podcast/">Podcast</a>{W.login_box(p, "Report+", "erster Monat gratis")}</div></div>
<div class="Header_nav__Vb7x3">{W.mega_menu(p, rng, self.base, secs)}</div>
</div>
<div class="Layout_main__Qw2e4">
{W.breadcrumbs(p, self.base, [art['section'], art['kicker']])}
<article class="Article_article__Hy6t1{' Article_live__Lm3p8' if live else ''}">
<header class="Article_header__Gq5r2">
<div class="Article_kicker__Sx1a4">{esc(art['kicker'])}</div>
<h1 class="Article_title__Pe8u9">{esc(art['title'])}</h1>
<p class="Article_lead__Dn4k0">{esc(art['teaser'])}</p>
<div class="Article_byline__Zb2c6"><span>{esc(self.author_line(art))}</span> <time dateTime="{art['date']}">{esc(date_de(art))}</time></div>
</header>
{W.share_bar(p, u)}
{livebar}
<div class="Article_body__Fd9w3">
{body}
</div>
<div class="Article_footer__Tt4n5">{W.tag_cloud(p, self.base, art['tags'], rng, "Themen")}</div>
</article>
{W.teaser_list(p, rng, self.base, "Mehr zum Thema", 4, with_text=True, plus=True)}
{W.most_read(p, rng, self.base, "Meistgelesen", 5)}
{W.comments(p, rng, 5, "Debatte")}
</div>
{W.footer_links(p, self.base, "Hauptstadt-Report GmbH", "Der Hauptstadt-Report berichtet aus dem Regierungsviertel – unabhängig, gründlich, überparteilich.", "Hauptstadt-Report GmbH, Schiffbauerdamm 40, 10117 Berlin", rng)}
</div></div>
{W.cookie_banner(p, rng, 0, "Hauptstadt-Report GmbH")}
<script id="__NEXT_DATA__" type="application/json">{js_json(next_data)}</script>
<script src="/_next/static/chunks/webpack-{_hash(rng, 16)}.js" defer></script>
<script src="/_next/static/chunks/framework-{_hash(rng, 16)}.js" defer></script>
</body></html>
"""
