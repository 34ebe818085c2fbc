"""Segmentation rules for scan noise seen on a second round of rendered + Tesseract-read development texts.

Each test feeds a short, invented council text damaged the way a degraded scan
leaves it (no mocks: the real segmenter runs on it).
"""
from __future__ import annotations

from pipeline.model import Engine, Page
from pipeline.segment import proposals, segment
from pipeline.segment.authors import is_place_date
from pipeline.segment.documents import marker
from pipeline.segment.fields import addressee
from pipeline.segment.linking import responded_title


def pages(text: str) -> list[Page]:
    return [Page(number=i, origin="text", raw_text=t, text=t, engine=Engine("text", "")) for i, t in enumerate(text.split("\f"), 1)]


MOTION_AND_REPLY = """Motion om fler bänkar vid badplatserna

Vid kommunens badplatser saknas det ofta sittplatser för äldre och för föräldrar
med små barn. Andra kommuner har ställt ut bänkar med ryggstöd vid sina stränder.

Vi yrkar

- att tekniska nämnden får i uppdrag att ställa ut bänkar vid badplatserna.

Ekby den 3 mars 2014

Anna Berg (c) Per Lund (c)
\fEKBY KOMMUN

Tekniska förvaltningen
2014-05-02
Tekniska nämnden
Yttrande över motion om fler bänkar vid badplatserna
Bakgrund

Anna Berg och Per Lund (c) har i en motion föreslagit att det ställs ut bänkar vid
kommunens badplatser. Kommunstyrelsen har remitterat motionen till nämnden.

Förslag till beslut
att föreslå kommunfullmäktige att bifalla motionen.

Lars Ek
Förvaltningschef
"""


def test_reply_title_right_under_the_addressee_line_starts_a_new_document():
    """'Tekniska nämnden' + 'Yttrande över motion ...' with the blank line between them lost on the scan:
    a capitalised title under a short, complete letterhead line is not a wrapped sentence."""
    docs = segment(pages(MOTION_AND_REPLY))
    assert [d.type for d in docs] == ["motion", "yttrande"]
    assert docs[1].title == "Yttrande över motion om fler bänkar vid badplatserna"
    assert docs[1].decision_proposal is not None and docs[1].decision_proposal.outcome == "bifall"
    assert len(docs[0].proposals) == 1


CLIPPED_REPLY = """EKBY KOMMUN
Socialförvaltningen

Datum 2012-03-05
a
Socialnämnden

trande över motion från Eva Holm (V) om trygghetslarm för
alla över 80 år

Förslag till beslut
Socialförvaltningen föreslår socialnämnden besluta
att föreslå kommunfullmäktige att avslå motionen.

Bakgrund

Eva Holm (V) föreslår i en motion att alla över 80 år ska erbjudas trygghetslarm
utan avgift. Förvaltningen bedömer att nuvarande avgift är skälig.

Lars Ek
Socialchef
"""


def test_reply_title_with_its_first_letters_dropped_is_still_a_reply():
    """'trande över motion ...': OCR dropped the first letters of the opening word (a speck or streak at the
    start of the line); the rest of the opening still makes the line a reply title, and the title is restored."""
    docs = segment(pages(CLIPPED_REPLY))
    assert [d.type for d in docs] == ["yttrande"]
    assert docs[0].title == "Yttrande över motion från Eva Holm (V) om trygghetslarm för alla över 80 år"
    assert docs[0].decision_proposal is not None and docs[0].decision_proposal.outcome == "avslag"
    assert docs[0].responds_to is not None and docs[0].responds_to.title.startswith("Motion om trygghetslarm")


DIGIT_MOTION = """Till kommunfullmäktige i Ekby

MOT10N OM EN NY GÅNGBRO ÖVER
ÅN VID KVARNEN

Den som bor väster om ån måste i dag ta en omväg på nästan en kilometer för att
nå centrum till fots. En gångbro vid kvarnen skulle korta vägen avsevärt.

Vi föreslår därför kommunfullmäktige besluta

att uppdra åt kommunstyrelsen att utreda en gångbro över ån vid kvarnen,

att utredningen redovisar kostnad och tidplan.

Ekby den 7 april 2016

För Vänsterpartiet i Ekby
Karin Holm Tor Berg
"""


def test_motion_heading_with_digits_for_letters_is_a_motion():
    """'MOT10N OM ...': in a capitalised heading OCR reads I as 1 and O as 0; the title is still a motion's,
    so its att-satser are proposals."""
    docs = segment(pages(DIGIT_MOTION))
    assert [d.type for d in docs] == ["motion"]
    assert docs[0].title.startswith("MOTION OM EN NY GÅNGBRO")
    assert len(docs[0].proposals) == 2


LOWER_I_PARAGRAPH = """Till kommunfullmäktige
Motion om bättre belysning i parkerna

i Ekby finns i dag drygt 40 parker. Enligt den inventering som tekniska
nämnden lät göra förra året saknar hälften av dem belysning längs gångvägarna.
Många undviker därför parkerna när det är mörkt.

Jag föreslår därför

att tekniska nämnden får i uppdrag att ta fram en plan för belysning i parkerna.

Ekby den 2 mars 2019

Anna Berg (M)
"""


def test_paragraph_opening_in_lower_case_does_not_continue_the_title():
    """'I Ekby finns ...' read as 'i Ekby finns ...': across the blank line under the title, a full-width line
    with more full-width lines under it opens the body; it does not continue the title."""
    docs = segment(pages(LOWER_I_PARAGRAPH))
    assert docs[0].title == "Motion om bättre belysning i parkerna"


SIGNERS_MISREAD = """Motion om fler papperskorgar i centrum

Papperskorgarna i centrum räcker inte till under sommaren, och skräpet sprids
till parker och gator. Fler och större korgar skulle hålla staden renare.

Vi föreslår

att tekniska nämnden får i uppdrag att ställa ut fler papperskorgar i centrum.

Ekby den 4 maj 2018

För Centerpartiet i Ekby
linnea Åkesson Tor Berg
"""

OFFICIAL_MISREAD = """Yttrande över motion om fler papperskorgar i centrum

Förslag till beslut
att föreslå kommunfullmäktige att bifalla motionen.

Bakgrund
Motionärerna föreslår att fler papperskorgar ställs ut i centrum. Förvaltningen
delar deras bedömning och har redan beställt tjugo nya korgar.

För tekniska förvaltningen

UIf Björk
kanslichef
"""


def test_signer_given_name_with_I_l_confusion_is_repaired():
    """A signer's given name at the end of a document with capital I / small l / small i confused by OCR:
    'linnea Åkesson' (first letter read in lower case) and 'UIf Björk' (the l read as a capital I)."""
    motion = segment(pages(SIGNERS_MISREAD))[0]
    assert [(a.name, a.party) for a in motion.authors] == [("Linnea Åkesson", "C"), ("Tor Berg", "C")]
    reply = segment(pages(OFFICIAL_MISREAD))[0]
    assert [(a.name, a.role) for a in reply.authors] == [("Ulf Björk", "kanslichef")]


SPECKLED_LIST = """Motion om tillgängliga badplatser

Till kommunfullmäktige
Vi yrkar att kommunfullmäktige beslutar

"att minst en badplats i varje kommundel görs tillgänglig för personer med
rörelsehinder,

att parkering för rörelsehindrade ordnas vid dessa badplatser,

att information om tillgängligheten publiceras på kommunens webbplats.

Ekby den 4 november 2013

Anna Ek (MP)
"""


def test_speck_read_as_quote_mark_before_the_first_att_sats():
    """'"att minst en ...': a speck by the first letter read as a quote mark does not hide the att-sats, and
    the run of att-satser after the lead-in goes on."""
    docs = segment(pages(SPECKLED_LIST))
    assert [p.text for p in docs[0].proposals] == [
        "att minst en badplats i varje kommundel görs tillgänglig för personer med rörelsehinder,",
        "att parkering för rörelsehindrade ordnas vid dessa badplatser,",
        "att information om tillgängligheten publiceras på kommunens webbplats.",
    ]


MISREAD_MARKERS = """Motion om simundervisning i årskurs 2

Simkunnighet är en fråga om liv och hälsa, och skolan bör ta ansvar för den tidigt.

Mot denna bakgrund föreslår vi

1, att barn- och utbildningsnämnden får i uppdrag att erbjuda simundervisning för alla
elever i årskurs 2,

2. att simkunnigheten redovisas för kommunfullmäktige varje år.

Vi yrkar vidare

- att skolskjuts till simhallen ordnas för elever på landsbygdsskolorna i
kommunen,

= att kostnaden ryms inom nämndens ram.

Ekby den 12 oktober 2015

Lars Björk (C)
"""


def test_list_markers_misread_by_the_scan_still_open_att_satser():
    """'1, att' (the number's dot read as a comma) and '= att' (a dash bullet thickened into '=') open att-satser
    of their own; without them the sats would be lost or glued onto the one above."""
    docs = segment(pages(MISREAD_MARKERS))
    assert [p.text for p in docs[0].proposals] == [
        "att barn- och utbildningsnämnden får i uppdrag att erbjuda simundervisning för alla elever i årskurs 2,",
        "att simkunnigheten redovisas för kommunfullmäktige varje år.",
        "att skolskjuts till simhallen ordnas för elever på landsbygdsskolorna i kommunen,",
        "att kostnaden ryms inom nämndens ram.",
    ]


PROTOCOL_ITEM = """Region Ekby
Regionstyrelsen

PROTOKOLL
Sammanträdesdatum: 2017-11-23

KS 5288
Motion från Bo Lind (C) om vinterbussar till ön

KS 2017/412

Kommunstyrelsens förslag till kommunfullmäktige
Motionen bifalls.

Sammanfattning
Bo Lind (C) föreslår i en motion att kollektivtrafiken till ön ska förstärkas under
vintern, så att det finns minst tre turer per vardag.

Justerandes signatur
"""

PROTOCOL_CASE_NUMBER = """EKBY KOMMUN

Protokoll
Kommunfullmäktige
Sammanträdesdatum: 2023-09-27

§ 187

Motion från Eva Holm (V) om skuggande träd på skolgårdar
Ärendenummer: KS 2023/00412

Ärendebeskrivning
Eva Holm (V) har i en motion föreslagit att kommunen tar fram en plan för skuggande
träd på förskole- och skolgårdar.

Beslut
Kommunfullmäktige bifaller motionen.
"""


def test_protocol_item_number_with_paragraph_sign_misread():
    """'KS 5288' is 'KS § 288' with the '§' read as a 5: the line under it is the item's title (not the
    letterhead above it)."""
    docs = segment(pages(PROTOCOL_ITEM))
    assert docs[0].type == "protokollsutdrag"
    assert docs[0].title == "Motion från Bo Lind (C) om vinterbussar till ön"


def test_case_number_field_under_the_title_is_not_part_of_it():
    """'Ärendenummer: KS 2023/00412' right under the title (the blank line lost) is a letterhead field."""
    docs = segment(pages(PROTOCOL_CASE_NUMBER))
    assert docs[0].title == "Motion från Eva Holm (V) om skuggande träd på skolgårdar"
    assert docs[0].responds_to is not None and docs[0].responds_to.title == "Motion om skuggande träd på skolgårdar"


GLUED_YEAR = """Motion om belysning längs skolvägar

Många skolvägar i tätorten saknar belysning, och under vintern går barnen till skolan i mörker.

Vi föreslår

- att gång- och cykelvägarna längs skolvägarna förses med belysning,

- att belysningen i första hand byggs ut längs stråk till kollektivtrafiken.
Ekby den 2 april2019

För Moderaterna

Per Holm
"""


def test_signing_date_with_the_year_glued_to_the_month_ends_the_last_att_sats():
    """'Ekby den 2 april2019' (the space before the year lost) is the signing line, not part of the att-sats."""
    assert is_place_date("Ekby den 2 april2019")
    assert segment(pages(GLUED_YEAR))[0].proposals[-1].text == "att belysningen i första hand byggs ut längs stråk till kollektivtrafiken."


MISREAD_PROTOCOL = """Region Ekby
Regionstyrelsen

PROTOKCLL
Sammanträdesdatum: 2017-11-23

RS § 288
Motion från Bo Lind (C) om vinterbussar till ön

Regionstyrelsens förslag till regionfullmäktige
Motionen bifalls.

Sammanfattning
Bo Lind (C) föreslår i en motion att kollektivtrafiken till ön ska förstärkas under
vintern, så att det finns minst tre turer per vardag.
"""


def test_protokoll_heading_misread_by_a_letter_is_a_protocol():
    """'PROTOKCLL': the one-word protocol heading with a letter misread still makes a protocol extract."""
    assert marker("PROTOKCLL") == ("protokollsutdrag", "strong")
    assert marker("Protokollet") is None
    doc = segment(pages(MISREAD_PROTOCOL))[0]
    assert doc.type == "protokollsutdrag"
    assert doc.title == "Motion från Bo Lind (C) om vinterbussar till ön"
    assert doc.decision_proposal is not None and doc.decision_proposal.outcome == "bifall"


SPLIT_ADDRESS = """Motion till kommunfull mäktige
Solceller på kommunens egna tak
Bakgrund

Kommunen har antagit målet att vara klimatneutral år 2030, och kommunens egna tak
kan bära solceller som producerar el lokalt.

Jag föreslår

att kommunen installerar solceller på sina egna tak.

Ekby den 3 mars 2022

Eva Berg (MP)
"""


def test_address_line_with_the_organ_split_by_ocr_is_not_the_title():
    """'Motion till kommunfull mäktige': the organ's name split at a letter gap is still the address line."""
    assert addressee("Motion till kommunfull mäktige") == "Kommunfullmäktige"
    assert addressee("Kommunen styrelsen") is None
    assert segment(pages(SPLIT_ADDRESS))[0].title == "Solceller på kommunens egna tak"


MISREAD_LEADIN = """Tjänsteskrivelse: Svar på motion om anhörigstöd

Till socialnämnden

Förslag till beslut

Socialnämnden förestår kommunfullmäktige

att bifalla motionens första att-sats och i övrigt anse motionen besvarad.

Bakgrund

Eva Sjöberg (KD) har i en motion föreslagit att kommunen inrättar en anhörigkonsulent
och att stödet till anhöriga utvärderas.

Lena Björk
socialchef
"""


def test_lead_in_with_its_verb_misread_is_no_heading():
    """'Socialnämnden förestår kommunfullmäktige' ('föreslår' misread by a letter) is the lead-in of the
    decision's att-sats, not a heading that would leave the decision section empty."""
    assert proposals.is_leadin("Socialnämnden förestår kommunfullmäktige")
    assert not proposals.is_leadin("Beslutet fattades av nämnden")
    doc = segment(pages(MISREAD_LEADIN))[0]
    assert doc.decision_proposal is not None
    assert doc.decision_proposal.text == "att bifalla motionens första att-sats och i övrigt anse motionen besvarad."
    assert doc.decision_proposal.outcome == "other"


MISREAD_CODES = """Motion om fler cykelvägar

Cykelvägnätet i kommunen har stora luckor mellan stadsdelarna och centrum.

Vi föreslår

att en plan för att knyta ihop cykelvägnätet tas fram.

Ekby den 14 mars 2011
Lena Forsberg (S)

Mikael Holm (VV)

Anna Ek (1.)
Kjell Berg (sSs)
"""


def test_party_code_doubled_or_read_as_one_by_ocr():
    """'(VV)', '(sSs)': a one-letter party code that OCR doubled or tripled; '(1.)': the L of Liberalerna read
    as a 1 with a speck."""
    doc = segment(pages(MISREAD_CODES))[0]
    assert [(a.name, a.party) for a in doc.authors] == [
        ("Lena Forsberg", "S"), ("Mikael Holm", "V"), ("Anna Ek", "L"), ("Kjell Berg", "S")]


GLUED_NUMBER = """Motion om kontroll av underleverantörer

Kommunen saknar i dag en samlad uppföljning av vilka underleverantörer som anlitas.

Mot bakgrund av ovanstående föreslår vi att kommunfullmäktige beslutar

1.-att uppdra åt kommunstyrelsen att införa krav på redovisning av samtliga
underleverantörer i kommunens upphandlingar,

2. att uppdra åt kommunstyrelsen att inrätta en funktion för avtalsuppföljning.

Ekby den 5 mars 2018

Eva Lund (V)
"""

DOUBLED_BULLET = """EKBY KOMMUN
PROTOKOLLSUTDRAG

§ 45
Motion om laddplatser vid kommunens förskolor

Kommunstyrelsens förslag till kommunfullmäktige
oo att avslå motionen.
Reservation

Malin Ek (C) reserverar sig mot beslutet till förmån för eget yrkande.
"""


def test_number_with_a_dash_glued_on_and_a_doubled_round_bullet_open_att_satser():
    """'1.-att' (the number and a speck or dash run together) and 'oo att' (a round bullet read as two o's)."""
    assert [p.text for p in segment(pages(GLUED_NUMBER))[0].proposals] == [
        "att uppdra åt kommunstyrelsen att införa krav på redovisning av samtliga underleverantörer i kommunens upphandlingar,",
        "att uppdra åt kommunstyrelsen att inrätta en funktion för avtalsuppföljning.",
    ]
    doc = segment(pages(DOUBLED_BULLET))[0]
    assert doc.decision_proposal is not None and doc.decision_proposal.text == "att avslå motionen."


LOST_DECISION_HEADING = """EKBY KOMMUN
PROTOKOLLSUTDRAG

§ 187
Motion om skuggande träd på skolgårdar

Ärendebeskrivning
Eva Holm (V) har i en motion föreslagit att kommunen tar fram en plan för skuggande
träd på förskole- och skolgårdar.

Omröstningsresultat
Med 33 ja-röster mot 30 nej-röster beslutar kommunfullmäktige att
bifalla motionen. Två ledamöter avstår från att rösta.

Besi:

Kommunfullmäktige beslutar
att bifalla motionen.
Reservation

Ledamöterna för Moderaterna reserverar sig mot beslutet.
"""


def test_decision_att_sats_with_the_verb_before_motionen_is_found_without_its_heading():
    """'Beslut' misread beyond recognition ('Besi:'): the fallback takes the att-sats deciding on the motion,
    also when the verb comes first ('att bifalla motionen'), rather than a sentence of the vote count."""
    doc = segment(pages(LOST_DECISION_HEADING))[0]
    assert doc.decision_proposal is not None
    assert doc.decision_proposal.text == "att bifalla motionen."
    assert doc.decision_proposal.outcome == "bifall"


def _protocol_extract(heading: str, date: str, item: str) -> str:
    """An invented protocol extract on a motion; ``heading``/``item`` are the lines under test."""
    return f"""EKBY KOMMUN

Barn- och utbildningsnämnden
{heading}
Sammanträdesdatum {date}

{item}
Yttrande över motion om skolbibliotek

Ärendebeskrivning
Förvaltningen föreslår att motionen anses besvarad.

Beslut
att som sitt yttrande överlämna förvaltningens skrivelse och föreslå att motionen anses besvarad.
"""


SPLIT_KEYWORD = """Yttrande över motion om skolbibliotek

Förslag till beslut
att föreslå kommunfullmäktige att anse motionen besvarad.

Förvaltningen har utrett frågan och föreslår att en skolbibliotekarie anställs för
landsbygdsskolorna från hösten.

Ingrid Svan
Förvaltningschef
""" + _protocol_extract("SAMMANTRÄDE SPROTOKOLL", "2005-04-27", "§ 38")


def test_one_word_protocol_heading_split_by_a_space_still_starts_a_protocol():
    """'SAMMANTRÄDE SPROTOKOLL': a space OCR put inside the long word at a letter gap."""
    assert marker("SAMMANTRÄDE SPROTOKOLL") == ("protokollsutdrag", "strong")
    assert marker("Yttrande svar") is None
    docs = segment(pages(SPLIT_KEYWORD))
    assert [d.type for d in docs] == ["yttrande", "protokollsutdrag"]
    assert docs[1].decision_proposal is not None and docs[1].decision_proposal.outcome == "besvarad"


def test_misread_om_after_the_movers_party_code_still_gives_the_motion_title():
    """'... (SD) m fler träd', '... (L) cm läxhjälp': the 'om' after the movers' party code misread by a letter."""
    assert responded_title("Yttrande över motion från Johan Berg och Sara Lind (SD) m fler träd i stadsmiljön") == (
        "Motion om fler träd i stadsmiljön")
    assert responded_title("Svar på motion från Anna Lind (L) cm läxhjälp på stadens bibliotek") == (
        "Motion om läxhjälp på stadens bibliotek")


MISREAD_DNR_ITEM = _protocol_extract("SAMMANTRÄDESPROTOKOLL", "2005-04-26", "§ 33 pnr BUN 2005.0C45")


def test_misread_case_number_beside_the_item_number_is_not_the_item_title():
    """'§ 33 pnr BUN 2005.0C45': the dnr beside the § with its label and a digit misread is still a case number;
    the item's title is the line under it."""
    doc = segment(pages(MISREAD_DNR_ITEM))[0]
    assert doc.title == "Yttrande över motion om skolbibliotek"
