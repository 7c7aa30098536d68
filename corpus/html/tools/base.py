"""Base site: block rendering with per-site class names; JSON-LD; the hooks each site fills."""
from __future__ import annotations

import json
import random
import re

import widgets as W
from common import all_text_of, attr, de_date, esc, gold_parts, inline_html, short_date, slugify


def js_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=None).replace("</", "<\\/")


class Site:
    key = "base"
    name = "Base"
    domain = "www.example.de"
    brand = "#c00"
    font = "Georgia,serif"
    p = "x"
    lead_in_body = False          # True: the first body paragraph is the lead and belongs to the article text
    jsonld_body = False           # JSON-LD carries the whole articleBody
    split = "tune"
    charset = "utf-8"
    regions: list[str] = []

    # class names for blocks, overridable
    cls = {"p": "", "lead": "lead", "h": "subheadline", "ul": "", "ol": "", "quote": "quote", "table": "article-table",
           "fig": "figure", "caption": "figure__caption", "credit": "figure__credit", "info": "infobox", "tweet": "embed embed--twitter"}
    h_tag = "h2"
    link_class: str | None = None

    def __init__(self) -> None:
        self.base = f"https://{self.domain}"

    # ------------------------------------------------------------ blocks
    def url(self, art: dict) -> str:
        return self.base + art["path"]

    def c(self, k: str) -> str:
        v = self.cls.get(k, "")
        return f' class="{v}"' if v else ""

    def para(self, text: str, first: bool) -> str:
        if first and self.lead_in_body:
            body = inline_html(text, link_class=self.link_class)
            m = re.match(r"^([A-ZÄÖÜ][\w.\-/ ]{1,40}?(?: \([\w/]+\))?)(\.|:| –| -) ", body)
            if m:
                body = f"<strong>{m.group(1)}{m.group(2)}</strong> " + body[m.end():]
            return f'<p{self.c("lead")}>{body}</p>'
        return f'<p{self.c("p")}>{inline_html(text, link_class=self.link_class)}</p>'

    def figure(self, b: dict, rng: random.Random) -> str:
        src = f"https://img.{self.domain.removeprefix('www.')}/{b['slug']}-{rng.randint(1000, 9999)}-w1200.jpg"
        return (f'<figure{self.c("fig")}><picture><source type="image/webp" srcset="{src[:-4]}.webp 1200w, {src[:-9]}w640.webp 640w">'
                f'<img src="{src}" alt="{attr(b["caption"])}" width="1200" height="675" loading="lazy"></picture>'
                f'<figcaption><span{self.c("caption")}>{esc(b["caption"])}</span> <span{self.c("credit")}>Foto: {esc(b["credit"])}</span></figcaption></figure>')

    def tweet(self, b: dict) -> str:
        return (f'<div{self.c("tweet")}><blockquote class="twitter-tweet" data-lang="de"><p lang="de" dir="ltr">{inline_html(b["text"])}</p>'
                f'&mdash; {esc(b["name"])} (@{esc(b["handle"])}) <a href="https://twitter.com/{b["handle"]}/status/17{random.Random(b["text"]).randint(10**15, 10**16)}">{esc(b["date"])}</a></blockquote>'
                f'<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></div>')

    def table(self, b: dict) -> str:
        head, *rows = b["items"]
        th = "".join(f"<th>{inline_html(h)}</th>" for h in head)
        trs = "".join("<tr>" + "".join(f"<td>{inline_html(x)}</td>" for x in r) + "</tr>" for r in rows)
        return f'<div class="table-wrapper"><table{self.c("table")}><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table></div>'

    def info(self, b: dict, rng: random.Random) -> str:
        inner = self.blocks(b["children"], rng, top=False)
        return f'<aside{self.c("info")}><h3 class="infobox__title">{esc(b["title"])}</h3>{inner}</aside>'

    def live_entry(self, b: dict, rng: random.Random) -> str:
        inner = self.blocks(b["children"], rng, top=False)
        return (f'<div class="liveblog-entry" id="entry-{slugify(b["time"])}"><time class="liveblog-entry__time">{esc(b["time"])} Uhr</time>'
                f'<h3 class="liveblog-entry__title">{inline_html(b["title"])}</h3>{inner}</div>')

    def special(self, t: str, b: dict, rng: random.Random) -> str:
        p = self.p
        if t == "readalso":
            return W.readalso_box(p, rng, self.base)
        if t == "ad":
            return W.ad_slot(p, rng, native=rng.random() < 0.5)
        if t == "newsletter":
            return W.newsletter_box(p, "Der Morgen", "Die wichtigsten Nachrichten des Tages – jeden Morgen um 6 Uhr in Ihrem Postfach.")
        if t == "paywall":
            return W.paywall_box(p, "Plus", "4 Wochen für 0,99 €")
        if t == "consent":
            return W.consent_placeholder(p, b["provider"])
        if t == "video":
            return W.video_placeholder(p, rng, b["title"], b["duration"])
        return ""

    def blocks(self, blocks: list[dict], rng: random.Random, top: bool = True) -> str:
        out, first = [], top
        for b in blocks:
            t = b["type"]
            if t == "paywall":
                out.append(self.special(t, b, rng))
                break
            if t == "p":
                out.append(self.para(b["text"], first)); first = False
            elif t == "h":
                out.append(f'<{self.h_tag}{self.c("h")}>{inline_html(b["text"])}</{self.h_tag}>')
            elif t in ("ul", "ol"):
                out.append(f"<{t}{self.c(t)}>" + "".join(f"<li>{inline_html(i, link_class=self.link_class)}</li>" for i in b["items"]) + f"</{t}>")
            elif t == "quote":
                cite = f"<footer><cite>{inline_html(b['attribution'])}</cite></footer>" if b.get("attribution") else ""
                out.append(f'<blockquote{self.c("quote")}>' + "".join(f"<p>{inline_html(x)}</p>" for x in b["paras"]) + cite + "</blockquote>")
            elif t == "table":
                out.append(self.table(b))
            elif t == "fig":
                out.append(self.figure(b, rng))
            elif t == "tweet":
                out.append(self.tweet(b))
            elif t == "info":
                out.append(self.info(b, rng))
            elif t == "live":
                out.append(self.live_entry(b, rng))
            else:
                out.append(self.special(t, b, rng))
        return "\n".join(out)

    # ------------------------------------------------------------ metadata
    def jsonld(self, art: dict) -> str:
        ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting" if art.get("live") else "NewsArticle",
              "mainEntityOfPage": {"@type": "WebPage", "@id": self.url(art)}, "headline": art["title"], "description": art["teaser"],
              "datePublished": art["date"] + ":00+01:00", "dateModified": art.get("updated", art["date"]) + ":00+01:00",
              "author": [{"@type": "Person", "name": a.strip()} for a in art["author"].split(" und ")],
              "publisher": {"@type": "NewsMediaOrganization", "name": self.name, "logo": {"@type": "ImageObject", "url": f"{self.base}/assets/logo-600x60.png"}},
              "image": [f"https://img.{self.domain.removeprefix('www.')}/{art['id']}-16x9.jpg"], "articleSection": art.get("section", ""),
              "keywords": ", ".join(art["tags"]), "inLanguage": "de-DE"}
        if "paywall" in art.get("edge", ""):
            ld["isAccessibleForFree"] = False
            ld["hasPart"] = {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywalled"}
        if self.jsonld_body:
            ld["articleBody"] = all_text_of(art["blocks"])
        bc = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Startseite", "item": self.base + "/"},
            {"@type": "ListItem", "position": 2, "name": art.get("section", ""), "item": self.base + "/" + slugify(art.get("section", "")) + "/"}]}
        return (f'<script type="application/ld+json">{js_json(ld)}</script>\n'
                f'<script type="application/ld+json">{js_json(bc)}</script>')

    def meta(self, art: dict, charset_tag: str | None = None) -> str:
        u = self.url(art)
        img = f"https://img.{self.domain.removeprefix('www.')}/{art['id']}-16x9.jpg"
        cs = charset_tag or f'<meta charset="{self.charset}">'
        return f"""{cs}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(art['title'])} | {esc(self.name)}</title>
<meta name="description" content="{attr(art['teaser'])}">
<meta name="robots" content="index, follow, max-image-preview:large">
<meta name="author" content="{attr(art['author'])}">
<meta name="keywords" content="{attr(', '.join(art['tags']))}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{attr(self.name)}">
<meta property="og:title" content="{attr(art['title'])}">
<meta property="og:description" content="{attr(art['teaser'])}">
<meta property="og:url" content="{u}">
<meta property="og:image" content="{img}">
<meta property="og:locale" content="de_DE">
<meta property="article:published_time" content="{art['date']}:00+01:00">
<meta property="article:section" content="{attr(art.get('section', ''))}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{attr(art['title'])}">
<link rel="canonical" href="{u}">
<link rel="icon" href="/favicon.ico" sizes="any">
<link rel="apple-touch-icon" href="/apple-touch-icon.png">
<link rel="preconnect" href="https://img.{self.domain.removeprefix('www.')}">
<link rel="alternate" type="application/rss+xml" title="{attr(self.name)} – Schlagzeilen" href="{self.base}/rss/">"""

    def gold(self, art: dict) -> str:
        return "\n\n".join(x for x in gold_parts(art["blocks"]) if x.strip())

    def author_line(self, art: dict) -> str:
        return "Von " + art["author"]

    def render(self, art: dict, rng: random.Random) -> str:  # pragma: no cover - each site defines it
        raise NotImplementedError


def date_de(art: dict) -> str:
    return de_date(art["date"])


def date_short(art: dict) -> str:
    return short_date(art["date"])
