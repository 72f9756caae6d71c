"""Search tokens for Chinese text that work the same on SQLite and PostgreSQL.

Neither database splits Chinese into words, so a question's text is stored as a string of tokens:
every CJK character and every pair of neighbouring CJK characters, plus Latin words and numbers.
A query matches when all of its tokens are in the string; the query's CJK pairs make a multi-character
query behave almost like a phrase search. The string starts and ends with a space and has one space
between tokens, so ``search_index__contains=f" {token} "`` finds whole tokens only.
"""

import re
import unicodedata

# CJK ideographs (with extension A and the compatibility block) are indexed per character and pair;
# runs of Latin letters and digits (after width folding) are whole tokens.
_CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN_RUN = re.compile(rf"([{_CJK_CHARS}]+)|([^\W_{_CJK_CHARS}]+)")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _tokens(text: str, *, unigrams: bool) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN_RUN.finditer(_fold(text)):
        run = match.group()
        if match.group(1):
            if unigrams or len(run) == 1:
                tokens.extend(run)
            tokens.extend(run[index : index + 2] for index in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def index_text(text: str) -> str:
    """The search string stored with a text: its distinct tokens, space-separated, with a space at each end."""
    tokens = dict.fromkeys(_tokens(text, unigrams=True))
    return f" {' '.join(tokens)} " if tokens else " "


def query_tokens(query: str) -> list[str]:
    """The tokens that must all be in ``index_text(text)`` for ``text`` to match ``query``; [] for an empty query.

    A CJK run of two or more characters gives its character pairs (a single character gives
    itself); a Latin word or number gives itself, so it matches whole words only.
    """
    return list(dict.fromkeys(_tokens(query, unigrams=False)))


def matches(index: str, query: str) -> bool:
    """What the database filter does, in Python: every query token is a token of ``index``."""
    tokens = query_tokens(query)
    return bool(tokens) and all(f" {token} " in index for token in tokens)
