"""Write dataset.nq: a small dataset that follows the RDF contract of DESIGN.md.

Run ``python tests/data/views/make_fixture.py`` to regenerate. Three articles, six officials of
three states, meetings, calls, visits, one planned meeting, dated posts, and one person whose
names carry markup (``<script>``) so that the views can be shown to keep it as text.
"""
from __future__ import annotations

from pathlib import Path

BASE = "https://w3id.org/kg-news/id/"
KG = "https://w3id.org/kg-news/ontology#"
S = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TIME = "http://www.w3.org/2006/time#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ROLE = "https://w3id.org/kg-news/role/"
ONTO_GRAPH = "https://w3id.org/kg-news/graph/ontology"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def iri(v: str) -> str:
    return f"<{v}>"


def lit(v: str, lang: str | None = None, dt: str | None = None) -> str:
    out = f'"{_esc(v)}"'
    if lang:
        return out + "@" + lang
    if dt:
        return out + f"^^<{dt}>"
    return out


class Quads:
    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.add(f"{iri(s)} {iri(p)} {o} {iri(g)} .\n")

    def text(self) -> str:
        return "".join(sorted(self.lines))


COUNTRIES = {
    "russia": ("روسيا", "Russia"),
    "syria": ("سوريا", "Syria"),
    "egypt": ("مصر", "Egypt"),
}
PLACES = {
    "moscow": ("موسكو", "Moscow", "City"),
    "kremlin": ("الكرملين", "Kremlin", "Place"),
    "cairo": ("القاهرة", "Cairo", "City"),
}
PERSONS = {
    "sergey_lavrov": ("سيرغي لافروف", "Sergey Lavrov", "russia"),
    "asaad_al_shaibani": ("أسعد حسن الشيباني", "Asaad al-Shaibani", "syria"),
    "ahmed_al_sharaa": ("أحمد الشرع", "Ahmed al-Sharaa", "syria"),
    "vladimir_putin": ("فلاديمير بوتين", "Vladimir Putin", "russia"),
    "badr_abdelatty": ("بدر عبد العاطي", "Badr Abdelatty", "egypt"),
    "evil": ("<script>alert(1)</script> مجهول", "<b>Evil</b><script>alert(1)</script>", "egypt"),
}
ARTICLES = {
    "a1.txt": ("لافروف يلتقي الشيباني في موسكو", "2025-07-31"),
    "a2.txt": ("الشرع في الكرملين", "2025-10-15"),
    "a3.txt": ("عبد العاطي يتلقى اتصالا <i>هاتفيا</i>", "2025-10-20"),
}
# (person, role, of-kind, of-key, start, article, evidence)
POSTS = [
    ("sergey_lavrov", "foreign_minister", "ministry", "russia_mfa", "2004-03-09", "a1.txt",
     "وزير الخارجية الروسي سيرغي لافروف"),
    ("asaad_al_shaibani", "foreign_minister", "country", "syria", None, "a1.txt",
     "وزير الخارجية السوري أسعد حسن الشيباني"),
    ("ahmed_al_sharaa", "head_of_state", "country", "syria", "2025-01-29", "a2.txt",
     "الرئيس السوري أحمد الشرع"),
    ("vladimir_putin", "head_of_state", "country", "russia", None, "a2.txt",
     "الرئيس الروسي فلاديمير بوتين"),
    ("badr_abdelatty", "foreign_minister", "country", "egypt", None, "a3.txt",
     "وزير الخارجية المصري بدر عبد العاطي"),
]
# (article, class, participants, attendees, place, date, status, evidence)
EVENTS = [
    ("a1.txt", "Meeting", ["sergey_lavrov", "asaad_al_shaibani"], ["ahmed_al_sharaa"], "moscow",
     "2025-07-31", None, "التقى وزير الخارجية الروسي سيرغي لافروف نظيره السوري أسعد حسن الشيباني في موسكو."),
    ("a1.txt", "PhoneCall", ["vladimir_putin", "ahmed_al_sharaa"], [], None, "2025-07-30", None,
     "وأجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا بالرئيس السوري أحمد الشرع."),
    ("a2.txt", "Visit", ["ahmed_al_sharaa", "vladimir_putin"], [], "kremlin", "2025-10-15", None,
     "زار الرئيس السوري أحمد الشرع الكرملين حيث استقبله الرئيس الروسي فلاديمير بوتين."),
    ("a2.txt", "Meeting", ["sergey_lavrov", "asaad_al_shaibani"], [], "moscow", "2025-10-15", None,
     "وعقد لافروف والشيباني جلسة محادثات في موسكو."),
    ("a3.txt", "PhoneCall", ["badr_abdelatty", "evil"], [], None, "2025-10-20", None,
     "تلقى عبد العاطي اتصالا من <img src=x onerror=alert(2)> مجهول."),
    ("a3.txt", "Meeting", ["sergey_lavrov", "badr_abdelatty"], [], "cairo", "--11-05", "planned",
     "ومن المقرر أن يلتقي لافروف عبد العاطي في القاهرة يوم 5 نوفمبر."),
    ("a3.txt", "Visit", ["asaad_al_shaibani"], [], "cairo", "2025-10-19", None,
     "وصل الشيباني إلى القاهرة في زيارة رسمية."),
]


def build() -> str:
    q = Quads()
    for key, (ar, en) in COUNTRIES.items():
        c = f"{BASE}country/{key}"
        for g in (f"{BASE}article/a1.txt", f"{BASE}article/a2.txt", f"{BASE}article/a3.txt"):
            q.add(c, RDF + "type", iri(S + "Country"), g)
            q.add(c, RDF + "type", iri(ORG + "Organization"), g)
            q.add(c, RDFS + "label", lit(ar, "ar"), g)
            q.add(c, RDFS + "label", lit(en, "en"), g)
    mfa = f"{BASE}org/russia_mfa"
    g1 = f"{BASE}article/a1.txt"
    q.add(mfa, RDF + "type", iri(ORG + "Organization"), g1)
    q.add(mfa, RDF + "type", iri(KG + "Ministry"), g1)
    q.add(mfa, RDFS + "label", lit("وزارة الخارجية الروسية", "ar"), g1)
    q.add(mfa, RDFS + "label", lit("Ministry of Foreign Affairs of Russia", "en"), g1)
    q.add(mfa, ORG + "subOrganizationOf", iri(f"{BASE}country/russia"), g1)
    # role labels for one role only: the views must fall back to the role id for the others
    q.add(ROLE + "foreign_minister", RDF + "type", iri(SKOS + "Concept"), ONTO_GRAPH)
    q.add(ROLE + "foreign_minister", SKOS + "prefLabel", lit("وزير الخارجية", "ar"), ONTO_GRAPH)
    q.add(ROLE + "foreign_minister", SKOS + "prefLabel", lit("foreign minister", "en"), ONTO_GRAPH)
    for aid, (headline, published) in ARTICLES.items():
        a = g = f"{BASE}article/{aid}"
        q.add(a, RDF + "type", iri(S + "NewsArticle"), g)
        q.add(a, DCT + "identifier", lit(aid), g)
        q.add(a, S + "headline", lit(headline, "ar"), g)
        q.add(a, S + "datePublished", lit(published, dt=XSD + "date"), g)
        q.add(a, S + "url", iri(f"https://news.example.org/{aid}"), g)
    used: dict[str, set[str]] = {}
    for ev in EVENTS:
        for p in ev[2] + ev[3]:
            used.setdefault(p, set()).add(ev[0])
    for post in POSTS:
        used.setdefault(post[0], set()).add(post[5])
    for key, (ar, en, country) in PERSONS.items():
        p = f"{BASE}person/{key}"
        for aid in sorted(used.get(key, ())):
            g = f"{BASE}article/{aid}"
            q.add(p, RDF + "type", iri(S + "Person"), g)
            q.add(p, RDFS + "label", lit(ar, "ar"), g)
            q.add(p, RDFS + "label", lit(en, "en"), g)
            q.add(p, KG + "nationality", iri(f"{BASE}country/{country}"), g)
            q.add(p, SKOS + "altLabel", lit(ar.split()[-1], "ar"), g)
    for person, role, kind, of, start, aid, evidence in POSTS:
        g = f"{BASE}article/{aid}"
        m = f"{BASE}membership/{person}-{role}-{of}"
        org = f"{BASE}{'org' if kind == 'ministry' else 'country'}/{of}"
        q.add(m, RDF + "type", iri(ORG + "Membership"), g)
        q.add(m, ORG + "member", iri(f"{BASE}person/{person}"), g)
        q.add(m, ORG + "organization", iri(org), g)
        q.add(m, ORG + "role", iri(ROLE + role), g)
        q.add(m, KG + "evidence", lit(evidence, "ar"), g)
        q.add(m, KG + "postText", lit(evidence.rsplit(" ", 2)[0], "ar"), g)
        q.add(m, PROV + "wasDerivedFrom", iri(g), g)
        if start:
            i = m + "/period"
            b = i + "/start"
            q.add(m, ORG + "memberDuring", iri(i), g)
            q.add(i, RDF + "type", iri(TIME + "Interval"), g)
            q.add(i, TIME + "hasBeginning", iri(b), g)
            q.add(b, RDF + "type", iri(TIME + "Instant"), g)
            q.add(b, TIME + "inXSDDate", lit(start, dt=XSD + "date"), g)
    for n, (aid, cls, parts, attendees, place, date, status, evidence) in enumerate(EVENTS):
        g = f"{BASE}article/{aid}"
        e = f"{BASE}event/{aid.split('.')[0]}-{n}"
        q.add(e, RDF + "type", iri(KG + cls), g)
        for p in parts:
            q.add(e, KG + "participant", iri(f"{BASE}person/{p}"), g)
            q.add(e, S + "attendee", iri(f"{BASE}person/{p}"), g)
        for p in attendees:
            q.add(e, S + "attendee", iri(f"{BASE}person/{p}"), g)
        if place:
            pl = f"{BASE}place/{place}"
            ar, en, kind = PLACES[place]
            q.add(e, S + "location", iri(pl), g)
            q.add(pl, RDF + "type", iri(S + kind), g)
            q.add(pl, RDFS + "label", lit(ar, "ar"), g)
            q.add(pl, RDFS + "label", lit(en, "en"), g)
        dt = XSD + ("gMonthDay" if date.startswith("--") else "date")
        q.add(e, S + "startDate", lit(date, dt=dt), g)
        if status == "planned":
            q.add(e, S + "eventStatus", iri(S + "EventScheduled"), g)
        q.add(e, KG + "evidence", lit(evidence, "ar"), g)
        q.add(e, PROV + "wasDerivedFrom", iri(g), g)
    return q.text()


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "dataset.nq"
    out.write_text(build(), encoding="utf-8")
