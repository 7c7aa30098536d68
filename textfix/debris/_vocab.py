"""Words that speak for one kind of web furniture, in German, English, Russian and Ukrainian.

These are not lines to match: each is one piece of evidence among the line model's
features (:mod:`textfix.debris.features`), weighed against the line's shape and place.
A word is listed in lower case, as :func:`textfix.debris.features.tokens` writes it.
Stems end in ``*`` and match any word that starts with them (``abonn*``: abonnieren,
abonniert, Abonnement).
"""

from __future__ import annotations

__all__ = ["ADDRESS", "CALLS", "FORMAL_ADDRESS", "MONTHS", "VOCABULARY"]

_WIDGET = """
    share shares shared sharing tweet retweet like likes follow followers subscribe subscribed subscription
    subscriber* newsletter* signup sign login log register account password cookie* consent privacy settings
    comment* reply replies notify notification* alert* app download print email e-mail whatsapp telegram
    facebook twitter instagram youtube tiktok linkedin pinterest reddit threads bluesky mastodon rss podcast*
    listen audio video* watch playlist gallery slideshow click tap here menu search home homepage navigation
    skip content advertisement advert* sponsored partner* promo* offer* premium paywall plus unlock trial
    terms imprint disclaimer contact careers jobs feedback topics tags tag keywords reading read min mins views
    aufrufe просмотр* перегляд*
    minute minutes more less load close open expand toggle loading edition editions archive sitemap
    teilen geteilt abonn* anmeld* abmeld* einlogg* registrier* konto passwort datenschutz* einstellung*
    kommentar* antwort* benachrichtig* drucken mail versenden folgen folge follower anhören vorlesen hören
    hörfunk mediathek ansehen galerie bildergalerie bilderstrecke klick klicken hier startseite suche menü
    navigation inhalt website webseite internetseite werbung anzeige* gesponsert partnerinhalt angebot* premium bezahl* freischalt* testen
    probeabo impressum kontakt themen thema schlagwort* stichwort* lesezeit lesen mehr weniger laden
    schließen öffnen ausklappen zurück weiter nach oben seitenanfang push-mitteilung* mitteilung*
    сайт сайте сайта поделиться поделитесь подписаться подпишитесь подписывайтесь подписк* рассылк* войти вход
    регистрац* зарегистр* пароль куки cookies конфиденциальност* настройк* комментар* ответить
    уведомлен* распечатать печать почта следите читайте слушать смотреть видео галерея фотогалерея
    нажмите здесь главная поиск меню реклама спонсор* партнер* предложени* премиум подписчик* теги
    тег метки время чтения мин минут подробнее больше загрузить закрыть открыть архив
    поділитися поділіться підписатися підпишіться підписуйтесь підписк* розсилк* увійти вхід
    реєстрац* зареєстр* кукі конфіденційн* налаштуван* коментар* відповісти сповіщен* друк пошта
    стежте читайте слухати дивитися відео галерея фотогалерея натисніть тут головна пошук меню
    реклама спонсор* партнер* пропозиц* преміум підписник* теги тег мітки читання хв хвилин докладніше
    більше завантажити закрити відкрити архів
"""
_CREDIT = """
    photo photos foto fotos photograph* picture pictures image images img pic credit credits courtesy
    getty reuters afp ap epa dpa imago shutterstock istock alamy unsplash pexels flickr wikimedia commons
    picture-alliance keystone anp efe ansa xinhua tass ria ukrinform unian pap ctk apa sda ddp kna epd
    screenshot screenshots screengrab illustration illustrations graphic graphics grafik grafiken
    karte map collage montage bild bilder bildquelle bildrechte bildnachweis* fotonachweis* quelle quellen source
    sources archiv archivbild infografik submitted pictured abgebildet
    archive file handout pool press-service pressestelle presseamt pressedienst
    фото фотография фотографии снимок иллюстрация коллаж скриншот скрин источник архив пресс-служба
    пресс-службы пресс-служб* графика карта кадр изображение инфографика схема
    фото світлина ілюстрація колаж скріншот скрін джерело архів пресслужба пресслужби пресс-служби
    графіка мапа кадр зображення інфографіка схема
"""
_BYLINE = """
    by von text texte author authors autor autorin autoren writer writes written reporter reporters
    reporting editing edited editor editors correspondent correspondents contributor contributors
    staff team redaktion redakteur redakteurin korrespondent korrespondentin kommentar kolumne
    kolumnist kolumnistin gastbeitrag gastautor gastautorin mitarbeit berichtet berichten reports
    interview analyse analysis opinion meinung essay
    автор авторка авторы текст редактор корреспондент корреспондентка обозреватель колумнист
    репортаж материал подготовил подготовила подготовили беседовал беседовала
    автор авторка автори текст редактор кореспондент кореспондентка оглядач колумніст репортаж
    матеріал підготував підготувала підготували розмовляв розмовляла
"""
_RELATED = """
    related also recommended recommendation* popular trending top latest more read see next previous
    headlines stories story articles article topics news coverage
    ähnlich* verwandt* empfohlen* empfehlung* beliebt* meistgelesen* meistgesehen* top neueste aktuell*
    weitere mehr lesen sehen interessant* interessieren nächste vorherige schlagzeilen artikel beiträge
    beitrag nachrichten meldungen themen dossier
    похожие похож* также тоже ещё еще рекомендуем популярн* самое читаемое последние новости новост*
    статьи статья материалы смотрите читайте
    схожі також ще рекомендуємо популярн* найпопулярніш* читане останні новини новин* статті стаття
    матеріали дивіться читайте
"""
_DATELINE = """
    updated update published posted stand aktualisiert aktualisierung veröffentlicht publiziert
    erschienen zuletzt uhr am pm gmt utc cet cest mez mesz bst est edt pst ago today yesterday
    heute gestern vorgestern stunde stunden minute minuten sekunden vor hours hour mins
    обновлено опубликовано обновлен* опубликован* сегодня вчера назад час часа часов минут минуту
    оновлено опубліковано оновлен* опублікован* сьогодні вчора тому годину години годин хвилину
"""
_LEGAL = """
    copyright rights reserved reproduction permission license licence lizenz rechte vorbehalten
    nachdruck vervielfältigung genehmigung права защищены перепечатка разрешения воспроизведение
    захищені передрук дозволу відтворення
"""
# The header labels of a mail or a forum post ("Betreff:", "Re:"): a message's own lines, not a site's.
_MESSAGE = """
    betreff subject re aw fwd wg
"""
#: Month names and their usual abbreviations (dates are the dateline's strongest shape).
MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar jänner februar märz april mai juni juli august september oktober november dezember
    jän mär okt dez
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
    січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
    січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень
    """.split()
)
#: Every class's words (``*`` for a stem), by the feature name it turns on.
VOCABULARY: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in (
        ("widget", _WIDGET),
        ("credit", _CREDIT),
        ("byline", _BYLINE),
        ("related", _RELATED),
        ("dateline", _DATELINE),
        ("legal", _LEGAL),
        ("message", _MESSAGE),
    )
}
#: Words that address the reader, in lower case (German "Sie", "Ihr", ... count only capitalised
#: inside a sentence: :data:`FORMAL_ADDRESS`).
ADDRESS = frozenset(
    """
    you your yours yourself du dich dir dein deine deinen deinem deiner euch euer eure
    вы вас вам вами ваш ваша ваше ваши вашего вашей вашему вашим ваших вашу
    ви ваші вашого вашої вашому вашій
    """.split()
)
#: The German formal "you" as written inside a sentence (first letter capital).
FORMAL_ADDRESS = frozenset("Sie Ihnen Ihr Ihre Ihren Ihrem Ihrer Ihres".split())
#: English verbs a site opens a call to its readers with ("Sign up", "Let us know", "Read more").
CALLS = frozenset(
    """
    sign subscribe get follow download click tap read watch listen contact send email join support donate
    tell share let visit register log try discover find check learn write reach enable install
    """.split()
)
