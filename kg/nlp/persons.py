"""spaCy component ``kg_persons``: sentences, people, the posts they hold, and in-article coreference.

Notes
-----
Arabic news names officials in a few recurring shapes, each handled by one function here:

- post + state + name: ``وزير الخارجية السوري أسعد الشيباني`` (adjective), ``وزير خارجية روسيا سيرغي
  لافروف`` (construct), ``وزير خارجية وشؤون المغتربين في سوريا`` (في + state), chained posts
  ``نائب رئيس الوزراء وزير الخارجية`` and ranks between post and name (``اللواء``، ``العماد``);
- a title before a name: ``الأمير فيصل بن فرحان``، ``الدكتور فيصل المقداد``;
- an open-world name that starts with a known first name and runs through nasab chains
  (بن، بنت، أبو، آل، عبد) to one surname: ``عبد الفتاح السيسي``;
- a counterpart: ``نظيره الروسي`` takes the post of the person it is the counterpart of, in the
  state of the adjective;
- later mentions: a surname alone (``لافروف``), a post alone (``الرئيس الروسي``), or a title and
  surname (``الرئيس الشرع``) attach to a person introduced anywhere in the article, and a surname
  shared by two people (الشرع: Ahmed and Maher) is attached only when the post disambiguates it;
- the open class of posts is a head noun of posts.tsv (مدير، محافظ، قائد، وكيل وزارة، كاتب الدولة...)
  followed by the institution phrase the post walk reads (constructs, ل + body, ب/في + state); a post
  that names no state and whose holder the KB does not know is held in the state of the dateline
  (الرياض ... (واس)، بغداد / واع), as wire reports name their own officials bare.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import or_

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import Lexicon, get_lexicon
from kg.nlp.normalise import clitic_splits, normalise, strip_diacritics
from kg.nlp.state import DocState, LocalPerson, Match, NameSpan, PostSpan

__all__ = ["PersonsComponent", "sentence_bounds", "surface"]

_EDGE_PUNCT = " \"'“”«»‹›.,،:;!?()[]{}-–—/"
_SENT_END = frozenset({".", "!", "?", "؟", "…", "•", "·", "▪", "●"})
_SENT_END_CHARS = re.compile("[" + re.escape("".join(sorted(_SENT_END))) + "\n]")
_QUALIFIERS = {"السابق": "former", "السابقه": "former", "الاسبق": "former", "الاسبقه": "former", "بالوكاله": "acting", "المكلف": "acting",
               "المكلفه": "acting", "المؤقت": "acting", "المؤقته": "acting", "بالانابه": "acting",
               "المنتخب": "elect", "المنتخبه": "elect", "المعين": "designate", "المعينه": "designate",
               "الراحل": "late", "الراحله": "late"}
# Roles whose holder may be named only by the post (الرئيس السوري) and still be an actor.
_UNNAMED_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defense_minister",
                            "crown_prince", "secretary_general"})
_NAME_PREFIXES = ("", "و", "ب", "ل", "وب", "ول")   # فعالية is not ف + عالية
_SENT_BY = frozenset({"ambassador", "special_envoy", "spokesperson", "head_of_presidential_office", "official"})
_BARE_PRESIDENT = frozenset({"رئيس", "الرئيس", "رئيسه", "الرئيسه"})
#: Words that name an intelligence service (وكالة المخابرات المركزية، جهاز الاستخبارات).
_INTELLIGENCE = ("مخابرات", "استخبارات")
#: Nouns of a state's name before the name itself (مملكة السويد، جمهورية الهند).
_DEFINITE_STATE_NOUNS = frozenset({"الجمهوريه", "المملكه", "الدوله", "السلطنه", "الاماره", "بالجمهوريه", "بالمملكه",
                                   "بالدوله", "بالسلطنه", "بالاماره"})
_STATE_NOUNS = frozenset({"مملكه", "جمهوريه", "دوله", "سلطنه", "اماره", "بمملكه", "بجمهوريه", "بدوله"})
#: Ministers with a portfolio, and the bare rank "minister of state" that goes before one.
_MINISTERS = frozenset({"minister", "foreign_minister", "defense_minister", "health_minister"})
_SPECIFIC_MINISTERS = _MINISTERS - {"minister"}
_RANK_ONLY = (["وزير", "الدوله"], ["وزيره", "الدوله"])
#: The article's own state in a title (الممثل الدائم للمملكة لدى الأمم المتحدة).
_OWN_STATE_ANAPHORS = frozenset({"للمملكه", "للدوله", "للسلطنه", "للبلاد"})
#: Words for the host state after لدى (سفير البحرين لدى المملكة).
_HOST_ANAPHORS = frozenset({"المملكه", "الدوله", "البلاد", "السلطنه", "الجمهوريه"})
#: A government (في حكومة الوحدة الوطنية، في الحكومة السورية): its state follows.
_GOVERNMENT = frozenset({"حكومه", "لحكومه", "بحكومه", "الحكومه", "للحكومه", "بالحكومه"})
#: A party (المتحدث باسم حزب ...): posts in it are no state posts.
_PARTY_WORDS = frozenset({"حزب", "لحزب", "بحزب", "الحزب", "للحزب"})
#: Roles that the dateline's state is not given to: they serve or are sent by another party.
_NOT_HOME = frozenset({"ambassador", "special_envoy", "secretary_general"})
# Cue words that matter to events only: names and posts read through them (الأوضاع، التعاون;
# مملكة in وزيرة خارجية مملكة السويد names the kind of state of a post).
_EVENT_ONLY_CUES = frozenset({"topic", "state_word"})
_AFFAIRS = frozenset({"الشؤون", "شؤون", "لشؤون", "للشؤون", "الشوون", "شوون", "لشوون", "للشوون"})
#: second words of surnames written apart (إمام أوغلو، داود أوغلو)
_SURNAME_SUFFIXES = frozenset({"اوغلو", "أوغلو"})
#: a deputy or assistant before a post that the post patterns do not join (نائب رئيس المجلس الرئاسي)
_DEPUTY_WORDS = frozenset({"نائب", "نائبه", "ونائب", "ونائبه", "مساعد", "مساعده", "ومساعد", "ومساعده"})
#: adverbs between a capacity word and its post (يشغل أيضا منصب)
_CAPACITY_ADVERBS = frozenset({"ايضا", "أيضا", "كذلك", "حاليا", "حالياً", "أيضاً"})
#: present-tense verbs of holding a post (الذي يشغل منصب): a past one (شغل) is a former post
_HOLDS_VERBS = frozenset({"يشغل", "تشغل", "يتولي", "تتولي"})
#: "was": a post held in a clause with it is a past one (وكان فلان يشغل منصب ...)
_WAS = frozenset({"كان", "وكان", "كانت", "وكانت", "فكان"})
#: parts of the day before a date word (صباح اليوم، مساء أمس): never a first name there
_DAY_PARTS = frozenset({"صباح", "مساء", "ظهر", "عصر", "فجر", "ليله", "ضحي", "صباحا", "مساءا"})
#: pronoun endings: a word with one is a verb or a noun, not the last part of a name (نقلها، بلادهم)
_PRONOUN_ENDINGS = ("ها", "هم", "هما", "كم")
#: the guest, the visitor: their adjective (الضيف الموريتاني) is another person's state
_GUEST_NOUNS = frozenset({"الضيف", "ضيف", "الزائر", "ضيفه", "ضيفها",
                          # ... and places: بالعاصمة التركية أنقرة is where, not whose
                          "العاصمه", "بالعاصمه", "للعاصمه", "المدينه", "بالمدينه", "الاراضي", "بالاراضي",
                          "الحدود", "المياه", "الاجواء", "السواحل"})
_BYLINE_MARKS = frozenset({"-", "–", "—", ":", "/"})
_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي"})


@lru_cache(maxsize=4)
def _with_wa(words: frozenset[str]) -> frozenset[str]:
    """The words, and each with و attached (one set lookup per token instead of two)."""
    return words | frozenset("و" + w for w in words)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences: split at sentence punctuation and at line breaks."""
    state: DocState = doc._.kg
    bounds: list[tuple[int, int]] = []
    start = 0
    # the characters that can end a sentence are few: find them in the text, then their tokens
    idx, texts, breaks = state.tok_idx, state.tok_text, state.tok_break
    ends = sorted({i + 1 for i in (bisect_right(idx, m.start()) - 1 for m in _SENT_END_CHARS.finditer(state.text))
                   if breaks[i] or texts[i] in _SENT_END})
    for end in ends:
        bounds.append((start, end))
        start = end
    if start < len(state.tok_text):
        bounds.append((start, len(state.tok_text)))
    return bounds


def label_text(state: DocState, start: int, end: int, prefix: str = "") -> str:
    """The text of tokens [start, end) as a label: like :func:`surface`, and with the article a
    contracted لل swallowed restored (للرئيس ترامب -> الرئيس ترامب)."""
    text = surface(state, start, end, prefix)[0]
    if prefix and prefix.endswith("ل") and normalise(state.tok_text[start]).startswith(prefix + "ل"):
        text = "ا" + text
    return text


def _char_skip(text: str, letters: int) -> int:
    """Index in ``text`` after ``letters`` base letters (diacritics ride along)."""
    count = 0
    for idx, ch in enumerate(text):
        if count == letters and not ("\u064b" <= ch <= "\u065f" or ch == "\u0640"):
            return idx
        if not ("\u064b" <= ch <= "\u065f" or ch == "\u0640"):
            count += 1
    return len(text)


def surface(state: DocState, start: int, end: int, prefix: str = "") -> tuple[str, int, int]:
    """The text of tokens [start, end) without a clitic prefix, with its character offsets."""
    begin = state.tok_idx[start] + (_char_skip(state.tok_text[start], len(prefix)) if prefix else 0)
    stop = state.tok_idx[end - 1] + len(state.tok_text[end - 1])
    return state.text[begin:stop], begin, stop


class _Context:
    """Per-document lookups shared by the rules below."""

    def __init__(self, doc: Doc, state: DocState, lex: Lexicon) -> None:
        self.doc = doc
        self.state = state
        self.lex = lex
        self.keys = state.keys
        self.punct_arr = state.tok_punct
        self.n = len(doc)
        self.bounds = sentence_bounds(doc)
        state.sentences, state.sent_of = self.bounds, []     # the sentences are this component's
        self.sent_of = state.sentence_of_tokens()
        self.ent = state.by_token.get("entity", {})
        # cue words of events only (topics, kinds of state) do not stop a name or a post
        self.cue = {i: m for i, m in state.by_token.get("cue", {}).items() if m.payload not in _EVENT_ONLY_CUES}
        self.trig = state.by_token.get("trigger", {})
        self.date = state.by_token.get("date", {})
        self.all_at: dict[int, list[Match]] = {}
        for m in state.matches.get("all", []):
            self.all_at.setdefault(m.start, []).append(m)
        self.taken: set[int] = set()      # tokens inside a person name
        self.home = self._dateline_state()
        self.org_as_state: set[int] = set()   # organisation posts read as state posts (لوزارة الخارجية)
        self.weak: set[int] = set()           # posts whose state is only a guess from the context
        # per-token classes computed once (the rules ask them many times); map() over C functions
        # keeps Python out of the per-token loop
        self.punct_all = list(map(or_, self.punct_arr, map(_SENT_END.__contains__, state.tok_text)))
        self.stop_all = list(map(_with_wa(lex.stopwords).__contains__, self.keys))   # also after و
        self.blocked_all = list(map(or_, self.punct_all, self.stop_all))
        for i in ({i for i, m in self.ent.items() if m.kind != "KNOWN"} | self.trig.keys() | self.date.keys()
                  | {i for i, m in self.cue.items() if m.payload != "relative"}):
            self.blocked_all[i] = True
        self.taken.update(self._not_people())

    def _not_people(self) -> set[int]:
        """Tokens of names that are no one in the story: a facility named after a person (مطار
        هواري بومدين، مستشفى الملك فيصل، شارع الملكة رانيا) and the writer or photographer of a
        byline or credit (كتب - فلان، بقلم فلان، تصوير: فلان)."""
        out: set[int] = set()
        for m in self.state.matches.get("cue", []):
            if m.payload not in ("facility", "byline"):
                continue
            j = m.end
            if m.payload == "byline":
                marked = not self.keys[m.end - 1].isalpha() or self.keys[m.start] == "بقلم"
                while j < self.n and self.state.tok_text[j] in _BYLINE_MARKS:
                    j += 1
                    marked = True
                if not marked:
                    continue      # كتب الرئيس على منصته: a verb of the story, not a byline
            while j < self.n and self.ent.get(j) is not None and self.ent[j].kind in ("TITLE", "POST"):
                out.update(range(j, self.ent[j].end))
                j = self.ent[j].end
            end = j
            while end < self.n and end - j < 4 and self.same_sentence(m.start, end) and not self.punct_all[end] and (
                    not self.blocked_all[end] or end in self.ent and self.ent[end].kind == "KNOWN"):
                end += 1
            out.update(range(j, end))
        return out

    def _dateline_state(self) -> str | None:
        """The article's own state: that of a national news agency tagged in the first lines (جنيف ...
        (واس): a Saudi report filed abroad), else of the dateline, a place or state at the start of
        one of the first lines, followed by punctuation, a number or في (الرياض 15 ...، بغداد / واع،
        مسقط في 16 فبراير)."""
        head_end = self.bounds[min(2, len(self.bounds)) - 1][1] if self.bounds else 0
        for m in self.state.matches.get("entity", []):
            if m.start >= min(head_end, 40):
                break
            if m.kind == "ORG" and m.payload in self.lex.state_agencies:
                return self.lex.organizations[m.payload].country or None
        for a, _b in self.bounds[:3]:
            m = self.ent.get(a)
            if m is None or m.start != a or m.prefix or m.kind not in ("PLACE", "COUNTRY"):
                continue
            if m.end < self.n and (self.punct_arr[m.end] or self.keys[m.end] == "في"):
                if m.kind == "COUNTRY":
                    return m.payload
                return self.lex.places[m.payload].country or None
        return None

    # -- token classes -------------------------------------------------------------------------
    def punct(self, i: int) -> bool:
        return self.punct_all[i]

    def stop(self, i: int) -> bool:
        return self.stop_all[i]

    def blocked(self, i: int) -> bool:
        """Tokens that cannot be part of a name."""
        return self.blocked_all[i]

    def first_name_prefix(self, i: int, allow_ambiguous: bool) -> str | None:
        """The clitic prefix if token i is a known first name (with that prefix), else None."""
        return _first_name_prefix(self.keys[i], allow_ambiguous)

    def connector(self, i: int) -> str | None:
        return self.lex.connectors.get(self.keys[i])

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < self.n and self.sent_of[i] == self.sent_of[j]

    def looks_like_verb(self, i: int) -> bool:
        key = self.keys[i]
        if 5 <= len(key) <= 8 and key[0] == "س" and key[1] in "يتن":
            return self.first_name_prefix(i, True) is None     # سيتوجه، ستعقد: a future verb
        return len(key) >= 4 and key[0] in "يتن" and self.first_name_prefix(i, True) is None


@Language.factory("kg_persons", default_config={"max_name_tokens": 7, "post_window": 8})
class PersonsComponent:
    """Finds people, their posts, and the later mentions that refer to them."""

    def __init__(self, nlp: Language, name: str, max_name_tokens: int, post_window: int) -> None:
        self.name = name
        self.max_name_tokens = max_name_tokens
        self.post_window = post_window
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.kg
        ctx = _Context(doc, state, self.lexicon)
        self._posts(ctx)
        self._titles(ctx)
        self._known_names(ctx)
        self._open_names(ctx)
        self._appositions(ctx)
        self._release_repeated_posts(ctx)
        self._capacity_posts(ctx)
        self._counterparts(ctx)
        self._merge_short_names(ctx)
        self._merge_bracketed_aliases(ctx)
        self._surnames(ctx)
        self._counterparts(ctx, again=True)   # وكان عطاف قد بحث مع نظيره الإيطالي: anchored on a surname
        self._post_only(ctx)
        for p in state.persons.values():
            p.country = next((ps.of for ps in p.posts if ps.of and ps.of in self.lexicon.countries), None)
            for ps in p.posts:       # a post that names no state is held in the person's own state
                if ps.of is None and p.country and not self._org_post(ctx, ps):
                    ps.of = p.country
        self._attendee_list_states(ctx)
        self._dateline_states(ctx)
        for p in state.persons.values():      # الوزير ماركو روبيو: the portfolio the KB knows
            kb_roles = self.lexicon.known_roles.get(" ".join(p.key_words), frozenset()) & _SPECIFIC_MINISTERS
            if len(kb_roles) == 1 and not any(ps.role in _SPECIFIC_MINISTERS for ps in p.posts):
                for ps in p.posts:
                    if ps.role == "minister" and ps.end - ps.start == 1:
                        ps.role = next(iter(kb_roles))
        for p in state.persons.values():      # وزير الخارجية فلان ... وقال الوزير فلان: one post, not two
            bare = [ps for ps in p.posts if ps.role == "minister" and ps.end - ps.start == 1]
            if bare and any(ps.role in _MINISTERS and ps.end - ps.start > 1 for ps in p.posts):
                for ps in bare:
                    ps.role = ""
        return doc

    def _dateline_states(self, ctx: _Context) -> None:
        """A post that names no state and whose holder's state is unknown is held in the state of
        the dateline (الرياض ... (واس)، بغداد / واع): wire reports name their own officials bare
        (وزير الداخلية فلان). Envoys and ambassadors are sent by others and are left alone."""
        first = None if ctx.home else self._first_official_state(ctx)
        for person in ctx.state.persons.values():
            for ps in person.posts:
                if ps.of is not None or not ps.role:
                    continue
                # the first official's state is only a guess: not where a state is named before the post
                home = ctx.home or (first if first and not self._names_a_state(ctx, ps.start) else None)
                if self._org_post(ctx, ps):
                    ps.of = _nearest_org(ctx, ps.start)    # الأمين العام فلان: of the body named before
                elif home is not None and ps.role not in _NOT_HOME:
                    ps.of = home

    @staticmethod
    def _names_a_state(ctx: _Context, i: int) -> bool:
        """Whether the sentence of token i names a state (its name or adjective) before it: the
        bare post may then be that state's, in a list or an exchange with it."""
        a, _b = ctx.bounds[ctx.sent_of[i]]
        return any(r.kind in ("COUNTRY", "ADJ") for k in range(a, i) for r in ctx.all_at.get(k, ()))

    @staticmethod
    def _first_official_state(ctx: _Context) -> str | None:
        """With no dateline or agency tag, the state of the first official the report names (a wire
        report opens with its own officials: كتب - فلان ... استقبل الرئيس عبد الفتاح السيسي)."""
        first = min((p for p in ctx.state.persons.values() if p.mentions and not p.unnamed),
                    key=lambda p: min(p.mentions), default=None)
        if first is None:
            return None
        return next((ps.of for ps in first.posts if ps.of in ctx.lex.countries), None) \
            or _kb_country(ctx, first.key_words)

    def _attendee_list_states(self, ctx: _Context) -> None:
        """A stateless post in a list of those present (حضر المباحثات ...، بحضور ...) is held in the
        state of the others listed, when they are all of one state: protocol lists name one side."""
        cues = [m.start for m in ctx.state.matches.get("cue", []) if m.payload in ("attendee", "attend_verb")]
        if not cues:
            return
        posts = [ps for p in ctx.state.persons.values() for ps in p.posts]
        for ps in posts:
            if ps.of is not None or self._org_post(ctx, ps):
                continue
            cue = max((c for c in cues if c < ps.start and ctx.same_sentence(c, ps.start)), default=None)
            if cue is None:
                continue
            # an ambassador in the list is usually the guest side's: he says nothing of the others
            # a counterpart (ونظيره القبرصي) is of the other side: it says the listed host is not his state
            states = {q.of for q in posts if q is not ps and q.of in ctx.lex.countries and q.start > cue
                      and ctx.same_sentence(q.start, ps.start) and q.role != "ambassador"
                      and not (q.start in ctx.cue and ctx.cue[q.start].payload == "counterpart")}
            if len(states) == 1:
                ps.of = states.pop()

    # -- registry ----------------------------------------------------------------------------
    def _register(self, ctx: _Context, start: int, end: int, prefix: str, kind: str = "name",
                  mention: tuple[int, int] | None = None) -> LocalPerson:
        """Add a named person (or a new mention of one already known) for tokens [start, end)."""
        text = label_text(ctx.state, start, end, prefix).strip(_EDGE_PUNCT)
        words = [w.strip(_EDGE_PUNCT) for w in ctx.keys[start:end]]
        words[0] = words[0][len(prefix):] if prefix and words[0].startswith(prefix) else words[0]
        person = self._find_same(ctx, words)
        if person is None:
            pid = f"p{len(ctx.state.persons) + 1}"
            person = LocalPerson(pid, (start, end), text)
            person.key_words = words
            ctx.state.persons[pid] = person
        elif len(words) > len(person.key_words):
            person.name = text
            person.key_words = words
        if text not in person.forms:
            person.forms.append(text)
        span = mention or (start, end)
        person.mentions.append(span)
        ctx.state.names.append(NameSpan(span[0], span[1], person.id, kind))
        ctx.taken.update(range(start, end))
        return person

    @staticmethod
    def _find_same(ctx: _Context, words: list[str]) -> LocalPerson | None:
        for person in ctx.state.persons.values():
            other = person.key_words
            if not other or person.unnamed:
                continue
            if other == words or "".join(other) == "".join(words) or (
                    len(words) == 2 and "".join(words) == other[-1]) or (len(other) == 2 and "".join(other) == words[-1]):
                return person       # شي جينبينغ / شي جين بينغ
            if len(other) == len(words) >= 2 and all(_variant(x, y) for x, y in zip(other, words)):
                return person       # وانج يي / وانغ يي
            shorter, longer = sorted((other, words), key=len)
            if len(shorter) >= 2 and (longer[:len(shorter)] == shorter or longer[-len(shorter):] == shorter
                                      and ctx.lex.connectors.get(longer[-len(shorter) - 1]) != "nasab"):
                # مشعل الأحمد / مشعل الأحمد الجابر الصباح; باقري كني / علي باقري كني; but after بن the
                # shorter name is the father: محمد بن سلمان بن عبدالعزيز is not سلمان بن عبدالعزيز
                return person
            if len(words) >= 2 and len(other) >= 2 and other[0] == words[0] and (
                    other[-1] == words[-1] or _variant(other[-1], words[-1])) and not _fathers_differ(ctx, words, other):
                return person
            short, full = sorted((words, other), key=len)
            if len(short) == 2 and len(full) > 2 and other[0] == words[0]:
                if short[1].startswith("ال") and short[1][2:] == full[1]:
                    return person   # صباح الخالد = صباح خالد الحمد الصباح: the father's name with the article
        return None

    # -- names ---------------------------------------------------------------------------------
    def _parse_name(self, ctx: _Context, i: int, context: bool, after_title: bool = False,
                    open_word: bool = True, single: bool = False) -> tuple[int, str] | None:
        """End (exclusive) and clitic prefix of a name starting at token i, or None.

        ``after_title``: an honorific or rank stands right before (السيد علي عون، الفريق أول السعيد
        شنقريحة), so a first name that is also a common word or has the article is a name.
        ``open_word``: in context, a name may start with a word that is no known first name (foreign
        names after a post); not after a comma that follows a post (ولي العهد، ضرورة التوصل).
        ``single``: in context, one word before punctuation is a whole name (a mononym: وزير الخارجية
        الإندونيسي سوغيونو،), but not an adverb in the accusative (مجددا،).
        """
        if i >= ctx.n or ctx.punct(i) or i in ctx.taken:
            return None
        if ctx.keys[i] in _DAY_PARTS and i + 1 < ctx.n and i + 1 in ctx.date:
            return None       # وصل الوزير صباح اليوم: a time of day, not the name صباح
        known = ctx.ent.get(i)
        if known is not None and known.kind == "KNOWN" and known.start == i:
            return self._more_nasab(ctx, i, known.end), known.prefix
        j = i
        prefix = ""
        conn_first = None
        for pfx, base in clitic_splits(ctx.keys[i]):
            if pfx in _NAME_PREFIXES and ctx.lex.connectors.get(base) in ("compound", "kunya"):
                conn_first = pfx
                break
        fn = ctx.first_name_prefix(i, allow_ambiguous=context)
        # علي (also the preposition على) after a title or before بن is the first name
        stop_name = fn == "" and ctx.keys[i] in ctx.lex.stop_first_names and i + 1 < ctx.n and (
            after_title and not ctx.blocked(i + 1) and not _definite(ctx, i + 1)
            or ctx.connector(i + 1) == "nasab"
            or context and i not in ctx.cue and ctx.first_name_prefix(i + 1, False) == ""   # علي أكبر أحمديان
            or context and i not in ctx.cue and _ali_before_nisba(ctx, i))        # الإيراني علي شمخاني
        if conn_first is not None and i + 1 < ctx.n and (not ctx.blocked(i + 1) or _title_word(ctx, i + 1)):
            prefix, j = conn_first, i + 2      # عبد الفتاح; عبد الأمير، عبد الملك: a title word after عبد
        elif stop_name:
            j = i + 1
        elif fn is not None and not ctx.stop(i) and (not ctx.blocked(i) or (
                context and i in ctx.ent and ctx.ent[i].kind == "POST" and ctx.ent[i].end == i + 1
                and i + 1 < ctx.n and not ctx.blocked(i + 1) and not ctx.keys[i + 1].startswith("ال"))):
            # a first name that is also a post word (سلطان بن أحمد الجابر), never the post (أمير البلاد)
            prefix, j = fn, i + 1
        elif after_title and _definite(ctx, i) and ctx.keys[i][2:] in ctx.lex.first_names and not ctx.blocked(i) \
                and i + 1 < ctx.n and ctx.same_sentence(i, i + 1) and not ctx.blocked(i + 1) and not _definite(ctx, i + 1):
            j = i + 1      # الفريق أول السعيد شنقريحة: a first name with the article, after a rank
        elif ctx.ent.get(i) is not None and ctx.ent[i].kind == "ADJ" and ctx.ent[i].end == i + 1 and not ctx.state.prefixes[i] \
                and not ctx.keys[i].startswith("ال") and i + 2 < ctx.n and ctx.connector(i + 1) == "nasab" \
                and ctx.same_sentence(i, i + 2) and not ctx.punct(i + 2):
            j = i + 1      # الفريق الركن تركي بن بندر: an adjective of a state read as a first name before بن
        elif open_word and context and ctx.ent.get(i) is not None and ctx.ent[i].kind == "COUNTRY" and ctx.ent[i].end == i + 1 \
                and not ctx.keys[i].startswith("ال") and i + 1 < ctx.n and not ctx.blocked(i + 1) \
                and ctx.same_sentence(i, i + 1) and not ctx.keys[i + 1].startswith("ال"):
            j = i + 1      # رئيسة الوزراء الإيطالية جورجيا ميلوني: a first name that is also a country
        elif context and not ctx.blocked(i) and ctx.keys[i] in ctx.lex.known_surname_country and not (
                i + 1 < ctx.n and (ctx.connector(i + 1) is not None or ctx.first_name_prefix(i + 1, True) == "")):
            # (غريب عبد الحافظ، فياض بن حامد: a name goes on after it, so the word is a first name here)
            return i + 1, ""        # الرئيس بوتين، الرئيس السيسي: a post, then an official's surname the KB knows
        elif open_word and context and not ctx.blocked(i) and not _definite(ctx, i) \
                and (not ctx.keys[i].startswith(("ل", "ب", "ف"))    # a clitic, unless a name link follows
                     or i + 1 < ctx.n and ctx.connector(i + 1) in ("nasab", "family", "particle")
                     # or a rank stands before and a second name follows: العميد الركن لقمان حيدر
                     or after_title and i + 1 < ctx.n and ctx.same_sentence(i, i + 1) and not ctx.blocked(i + 1)
                     and not _definite(ctx, i + 1) and ctx.state.prefixes[i] == ""
                     or _name_between_commas(ctx, i)) and ctx.connector(i) is None \
                and (not ctx.looks_like_verb(i) or i + 1 < ctx.n and (
                    ctx.connector(i + 1) == "compound"    # نصير عبد المحسن
                    or not ctx.blocked(i + 1) and not _definite(ctx, i + 1) and not ctx.looks_like_verb(i + 1)
                    and _name_ends_after(ctx, i + 1))) \
                and not any(p.key_words and p.key_words[-1] == ctx.keys[i] for p in ctx.state.persons.values()):
            # (السيد ألباريس دعم: the surname of someone named before is left to the surname rule)
            if i + 1 < ctx.n and (not ctx.blocked(i + 1) or ctx.connector(i + 1) in ("nasab", "family")) \
                    and ctx.same_sentence(i, i + 1):
                j = i + 1       # (فياض بن حامد: an unknown first name before a name link)
            elif single and len(ctx.keys[i]) >= 4 and not ctx.keys[i].startswith("و") and _name_ends_after(ctx, i) \
                    and not ctx.keys[i].endswith("ا") \
                    and (i + 1 >= ctx.n or not ctx.state.tok_text[i + 1][:1].isalnum()):
                return i + 1, ""
            else:
                return None
        else:
            return None
        surname = False
        while j < ctx.n and j - i < self.max_name_tokens and ctx.same_sentence(i, j):
            if ctx.keys[j] in ctx.lex.ordinals and j not in ctx.taken and ctx.connector(j - 1) is None \
                    and (context or j - i >= 2):       # not ربيع الأول, a month
                j += 1          # عبدالله الثاني، محمد السادس: a regnal number closes the name
                break
            if ctx.punct(j) or j in ctx.taken:
                break
            conn = ctx.connector(j)
            if conn is not None and j + 1 < ctx.n and ctx.same_sentence(j, j + 1) and (
                    not ctx.blocked(j + 1) or conn == "particle" and not ctx.punct(j + 1) and not ctx.stop(j + 1)
                    or conn in ("nasab", "family") and not ctx.punct(j + 1)
                    and (not ctx.stop(j + 1) or conn == "family" or ctx.keys[j + 1] in ctx.lex.stop_first_names)
                    or conn == "compound" and _title_word(ctx, j + 1)):
                j += 2
                if conn != "compound" and j < ctx.n and ctx.connector(j - 1) is None and \
                        ctx.connector(j) == "compound" and j + 1 < ctx.n and not ctx.blocked(j + 1):
                    j += 2      # بن عبد العزيز
                elif conn != "compound" and ctx.connector(j - 1) == "compound" and j < ctx.n \
                        and ctx.same_sentence(i, j) and not ctx.blocked(j) and not ctx.punct(j):
                    j += 1      # بن عبد الرحمن: the link's name is itself compound
                elif conn == "nasab" and surname and j < ctx.n and ctx.same_sentence(i, j) and not ctx.blocked(j) \
                        and j not in ctx.taken and ctx.connector(j) is None and j - i < self.max_name_tokens and (
                            ctx.first_name_prefix(j, False) == "" or _family_name_word(ctx, j)):
                    j += 1      # محمد فال ولد أحمد سالم: the father's name has two words after a family name
                continue
            if j == i + 1 and ctx.keys[i] in ctx.lex.foreign_first_names and not ctx.state.prefixes[j] \
                    and (c := ctx.ent.get(j)) is not None and c.kind == "COUNTRY" and c.start == j and c.end == j + 1 \
                    and not ctx.keys[j].startswith("ال"):
                j += 1          # لويس مونتينيغرو: a surname that is also a country's name, after a foreign first name
                surname = True
                continue
            if j == i + 1 and ctx.keys[j] in ctx.lex.compound_seconds and j + 1 < ctx.n and ctx.same_sentence(j, j + 1) \
                    and not ctx.blocked(j + 1):
                j += 1          # فاطمة الزهراء بوشمال، نور الدين بوطالب: a compound first name, the family name follows
                continue
            if not surname and j + 1 < ctx.n and ctx.keys[j + 1] in _SURNAME_SUFFIXES and ctx.same_sentence(j, j + 1) \
                    and not ctx.punct(j):
                j += 2          # أكرم إمام أوغلو: a Turkish surname in two words, whatever the first reads as
                surname = True
                continue
            if not surname and j - i >= 1 and self._name_not_preposition(ctx, j):
                # حسين عوض علي: the name علي, not the preposition على; محمد علي الزهراني: and the family name
                j += 2 if j not in ctx.cue and _ali_before_nisba(ctx, j) else 1
                surname = True
                continue
            if surname and _second_family_name(ctx, j):
                j += 1          # راشيد الطالبي العلمي،: a second family name (a nisba) closing the name
                break
            if surname or ctx.blocked(j):
                break
            if ctx.keys[j].startswith(("بال", "لل", "كال")) and ctx.keys[j].endswith("ه") and len(ctx.keys[j]) >= 6:
                break           # تيدروس بالتجربة: a preposition and a feminine noun, not بالحاج or بالقاسم
            if ctx.keys[j].startswith(("وال", "فال")) and len(ctx.keys[j]) >= 6 and not (
                    j == i + 1 and ctx.keys[i] in ctx.lex.foreign_first_names):
                break           # a conjunction and a definite noun (الصادق والحقيقي) is no surname; مايك والتز is
            if ctx.keys[j].startswith("و") and len(ctx.keys[j]) > 3 and (
                    ctx.first_name_prefix(j, True) == "و" or (j in ctx.ent)):
                break           # a new conjunct: ووزير الصحة، وأحمد
            if ctx.first_name_prefix(j, True) == "" and j - i < 3 and not surname:
                j += 1          # a middle name (أسعد حسن الشيباني)
                # a first name may also be the surname (حسين سلامة): keep going, the loop decides
                continue
            if ctx.looks_like_verb(j) and ctx.first_name_prefix(j, True) is None and not (
                    j == i + 1 and ctx.keys[i] in ctx.lex.foreign_first_names) and not _name_ends_after(ctx, j):
                break           # ... but هانا تيتيه، بنيامين نتنياهو، يوسف توغار.: a surname after a first name
            j += 1
            surname = True
            if j + 1 < ctx.n and ctx.same_sentence(i, j + 1) and j + 1 - i < self.max_name_tokens \
                    and ctx.keys[j + 1] in ctx.lex.known_surnames and _definite(ctx, j + 1) and (
                        not ctx.blocked(j + 1) or ctx.ent.get(j + 1) is not None and ctx.ent[j + 1].kind == "ADJ") \
                    and not ctx.blocked(j) and not _definite(ctx, j) and not ctx.looks_like_verb(j) \
                    and ctx.connector(j) is None and j not in ctx.taken:
                j += 2          # محمد شياع صبار السوداني: a grandfather's name before a family name the KB knows
            while j < ctx.n and ctx.same_sentence(i, j) and (
                    ctx.keys[j] in ctx.lex.known_surnames or _family_name_word(ctx, j)) \
                    and (not ctx.stop(j) or self._name_not_preposition(ctx, j)) \
                    and ctx.keys[j] != ctx.keys[j - 1] and not ctx.punct(j) and j - i < self.max_name_tokens:
                j += 1          # صباح خالد الحمد الصباح، صباح الخالد الحمد المبارك الصباح: a dynasty chain
            if j < ctx.n and ctx.keys[j].endswith(_PRONOUN_ENDINGS):
                pass            # وليام روتو نقلها: a verb or noun with a pronoun is no third part of a name
            elif j - i == 2 and ctx.keys[i] in ctx.lex.foreign_first_names and j < ctx.n \
                    and ctx.same_sentence(i, j) and not ctx.blocked(j) and not _definite(ctx, j) \
                    and not ctx.keys[j].startswith("و") and j not in ctx.taken \
                    and (not ctx.looks_like_verb(j) or _name_ends_after(ctx, j)):
                j += 1          # قاسم جومارت توكاييف، خوسيه مانويل ألباريس: foreign names often have three parts
            elif j - i == 2 and context and j < ctx.n and all(len(ctx.keys[k]) <= 4 for k in (i, i + 1, j)) \
                    and ctx.same_sentence(i, j) and not ctx.blocked(j) and not _definite(ctx, j) \
                    and not ctx.keys[j].startswith("و") and not ctx.looks_like_verb(j) and j not in ctx.taken \
                    and ctx.keys[i] not in ctx.lex.first_names:
                j += 1          # تشو تاي يول: East Asian names of three short syllables
            elif j - i == 2 and context and open_word and ctx.keys[i + 1] not in ctx.lex.first_names and j < ctx.n \
                    and ctx.same_sentence(i, j) and not ctx.blocked(j) and not _definite(ctx, j) \
                    and not ctx.keys[j].startswith("و") and j not in ctx.taken and _name_ends_after(ctx, j):
                j += 1          # هارديب سينغ بوري وزير...، دينغ شيويه شيانغ،: a foreign name's third part
        if j - i < 2 and not context:
            return None
        # trailing first names as the last word are fine (محمد عباس), but never end on a connector
        while j - 1 > i and ctx.connector(j - 1) is not None:
            j -= 1
        return j, prefix

    @staticmethod
    def _name_not_preposition(ctx: _Context, j: int) -> bool:
        """علي after a name is the first name spelled with ya when no noun follows it for a
        preposition على to govern (end of sentence, punctuation, or a word with a clitic), or
        when a family name of the nisba shape follows it (محمد علي الزهراني)."""
        if strip_diacritics(ctx.state.tok_text[j]) != "علي":
            return False
        nxt = j + 1
        return nxt >= ctx.n or not ctx.same_sentence(j, nxt) or ctx.punct(nxt) or (
            ctx.keys[nxt][:1] in ("و", "ب", "ل", "ف") and not ctx.keys[nxt].startswith("ال")) \
            or j not in ctx.cue and _ali_before_nisba(ctx, j)

    @staticmethod
    def _more_nasab(ctx: _Context, i: int, j: int) -> int:
        """Extend a name through further nasab links (محمد بن سلمان + بن عبدالعزيز آل سعود)."""
        while j + 1 < ctx.n and ctx.same_sentence(i, j + 1) and ctx.connector(j) in ("nasab", "family") \
                and j + 1 not in ctx.taken and (not ctx.punct(j + 1) and (
                    not ctx.stop(j + 1) or ctx.keys[j + 1] in ctx.lex.stop_first_names) or (
                    ctx.connector(j) == "family" and strip_diacritics(ctx.state.tok_text[j + 1]).isalpha())):
            # آل ثاني: after آل a family name, even one that reads as a number or a common word
            j += 2
            if j + 1 < ctx.n and ctx.connector(j - 1) is None and ctx.connector(j) == "compound" \
                    and not ctx.blocked(j + 1):
                j += 2
            elif ctx.connector(j - 1) == "compound" and j < ctx.n and ctx.same_sentence(i, j) \
                    and not ctx.blocked(j) and not ctx.punct(j):
                j += 1          # بن عبد العزيز written in two words
        if j < ctx.n and ctx.keys[j] in ctx.lex.ordinals and j not in ctx.taken and ctx.same_sentence(i, j):
            j += 1              # الحسين بن عبدالله الثاني: the father's regnal number
        while j < ctx.n and ctx.same_sentence(i, j) and j not in ctx.taken and j - i < 7 and (
                _family_name_word(ctx, j) or ctx.keys[j] in ctx.lex.known_surnames and _definite(ctx, j)):
            j += 1              # صباح الخالد + الحمد المبارك الصباح: the Gulf chain goes on
        return j

    def _known_names(self, ctx: _Context) -> None:
        for m in ctx.state.matches.get("entity", []):
            if m.kind == "KNOWN" and m.start not in ctx.taken:
                self._register(ctx, m.start, self._more_nasab(ctx, m.start, m.end), m.prefix)

    def _titles(self, ctx: _Context) -> None:
        for m in ctx.state.matches.get("entity", []):
            if m.kind != "TITLE" or m.start > 0 and ctx.connector(m.start - 1) == "compound":
                continue          # عبد الأمير: part of a name, not a title
            j = m.end
            while j < ctx.n and ctx.ent.get(j) is not None and ctx.ent[j].kind == "TITLE":
                j = ctx.ent[j].end
            if j in ctx.taken:
                continue
            parsed = self._parse_name(ctx, j, context=True, after_title=True)
            if parsed:
                end, prefix = parsed
                self._register(ctx, j, end, prefix)

    def _open_names(self, ctx: _Context) -> None:
        blocked = ctx.blocked_all
        stop_names = ctx.lex.stop_first_names
        starts = [i for i, key in enumerate(ctx.keys) if not blocked[i] and _may_start_name(key)
                  or key in stop_names and i + 1 < ctx.n and ctx.connector(i + 1) == "nasab"]
        after = 0         # the end of the last name found: no name starts inside it
        for i in starts:
            if i < after or i in ctx.taken:
                continue
            parsed = self._parse_name(ctx, i, context=False)
            if parsed:
                end, prefix = parsed
                self._register(ctx, i, end, prefix)
                after = end

    # -- posts ---------------------------------------------------------------------------------
    @staticmethod
    def _inner_adjective(ctx: _Context, m: Match) -> str | None:
        """The state of a post phrase that ends in a nationality adjective of its own
        (نائب الرئيس الأمريكي listed whole): the adjective read inside the phrase."""
        for k in range(m.start + 1, m.end):
            for r in ctx.all_at.get(k, []):
                if r.kind == "ADJ" and r.end == m.end and r.prefix in ("", "ال"):
                    return r.payload
        return None

    def _post_state(self, ctx: _Context, m: Match) -> tuple[str | None, str | None, int]:
        """The state or organisation of a post, a qualifier, and where the name may start."""
        role, expects = ctx.lex.post_info[m.payload]
        of: str | None = None
        qualifier: str | None = None
        self._domain = False
        self._party = False
        self._no_role = False
        speaks_for_org = False
        region = False
        j = m.end
        steps = 0
        while j < ctx.n and steps < self.post_window and ctx.same_sentence(m.start, j):
            steps += 1
            key = ctx.keys[j]
            if ctx.punct(j):
                break
            readings = {r.kind: r for r in ctx.all_at.get(j, [])}
            chosen = ctx.ent.get(j)
            if chosen is not None and chosen.kind == "PLACE" and "COUNTRY" in readings \
                    and readings["COUNTRY"].start == chosen.start and readings["COUNTRY"].end == chosen.end:
                chosen = readings["COUNTRY"]   # سفير الجزائر: after a post the state, not its capital
            if key in _QUALIFIERS:
                # المكلف بالميزانية: "in charge of" a portfolio, not acting
                if not (key.startswith("المكلف") and j + 1 < ctx.n and ctx.keys[j + 1].startswith("ب")):
                    qualifier = _QUALIFIERS[key]
                j += 1
                continue
            if chosen is None and key in ctx.lex.known_surname_country:
                break              # الرئيس السيسي: the official's surname, not an adjective of the post
            if key.startswith("ال") and key not in _RELATIVES and key not in ("الي", "الا", "الى") \
                    and ctx.stop(j) and j not in ctx.cue \
                    and j not in ctx.trig and j not in ctx.date and chosen is None:
                j += 1             # an adjective of the post: الجديد، الانتقالية، العامة
                continue
            if "ADJ" in readings and readings["ADJ"].prefix in ("", "ال") and ctx.keys[j - 1] in _AFFAIRS:
                j = readings["ADJ"].end   # مدير دائرة الشؤون الفلسطينية: the affairs dealt with, not the post's state
                continue
            if of is None and "ADJ" in readings and expects in ("state", "any") and readings["ADJ"].prefix in ("", "ال"):
                of = readings["ADJ"].payload
                j = readings["ADJ"].end
                continue
            if of is None and chosen is not None and chosen.kind == "COUNTRY" and chosen.prefix in ("", "ل"):
                of = chosen.payload
                j = chosen.end
                continue
            if of is None and chosen is not None and chosen.kind == "PLACE" and chosen.start == j \
                    and chosen.prefix in ("", "ل") and chosen.payload in ctx.lex.region_governments:
                # رئيس إقليم كردستان، وزير داخلية إقليم كردستان: a post of the region's own government
                of = ctx.lex.region_governments[chosen.payload]
                j = chosen.end
                continue
            if chosen is not None and chosen.kind == "PLACE" and chosen.start == j == m.end and chosen.prefix == "" \
                    and role == "official" and ctx.lex.places[chosen.payload].kind in ("city", "region"):
                # محافظ القاهرة، أمير منطقة الرياض، حاكم دبي: the head of a city or province, in its state
                of = of or ctx.lex.places[chosen.payload].country or None
                j = chosen.end
                continue
            if chosen is not None and chosen.start == j and chosen.prefix == "ب" and (
                    chosen.kind == "COUNTRY" or chosen.kind == "PLACE" and of is not None):
                # وزير الداخلية بمملكة البحرين: the post's state; after its state (سفير إسبانيا بالرباط)
                # the seat or host of the post
                of = of or (chosen.payload if chosen.kind == "COUNTRY" else None)
                j = chosen.end
                continue
            nxt = ctx.ent.get(j + 1) if j + 1 < ctx.n else None
            if chosen is None and nxt is not None and nxt.kind in ("COUNTRY", "ORG") and nxt.start == j + 1 \
                    and not key.startswith("و") \
                    and nxt.prefix == "" and (not ctx.stop(j) or key in _STATE_NOUNS) \
                    and ctx.first_name_prefix(j, True) is None \
                    and ctx.connector(j) is None and not ctx.keys[j].startswith("ال") and j not in ctx.cue \
                    and j not in ctx.trig:
                # a construct noun and a state or body: وزيرة خارجية مملكة السويد، والي بنك المغرب، رئيس
                # مفوضية الاتحاد الإفريقي
                self._domain = self._domain or of is None
                of = of or nxt.payload
                j = nxt.end
                continue
            if key == "لدي" and j + 1 < ctx.n and ctx.keys[j + 1] in _HOST_ANAPHORS and nxt is None:
                j += 2             # سفير البحرين لدى المملكة: the host, named by the article's own state
                continue
            if key == "لدي" and nxt is not None and nxt.kind == "POST" and nxt.start == j + 1:
                domain = self._domain
                nested_of, _q, j = self._post_state(ctx, nxt)   # كاتب الدولة لدى وزير الخارجية: one title
                of = of or nested_of
                self._domain = domain
                continue
            if region and key.startswith("و") and nxt is not None and nxt.start == j + 1 \
                    and nxt.kind in ("PLACE", "COUNTRY") and chosen is None:
                j = nxt.end        # إلى الشرق الأوسط وبلدان إفريقيا: a second region of the title
                continue
            if key in ("بالخارج", "الخارج") or key == "في" and j + 1 < ctx.n and ctx.keys[j + 1] == "الخارج":
                j += 1 if key != "في" else 2   # وزير الخارجية وشؤون المصريين في الخارج
                continue
            if key in _PARTY_WORDS:
                self._party = True   # المتحدث باسم حزب العدالة والتنمية: a party post, not a state post
                j += 1
                continue
            if of is None and chosen is not None and chosen.kind == "ORG" and (
                    chosen.prefix == "ل" or expects in ("org", "any") or ctx.keys[j - 1] == "باسم"
                    or j == m.end and chosen.prefix == "" and m.payload in _BARE_PRESIDENT
                    or j == m.end and chosen.prefix == "" and role in ("official", "ambassador")):
                # مدير وكالة المخابرات المركزية الأمريكية، مدير عام الوكالة الدولية للطاقة الذرية: the head of
                # a body in construct with it serves that body
                # رئيسة المفوضية الأوروبية: a president in construct with a body heads that body
                of = chosen.payload
                j = chosen.end
                continue
            if key == "في" and j + 2 < ctx.n and ctx.keys[j + 1] == "وزاره" and ctx.keys[j + 2].startswith("ال") \
                    and ctx.same_sentence(j, j + 2):
                self._domain = self._domain or of is None
                j += 3             # وزير الدولة في وزارة الخارجية القطرية: the ministry; its state follows
                continue
            if key in ("وزاره", "لوزاره", "بوزاره") and j + 1 < ctx.n and ctx.keys[j + 1].startswith("ال") \
                    and ctx.same_sentence(j, j + 1):
                self._domain = self._domain or of is None
                j += 2             # المتحدث باسم وزارة الخارجية الإيرانية: the ministry; its state follows
                continue
            if key in ("بلاده", "بلادها", "بلده", "بلدها"):
                j += 1             # وزير خارجية بلاده: his own country, known from the person (KB) if at all
                continue
            if key in _GOVERNMENT or key == "في" and j + 1 < ctx.n and ctx.keys[j + 1] in _GOVERNMENT:
                j += 1 if key != "في" else 2   # وزير الخارجية في حكومة الوحدة الوطنية الليبية
                continue
            if of is None and j == m.end and key in _HOST_ANAPHORS and role == "ambassador" and ctx.home:
                of = ctx.home      # سفير الدولة لدى الهند (WAM), سفير المملكة لدى ...: the article's own state
                j += 1
                continue
            if of is None and key in _OWN_STATE_ANAPHORS and role in ("ambassador", "official"):
                of = ctx.home      # السفير الممثل الدائم للمملكة: the article's own state
                j += 1
                continue
            noun_at = j + 1 if key == "في" else j
            if of is None and noun_at + 1 < ctx.n and ctx.keys[noun_at] in _DEFINITE_STATE_NOUNS and (
                    key == "في" or ctx.keys[j].startswith("بال")) and ctx.same_sentence(j, noun_at + 1) \
                    and not any(r.kind == "COUNTRY" for r in ctx.all_at.get(noun_at, [])):   # المملكة الأردنية الهاشمية
                adj = next((r for r in ctx.all_at.get(noun_at + 1, []) if r.kind == "ADJ" and r.prefix in ("", "ال")), None)
                if adj is not None:
                    of = adj.payload   # وزير النقل في الجمهورية الإيطالية، بالمملكة المغربية: the state by its adjective
                    j = adj.end
                    continue
            if of is None and key in ("في", "لدي") and j + 1 < ctx.n and not (key == "لدي" and role == "ambassador"):
                nxt = ctx.ent.get(j + 1)
                if nxt is not None and nxt.kind in ("COUNTRY", "ORG") and nxt.start == j + 1:
                    of = nxt.payload
                    j = nxt.end
                    continue
            if of is None and chosen is not None and chosen.kind == "PLACE" and chosen.start == j \
                    and ctx.keys[j - 1] == "باسم":
                seat = ctx.lex.places[chosen.payload]
                if seat.kind == "building" and seat.country:
                    of = seat.country      # المتحدث باسم الكرملين / البيت الأبيض: the seat's state
                    j = chosen.end
                    continue
            if key in ("باسم", "لشؤون", "لشوون"):
                j += 1
                continue
            if of is None and expects in ("org", "any") and chosen is None:
                anaphor = self._org_anaphor(ctx, key)
                if anaphor is not None:
                    of = anaphor           # الأمين العام للجامعة: the League named elsewhere in the article
                    j += 1
                    continue
            if key in ("الي", "في") and j + 1 < ctx.n and ctx.ent.get(j + 1) is not None \
                    and ctx.ent[j + 1].kind in ("PLACE", "COUNTRY", "ORG"):
                j = ctx.ent[j + 1].end   # a region in a title (إلى الشرق الأوسط)
                region = True
                continue
            if chosen is not None and chosen.kind == "POST" and role in _SENT_BY and (
                    chosen.prefix == "ل" or ctx.keys[j - 1] == "باسم"
                    # (a post ending in a definite noun takes no genitive: نائب رئيس الدولة نائب رئيس الوزراء)
                    or j == m.end and not ctx.keys[m.end - 1][len(m.prefix) if m.end - m.start == 1 else 0:].startswith("ال")):
                of = of or ctx.lex.post_state.get(chosen.payload)
                # المتحدث باسم الأمين العام: the spokesperson of an organisation's head serves it
                speaks_for_org = ctx.lex.post_info[chosen.payload][1] == "org"
                j = chosen.end     # الممثل الخاص لرئيس روسيا، سفيرة خادم الحرمين: the sender's state
                continue
            if key == "لدي" and j + 1 < ctx.n and ctx.ent.get(j + 1) is not None:
                j = ctx.ent[j + 1].end   # سفير ... لدى الولايات المتحدة: the host state, not the post's
                continue
            if chosen is not None and (chosen.kind == "ORG" or chosen.kind == "PLACE"
                                       and ctx.lex.places[chosen.payload].kind == "region"):
                j = chosen.end     # a region in a title (إلى الشرق الأوسط وبلدان إفريقيا)
                continue
            if chosen is None and not ctx.stop(j) and j not in ctx.taken and j not in ctx.trig and j not in ctx.cue:
                bases = [b for _p, b in clitic_splits(key)]
                if any(b.startswith("ال") for b in bases) and ctx.first_name_prefix(j, True) is None \
                        and not (key.startswith("ال") and not _definite(ctx, j)):   # ألب أرسلان is a name
                    self._domain = self._domain or of is None
                    j += 1         # a domain or qualifier: الداخلية، العامة، الجديدة، للمرحلة
                    continue
                if ctx.first_name_prefix(j, True) is None and j + 1 < ctx.n and ctx.keys[j + 1].startswith("ال") \
                        and ctx.ent.get(j + 1) is None and not ctx.blocked(j + 1) and ctx.connector(j) is None:
                    self._domain = self._domain or of is None
                    j += 2         # a construct noun: مجلس النواب، هيئة الأركان
                    continue
                if of is None and ctx.first_name_prefix(j, True) is None and j + 2 < ctx.n \
                        and ctx.connector(j) is None and ctx.connector(j + 1) is None and _definite(ctx, j + 2) \
                        and not ctx.keys[j + 1].startswith("ال") and ctx.first_name_prefix(j + 1, True) is None \
                        and not ctx.blocked(j + 1) and j + 1 not in ctx.ent and ctx.keys[j + 2].startswith("ال") \
                        and not ctx.punct(j + 2) and ctx.same_sentence(j, j + 2) and (
                            ctx.ent.get(j + 2) is None or ctx.ent[j + 2].kind in ("COUNTRY", "ORG")):
                    self._domain = self._domain or of is None
                    j += 2         # two construct nouns: شؤون رئاسة الجمهورية (the state or body follows)
                    continue
            break
        if of is None and speaks_for_org:
            of = _nearest_org(ctx, m.start)
        if of in ctx.lex.organizations and of in ctx.lex.countries and any(
                (r := ctx.ent.get(t)) is not None and r.kind == "ORG" and r.payload == of for t in range(m.end, j)):
            # a body whose key is also a state's (au: the African Union, Australia) would be read as
            # the state downstream: leave the post without a holder body rather than give a wrong one
            of = None
            self._no_role = True
        return of, qualifier, j

    @staticmethod
    def _org_anaphor(ctx: _Context, key: str) -> str | None:
        """An organisation named by its head noun alone (للجامعة، المنظمة، الحلف) when the article
        names exactly one organisation with that head noun."""
        heads: dict[str, set[str]] = getattr(ctx, "_org_heads", None)  # type: ignore[assignment]
        if heads is None:
            heads = {}
            for m in ctx.state.matches.get("entity", []):
                if m.kind == "ORG":
                    for name in ctx.lex.organizations[m.payload].names_ar:
                        first = normalise(name).split()[0]
                        heads.setdefault(first if first.startswith("ال") else "ال" + first, set()).add(m.payload)
            ctx._org_heads = heads  # type: ignore[attr-defined]
        for _pfx, base in clitic_splits(key):
            found = heads.get(base)
            if found and len(found) == 1:
                return next(iter(found))
        return None

    def _posts(self, ctx: _Context) -> None:
        pending: list[PostSpan] = []
        posts = [m for m in ctx.state.matches.get("entity", []) if m.kind == "POST"]
        inside_until = -1
        for idx, m in enumerate(posts):
            if m.start < inside_until or m.start in ctx.taken:
                continue          # a nested post (الممثل الخاص لرئيس روسيا): part of the outer one
            if m.start > 0 and ctx.connector(m.start - 1) in ("nasab", "family", "compound"):
                continue          # بن سلطان، بن أمير، عبد الملك: a name after a link, not a post
            role, _expects = ctx.lex.post_info[m.payload]
            if m.payload in ctx.lex.post_plural:
                inside_until = self._shared_post(ctx, m, role)
                pending = []
                continue
            of, qualifier, j = self._post_state(ctx, m)
            if role == "head_of_state" and m.payload in _BARE_PRESIDENT and (
                    self._domain or of in ctx.lex.organizations):
                role = "official"   # رئيس مجلس النواب، رئيسة المفوضية الأوروبية: heads of other bodies
            elif role == "head_of_state" and m.payload in _BARE_PRESIDENT and m.start > 0 \
                    and ctx.keys[m.start - 1] in _GOVERNMENT:
                role = "head_of_government"   # حكومة الرئيس نواف سلام: Lebanese usage for the prime minister
            if m.start > 0 and ctx.keys[m.start - 1] in _DEPUTY_WORDS and role not in ("", "official"):
                role = "official"   # نائب رئيس المجلس الرئاسي، مساعد رئيس الأركان: the deputy, not the head
            if self._party or self._no_role:
                role = ""           # the holder is named, the party post (or an unknowable body) is no role
            if of is None and self._domain and _expects == "org":
                role = "official"   # الأمين العام لوزارة الخارجية: a post in a state body, not an organisation's
                ctx.org_as_state.add(m.start)
            if role == "official" and of in ctx.lex.organizations and any(
                    w in name for name in ctx.lex.organizations[of].names_ar for w in _INTELLIGENCE):
                role = "intelligence_chief"    # the head of an intelligence service
            of = of or ctx.lex.post_state.get(m.payload) or self._inner_adjective(ctx, m)
            if m.start >= 2 and ctx.keys[m.start - 2] in ("القائم", "قائم") and ctx.keys[m.start - 1] == "باعمال":
                qualifier = qualifier or "acting"      # القائم بأعمال وزير الخارجية
            inside_until = j
            if of is None and ctx.keys[m.end - 1].endswith(("يته", "يتها")):
                # وزير خارجيته: the state of the leader named just before, whose minister he is
                of = next((q.of for q in reversed(ctx.state.posts) if q.of in ctx.lex.countries
                           and ctx.same_sentence(q.start, m.start)), None)
            if of is None:
                of = self._context_state(ctx, m.start)
                if of is not None:
                    ctx.weak.add(m.start)   # a guess from an adjective nearby: an apposition may correct it
            text = label_text(ctx.state, m.start, max(j, m.end), m.prefix)
            span = PostSpan(m.start, max(j, m.end), role, of, qualifier, None, text.strip(" ،,"))
            span.generic = not ctx.keys[m.start][len(m.prefix):].startswith("ال") and not any(
                ctx.keys[t].startswith(("ال", "لل")) or ctx.ent.get(t) is not None and ctx.ent[t].kind == "COUNTRY"
                for t in range(m.end, max(j, m.end)))
            ctx.state.posts.append(span)
            if role == "head_of_presidential_office" and ctx.keys[m.start][len(m.prefix):] in ("وزير", "وزيره"):
                # وزير المكتب السلطاني، وزير شؤون الديوان الأميري: a minister, and the head of that office
                twin = PostSpan(span.start, span.end, "minister", of, qualifier, None, span.text)
                ctx.state.posts.append(twin)
                pending = pending + [twin]
            # skip ranks and honorifics, and one comma, between the post and the name
            k = j
            titled = comma = False
            while k < ctx.n and ctx.same_sentence(m.start, k):
                t = ctx.ent.get(k)
                if t is not None and t.kind == "TITLE":
                    if ctx.state.prefixes[k]:
                        break      # ...ملك مملكة البحرين، وصاحب السمو...، بالسيد...: a clitic starts the next person
                    k = t.end
                    titled = True
                    continue
                if ctx.state.tok_text[k] in ("،", ",") and k + 1 < ctx.n and (
                        not ctx.blocked(k + 1) or ctx.ent.get(k + 1) is not None and ctx.ent[k + 1].kind == "TITLE"):
                    k += 1
                    comma = True
                    continue
                if ctx.keys[k] in _QUALIFIERS:
                    span.qualifier = _QUALIFIERS[ctx.keys[k]]
                    k += 1
                    continue
                if ctx.keys[k].startswith("ال") and ctx.stop(k) and ctx.keys[k] not in _RELATIVES \
                        and k not in ctx.cue and k not in ctx.trig and k not in ctx.date and k not in ctx.ent:
                    k += 1
                    continue
                break
            # after a comma only a title or a known first name opens a name; and a post said again
            # (وزير المالية استعرض) refers back to its holder rather than naming someone new
            open_word = (titled or not comma or _name_between_commas(ctx, k)) and not self._post_said_before(ctx, span)
            parsed = self._parse_name(ctx, k, context=True, after_title=titled, open_word=open_word,
                                      single=span.of is not None) \
                if k < ctx.n and ctx.same_sentence(m.start, k) else None
            if parsed and parsed[1].startswith("و"):
                # وزير البترول، وحسن عبد الله: the name after و is the next person, not the holder
                self._register(ctx, k, parsed[0], parsed[1])
                pending = []
                continue
            if parsed:
                end, prefix = parsed
                chain = pending + [span]
                person = self._register(ctx, k, end, prefix, mention=(chain[0].start, end))
                # a post of a chain that names no state takes the chain's state, else the KB's
                kb_state = _kb_country(ctx, person.key_words)
                if kb_state:
                    for p in chain:
                        if p.start in ctx.weak:
                            p.of = kb_state     # a guess from a nearby adjective yields to the KB's state
                state_of = next((p.of for p in chain if p.of and p.of in ctx.lex.countries), None)
                state_of = state_of or kb_state
                portfolio = any(p.role in _MINISTERS and ctx.keys[p.start:p.end] not in _RANK_ONLY for p in chain)
                for p in chain:
                    if p.of is None and state_of and not self._org_post(ctx, p):
                        p.of = state_of
                    if portfolio and ctx.keys[p.start:p.end] in _RANK_ONLY:
                        p.role = ""     # وزير الدولة، وزير الشؤون الخارجية: a rank of the minister, no post
                    p.person = person.id
                    person.posts.append(p)
                pending = []
                continue
            nxt = next((p for p in posts[idx + 1:] if p.start >= j), None)
            if nxt is not None and ctx.same_sentence(m.start, nxt.start) and nxt.start - span.end <= 3 \
                    and not ctx.state.prefixes[nxt.start] \
                    and all(self._chain_gap(ctx, g) for g in range(span.end, nxt.start)):
                # ، ونائب رئيس الوزراء: a conjunction before the next post starts another person, and
                # للرئيس is another person's post (to the president)
                if not pending and self._own_post_after_name(ctx, span):
                    continue      # الملك عبدالله الثاني ملك الأردن الأمين العام...: his, not the next man's
                if not pending and self._holder_named_before(ctx, span):
                    continue      # التقى الموفد الفرنسي قائد الجيش فلان: the envoy named before, then his host
                if not pending and span.role == "head_of_state" and span.end - span.start == 1 and span.of is None:
                    continue      # التقى الرئيس وزير الخارجية الفرنسي فلان: the president is the subject, not his post
                pending.append(span)      # a chained post: نائب رئيس الوزراء وزير الخارجية فلان
                continue
            pending = []

    @staticmethod
    def _post_said_before(ctx: _Context, span: PostSpan) -> bool:
        """Whether a person named earlier holds a post written with the same words."""
        words = ctx.keys[span.start:span.end]
        return any(ctx.keys[ps.start:ps.end] == words for p in ctx.state.persons.values() for ps in p.posts
                   if ps.end <= span.start)

    def _shared_post(self, ctx: _Context, m: Match, role: str) -> int:
        """A dual or plural post shared by the people after it, each with a state adjective:
        الرئيسان الروسي فلاديمير بوتين والأمريكي دونالد ترامب. Returns where it ends."""
        post_text = label_text(ctx.state, m.start, m.end, m.prefix)
        return self._adjective_named_list(ctx, m.start, m.end, role, post_text, first=True)

    def _adjective_named_list(self, ctx: _Context, start: int, j: int, role: str, post_text: str,
                              first: bool) -> int:
        """People named after a shared post or counterpart word, each after the adjective of their
        state, the later ones joined by و (والأمريكي دونالد ترامب، والعماني بدر البوسعيدي)."""
        while j < ctx.n and ctx.same_sentence(start, j):
            if not first and ctx.state.tok_text[j] in ("،", ",") and j + 1 < ctx.n:
                j += 1
            # the state by its adjective (والقطري) or, after a construct post, by its name (وقطر)
            adj = next((r for r in ctx.all_at.get(j, []) if r.kind in ("ADJ", "COUNTRY")
                        and r.prefix in (("", "ال") if first else ("و", "وال"))), None)
            if adj is None:
                break
            k = adj.end
            while k < ctx.n and ctx.ent.get(k) is not None and ctx.ent[k].kind == "TITLE":
                k = ctx.ent[k].end
            adj_text = label_text(ctx.state, adj.start, adj.end, adj.prefix if not first else "")
            span = PostSpan(start if first else adj.start, adj.end, role, adj.payload, None, None,
                            post_text if first and adj.start == start else f"{post_text} {adj_text}".strip())
            known = next((ns for ns in ctx.state.names if ns.start == k and ns.kind == "name"), None)
            if known is not None:             # named already (a name the KB knows)
                person, end = ctx.state.persons[known.person], known.end
            else:
                parsed = self._parse_name(ctx, k, context=True) if k < ctx.n and ctx.same_sentence(start, k) else None
                if not parsed:
                    break
                end, prefix = parsed
                person = self._register(ctx, k, end, prefix, mention=(span.start, end))
            span.person = person.id
            person.posts.append(span)
            ctx.state.posts.append(span)
            first = False
            j = end
        return j

    @staticmethod
    def _holder_named_before(ctx: _Context, span: PostSpan) -> bool:
        """Whether a post refers back to a person named earlier with that post: with a state, the
        same role of that state (a bare الوزير العماني: any minister of Oman); without one, the same
        words (التقى رئيس الجمهورية وزيرة العدل فلانة: the president named before, then his guest)."""
        if not span.role:
            return False
        words = ctx.keys[span.start:span.end]
        bare_minister = span.role == "minister" and span.end - span.start <= 2
        for ps in ctx.state.posts:
            if ps.person is None or ps.end > span.start:
                continue
            if span.of:
                if ps.of == span.of and (ps.role == span.role or bare_minister and ps.role in _MINISTERS):
                    return True
            elif ps.role == span.role and ctx.keys[ps.start:ps.end] == words:
                return True
        return False

    @staticmethod
    def _own_post_after_name(ctx: _Context, span: PostSpan) -> bool:
        """Whether a post right after a name is that person's own, to be read as an apposition
        rather than the first post of a chain that belongs to the next name: it names no state
        (تميم بن حمد أمير البلاد), or the person's own (عبدالله الثاني ملك الأردن)."""
        before = next((ns for ns in ctx.state.names if ns.end == span.start and ns.kind == "name"), None)
        known = ctx.ent.get(span.start - 1) if span.start > 0 else None
        if before is not None:
            person = ctx.state.persons[before.person]
            own = next((ps.of for ps in person.posts if ps.of in ctx.lex.countries), None)
            own = own or _kb_country(ctx, person.key_words)
        elif known is not None and known.kind == "KNOWN" and known.end == span.start:
            own = _kb_country(ctx, known.payload.split())
        else:
            return False
        return span.of is None or own == span.of

    def _appositions(self, ctx: _Context) -> None:
        """Posts written after the name (الأمير فيصل بن فرحان وزير الخارجية), as Gulf and royal
        protocol style does. A post that names a state other than the person's own (known from the
        KB or an earlier post) is an object, not an apposition: التقى بوتين وزير الخارجية السعودي."""
        ends: dict[int, NameSpan] = {}
        for ns in ctx.state.names:
            if ns.kind == "name":
                ends[ns.end] = ns
        holder_until: dict[int, str] = {}     # token where a chain of appositions may continue -> person
        appended: set[int] = set()            # posts given here (a post before the name is not one of them)
        for ps in sorted(ctx.state.posts, key=lambda p: p.start):
            if ps.person is not None or not ps.role:
                continue
            m = ctx.ent.get(ps.start)
            if m is not None and m.start == ps.start and m.prefix.startswith("و"):
                continue           # فلان، ووزير الصناعة: a conjunction starts the next person
            if ps.role == "ambassador" and ps.end - ps.start == 1:
                continue           # التقى فلان السفير: a bare "the ambassador" after a name is the object
            start = ps.start
            if start > 2 and ctx.state.tok_text[start - 1] in ("،", ",") and ctx.state.tok_text[start - 2] == ")":
                opening = next((t for t in range(start - 3, max(start - 9, -1), -1) if ctx.state.tok_text[t] == "("), None)
                if opening is not None and opening in ends and not any(
                        "\u0600" <= ch <= "\u06ff" for t in range(opening + 1, start - 2) for ch in ctx.state.tok_text[t]):
                    start = opening         # توماس باراك (Thomas Barrack)، السفير الأمريكي: the Latin name between
            if start == ps.start and start > 0 and ctx.state.tok_text[start - 1] in ("،", ",") \
                    and start - 1 in ends | holder_until:
                before = ends.get(start - 1)
                if before is not None and (m0 := ctx.ent.get(before.start)) is not None and m0.kind == "POST" \
                        and m0.start == before.start and any(
                            ctx.state.tok_text[t] in ("،", ",") for t in range(before.start, before.end)):
                    continue       # رئيس المجلس، فلان، الممثلة الخاصة...: his post came first, the next is another's
                start -= 1
            pid = holder_until.get(start)
            if pid is not None and (ps.role == "ambassador" or ps.of in ctx.lex.organizations
                                    and ps.of not in ctx.lex.countries):
                continue           # فلان وزير الدولة المبعوث الأممي، ... وزير الداخلية سفير الهند: the object
            if pid is None and start in ends:
                ns = ends[start]
                if ns.start < ps.start and ns.start == ctx.state.persons[ns.person].mentions[0][0] or True:
                    pid = ns.person
            if pid is None:
                continue
            person = ctx.state.persons[pid]
            if (ps.role == "ambassador" or ps.of in ctx.lex.organizations and ps.of not in ctx.lex.countries) \
                    and any(id(p) not in appended and p.of != ps.of for p in person.posts):
                continue           # رئيس مجلس القيادة الدكتور فلان سفير الاتحاد الأوروبي: his post came first; the object
            own = _kb_country(ctx, person.key_words) or person.country or next(
                (p.of for p in person.posts if p.of in ctx.lex.countries and p.start not in ctx.weak), None)
            if own is None and any(p.of is None and p.role not in _NOT_HOME for p in person.posts) \
                    and (_definite(ctx, ps.start) or any(r.kind == "ADJ" and r.payload == ps.of
                                                         for t in range(ps.start, ps.end) for r in ctx.all_at.get(t, ()))
                         and any(p.of is None and id(p) not in appended for p in person.posts)):
                # his bare post is the dateline state's, and a definite post of another state after him
                # (الوزير العماني) is the guest; a construct (رئيس جمهورية جنوب إفريقيا) is still his
                own = ctx.home
            if ps.of is not None and own is not None and ps.of != own and ps.of in ctx.lex.countries:
                continue
            if ps.of is None:
                ps.of = None if self._org_post(ctx, ps) else own
            ps.person = pid
            if ps.of in ctx.lex.countries:
                for p in person.posts:
                    if p.start in ctx.weak:
                        p.of = ps.of    # الرئيس فلان رئيس جمهورية جنوب إفريقيا: the apposition says whose
            person.posts.append(ps)
            appended.add(id(ps))
            holder_until[ps.end] = pid

    @staticmethod
    def _capacity_posts(ctx: _Context) -> None:
        """A post given as a capacity (بصفته المبعوث الخاص، بوصفها وزيرة) or in a relative clause
        (الذي يشغل أيضا منصب نائب رئيس الوزراء) is held by the person named last before it."""
        for ps in ctx.state.posts:
            if ps.person is not None or not ps.role:
                continue
            k = ps.start - 1
            while k >= 0 and ctx.keys[k] in _CAPACITY_ADVERBS:
                k -= 1
            if k < 1:
                continue
            cue = ctx.cue.get(k)
            capacity = cue is not None and cue.payload == "capacity" and cue.end == k + 1
            if not capacity and ctx.keys[k] == "منصب":
                k -= 1
                while k >= 0 and ctx.keys[k] in _CAPACITY_ADVERBS:
                    k -= 1
                capacity = k >= 0 and ctx.keys[k] in _HOLDS_VERBS and not any(
                    ctx.keys[t] in _WAS for t in range(ctx.bounds[ctx.sent_of[k]][0], k))   # وكان ... يشغل: former
            if not capacity:
                continue
            before = [ns for ns in ctx.state.names if ns.end <= k and ctx.same_sentence(ns.start, k) and ns.kind == "name"]
            if not before:
                continue
            person = ctx.state.persons[max(before, key=lambda ns: ns.end).person]
            ps.person = person.id
            person.posts.append(ps)

    @staticmethod
    def _release_repeated_posts(ctx: _Context) -> None:
        """A post said again right before a name that has its own post after it refers back to
        its earlier holder, the subject: التقى رئيس البرلمان العربي المستشار فلان رئيس مجلس الشيوخ
        (the speaker named before meets the head of the senate). The post is left to the post-only
        rule, which gives it to that holder."""
        for person in ctx.state.persons.values():
            if len(person.posts) < 2:
                continue
            for ps in list(person.posts):
                later = any(q.start > ps.end for q in person.posts if q is not ps and q.role)
                words = ctx.keys[ps.start:ps.end]
                held = any(q.person not in (None, person.id) and q.end <= ps.start and q.role == ps.role
                           and ctx.keys[q.start:q.end] == words for q in ctx.state.posts)
                if later and held and ps.role:
                    person.posts.remove(ps)
                    ps.person = None

    @staticmethod
    def _merge_bracketed_aliases(ctx: _Context) -> None:
        """A name in brackets right after a name is that person's other name: محمود عباس (أبو مازن)."""
        ends = {ns.end: ns for ns in ctx.state.names if ns.kind == "name"}
        persons = ctx.state.persons
        for ns in list(ctx.state.names):
            s, e = ns.start, ns.end
            if ns.kind != "name" or s < 2 or e >= ctx.n or ctx.state.tok_text[s - 1] != "(" or ctx.state.tok_text[e] != ")":
                continue
            before = ends.get(s - 1)
            if before is None or before.person == ns.person or ns.person not in persons:
                continue
            alias, target = persons[ns.person], persons[before.person]
            if alias.posts:
                continue
            for form in alias.forms:
                if form not in target.forms:
                    target.forms.append(form)
            target.mentions += alias.mentions
            for other in ctx.state.names:
                if other.person == alias.id:
                    other.person = target.id
            del persons[alias.id]

    @staticmethod
    def _merge_short_names(ctx: _Context) -> None:
        """A one-word name read after a post (الرئيس عون يتسلم) is the person whose full name ends
        with it, when exactly one does."""
        persons = ctx.state.persons
        for pid, short in list(persons.items()):
            if len(short.key_words) != 1 or short.unnamed:
                continue
            longer = [p for p in persons.values() if p.id != pid and len(p.key_words) >= 2
                      and p.key_words[-1] == short.key_words[0]]
            if not longer:            # الأميرة ريما for ريما بنت بندر: a first name alone, in nasab names
                longer = [p for p in persons.values() if p.id != pid and len(p.key_words) >= 3
                          and p.key_words[0] == short.key_words[0] and any(
                              ctx.lex.connectors.get(w) == "nasab" for w in p.key_words)]
            if not longer and not short.posts:   # الدكتور تيدروس for تيدروس أدهانوم غيبريسوس, named before
                longer = [p for p in persons.values() if p.id != pid and len(p.key_words) >= 2
                          and p.key_words[0] == short.key_words[0] and p.mentions and short.mentions
                          and min(p.mentions) < min(short.mentions)]
            if len(longer) > 1:       # الرئيس عون: the Aoun who is president now, not the former one
                roles = {ps.role for ps in short.posts}
                longer = [p for p in longer if any(ps.role in roles and ps.qualifier not in ("former", "late")
                                                   for ps in p.posts)]
            if len(longer) != 1:
                continue
            target = longer[0]
            for form in short.forms:
                if form not in target.forms:
                    target.forms.append(form)
            target.mentions += short.mentions
            for ps in short.posts:
                ps.person = target.id
                target.posts.append(ps)
            for ns in ctx.state.names:
                if ns.person == pid:
                    ns.person = target.id
            del persons[pid]

    @staticmethod
    def _post_key(ctx: _Context, ps: PostSpan) -> str:
        m = ctx.ent.get(ps.start)
        return m.payload if m is not None and m.kind == "POST" else ""

    @classmethod
    def _org_post(cls, ctx: _Context, ps: PostSpan) -> bool:
        """Whether the post belongs to an organisation (الأمين العام), so no state is filled in."""
        return ps.start not in ctx.org_as_state and ctx.lex.post_info.get(cls._post_key(ctx, ps), ("", "state"))[1] == "org"

    @staticmethod
    def _chain_gap(ctx: _Context, g: int) -> bool:
        """Tokens that may stand between two posts of one person (a comma, a region)."""
        if ctx.ent.get(g) is not None and ctx.ent[g].kind == "TITLE":
            return False     # an honorific starts another person: رئيس الوزراء الهندي سمو رئيس مجلس الوزراء
        if ctx.state.tok_text[g] in ("،", ",", "-", "–") or g in ctx.ent:
            return True
        if g in ctx.trig or g in ctx.cue or g in ctx.date or ctx.looks_like_verb(g) or ctx.stop(g):
            return False
        return ctx.keys[g].startswith("و")    # وبلدان إفريقيا: a coordinated part of a long title

    @staticmethod
    def _context_state(ctx: _Context, i: int) -> str | None:
        """The state of a post that names none: the nearest state adjective before it in the sentence
        that belongs to no other post (أعضاء الحكومة السورية، بما في ذلك وزير الخارجية...)."""
        sentence = ctx.sent_of[i]
        inside = {t for ps in ctx.state.posts if ctx.sent_of[ps.start] == sentence for t in range(ps.start, ps.end)}
        for k in range(i - 1, -1, -1):
            if not ctx.same_sentence(i, k):
                break
            if k in inside or k in ctx.taken:
                continue
            for r in ctx.all_at.get(k, []):
                if r.kind == "ADJ" and r.prefix in ("", "ال") and ctx.keys[k - 1] not in _GUEST_NOUNS \
                        and not (k - 1 in ctx.cue and ctx.cue[k - 1].payload == "counterpart"):
                    return r.payload
        return None

    def _counterparts(self, ctx: _Context, again: bool = False) -> None:
        done = {ps.start for ps in ctx.state.posts} if again else set()
        for m in ctx.state.matches.get("cue", []):
            if m.payload != "counterpart" or m.start in done:
                continue
            anchor = self._anchor(ctx, m.start) or self._anchor_person_post(ctx, m.start)
            j = m.end
            of = None
            readings = {r.kind: r for r in ctx.all_at.get(j, [])}
            if "ADJ" in readings:
                of = readings["ADJ"].payload
                j = readings["ADJ"].end
            while j < ctx.n and ctx.ent.get(j) is not None and ctx.ent[j].kind == "TITLE":
                j = ctx.ent[j].end
            if j + 1 < ctx.n and ctx.state.tok_text[j] in ("،", ",") and _name_between_commas(ctx, j + 1):
                j += 1        # نظيره الإثيوبي، جيديون تيموثيوس،: the name set off by commas
            role = anchor.role if anchor else None
            span = PostSpan(m.start, j, role or "", of, None, None, label_text(ctx.state, m.start, j, m.prefix))
            named = next((ns for ns in ctx.state.names if ns.start == j or (ns.start <= j < ns.end)), None)
            if named is None:
                parsed = self._parse_name(ctx, j, context=True)
                if parsed:
                    end, prefix = parsed
                    named = ctx.state.names[-1] if self._register(ctx, j, end, prefix, mention=(m.start, end)) else None
            if named is not None:
                named.kind = "counterpart"
                named.start = min(named.start, m.start)
                person = ctx.state.persons[named.person]
                if role and of:
                    span.person = person.id
                    person.posts.append(span)
                    ctx.state.posts.append(span)
                if role:     # نظيريه البحريني فلان والعماني فلان: more counterparts, each with a state
                    self._adjective_named_list(ctx, m.start, named.end, role,
                                               label_text(ctx.state, m.start, m.end, m.prefix), first=False)
            elif role and of:
                ctx.state.posts.append(span)    # "نظيره الروسي" alone: resolved as a post-only mention

    @staticmethod
    def _anchor(ctx: _Context, i: int) -> PostSpan | None:
        """The post of the nearest person before token i in the same sentence (نظيره's other side)."""
        best: PostSpan | None = None
        for ps in ctx.state.posts:
            if ps.end <= i and ctx.same_sentence(ps.start, i) and ps.role and (
                    best is None or ps.start > best.start):
                best = ps
        return best

    @staticmethod
    def _anchor_person_post(ctx: _Context, i: int) -> PostSpan | None:
        """The post of the nearest person named before token i in its sentence, wherever that post
        was stated (ودعا وانغ يي نظيره التركي: Wang's post is in the sentence before)."""
        before = [ns for ns in ctx.state.names if ns.end <= i and ctx.same_sentence(ns.start, i)]
        for ns in sorted(before, key=lambda ns: -ns.start):
            posts = [ps for ps in ctx.state.persons[ns.person].posts if ps.role and ps.qualifier is None]
            if posts:
                return posts[-1]     # نائب رئيس الوزراء وزير الخارجية: his counterpart is a foreign minister
        return None

    # -- later mentions ------------------------------------------------------------------------
    def _surnames(self, ctx: _Context) -> None:
        by_surname: dict[str, list[LocalPerson]] = {}
        for person in ctx.state.persons.values():
            words = person.key_words
            if len(words) >= 2 and len(words[-1]) >= 3 and words[-1] not in ctx.lex.first_names:
                by_surname.setdefault(words[-1], []).append(person)
        if not by_surname:
            return
        # every written form of a surname (with one of _NAME_PREFIXES), so that one set lookup per
        # token finds the candidates
        forms = {prefix + surname for surname in by_surname for prefix in _NAME_PREFIXES}
        for i in range(ctx.n):
            if ctx.keys[i] not in forms or i in ctx.taken or ctx.punct(i):
                continue
            m = ctx.ent.get(i)
            if m is not None and m.kind != "KNOWN" and not (m.kind == "ADJ" and self._no_noun_before(ctx, i)):
                continue          # السوداني after a verb is the man named before, not "Sudanese"
            for prefix, base in clitic_splits(ctx.keys[i]):
                if prefix not in _NAME_PREFIXES or base not in by_surname:
                    continue
                people = by_surname[base]
                if len(people) > 1:
                    people = self._by_preceding_post(ctx, i, people)
                if len(people) == 1:
                    person = people[0]
                    text = label_text(ctx.state, i, i + 1, prefix)
                    start = i
                    post = ctx.ent.get(i - 1) if i > 0 else None
                    if post is not None and post.kind == "POST":
                        start = post.start
                        full = label_text(ctx.state, post.start, i + 1, post.prefix)
                        if full not in person.forms:
                            person.forms.append(full)
                    if text not in person.forms:
                        person.forms.append(text)
                    person.mentions.append((start, i + 1))
                    ctx.state.names.append(NameSpan(start, i + 1, person.id, "surname"))
                    ctx.taken.add(i)
                else:
                    ctx.state.warnings.append(
                        f"ambiguous surname '{ctx.state.tok_text[i]}' (token {i}): "
                        + ", ".join(p.name for p in by_surname[base]) + "; left unresolved")
                break

    @staticmethod
    def _no_noun_before(ctx: _Context, i: int) -> bool:
        """Whether nothing before token i could take it as an adjective: the sentence starts, or a
        verb, particle or punctuation precedes it (وأكد السوداني، إن السوداني)."""
        if i == 0 or not ctx.same_sentence(i - 1, i) or ctx.punct(i - 1):
            return True
        prev = ctx.keys[i - 1]
        return ctx.looks_like_verb(i - 1) and (i - 1) not in ctx.ent or ctx.stop(i - 1) and not prev.startswith("ال")

    @staticmethod
    def _by_preceding_post(ctx: _Context, i: int, people: list[LocalPerson]) -> list[LocalPerson]:
        post = ctx.ent.get(i - 1) if i > 0 else None
        if post is None or post.kind != "POST":
            return people
        role = ctx.lex.post_info[post.payload][0]
        return [p for p in people if any(ps.role == role for ps in p.posts)]

    def _post_only(self, ctx: _Context) -> None:
        """Posts with no name: the person holding that post in the article, else an unnamed holder."""
        holders: dict[tuple[str, str], list[str]] = {}
        for person in ctx.state.persons.values():
            for ps in person.posts:
                if ps.of and ps.qualifier not in ("former", "late"):   # a post-only mention means the holder now
                    holders.setdefault((ps.role, ps.of), [])
                    if person.id not in holders[(ps.role, ps.of)]:
                        holders[(ps.role, ps.of)].append(person.id)
        # a post word swallowed by a name (ريما بنت بندر بن سلطان) is part of the name, not a post
        ctx.state.posts = [ps for ps in ctx.state.posts if ps.person is not None or ps.start not in ctx.taken]
        stateless = [ps for ps in ctx.state.posts if ps.person is None and not ps.of and ps.role]
        for ps in list(ctx.state.posts):
            if ps.person is not None or not ps.of or not ps.role or ps.generic:
                continue
            ids = holders.get((ps.role, ps.of), [])
            if len(ids) == 1:
                person = ctx.state.persons[ids[0]]
            elif not ids and ps.role in _UNNAMED_ROLES and ps.qualifier is None and (
                    ps.of in ctx.lex.countries or ps.role == "secretary_general" and ps.of in ctx.lex.organizations):
                pid = f"p{len(ctx.state.persons) + 1}"
                person = LocalPerson(pid, (ps.start, ps.end), ps.text, unnamed=True)
                ctx.state.persons[pid] = person
                holders[(ps.role, ps.of)] = [pid]
                person.posts.append(ps)
            else:
                continue
            ps.person = person.id
            person.mentions.append((ps.start, ps.end))
            ctx.state.names.append(NameSpan(ps.start, ps.end, person.id, "post"))
            if person.unnamed and ps.text not in person.forms:
                person.forms.append(ps.text)
        # a post with no state (عقد وزير الخارجية جلسة مع نظيره الأردني): the one holder of that role in
        # the article, or the one not already named in the same sentence
        for ps in stateless:
            ids = sorted({pid for (role, _of), pids in holders.items() if role == ps.role for pid in pids})
            if len(ids) > 1:
                here = {ns.person for ns in ctx.state.names if ctx.same_sentence(ns.start, ps.start)}
                ids = [pid for pid in ids if pid not in here]
            if len(ids) > 1:
                # كما تلقى الرئيس اتصالا: the article's protagonist, when he is one of them (the
                # person it names first)
                first = min(ctx.state.persons.values(), key=lambda p: min(p.mentions, default=(ctx.n, 0)))
                ids = [first.id] if first.id in ids and min(first.mentions)[0] < ps.start else ids
            if len(ids) != 1:
                continue
            ps.person = ids[0]
            ctx.state.persons[ids[0]].mentions.append((ps.start, ps.end))
            ctx.state.names.append(NameSpan(ps.start, ps.end, ids[0], "post"))


@lru_cache(maxsize=200_000)
def _may_start_name(key: str) -> bool:
    """Whether an open-world name can start at a word: a known first name, or عبد/أبو (+ clitics)."""
    if _first_name_prefix(key, False) is not None:
        return True
    connectors = get_lexicon().connectors
    return any(pfx in _NAME_PREFIXES and connectors.get(base) in ("compound", "kunya")
               for pfx, base in clitic_splits(key))


@lru_cache(maxsize=400_000)
def _first_name_prefix(key: str, allow_ambiguous: bool) -> str | None:
    lex = get_lexicon()
    for prefix, base in clitic_splits(key):
        if prefix not in _NAME_PREFIXES:
            continue
        if prefix and len(base) < 3:
            continue        # ولي = و + لي? a two-letter name never hides behind a clitic
        if base in lex.first_names and (allow_ambiguous or base not in lex.ambiguous_names):
            return prefix
    return None


def _ali_before_nisba(ctx: _Context, i: int) -> bool:
    """Token i is علي spelled with ya and a family name of the nisba shape follows it (لاريجاني،
    الزهراني، الحوثي): the first name علي, not the preposition على (على هامش، على ضرورة), whose
    nouns seldom end in ي. Not before a state adjective (a post's: الإيراني) or a lexicon word."""
    if strip_diacritics(ctx.state.tok_text[i]) != "علي" or i + 1 >= ctx.n or not ctx.same_sentence(i, i + 1):
        return False
    nxt = i + 1
    key = ctx.keys[nxt]
    stem = key[2:] if _definite(ctx, nxt) else key
    return (key.endswith("ي") and len(stem) >= 4 and not ctx.state.prefixes[nxt] and not ctx.punct(nxt)
            and not ctx.blocked(nxt) and not ctx.stop(nxt) and nxt not in ctx.ent and nxt not in ctx.taken)


def _second_family_name(ctx: _Context, j: int) -> bool:
    """A definite nisba (ending in ي) right after a definite family name, closed by punctuation or a
    post: راشيد الطالبي العلمي، / محمد الأمين الحسني رئيس ... (a state adjective is an entity, never this)."""
    key = ctx.keys[j]
    if not (_definite(ctx, j) and _definite(ctx, j - 1) and key.endswith("ي") and len(key) >= 6) \
            or ctx.blocked(j) or j in ctx.ent or j in ctx.taken or j + 1 >= ctx.n:
        return False
    nxt = ctx.ent.get(j + 1)
    return ctx.punct(j + 1) or nxt is not None and nxt.start == j + 1 and nxt.kind in ("POST", "TITLE")


def _name_between_commas(ctx: _Context, k: int) -> bool:
    """Whether two or three words at k, closed by a comma or a full stop, read as a name set off
    by commas after a post (Maghreb and Levant style: نظيره الإثيوبي، جيديون تيموثيوس،): none a
    function word, a verb or a definite noun first, and nothing else before the punctuation."""
    if k >= ctx.n or ctx.blocked(k) or _definite(ctx, k) or ctx.looks_like_verb(k) or ctx.connector(k) is not None:
        return False
    for end in (k + 2, k + 3):
        if end < ctx.n and ctx.same_sentence(k, end - 1) and ctx.state.tok_text[end] in ("،", ",", ".") \
                and not any(ctx.blocked(t) for t in range(k + 1, end)):
            return True
    return False


def _title_word(ctx: _Context, k: int) -> bool:
    """A one-word title or post (الأمير، الملك) that can be the second half of a compound name
    after عبد (عبد الأمير الشمري، عبد الملك)."""
    m = ctx.ent.get(k)
    return m is not None and m.kind in ("TITLE", "POST") and m.start == k and m.end == k + 1 \
        and not ctx.state.prefixes[k]


def _fathers_differ(ctx: _Context, a: list[str], b: list[str]) -> bool:
    """Two nasab names whose first link names different fathers are two people
    (سلمان بن حمد آل خليفة / سلمان بن خليفة آل خليفة)."""
    if len(a) < 3 or len(b) < 3 or ctx.lex.connectors.get(a[1]) != "nasab" or ctx.lex.connectors.get(b[1]) != "nasab":
        return False
    return a[2] != b[2]


def _name_ends_after(ctx: _Context, j: int) -> bool:
    """Whether a name may end with token j: punctuation, the sentence's end, إن/أن or a post follow
    (يوسف توغار.، عمر تشليك إن، لانا زكي نسيبة مساعدة وزير الخارجية)."""
    k = j + 1
    # punctuation proper: tok_punct also marks numbers, and spaCy reads أول as one
    if k >= ctx.n or not ctx.same_sentence(j, k) or not any(ch.isalnum() for ch in ctx.state.tok_text[k]):
        return True
    cue = ctx.cue.get(k)
    if cue is not None and cue.payload == "complementizer":
        return True
    m = ctx.ent.get(k)
    return m is not None and m.kind == "POST" and m.start == k


def _family_name_word(ctx: _Context, j: int) -> bool:
    """A first name with the article that continues a Gulf name chain (صباح الخالد الحمد المبارك)."""
    key = ctx.keys[j]
    return _definite(ctx, j) and key[2:] in ctx.lex.first_names and not ctx.blocked(j) and j not in ctx.ent


def _definite(ctx: _Context, j: int) -> bool:
    """Whether token j carries the article ال. The article is written with a plain alef; a word
    written with hamza (ألباريس، إلهام) only looks like it once normalised."""
    return ctx.keys[j].startswith("ال") and strip_diacritics(ctx.state.tok_text[j])[:2] not in ("أل", "إل", "آل")


def _nearest_org(ctx: _Context, i: int) -> str | None:
    """The organisation named last before token i (الأمين العام after الأمم المتحدة is its head), else
    the first one named after it."""
    orgs = [m for m in ctx.state.matches.get("entity", []) if m.kind == "ORG"
            and ctx.lex.organizations[m.payload].kind != "party"]
    before = [m for m in orgs if m.start < i]
    if before:
        return max(before, key=lambda m: m.start).payload
    return min(orgs, key=lambda m: m.start).payload if orgs else None


def _kb_country(ctx: _Context, words: list[str]) -> str | None:
    """The state of a person the KB knows, by the full name or its longest known beginning
    (محمد بن سلمان بن عبدالعزيز آل سعود -> محمد بن سلمان)."""
    for k in range(len(words), 1, -1):
        found = ctx.lex.known_country.get(" ".join(words[:k]))
        if found:
            return found
    if len(words) == 1:
        return ctx.lex.known_surname_country.get(words[0])     # الرئيس أردوغان
    return None


def _variant(a: str, b: str) -> bool:
    """Transliteration variants of one foreign surname: بوتين/بوتن، شويغو/شويجو."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    table = str.maketrans({"ج": "غ", "ك": "غ", "ى": "ي"})
    a2, b2 = a.translate(table), b.translate(table)
    if a2 == b2:
        return True
    short, long_ = sorted((a2, b2), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:k] + long_[k + 1:] == short and long_[k] in "يوا" for k in range(len(long_)))
