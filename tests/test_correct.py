"""Tests of the Swedish OCR correction stage (pipeline.correct).

Data-driven over tests/fixtures/correct/; they need the built lexicon
(`make dictionaries`).  Nothing is mocked.
"""
from __future__ import annotations

import json
from pathlib import Path

import jiwer
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.bench.correction import load_sets, word_changes
from pipeline.correct import Corrector, correct_page
from pipeline.model import Engine, Page

FIX = Path(__file__).parent / "fixtures" / "correct"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corrector() -> Corrector:
    return Corrector.load()


def _cases(name: str) -> list[str]:
    return [ln for ln in (FIX / name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@pytest.mark.parametrize("line", _cases("protected.txt"))
def test_protected_tokens_unchanged(corrector: Corrector, line: str) -> None:
    res = corrector.correct_text(line)
    assert res.text == line, res.corrections


@pytest.mark.parametrize("case", _cases("confusions.tsv") + _cases("phrases.tsv"))
def test_confusion_classes_fixed(corrector: Corrector, case: str) -> None:
    ocr, expected = (x.replace("\\n", "\n") for x in case.split("\t"))  # "\n": a line break in the case
    assert corrector.correct_text(ocr).text == expected


@pytest.mark.parametrize("name", ["correct prose", "clean council texts"])
def test_correct_prose_nearly_untouched(corrector: Corrector, name: str) -> None:
    lines, _ = load_sets()[name]
    res = corrector.correct_text("\n".join(lines))
    words = sum(len(x.split()) for x in lines)
    assert words >= 1000
    assert len(res.corrections) <= 0.001 * words, [(c.original, c.correction) for c in res.corrections]


def test_stripped_correct_text_keeps_its_other_words(corrector: Corrector) -> None:
    """The clean council texts with every å/ä/ö stripped, as an English model prints them: the damaged
    document's search runs on every word, and the words that had no å/ä/ö to lose (rare compounds,
    names, words no list has) must stay as they are — 0.2 % at most change (now ~0.11 %)."""
    stripped, truth = load_sets()["clean texts, å/ä/ö stripped"]
    out = corrector.correct_text("\n".join(stripped)).text.split("\n")
    right = broken = 0
    for t, o, a in zip(truth, stripped, out):
        if len(t.split()) != len(a.split()):
            continue
        for x, y, z in zip(t.split(), o.split(), a.split()):
            if x == y:
                right += 1
                broken += z != x
    assert right >= 10_000
    assert broken <= 0.002 * right, broken


def test_no_correction_reads_a_foreign_word(corrector: Corrector) -> None:
    """English-model OCR makes English and web words out of Swedish ones ("thar", "cich"), never the
    other way round: no applied correction on the dev sets reads a token as a frequent web-only form
    without å/ä/ö (``Lexicon.foreign``: "that", "rich", "fresh")."""
    foreign = corrector.lex.foreign
    assert {"that", "rich", "fresh"} <= foreign and not {"och", "pa", "nagra"} & foreign
    bad = []
    for name in ("eng-ocr dev", "eng-ocr-2 dev", "eng-ocr-3 dev", "eng-ocr-4 dev"):
        ocr, _ = load_sets()[name]
        res = corrector.correct_text("\n".join(ocr))
        bad += [(c.original, c.correction) for c in res.corrections if c.applied and c.correction.lower() in foreign]
    assert not bad


@pytest.mark.parametrize("name", ["sample 1-150", "eng-ocr dev", "eng-ocr heldout", "eng-ocr-2 dev", "eng-ocr-2 heldout",
                                  "eng-ocr-3 dev", "eng-ocr-3 heldout", "eng-ocr-4 dev", "eng-ocr-4 heldout",
                                  "eng-ocr-5 dev", "eng-ocr-5 heldout", "eng-ocr-6 dev", "eng-ocr-6 heldout",
                                  "clean texts, å/ä/ö stripped"])
def test_idempotent(corrector: Corrector, name: str) -> None:
    ocr, _ = load_sets()[name]
    once = corrector.correct_text("\n".join(ocr)).text
    twice = corrector.correct_text(once)
    assert twice.text == once, [(c.original, c.correction) for c in twice.corrections]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcdeéiklmnorståäöSK0146&#{£ .,-:;_'’‘+|/()§!\t")), max_size=40), min_size=1, max_size=6))
@example(lines=["é", "0K", "§0K"])  # a damaged page whose "§" took its lost space back: recorded as a split
def test_lines_whitespace_and_order_preserved(lines: list[str]) -> None:
    corrector = Corrector.load()
    text = "\n".join(lines)
    res = corrector.correct_text(text)
    out = res.text.split("\n")
    assert len(out) == len(lines)
    for i, (a, b) in enumerate(zip(lines, out)):
        assert len(a) - len(a.lstrip()) == len(b) - len(b.lstrip())
        assert a[len(a.rstrip()):] == b[len(b.rstrip()):]
        # only a "split" correction (a word gap read as punctuation) adds words; only a stray mark goes
        methods = {m for c in res.corrections if c.line == i for m in c.method.split("+")}
        grown = len(b.split()) - len(a.split())
        assert grown == 0 or grown > 0 and "split" in methods or grown < 0 and "symbol" in methods, res.corrections


WORDS = "namnden foreslar att kommunfullmaktige beslutar for pa ar och Motionen bor galla vardagar 6ver f6r dr".split()
GLYPHS = list("abcdeéiklmnorståäöSK0146&#{£ .,-:;_'’‘+|/()§!\t")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=st.sampled_from(GLYPHS), min_size=1, max_size=6)),
                         max_size=12).map(" ".join), min_size=1, max_size=5))
def test_idempotent_and_audited_on_any_input(lines: list[str]) -> None:
    """Stripped words among random OCR glyphs: the output is a fixed point, and the corrections, applied
    to the raw lines, give it (each original being what the raw line holds there)."""
    corrector = Corrector.load()
    text = "\n".join(lines)
    res = corrector.correct_text(text)
    assert corrector.correct_text(res.text).text == res.text
    rebuilt = list(lines)
    for c in sorted(res.corrections, key=lambda c: (c.line, -c.start)):
        assert lines[c.line][c.start:c.end] == c.original, c
        rebuilt[c.line] = rebuilt[c.line][: c.start] + c.correction + rebuilt[c.line][c.end :]
    assert "\n".join(rebuilt) == res.text


def test_corrections_locate_raw_text(corrector: Corrector) -> None:
    ocr, _ = load_sets()["sample 1-150"]
    res = corrector.correct_text("\n".join(ocr), page=3)
    raw = "\n".join(ocr).split("\n")
    assert res.corrections
    for c in res.corrections + res.suggestions:
        assert c.page == 3
        assert raw[c.line][c.start:c.end] == c.original
        assert c.method and c.rule


def test_frequent_word_variants_in_damaged_text(corrector: Corrector) -> None:
    """A frequent word missing a letter ("tll") or read one confusion off is restored — only in a text
    that has lost its å/ä/ö; the same words in an intact text are left alone.  Invented text."""
    damaged = "arendet har beretts av socialforvaltningen\noch skickas tll namnden for beslut\nnar styrelsen har behandlat fragan"
    assert "skickas till nämnden för beslut" in corrector.correct_text(damaged).text
    intact = "ärendet har beretts av socialförvaltningen\noch skickas tll nämnden för beslut\nnär styrelsen har behandlat frågan"
    assert corrector.correct_text(intact).text == intact


def test_split_corrections_locate_raw_text(corrector: Corrector) -> None:
    text = "nämnden kommer.att följa det och planen ska genomforas-i december\nBarn-0ch utbildningsnämnden\nskolor,forskolor och fritidshem"
    res = corrector.correct_text(text)
    raw = text.split("\n")
    splits = [c for c in res.corrections if c.method == "split"]
    assert len(splits) >= 2
    for c in res.corrections:
        assert raw[c.line][c.start:c.end] == c.original
    assert corrector.correct_text(res.text).text == res.text


def test_correct_page_keeps_raw_text(corrector: Corrector) -> None:
    raw = "kostnaden 6kar varje år\n\nden nya forskolan"
    page = Page(number=2, origin="ocr", raw_text=raw, text=raw, engine=Engine("tesseract", "5"))
    correct_page(page, corrector)
    assert page.raw_text == raw
    assert page.text == "kostnaden ökar varje år\n\nden nya förskolan"
    assert all(c.page == 2 and c.applied for c in page.corrections)


def _scores(corrector: Corrector, name: str) -> tuple[float, float, float]:
    ocr, truth = load_sets()[name]
    out = corrector.correct_text("\n".join(ocr)).text.split("\n")
    pairs = [(t, a) for t, a in zip(truth, out) if t.strip()]
    _, broken, right = word_changes(ocr, truth, out)
    return jiwer.cer([p[0] for p in pairs], [p[1] for p in pairs]), jiwer.wer([p[0] for p in pairs], [p[1] for p in pairs]), broken / right


def test_sample_regression_guard(corrector: Corrector) -> None:
    """Current level on the sample (raw: CER 5.6%, WER 30.7%; now ~0.61% / ~1.94%); must not get worse."""
    cer, wer, broken = _scores(corrector, "sample 1-150")
    assert cer <= 0.0062 and wer <= 0.0195 and broken <= 0.002


@pytest.mark.xfail(strict=True, reason="acceptance target not met yet: CER ~0.60% (WER ~1.94% and broken 0 meet theirs)")
def test_sample_acceptance_targets(corrector: Corrector) -> None:
    cer, wer, broken = _scores(corrector, "sample 1-150")
    assert cer <= 0.005 and wer <= 0.02 and broken <= 0.002


@pytest.mark.parametrize("name", ["eng-ocr dev", "eng-ocr heldout", "eng-ocr-2 dev", "eng-ocr-2 heldout", "eng-ocr-3 dev",
                                  pytest.param("eng-ocr-3 heldout", marks=pytest.mark.xfail(
                                      strict=True, reason="#3 open: unseen set 3 at ~0.18 of the raw WER, but 0.27 % broken")),
                                  "eng-ocr-4 dev",
                                  pytest.param("eng-ocr-4 heldout", marks=pytest.mark.xfail(
                                      strict=True, reason="#3 open: unseen set 4 at ~0.17 of the raw WER, but 0.30 % broken")),
                                  "eng-ocr-5 dev", "eng-ocr-5 heldout", "eng-ocr-6 dev",
                                  pytest.param("eng-ocr-6 heldout", marks=pytest.mark.xfail(
                                      strict=True, reason="#3 open: unseen set 6 at ~0.16 of the raw WER, but 0.35 % broken"))])
def test_eng_ocr_improves_without_breaking(corrector: Corrector, name: str) -> None:
    ocr, truth = load_sets()[name]
    pairs = [(t, o) for t, o in zip(truth, ocr) if t.strip()]
    before = jiwer.wer([p[0] for p in pairs], [p[1] for p in pairs])
    cer, wer, broken = _scores(corrector, name)
    # now ~0.08 (dev) / ~0.13 (held-out) / ~0.09 (dev2) / ~0.13 (held-out 2) / ~0.15 (dev3) / ~0.17 (dev4) /
    # ~0.15 (dev5) / ~0.14 (held-out 5) / ~0.14 (dev6) of the raw WER
    assert wer < before * 0.2
    assert broken <= 0.002


def test_damaged_party_codes_repaired(corrector: Corrector) -> None:
    """Brackets/letters of a party code after a name misread; never turned into a word.  Invented text."""
    res = corrector.correct_text("Anna Berglund {5} och Per Holm (m} yrkar bifall\nden (s} var")
    assert res.text == "Anna Berglund (s) och Per Holm (m) yrkar bifall\nden (s} var"
    assert corrector.correct_text(res.text).text == res.text


def test_surname_before_party_code_stays_a_name(corrector: Corrector) -> None:
    # a surname that is also a lost-diacritic common noun is not "restored" before a party code
    text = "arendet har beretts av forvaltningen och Linder (m) yrkar att namnden ska besluta"
    assert "Linder (m)" in corrector.correct_text(text).text


def test_skeleton_lookup_finds_in_class_confusions(corrector: Corrector) -> None:
    from pipeline.correct.skeleton import skeleton, variants

    assert skeleton("billig") == skeleton("bi1lig".replace("1", "l"))
    keys = variants("kommnn", 3, 1.6, False, corrector.lex.has_sk_prefix)
    assert any("kommun" in corrector.lex.skeleton.get(k, ()) for k in keys)


def test_listed_word_beats_unlisted_compound_of_common_parts(corrector: Corrector) -> None:
    """'férskolans' is 'förskolans' (listed, é→ö), not 'får' + 'skolans': an unlisted compound is never
    scored as a common word, however common its parts.  Invented text."""
    res = corrector.correct_text("barnen i férskolans grupper far mat varje dag")
    assert res.text.split()[2] == "förskolans"
    assert corrector.compounds.pseudo_count("fårskolans") <= 1000


def test_intact_document_keeps_listed_words_without_diacritics(corrector: Corrector) -> None:
    """A document that keeps its å/ä/ö writes "besvarande" and "sandningen" on purpose: they are listed
    words, not lost "besvärande" or "sändningen".  Invented text."""
    text = ("Besvarande av motion om cykelvägar i Växjö kommun\n"
            "Nämnden föreslår att motionen ska anses besvarad. Förvaltningen bedömer att sandningen av gång- och\n"
            "cykelvägar kan förbättras under vintern, när många äldre går ut. Åtgärderna ryms inom nämndens budget\n"
            "för år 2020 och påverkar inte övriga åtaganden. Fullmäktige får en återrapport i början av nästa år.")
    res = corrector.correct_text(text)
    assert res.text == text, [(c.original, c.correction) for c in res.corrections]


def test_rare_word_by_dear_edit_not_applied(corrector: Corrector) -> None:
    """An unknown word whose only reading is a rare word reached by a free two-letter edit stays (a
    suggestion at most): the "Inledning" → "Elledning" regression.  Invented text."""
    res = corrector.correct_text("arendet har beretts av forvaltningen\n1. Tjxledning")
    assert "Elledning" not in res.text and "elledning" not in res.text


def test_short_word_pairs_follow_grammar(corrector: Corrector) -> None:
    """"får" after a subject pronoun; "år" after a numeral.  Invented damaged text."""
    text = "arendet har beretts av forvaltningen och namnden\nvi fir inte glomma att det var 3 ar sedan"
    out = corrector.correct_text(text).text
    assert "vi får inte" in out and "3 år sedan" in out


def test_misread_capital_lowercased_mid_sentence(corrector: Corrector) -> None:
    """A tall l read as "L" mid-sentence: a common lower-case reading is not a name.  Invented text."""
    text = "arendet har beretts av forvaltningen och det ar Latt att forsta for namnden"
    assert "är lätt att" in corrector.correct_text(text).text


def test_decision_cache_persists_and_is_consistent() -> None:
    """The whole-token decision LRU persists across pages and gives what a fresh corrector gives."""
    from pipeline.correct.lexicon import Lexicon

    ocr, _ = load_sets()["eng-ocr dev"]
    text = "\n".join(ocr)
    warm = Corrector.load()
    warm.correct_text(text)
    assert warm._decisions
    fresh = Corrector(Lexicon.load())
    assert warm.correct_text(text).text == fresh.correct_text(text).text


DAMAGED = "arendet har beretts av forvaltningen och namnden ska besluta om "


def test_second_chance_reads_heavy_damage(corrector: Corrector) -> None:
    """A long word with a doubled, an extra and a ring-less letter: only the second-chance search
    (frequent words of about its length, re-scored by the channel) reaches it.  Invented text."""
    res = corrector.correct_text(DAMAGED + "hhushalllet idag")
    assert res.text.split()[-2] == "hushållet"
    assert any(c.method == "fuzzy" and c.applied for c in res.corrections)
    assert corrector.correct_text(res.text).text == res.text


def test_second_chance_unclear_stays_a_suggestion(corrector: Corrector) -> None:
    """Heavy damage whose reading is too dear for the token's length is suggested, not applied."""
    res = corrector.correct_text(DAMAGED + "utbiklriingen idag")
    assert "utbiklriingen" in res.text
    assert any(s.correction == "utbildningen" for s in res.suggestions)


def test_ri_read_for_n(corrector: Corrector) -> None:
    res = corrector.correct_text(DAMAGED + "férvaltriingen idag")
    assert res.text.split()[-2] == "förvaltningen"


def test_gap_after_function_words_split(corrector: Corrector) -> None:
    """A gap read as "-"/"." after a one-letter function word or a non-prefix function word is a space;
    real hyphenated words ("i-land", "att-sats", "e-post") stay.  Invented text."""
    assert corrector.correct_text("vi bor i.skolan nu").text == "vi bor i skolan nu"
    assert corrector.correct_text("han talar i-den frågan").text == "han talar i den frågan"
    assert corrector.correct_text("hon-har gjort det").text == "hon har gjort det"
    for keep in ("ett i-land och en e-post", "den första att-satsen bifalls"):
        assert corrector.correct_text(keep).text == keep


INVENTED_NAMES = Path(__file__).parent / "fixtures" / "correct" / "invented-names.txt"


@pytest.mark.parametrize("prefix", ["", "Det var for manga ar sedan som hon gick till forskolan.\n"])
def test_invented_names_and_places_untouched(corrector: Corrector, prefix: str) -> None:
    """Unknown surnames and places (invented), mid-sentence, at sentence and block starts, in a clean
    and in a damaged document, stay as written."""
    text = INVENTED_NAMES.read_text(encoding="utf-8")
    res = corrector.correct_text(prefix + text)
    assert res.text.split("\n")[-text.count("\n") - 1 :] == text.split("\n")
    heading = "Protokollet justerades av ledamöterna i nämnden för kultur och fritid den dagen\nKalle Vintrén\nStorbäcksby Kommun Rydgrén Nämnd\n"
    assert corrector.correct_text(prefix + heading).text.endswith(heading)


def test_block_start_after_short_line() -> None:
    from pipeline.correct.tokenize import words_of_page

    lines = ["Det här är en lång rad som fortsätter meningen på nästa rad utan paus", "Kommunen har beslutat att",
             "Rubrik", "Kommunen har en lång rad här som fortsätter meningen på nästa rad men"]
    first = {w.line: w for w in words_of_page(lines) if w.start == 0}
    assert not first[1].block_start  # a full line before: the sentence continues
    assert first[3].block_start  # a short heading line before: a new block


def test_heading_line_starts_a_block() -> None:
    from pipeline.correct.tokenize import words_of_page

    lines = ["Det här är en lång rad som fortsätter meningen på nästa rad utan paus", "Regler för bidrag till föreningar och",
             "Förslag till beslut", "Det här är en lång rad som fortsätter meningen på nästa rad utan paus",
             "Yttrande över motionen om fler träd och bänkar vid de stora gångstråken", "i stadsmiljön",
             "Det här är en lång rad som fortsätter meningen på nästa rad utan paus", "Lindqvist sa."]
    first = {w.line: w for w in words_of_page(lines) if w.start == 0}
    assert first[2].block_start  # a short capitalised line with no closing mark: a heading
    assert not first[5].block_start  # a heading's wrapped second line opens in lower case
    assert not first[7].block_start  # a paragraph's last line ends with its full stop


def test_capitalised_words_at_sentence_and_block_start_corrected(corrector: Corrector) -> None:
    text = ("Det var for manga ar sedan som hon gick till forskolan och hade roligt med alla\n"
            "Sammanfattning\nFoivaltningen har tagit fram ett forslag till ny ordning for alla")
    assert "Förvaltningen" in corrector.correct_text(text).text


def test_capital_after_a_section_number_stays_a_capital(corrector: Corrector) -> None:
    """"3 Atgarder": a section heading after its number, the capital Å read as A — not a lower-case å
    mid-sentence.  Invented text."""
    text = DAMAGED + "\n3 Atgarder\nNamnden foreslar att arbetet borjar under varen."
    assert corrector.correct_text(text).text.split("\n")[1] == "3 Åtgärder"


def test_place_name_ending_in_a_common_noun(corrector: Corrector) -> None:
    """"<Name>vägen": the noun takes its å/ä/ö back and the unknown name only loses the é read for ö —
    no free reading of the name ("Linde" + "vägen"); a known name with é ("Linné") keeps it.  Invented."""
    out = corrector.correct_text(DAMAGED + "\ntrafiken pa Lindévagen och Linnégatan ska ses over.").text
    assert out.split("\n")[1] == "trafiken på Lindövägen och Linnégatan ska ses över."


def test_rare_web_only_forms_read_as_non_words_in_damaged_text(corrector: Corrector) -> None:
    """"arbeter", "clever" are in the web frequency list (rare, foreign or typos) but no Swedish form
    hunspell knows: in a damaged document they are misread "arbetet", "elever".  Invented text."""
    out = corrector.correct_text(DAMAGED + "\nnämnden vill att arbeter med planen och alla clever fortsatter.").text
    assert out.split("\n")[1].startswith("nämnden vill att arbetet med planen och alla elever")
    assert corrector.correct_text(out).text == out


def test_common_word_with_a_small_capital_mid_sentence(corrector: Corrector) -> None:
    """"Kostnaderna" after a lower-case word on its line, in a damaged document: a K read as its
    capital, though the document writes the word nowhere else.  Invented text."""
    out = corrector.correct_text(DAMAGED + "\nnamnden har raknat pa hur Kostnaderna for skolan ska fordelas").text
    assert "hur kostnaderna för skolan" in out
    # ... also when the word itself is damaged: its reading is the common word
    out = corrector.correct_text(DAMAGED + "\nstyrelsen vill att Kulturnamnden utreder saken").text
    assert "att kulturnämnden utreder" in out


def test_sentence_start_keeps_a_capital_read_as_a_digit_or_glyph(corrector: Corrector) -> None:
    """"1" opening a sentence is the word "I", and a glyph read for a sentence's first capital ("¥")
    gives its reading a capital.  Invented text."""
    text = (DAMAGED + "\ndet nya schemat for vintern som galler hela kommunen och alla dess skolor.\n"
            "1 forslaget star att alla skolor ska ha samma tider. ¥tan vid skolan ar plan.")
    out = corrector.correct_text(text).text.split("\n")[2]
    assert out.startswith("I förslaget") and ". U" in out


def test_damaged_capital_mid_sentence(corrector: Corrector) -> None:
    """A capitalised word with OCR damage glyphs is no clean name: its capital misread for "l"."""
    out = corrector.correct_text("Det var for manga ar sedan.\nvi har ett nytt Iénekontor i år").text
    assert "lönekontor" in out


def test_long_compound_read_for_a_misread_capital_mid_sentence(corrector: Corrector) -> None:
    """A long capitalised non-word inside a sentence whose capital is a misread "å" reads as a listed
    compound even though, as long compounds are, it is a rare form.  Invented text."""
    text = (DAMAGED + "\nvintrar. Samtidigt kastas varje ar stora mangder fullt anvandbara mobler och cyklar pa\n"
            "Atervirinirigsstationerna. Det ar viktigt.")
    assert corrector.correct_text(text).text.split("\n")[2].startswith("återvinningsstationerna.")


def test_precomputed_letter_pairs(corrector: Corrector) -> None:
    """``make dictionaries`` stores the letter-pair table (no lazy build on the cold path)."""
    from pipeline.correct.corrector import letter_pairs

    assert corrector.lex.pairs is not None
    assert corrector.lex.pairs == letter_pairs(corrector.lex.words)


def test_lexicon_build_breaks_ties_the_same_way_every_time(corrector: Corrector) -> None:
    """``make dictionaries`` is reproducible: the å/ä/ö spellings of a stripped key are ordered by count,
    then alphabetically (the set they come from is ordered differently on every run)."""
    lex = corrector.lex
    for key, alts in lex.stripped.items():
        assert list(alts) == sorted(alts, key=lambda x: (-lex.words[x], x)), key


def test_lexicon_build_does_not_follow_the_hash_seed(tmp_path: Path) -> None:
    """``make dictionaries`` is reproducible to the order of its tables: a build under another hash seed
    lists the words, their å/ä/ö spellings and the frequent-word readings in the same order as the
    installed one (equal counts keep that order, so a tie must read the same on every build)."""
    import os
    import pickle
    import subprocess
    import sys

    from pipeline.correct.lexicon import DEFAULT_DIR, FREQUENT_FILE, LEXICON_FILE

    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "pipeline.correct.build_lexicon", "--out", str(tmp_path)], env=env,
                   check=True, capture_output=True)

    def tables(d: Path) -> tuple:
        with open(d / LEXICON_FILE, "rb") as f:
            lex = pickle.load(f)
        with open(d / FREQUENT_FILE, "rb") as f:
            freq = pickle.load(f)
        return list(lex["words"].items()), list(lex["stripped"].items()), list(freq["skeleton"].items())

    for ours, theirs in zip(tables(tmp_path), tables(DEFAULT_DIR)):
        assert ours == theirs


def test_ki_read_for_la() -> None:
    """English-model OCR reads "lä" as "ki" (invented example)."""
    from pipeline.correct.confusions import channel_cost

    assert channel_cost("kiska", "läska") <= 0.6


@pytest.mark.parametrize("case", _cases("splits.tsv") + _cases("stray-marks.tsv"))
def test_word_gaps_and_stray_marks(corrector: Corrector, case: str) -> None:
    """A gap read as "." "-" "_" "," or a mark run becomes a space, a lone quote mark at a word's edge
    goes; real hyphens, abbreviations, addresses and quotations stay; the output is a fixed point."""
    ocr, expected = (x.replace("\\n", "\n") for x in case.split("\t"))  # "\n": a line break in the case
    res = corrector.correct_text(ocr)
    assert res.text == expected, res.corrections
    assert corrector.correct_text(res.text).text == res.text


def test_function_words_are_no_compound_parts(corrector: Corrector) -> None:
    """Pronouns and conjunctions never join a compound; prefixes such as "när-", "om-", "väl-" do
    (invented compounds)."""
    cpd = corrector.compounds
    for garbage in ("vinterjagplanen", "skoldetvägen", "trafikochvägar"):
        assert not cpd.is_valid(garbage), garbage
    for fine in ("närbibliotekets", "omskolningsplanen", "välfärdstjänsterna"):
        assert cpd.is_valid(fine), fine

    for garbage in ("skolgördens", "parkdessvägen"):  # a finite verb or a pronoun's genitive is no part either
        assert not cpd.is_valid(garbage), garbage
    # "-bara" ends adjectives ("-bar" plural) though "bara" is no part elsewhere; a preposition takes no
    # linking -s- ("före" + "s" + "bär" is garbage, "efter" + "slag" a word)
    assert cpd.is_valid("laddbara") and cpd.is_valid("efterslag")
    assert not cpd.is_valid("föresbär")
    # a derivational suffix is no part: "röd" + "nings" + "tjänst" is garbage, the listed derivations stand
    assert not cpd.is_valid("rödningsbilen") and not cpd.is_valid("tallningsvägen")
    assert cpd.is_valid("bokningsavgiften") and cpd.is_valid("tillverkningsplanen")
    # ... nor their genitive as the last part ("förvalta" + "ingens" is a misread "-ningens")
    assert not cpd.is_valid("planeraingens") and not cpd.is_valid("trafikhans")
    # no linking -s- after -st: "vinsts" + "karmar" is garbage ("vinstskärmar" misread), "höst" + "stormen" a word
    assert not cpd.is_valid("vinstskarmar") and cpd.split("höststormen") == ["höst", "stormen"]
    # a tail in a definite form, listed but rare on the web, is a word when its base form is common
    assert cpd.split("kravuppfyllelsen") == ["krav", "uppfyllelsen"]
    # a 3-letter last part must be common ("hus", "rum"), or one of the records' short building and place
    # nouns ("kök", "bod"); "arm" is no such tail ("trygghetsarm" is a misread "trygghetslarm")
    assert cpd.is_valid("mottagningskök") and cpd.is_valid("förrådsbod") and not cpd.is_valid("trygghetsarm")
    # spoken pronouns are no parts either: "nån" + "patrullen" is a misread "nattpatrullen"
    assert not cpd.is_valid("nånpatrullen") and not cpd.is_valid("skolsånvägen")


def test_compound_seam_shares_a_double_consonant(corrector: Corrector) -> None:
    """Swedish writes two of three like consonants where a compound's parts meet ("natt" + "tillsyn" is
    "nattillsyn"): the head keeps its double consonant, the tail begins with the shared one.  Only for two
    common parts: rare ones made "rapp" + "posterats" of a misread "rapporterats"."""
    cpd = corrector.compounds
    assert cpd.split("nattillsyn") == ["natt", "tillsyn"]
    assert cpd.split("bussträckan") == ["buss", "sträckan"]
    assert not cpd.is_valid("rapposterats")
    assert corrector.correct_text(DAMAGED + "\nDigital nattillsyn erbjuds till fler brukare").text.endswith(
        "Digital nattillsyn erbjuds till fler brukare")


def test_listed_reading_of_damaged_compound_parts_is_no_compound_guess(corrector: Corrector) -> None:
    """The search that corrects each part of a long token on its own can land on a word the lexicon lists
    ("vattenbyggnadsstyrelsen", "ai" for "ad"): that reading is a listed word, not a compound of our
    making, so it is labelled as such and outranks an unlisted compound nearly as cheap ("…byggnääs…")."""
    best = corrector.gen.best("vattenbyggnaisstyrelsen")
    listed = [c for c in best if c.word in corrector.lex.words]
    assert listed and all(c.method != "compound" for c in listed)
    out = corrector.correct_text(DAMAGED + "\nfrågan gick till vattenbyggnaisstyrelsen i fjol").text
    assert "till vattenbyggnadsstyrelsen i" in out


def test_compound_of_common_parts_beats_one_headed_by_a_name(corrector: Corrector) -> None:
    """"samhallsbyggnadskontoret" splits as the company "Samhall" + s + "byggnadskontoret" as read; with its
    å restored it splits into as many common parts: the reading without a name part wins."""
    out = corrector.correct_text(DAMAGED + "\nenligt samhallsbyggnadskontoret ska planen ses over").text
    assert "enligt samhällsbyggnadskontoret ska" in out


def test_compound_is_as_frequent_as_its_best_split(corrector: Corrector) -> None:
    """The longest head can leave a rare tail ("skolgård" + "ens"); the count of a compound follows its
    best split ("skol" + "gårdens"), or a listed compound loses to an unlisted one of common parts."""
    words = corrector.lex.words
    assert corrector.compounds.pseudo_count("skolgårdens") >= min(words["skol"], words["gårdens"]) // 10


def test_word_family_in_the_document_decides_a_close_pair(corrector: Corrector) -> None:
    """"vard" is "vård" or "värd", too close to call by frequency (within a few per cent); a document
    that spells "vårdcentralerna" and "vården" right (or restores them confidently) is about care.
    Without the family, grammar reads it (``context.choose``): the noun after a possessive, the
    adjective after a copula.  Invented text."""
    family = ("Manga av vardcentralerna i kommunen ar gamla och aldre behover mer hjalp.\n"
              "Nar varden flyttade i vintras fick de aldre vanta och fa sin vard senare.")
    assert corrector.correct_text(family).text.split("\n")[1].endswith("få sin vård senare.")
    alone = ("Manga av stadskarnans gamla byggnader ar skyddade och aldre behover mer hjalp.\n"
             "Nar det blaste i vintras fick de aldre vanta och fa sin vard senare, men hon ar vard en chans.")
    res = corrector.correct_text(alone)
    assert res.text.endswith("få sin vård senare, men hon är värd en chans.")


def test_small_capital_inside_a_sentence_is_lower_case(corrector: Corrector) -> None:
    """English-model OCR prints some lower-case letters as their capitals (s/S, k/K: only the size
    differs).  Inside a sentence, in a damaged document that writes the word in lower case
    elsewhere, the capital goes; names, list items after a comma and "Per <Surname>" stay.
    Invented text."""
    text = ("Manga av de forslag som kommunen har fatt ar bra och Kommunen vill ga vidare.\n"
            "Det galler aven de forslag Som inkom i fjol fran Per Olsson, kommunen, Svenska kyrkan och svenska skolor.\n"
            "Aven i Svenska kyrkan finns manga svenska ord.")
    out = corrector.correct_text(text).text
    assert "och kommunen vill gå vidare" in out
    assert "förslag som inkom" in out
    assert "från Per Olsson" in out and "kommunen, Svenska kyrkan" in out and "i Svenska kyrkan" in out
    clean = "Det gäller de förslag som kommunen har fått och Kommunen vill gå vidare med dem."
    assert corrector.correct_text(clean).text == clean  # an undamaged document keeps its capitals


STRIPPED_TRUTH = (
    "Nämnden föreslår att kommunen ställer ut fler bänkar längs gångvägarna. Många äldre vill kunna vila "
    "när de går till affären, och det är svårt för dem som har ont i benen. Förvaltningen har gått igenom "
    "önskemålen från pensionärsrådet och bedömer att bänkarna kan placeras ut under våren. Kostnaden "
    "för bänkar och underhåll ryms inom nämndens budget. Även skälet att öka tryggheten "
    "väger tungt, eftersom fler människor rör sig ute när det går att sätta sig ned och vila en stund. "
    "Nämnden föreslår därför att förslaget bifalls och att arbetet påbörjas så snart som möjligt i år.")


def test_fully_stripped_document_restores_real_words_by_frequency(corrector: Corrector) -> None:
    """A document that lost all its å/ä/ö: "bankarna", "svart", "skalet" are words, but here they are
    likelier "bänkarna", "svårt", "skälet" stripped (the spelling twice as frequent wins; "bankar"
    against "bänkar" is too close to call by frequency, but after "fler" only the noun's plural fits).
    The same words in an intact document stay.  Invented text."""
    from pipeline.correct.confusions import strip_diacritics

    res = corrector.correct_text(strip_diacritics(STRIPPED_TRUTH))
    assert res.diacritic_loss >= 0.85
    out, truth = res.text.split(), STRIPPED_TRUTH.split()
    for word in ("svårt", "bänkarna", "skälet"):
        assert out[truth.index(word)] == word
    first = truth.index("bänkar")
    assert out[first - 1 : first + 1] == ["fler", "bänkar"]  # a plural's marker before it: the noun
    assert out[truth.index("bänkar", first + 1)] == "bankar"  # "för bankar": frequency alone, too close
    intact = "Banken har svart på vitt att bankar och skalet på nöten är något annat än bänkar."
    assert corrector.correct_text(intact).text == intact


@pytest.mark.parametrize("line", ["K1' och", "l’ a ha", "‘K' är", "per år till,grOnare och mer", "‘&K", "kostnaden f6r’ manga ar", "‘‘0", "1’\na", "b0K‘’", "0K\n0K\ne1e-é", "'{ K", "é\n0K\n0K_’", "1\n+ a", "0K\n0K\n0K\n1e0_", "1\n{\n0a", "0.:KK_kKm", "0K\n0K\n0k. a00", "0K\n0K\n4b\n0a:\n1b", "&a\nad0n\n1c da", "d'å’", "&a\n0nK0\n0K 1c", "K! 0a", "0K\na|_\n0K-0K"])
def test_marks_next_to_damaged_words_are_idempotent(corrector: Corrector, line: str) -> None:
    """A stray mark beside a word that the corrector changes is judged the same way before and after
    the change (found by a property test over OCR glyphs)."""
    once = corrector.correct_text(line)
    assert corrector.correct_text(once.text).text == once.text
    for c in once.corrections + once.suggestions:
        assert line.split("\n")[c.line][c.start : c.end] == c.original


RESTORE_TRUTH = (
    "Nämnden anser att försöket med fler papperskorgar i parkerna har fallit väl ut och att både boende "
    "och besökare är nöjda med resultatet. Förvaltningen föreslår därför att försöket förlängs under "
    "nästa år och att kostnaden ryms inom nämndens budget för underhåll av grönområden.")


def test_lost_diacritics_beat_glyph_confusions_in_a_stripped_document(corrector: Corrector) -> None:
    """In a document that lost its å/ä/ö, "bade" is "både" stripped, not "hade" with b for h, and
    "férséket" is "försöket", not "försöker" with t for r — though the confusion readings are the
    more frequent words.  The output is a fixed point.  Invented text."""
    from pipeline.correct.confusions import strip_diacritics

    ocr = strip_diacritics(RESTORE_TRUTH).replace("forsoket med", "férséket med")
    res = corrector.correct_text(ocr)
    assert res.diacritic_loss >= 0.8
    out, truth = res.text.split(), RESTORE_TRUTH.split()
    assert [out[i] for i, t in enumerate(truth) if t in ("både", "försöket")] == ["försöket", "både", "försöket"]
    assert corrector.correct_text(res.text).text == res.text


def test_short_page_judged_by_its_file(tmp_path: Path, corrector: Corrector) -> None:
    """A short last page of an English-model OCR file (invented text) is corrected by the file's damage
    estimate: alone, its few words cannot show that the text lost its å/ä/ö."""
    from pipeline.batch import run_batch
    from pipeline.options import RunOptions

    first = ("Motionen fran Anna Berg om battre belysning pa gangvagarna i centrum har remitterats till namnden.\n"
             "Namnden delar motionarens uppfattning att manga gangvagar ar for morka under vintern och att\n"
             "tryggheten behover oka. Forvaltningen foreslar darfor att belysningen ses over under varen.")
    last = "Vi hoppas att ni ska fa ga dit pa lordag."
    assert corrector.correct_text(last).text != "Vi hoppas att ni ska få gå dit på lördag."  # alone: too little evidence
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "motion.txt").write_text(first + "\f" + last + "\n", encoding="utf-8")
    report = run_batch([tmp_path / "in"], tmp_path / "out", RunOptions(segment=False, workers=1), "none")
    assert report.exit_code == 0
    pages = json.loads((tmp_path / "out" / "motion.txt.json").read_text(encoding="utf-8"))["pages"]
    assert pages[1]["text"] == "Vi hoppas att ni ska få gå dit på lördag."
    assert pages[1]["raw_text"] == last
    assert "Forvaltningen" not in pages[0]["text"] and "Förvaltningen" in pages[0]["text"]


@pytest.mark.parametrize("case", _cases("context.tsv"))
def test_context_choice_of_ambiguous_words(case: str) -> None:
    """Words valid both with and without å/ä/ö, read by general Swedish grammar from their neighbours."""
    from pipeline.correct import context

    word, prev, nxt, nxt2, expected = (None if x == "-" else x for x in case.split("\t"))
    assert context.choose(word, prev, nxt, nxt2) == expected


@pytest.mark.parametrize("choice, prev, nxt, nxt2, expected", [
    ("bär", "kommunen", "förbereda", "sig", "bör"),  # before an infinitive: the modal
    ("bär", "barnen", "med", "sig", "bär"),  # before a particle: the verb stands
    ("bör", "nämnden", "frukt", None, "bör"),  # the frequency reading is never overruled the other way
    ("får", "vi", "inte", None, "får"),
])
def test_context_reading_of_misread_short_words(choice: str, prev: str, nxt: str, nxt2: str | None, expected: str) -> None:
    from pipeline.correct import context

    assert context.reading(choice, prev, nxt, nxt2) == expected


def test_given_name_before_surname_stays(corrector: Corrector) -> None:
    """A signature's given name that a frequent word is one confusion from ("Inger" / "inget"), before a
    surname, in a damaged document: a name.  Invented text."""
    text = "Namnden och Inger Holm (s) har for manga ar sedan nar de ar har\nVid protokollet\nInger Holm\nJusteras\nInger Lunci"
    out = corrector.correct_text(text).text.split("\n")
    assert out[0].startswith("Nämnden och Inger Holm (s)") and out[2] == "Inger Holm"
    assert out[4].startswith("Inger ")  # before a damaged surname too (a rare or unknown capitalised word)


def test_unknown_place_not_read_as_a_long_compound(corrector: Corrector) -> None:
    """An undamaged capitalised word whose only diacritic reading is an unlisted compound of three or more
    parts ("<stål><lär><bergs><skolan>") is a name we do not know, in a damaged document too.  Invented."""
    text = ("Namnden har for manga ar sedan beslutat att nar de ar har ska eleverna pa Stallarbergsskolan "
            "och Sollarvikshemmet bada vid Stallarhagens strand.")
    out = corrector.correct_text(text).text
    for name in ("Stallarbergsskolan", "Sollarvikshemmet", "Stallarhagens"):
        assert name in out, out


def test_glyph_reading_of_a_valid_word_gets_no_loss_discount(corrector: Corrector) -> None:
    """A page that lost its å/ä/ö makes a lost ring or dots cheap, or one glyph read for å/ä/ö, not two
    glyphs read as one letter: "stiger" stays (no "säger": "ti" → "ä").  Invented."""
    text = ("Namnden har for manga ar sedan sett over fragan om bussarnas vag genom byn.\n"
            "Nar hyrorna stiger blir det svart for aldre att bo kvar nara vardcentralen.\n"
            "Bussens nya slinga via torget nar nu aven aldreboendet vid sjon.\n"
            "Namnden foreslar darfor att kommunen utreder fragan under nasta ar.")
    out = corrector.correct_text(text).text.split("\n")
    assert out[0].startswith("Nämnden har för många år sedan")  # the page did lose its å/ä/ö
    assert "hyrorna stiger blir" in out[1]


def test_listed_word_yields_only_to_listed_evidence(corrector: Corrector) -> None:
    """In a page that lost its å/ä/ö, a listed word as read ("eftersatta", "fordras") is not replaced by
    a rare listed form whose count only a compound inference raised ("efter" + "sätta", "för" + "dras").
    Invented text."""
    text = ("Namnden har for manga ar sedan sett over fragan om de nya radhusen vid torget.\n"
            "Det fordras mer an sa for att de eftersatta vagarna ska bli battre for alla.\n"
            "Darfor foreslar namnden att kommunen utreder fragan under nasta ar och att sarskilda medel avsatts.\n"
            "Forvaltningen far i uppdrag att aterkomma med ett forslag till atgarder fore arets slut.")
    out = corrector.correct_text(text).text.split("\n")
    assert out[1] == "Det fordras mer än så för att de eftersatta vägarna ska bli bättre för alla."


def test_web_form_that_strips_a_swedish_word(corrector: Corrector) -> None:
    """English and web forms in wordfreq's Swedish list that spell a Swedish word without its å/ä/ö ("hard",
    "lost", "stand") are read as that word in a damaged document, and left alone in clean text (invented)."""
    twins = corrector.lex.web_twins
    assert twins.get("hard") == "hård" and twins.get("stand") == "stånd"
    assert "fall" not in twins and "falls" not in twins  # hunspell forms ("fall", genitive "falls") are Swedish
    clean = "Vid konserten spelade bandet hard rock på scenen."
    assert corrector.correct_text(clean).text == clean
