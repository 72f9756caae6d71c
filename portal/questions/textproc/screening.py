"""Screening a question before a moderator sees it: personal data, sensitive words, spam signals.

Personal data (mobile and fixed-line numbers, 18-digit ID numbers, bank cards, e-mail addresses) is
found on a width-folded copy of the text that keeps every character's position, so a finding's
``start``/``end`` are offsets into the text the asker typed. Precision matters as much as recall:
dates, amounts, road and bus numbers, postcodes and hotline numbers must come through unchanged, so
every pattern is anchored on digit boundaries (a number inside a longer digit run is never half
masked), ID numbers need a valid checksum, region and birth date, and card numbers a valid Luhn digit.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

KINDS = ("email", "id_card", "bank_card", "mobile", "landline")
FINDING_LABELS: dict[str, str] = {
    "mobile": "手机号",
    "landline": "固定电话",
    "id_card": "身份证号",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Screening:
    masked: str
    findings: tuple[Finding, ...]
    sensitive_words: tuple[str, ...]
    spam_signals: tuple[str, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(sorted({finding.kind for finding in self.findings}))


def mask_label(kind: str) -> str:
    return f"【{FINDING_LABELS[kind]}已隐去】"


# Full-width ASCII (０-９, Ａ-Ｚ, ＠, －, （ …) and the ideographic space fold to ASCII one character for
# one character, so positions in the folded text are positions in the original.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x2014: 0x2D, 0x2013: 0x2D}


def fold_width(text: str) -> str:
    return text.translate(_FOLD)


_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_ID_CARD = re.compile(r"(?<!\d)(\d{6}) ?(\d{8}) ?(\d{3}[\dXx])(?![\dA-Za-z])")
_BANK_CARD = re.compile(
    r"(?<!\d)(?:\d{16,19}"
    r"|(?<!\d[ -])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?!\1\d)"
    r"|(?<!\d[ -])\d{6}([ -])\d{10,13}(?!\2\d))(?!\d)"
)
_MOBILE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)?86[ -]?|\(\+?86\)[ -]?)?1[3-9]\d(?:\d{8}|([ -])\d{4}\1\d{4}|-\d{8}| \d{8})(?!\d)"
)
# Area codes: 010 and 02x are three digits, all others four (0[3-9]xx). Local numbers are 7 or 8
# digits and never start with 0 or 1. With a separator or parentheses the form is unambiguous; run
# together (02558311686) it must fill the digit run exactly.
_AREA = r"0(?:10|2\d|[3-9]\d{2})"
_LANDLINE = re.compile(
    rf"(?<![\d+])(?:\(\s?{_AREA}\s?\)|{_AREA}[- ])\s?[2-9]\d{{2,3}}[- ]?\d{{4}}"
    r"(?:(?:转|分机|-|ext\.?)\s?\d{1,5})?(?!\d)"
    rf"|(?<![\d+])(?:0(?:10|2\d)[2-9]\d{{7}}|0[3-9]\d{{2}}[2-9]\d{{6,7}})(?!\d)"
)
# A local number (no area code) only right after a word that says it is a phone number.
_LOCAL_PHONE = re.compile(
    r"(?:电话|座机|固话|联系方式|tel|Tel|TEL)(?:号码|号)?(?:是|为)?[:： ]{0,2}"
    r"([2-9]\d{2,3}[- ]?\d{4})(?![\d年月日元万号路])"
)
# Province codes that begin a mainland ID number (11 北京 … 65 新疆, 71 台湾, 81/82 港澳).
_PROVINCE_CODES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83"
)
_PROVINCES = frozenset(_PROVINCE_CODES.split())
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_checksum(first17: str) -> str:
    """The check character (0-9 or X) of the 17 leading digits of a mainland ID number (GB 11643)."""
    return _ID_CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(number: str, *, today: datetime.date | None = None) -> bool:
    """18 characters, a known province, a real birth date between 1900 and today, and the checksum."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _PROVINCES:
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today()):  # noqa: DTZ011 -- a date, not a moment
        return False
    return id_checksum(number[:17]) == number[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def find_personal_data(text: str) -> tuple[Finding, ...]:
    """Every piece of personal data in ``text``, as non-overlapping findings in text order."""
    folded = fold_width(text)
    candidates: list[Finding] = []
    for match in _EMAIL.finditer(folded):
        candidates.append(Finding("email", match.start(), match.end()))
    for match in _ID_CARD.finditer(folded):
        if is_valid_id_number("".join(match.groups())):
            candidates.append(Finding("id_card", match.start(), match.end()))
    for match in _BANK_CARD.finditer(folded):
        digits = _digits(match.group())
        # A valid ID number is never also taken for a card: it was found above.
        if digits[0] != "0" and luhn_valid(digits) and not is_valid_id_number(digits):
            candidates.append(Finding("bank_card", match.start(), match.end()))
    for match in _MOBILE.finditer(folded):
        candidates.append(Finding("mobile", match.start(), match.end()))
    for match in _LANDLINE.finditer(folded):
        candidates.append(Finding("landline", match.start(), match.end()))
    for match in _LOCAL_PHONE.finditer(folded):
        candidates.append(Finding("landline", match.start(1), match.end(1)))
    # Earlier kinds in KINDS win an overlap (an e-mail's local part may hold a phone number; an ID
    # number's digits may pass Luhn), then the longer span.
    rank = {kind: index for index, kind in enumerate(KINDS)}
    candidates.sort(key=lambda f: (rank[f.kind], f.start - f.end, f.start))
    taken: list[Finding] = []
    for candidate in candidates:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return tuple(sorted(taken, key=lambda f: f.start))


def mask_personal_data(text: str) -> tuple[str, tuple[Finding, ...]]:
    """``text`` with each piece of personal data replaced by its label (【手机号已隐去】 …), and the findings.

    Positions in the findings refer to ``text``, not to the masked result.
    """
    findings = find_personal_data(text)
    if not findings:
        return text, findings
    parts, position = [], 0
    for finding in findings:
        parts.append(text[position : finding.start])
        parts.append(mask_label(finding.kind))
        position = finding.end
    parts.append(text[position:])
    return "".join(parts), findings


# Characters people put between the characters of a word to slip it past a filter (法 轮 / 法*轮).
# Sentence punctuation (，。、) is not among them: removing it would join words across clauses.
_FILLERS = frozenset(" \t\r\n\u3000\u00a0*_-.·•|/\\~^`'\"#+=")
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _normalise_for_words(text: str) -> str:
    return fold_width(text).translate(_ASCII_LOWER)


class SensitiveWordMatcher:
    """An Aho-Corasick automaton over the editable word list, built once; matching is linear in the text.

    Case is ignored for Latin letters, full-width letters match half-width ones, and filler
    characters between the characters of a word (spaces, ``*``, ``.`` …) do not hide it.
    """

    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for word in words:
            key = "".join(char for char in _normalise_for_words(word.strip()) if char not in _FILLERS)
            # The first spelling of a key is the one reported.
            if key and key not in self._automaton:
                self._automaton.add_word(key, (len(key), word.strip()))
        self.size = len(self._automaton)
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[str]:
        """The distinct words found in ``text``, in order of first appearance."""
        if not self.size or not text:
            return []
        compact = "".join(char for char in _normalise_for_words(text) if char not in _FILLERS)
        hits = sorted((end - length + 1, word) for end, (length, word) in self._automaton.iter(compact))
        return list(dict.fromkeys(word for _, word in hits))


_REPEATED_CHAR = re.compile(r"(\S)\1{7,}")
_REPEATED_TEXT = re.compile(r"(\S{2,40}?)\1{2,}")
_LINK = re.compile(
    r"https?://|www\.|(?<![@A-Za-z0-9.-])[A-Za-z0-9-]{2,63}\.(?:com|cn|net|org|top|xyz|vip|cc|info|club|site|shop|app)\b",
    re.IGNORECASE,
)
_ADVERTISING = re.compile(
    r"加(?:微信|v信|vx|qq|群)|代开发票|刷单|兼职日结|日赚|贷款秒批|彩票|博彩|优惠券|点击链接", re.IGNORECASE
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def spam_signals(text: str) -> list[str]:
    """Short codes for what makes a text look like spam; an empty list for an ordinary question.

    ``repeated_chars`` (one character 8 times or more), ``same_text_repeated`` (a phrase three times
    running, or one sentence three times), ``link``, ``advertising``, ``too_many_digits`` (15 digits or
    more, making up a quarter of the text) and ``no_chinese``.
    """
    folded = _normalise_for_words(text)
    signals = []
    if _REPEATED_CHAR.search(folded):
        signals.append("repeated_chars")
    compact = "".join(char for char in folded if not char.isspace())
    sentences = [part for part in re.split(r"[。！？!?；;\n]+", folded) if len(part.strip()) >= 4]
    repeated_match = _REPEATED_TEXT.search(compact)
    if (repeated_match and len(repeated_match.group()) >= 12) or (
        sentences and max(sentences.count(sentence) for sentence in sentences) >= 3
    ):
        signals.append("same_text_repeated")
    if _LINK.search(_EMAIL.sub(" ", folded)):
        signals.append("link")
    if _ADVERTISING.search(compact):
        signals.append("advertising")
    digits = sum(char.isdigit() for char in compact)
    if digits >= 15 and digits * 4 >= len(compact):
        signals.append("too_many_digits")
    if len(compact) >= 10 and not _CJK.search(compact):
        signals.append("no_chinese")
    return signals


def screen(text: str, matcher: SensitiveWordMatcher | None = None) -> Screening:
    """Everything screening says about one text: the masked text, findings, sensitive words, spam signals.

    Sensitive words and spam signals are looked for in the original text, so masking cannot hide them.
    """
    masked, findings = mask_personal_data(text)
    words = tuple(matcher.find(text)) if matcher is not None else ()
    return Screening(masked=masked, findings=findings, sensitive_words=words, spam_signals=tuple(spam_signals(text)))
