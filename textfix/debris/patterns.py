"""Debris patterns: markup remnants, site boilerplate, bylines, captions and credits.

Patterns are matched against one paragraph (one line of the article) at a time.

>>> classify_paragraph("Ähnliche Themen:")
'boilerplate'
>>> classify_paragraph("Waffen kommen von der DVRK nach Russland an die Front/Channel 24 Collage")
'caption'
>>> classify_paragraph("Die NATO ist besorgt.") is None
True
>>> [m.group() for m in MARKUP.finditer("Text<script>alert(1)</script> mehr< /p>")]
['<script>alert(1)</script>', '< /p>']
"""

from __future__ import annotations

import re

__all__ = ["MARKUP", "byline_suffix", "classify_paragraph", "is_headline_like"]

#: Any HTML tag, well-formed or not (``< /p>``, ``<br/>``, ``<div class="x">``), and comments.
#: Script and style elements count with their content: code is never article text. A comment or
#: script left open runs to the end of its line (searching further for each one was quadratic).
#: A tag is an HTML element's name (or a custom, namespaced name: ``fb:like``, ``my-widget``), or
#: any name with ``attribute=value``: "<The Palace: Tale of Jang Noksu>" is a title in angle brackets.
_ELEMENTS = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|big|blink|blockquote|body|br|button|canvas|caption|center|"
    "cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|font|"
    "footer|form|frame|frameset|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|"
    "map|mark|marquee|menu|meta|meter|nav|nobr|noscript|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|"
    "rp|rt|ruby|s|samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|"
    "template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|path|g|use|image|defs|circle|rect"
)
MARKUP = re.compile(
    r"<(script|style|noscript)\b[^<>]{0,400}>[^\n]*?(?:</\1\s*>|$)"
    rf"|<!--.*?(?:-->|$)|<\s*/?\s*(?:(?:{_ELEMENTS})(?![A-Za-z0-9:-])|[A-Za-z][A-Za-z0-9]*[:-][A-Za-z0-9:-]+)(?:\s[^<>]{{0,400}}?)?\s*/?\s*>"
    r"|<\s*[A-Za-z][A-Za-z0-9]*\s[^<>]{0,400}?=[^<>]{0,400}>|<!\w[^<>]{0,200}>",
    re.S | re.I | re.M,
)

_BOILERPLATE_LINES = [
    # reply and comment prompts
    r"leave a (?:reply|comment)", r"post a comment", r"add a comment", r"\d* ?comments?", r"kommentar(?:e|e schreiben| schreiben| verfassen)?",
    r"jetzt kommentieren", r"kommentieren", r"(?:оставить|оставьте|написать) комментарий", r"комментарии(?: \(\d+\))?",
    r"(?:залишити|залиште|написати) коментар", r"коментарі(?: \(\d+\))?",
    # related and more-news headers
    r"(?:ähnliche|verwandte) (?:themen|artikel|beiträge|nachrichten)", r"(?:weitere|mehr|aktuelle) (?:nachrichten|artikel|meldungen|news)",
    r"mehr zum thema", r"das könnte sie auch interessieren", r"auch interessant", r"(?:lesen|sehen) sie auch(?: ?:.*)?", r"weiterlesen",
    r"mehr lesen", r"related(?: articles| news| posts| stories| topics)?", r"more (?:news|stories|from .{1,40})", r"read (?:more|also|next)(?: ?:.*)?",
    r"see also(?: ?:.*)?", r"you (?:may|might) also like", r"recommended(?: for you)?", r"top stories",
    r"читайте (?:также|еще|ещё)(?: ?:.*)?", r"(?:похожие|другие|последние) новости", r"(?:еще|ещё|больше) новостей",
    r"читайте (?:також|ще)(?: ?:.*)?", r"(?:схожі|інші|останні) новини", r"більше новин",
    # share and subscribe prompts
    r"(?:jetzt )?teilen", r"(?:teilen sie|teile) (?:diesen|den) (?:artikel|beitrag)", r"artikel teilen", r"(?:auf|bei) (?:facebook|twitter|x|whatsapp|telegram) teilen",
    r"(?:newsletter|jetzt) abonnieren", r"abonnieren sie (?:unseren|den) newsletter", r"folgen sie uns (?:auf|bei) .{1,60}",
    r"share(?: this| the)?(?: article| story| post)?", r"share (?:on|via) (?:facebook|twitter|x|whatsapp|telegram|email)",
    r"subscribe(?: now| to (?:our|the) (?:newsletter|channel))?", r"sign up for (?:our|the) newsletter", r"follow us on .{1,60}",
    r"поделиться(?: в .{1,30})?", r"(?:подписывайтесь|подпишитесь) на .{1,80}", r"поділитися(?: в .{1,30})?", r"(?:підписуйтесь|підпишіться) на .{1,80}",
    # cookie notices, ads, legal
    r"(?:wir verwenden|diese (?:webseite|website|seite) verwendet|wir nutzen) cookies.*", r"cookies? (?:akzeptieren|zulassen)",
    r"(?:we use|this (?:web)?site uses) cookies.*", r"accept (?:all )?cookies", r"(?:мы используем|сайт использует) (?:файлы )?cookie.*",
    r"(?:ми використовуємо|сайт використовує) (?:файли )?cookie.*", r"werbung", r"anzeige", r"advertisement", r"реклама",
    r"(?:©|\(c\)|copyright).{0,80}", r"alle rechte vorbehalten.*", r"all rights reserved.*", r"все права защищены.*", r"всі права захищені.*",
    r"zum seitenanfang", r"(?:zurück )?nach oben", r"back to top",
]
_BOILERPLATE = re.compile(r"(?:" + "|".join(_BOILERPLATE_LINES) + r")", re.I)
# A photo credit or a source on its own line: a credit, not the site's chrome (the model's
# neighbours then see a credit, and weigh the caption before it as one).
_CREDIT_LINE = re.compile(
    r"(?:foto|fotos|photo|photos|bild|image|credit|quelle|source|фото|иллюстрация|ілюстрація|источник|джерело)\s*:.{1,80}",
    re.I,
)
# A byline on its own line: the word, then names (capitalised: "Von einer Anhebung ..." is prose),
# joined by commas or "and", perhaps a place after a comma.
_CAPITAL = "A-ZÄÖÜÀ-ÝА-ЯЁІЇЄҐ"
_PERSON = rf"[{_CAPITAL}][\w.'’-]+(?:\s+(?:[{_CAPITAL}][\w.'’-]+|van|von|de|der|den|al|bin)){{0,3}}"
_BYLINE_LINE = re.compile(
    rf"(?i:von|by|autor(?:in)?|author|автор(?:ка)?|авторка)\s*:?\s+{_PERSON}"
    rf"(?:\s*(?:,|&|(?i:und|and|и|і))\s*{_PERSON})*(?:\s*,\s*[{_CAPITAL}][\w .'’-]{{1,30}})?"
)
# A copyright line may be long (the holder's full name, "all rights reserved", a reuse notice):
# it starts with the sign, or with the word and a year, or reserves the rights.
_COPYRIGHT_SIGNS = r"©|ⓒ|\(c\)\s"
_RESERVED_WORDS = r"all rights reserved|alle rechte vorbehalten"
_COPYRIGHT = re.compile(
    rf"(?:{_COPYRIGHT_SIGNS}|copyright\b.{{0,40}}?\b(?:19|20)\d{{2}}\b|.{{0,120}}\b(?:{_RESERVED_WORDS})\b).*",
    re.I | re.S,
)
# What a copyright line needs, found faster than _COPYRIGHT's backtracking over its first 120 characters:
# it opens with the sign or the word, or reserves the rights (the same pieces, with the same flags).
_COPYRIGHT_OPENING = re.compile(rf"{_COPYRIGHT_SIGNS}|copyright\b", re.I | re.S)
_RESERVED = re.compile(_RESERVED_WORDS, re.I | re.S)
_COPYRIGHT_MAX_WORDS = 45
_CREDIT_WORDS = (
    r"Collage|Getty Images|Reuters|AFP|dpa|AP Photo|EPA|Shutterstock|picture alliance|Imago|Screenshot|"
    r"Коллаж|Колаж|Скриншот|Скріншот|РИА Новости|ТАСС|УНИАН|Укрінформ|Ukrinform|Channel 24"
)
_CAPTION = re.compile(
    r"(?:/\s*[^/]{0,40}\b(?:" + _CREDIT_WORDS + r")|\|\s*[^|]{0,40}\b(?:" + _CREDIT_WORDS + r")"
    r"|(?:^|[.!?]\s+|\(|/|\||\s[–—-]\s)(?:Foto|Fotos|Photo|Bild|Image|Credit|Фото|Иллюстрация|Ілюстрація)\s*:\s*[^.!?]{1,60}?\)?)\s*$"
)
_BOILERPLATE_MAX_WORDS = 20
_CAPTION_MAX_WORDS = 40
_FIRST_NAMES = frozenset(
    """
    sofia sofiia sophia anna maria marija olena olga oksana iryna irina natalia natalija nataliia yulia julia julija
    kateryna katerina tetiana tatiana svitlana svetlana viktoria viktoriia daria darja anastasia anastasiia alina
    yana jana elena helena ekaterina lyudmila liudmyla mariia khrystyna kristina valentyna larysa nadia
    max thomas michael andreas stefan peter markus martin christian daniel alexander oleksandr oleksii alexei
    andrii andriy andrej dmytro dmitri dmitry serhii sergei sergey mykola nikolai ivan yurii yuri vitalii vitaly
    volodymyr vladimir taras bohdan maksym artem denys denis roman pavlo pavel igor ihor viktor victor yevhen
    evgeny mikhail mykhailo anton boris john david james robert mark paul sarah laura emma lisa katharina sabine
    claudia susanne jan jens lukas felix jonas tim tobias sebastian florian matthias frank klaus wolfgang hans
    jürgen uwe dirk sven lena lea hannah marie sophie johanna kevin brian steven chris christopher matthew
    andrew william richard joseph george edward jennifer jessica emily rachel rebecca elizabeth kate
    """.split()
)
_NAME = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
_BYLINE_TAIL = re.compile(r"\s(" + _NAME + r")\s(" + _NAME + r")\s*$")


def _may_be_caption(text: str) -> bool:
    """Whether ``text`` holds a character every caption needs: a credit follows ``/`` or ``|``,
    a photo credit has ``:`` (searching ``_CAPTION`` in prose without them cost a third of the patterns)."""
    return "/" in text or "|" in text or ":" in text


def _words(text: str) -> int:
    return len(text.split())


def _may_be_copyright(text: str) -> bool:
    """Whether ``text`` opens like a copyright line or reserves the rights somewhere."""
    return _COPYRIGHT_OPENING.match(text) is not None or _RESERVED.search(text) is not None


def _words_up_to(text: str, limit: int) -> int:
    """``_words(text)``, or ``limit + 1`` when there are more: a long paragraph is not split to its end."""
    return len(text.split(maxsplit=limit))


def is_headline_like(paragraph: str) -> bool:
    """Short and without a sentence-final period: a headline or subheading."""
    stripped = paragraph.rstrip()
    # The ending first: most paragraphs end in a period and need no counting.
    return not stripped.endswith((".", "!", "?", "…", ".“", ".\"", ".”", "»")) and _words_up_to(stripped, 30) <= 30


def classify_paragraph(paragraph: str) -> str | None:
    """Why a whole paragraph is debris (``boilerplate``, ``credit``, ``byline``, ``caption``), or ``None``.

    >>> classify_paragraph("Von Anna Berg und Jan Hoff, Brüssel"), classify_paragraph("Von einer Anhebung ist keine Rede.")
    ('byline', None)
    >>> classify_paragraph("Foto: IMAGO/Jochen Tack")
    'credit'
    """
    text = paragraph.strip()
    words = _words_up_to(text, _COPYRIGHT_MAX_WORDS)  # no limit below is higher
    normalised = text.rstrip(" .:!…»›>|-–—")
    if words <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.fullmatch(normalised):
        return "boilerplate"
    if words <= _BOILERPLATE_MAX_WORDS and ":" in normalised and _CREDIT_LINE.fullmatch(normalised):
        return "credit"
    if words <= 12 and _BYLINE_LINE.fullmatch(normalised):
        return "byline"
    if words <= _COPYRIGHT_MAX_WORDS and _may_be_copyright(text) and _COPYRIGHT.fullmatch(text):
        return "boilerplate"
    if words <= _CAPTION_MAX_WORDS and _may_be_caption(text) and _CAPTION.search(text):
        return "caption"
    return None


def byline_suffix(headline: str) -> int | None:
    """Where an author's name glued to the end of a headline starts, or ``None``.

    >>> h = "Tausende Container reisen an die Front: Die NATO ist besorgt Sofia Rozhik"
    >>> h[byline_suffix(h):]
    'Sofia Rozhik'
    """
    if not is_headline_like(headline):
        return None
    match = _BYLINE_TAIL.search(headline)
    if match is None or match.group(1).lower() not in _FIRST_NAMES:
        return None
    if _words(headline[: match.start()]) < 3:
        return None
    return match.start(1)
