"""Debris: boilerplate lines, captions with credits, bylines glued to headlines, markup."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textfix.debris import MARKUP, byline_suffix, classify_paragraph, is_headline_like
from textfix.debris.patterns import _CAPTION, _COPYRIGHT, _may_be_caption, _may_be_copyright
from textfix.segment import _DECORATION, is_decoration, paragraph_spans


@pytest.mark.parametrize(
    "paragraph",
    [
        # reply and comment prompts
        pytest.param("Leave a Reply", id="en-leave-a-reply"),
        pytest.param("Leave a comment", id="en-leave-a-comment"),
        pytest.param("Kommentar schreiben", id="de-kommentar-schreiben"),
        pytest.param("Kommentare", id="de-kommentare"),
        pytest.param("Оставить комментарий", id="ru-comment"),
        pytest.param("Залишити коментар", id="uk-comment"),
        # related and more-news headers
        pytest.param("Ähnliche Themen:", id="de-aehnliche-themen"),
        pytest.param("Weitere Nachrichten", id="de-weitere-nachrichten"),
        pytest.param("Mehr zum Thema", id="de-mehr-zum-thema"),
        pytest.param("Related Articles", id="en-related"),
        pytest.param("Read more:", id="en-read-more"),
        pytest.param("Читайте также:", id="ru-read-also"),
        pytest.param("Другие новости", id="ru-other-news"),
        pytest.param("Читайте також: Новини дня", id="uk-read-also"),
        pytest.param("Схожі новини", id="uk-similar-news"),
        # share and subscribe prompts
        pytest.param("Artikel teilen", id="de-share"),
        pytest.param("Share this article", id="en-share"),
        pytest.param("Subscribe to our newsletter", id="en-subscribe"),
        pytest.param("Подписывайтесь на наш Telegram-канал", id="ru-subscribe"),
        pytest.param("Підписуйтесь на наш Telegram", id="uk-subscribe"),
        # cookie notices
        pytest.param("Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", id="de-cookies"),
        pytest.param("We use cookies to improve your experience.", id="en-cookies"),
        pytest.param("Мы используем файлы cookie", id="ru-cookies"),
        pytest.param("© 2024 Channel 24", id="copyright"),
    ],
)
def test_boilerplate_paragraphs_are_debris(paragraph: str) -> None:
    assert classify_paragraph(paragraph) == "boilerplate"


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("Foto: Reuters", id="de-photo-credit"),
        pytest.param("Photo: Getty Images", id="en-photo-credit"),
        pytest.param("Фото: РИА Новости", id="ru-photo-credit"),
        pytest.param("Quelle: dpa/Reuters", id="de-source"),
    ],
)
def test_credit_lines_are_credits(paragraph: str) -> None:
    """A photo credit or a source on its own line is a credit (its reason says so), not the site's chrome."""
    assert classify_paragraph(paragraph) == "credit"


@pytest.mark.parametrize(
    "paragraph", ["Von Sofia Rozhik", "Автор: Софія Рожик", "By Sarah Miles and Tom Ray", "Von Lea Hoff, Brüssel"]
)
def test_bylines_on_their_own_line_are_bylines(paragraph: str) -> None:
    assert classify_paragraph(paragraph) == "byline"


@pytest.mark.parametrize(
    "paragraph", ["Von einer Anhebung des Rentenalters ist im Gesetz keine Rede.", "By the end of the year prices fell"]
)
def test_prose_that_starts_like_a_byline_is_not_debris(paragraph: str) -> None:
    assert classify_paragraph(paragraph) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param("Waffen kommen von der DVRK nach Russland an die Front/Channel 24 Collage", id="seed-000-collage"),
        pytest.param("Selenskyj in Berlin | Foto: dpa", id="pipe-photo-credit"),
        pytest.param("Kim Jong-un in Pjöngjang (Foto: AFP)", id="photo-credit-in-parentheses"),
        pytest.param("Zerstörte Häuser in Charkiw / Getty Images", id="slash-getty"),
    ],
)
def test_captions_with_a_credit_are_debris(paragraph: str) -> None:
    assert classify_paragraph(paragraph) == "caption"


_CAPTION_PIECES = st.sampled_from(
    ["/", "|", ":", " ", "Foto", "Fotos", "Bild", "Фото", "dpa", "Getty Images", "(", ")", ".", " – ", "Channel 24"]
)


_COPYRIGHT_PIECES = st.sampled_from(
    ["©", "Ⓒ", "(C) ", "(c)", "Copyright", "COPYRIGHT ", "2024", " ", "All Rights Reserved", "alle Rechte vorbehalten"]
)


@given(st.lists(_COPYRIGHT_PIECES, max_size=8).map("".join))
def test_the_copyright_shortcut_never_hides_a_copyright_line(paragraph: str) -> None:
    if _COPYRIGHT.fullmatch(paragraph):
        assert _may_be_copyright(paragraph)


@given(st.lists(_CAPTION_PIECES, max_size=12).map("".join))
def test_the_caption_shortcut_never_hides_a_caption(paragraph: str) -> None:
    """Prose is not searched for captions when it lacks their characters: no caption is missed."""
    if _CAPTION.search(paragraph):
        assert _may_be_caption(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param(
            "Die Nachrichtenagentur Reuters berichtete am Montag, dass die NATO besorgt ist.", id="reuters-mid-sentence"
        ),
        pytest.param("Laut Reuters schickte Nordkorea Tausende Container nach Russland.", id="laut-reuters"),
        pytest.param("Foto und Video zeigen, wie Granaten verladen werden, sagte ein Sprecher.", id="foto-as-subject"),
        pytest.param(
            "Das Foto: ein Panzer bei Kursk wurde von Reuters verbreitet und zeigte die Zerstörung.",
            id="foto-colon-in-sentence",
        ),
        pytest.param("Teilen Sie Ihre Meinung mit uns.", id="teilen-in-sentence"),
        pytest.param(
            "Mehr Nachrichten aus der Ukraine finden Sie unten, sagte Stoltenberg am Donnerstag in Brüssel.",
            id="mehr-nachrichten-in-sentence",
        ),
        pytest.param("Putin wird nach Nordkorea kommen", id="seed-subheading"),
        pytest.param(
            "Die NATO ist sich bewusst, dass die DVRK Waffen an Russland transferiert hat.", id="seed-sentence"
        ),
        pytest.param(
            "Dies habe NATO-Generalsekretär Jens Stoltenberg erklärt, berichtet der Korrespondent "
            "von Channel 24 in Brüssel.",
            id="channel-24-as-source",
        ),
        pytest.param(
            "Мы обеспокоены тем фактом, что Россия и Северная Корея сближаются, – сказал Столтенберг.",
            id="russian-sentence",
        ),
    ],
)
def test_news_sentences_are_not_debris(paragraph: str) -> None:
    assert classify_paragraph(paragraph) is None


def test_byline_suffix_finds_the_author_glued_to_the_seed_headline() -> None:
    headline = (
        "Tausende Container und Millionen Granaten reisen von der DVRK nach Russland "
        "an die Front: Die NATO ist besorgt Sofia Rozhik"
    )
    start = byline_suffix(headline)
    assert start is not None
    assert headline[start:] == "Sofia Rozhik"


def test_byline_suffix_finds_a_name_after_a_short_headline() -> None:
    headline = "Aufenthalt des Militärs von Kim Jong-un Anna Müller"
    start = byline_suffix(headline)
    assert start is not None
    assert headline[start:] == "Anna Müller"


@pytest.mark.parametrize(
    "headline",
    [
        pytest.param(
            "Tausende Container reisen von der DVRK nach Russland an die Front: Die NATO ist besorgt", id="no-name"
        ),
        pytest.param("Die NATO ist besorgt, sagte Sofia Rozhik.", id="sentence-ending-in-period"),
        pytest.param("Sofia Rozhik", id="only-a-name"),
        pytest.param("Selenskyj trifft Mark Rutte", id="too-short-before-the-name"),
        pytest.param("Putin wird nach Nordkorea kommen", id="subheading-without-name"),
        pytest.param("Frachtschiffe verkehren zwischen Nordkorea und Russland", id="place-names-at-the-end"),
    ],
)
def test_byline_suffix_is_none_without_a_glued_byline(headline: str) -> None:
    assert byline_suffix(headline) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("des südkoreanischen Verteidigungsministers Tire.< /p>", ["< /p>"], id="broken-closing-p"),
        pytest.param("erste Zeile<br>zweite Zeile", ["<br>"], id="br"),
        pytest.param("erste Zeile<br/>zweite", ["<br/>"], id="self-closing-br"),
        pytest.param('<div class="x">Text</div>', ['<div class="x">', "</div>"], id="div-with-attribute"),
        pytest.param("vorher <!-- Werbung --> nachher", ["<!-- Werbung -->"], id="comment"),
    ],
)
def test_markup_finds_tag_remnants(text: str, found: list[str]) -> None:
    assert [m.group() for m in MARKUP.finditer(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Die Inflation lag bei 3 < 4 und 5 > 2 Prozent.", id="comparison-signs"),
        pytest.param("Pfeile -> und <- sind kein Markup.", id="arrows"),
        pytest.param("«Мы обеспокоены», – сказал Столтенберг.", id="guillemets"),
    ],
)
def test_markup_ignores_angle_brackets_that_are_not_tags(text: str) -> None:
    assert MARKUP.search(text) is None


@pytest.mark.parametrize(
    ("words", "headline"),
    [pytest.param(30, True, id="30-words"), pytest.param(31, False, id="31-words"), pytest.param(200, False, id="200")],
)
def test_a_headline_has_at_most_thirty_words(words: int, headline: bool) -> None:
    assert is_headline_like(" ".join(["Wort"] * words) + "  ") is headline


@given(st.text(alphabet=st.sampled_from("a1_ -–|*…∆°Ж٣\u00a0.,!«»/\\"), max_size=8) | st.text(max_size=8))
def test_decoration_is_punctuation_rules_and_space_only(content: str) -> None:
    """A line is decoration exactly when every character is space, a rule or punctuation."""
    expected = all(c.isspace() or c in _DECORATION or unicodedata.category(c).startswith("P") for c in content)
    assert is_decoration(content) is expected


def _lines_stripped(text: str) -> list[tuple[int, int]]:
    """Every non-blank line's span, whitespace trimmed: the plain definition, line by line."""
    spans, position = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            offset = position + line.index(stripped[0])
            spans.append((offset, offset + len(stripped)))
        position += len(line) + 1
    return spans


@given(st.text(alphabet=st.sampled_from("ab \n\r\t\u00a0\u2028\u3000\x0b\x1c.")) | st.text())
def test_paragraphs_are_the_lines_with_their_whitespace_trimmed(text: str) -> None:
    assert list(paragraph_spans(text)) == _lines_stripped(text)
