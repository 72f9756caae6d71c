"""字数 as Word and WPS count it (product.md §5), over the text as exported.

- each CJK character (Han, kana, Hangul) counts one;
- each punctuation mark or symbol, full- or half-width, counts one;
- each run of other letters or digits (Latin, full-width Latin, Greek…) counts one:
  "COVID-19" is "COVID", "-", "19" = 3 and "2025年" is 2;
- whitespace, control and format characters (zero-width space) count nothing; combining marks
  belong to the letter before them.

Pure: no Django, so the rule can be tested on its own and reused by every screen and export.
"""

import unicodedata

from portal.scripts.document import ScriptDocument

# Ranges counted one per character, as Word counts "East Asian" characters.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3131, 0x318F),  # Hangul compatibility jamo
    (0x31A0, 0x31FF),  # Bopomofo extended, strokes, Katakana extension
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK extensions B and later, compatibility supplement
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def count_text(text: str) -> int:
    """The 字数 of one piece of text."""
    count = 0
    in_run = False
    for char in text or "":
        if is_cjk(char):
            count += 1
            in_run = False
            continue
        category = unicodedata.category(char)
        if category[0] in "LN":
            if not in_run:
                count += 1
                in_run = True
        elif category[0] == "M":
            continue  # an accent belongs to its letter and keeps a run going
        elif category[0] in "PS":
            count += 1
            in_run = False
        else:  # Z (spaces), C (controls, format characters, unassigned)
            in_run = False
    return count


def count_document(doc: ScriptDocument) -> int:
    """The script's 字数: every spoken paragraph as exported, "主持人：text", label and colon included.

    The header (title, time, place, the list of guests) is not counted: it is not part of the script.
    """
    return sum(count_text(f"{paragraph.speaker}：{paragraph.text}") for paragraph in doc.paragraphs())
