"""Student notebooks a non-programmer can follow.

For every student notebook in ``notebooks/`` (and the student pages beside them):

* no code cell longer than 10 non-blank lines (figures are functions in
  ``course.figures``; exercises included);
* every upper-case abbreviation of 3+ letters is in the glossary or spelled out
  in the notebook, and its first use is spelled out or linked to the glossary;
* no dollar sign that JupyterLab would typeset as maths: currency is written
  in words ("US dollars"), because JupyterLab 4's markdown renderer drops the
  backslash of ``\\$`` before MathJax runs, so ``US\\$1,013 ... US\\$930`` still
  comes out as italic maths (jupyterlab/jupyterlab#8645);
* the stated time is what :mod:`course.instructor.timing` computes;
* each notebook links the glossary, and notebook 00 the student guide.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course.instructor import NOTEBOOKS, timing

STUDENTS = sorted(NOTEBOOKS.glob("*.ipynb"))
PAGES = sorted(NOTEBOOKS.glob("*.md"))
GLOSSARY = NOTEBOOKS / "glossary.md"
GUIDE = NOTEBOOKS / "README.md"
MAX_CODE_LINES = 10

ACRONYM = re.compile(r"(?<![\w/.])([A-Z]{3,})s?(?![\w/])")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")
HTML_TAG = re.compile(r"<[^>]+>")


def markdown_cells(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


def without_code(text: str) -> str:
    return CODE_SPAN.sub(" ", FENCE.sub(" ", text))


# --- maths and dollars: JupyterLab's own split of markdown into text and maths -------

# The delimiters JupyterLab 4.6 looks for before rendering markdown
# (@jupyterlab/rendermime, latex.ts: removeMath); "\$" is a token of its own
# there, so it never opens maths, but the markdown renderer then turns it into
# a bare "$" that MathJax (processEscapes) pairs with the next one.
MATHSPLIT = re.compile(r"(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@"
                       r"|\\\\[()[\]])", re.I)
TEX_TEXT = re.compile(r"\\(?:text|mathrm|operatorname|textrm|mbox)\{[^{}]*\}")
TEX_COMMAND = re.compile(r"\\[A-Za-z]+")
PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+")


def inline_maths(text: str) -> tuple[list[tuple[str, str]], int]:
    """The maths JupyterLab would typeset, as (delimiter, content) pairs, and how
    many ``$`` or ``$$`` are left unpaired."""
    blocks = MATHSPLIT.split(without_code(text))
    spans, start = [], None
    for i in range(1, len(blocks), 2):
        token = blocks[i]
        if start is None and token in ("$", "$$"):
            start, end = i, token
        elif start is not None and token == end:
            spans.append((end, "".join(blocks[start + 1:i])))
            start = None
        elif start is not None and token.count("\n") >= 2:   # maths never spans a blank line
            start = None
    return spans, int(start is not None)


def dollar_problems(text: str) -> list[str]:
    """Dollar signs in markdown that would not render as the author meant."""
    found = []
    code_free = without_code(text)
    if "\\$" in code_free:
        found.append("'\\$' does not escape a dollar in JupyterLab: write 'US dollars'")
    spans, unpaired = inline_maths(text)
    if unpaired:
        found.append("an unpaired '$' (JupyterLab would pair it with the next one)")
    for delimiter, span in spans:
        bare = TEX_COMMAND.sub(" ", TEX_TEXT.sub(" ", span))
        # TeX written on purpose hugs its dollars ("$x$"); "$5 and $" does not.
        loose = delimiter == "$" and span != span.strip()
        if PROSE.search(bare) or THOUSANDS.match(span.strip()) or loose:
            found.append(f"'${span[:40]}$' is typeset as maths but reads as text or money")
    return found


def test_the_dollar_check_catches_currency_and_passes_maths():
    assert dollar_problems(r"about US\$1,013, up from US\$930 in 2014")
    assert dollar_problems("it cost $5 and then $7 more")
    assert dollar_problems("a lone $5 bill")
    assert dollar_problems("per capita $1,013$ dollars")
    fine = (r"growth $g_t$, $$\Delta_T = 100\left[\prod_t (1 + g_t/100) - 1\right]$$ and "
            r"$X_1^{\text{rec}}/X_0$, $\underbrace{(1-b)}_{\text{not banned}}$; "
            "in `code $x` spans nothing counts; 1,013 US dollars")
    assert dollar_problems(fine) == []


@pytest.mark.parametrize("path", STUDENTS + PAGES, ids=lambda p: p.name)
def test_no_dollar_sign_is_typeset_by_mistake(path):
    texts = markdown_cells(path) if path.suffix == ".ipynb" else [path.read_text(encoding="utf-8")]
    found = [f"cell {i}: {p}" for i, text in enumerate(texts) for p in dollar_problems(text)]
    assert found == []


# --- code cells ----------------------------------------------------------------------

@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_every_code_cell_is_short_enough_to_follow(path):
    notebook = nbformat.read(path, as_version=4)
    long = {}
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if line.strip()]
            if len(lines) > MAX_CODE_LINES:
                long[i] = len(lines)
    assert long == {}, f"cells longer than {MAX_CODE_LINES} non-blank lines (cell: lines)"


# --- abbreviations ---------------------------------------------------------------------

def glossary_terms() -> set[str]:
    """Every bold term at the start of a glossary entry, and every abbreviation in it."""
    terms = set()
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("- **"):
            head = line.split(":", 1)[0]
            terms |= set(re.findall(r"\*\*(.+?)\*\*", head))
            terms |= set(ACRONYM.findall(head))
    return terms


def readable_text(text: str) -> str:
    """Markdown as a reader sees it: no code, maths, link targets or HTML tags."""
    text = without_code(text)
    text = re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = LINK_TARGET.sub("]", text)
    return HTML_TAG.sub(" ", text)


#: Words a spelled-out name may contain that its abbreviation leaves out.
SMALL_WORDS = {"of", "for", "and", "the", "in", "on", "to", "de", "du", "des", "la", "et", "&"}


def spells(words: list[str], letters: str) -> bool:
    """Do the last of ``words`` spell ``letters`` (the end of an abbreviation)?

    Read from the end, each word gives the start of itself (one to three letters),
    its first letter and one later letter ("Southeast" gives SE in ASEAN) or the
    initials of its hyphenated parts, and a small word (:data:`SMALL_WORDS`) may
    give nothing. Names whose abbreviation no longer follows them (KOTRA) are
    linked to the glossary instead.
    """
    if not letters:
        return True
    if not words:
        return False
    word, rest = words[-1], words[:-1]
    parts = [w for w in re.split(r"[-’']", word) if w]
    options = {word[:n].upper() for n in (1, 2, 3) if len(word) >= n}
    options |= {(word[0] + later).upper() for later in word[1:]}
    options |= {"".join(w[0] for w in parts[:n]).upper() for n in range(1, len(parts) + 1)}
    if any(letters.endswith(o) and spells(rest, letters[:-len(o)]) for o in options):
        return True
    return word.lower() in SMALL_WORDS and spells(rest, letters)


def glossed_at(text: str, acronym: str, position: int) -> bool:
    """Is the abbreviation at ``position`` spelled out or linked to the glossary there?

    Spelled out: "Bank of Korea (BOK)" (the words just before the parentheses
    spell the abbreviation, see :func:`spells`; "Collins (HRNK)" does not) or
    "BOK (Bank of Korea)". Linked: "[BOK](glossary.md#...)" in the original
    markdown (checked by the caller through ``linked``).
    """
    before = text[:position]
    after = text[position + len(acronym):]
    spelled_before = False
    if re.search(r"\w\s\($", before) and re.match(r"s?[),;]", after):
        words = re.findall(r"[\w’'&-]+", before[:-2])[-3 * len(acronym):]
        spelled_before = spells(words, acronym.upper())
    spelled_after = re.match(r"s?\s\((?:the\s)?[A-Z][a-z]", after)
    return bool(spelled_before or spelled_after)


def linked_to_glossary(markdown: str, acronym: str) -> bool:
    return bool(re.search(rf"\[[^\]]*\b{acronym}\b[^\]]*\]\(glossary\.md[^)]*\)", markdown))


def first_uses(path: Path) -> dict[str, tuple[int, str, int, str]]:
    """For each abbreviation: (cell index, readable text, position, markdown) of its first use."""
    found = {}
    for i, markdown in enumerate(markdown_cells(path)):
        text = readable_text(markdown)
        for match in ACRONYM.finditer(text):
            found.setdefault(match.group(1), (i, text, match.start(1), markdown))
    return found


def test_the_glossary_check_tells_glossed_from_bare():
    text = "the Bank of Korea (BOK) says; BOK (Bank of Korea) too; KOTRA and KITA differ"
    assert glossed_at(text, "BOK", text.index("BOK"))
    assert glossed_at(text, "BOK", text.index("BOK (Bank"))
    assert not glossed_at(text, "KOTRA", text.index("KOTRA"))
    named = "Collins (HRNK), 2012; the Committee for Human Rights in North Korea (HRNK), 2012"
    assert not glossed_at(named, "HRNK", named.index("HRNK"))
    assert glossed_at(named, "HRNK", named.rindex("HRNK"))
    assert glossed_at("non-governmental organizations (NGOs)", "NGO", 32)
    assert linked_to_glossary("see [KITA](glossary.md#kita)", "KITA")
    assert ACRONYM.findall(readable_text("NGOs, COVID-19, A/HRC/25/63, KH_WMEAT2016, `GAC`")) \
        == ["NGO", "COVID"]


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_every_abbreviation_is_in_the_glossary_or_spelled_out(path):
    known = glossary_terms()
    missing = []
    for acronym, (_, text, position, markdown) in first_uses(path).items():
        spelled = any(glossed_at(t, acronym, m.start(1))
                      for t in map(readable_text, markdown_cells(path))
                      for m in ACRONYM.finditer(t) if m.group(1) == acronym)
        if acronym not in known and not spelled:
            missing.append(acronym)
    assert missing == [], "add these to notebooks/glossary.md or spell them out"


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_every_abbreviation_is_glossed_at_first_use(path):
    bare = [acronym for acronym, (_, text, position, markdown) in first_uses(path).items()
            if not (glossed_at(text, acronym, position) or linked_to_glossary(markdown, acronym))]
    assert bare == [], ("spell these out at first use, e.g. 'Bank of Korea (BOK)', "
                        "or link them: '[BOK](glossary.md#agencies-publications-and-places)'")


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_notebook_links_the_glossary_and_00_the_guide(path):
    text = "\n".join(markdown_cells(path))
    assert "](glossary.md" in text
    if path.name.startswith("00-"):
        assert "](README.md" in text


def test_glossary_entries_say_what_they_mean():
    entries = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
               if line.startswith("- **")]
    assert len(entries) >= 40
    for line in entries:
        head, _, definition = line.partition(":")
        assert len(definition.split()) >= 3, line
        for acronym in ACRONYM.findall(head.split("(")[0]):
            if acronym not in {"ASIAPRESS", "COVID"}:     # names, not abbreviations to expand
                assert "(" in head, f"{acronym}: give the full name in parentheses"


# --- time ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_stated_time_comes_from_the_method(path):
    estimate = timing.estimate(path)
    stated = timing.stated_minutes(path)
    assert stated is not None, "state the time under the objectives: '*Time: about N minutes.*'"
    assert stated == estimate.stated, f"{estimate} -> {estimate.minutes:.1f} minutes"


def test_timing_method_by_hand():
    # 2,000 words / 200 = 10, 3 exercises x 8 = 24, 1 widget = 10, 2 charts x 5 = 10,
    # 1 equation x 2 = 2: 56 minutes, stated as 55.
    estimate = timing.Estimate(words=2000, exercises=3, widgets=1, charts=2, equations=1)
    assert estimate.minutes == 56 and estimate.stated == 55
    assert timing.prose_words("Two [linked words](http://x.org/a b) and <kbd>Tab</kbd>.") == 6
