"""Boilerplate fragments real German news pages carry around their article."""
from __future__ import annotations

import random

from common import COMMENTS, HEADLINES, REGIONS, SECTIONS, attr, esc, person, slugify

CSS_BASE = """
:root{--brand:%(brand)s;--ink:#1a1a1a;--muted:#6b6b6b;--bg:#fff;--line:#e3e3e3}
*,*:before,*:after{box-sizing:border-box}html{-webkit-text-size-adjust:100%%}
body{margin:0;font:16px/1.55 %(font)s;color:var(--ink);background:var(--bg)}
a{color:inherit;text-decoration:none}a:hover{text-decoration:underline}
img{max-width:100%%;height:auto;display:block}
.visually-hidden,.sr-only{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.%(p)s-header{border-bottom:3px solid var(--brand);background:#fff;position:sticky;top:0;z-index:50}
.%(p)s-logo svg{height:34px;width:auto}
.%(p)s-mega{display:none;position:absolute;left:0;right:0;background:#fff;box-shadow:0 8px 24px rgba(0,0,0,.12)}
.%(p)s-mega.is-open{display:grid;grid-template-columns:repeat(4,1fr);gap:24px;padding:24px}
.%(p)s-cookie{position:fixed;bottom:0;left:0;right:0;background:#fff;box-shadow:0 -4px 18px rgba(0,0,0,.2);z-index:9999;padding:20px}
.%(p)s-ad{background:#f4f4f4;min-height:250px;margin:24px 0;text-align:center;font-size:11px;color:#999}
.%(p)s-footer{background:#222;color:#ddd;padding:40px 0;font-size:14px}
@media (max-width:768px){.%(p)s-sidebar{display:none}.%(p)s-mega.is-open{grid-template-columns:1fr}}
"""


def css(prefix: str, brand: str, font: str) -> str:
    return CSS_BASE % {"p": prefix, "brand": brand, "font": font}


def logo_svg(name: str, color: str, close: bool = True) -> str:
    letters = "".join(w[0] for w in name.split()[:2]).upper()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 40" role="img" aria-label="{attr(name)}">'
           f'<title>{esc(name)}</title><rect width="40" height="40" rx="6" fill="{color}"/>'
           f'<text x="20" y="27" font-size="18" text-anchor="middle" fill="#fff" font-family="Georgia">{letters}</text>'
           f'<path d="M52 12h150v2H52zM52 26h120v2H52z" fill="{color}"/>')
    return svg + ("</svg>" if close else "")


def icon_sprite(close: bool = True) -> str:
    icons = {"search": "M10 2a8 8 0 105.3 14l5.4 5.3 1.4-1.4-5.3-5.4A8 8 0 0010 2zm0 2a6 6 0 110 12 6 6 0 010-12z",
             "user": "M12 12a5 5 0 100-10 5 5 0 000 10zm0 2c-4 0-8 2-8 5v3h16v-3c0-3-4-5-8-5z",
             "menu": "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z",
             "facebook": "M14 8h3V4h-3c-2.8 0-4 1.8-4 4v2H8v4h2v8h4v-8h3l1-4h-4V8.5c0-.3.2-.5.5-.5z",
             "x": "M4 4l7 9-7 7h2l6-6 5 6h4l-7-9 7-7h-2l-6 6-5-6z",
             "whatsapp": "M12 2a10 10 0 00-8.6 15L2 22l5-1.3A10 10 0 1012 2z",
             "mail": "M2 5h20v14H2zm2 2v.5l8 5 8-5V7z", "print": "M6 2h12v6H6zM4 9h16v8h-3v5H7v-5H4z",
             "link": "M10 14a4 4 0 005.7 0l3-3a4 4 0 10-5.7-5.7l-1 1",
             "comment": "M4 3h16v12H8l-4 4z", "clock": "M12 2a10 10 0 100 20 10 10 0 000-20zm1 5h-2v6l5 3 1-1.7-4-2.3z"}
    out = ['<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">']
    for k, d in icons.items():
        out.append(f'<symbol id="icon-{k}" viewBox="0 0 24 24"><path d="{d}"/></symbol>')
    if close:
        out.append("</svg>")
    return "\n".join(out)


def use_icon(name: str) -> str:
    return f'<svg class="icon icon--{name}" aria-hidden="true" width="20" height="20"><use href="#icon-{name}"></use></svg>'


def mega_menu(p: str, rng: random.Random, base: str, sections: dict | None = None, regions: list[str] | None = None) -> str:
    sections = sections or SECTIONS
    out = [f'<div class="{p}-mainnav" id="{p}-mainnav">', f'<ul class="{p}-mainnav__list" role="menubar">']
    for i, (sec, subs) in enumerate(sections.items()):
        sid = slugify(sec)
        out.append(f'<li class="{p}-mainnav__item{" has-mega" if subs else ""}" role="none">'
                   f'<a role="menuitem" href="{base}/{sid}/" class="{p}-mainnav__link" aria-haspopup="true">{esc(sec)}</a>')
        if subs:
            out.append(f'<div class="{p}-mega" id="mega-{sid}" aria-hidden="true"><div class="{p}-mega__inner">')
            out.append(f'<div class="{p}-mega__col"><div class="{p}-mega__title">{esc(sec)}</div><ul class="{p}-mega__links">')
            out += [f'<li><a href="{base}/{sid}/{slugify(s)}/">{esc(s)}</a></li>' for s in subs]
            out.append(f'<li class="{p}-mega__all"><a href="{base}/{sid}/">Alle Artikel: {esc(sec)}</a></li></ul></div>')
            picks = rng.sample(HEADLINES, 2)
            out.append(f'<div class="{p}-mega__col {p}-mega__col--teaser"><div class="{p}-mega__title">Top-Thema</div>')
            for kick, title in picks:
                out.append(f'<a class="{p}-mega__teaser" href="{base}/{sid}/{slugify(title)}-{rng.randint(10000, 99999)}">'
                           f'<span class="{p}-kicker">{esc(kick)}</span> <span class="{p}-mega__teaser-title">{esc(title)}</span></a>')
            out.append("</div></div></div>")
        out.append("</li>")
    if regions:
        out.append(f'<li class="{p}-mainnav__item has-mega" role="none"><a role="menuitem" href="{base}/region/" class="{p}-mainnav__link">Region</a>'
                   f'<div class="{p}-mega {p}-mega--regions"><div class="{p}-mega__inner"><ul class="{p}-mega__grid">')
        out += [f'<li><a href="{base}/region/{slugify(r)}/">{esc(r)}</a></li>' for r in regions]
        out.append("</ul></div></div></li>")
    out.append("</ul></div>")
    return "\n".join(out)


def region_select(p: str, regions: list[str], label: str = "Ihre Region wählen") -> str:
    opts = "\n".join(f'<option value="{slugify(r)}">{esc(r)}</option>' for r in regions)
    return (f'<div class="{p}-regionpicker"><label for="{p}-region">{esc(label)}</label>'
            f'<select id="{p}-region" name="region" onchange="location.href=\'/region/\'+this.value+\'/\'">'
            f'<option value="" selected>– bitte wählen –</option>\n{opts}\n</select></div>')


def breadcrumbs(p: str, base: str, trail: list[str], ol: bool = True) -> str:
    tag = "ol" if ol else "ul"
    items = [f'<li class="{p}-breadcrumb__item"><a href="{base}/">Startseite</a></li>']
    path = base
    for t in trail:
        path += "/" + slugify(t)
        items.append(f'<li class="{p}-breadcrumb__item"><a href="{path}/">{esc(t)}</a></li>')
    return f'<div class="{p}-breadcrumb" aria-label="Brotkrumen"><{tag} class="{p}-breadcrumb__list">' + "".join(items) + f"</{tag}></div>"


COOKIE_TEXTS = [
    ("Wir brauchen Ihre Zustimmung",
     "Wir und unsere {n} Partner speichern und/oder greifen auf Informationen auf Ihrem Gerät zu, beispielsweise Cookies, und verarbeiten personenbezogene Daten wie eindeutige Kennungen und Standardinformationen, die von Ihrem Gerät gesendet werden. Damit personalisieren wir Anzeigen und Inhalte, messen deren Leistung, gewinnen Erkenntnisse über Zielgruppen und entwickeln Produkte weiter. Mit einem Klick auf „Alle akzeptieren“ stimmen Sie der Verarbeitung zu. Ihre Einwilligung können Sie jederzeit über den Link „Privatsphäre“ am Seitenende widerrufen.",
     ["Alle akzeptieren", "Einstellungen", "Nur notwendige Cookies"]),
    ("Datenschutz-Hinweis",
     "Diese Website verwendet Cookies und vergleichbare Technologien, um Ihnen ein optimales Nutzungserlebnis zu bieten, Zugriffe zu analysieren und Werbung auszuspielen, die Ihren Interessen entspricht. Einige dieser Dienste verarbeiten Daten auch in Drittländern wie den USA. Weitere Informationen finden Sie in unserer Datenschutzerklärung.",
     ["Akzeptieren und weiter", "Ablehnen", "Details anzeigen"]),
    ("Werbefrei lesen oder mit Werbung zustimmen",
     "Nutzen Sie unser Angebot wie gewohnt mit Werbung und Tracking, indem Sie der Nutzung von Cookies zustimmen. Oder lesen Sie werbefrei und ohne Tracking im Pur-Abo für {price} im Monat. Bereits Abonnent? Dann melden Sie sich hier an.",
     ["Zustimmen", "Pur-Abo abschließen", "Anmelden"]),
]


def cookie_banner(p: str, rng: random.Random, variant: int, site: str) -> str:
    title, text, buttons = COOKIE_TEXTS[variant % len(COOKIE_TEXTS)]
    text = text.format(n=rng.randint(90, 240), price=rng.choice(["2,99 €", "3,99 €", "4,99 €"]))
    btns = "".join(f'<button type="button" class="{p}-cmp__btn{" is-primary" if i == 0 else ""}" data-action="{slugify(b)}">{esc(b)}</button>'
                   for i, b in enumerate(buttons))
    purposes = ["Informationen auf einem Gerät speichern und/oder abrufen", "Personalisierte Werbung und Inhalte, Messung von Werbeleistung und der Performance von Inhalten",
                "Zielgruppenforschung und Entwicklung von Angeboten", "Genaue Standortdaten verwenden", "Social-Media-Inhalte und externe Videos"]
    plist = "".join(f'<li><label><input type="checkbox" name="purpose{i}"> {esc(x)}</label></li>' for i, x in enumerate(purposes))
    return (f'<div id="{p}-cmp" class="{p}-cookie {p}-cmp" role="dialog" aria-modal="true" aria-labelledby="{p}-cmp-title">'
            f'<div class="{p}-cmp__box"><div class="{p}-cmp__title" id="{p}-cmp-title">{esc(title)}</div>'
            f'<div class="{p}-cmp__text"><p>{esc(text)}</p><p>Verantwortlich: {esc(site)}. <a href="/datenschutz/">Datenschutzerklärung</a> · <a href="/impressum/">Impressum</a></p></div>'
            f'<details class="{p}-cmp__details"><summary>Zwecke anzeigen</summary><ul>{plist}</ul></details>'
            f'<div class="{p}-cmp__buttons">{btns}</div></div></div>')


def login_box(p: str, abo_name: str, price: str) -> str:
    return (f'<div class="{p}-account"><a class="{p}-account__login" href="/login/">{use_icon("user")} Anmelden</a>'
            f'<div class="{p}-account__dropdown" hidden><div class="{p}-account__title">Willkommen!</div>'
            f'<p>Melden Sie sich an, um Artikel zu merken und Kommentare zu schreiben.</p>'
            f'<form action="/login/" method="post"><input type="email" name="email" placeholder="E-Mail-Adresse" autocomplete="email">'
            f'<input type="password" name="pw" placeholder="Passwort"><button type="submit">Einloggen</button></form>'
            f'<a href="/passwort-vergessen/">Passwort vergessen?</a> · <a href="/registrieren/">Jetzt registrieren</a></div>'
            f'<a class="{p}-account__abo" href="/abo/">{esc(abo_name)} testen – {esc(price)}</a></div>')


def share_bar(p: str, url: str, extra_class: str = "") -> str:
    items = [("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u="), ("x", "X", "https://twitter.com/intent/tweet?url="),
             ("whatsapp", "WhatsApp", "whatsapp://send?text="), ("mail", "E-Mail", "mailto:?body="), ("print", "Drucken", "javascript:window.print()"),
             ("link", "Link kopieren", "#")]
    lis = "".join(f'<li class="{p}-share__item"><a class="{p}-share__link {p}-share__link--{k}" href="{attr(h + (url if h.endswith("=") else ""))}" '
                  f'rel="noopener" target="_blank" title="Artikel teilen per {esc(n)}">{use_icon(k)}<span class="{p}-share__label">{esc(n)}</span></a></li>'
                  for k, n, h in items)
    return f'<div class="{p}-share {extra_class}"><span class="{p}-share__title">Artikel teilen:</span><ul class="{p}-share__list">{lis}</ul></div>'


def teaser_list(p: str, rng: random.Random, base: str, title: str, n: int, with_text: bool = False, plus: bool = False, img: bool = True) -> str:
    items = []
    for kick, t in rng.sample(HEADLINES, n):
        href = f"{base}/{slugify(kick)}/{slugify(t)}-{rng.randint(100000, 999999)}.html"
        badge = f'<span class="{p}-badge {p}-badge--plus" title="Plus-Artikel">Plus</span>' if plus and rng.random() < 0.4 else ""
        pic = (f'<div class="{p}-teaser__media"><img src="https://img.{base.split("//")[1]}/{slugify(t)[:30]}-w320.jpg" alt="" loading="lazy" width="320" height="180"></div>'
               if img else "")
        txt = (f'<p class="{p}-teaser__text">{esc(rng.choice(TEASER_SNIPPETS))}</p>' if with_text else "")
        items.append(f'<li class="{p}-teaser"><a href="{href}">{pic}<div class="{p}-teaser__body">{badge}<span class="{p}-kicker">{esc(kick)}</span>'
                     f'<span class="{p}-teaser__title">{esc(t)}</span>{txt}</div></a></li>')
    return f'<div class="{p}-teaserbox"><div class="{p}-teaserbox__head">{esc(title)}</div><ul class="{p}-teaserbox__list">{"".join(items)}</ul></div>'


TEASER_SNIPPETS = [
    "Die Entscheidung fiel nach stundenlangen Beratungen. Nicht alle Beteiligten sind zufrieden.",
    "Was bedeutet das für Betroffene? Die wichtigsten Fragen und Antworten im Überblick.",
    "Anwohner klagen seit Monaten über die Zustände. Jetzt reagiert die Verwaltung.",
    "Die Zahlen überraschen selbst Fachleute. Ein Blick auf die Hintergründe.",
    "Es ist nicht das erste Mal, dass der Fall für Schlagzeilen sorgt.",
    "Mit dieser Wende hatte kaum jemand gerechnet. Wie es jetzt weitergeht.",
    "Der Streit schwelt seit Jahren. Eine Lösung ist weiterhin nicht in Sicht.",
    "Die Polizei bittet Zeugen, sich zu melden. Hinweise nimmt jede Dienststelle entgegen.",
]


def most_read(p: str, rng: random.Random, base: str, title: str = "Meistgelesen", n: int = 5) -> str:
    items = "".join(f'<li class="{p}-mostread__item"><span class="{p}-mostread__rank">{i}</span><a href="{base}/{slugify(k)}/{slugify(t)}-{rng.randint(100000, 999999)}.html">'
                    f'<span class="{p}-kicker">{esc(k)}</span> {esc(t)}</a></li>'
                    for i, (k, t) in enumerate(rng.sample(HEADLINES, n), 1))
    return f'<div class="{p}-mostread"><div class="{p}-mostread__title">{esc(title)}</div><ol class="{p}-mostread__list">{items}</ol></div>'


def tag_cloud(p: str, base: str, tags: list[str], rng: random.Random, title: str = "Themen") -> str:
    extra = ["Polizei", "Wetter", "Verkehr", "Bundesregierung", "Energiepreise", "Bildung", "Gesundheit", "Klimawandel", "Fußball", "Stadtrat"]
    allt = tags + rng.sample(extra, 4)
    lis = "".join(f'<li><a class="{p}-tag {p}-tag--s{rng.randint(1, 4)}" href="{base}/thema/{slugify(t)}/">{esc(t)}</a></li>' for t in allt)
    return f'<div class="{p}-tags"><span class="{p}-tags__title">{esc(title)}</span><ul class="{p}-tags__list">{lis}</ul></div>'


def comments(p: str, rng: random.Random, n: int, heading: str = "Kommentare") -> str:
    picks = rng.sample(COMMENTS, n)
    items = []
    for i, (user, text) in enumerate(picks):
        day, hh, mm = rng.randint(1, 27), rng.randint(6, 23), rng.randint(0, 59)
        reply = ""
        if i % 3 == 1:
            ru, rt = rng.choice(COMMENTS)
            reply = (f'<ul class="{p}-comments__replies"><li class="{p}-comment {p}-comment--reply"><div class="{p}-comment__meta">'
                     f'<span class="{p}-comment__user">{esc(ru)}</span> <span class="{p}-comment__date">antwortete vor {rng.randint(2, 50)} Minuten</span></div>'
                     f'<div class="{p}-comment__text">@{esc(user)} {esc(rt)}</div></li></ul>')
        items.append(f'<li class="{p}-comment" id="comment-{rng.randint(100000, 999999)}"><div class="{p}-comment__meta"><span class="{p}-comment__user">{esc(user)}</span> '
                     f'<span class="{p}-comment__date">{day:02d}.03.2024, {hh:02d}:{mm:02d} Uhr</span></div>'
                     f'<div class="{p}-comment__text"><p>{esc(text)}</p></div><div class="{p}-comment__actions"><button>Antworten</button> <button>Melden</button> '
                     f'<span class="{p}-comment__likes">{rng.randint(0, 80)} Zustimmungen</span></div>{reply}</li>')
    return (f'<section class="{p}-comments" id="kommentare"><div class="{p}-comments__head"><h2>{esc(heading)} ({n + n // 3})</h2>'
            f'<p class="{p}-comments__rules">Bitte beachten Sie unsere <a href="/netiquette/">Netiquette</a>. Kommentare werden vor der Veröffentlichung geprüft.</p></div>'
            f'<form class="{p}-comments__form"><textarea placeholder="Schreiben Sie einen Kommentar …"></textarea><button type="submit">Kommentar absenden</button></form>'
            f'<ul class="{p}-comments__list">{"".join(items)}</ul><button class="{p}-comments__more">Weitere Kommentare laden</button></section>')


def newsletter_box(p: str, name: str, desc: str) -> str:
    return (f'<div class="{p}-newsletter"><div class="{p}-newsletter__title">Newsletter: {esc(name)}</div><p class="{p}-newsletter__text">{esc(desc)}</p>'
            f'<form action="/newsletter/anmelden" method="post"><input type="email" name="email" placeholder="Ihre E-Mail-Adresse" required>'
            f'<button type="submit">Kostenlos abonnieren</button></form><p class="{p}-newsletter__legal">Mit der Anmeldung stimmen Sie unserer '
            f'<a href="/datenschutz/">Datenschutzerklärung</a> zu. Die Abmeldung ist jederzeit möglich.</p></div>')


def ad_slot(p: str, rng: random.Random, label: str = "Anzeige", native: bool = False) -> str:
    slot = f"div-gpt-ad-{rng.randint(1000000000000, 9999999999999)}-{rng.randint(0, 9)}"
    body = ""
    if native:
        offers = [("Festgeld-Vergleich", "Bis zu 3,8 % Zinsen: Diese Banken zahlen jetzt am meisten"),
                  ("Hörgeräte", "Neue Hörgeräte-Generation: Fast unsichtbar und kaum spürbar"),
                  ("Photovoltaik", "Solaranlage ohne Anzahlung: So rechnet sich das Dach"),
                  ("Reise", "Kreuzfahrt-Schnäppchen: 7 Nächte Mittelmeer ab 499 €")]
        k, t = rng.choice(offers)
        body = f'<a class="{p}-native" href="https://ad.doubleclick.example/clk?id={rng.randint(1, 99999)}" rel="sponsored nofollow"><span class="{p}-native__brand">{esc(k)}</span> <span class="{p}-native__title">{esc(t)}</span></a>'
    return (f'<div class="{p}-ad {p}-ad--inline" data-ad-slot="{slot}"><span class="{p}-ad__label">{esc(label)}</span>'
            f'<div id="{slot}" style="min-width:300px;min-height:250px"></div>{body}'
            f'<script>googletag.cmd.push(function(){{googletag.display("{slot}");}});</script></div>')


def paywall_box(p: str, abo: str, price: str) -> str:
    return (f'<div class="{p}-paywall"><div class="{p}-paywall__badge">{esc(abo)}</div><div class="{p}-paywall__title">Weiterlesen mit {esc(abo)}</div>'
            f'<p>Sie haben bereits ein Abo? <a href="/login/">Hier anmelden</a></p><ul class="{p}-paywall__benefits"><li>Alle Artikel auf der Website und in der App</li>'
            f'<li>Werbereduziert lesen</li><li>Jederzeit monatlich kündbar</li></ul><a class="{p}-paywall__cta" href="/abo/">Jetzt {esc(price)} testen</a>'
            f'<p class="{p}-paywall__small">Danach 9,99 € pro Monat. Preise inkl. MwSt.</p></div>')


def readalso_box(p: str, rng: random.Random, base: str, label: str = "Lesen Sie auch") -> str:
    k, t = rng.choice(HEADLINES)
    return (f'<aside class="{p}-readalso"><span class="{p}-readalso__label">{esc(label)}</span> '
            f'<a href="{base}/{slugify(k)}/{slugify(t)}-{rng.randint(100000, 999999)}.html"><span class="{p}-kicker">{esc(k)}</span>: {esc(t)}</a></aside>')


def consent_placeholder(p: str, provider: str) -> str:
    return (f'<div class="{p}-embed-consent" data-provider="{slugify(provider)}"><div class="{p}-embed-consent__title">Empfohlener externer Inhalt</div>'
            f'<p>An dieser Stelle finden Sie einen externen Inhalt von {esc(provider)}, der den Artikel ergänzt. Sie können ihn sich mit einem Klick anzeigen lassen und wieder ausblenden.</p>'
            f'<label><input type="checkbox" class="{p}-embed-consent__always"> Externe Inhalte von {esc(provider)} immer anzeigen</label>'
            f'<button type="button" class="{p}-embed-consent__load">Externen Inhalt laden</button>'
            f'<p class="{p}-embed-consent__small">Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können personenbezogene Daten an Drittplattformen übermittelt werden. '
            f'Mehr dazu in unserer <a href="/datenschutz/">Datenschutzerklärung</a>.</p></div>')


def video_placeholder(p: str, rng: random.Random, title: str, dur: str) -> str:
    vid = rng.randint(1000000, 9999999)
    return (f'<div class="{p}-video" data-video-id="{vid}"><div class="{p}-video__player" id="player-{vid}">'
            f'<button class="{p}-video__play" aria-label="Video abspielen">▶</button><span class="{p}-video__duration">{esc(dur)}</span></div>'
            f'<div class="{p}-video__caption"><span class="{p}-video__label">Video</span> {esc(title)}</div>'
            f'<noscript><p>Um dieses Video abzuspielen, aktivieren Sie bitte JavaScript.</p></noscript></div>')


def footer_links(p: str, base: str, org: str, blurb: str, address: str, rng: random.Random, sitemap: bool = True) -> str:
    cols = {
        "Nachrichten": ["Politik", "Wirtschaft", "Panorama", "Sport", "Kultur", "Wissen", "Regionales", "Meinung", "Fotostrecken", "Videos", "Podcasts", "Archiv"],
        "Service": ["Wetter", "Verkehr", "Newsletter", "E-Paper", "Apps", "RSS-Feeds", "Gewinnspiele", "Rätsel", "Horoskop", "Leserreisen", "Ticketshop", "Anzeigen aufgeben"],
        "Abo": ["Abo-Angebote", "Digital-Abo", "Print-Abo", "Studentenabo", "Geschenkabo", "Abo verwalten", "Urlaubsservice", "Kündigung", "Hilfe & FAQ"],
        "Unternehmen": ["Impressum", "Datenschutz", "AGB", "Nutzungsbedingungen", "Privatsphäre-Einstellungen", "Barrierefreiheit", "Kontakt", "Karriere", "Mediadaten", "Presse", "Redaktionelle Leitlinien", "Verträge hier kündigen"],
    }
    if sitemap:
        cols["Themen A–Z"] = ["Abitur", "Bahnstreik", "Bundestagswahl", "Bürgergeld", "Corona", "Energiepreise", "Fußball-EM", "Grundsteuer", "Heizungsgesetz", "Inflation",
                              "Karneval", "Klimawandel", "Mindestlohn", "Nahost", "Nato", "Rente", "Schulen", "Ukraine-Krieg", "Unwetter", "Wohnungsmarkt"]
    html_cols = "".join(f'<div class="{p}-footer__col"><div class="{p}-footer__head">{esc(h)}</div><ul>' +
                        "".join(f'<li><a href="{base}/{slugify(x)}/">{esc(x)}</a></li>' for x in items) + "</ul></div>" for h, items in cols.items())
    return (f'<footer class="{p}-footer" role="contentinfo"><div class="{p}-footer__cols">{html_cols}</div>'
            f'<div class="{p}-footer__about"><p>{esc(blurb)}</p><address>{esc(address)}</address>'
            f'<p class="{p}-footer__copy">© {rng.choice(["2024", "2023–2024"])} {esc(org)}. Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung.</p></div></footer>')


# ---------------------------------------------------------------- boilerplate tables (rows repeat on purpose)
def table_html(p: str, header: list[str], rows: list[list[str]], cls: str, caption: str | None = None) -> str:
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    th = "".join(f"<th>{esc(h)}</th>" for h in header)
    trs = "\n".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{p}-table {cls}">{cap}<thead><tr>{th}</tr></thead><tbody>\n{trs}\n</tbody></table>'


def standings_widget(p: str, rng: random.Random, league: str, clubs: list[str]) -> str:
    rows, pts = [], 60
    for i, c in enumerate(clubs, 1):
        pts -= rng.randint(0, 4)
        sp = 25
        w = min(sp, max(0, pts // 3)); d = max(0, pts - 3 * w); l = max(0, sp - w - d)
        rows.append([str(i), c, str(sp), f"{w}-{d}-{l}", f"{rng.randint(20, 60)}:{rng.randint(15, 45)}", str(pts)])
    return (f'<div class="{p}-widget {p}-widget--table"><div class="{p}-widget__title">Tabelle {esc(league)}</div>' +
            table_html(p, ["Pl.", "Verein", "Sp.", "S-U-N", "Tore", "Pkt."], rows, "standings") +
            f'<a href="/sport/tabelle/">Zur kompletten Tabelle</a></div>')


def schedule_widget(p: str, rng: random.Random, title: str, events: list[tuple[str, str]], year: int = 2024) -> str:
    rows = []
    for i, (name, place) in enumerate(events):
        dd, mm, hh = rng.randint(1, 28), rng.randint(3, 5), rng.choice([10, 15, 17, 18, 19, 20])
        rows.append([f"Termin: {dd:02d}.{mm:02d}.{year}, {hh} Uhr", name, f"Ort: {place}", rng.choice(["Eintritt frei", "Eintritt: 8 €", "Eintritt: 12 €, ermäßigt 6 €", "Anmeldung erforderlich"])])
    return f'<div class="{p}-widget {p}-widget--events"><div class="{p}-widget__title">{esc(title)}</div>' + table_html(p, ["Termin", "Veranstaltung", "Ort", "Eintritt"], rows, "events") + "</div>"


def mealplan_widget(p: str, rng: random.Random, title: str) -> str:
    dishes = ["Spaghetti Bolognese", "Gemüselasagne", "Hähnchenbrust mit Reis", "Linseneintopf mit Würstchen", "Kartoffelpuffer mit Apfelmus",
              "Fischstäbchen mit Kartoffelpüree", "Milchreis mit Kirschen", "Chili sin Carne", "Schnitzel mit Pommes", "Gemüsecurry mit Basmatireis",
              "Kohlrouladen mit Salzkartoffeln", "Pizza Margherita", "Nudeln mit Tomatensoße", "Grießbrei mit Zimtzucker"]
    days = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
    rows = [[d, f"Menü 1: {rng.choice(dishes)}", f"Menü 2 (vegetarisch): {rng.choice(dishes)}", f"Dessert: {rng.choice(['Obst', 'Joghurt', 'Pudding', 'Obst'])}"] for d in days]
    return f'<div class="{p}-widget {p}-widget--meals"><div class="{p}-widget__title">{esc(title)}</div>' + table_html(p, ["Tag", "Menü 1", "Menü 2", "Nachtisch"], rows, "mealplan") + "</div>"


def timetable_widget(p: str, rng: random.Random, title: str, line: str, stops: list[str]) -> str:
    rows = []
    h, m = 5, rng.randint(0, 20)
    for _ in range(10):
        m += rng.choice([15, 20, 30])
        h += m // 60; m %= 60
        rows.append([f"Abfahrt {h:02d}:{m:02d}", f"Linie {line}", f"Richtung {stops[-1]}", f"über {', '.join(stops[1:-1])}"])
    return f'<div class="{p}-widget {p}-widget--timetable"><div class="{p}-widget__title">{esc(title)}</div>' + table_html(p, ["Abfahrt", "Linie", "Richtung", "Verlauf"], rows, "timetable") + "</div>"


def election_widget(p: str, rng: random.Random, title: str, parties: list[str]) -> str:
    rows = [[pt, f"{rng.uniform(3, 30):.1f} %".replace(".", ","), f"{rng.uniform(-5, 5):+.1f}".replace(".", ",")] for pt in parties]
    return (f'<div class="{p}-widget {p}-widget--election"><div class="{p}-widget__title">{esc(title)}</div>' +
            table_html(p, ["Partei", "Ergebnis", "Veränderung"], rows, "election") + '<p class="small">Quelle: Landeswahlleiter, vorläufiges Ergebnis</p></div>')


def stocks_widget(p: str, rng: random.Random) -> str:
    idx = ["DAX", "MDAX", "TecDAX", "SDAX", "Euro Stoxx 50", "Dow Jones", "Nasdaq 100", "Nikkei 225", "Euro/Dollar", "Gold (Unze)", "Brent-Öl", "Bitcoin"]
    rows = [[i, f"{rng.uniform(1, 40000):,.2f}".replace(",", "X").replace(".", ",").replace("X", "."), f"{rng.uniform(-2.5, 2.5):+.2f} %".replace(".", ",")] for i in idx]
    return f'<div class="{p}-widget {p}-widget--markets"><div class="{p}-widget__title">Märkte</div>' + table_html(p, ["Index", "Stand", "Veränderung"], rows, "markets") + '<p class="small">Kurse verzögert, Stand 17:35 Uhr</p></div>'


def weather_widget(p: str, rng: random.Random, city: str) -> str:
    days = ["Heute", "Morgen", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
    kinds = ["sonnig", "heiter", "wolkig", "bedeckt", "Regenschauer", "Gewitter", "leichter Regen"]
    rows = [[d, rng.choice(kinds), f"{rng.randint(-3, 8)} °C", f"{rng.randint(6, 19)} °C", f"Regenrisiko: {rng.randint(0, 90)} %"] for d in days]
    return f'<div class="{p}-widget {p}-widget--weather"><div class="{p}-widget__title">Wetter in {esc(city)}</div>' + table_html(p, ["Tag", "Wetter", "Tief", "Hoch", "Regen"], rows, "weather") + "</div>"


def tv_widget(p: str, rng: random.Random) -> str:
    items = ["Sportschau", "Handball live", "Biathlon-Weltcup", "Fußball: 2. Bundesliga", "Sport im Osten", "Eurosport: Snooker", "Tennis: ATP-Turnier", "Sportclub"]
    rows = [[f"{rng.randint(12, 22)}:{rng.choice(['00', '15', '30', '45'])} Uhr", rng.choice(items), rng.choice(["ARD", "ZDF", "DAZN", "Sky", "Eurosport", "MDR", "NDR", "Sport1"])] for _ in range(8)]
    return f'<div class="{p}-widget {p}-widget--tv"><div class="{p}-widget__title">Sport im TV heute</div>' + table_html(p, ["Zeit", "Sendung", "Sender"], rows, "tv") + "</div>"


# ---------------------------------------------------------------- scripts
def analytics_js(site_id: str, rng: random.Random) -> str:
    return f"""<script>
window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('consent','default',{{'ad_storage':'denied','analytics_storage':'denied','wait_for_update':500}});
gtag('js',new Date());gtag('config','G-{site_id}',{{'anonymize_ip':true,'page_type':'article'}});
(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':new Date().getTime(),event:'gtm.js'}});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
}})(window,document,'script','dataLayer','GTM-{rng.randint(100000, 999999)}');
</script>"""


def ivw_js(code: str) -> str:
    return f"""<script>
  /* IVW/INFOnline Messung */
  var iam_data={{"st":"{code}","cp":"redaktion_artikel","sv":"ke","co":"kommentar"}};
  if(typeof iom!=="undefined"){{iom.c(iam_data,1);}}
  window.addEventListener("load",function(){{var s=document.createElement("script");s.src="https://script.ioam.de/iam.js";document.head.appendChild(s);}});
</script>"""


def gpt_js() -> str:
    return """<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>
  window.googletag = window.googletag || {cmd: []};
  googletag.cmd.push(function() {
    googletag.pubads().enableSingleRequest();
    googletag.pubads().setTargeting("ressort", document.documentElement.dataset.ressort || "news");
    googletag.pubads().collapseEmptyDivs();
    googletag.enableServices();
  });
  if (window.innerWidth < 768) { document.documentElement.classList.add("is-mobile"); }
</script>"""
