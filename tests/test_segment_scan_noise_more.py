"""Segmentation rules for scan noise seen on rendered + Tesseract-read development texts.

Each test feeds a short, invented council text damaged the way a degraded scan
leaves it (no mocks: the real segmenter runs on it).
"""
from __future__ import annotations

from pipeline.model import Engine, Page
from pipeline.segment import segment
from pipeline.segment.authors import is_place_date, parse_line
from pipeline.segment.documents import marker, restore_motion
from pipeline.segment.linking import responded_title


def pages(text: str) -> list[Page]:
    return [Page(number=i, origin="text", raw_text=t, text=t, engine=Engine("text", "")) for i, t in enumerate(text.split("\f"), 1)]


MOTION = """Motion om fler sittplatser längs gångstråken

Många äldre avstår från promenader eftersom det saknas platser att vila på.
Andra kommuner har tagit fram en plan för sittplatser längs sina gångstråk.

Vi föreslår att kommunfullmäktige beslutar
. att kommunstyrelsen får i uppdrag att ta fram en plan för sittplatser längs
kommunens gångstråk,

, att planen tas fram i samråd med pensionärsrådet, och

• att de första bänkarna ställs ut under 2021.
Ekby den 3 maj 202C

Anna Berg (L)
"""


def test_bullet_read_as_dot_or_comma_still_opens_an_att_sats():
    """A small round bullet that the scan shrinks to '.' or ',' before 'att' is still a bullet."""
    docs = segment(pages(MOTION))
    assert [p.text for p in docs[0].proposals] == [
        "att kommunstyrelsen får i uppdrag att ta fram en plan för sittplatser längs kommunens gångstråk,",
        "att planen tas fram i samråd med pensionärsrådet, och",
        "att de första bänkarna ställs ut under 2021.",
    ]


def test_place_date_with_misread_year_ends_the_last_att_sats():
    """'Ekby den 3 maj 202C': a year whose last digit OCR read as a letter is still the signing line,
    so it is not glued onto the att-sats above it."""
    assert is_place_date("Ekby den 3 maj 202C")
    assert is_place_date("Ekby den 3 maj 20O5")
    assert segment(pages(MOTION))[0].proposals[-1].text == "att de första bänkarna ställs ut under 2021."


def test_place_date_needs_a_place_of_letters():
    """'AU 8 261 2017-11-06' (an earlier handling, '§' read as '8') is a reference line, not a signing
    line; it must not mark a protocol as signed before its body."""
    assert not is_place_date("AU 8 261 2017-11-06")
    assert not is_place_date("Datum 2009-05-25")  # a letterhead field
    assert is_place_date("Visby 2017-11-28")
    assert is_place_date("Lilla Edet den 4 april 2011")


PROTOCOL = """Region Gotland
Regionstyrelsen

PROTOKOLL
Sammanträdesdatum: 2017-11-23

RS § 288
Motion från Bo Lind (C) om fler bussturer på landsbygden

RS 2017/412
AU 8 261 2017-11-06

Regionstyrelsens förslag till regionfullmäktige
• Motionen bifalls.

Sammanfattning

Bo Lind (C) föreslår i en motion att busstrafiken på landsbygden ska förstärkas under vintern så att
det finns minst tre turer per vardag mellan byarna och centralorten.
\fRegion Gotland
Regionstyrelsen

PROTOKOLL
Sammanträdesdatum: 2017-11-23

Behandling i regionstyrelsen

Ordföranden yrkar bifall till arbetsutskottets förslag och finner att regionstyrelsen beslutar enligt
detta.

Justerandes signatur

Rätt utdraget intygar
Ekby 2017-11-28

Lisa Holm
Nämndsekreterare
"""


def test_protocol_letterhead_repeated_on_page_two_is_not_a_new_document():
    docs = segment(pages(PROTOCOL))
    assert len(docs) == 1
    assert [a.name for a in docs[0].authors] == ["Lisa Holm"]


def test_doubled_hyphen_in_a_name():
    """'Ann--Sofie': a name's hyphen that OCR doubled is one hyphen."""
    assert [a.name for a in parse_line("Ann--Sofie Wallenberg (L)").authors] == ["Ann-Sofie Wallenberg"]


REPLY = """YTTRANDE
Socialförvaltningen

Motion (M) om sommarjobb för alla gymnasieungdomar

Ärendebeskrivning

Två ledamöter har i en motion föreslagit att kommunen ska garantera alla ungdomar ett sommarjobb.

Kommunen erbjuder redan i dag feriepraktik för ungdomar inom äldreomsorgen och fritidsverksamheten.
Förvaltningen delar motionärernas uppfattning att
sommarjobb är viktiga för ungdomars etablering på arbetsmarknaden, men en garanti ryms inte
inom den ekonomiska ramen.

Förslag till beslut

Förvaltningen anser att motionens syfte i allt
väsentligt tillgodoses genom feriepraktiken och föreslår därför inga ytterligare åtgärder.

Eva Lund
Förvaltningschef
"""


def test_first_line_of_a_paragraph_is_not_a_layout_heading():
    """A short first line of a paragraph (no blank line before it on a scan) is not a heading when it
    ends on 'att'/'i'/'och' or the next line runs on in lower case."""
    doc = segment(pages(REPLY))[0]
    assert [s.heading for s in doc.sections] == ["Ärendebeskrivning", "Förslag till beslut"]
    assert doc.decision_proposal is not None
    assert doc.decision_proposal.text.startswith("Förvaltningen anser att motionens syfte")


SIGNED_OVER_PAGE = """Motion om bättre snöröjning på cykelvägar

Cykelvägarna till skolorna plogas ofta sist, fast många barn cyklar till skolan även på vintern.

Jag föreslår kommunfullmäktige besluta

1. att cykelvägar till skolor ges samma prioritet som huvudgatorna vid snöröjning.

Ekby den 14 mars 1994

Bo Lind
\fSocialdemokraterna
"""


def test_party_line_pushed_onto_next_page_is_not_an_attachment():
    docs = segment(pages(SIGNED_OVER_PAGE))
    assert [d.type for d in docs] == ["motion"]
    assert [(a.name, a.party) for a in docs[0].authors] == [("Bo Lind", "S")]


def test_misread_motion_in_a_reply_title():
    """'Yttrande över moticnr ...': the word after a reply opening that is 'motion' misread by at most
    two letters still makes a reply title, and the reply is linked to the motion's title."""
    assert marker("Yttrande över moticnr från Centerpartiet om skolbibliotek") == ("yttrande", "title")
    assert responded_title("Svar på rnotion (SD) om skolbibliotek") == "Motion om skolbibliotek"
    assert marker("Svar på frågan om skolbibliotek") is None
    assert marker("Yttrande över nationella prov") is None


def test_misread_motion_opening_a_protocol_item_title():
    """'Motior av X angående Y' heading a protocol item is about 'Motion om Y'-style motion."""
    assert restore_motion("Motior av Per Ek (V) angående gratis bussar") == "Motion av Per Ek (V) angående gratis bussar"
    assert restore_motion("Motiv om bussar") == "Motiv om bussar"  # two letters off at the start: left alone
    text = """Motion angående gratis bussar för pensionärer

Vi föreslår att kommunfullmäktige beslutar

att pensionärer får åka gratis med stadsbussarna under lågtrafik.

Ekby den 14 oktober 2003

Per Ek (V)
\fSAMMANTRÄDESPROTOKOLL
Kommunfullmäktige

§ 92

Motior av Per Ek (V) angående gratis bussar för pensionärer

Ärendet

Per Ek (V) har i en motion föreslagit att pensionärer ska få åka gratis med stadsbussarna.

Beslut

Kommunfullmäktige beslutar att bifalla motionen.
"""
    docs = segment(pages(text))
    assert [d.type for d in docs] == ["motion", "protokollsutdrag"]
    assert docs[1].responds_to is not None and docs[1].responds_to.document == 0


def test_bullet_read_as_two_marks_with_a_space():
    """'— - att': a dash bullet that OCR read as two marks is still one bullet."""
    text = """Motion om en fritidsbank

Med anledning av ovanstående yrkar vi

— - att kultur- och fritidsnämnden får i uppdrag att starta en fritidsbank under 2017,

--att fritidsbanken drivs i samarbete med idrottsföreningarna.

Ekby den 12 januari 2016

Anna Berg (V)
"""
    assert [p.text for p in segment(pages(text))[0].proposals] == [
        "att kultur- och fritidsnämnden får i uppdrag att starta en fritidsbank under 2017,",
        "att fritidsbanken drivs i samarbete med idrottsföreningarna.",
    ]


def test_signing_line_with_a_garbled_place_ends_the_att_sats():
    """'— TMEkby aen 14 september 2020' right under the last att-sats: a short line ending in a full date
    after a finished sentence is the signing line, not more of the att-sats."""
    text = """Motion om parkbänkar

Vi föreslår att kommunfullmäktige beslutar
• att kommunstyrelsen får i uppdrag att ta fram en bänkplan,
• att de första bänkarna ställs ut under 2021.
— TMEkby aen 14 september 2020

Anna Berg (L)
"""
    assert [p.text for p in segment(pages(text))[0].proposals] == [
        "att kommunstyrelsen får i uppdrag att ta fram en bänkplan,",
        "att de första bänkarna ställs ut under 2021.",
    ]


BUNDLE_UNDER_LOGO = """Kommunfullmäktige i Borås

MOTION

Språkvänner för nyanlända

Många nyanlända vill snabbt lära sig svenska men har få tillfällen att tala språket i vardagen.

Vi yrkar att kommunfullmäktige beslutar

att kommunstyrelsen får i uppdrag att starta en verksamhet med språkvänner.

Borås

Birgit
Cohan Wa1lin fP
\fBORÅS STAD
Kommunstyrelsen
Datum 2009-05-25
Dnr 2009/117

Yttrande över motion av Birgitta Carlsson och Johan Wallin (FP) om språkvänner för nyanlända

Förslag till beslut

Med hänvisning till det arbete som redan pågår föreslås inga ytterligare åtgärder med anledning av motionen.

Anna Berg
Stadsdirektör
"""


def test_reply_title_under_a_new_letterhead_starts_a_document():
    """A reply title in the letterhead block under the municipality logo at the top of a page starts
    a new document even when OCR garbled the motion's signature above it."""
    docs = segment(pages(BUNDLE_UNDER_LOGO))
    assert [d.type for d in docs] == ["motion", "yttrande"]
    assert len(docs[0].proposals) == 1


def test_type_and_date_header_under_the_logo_is_page_furniture():
    """'Tjänsteskrivelse 2017-05-22' under the logo on page 2 repeats the reply's own header: no new document."""
    text = """EKBY KOMMUN
Kultur- och fritidskontoret

TJÄNSTESKRIVELSE
Datum: 2017-05-22

Svar på motion från Liberalerna om avgiftsfri sommarsimskola för alla barn

Förslag till beslut

att avslå motionen.

Ärendet

Liberalerna föreslår i en motion att sommarsimskolan ska vara avgiftsfri för alla barn i kommunen.
\fEkby kommun
Tjänsteskrivelse 2017-05-22

Ekonomiska konsekvenser

Intäkterna från sommarsimskolan uppgick till ca 1,0 miljon kronor och skulle falla bort helt.

Ulla Sjöberg
Kultur- och fritidschef
"""
    docs = segment(pages(text))
    assert [d.type for d in docs] == ["yttrande"]
    assert [a.name for a in docs[0].authors] == ["Ulla Sjöberg"]


def test_motion_with_a_stray_letter_in_a_reply_title():
    """'Yttrande över motions om X' (a speck read as 's') still names the motion it answers."""
    assert responded_title("Yttrande över motions om säkra cykelvägar") == "Motion om säkra cykelvägar"
    assert restore_motion("Yttrande över motionen om säkra cykelvägar") == "Yttrande över motionen om säkra cykelvägar"


def test_zero_read_for_an_initial_o():
    assert [a.name for a in parse_line("P-0 Larsson (L)").authors] == ["P-O Larsson"]


def test_partial_verdict_is_other_even_with_a_garbled_second_verdict():
    """'... bifalls i sin första att-sats och i övrigt anses nesvarad.': 'i övrigt' marks a mixed verdict."""
    from pipeline.segment.decisions import outcome

    assert outcome("att motionen bifalls i sin första att-sats och i övrigt anses nesvarada.") == "other"
    assert outcome("att motionen bifalls i den del som avser cykelställ") == "other"
    assert outcome("att motionen bifalls.") == "bifall"


def test_organisation_pair_is_not_a_misread_name():
    """'Region Gotland' atop a page is an organisation, though 'Region' is one letter from 'Regina'."""
    assert parse_line("Region Gotland", fuzzy=True).authors == []
