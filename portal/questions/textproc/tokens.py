"""Chinese word segmentation (jieba), shared by the category suggester and the topic-tag suggester.

jieba's dictionary is loaded once per process, on first use (about a second; jieba caches the
built prefix dictionary in the temporary directory).
"""

import functools
import logging
import re
import unicodedata
import warnings
from pathlib import Path

# jieba imports pkg_resources, which warns on import (deprecated; "module already imported"); the
# warnings are about setuptools, not about anything this project does.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import jieba

jieba.setLogLevel(logging.WARNING)
JIEBA_DIR = Path(jieba.__file__).parent

_SPACE = re.compile(r"\s+")


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _kept(tokens: list[str]) -> list[str]:
    return [word for word in tokens if word.strip() and any(unicodedata.category(char)[0] in "LN" for char in word)]


def words(text: str) -> list[str]:
    """The words of ``text``, width-folded and lower-cased, without whitespace and punctuation."""
    return _kept(_tokenizer().lcut(_SPACE.sub(" ", unicodedata.normalize("NFKC", text).lower())))


def search_words(text: str) -> list[str]:
    """``words`` in jieba's search mode: a long word also gives the dictionary words inside it (搅拌 in 搅拌站)."""
    return _kept(_tokenizer().lcut_for_search(_SPACE.sub(" ", unicodedata.normalize("NFKC", text).lower())))
