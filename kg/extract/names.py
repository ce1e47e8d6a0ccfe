"""Personal names: what is a name and what is a title, and one key across spellings.

News transliterates the same name many ways (Tokayev, Toqaev, Tokaev; Kassym-Jomart,
Qasym-Zhomart; Zelensky, Zelenskyy, Zelenskiy). `name_skeleton` folds the alternations
that Latin transliterations of Cyrillic, Turkic and Arabic names differ by, so two
spellings of one name meet; the IRI keeps a readable spelling.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from kg.ids import fold

# Words that stand before a name and are not part of it.
TITLES = {
    fold(w)
    for w in (
        # ("Minster Payne said": a title misspelt in print)
        "President Vice-President Vice Prime Minister Ministers Minster Foreign Defence Defense "
        "Interior "
        "Finance Deputy First Acting Former Secretary Secretary-General General Lieutenant "
        "Lt Lt. Gen Gen. Maj Maj. Major Colonel Col Col. Brigadier Admiral Commander Captain "
        "Capt Capt. Sergeant Chief Mr Mr. Mrs Mrs. Ms Ms. Madam Madame Dr Dr. Prof Prof. Sir Dame "
        "Lord "
        "H.E. H.E HE H.H. H.H H.R.H. H.R.H HRH Excellency Excellencies His Her King Queen Prince "
        "Princess "
        "Emperor Empress Sheikh Emir "
        "Sultan Shaikh Sheik Shaykh Amir Highness Majesty Crown "
        "Pope Cardinal Ayatollah Grand "
        "Archbishop Bishop Ambassador Envoy Special Representative Spokesman Spokeswoman "
        "Spokesperson Senator Sen. Rep. Representative Congressman Congresswoman Governor "
        "Gov. Mayor Chancellor Premier Speaker Chairman Chairwoman Chairperson Chair Director "
        "Director-General Head Commissioner High Under-Secretary-General Assistant Justice "
        "Judge Minister-Counsellor Counsellor Pastor Imam Rabbi Father Reverend Rev. "
        "Field Marshal Army Air Force Police Inspector Commissioner-General Premier Leader "
        "Permanent Resident Coordinator Senior Adviser Advisor Aide Attorney Officer Under "
        "Secretary-of-State Vice-Chair Vice-Chairman Co-Chair Co-Chairs Rapporteur PM FM ForMin "
        "Undersecretary Under-Secretary RADM VADM "
        "Honourable Honorable Hon Hon. Rt Rt. Right Excellency External Affairs Home "
        # honorifics of Malaysia, Brunei, Indonesia and South Asia ("Prime Minister Datuk Seri
        # Anwar Ibrahim", "Shri Narendra Modi")
        "Datuk Dato Dato' Datuk' Datin Seri Tan Sri Tun Tunku Tengku Pengiran Muda Haji Hajah "
        "Shri Shrimati Smt Smt. Bapak "
        # Bhutan's titles of its prime minister and ministers ("Lyonchhen (Dr.) Lotay Tshering")
        "Lyonchhen Lyonchoen Lyonpo "
        # Ireland's prime minister and deputy ("THE Taoiseach insisted", "Tánaiste Micheál
        # Martin"): posts, never a person's name
        "Taoiseach Tánaiste Tanaiste "
        # Myanmar's honorifics before a man's and a woman's name ("U Aung Khin Soe")
        "U Daw "
        # Kiribati's title of its president ("His Excellency Beretitenti Taneti Maamau")
        "Beretitenti "
        # ranks of police and armed forces, and academic titles ("Deputy Superintendent
        # Adrian Hamilton", "Professor Al-Hassan Conteh")
        "Superintendent Constable Corporal Cpl Sgt Sgt. Commandant Commodore Marshal Rear "
        "Lieutenant-General Major-General Brigadier-General Lieutenant-Colonel Inspector-General "
        "Professor Engineer Eng. Engr "
        # members of a legislature ("Legislator Su Chih Fen", "Lawmaker A", "MP Mishi Mboko")
        "Legislator Lawmaker MP MEP Parliamentarian Councillor Councilor Assemblyman Assemblywoman "
        # offices of justice, diplomacy, faith and rank ("Prosecutor-General A", "Consul B",
        # "Grand Mufti C", "Baroness D", "Vice-Premier E"; not "Baron", a first name in Nauru)
        "Prosecutor Prosecutor-General Ombudsman Auditor Detective Consul Consul-General Attaché "
        "Attache Patriarch Mufti Sheikha Baroness Prefect Regent Vice-Chancellor "
        "Governor-General Vice-Premier Minister-President "
        # callings written before a name at the head of a sentence ("Lawyer Ekuru Aukot, who
        # brought the case, said")
        "Lawyer Activist Journalist Analyst Economist Researcher Scholar Historian "
        "Businessman Businesswoman Tycoon Commentator "
        # short forms of ranks ("Brig Gen Ahmad Habibi", "Rear Adm. Jane Doe")
        "Brig Brig. Adm Adm. Cmdr Cmdr. Cdr Cdr. Lt-Gen Maj-Gen Brig-Gen Lt-Col "
        # (and with their periods: "Maj.-Gen. Taoreed Lagbaja")
        "Lt.-Gen. Maj.-Gen. Brig.-Gen. Lt.-Col. "
        # and of posts ("H.E. Amb. Dr. Ismail Wais", "LTC Andrei Taranu", "Pres Solih" and
        # "Prez Akufo-Addo" in headlines, "President Advocate Duma Boko" of Botswana, a
        # lawyer's style)
        "Amb Amb. LTC Lt.Col. LTG MG BG COL Advocate Adv. Pres Pres. Prez "
        "President-elect Vice-President-elect Premier-elect Governor-elect Chancellor-elect "
        # plural posts before a list of names: "Presidents Daniel Noboa of Ecuador and …"
        "Presidents Premiers Chancellors Kings Secretaries Ambassadors Generals Senators "
        "Governors Envoys Leaders "
        # the Gulf's honorific of the ruling family ("Sayyid Khalid bin Hilal al Busaidi"),
        # and a post's last word before its holder ("General Manager Ed Monreal")
        "Sayyid Sayyida Sayed Manager "
        # the end of a post before a rank ("Army Chief of Staff Lt Gen Mubarakh Muganga")
        "Staff"
    ).split()
}
NON_NAME_WORDS = {
    fold(w)
    for w in (
        "Ministry Council Organization Organisation Agency Party Forces Parliament Committee "
        "Relations Affairs "
        "Commission Government Republic Office Department Union Army Navy Police Mission "
        "University Airport Province Region State States City Group Company Bank News "
        "Television Radio Agency Times Post Press Association Network Service Court Front "
        "Movement Liberation Coast Shoal Sea Island Islands Strait Peninsula Gulf Brigade "
        "Opposition Forces Guard Republic Kingdom Airways Airlines Corporation People Peoples "
        "People's People’s Summit Conference Talks Forum Declaration Agreement Accord Treaty "
        "Session Meeting Initiative Ceasefire Truce Dialogue Process Protocol Council Diwan "
        "Force Cell Unit Command Corps Battalion Squad Team Board Bureau Institute Foundation "
        "Centre Center Secretariat Embassy Consulate Directorate Treasury Pentagon Cabinet "
        "Senate Congress Kremlin Business Husbandry Woman "
        # words of things the model reads as names ("Gold Plaque", "Joint Communique",
        # "Peacekeeping Contingent", "Typhoon Yagi", "Confront Protesters")
        "Contingent Observers Operations Plaque Communique Offenders Protesters Guards "
        "Industries Framework Construct Partnership Typhoon Hurricane Cyclone Earthquake "
        "Typhoons Hurricanes Cyclones Storm Storms "
        "Hospital Headquarters Programme Program Wharf Summits Building System Aide Cooperation "
        "Alert Palace Cross Family School Plan Base Rifles Operation Statehouse Triangle "
        "Tribune Writing Tempore"
    ).split()
}
# A minister's portfolio that the model runs into the name after it: "Minister of Foreign
# Affairs and European Integration Nicolae Popescu" gives "European Integration Nicolae
# Popescu". No one's given name is one of these.
PORTFOLIO_WORDS = {
    fold(w)
    for w in (
        "European Integration Development Cooperation Trade Commerce Industry Investment "
        "Economy Economic Planning Health Education Culture Tourism Energy Agriculture "
        "Diaspora Labour Labor Transport Communications Information Environment Youth Sports "
        "Sport Immigration Citizenship Infrastructure Mines Fisheries Security Territorial "
        "Administration Decentralisation Decentralization Regional International Abroad "
        "Solidarity Welfare Finance Housing Sanitation Irrigation"
    ).split()
}


def ends_in_remit(name: str) -> bool:
    """ "Minister of Foreign Affairs, African Cooperation and Moroccans abroad, Nasser
    Bourita": words after a post and its comma that end in a portfolio's word are the
    post's remit, no person's name."""
    words = name.split()
    return bool(words) and fold(words[-1]) in PORTFOLIO_WORDS


_PATRONYMIC = re.compile(
    r"^[A-Z][a-z]+(?:ovich|evich|ich|ovna|evna|ichna|ogly|oglu|uly|kyzy|qizi)$"
)
_NAME_WORD = re.compile(
    # (the particles the name may go on over, as _PARTICLE_TAIL: "José Eduardo dos Santos")
    r"^(?:[A-Z][\w'’.-]*|(?:de|da|do|dos|das|del|della|van|von|der|den|bin|ibn|al|el|le|la|di"
    r"|du)-?\w*|d['’][A-Z][\w'’-]*)$"  # ("Jeanne d'Arc", "Giscard d'Estaing")
)


def _name_word(token: str) -> bool:
    """A word of a personal name: capitalised (outside ASCII too: "Đình", "Ángel"), or a
    particle ("bin", "van")."""
    if token[:1].isupper() and not token[:1].isascii():
        return bool(_NAME_WORD.match("X" + token[1:]))
    return bool(_NAME_WORD.match(token))


_PARTICLE_TAIL = re.compile(
    r"(?:\s+(?:da|de|do|dos|das|del|della|di|du|van|von|der|den|bin|ibn|al|el|la|le)"
    r"(?:\s+|-))+[A-Z][\w’'-]+"
    r"|\s+d['’](?!Affaires)[A-Z][\w’'-]+"  # ("Mujawamariya Jeanne d'Arc", no chargé)
)
_HYPHEN_TAIL = re.compile(r"-[A-Z][\w’']+")
_INITIAL = re.compile(r"[A-Z]\.\s")
_GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+) $")
# initials written onto the surname, as the foreign ministries of Central Asia write names:
# "A.Moldogaziev", "I.T.Faus", "Zh.Kulubaev" (not "St.Petersburg")
GLUED_INITIALS = re.compile(
    r"(?<![\w.])(?:(?:[A-Z]|Zh|Sh|Ch|Kh|Ts|Yu|Ya|Ye)\.){1,3}(?P<surname>[A-Z][a-z’'-]{2,})(?![\w’'.-])"
)
# the words linking a given name to a father's or forebear's ("Mohammed bin Salman")
LINKS = {"bin", "ibn", "bint", "binti", "ould"}
_LINKED_BEFORE = re.compile(rf"(?<![\w’'-])([A-Z][\w’'-]+) (?:{'|'.join(sorted(LINKS))}) $")


# A capitalised calendar word before a name ("Monday Tokayev said") is the day, not a
# first name. The calendar module's names are English under the C locale, which Python
# keeps for LC_TIME unless a program sets another.
CALENDAR = {
    fold(w)
    for w in (*calendar.day_name, *calendar.month_name[1:], "Today", "Yesterday", "Tomorrow")
}


_SHORT_FAMILY_BEFORE = re.compile(
    r"(?:\([A-Z]{2,6}\)|(?<![\w’'-])(?P<title>[\w.-]+))\s+"
    r"(?P<family>(?!The |And |For |Of )[A-Z][a-z]{1,2}) $"
)
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([^\W\d_]+) $")
_WORD_AFTER = re.compile(r" ([^\W\d_]+)(?![\w’'-])")


def _name_syllable(word: str) -> bool:
    return (
        word[0].isupper()
        and not word.isascii()
        and not word.isupper()
        and fold(word) not in TITLES
        and fold(word) not in NON_NAME_WORDS
    )


_BARE_INITIAL_FIRST = re.compile(r"[A-Z] [A-Z][a-z]+")
_WORDS_TO_COMMA = re.compile(r"((?: [A-Z][a-z]+){1,2})(?=,| and )")


def extend_person(text: str, start: int, end: int) -> tuple[int, int]:
    """The small model often stops a name early: at a hyphen ("Phumzile Mlambo" of
    "Phumzile Mlambo-Ngcuka") or before a particle ("Lula" of "Lula da Silva")."""
    while m := _LINKED_BEFORE.search(text, max(0, start - 40), start):
        # "Darwish bin Ismaeel al Bulushi" read as "Ismaeel al Bulushi": a name goes on
        # before "bin", "ibn", "ould" (a title there is stripped below, and kept when the
        # name would start with the link: "Gen Sultan bin Mohammed al Nuamani")
        if fold(m.group(1)) in NON_NAME_WORDS or fold(m.group(1)) in CALENDAR:
            break
        start = m.start(1)
    if _INITIAL.match(text, start):
        # "Philip J. Pierre" read as "J. Pierre": the given name before the initial
        m = _GIVEN_BEFORE.search(text, max(0, start - 30), start)
        if (
            m
            and fold(m.group(1)) not in TITLES
            and fold(m.group(1)) not in NON_NAME_WORDS
            # (not "the Prime Minister of Belarus R. A. Golovchenko": the post's state)
            and not text[max(0, m.start(1) - 4) : m.start(1)].endswith("of ")
        ):
            start = m.start(1)
    elif " " not in text[start:end] and not GLUED_INITIALS.match(text, start):
        # "Morten Bødskov told reporters" read as "Bødskov": the given name right before
        # (not "I.T.Faus": the initials written onto the surname are the given names)
        m = _GIVEN_BEFORE.search(text, max(0, start - 20), start)
        if (
            m
            and not _no_name_word(m.group(1))
            # not a sentence's or a headline's first word ("But Uruguay", "Says Chad"), nor
            # a word the text also writes in lower case ("Human Centric")
            and not re.search(
                r"(?:^|[.!?:\n]|\b(?:a|an|the|A|An|The))\s*$",
                text[max(0, m.start(1) - 4) : m.start(1)],
            )
            and text.find("\n") < m.start(1)
            and not re.search(rf"\b{re.escape(m.group(1).lower())}\b", text)
        ):
            start = m.start(1)
    if text[start:end].count(" ") <= 1:
        # "Rear-Admiral (RADM) Ng Chee Peng" read as "Chee Peng", "Vice-Premier He Lifeng" as
        # "Lifeng": a family name of two or three letters, written first, right after a
        # title or its abbreviation in brackets ("He" is no pronoun there)
        m = _SHORT_FAMILY_BEFORE.search(text, max(0, start - 40), start)
        if m and (
            m.group("title") is None or all(fold(w) in TITLES for w in m.group("title").split("-"))
        ):
            start = m.start("family")
    if not text[start:end].isascii():
        # "Hà Kim Ngọc" read as "Kim Ngọc", "Phạm Minh Chính" as "Phạm Minh": in a name
        # written with its diacritics, a next capitalised word written with them too
        b = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if b and _name_syllable(b.group(1)):
            start = b.start(1)
        a = _WORD_AFTER.match(text, end)
        if a and _name_syllable(a.group(1)):
            end = a.end(1)
    if _BARE_INITIAL_FIRST.fullmatch(text, start, end):
        # "M Tofazzel Hossain Miah," read as "M Tofazzel": after a bare initial the name
        # goes on over the capitalised words up to its comma
        more = _WORDS_TO_COMMA.match(text, end)
        if more and not any(_no_name_word(w) for w in more.group(1).split()):
            end = more.end(1)
    m = _HYPHEN_TAIL.match(text, end)
    if m:
        end = m.end()
    m = _PARTICLE_TAIL.match(text, end)
    if m:
        end = m.end()
    m = _SURNAME_TAIL.match(text, end)
    if m and _named_so_later(text, start, end, m.group(1)):
        end = m.end(1)
    m = _SUFFIX_AFTER_COMMA.match(text, end)
    if m and " " in text[start:end].strip():
        end = m.end()  # "Tommy Remengesau, Jr.": the name goes on after the comma
    return start, end


# a generational suffix after a comma ("Remengesau, Jr.", "Marcos, Sr.")
_SUFFIX_AFTER_COMMA = re.compile(r",\s*(Jr|Sr)\b")


# one more capitalised word after a name of two or more, then a lower-case word or a stop
_SURNAME_TAIL = re.compile(r" ([A-Z][a-z]{2,})(?= [a-z(]|[,.;:)]|$)", re.M)


def _named_so_later(text: str, start: int, end: int, word: str) -> bool:
    """ "Khursheed Mehmood Kasuri" read as "Khursheed Mehmood": the word after the name is
    its surname when the text calls the person by that word alone ("Singh and Kasuri"),
    and never by the name's last word."""
    last = text[start:end].split()[-1]
    if " " not in text[start:end].strip() or fold(word) in NON_NAME_WORDS | CALENDAR:
        return False
    if fold(word) in TITLES:
        return False
    full = re.escape(text[start:end]) + r"\s+" + re.escape(word)
    rest = re.sub(full, " ", text)
    return bool(re.search(rf"\b{re.escape(word)}\b", rest)) and not re.search(
        rf"\b{re.escape(last)}\b", rest
    )


# the capitalised words that bring a titled name of two or three words to four, then a verb
# in the past tense
_SURNAMES_TO = {
    n: re.compile(rf"((?: [A-ZÀ-Þ][a-zà-ÿ]+){{{4 - n}}})(?= [a-z]+ed\b)") for n in (2, 3)
}
_LETTERS_AFTER = re.compile(r"(?![IVX]+$)[A-Z]{2,5}")  # (not "Carlos Dominguez III")


def _no_name_word(word: str) -> bool:
    """A title's, a calendar's or another word that is no part of a personal name."""
    folded = fold(word)
    return folded in TITLES or folded in NON_NAME_WORDS or folded in CALENDAR


def _titled_before(text: str, s: int) -> bool:
    """The word right before s is a title ("Lieutenant General", "Gen.")."""
    before = re.search(r"(\S+)\s+$", text[max(0, s - 30) : s])
    return before is not None and fold(before.group(1)) in TITLES


def clean_person(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """The name inside a recognised person span, without titles; None if it is not a name."""
    start, end = extend_person(text, start, end)
    poss = re.search(r"['’]s\b", text[start:end])
    if poss and poss.start() > 0:
        end = start + poss.start()  # "Salva Kiir’s SPLM": the person is before the possessive
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) > 2 and words[0].group() == "H." and words[1].group() == "E.":
        words = words[2:]  # "H. E. Uhuru Kenyatta": "H.E." written apart
    popped = None
    while words and (
        # (the style "HE" folds to "he"; "He" in mixed case is a family name: "He Lifeng")
        (fold(words[0].group().rstrip(",")) in TITLES and words[0].group() != "He")
        or (len(words) > 2 and fold(words[0].group()) in PORTFOLIO_WORDS)
    ):
        popped = words.pop(0)
    if not words:
        return start, end, None
    if popped is not None and words[0].group() in LINKS:
        words.insert(0, popped)  # "Sultan bin Mohammed": a title's word is his given name
    while (
        len(words) > 2
        and _LETTERS_AFTER.fullmatch(words[-1].group().rstrip(",.;:"))
        and not any(w.group().isupper() for w in words[:2])
    ):
        words.pop()  # "Sudarshana Pathirana WWV RSP": honours after a name in mixed case
    s = start + words[0].start()
    e = start + words[-1].end()
    name = text[s:e].rstrip(",.;:")
    e = s + len(name)
    tail = _SURNAMES_TO[len(words)].match(text, e) if len(words) in (2, 3) else None
    if (
        tail is not None
        and not any(_no_name_word(w) for w in tail.group(1).split())
        and (popped is not None or _titled_before(text, s))
    ):
        # "Lieutenant General Rubén Darío Paulino Sem announced" read as "… Rubén Darío" (or
        # "Óscar Darío Ramírez"): a titled name of two given names and two surnames goes on
        # up to its verb
        e = tail.end(1)
        name = text[s:e]
    suffix = _SUFFIX_AFTER_COMMA.search(name)
    if suffix is not None and suffix.end() == len(name):
        name = f"{name[: suffix.start()]} {suffix.group(1)}"  # "Remengesau, Jr" is "… Jr"
    tokens = name.split()
    if not tokens or not all(_name_word(t) for t in tokens):
        return s, e, None
    if any(fold(t) in NON_NAME_WORDS for t in tokens):
        return s, e, None
    if len(tokens) == 1 and (len(name) < 3 or name.isupper()):
        return s, e, None
    return s, e, person_name(name)


def person_name(name: str) -> str:
    """The name a person node is keyed by: "Ivan Ivanovich Petrov" is Ivan Petrov."""
    words = name.split()
    if len(words) >= 3:
        words = [words[0]] + [w for w in words[1:-1] if not _PATRONYMIC.match(w)] + [words[-1]]
    return " ".join(words)


_SKELETON_RULES = [
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"q(?!u)"), "k"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"y"), "i"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
    (re.compile(r"[^a-z ]"), " "),
]


@lru_cache(maxsize=16384)  # pure, and asked for the same few names thousands of times
def name_skeleton(name: str) -> str:
    """Tokayev, Toqaev and Tokaev give one skeleton; so do Zelensky, Zelenskyy, Zelenskiy."""
    s = fold(name).replace("-", " ")
    for rx, rep in _SKELETON_RULES:
        s = rx.sub(rep, s)
    words = [w[:-1] if len(w) > 4 and w.endswith("i") else w for w in s.split()]
    return " ".join(words)
