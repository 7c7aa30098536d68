"""Frequent words per language: the cheap first evidence for language identification.

Function words and the commonest news vocabulary. A word listed for two languages is
no evidence either way ("die", "will", "war", "hat" count for German only because
English never writes "hat" as a verb).
"""

from __future__ import annotations

__all__ = ["LEXICONS", "MARKER_LETTERS"]

_DE = """
der die das den dem des ein eine einer eines einem einen und oder aber doch sondern denn weil dass ob wenn als
wie auch noch schon nur sehr mehr nicht kein keine keinen keiner ist sind war waren wird werden wurde wurden
worden sei seien habe haben hat hatte hatten hätte hätten kann können konnte konnten muss müssen soll sollen sollte
will wollen wollte darf dürfen mag möchte ich du er sie es wir ihr ihm ihn ihnen sich mich dich uns euch sein seine
seiner seinen seinem ihre ihrer ihren ihrem unser unsere mit von vom zu zum zur bei beim nach aus auf an am im in
ins über unter vor hinter neben zwischen durch für gegen ohne um bis seit während wegen trotz laut gemäß dies
diese dieser dieses diesen diesem jener jede jeder jedes jeden alle allen aller alles viele vielen einige mehrere
man hier dort heute gestern morgen jetzt nun dann danach bereits bald immer wieder etwa rund fast sowie sowohl
zudem außerdem jedoch allerdings also daher deshalb damit darauf darüber dazu dabei davon dagegen ebenfalls
nichts etwas wer was wo wann warum welche welcher welches sagte sagt erklärte erklärt teilte berichtet berichtete
betonte hieß heißt laut zufolge gibt gab geben gegeben neue neuen neuer neues ersten erste zwei drei vier fünf
zehn hundert tausend millionen milliarden jahr jahre jahren jahres woche wochen tag tage tagen zeit land länder
ländern krieg regierung präsident bundeskanzler minister ministerium soldaten truppen angriff angriffe waffen
unterstützung sicherheit hilfe frieden gespräche treffen lage seite teil ende anfang stadt region gebiet grenze
weiterhin erneut derzeit bisher inzwischen lediglich unterdessen zufolge wurde ebenso sogar gerade eben ganz
sich selbst anderen andere anderer weitere weiteren großen große großer gut neu alt lang hoch wichtige wichtigen
russische russischen ukrainische ukrainischen deutsche deutschen amerikanische nordkoreanische nordkoreanischen
""".split()

_EN = """
the a an and or but because that which who whom whose if when as like also still already only very more most
not no none is are was were be been being will would shall should can could may might must do does did done
have has had having i you he she it we they him her them his its our their my your me us this these those
there here with from to of in on at by for against without about into over under after before between through
during since until than then now today yesterday tomorrow again always never ever some any many much few several
all each every other another such what where why how said says told added according reported announced stated
new first second two three four five ten hundred thousand million billion year years week weeks day days time
country countries war government president minister ministry soldiers troops attack attacks weapons support
security help peace talks meeting situation side part end beginning city region area border remains remain
continue continues continued however while although though therefore thus meanwhile moreover furthermore
just even well back out up down off own same so too nor yet both either neither whether per via among across
around near far made make makes making take takes took taken give gives gave given get gets got see saw seen
know knew known say think thought want wants wanted need needs needed come came go goes went going would
people state states world military forces force defence defense foreign officials official news report
difficult important major large great long high big small good bad last next early late stand stands we'll
it's don't won't can't isn't aren't wasn't weren't there's that's what's who's they're we're you're i'm
""".split()

_RU = """
и в во не на что с со по это как а но из за к ко о об от он она оно они мы вы я ты его ее её их ему ей им нам
вам был была было были будет будут быть есть также который которая которое которые которых котором для при
после уже еще ещё только же ли бы чтобы или если так все всё всех этого этом эти этот эта эту этой этим том
тем того та те то году года лет время раз между более менее очень может могут можно нужно надо должен должны
заявил заявила заявили сказал сказала сообщил сообщила сообщили отметил отметила подчеркнул говорит считает
против без под над перед через до около где когда почему чем кто какой какие свой своей своих свои себя себе
сегодня вчера завтра теперь сейчас тогда там здесь однако поэтому кроме вместе более словам данным фактом
россия россии страны страна войны война правительство президент министр министерство солдат войска удар удары
оружие поддержка безопасности помощь мир переговоры встреча ситуация сторона часть конец начало город области
границы больше меньше всегда никогда снова также тоже даже почти около порядка тысяч миллионов миллиардов
""".split()

_UK = """
і й в у не на що з із зі по це як а але до за від він вона воно вони ми ви я ти його її їх йому їй їм нам вам
був була було були буде будуть бути є також який яка яке які яких якому для при після вже ще лише тільки ж чи
би щоб або якщо так все всі всіх цього цьому ці цей ця цю цією цим тому того та те то року роки років час раз
між більш менш дуже може можуть можна потрібно треба повинен повинні заявив заявила заявили сказав сказала
повідомив повідомила повідомили зазначив зазначила наголосив каже вважає проти без під над перед через коло
де коли чому ніж хто який свій своєї своїх свої себе собі сьогодні вчора завтра тепер зараз тоді там тут
однак тому крім разом словами даними україни україна країни країна війни війна уряд президент міністр
міністерство солдатів війська удар удари зброя підтримка безпеки допомога мир переговори зустріч ситуація
сторона частина кінець початок місто області кордону більше менше завжди ніколи знову теж навіть майже
близько тисяч мільйонів мільярдів підписуйтесь
""".split()

#: Lower-case frequent words per ISO 639-1 code.
LEXICONS: dict[str, frozenset[str]] = {
    "de": frozenset(_DE),
    "en": frozenset(_EN),
    "ru": frozenset(_RU),
    "uk": frozenset(_UK),
}

#: Letters that only one of the configured languages of a script writes.
MARKER_LETTERS: dict[str, frozenset[str]] = {
    "de": frozenset("äöüß"),
    "en": frozenset(),
    "ru": frozenset("ыэъё"),
    "uk": frozenset("іїєґ"),
}
