"""spaCy component ``kg_events``: meetings, calls, visits, press conferences and summits.

Notes
-----
An event is anchored on a trigger word (التقى، استقبل، محادثات، اتصال هاتفي، زيارة، مؤتمر صحفي،
قمة). Its principals are the people of the trigger's clause, minus those who only attend
(``بحضور``، ``وحضر الاجتماع``), those named in passing (``نظام بشار الأسد``) and, for a trigger
inside a quotation, the speaker outside it. Arabic is mostly verb-subject-object, so the people
after a verb are its subject and object; a pronoun on the verb (``استقبله``) points back to the
main person of the sentence before. Then, per article: a trip during which a meeting with a named
official is reported is that meeting (it lends it its date and place), the same event told twice
is merged, and an event with no place of its own takes the city where the article's previous
event took place (a visit's later talks: ``على صعيد آخر، بحث وزير الخارجية...``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import get_lexicon
from kg.nlp.state import DocState, EventDraft, Match, NameSpan

__all__ = ["EventsComponent"]

_SMALL_GAP = frozenset({"من", "عن", "ل", "الي"})
_MESSAGES = ("رساله", "تحي", "تهاني", "تعازي")    # words whose sender follows من (normalised keys)
_OPEN_QUOTES = frozenset({"“", "«", "„", "‹"})
_CLOSE_QUOTES = frozenset({"”", "»", "›"})
_QUOTE_MARKS = _OPEN_QUOTES | _CLOSE_QUOTES | {'"'}
_QUOTE_OR_BREAK = re.compile("[" + "".join(sorted(_QUOTE_MARKS)) + "\n]")
# cues that add people to an event even in a sentence with no event word of its own
_EVENTFUL_CUES = frozenset({"join_verb", "attend_verb", "attendee", "members", "speech"})
_REPORTS = frozenset({"report", "report_circ"})
# cues that are verbs: after a comma and و they open a clause of their own
_VERB_CUES = frozenset({"light_verb", "past_verb"})
_COMMAS = frozenset({"،", ","})
# a trip or a summit is often told twice in one sentence (وصل إلى طهران في زيارة رسمية)
_ONCE_PER_SENTENCE = frozenset({"visit", "summit"})
_PLACE_RANK = {"building": 0, "city": 1, "region": 3}
_MIN_PRINCIPALS = {"meeting": 2, "phone_call": 2, "visit": 1, "press_conference": 1, "summit": 1}


def _is_dateline(state: DocState, m: Match) -> bool:
    """A place that opens the article and is followed by a dash, colon or bracket (أنقرة - ،
    الرياض (واس) -): the dateline of a wire report."""
    if m.start > 4 or any(not state.tok_punct[k] and not state.tok_text[k].isspace() for k in range(m.start)):
        return False
    nxt = next((state.tok_text[k] for k in range(m.end, min(m.end + 2, len(state.tok_text)))
                if not state.tok_text[k].isspace()), "")
    # المنامة في 3 مارس /بنا/، مسقط في 23 يونيو: a place, في and a date open a dateline too
    if nxt == "في":
        k = next((k for k in range(m.end, min(m.end + 3, len(state.tok_text))) if state.keys[k] == "في"), None)
        return k is not None and k + 1 < len(state.tok_text) and state.tok_text[k + 1][:1].isdigit()
    return nxt in ("-", "–", "—", ":", "(", "،", "/")


def _by_payload(cues: list[Match]) -> dict[str, list[Match]]:
    """A sentence's cues by kind, each list in the sentence's order."""
    out: dict[str, list[Match]] = {}
    for c in cues:
        out.setdefault(c.payload, []).append(c)
    return out


def _quote_regions(doc: Doc) -> list[int]:
    """Per token: 0 outside quotations, else the number of the quotation it is in."""
    state: DocState = doc._.kg
    n = len(state.tok_text)
    region = [0] * n
    # only quote marks and line breaks change the state: visit those, fill the spans between
    idx = state.tok_idx
    marks = sorted({bisect_right(idx, m.start()) - 1 for m in _QUOTE_OR_BREAK.finditer(state.text)})
    current = 0
    count = 0
    start = 0      # first token of the open quotation
    for i in marks:
        text = state.tok_text[i]
        if current == 0 and (text in _OPEN_QUOTES or text == '"'):
            count += 1
            current = count
            start = i + 1
        elif (current and (text in _CLOSE_QUOTES or text == '"')) or state.tok_break[i]:
            # the closing mark is inside; an unclosed quotation ends with its paragraph
            if current:
                region[start:i + 1] = [current] * (i + 1 - start)
            current = 0
    if current:
        region[start:n] = [current] * (n - start)
    return region


@Language.factory("kg_events", default_config={"cue_window": 7})
class EventsComponent:
    """Finds events and their principals, attendees, place, date and status."""

    def __init__(self, nlp: Language, name: str, cue_window: int) -> None:
        self.name = name
        self.cue_window = cue_window
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        state: DocState = doc._.kg
        quotes = _quote_regions(doc)
        cues = state.matches.get("cue", [])
        name_tokens = {i for ns in state.names for i in range(ns.start, ns.end) if ns.kind in ("name", "surname")}
        post_tokens = {i for ps in state.posts for i in range(ps.start, ps.end)}
        skip_tokens = name_tokens | post_tokens       # tokens that cannot name a place
        events: list[EventDraft] = []
        last_main: str | None = None
        self._plan_before = False
        self._clauses: list[int] = []
        # bucket everything by sentence once (the loop below would otherwise rescan the document)
        sent_of = state.sentence_of_tokens()
        names_in: dict[int, list[NameSpan]] = defaultdict(list)
        for ns in sorted(_principal_mentions(state), key=lambda ns: ns.start):
            names_in[sent_of[ns.start]].append(ns)
        cues_in: dict[int, list[Match]] = defaultdict(list)
        for c in cues:
            cues_in[sent_of[c.start]].append(c)
        triggers_in: dict[int, list[Match]] = defaultdict(list)
        info_of = self.lexicon.trigger_info
        for m in state.matches.get("trigger", []):
            if m.start not in name_tokens and m.start not in post_tokens:
                needs = info_of[m.payload].get("needs")
                if needs in ("destination", "arrival") and not self._has_destination(
                        state, m, state.sentences[sent_of[m.start]][1], needs == "arrival"):
                    continue      # حل الدولتين، توجه بالشكر: no place after it, no trip (and no work on the sentence)
                triggers_in[sent_of[m.start]].append(m)
        late = {pid for pid, p in state.persons.items() if p.posts and all(ps.qualifier == "late" for ps in p.posts)}
        self._last_speaker = None
        self._bearers = _honorific_bearers(state, names_in, cues)
        self._origins = [c for c in cues if c.payload == "origin"]
        self._plan_starts = sorted(c.start for c in cues if c.payload == "planned")
        self._entity_starts: list[int] | None = None     # start tokens of the entity matches, for bisect
        for s, (a, b) in enumerate(state.sentences):
            mentions = names_in.get(s, [])
            sent_cues = cues_in.get(s, [])
            payloads = {c.payload for c in sent_cues}
            if s not in triggers_in and payloads.isdisjoint(_EVENTFUL_CUES) and not (
                    "tour" in payloads and any(c.payload == "tour" and any(
                        "جول" in state.keys[k] for k in range(max(a, c.start - 8), c.start)) for c in sent_cues)):
                # most sentences: no event word and no cue that joins people to an event, so the
                # only thing to keep is who the sentence is about (the rules below reduce to this)
                self._plan_before = False
                if mentions:
                    passing = {ns.person for ns in mentions if self._is_passing(ns, sent_cues, state)} | late
                    last_main = next((ns.person for ns in mentions if ns.person not in passing), last_main)
                if "report" in payloads:
                    self._last_speaker = _speaker(mentions, sent_cues, b) or self._last_speaker
                continue
            first_of_sentence = len(events)
            cue_by = _by_payload(sent_cues)     # one pass; the rules below ask for one kind at a time
            passing = {ns.person for ns in mentions if self._is_passing(ns, sent_cues, state)
                       or _is_inviter(ns, sent_cues, state)} | late
            attendee_from = min((c.start for c in cue_by.get("attendee", ())), default=b)
            attend_verbs = [c for c in cue_by.get("attend_verb", ())]
            reports = [c.start for c in sent_cues if c.payload in _REPORTS]
            # صرح فلان بأن الرئيس تلقى اتصالا: a bare complementizer after a reporting verb opens the
            # reported clause, and the speaker is not one of its principals; أنه/إنه opens it too,
            # with the speaker as its subject (handled below). كان is not ك + أن.
            complements = {c.start for c in sent_cues if (c.payload == "complementizer" and "ك" not in c.prefix
                                                          or c.payload == "self_ref")
                           and any(r < c.start for r in reports)
                           and any(ns.start < c.start for ns in mentions)}
            # استقبل فلان س، وتلقى اتصالا من ص: a comma and و before an event verb open a new clause
            chained = {m.start for m in triggers_in.get(s, []) + [c for c in sent_cues if c.payload in _VERB_CUES]
                       if (m.kind != "TRIGGER" or info_of[m.payload]["pos"] == "verb")
                       and "و" in m.prefix and m.start - 1 > a and state.tok_text[m.start - 1] in _COMMAS}
            # التقى فلان س، الذي يزور مصر ضمن الوفد المرافق للرئيس ص: the clause about س is another clause
            relatives = {c.start for c in cue_by.get("relative", ()) if c.start - 1 > a
                         and state.tok_text[c.start - 1] in _COMMAS}
            clauses = sorted({a, b} | {c.start for c in sent_cues if c.payload == "clause"} | complements | chained
                             | relatives)
            told_before = {(e.type, e.status) for e in events}
            # خلال الزيارة، عقب الاجتماع: an event word with the article that names an event told in an
            # earlier sentence makes none, so it owns none of the sentence's dates, places and cues
            reported = [t for t in triggers_in.get(s, []) if not _unreported(t, sent_cues, state)]
            triggers = [t for t in reported if not self._refers_back(state, t, told_before)]
            joins = [c for c in cue_by.get("join_verb", ())]
            head_cue = next((c for c in cue_by.get("delegation", ())), None)
            members_from = next((c.start for c in cue_by.get("members", ()) if head_cue is not None
                                 and c.start > head_cue.start), None)
            if members_from is not None and not any(
                    self.lexicon.trigger_info[t.payload]["type"] == "summit" for t in triggers):
                attendee_from = min(attendee_from, members_from)    # برئاسة فلان، ويضم ...: members attend
            attended = self._attendees(mentions, attend_verbs, attendee_from, sent_cues)
            owned = self._possessors(state, mentions, reported)   # للزيارة المرتقبة للرئيس: his, told before
            self._clauses = clauses
            self._owner = _nearest_owner([t.start for t in triggers], clauses)
            self._place_owner = _preceding_owner([t.start for t in triggers])
            self._starts = sorted(t.start for t in triggers)
            for t in triggers:
                if any(v.end == t.start or v.end == t.start - 1 for v in attend_verbs):
                    continue          # حضر الاجتماع: a reference to the event told before
                info = self.lexicon.trigger_info[t.payload]
                if info["pos"] == "noun" and info["type"] in _ONCE_PER_SENTENCE \
                        and any(e.type == info["type"] and e.sentence == s
                                and self._same_place(self._place_after(state, t, b), e) for e in events) \
                        and t.start not in owned.values():
                    continue          # وصل إلى طهران في زيارة رسمية: the trip told by the verb before
                if info["pos"] == "noun" and any(e.sentence == s for e in events) and any(
                        t.start - 1 <= c.end <= t.start for c in cue_by.get("purpose", ())):
                    continue          # بحثا ... والتحضير لاجتماعات اللجنة: the aim of the talks, not an event
                # برئاسة الملك فلان، الذي تسلم رئاسة القمة من فلان: a relative clause after a summit word
                # may name another of its leaders
                bounds = [c for c in clauses if c not in relatives] if info["type"] == "summit" else clauses
                lo = max(c for c in clauses if c <= t.start)
                hi = min(c for c in bounds if c > t.start)
                if any(j.end <= t.start <= j.end + 2 for j in joins) and not any(
                        ns.start < t.start and lo <= ns.start for ns in mentions):
                    continue          # شارك في القمة فلان وفلان: handled below as joining principals
                if lo > a and lo not in complements and any(
                        lo <= c.start < t.start for c in cue_by.get("plural_verb", ())):
                    lo = max(c for c in clauses if c < lo)   # حيث أجروا لقاءات: the subjects come before (not the speaker before أن)
                scope = quotes[t.start]
                if info.get("needs") == "alone" and any(
                        self.lexicon.trigger_info[o.payload].get("needs") != "alone"
                        and self.lexicon.trigger_info[o.payload]["type"] != "visit" for o in triggers if o is not t):
                    # اتصالا هاتفيا بحثا خلاله: the discussion is the call's content; a trip in the same
                    # sentence (بحث مع فلان، الذي يقوم بزيارة) is the setting of the talks, not their content
                    continue
                if info["pos"] == "verb" and state.keys[t.start][len(t.prefix):].startswith(("استضاف", "يستضيف", "تستضيف")) \
                        and any(o.start != t.start and self.lexicon.trigger_info[o.payload]["pos"] == "noun"
                                and t.end <= o.start <= t.end + 8 for o in triggers):
                    continue          # استضافت أنقرة قمة ثلاثية: the hosted gathering is the event
                if info.get("needs") in ("destination", "arrival") and not self._has_destination(
                        state, t, b, info["needs"] == "arrival"):
                    continue          # انتقل / توجه / حل is a trip only towards a place
                if any(lo <= c.start < hi for c in cue_by.get("habitual", ())):
                    continue          # زار الرياض مرات عدة: repeated trips, not one event
                cands = [ns for ns in mentions if lo <= ns.start < hi and ns.start < attendee_from
                         and quotes[ns.start] == scope and ns.person not in passing
                         and ns.person not in attended and owned.get(ns.start, t.start) == t.start]
                status = self._status(doc, state, t, info, sent_cues, a, b, lo, hi)
                if status == "occurred" and info["pos"] == "noun" and "light_verb" in payloads and any(
                        "ل" in c.prefix and t.start - 2 <= c.end <= t.start for c in cue_by.get("light_verb", ())) \
                        and any(e.sentence == s and e.status == "planned" for e in events):
                    status = "planned"    # سيتوجه إلى الدوحة لإجراء محادثات: the aim of a coming trip
                if scope and status != "planned":
                    continue          # quoted speech only announces events, it does not report them
                people = _unique(ns.person for ns in cands)
                if not people and info["type"] == "summit" and attendee_from < b:
                    # عقدت القمة الثلاثية بحضور الرئيس فلان والملك فلان: those present are the summit's leaders
                    people = _unique(ns.person for ns in mentions if attendee_from <= ns.start < hi
                                     and quotes[ns.start] == scope and ns.person not in passing)
                etype = info["type"]
                if etype != "visit":
                    # حضر اللقاء فلان، الذي عقد لاحقا مؤتمرا صحفيا مع فلان: the one the relative clause is
                    # about is its subject, though he only attended the event before
                    rel = next((c for c in cue_by.get("relative", ()) if lo <= c.start < t.start
                                and t.start - c.end <= 5 and not any(c.end <= ns.start < t.start for ns in mentions)),
                               None) if "relative" in payloads else None
                    subject = next((ns.person for ns in mentions if rel is not None and ns.end <= rel.start <= ns.end + 1
                                    and ns.person not in passing and quotes[ns.start] == scope), None)
                    if subject is not None:
                        people = _unique([subject] + people)
                if info["pos"] == "noun" and "title_ref" in payloads:
                    # خلال استقبال جلالته له، لقاء سموه بفلان: the honorific pronoun after the noun is its
                    # possessor, the one the honorific named before
                    own = next((c for c in cue_by.get("title_ref", ()) if c.start == t.end
                                and state.keys[c.start].endswith("ه") and _bare(state, c, mentions)), None)
                    ref = (self._honorific_referent(state, own) or last_main) if own is not None else None
                    if ref is not None and ref not in people:
                        people.insert(0, ref)
                if etype == "meeting" and info["pos"] == "noun" and "multilateral" in payloads and _multilateral(t, sent_cues):
                    etype = "summit"         # اجتماع مجلس الجامعة على المستوى الوزاري: a gathering of a council
                if etype == "summit" and info["pos"] == "noun" and "bilateral" in payloads and any(
                        c.payload == "bilateral" and t.end <= c.start <= t.end + (
                            8 if len(people) == 2 and state.keys[c.start] == "بين" else 1) for c in sent_cues):
                    etype = "meeting"        # ترأس مع نظيره أعمال الحوار الاستراتيجي بين البلدين: two states
                if etype == "meeting" and "remote" in payloads and any(t.end <= c.start <= t.end + 3 for c in cue_by.get("remote", ())):
                    etype = "phone_call"     # اجتماعا عبر تقنية الاتصال المرئي: held at a distance, a call
                host = None
                after = _unique(ns.person for ns in cands if ns.start >= t.end)
                before = _unique(ns.person for ns in cands if ns.start < t.start)
                pronoun = state.keys[t.end - 1].endswith(("ه", "ها")) and not t.payload.endswith(("ه", "ها"))
                pronoun = pronoun or t.payload.endswith(("ته", "تها", "له", "لها", "اه"))
                referent = self._referent(mentions, lo, t, info, last_main, passing) if pronoun else None
                if pronoun and info["pos"] == "noun" and info["host"] == "1" and after:
                    # خلال استقباله فلانا: the guest is named, so the pronoun is the host
                    host_before = [ns.person for ns in mentions if ns.start < t.start and ns.person not in passing]
                    referent = host_before[-1] if host_before else last_main
                if referent is not None:
                    if referent not in people:
                        people.append(referent)
                    if info["host"] == "1" and referent not in after:
                        after = after + [referent]
                if etype == "meeting" and info["host"] == "1":
                    if status == "planned" and (info["pos"] == "noun" or len(people) < 2):
                        etype, people = "visit", after      # تطلعه لاستقبال فلان: his coming visit
                    elif info["pos"] == "verb" and after:
                        host = after[0]
                if etype == "visit":
                    rel = max((c.start for c in cue_by.get("relative", ()) if lo <= c.start < t.start),
                              default=None)
                    antecedent = next((ns.person for ns in reversed(mentions) if rel is not None
                                       and ns.end <= rel and rel - ns.end <= 1), None)
                    invite = max((c.start for c in cue_by.get("invite", ()) if lo <= c.start < t.start),
                                 default=None)
                    invitees = _invitees(state, cands, invite, t) if invite is not None else []
                    accept = next((c for c in cue_by.get("accept", ()) if invite is not None
                                   and invite - 1 <= c.end <= invite), None)
                    if accept is not None:
                        # قبل فلان دعوة نظيره لزيارة داكار: the one who accepts is the guest
                        invitees = [ns.person for ns in mentions if lo <= ns.start < accept.start
                                    and ns.person not in passing][-1:] or invitees
                    if invite is not None and not invitees:
                        continue                     # سلمه دعوة لزيارة البلاد: the guest is not named here
                    if invitees:
                        people = invitees[-1:]       # وجه فلان دعوة إلى نظيره س لزيارة: the guest visits
                    elif referent is not None and info["host"] != "1":
                        people = [referent]          # زيارته: his visit
                    elif antecedent is not None and (not after or t.start - rel <= 2):
                        people = [antecedent]        # فلان، الذي يقوم بزيارة / الذي أعلن أنه يعتزم زيارة
                    elif info.get("needs") == "person_object" and self._person_object(cands, t):
                        etype, people = "meeting", self._person_object(cands, t)   # زار فلان فلانا
                    else:
                        # one visitor; a delegation is its head; أن فلان سيتوجه: the subject before the verb
                        adjacent = [ns.person for ns in cands if info["pos"] == "verb" and t.start - 1 <= ns.end <= t.start]
                        people = adjacent[:1] or (after or before)[:1]
                elif etype in ("meeting", "phone_call") and len(people) == 1 and info["pos"] == "verb":
                    # حيث التقى فلان / وانتقل فلان ... حيث يلتقي: the subject is the person before
                    # ... but not the speaker before أن (صرح فلان بأن الوزير سيلتقي فلانا)
                    earlier = [(ns.start, ns.person) for ns in mentions if ns.start < lo and ns.person not in passing
                               and ns.person not in people and quotes[ns.start] == scope and lo not in complements]
                    # يعقد جلالته ... مع فلان، كما يلتقي فلانا: a bare honorific can be that subject
                    earlier += [(c.start, ref) for c in cue_by.get("title_ref", ()) if a <= c.start < lo
                                and _bare(state, c, mentions)
                                and (ref := self._honorific_referent(state, c)) is not None and ref not in people]
                    subject = min(earlier)[1] if earlier else (last_main if t.start - a <= 2 else None)
                    if "guest_ref" in payloads and any(t.end <= c.start < hi for c in cue_by.get("guest_ref", ())):
                        subject = None      # كما استقبل فلان الضيف الروسي: the one named is the host
                    # وكان فلان قد التقى سموه: a bare honorific after the verb is the one it names
                    obj = next((c for c in cue_by.get("title_ref", ()) if t.end <= c.start <= t.end + 1
                                and _bare(state, c, mentions)), None)
                    # (يلتقي الوزير غدا نظيره فلان: a bare post title is the main person)
                    ref = (self._honorific_referent(state, obj) or last_main) if obj is not None else None
                    if ref is not None and ref not in people:
                        people.append(ref)
                    elif subject and subject not in people:
                        people.insert(0, subject)
                if referent is None and not before and etype != "summit":
                    subject = self._implicit_subject(state, sent_cues, mentions, a, lo, t, info, passing, last_main)
                    if subject is not None and etype == "visit" and not people:
                        people = [subject]
                    elif subject is not None and subject not in people and etype != "visit":
                        people.insert(0, subject)
                if len(people) < 2 and info.get("needs") == "joint" and events:
                    # في ندوة صحفية مشتركة عقب المباحثات، أكد فلان: the principals of the talks before
                    prev = next((e for e in reversed(events) if e.type == "meeting" and len(e.participants) >= 2), None)
                    if prev is not None and set(people) <= set(prev.participants):
                        people = _unique(people + prev.participants)
                if len(people) < 2 and etype in ("meeting", "phone_call", "press_conference") and events and any(
                        lo <= c.start < hi for c in cue_by.get("dual_ref", ())):
                    if info.get("needs") == "alone":
                        continue      # ناقش الوزيران ...: what the two discussed in the event told before
                    # عقد المسؤولان ندوة صحفية: the two principals of the event told before
                    prev = next((e for e in reversed(events) if len(e.participants) >= 2), None)
                    # ... or the visitor and his host present at the welcome told before (مراسم استقبال
                    # رسمية للرئيس فلان بحضور الرئيس فلان، ثم أجرى الرئيسان محادثات)
                    pair = prev.participants if prev else (events[-1].participants + events[-1].attendees)[:2]
                    people = _unique(people + pair)
                if len(people) < 2 and etype in ("meeting", "press_conference") and any(
                        lo <= c.start < hi for c in cue_by.get("guest_ref", ())):
                    # عقد الرئيس فلان وضيفه جلسة مباحثات: the guest is the traveller of the trip told before
                    trip = next((e for e in reversed(events) if e.type == "visit"), None)
                    # ... else the guest received in the last reception told
                    received = next((e for e in reversed(events) if e.type == "meeting" and e.host), None)
                    guest = trip.participants[:1] if trip else [p for p in received.participants if p != received.host][:1] \
                        if received else []
                    people = _unique(people + guest)
                if len(people) < _MIN_PRINCIPALS[etype]:
                    continue
                if etype == "meeting" and info["pos"] == "noun" and _definite(state, t) and any(
                        e.sentence == s and e.type == "phone_call" and set(people) <= set(e.participants) for e in events):
                    continue          # اتصالا هاتفيا تناول الجولة المقبلة من المحادثات: what the call was about
                place, city = self._place(doc, state, a, b, skip_tokens, t, etype, status)
                date_span = self._date(state, a, b, t)
                if status == "planned" and date_span is not None and any(date_span.start < c <= t.start for c in complements):
                    # قال فلان اليوم إن الرئيس قد يلتقي ...: the day of the saying, not of the plan
                    date_span = replace(date_span, value=None, after_previous=None)
                ev = EventDraft(
                    type=etype, participants=people,
                    attendees=[p for p in _unique(ns.person for ns in mentions if ns.start >= attendee_from
                                                  or ns.person in attended) if p not in people],
                    sentence=s, trigger=(t.start, t.end), host=host, place=place, city=city,
                    date=_planned_day(state, date_span) if status == "planned" else date_span.value if date_span else None,
                    date_text=date_span.text if date_span else None,
                    after_previous=date_span.after_previous if date_span else None,
                    noun=info["pos"] == "noun",
                    status=status, trigger_text=state.span_text(t.start, t.end))
                each = etype == "meeting" and info["pos"] == "verb" and any(
                    c.payload == "each" and t.end <= c.start < hi and (c.start <= t.end + 12 or "حده" in state.keys[c.end - 1]
                                                                      or any(x.payload == "each" and x.start > c.end for x in sent_cues))
                    for c in sent_cues)   # التقى فلان، على هامش ... ، كلا من س وص، كل على حدة: however far
                if (info.get("needs") == "split" or each) and len(people) >= 3:
                    # أجرى فلان اتصالين هاتفيين مع كل من س وص، التقى فلان كلا من س وص: one with each of them
                    for other in people[1:]:
                        events.append(replace(ev, participants=[people[0], other], attendees=list(ev.attendees)))
                    continue
                events.append(ev)
            for j in joins:
                joiners = _unique(ns.person for ns in mentions if ns.start > j.start and ns.start < attendee_from
                                  and ns.person not in passing and ns.person not in attended
                                  and quotes[ns.start] == quotes[j.start])
                if any(c.end <= j.start <= c.end + 1 for c in cue_by.get("self_ref", ())):
                    # أكد فلان أنه شارك في القمة: the speaker joins
                    speaker = _speaker(mentions, sent_cues, j.start) or self._last_speaker
                    joiners = _unique(([speaker] if speaker else []) + joiners)
                if not joiners:
                    continue
                t_after = next((t for t in reported if j.end <= t.start <= j.end + 2), None)
                kind = self.lexicon.trigger_info[t_after.payload]["type"] if t_after else None
                if kind == "meeting" and _multilateral(t_after, sent_cues):
                    kind = "summit"      # شارك في الاجتماع الطارئ لمجلس الجامعة على المستوى الوزاري
                # شارك في الاجتماع (of the summit); no one takes part in a call told before
                target = next((e for e in reversed(events) if (kind is None and e.type != "phone_call") or e.type == kind
                               or (kind == "meeting" and e.type == "summit")), None)
                if target is None and t_after is not None and len(joiners) >= _MIN_PRINCIPALS[kind]:
                    place, city = self._place(doc, state, a, b, skip_tokens, t_after, kind)
                    date_span = self._date(state, a, b, t_after)
                    events.append(EventDraft(type=kind, participants=joiners, attendees=[], sentence=s,
                                             trigger=(t_after.start, t_after.end), place=place, city=city,
                                             date=date_span.value if date_span else None,
                                             date_text=date_span.text if date_span else None,
                                             trigger_text=state.span_text(t_after.start, t_after.end)))
                elif target is not None and kind == "meeting" and target.type == "meeting" \
                        and len(target.participants) >= 2:
                    # وشارك في المباحثات من الجانب المصري فلان: the talks have their principals; the
                    # members of each side who took part attend them
                    target.attendees += [p for p in joiners if p not in target.participants + target.attendees]
                elif target is not None:
                    target.participants += [p for p in joiners if p not in target.participants]
            for sp in (c for c in cue_by.get("speech", ())):
                # وألقى الأمين العام فلان كلمة: one who addresses the summit is one of its principals
                speaker = next((ns.person for ns in mentions if ns.start == sp.end or ns.end == sp.start), None)
                summit = next((e for e in reversed(events) if e.type == "summit"), None)
                if speaker is not None and summit is not None and speaker not in passing:
                    summit.participants += [speaker] if speaker not in summit.participants else []
                    attended = [p for p in attended if p != speaker]
            made = events[first_of_sentence:]
            if made:
                self._settle(doc, state, made, a, b, skip_tokens)
            for c in (c for c in cue_by.get("tour", ())):
                # after the dates of the sentence are settled: they are not the legs' days
                events += self._tour_legs(state, c, mentions, passing, a, b, s, last_main, events[first_of_sentence:])
            if made and "sidelines" in payloads:
                # على هامش القمة: the meetings take the summit's place when they name none
                summit = next((e for e in reversed(events) if e.type == "summit" and e.sentence < s), None)
                for e in (e for e in events if e.sentence == s and e.place is None and summit is not None):
                    e.place, e.city = summit.place, summit.city
            if attended and not any(e.sentence == s for e in events) and events:
                # وحضر المقابلتين فلان: every event of that kind told in the sentence before
                for prev in (e for e in events if e.sentence == events[-1].sentence and e.type == events[-1].type):
                    prev.attendees += [p for p in attended if p not in prev.attendees and p not in prev.participants]
            elif attended and any(e.sentence == s for e in events):
                # حضر اللقاء فلان، الذي عقد لاحقا مؤتمرا صحفيا: he attended the event told before, and
                # also leads the new one
                referred = [v for v in attend_verbs if any(m.start in (v.end, v.end + 1) for m in triggers_in.get(s, []))]
                prev = next((e for e in reversed(events) if e.sentence < s), None)
                if referred and prev is not None:
                    prev.attendees += [p for p in self._attendees(mentions, referred, b, sent_cues)
                                       if p not in prev.attendees and p not in prev.participants]
            sent_events = [e for e in events if e.sentence == s]
            if "report" in payloads:
                self._last_speaker = _speaker(mentions, sent_cues, b) or self._last_speaker
            self._plan_before = bool(sent_events) and all(e.status == "planned" for e in sent_events)
            if sent_events:
                last_main = sent_events[0].participants[0]
            elif mentions:
                last_main = next((ns.person for ns in mentions if ns.person not in passing), last_main)
        # plans told as part of the trip (يلتقي خلالها، سيلتقي خلال الزيارة) take its place
        withs = [c for c in cues if c.payload == "during"]
        during = {id(e) for e in events if e.status == "planned" and any(
            c.start < e.trigger[1] + 3 and sent_of[c.start] == e.sentence for c in withs)}
        state.events = self._article_level(events, during)
        return doc

    # -- per sentence --------------------------------------------------------------------------
    def _tour_legs(self, state: DocState, cue: Match, mentions: list[NameSpan], passing: set[str], a: int, b: int,
                   s: int, last_main: str | None, made: list[EventDraft]) -> list[EventDraft]:
        """جولة تشمل ناميبيا وتشاد، في مستهل جولة تشمل أيضا أوغندا: one planned visit per place listed
        after the tour, by the person named last before it."""
        noun = next((k for k in range(max(a, cue.start - 8), cue.start) if "جول" in state.keys[k]), None)
        if noun is None:
            return []
        # جولة الوزير فلان التي تشمل: the one named with the tour, else the one named before it
        visitor = next((ns.person for ns in mentions if noun < ns.start < cue.start and ns.person not in passing), None) \
            or next((ns.person for ns in reversed(mentions) if ns.end <= noun and ns.person not in passing), last_main)
        if visitor is None:
            return []
        ent = state.by_token.get("entity", {})
        cue_at = state.by_token.get("cue", {})
        legs: list[str] = []
        k = cue.end
        while k < b:
            m = ent.get(k)
            if m is not None and m.start == k and m.kind in ("PLACE", "COUNTRY"):
                legs.append(m.payload)
                k = m.end
            elif state.keys[k] in ("و", "ايضا") or state.tok_text[k] in _COMMAS or state.tok_text[k].isspace() \
                    or (k in cue_at and cue_at[k].payload == "state_word"):
                k += 1
            else:
                break
        places = self.lexicon.places
        return [EventDraft(type="visit", participants=[visitor], attendees=[], sentence=s, trigger=(noun, noun + 1),
                           place=leg, city=leg if leg in places and places[leg].kind == "city" else None,
                           date=None, noun=True, status="planned", trigger_text=state.span_text(noun, noun + 1))
                for leg in _unique(legs)
                if not any(e.type == "visit" and visitor in e.participants and leg in (e.place, e.city) for e in made)]

    def _refers_back(self, state: DocState, t: Match, told_before: set[tuple[str, str]]) -> bool:
        """خلال الاستقبال، حضر الاجتماع: a definite event noun of a type already told names that event;
        الزيارة المرتقبة names one already announced."""
        info = self.lexicon.trigger_info[t.payload]
        cue = state.by_token.get("cue", {}).get(t.end)
        status = "planned" if cue is not None and cue.payload == "planned" else None
        return info["pos"] == "noun" and any(k == info["type"] and (status is None or st == status)
                                             for k, st in told_before) and (
            state.keys[t.start][len(t.prefix):].startswith("ال")
            or state.keys[t.start].startswith(("لل", "ولل", "فلل")))

    def _same_place(self, place: str | None, e: EventDraft) -> bool:
        """Whether a place named with a second trip noun is (in) the first trip's (سيزور بغداد، في أول
        زيارة له إلى العراق: one trip)."""
        if place is None or place in (e.place, e.city):
            return True
        places = self.lexicon.places
        return any(p in places and places[p].country == place for p in (e.place, e.city) if p)

    @staticmethod
    def _place_after(state: DocState, t: Match, end: int) -> str | None:
        """The place named within a few words after an event word (يختتم جولته في الرياض)."""
        ent = state.by_token.get("entity", {})
        for k in range(t.end, min(end, t.end + 4)):
            m = ent.get(k)
            if m is not None and m.kind in ("PLACE", "COUNTRY"):
                return m.payload
            if state.tok_punct[k]:
                break
        return None

    @staticmethod
    def _has_destination(state: DocState, t: Match, end: int, arrival: bool = False) -> bool:
        """A place after إلى within a few words; for a verb of arriving (حل بالجزائر، حط رحاله في
        نواكشوط) also a place after في or with an attached ب."""
        ent = state.by_token.get("entity", {})
        for k in range(t.end, min(end, t.end + 8)):
            m = ent.get(k)
            if arrival and m is not None and m.start == k and m.kind in ("PLACE", "COUNTRY") and (
                    "ب" in state.prefixes[k] or (k > 0 and state.keys[k - 1] == "في")):
                return True
            if state.keys[k] in ("الي", "إلى"):
                # إلى العاصمة الإيرانية طهران، إلى ولاية وهران: a few words may come before the place
                for j in range(k + 1, min(end, k + 4)):
                    if ent.get(j) is not None and ent[j].kind in ("PLACE", "COUNTRY"):
                        return True
                    if state.tok_punct[j]:
                        break
        return False

    @staticmethod
    def _possessors(state: DocState, mentions: list[NameSpan], triggers: list[Match]) -> dict[int, int]:
        """People named right after a visit noun (للزيارة المرتقبة للرئيس ترامب) belong to that visit,
        not to another event word of the sentence; a comma ends the noun phrase (على هامش الزيارة،
        التقى فلان)."""
        owned: dict[int, int] = {}
        if len(triggers) < 2:
            return owned
        for t in triggers:
            if t.payload.startswith(("زياره",)):
                # خلال الزيارة جلالة السلطان: a noun with the article takes no possessor but one with ل
                definite = state.keys[t.start][len(t.prefix):].startswith("ال") or "ال" in t.prefix \
                    or state.keys[t.start].startswith(("لل", "ولل", "فلل"))
                for ns in mentions:
                    if definite and "ل" not in state.prefixes[ns.start]:
                        continue
                    if t.end <= ns.start <= t.end + 3 and not any(
                            state.tok_text[k] in _COMMAS or k in state.by_token.get("trigger", {})
                            for k in range(t.end, ns.start)):
                        owned[ns.start] = t.start
        return owned

    @staticmethod
    def _person_object(cands: list[NameSpan], t: Match) -> list[str]:
        """زار الرئيس فلان الرئيسَ فلانا: a person named right after the visitor is the one visited."""
        ordered = sorted(cands, key=lambda ns: ns.start)
        subject = next((ns for ns in reversed(ordered) if ns.end <= t.start), None) \
            or next((ns for ns in ordered if ns.start >= t.end), None)
        if subject is None:
            return []
        obj = next((ns for ns in ordered if subject.end <= ns.start <= subject.end + 1 and ns.start >= t.end
                    and ns.person != subject.person), None)
        return [subject.person, obj.person] if obj is not None else []

    def _implicit_subject(self, state: DocState, cues: list[Match], mentions: list[NameSpan], a: int, lo: int,
                          t: Match, info: dict[str, str], passing: set[str], last_main: str | None) -> str | None:
        """The subject of an event clause that names none before its event word.

        أنه سيزور (after a verb of saying): the speaker. سموه / سمو الأمير / الوزير with no name: the
        main person of the text so far. فيما عقد لقاء مع فلان: the subject of the clause before.
        """
        named = {k for ns in mentions for k in range(ns.start, ns.end)}
        in_clause = [c for c in cues if lo <= c.start < t.start]
        if any(c.payload == "self_ref" for c in in_clause):
            return _speaker(mentions, [c for c in cues if c.start < t.start], t.start) or self._last_speaker \
                or last_main
        bare = next((c for c in in_clause if c.payload == "title_ref" and c.start not in named), None)
        if bare is not None:
            return self._honorific_referent(state, bare) or last_main
        if info["pos"] == "noun" and lo > a and any(c.payload in _VERB_CUES for c in in_clause):
            earlier = [ns.person for ns in mentions if a <= ns.start < lo and ns.person not in passing]
            return earlier[0] if earlier else None
        return None

    def _honorific_referent(self, state: DocState, cue: Match) -> str | None:
        """The person a bare honorific (سموه، جلالته، سمو الأمير) names: the first person of the
        article addressed with that honorific before it (the wire report's protagonist), if any."""
        kind = _honorific(state, cue)
        return next((p for start, k, p in self._bearers if k == kind and start < cue.start), None) if kind else None

    def _settle(self, doc: Doc, state: DocState, made: list[EventDraft], a: int, b: int, skip: set[int]) -> None:
        """Dates and places of a sentence go to the event words that made events.

        A date or place near an event word that made no event (الاجتماع السابع عشر لقمة) belongs to
        the nearest one that did; an event with none of its own shares those of another event of the
        sentence with a principal in common (مؤتمرا صحفيا في المجمع الرئاسي عقب اجتماع ثنائي).
        """
        if not made:
            return
        starts = sorted({e.trigger[0] for e in made})
        self._owner = _nearest_owner(starts, self._clauses)
        self._place_owner = _preceding_owner(starts)
        self._starts = starts
        for e in made:
            t = Match(e.trigger[0], e.trigger[1], "", "")
            if e.date is None and e.date_text is None:
                span = self._date(state, a, b, t)
                if span is not None:
                    e.date, e.date_text, e.after_previous = span.value, span.text, span.after_previous
            if e.place is None:
                e.place, e.city = self._place(doc, state, a, b, skip, t, e.type, e.status)
        for e in made:
            kin = [o for o in made if o is not e and set(o.participants) & set(e.participants)
                   and o.status == e.status]
            dated = next((o for o in kin if o.date or o.date_text), None)
            if e.date is None and e.date_text is None and dated is not None:
                e.date, e.date_text, e.after_previous = dated.date, dated.date_text, dated.after_previous
            placed = next((o for o in kin if o.place and o.type != "phone_call"), None)
            if e.place is None and e.type != "phone_call" and placed is not None:
                e.place, e.city = placed.place, placed.city

    @staticmethod
    def _referent(mentions: list[NameSpan], clause_start: int, t: Match, info: dict[str, str],
                  last_main: str | None, passing: set[str]) -> str | None:
        """Whom a pronoun on a trigger points to.

        On a host word (استقبله، لاستقباله) the pronoun is the guest: the main person before the
        current clause, else of the sentence before. On other words (زيارته، لقائه) it is the
        possessor, the nearest person before the trigger.
        """
        before = [ns for ns in mentions if ns.start < t.start and ns.person not in passing]
        if info["host"] == "1":
            earlier = [ns for ns in before if ns.start < clause_start]
            return earlier[0].person if earlier else last_main
        return before[-1].person if before else last_main

    @staticmethod
    def _is_passing(ns: NameSpan, cues: list[Match], state: DocState) -> bool:
        # نظام بشار الأسد، تحيات الرئيس، رسالة خطية من فخامة الرئيس: up to three small words or
        # honorifics between
        cues = [c for c in cues if c.payload == "passing" and c.start < ns.start]
        if not cues:
            return False
        keys = state.keys
        ent = state.by_token.get("entity", {})
        # نقل رسالة خطية إلى سموه من أخيه فخامة الرئيس فلان: the sender of a message, after من
        k = ns.start - 1
        while k >= max(0, ns.start - 4) and (keys[k].startswith("اخي") or (ent.get(k) is not None and ent[k].kind == "TITLE")):
            k -= 1
        if k >= 0 and keys[k] == "من" and any(
                c.payload == "passing" and k - 8 <= c.end <= k
                and keys[c.start][len(state.prefixes[c.start]):].removeprefix("ال").startswith(_MESSAGES) and not any(
                    state.tok_punct[j] and state.tok_text[j] not in _COMMAS for j in range(c.end, k)) for c in cues):
            return True
        # سلم الرسالة فلان: a word with the article is no construct, its person is passing only after من
        return any(c.payload == "passing" and c.end <= ns.start <= c.end + 3 and all(
            keys[k] in _SMALL_GAP or keys[k].startswith("اخي") or keys[k] in ("خطيه", "شفهيه")
            or (ent.get(k) is not None and ent[k].kind == "TITLE")
            for k in range(c.end, ns.start)) and not (
                keys[c.start][len(state.prefixes[c.start]):].startswith("ال")
                and not any(keys[k] in _SMALL_GAP for k in range(c.end, ns.start))) for c in cues)

    @staticmethod
    def _attendees(mentions: list[NameSpan], verbs: list[Match], attendee_from: int, cues: list[Match]) -> list[str]:
        out: list[str] = []
        for v in verbs:
            # حضر الجلسة فلان وفلان، وألقى فلان كلمة: the attendance ends where another verb starts
            stop = min((c.start for c in cues if c.start > v.start
                        and c.payload in ("speech", "join_verb", "clause", "relative")), default=None)
            out += [ns.person for ns in mentions if ns.start > v.start and (stop is None or ns.start < stop)]
        out += [ns.person for ns in mentions if ns.start >= attendee_from]
        return _unique(out)

    def _status(self, doc: Doc, state: DocState, t: Match, info: dict[str, str], cues: list[Match],
                a: int, b: int, lo: int, hi: int) -> str:
        if info["tense"] != "future" and any(c.payload == "invited_past" for c in cues):
            return "occurred"    # زيارة تلبية لدعوة: made; سيزور ... تلبية لدعوة stays planned
        if info["tense"] == "future":
            return "planned"
        # تلقى، تباحث: a past form that starts like a present one
        present = info["pos"] == "verb" and info["tense"] != "past" and state.keys[t.start][:1] in ("ي", "ت")
        # كان قد تلقى اتصالا: قد before a past verb tells a held event
        past_verbs = {c.start for c in cues if c.payload == "past_verb"}
        if not present and info["pos"] == "noun":
            # يجري خلالها محادثات: a present light verb makes its event noun a present verb
            light = next((c for c in cues if c.payload == "light_verb" and t.start - 3 <= c.end <= t.start), None)
            present = light is not None and state.keys[light.start][len(light.prefix):][:1] in ("ي", "ت")
        if present and (any(
                c.payload == "planned" and a <= c.start < t.start
                or c.payload == "then_verb" and t.start - 1 <= c.end <= t.start for c in cues) or self._plan_before) \
                or info["pos"] == "noun" and any(c.payload == "then_verb" and t.start - 2 <= c.end < t.start
                                                 and state.keys[c.end][:1] in ("ي", "ت")
                                                 and c.end not in past_verbs for c in cues):
            # على أن يختتم جولته: the noun after "and then he is to ..." is planned too
            return "planned"     # من المقرر أن ينتقل ... حيث يلتقي / كما يلتقي: a present verb under a plan
        if present and any(a <= d.start < b and d.future for d in state.dates) \
                and not any(a <= d.start < b and not d.future and d.value for d in state.dates):
            return "planned"     # يصل فلان إلى القاهرة الأحد المقبل ... يجري خلالها محادثات: a coming trip
        w = self.cue_window
        for c in cues:
            if c.payload in ("planned", "purpose") and lo <= c.start < hi and t.start - w <= c.start <= t.end + w \
                    and self._owner(c.start) == t.start:
                return "planned"
            if c.payload == "invite" and lo <= c.start < t.start and (
                    info["type"] in ("visit", "summit") or "ل" in t.prefix):
                # دعا فلان نظيره ... إلى زيارة: an invitation, however long the sentence; not an
                # encounter during which it was handed over (نقل الدعوة خلال لقائهما)
                return "planned"
        for d in state.dates:
            if a <= d.start < b and d.future and abs(d.start - t.start) <= 2 * w and self._owner(d.start) == t.start:
                return "planned"
        first = state.keys[a] if a < len(doc) else ""
        if first in ("سيعقد", "ستعقد", "سيجري", "ستجري"):
            return "planned"
        return "occurred"

    def _place(self, doc: Doc, state: DocState, a: int, b: int, skip: set[int], t: Match,
               etype: str, status: str | None = None) -> tuple[str | None, str | None]:
        """The most specific place named in the sentence (building > city > country), and its city."""
        if etype == "phone_call":
            return None, None
        # تناولت التحضيرات لاجتماعات اللجنة المقرر عقدها في القاهرة: a place after a plan is the plan's
        plans = self._plan_starts
        i = bisect_left(plans, t.end) if status == "occurred" else len(plans)
        plan = plans[i] if i < len(plans) and plans[i] < b else None
        best: tuple[int, int, str] | None = None
        city: str | None = None
        entities = state.matches.get("entity", [])
        ent_at = state.by_token.get("entity", {})
        if self._entity_starts is None or len(self._entity_starts) != len(entities):
            self._entity_starts = [m.start for m in entities]
        for m in entities[bisect_left(self._entity_starts, a):bisect_left(self._entity_starts, b)]:
            if m.start in skip and not (m.start > 0 and state.keys[m.start - 1] in ("الي", "إلى")):
                continue          # a place inside a post or name (سفير قطر في لبنان), but not after إلى
            if self._origins and any(c.end <= m.start <= c.end + 8 and not any(
                    state.keys[k] in ("الي", "إلى") or state.tok_punct[k] or (
                        k in ent_at and ent_at[k].kind in ("PLACE", "COUNTRY")) for k in range(c.end, m.start))
                   for c in self._origins):
                continue          # غادر فلان القاهرة، قادما من الدوحة: the first place after it is where the trip started
            # انتقل إلى عين التينة حيث التقى: a place before حيث is the setting of the event after it
            k = m.end + (1 if m.end < b and state.tok_text[m.end] in _COMMAS else 0)
            where = k < b and state.keys[k] == "حيث"
            after = next((st for st in self._starts if st > k), None) if where else None
            if (after if after is not None else self._place_owner(m.start)) != t.start:
                continue
            if m.start >= 2 and state.keys[m.start - 1] == "في" and self._topic_at(state, m.start - 2):
                continue          # بحثا الأوضاع في غزة: the topic's place, not where they met
            if plan is not None and plan < m.start:
                continue
            if m.start > 0 and state.keys[m.start - 1][len(state.prefixes[m.start - 1]):] in ("وفد", "الوفد"):
                continue          # ترأس وفد الجزائر إلى القمة: the delegation's state, not the setting
            if m.kind == "PLACE":
                if etype != "visit" and not where and m.start > 0 and state.keys[m.start - 1] in ("الي", "إلى"):
                    continue      # إيصال المساعدات إلى غزة: a destination, not where the talks were held
                kind = self.lexicon.places[m.payload].kind
                rank = _PLACE_RANK.get(kind, 2)
                if kind == "city" and city is None and not _is_dateline(state, m):
                    city = m.payload      # the dateline's city is where the report was filed
            elif m.kind == "COUNTRY":
                # a state is the setting only of a trip to it (زار السعودية، زيارة إلى مصر)
                prev = state.keys[m.start - 1] if m.start > 0 else ""
                if m.start > 1 and state.by_token.get("cue", {}).get(m.start - 1) is not None \
                        and state.by_token["cue"][m.start - 1].payload == "state_word":
                    prev = state.keys[m.start - 2]      # إلى مملكة بلجيكا
                # أن يزور فلان روسيا: the state may follow the visitor's name
                # استقبال الرئيس فلان في تركيا: a trip's state may also follow في
                if etype != "visit" or not (prev in ("الي", "إلى") or m.prefix == "ل" or (prev == "في" and m.start > t.end)
                                            or all(k in skip for k in range(t.end, m.start))):
                    continue
                rank = 4
            else:
                continue
            if _is_dateline(state, m):
                rank += 10        # أنقرة - يزور فيدان بغداد: where the report was filed, only if nothing else
            cand = (rank, abs(m.start - t.start), m.payload)
            if best is None or cand < best:
                best = cand
        return (best[2] if best else None), city

    @staticmethod
    def _topic_at(state: DocState, k: int) -> bool:
        """Whether token k ends a topic word of the talks (الأوضاع، التطورات، الحرب...)."""
        return any(c.payload == "topic" and c.end == k + 1 for c in state.matches.get("cue", []) if c.start <= k)

    def _date(self, state: DocState, a: int, b: int, t: Match):
        spans = [d for d in state.dates if a <= d.start < b and self._owner(d.start) == t.start]
        if not spans:
            return None
        own = [d for d in spans if not _since(state, d.start, a)]
        if not own:
            # the start of a period: no day, and none taken from the event told before either
            return replace(spans[0], value=None, future=False, after_previous=None)
        spans = own
        # a stated calendar date (24/3/2024، 15 أكتوبر 2025) beats a weekday or اليوم near it
        return min(spans, key=lambda d: (d.value is None, not any(ch.isdigit() for ch in d.text),
                                          abs(d.start - t.start)))

    # -- per article ---------------------------------------------------------------------------
    @staticmethod
    def _article_level(events: list[EventDraft], during: set[int] = frozenset()) -> list[EventDraft]:
        # the same event told twice is one (a headline and its paragraph, a reception and its talks)
        merged: list[EventDraft] = []
        for e in events:
            # a verb with another status tells another event (وصل ... ومن المقرر أن ينتقل غدا)
            # ... and a date of its own that differs tells another encounter (وكان فلان قد التقى سموه
            # في ديسمبر الماضي: an earlier meeting of the same two)
            same = next((m for m in merged if m.type == e.type and set(m.participants) == set(e.participants)
                         and (m.status == e.status or e.noun and not (e.status == "planned" and m.status == "occurred"))
                         and not (not e.noun and m.date_text and e.date_text and m.date != e.date and (m.date or e.date))
                         # ... and so does another place (على أن يختتم جولته في الرياض after a stay in Muscat)
                         and not _elsewhere(m, e)), None)
            if same is None:
                merged.append(e)
                continue
            same.attendees += [p for p in e.attendees if p not in same.attendees and p not in same.participants]
            if same.place is not None and same.place not in get_lexicon().places and e.place in get_lexicon().places:
                same.place, same.city = e.place, e.city     # a leg told by its state, then by its city
            same.place = same.place or e.place
            same.city = same.city or e.city
            same.date = same.date or e.date
            same.date_text = same.date_text or e.date_text
        # a trip during which a meeting is reported is that meeting, unless it is dated another day
        # (وكان قد زار أمس معبر رفح: an earlier trip of its own)
        meetings = [e for e in merged if e.type in ("meeting", "press_conference", "summit") and e.status == "occurred"]
        kept: list[EventDraft] = []
        for e in merged:
            if e.type == "visit" and e.status == "occurred":
                # ... or in the same place (حط رحاله يوم الأحد في نواكشوط ... وفي يوم الاثنين عقد ...
                # بالقصر الرئاسي في نواكشوط: a trip of several days with its talks)
                fits = [m for m in meetings if not (e.date and m.date and e.date != m.date)
                        or (e.place is not None and e.place in (m.place, m.city))]
                host_meeting = next((m for m in fits if set(e.participants) <= set(m.participants)
                                     and m.type == "meeting"), None)
                if host_meeting is None:
                    host_meeting = next((m for m in fits if set(e.participants) & set(m.participants)
                                         and m.type != "press_conference"), None)
                if host_meeting is not None:
                    # those who came on the trip or attended it attend the meeting it became
                    host_meeting.attendees += [p for p in e.attendees if p not in host_meeting.attendees
                                               and p not in host_meeting.participants]
                    if e.sentence <= host_meeting.sentence:   # وكان قد وصل أمس: told after, another day
                        host_meeting.date = host_meeting.date or e.date
                        host_meeting.date_text = host_meeting.date_text or e.date_text
                    if host_meeting.place is None:
                        host_meeting.place, host_meeting.city = e.place, e.city
                    continue
            kept.append(e)
        merged = kept
        # جولة تشمل قطر ... ثم يتوجه إلى الدوحة: a leg told by its state and again by its city is one trip
        places = get_lexicon().places
        merged = [e for e in merged if not (
            e.type == "visit" and e.status == "planned" and e.place is not None and e.place not in places
            and any(o is not e and o.type == "visit" and o.status == "planned" and set(o.participants) == set(e.participants)
                    and (o.city or o.place) in places and places[o.city or o.place].country == e.place for o in merged))]
        for i, e in enumerate(merged):
            if e.type == "press_conference" and e.place is None:
                # عقد الوزيران مؤتمرا صحفيا عقب المباحثات: held where their talks were
                talks = next((m for m in reversed(merged[:i]) if m.type == "meeting" and m.place
                              and set(e.participants) <= set(m.participants)), None)
                if talks is not None:
                    e.place, e.city = talks.place, talks.city
        setting: str | None = None
        day: tuple[str, str] | None = None
        for e in merged:
            # a plan names its own place or none (قد يلتقيان: where is not said), unless it is a
            # meeting of the trip told before (يلتقي خلالها فلانا)
            if e.place is None and e.type not in ("phone_call",) and setting is not None and (
                    e.status == "occurred" or id(e) in during):
                e.place = setting
            if e.city or e.place:
                setting = e.city or setting
            # an event told without any date word, after one with a day, happened that day
            # (وعقب اللقاء عقد الوزيران مؤتمرا صحفيا); a date word of its own (في مايو) wins
            if e.date is None and e.after_previous is not None and day is not None:
                if len(day[0]) == 10:
                    e.date = (date.fromisoformat(day[0]) + timedelta(days=e.after_previous)).isoformat()
                elif e.after_previous == 0:
                    e.date = day[0]      # --07-04: the same day, year unknown
            elif e.date is None and e.date_text is None and e.status == "occurred" and day is not None:
                e.date, e.date_text = day
            if e.date and e.status == "occurred":
                day = (e.date, e.date_text or "")
        for e in merged:
            e.attendees = [p for p in e.attendees if p not in e.participants]
        return merged


def _elsewhere(m: EventDraft, e: EventDraft) -> bool:
    """Whether two tellings name two different cities, or two different buildings: then they are two
    encounters (a region or a state named with one of them does not count)."""
    places = get_lexicon().places

    def where(x: EventDraft) -> tuple[str | None, str | None]:
        kind = places[x.place].kind if x.place in places else None
        return (x.city or (x.place if kind == "city" else None)), (x.place if kind == "building" else None)
    (city_m, building_m), (city_e, building_e) = where(m), where(e)
    # two legs of a tour told by their states (تشمل ناميبيا وتشاد), or in one list (تشمل مصر وتونس)
    states = m.type == "visit" and m.place and e.place and m.place != e.place and (
        (m.place not in places and e.place not in places) or (m.trigger == e.trigger and m.sentence == e.sentence))
    return bool(city_m and city_e and city_m != city_e) or bool(building_m and building_e and building_m != building_e) \
        or bool(states)


def _multilateral(t: Match, cues: list[Match]) -> bool:
    """Whether a meeting word is followed, within a few words, by a council or a ministerial level
    (الاجتماع الطارئ لمجلس الجامعة على المستوى الوزاري، اجتماع وزراء الخارجية العرب)."""
    return any(c.payload == "multilateral" and t.end <= c.start <= t.end + 6 for c in cues)


def _definite(state: DocState, t: Match) -> bool:
    """Whether an event word carries the article (المحادثات، للمحادثات)."""
    return state.keys[t.start][len(t.prefix):].startswith("ال") or "ال" in t.prefix \
        or state.keys[t.start].startswith(("لل", "ولل", "فلل"))


def _since(state: DocState, start: int, a: int) -> bool:
    """Whether the date at token ``start`` follows منذ in its phrase (أول زيارة منذ سقوط النظام في 8
    ديسمبر 2024): the start of a period, not the day of the event."""
    for k in range(start - 1, max(a, start - 7) - 1, -1):
        if state.keys[k] == "منذ":
            return True
        if state.tok_punct[k]:
            return False
    return False


def _nearest_owner(trigger_starts: list[int], clauses: list[int] | None = None):
    """A function mapping a token to the start of the nearest trigger (dates, places and cues of a
    sentence with several events belong to the event word closest to them), one of its own clause
    first (يزور فلان بغداد الأسبوع المقبل، حيث سيلتقي ...: the date is the visit's)."""
    starts = sorted(trigger_starts)
    if len(starts) <= 1:
        only = starts[0] if starts else None
        return lambda i: only
    bounds = sorted(clauses or [])

    def clause(i: int) -> int:
        return bisect_right(bounds, i)

    def owner(i: int) -> int | None:
        return min(starts, key=lambda s: (clause(s) != clause(i), abs(s - i), s))
    return owner


def _preceding_owner(trigger_starts: list[int]):
    """A place belongs to the event word before it (التقى ... في البيت الأبيض، وبحثا ...), or to the
    first event word when it comes first (في قصر بيان انطلقت أعمال القمة)."""
    starts = sorted(trigger_starts)

    def owner(i: int) -> int | None:
        before = [s for s in starts if s <= i]
        return before[-1] if before else (starts[0] if starts else None)
    return owner


def _principal_mentions(state: DocState) -> list[NameSpan]:
    """The mentions that can name principals.

    A one-word post in the construct state (رئيسة، وزيرة، رئيس) cannot stand alone: the name after
    its complement is its holder (رئيسة بعثة الأمم المتحدة ... هانا تيتيه), whoever the post was
    first read as.
    """
    heads = sorted((ns for ns in state.names if ns.kind == "name"), key=lambda ns: ns.start)
    ent = state.by_token.get("entity", {})
    cues = state.by_token.get("cue", {})
    busy = set(state.by_token.get("trigger", {})) | {k for k, c in cues.items() if c.payload not in ("passing", "state_word")} \
        | {k for d in state.dates for k in range(d.start, d.end)}
    out: list[NameSpan] = []
    # الرئيس عون: a post read inside a surname mention of another person is that surname's title
    named = [ns for ns in state.names if ns.kind in ("name", "surname")]
    # يلتقي الوزير غدا نظيره الإيراني فلان: a post followed by the counterpart of the same person is
    # that counterpart's colleague, not the counterpart (the bare title then names the subject)
    counterparts = [ns for ns in state.names if ns.kind == "counterpart"]
    for ns in state.names:
        if ns.kind == "post" and any(c.person == ns.person and ns.end <= c.start <= ns.end + 3 for c in counterparts):
            continue
        if ns.kind == "post" and named and any(o.start <= ns.start and o.end - 2 <= ns.end <= o.end
                                               and o.person != ns.person for o in named):
            continue
        if ns.kind == "post" and ns.end - ns.start == 1 \
                and not state.keys[ns.start][len(state.prefixes[ns.start]):].startswith("ال"):
            holder = next((h for h in heads if h.start >= ns.end), None)
            if holder is not None and holder.start - ns.end <= 7 and not (
                    ent.get(holder.start) is not None and ent[holder.start].kind in ("POST", "TITLE")) \
                    and not any(k in busy or state.tok_break[k] or (state.tok_punct[k] and state.tok_text[k] not in _COMMAS
                                                                       and not state.tok_text[k].isdigit())
                                for k in range(ns.end, holder.start)):
                out.append(NameSpan(ns.start, ns.end, holder.person, "post"))
                continue
        out.append(ns)
    return out


def _planned_day(state: DocState, span) -> str | None:
    """The day of a planned event: a bare weekday (يوم الأربعاء) that the date stage read as the
    last one before publication is the next one (على أن يتوجه يوم الأربعاء)."""
    if span is None or span.value is None:
        return None
    value, published = span.value, (state.published or "")[:10]
    if len(value) == 10 and len(published) == 10 and value < published and not span.future \
            and not any(ch.isdigit() for ch in span.text) and not any(w in span.text for w in ("ماض", "أمس", "امس")):
        return (date.fromisoformat(value) + timedelta(days=7)).isoformat()
    if len(value) == 10 and len(published) == 10 and value < published and not re.search(r"\d{4}", span.text) \
            and not any(w in span.text for w in ("ماض", "منصرم", "فائت")):
        # يزور فلان الكويت يومي 21 و22 ديسمبر: a day and month of a plan are the coming ones
        day = date.fromisoformat(value)
        for year in (int(published[:4]), int(published[:4]) + 1):
            try:
                ahead = day.replace(year=year)
            except ValueError:
                continue
            if ahead.isoformat() >= published:
                return ahead.isoformat()
    return value


def _honorific(state: DocState, cue: Match) -> str | None:
    """The honorific of a title cue without its pronoun (سموه -> سمو، جلالته -> جلاله); None for a
    post used as a title (الوزير), which names no one in particular."""
    key = state.keys[cue.start][len(state.prefixes[cue.start]):]
    key = key.removeprefix("ال")
    if cue.end - cue.start != 1 or "وزير" in key:
        return None
    if key.endswith("ته"):
        return key[:-2] + "ه"
    return key[:-1] if key.endswith(("وه", "يه")) else key


def _bare(state: DocState, cue: Match, mentions: list[NameSpan]) -> bool:
    """Whether a title cue stands for a person by itself (سموه، سمو الأمير) rather than opening a
    named mention (صاحب السمو الملكي الأمير فلان)."""
    return not any(ns.start <= cue.start < ns.end or _titles(state, cue, ns) for ns in mentions)


def _titles(state: DocState, cue: Match, ns: NameSpan) -> bool:
    """Whether a title cue opens mention ``ns``: it comes a few words before, with no punctuation
    and no preposition on the mention (سمو الأمير بالرئيس فلان: two people)."""
    # (نظيره opens a phrase of its own: يلتقي الوزير غدا نظيره فلان names two people)
    return ns.kind != "counterpart" and cue.end <= ns.start <= cue.end + 3 \
        and not any(state.tok_punct[k] for k in range(cue.end, ns.start)) \
        and not any(p in state.prefixes[k] for k in range(cue.end, ns.start + 1) for p in ("ب", "ل"))


def _honorific_bearers(state: DocState, names_in: dict[int, list[NameSpan]], cues: list[Match]) -> list[tuple[int, str, str]]:
    """(first mention, honorific, person) for every person named right after an honorific (صاحب
    السمو الشيخ فلان، فخامة الرئيس الدكتور فلان), in text order."""
    titles = sorted((c for c in cues if c.payload == "title_ref"), key=lambda c: c.end)
    if not titles:
        return []
    ends = [c.end for c in titles]
    out: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for mentions in names_in.values():
        for ns in mentions:
            if ns.person in seen:
                continue
            i = bisect_right(ends, ns.start) - 1
            c = titles[i] if i >= 0 else None
            if c is None or not _titles(state, c, ns):
                continue
            kind = _honorific(state, c)
            if kind:
                seen.add(ns.person)
                out.append((ns.start, kind, ns.person))
    return sorted(out)


def _unreported(t: Match, cues: list[Match], state: DocState) -> bool:
    """An event word that reports no event: the setting of another (على هامش القمة), negated (لن
    يلتقي، لم يحصل أي لقاء), or denied or doubted (نفى ... عن لقاء جمع، لم يتضح ما إذا كان سيلتقي)
    until the next clause."""
    for c in cues:
        if c.payload in ("sidelines", "negation") and c.end <= t.start <= c.end + 2 and not any(
                state.tok_text[k] in _COMMAS or state.tok_text[k] == "." for k in range(c.end, t.start)):
            return True
        if c.payload == "denial" and c.start < t.start and not any(
                x.payload == "clause" and c.start < x.start < t.start for x in cues):
            return True
    return False


def _is_inviter(ns: NameSpan, cues: list[Match], state: DocState) -> bool:
    """دعوة رسمية من فخامة الرئيس فلان: the one who invites (after من) is not present."""
    # من جلالة الملك فلان ملك بلجيكا: the inviter may follow a few honorifics and his name
    return any(c.payload in ("invite", "invited_past") and c.end <= ns.start <= c.end + 8
               and "من" in state.keys[c.end:min(ns.start, c.end + 3)]
               and not any(state.tok_punct[k] and state.tok_text[k] not in _COMMAS for k in range(c.end, ns.start))
               for c in cues)


def _invitees(state: DocState, cands: list[NameSpan], invite: int, t: Match) -> list[str]:
    """The guest of an invitation: the person it is addressed to (لرئيس الجمهورية دعوة، وجه الدعوة
    للرئيس), else the last person named between the invitation and the event word (دعا فلان نظيره س)."""
    dative = [ns.person for ns in cands if ns.start < t.start and "ل" in state.prefixes[ns.start]]
    if dative:
        return dative[-1:]
    return [ns.person for ns in cands if invite < ns.start < t.start][-1:]


def _speaker(mentions: list[NameSpan], cues: list[Match], end: int) -> str | None:
    """The subject of the last verb of saying before token ``end``: the person right after it (قال
    فلان) or right before it (أن فلان أكد). A participle (مشيرا) has the subject of the verb before."""
    for c in sorted((c for c in cues if c.payload == "report" and c.start < end), key=lambda c: -c.start):
        who = next((ns.person for ns in mentions if ns.start == c.end or ns.end == c.start), None)
        # فلان، الذي كان قد أعلن أنه: the speaker is the one the relative clause is about
        rel = next((r for r in cues if r.payload == "relative" and c.start - 3 <= r.start < c.start), None)
        if who is None and rel is not None:
            who = next((ns.person for ns in mentions if rel.start - 1 <= ns.end <= rel.start), None)
        if who is not None:
            return who
    return None


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
