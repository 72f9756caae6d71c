"""Suggesting an interview's topic tags from its questions: the words and short phrases they share.

A candidate is a jieba word of two or more characters, or two neighbouring words (购房 + 补贴).
It scores by how many questions use it times how rare it is in general Chinese (jieba's idf table),
so 搅拌站 beats 问题. Question boilerplate (请问, 希望, 领导 …) is never suggested.
"""

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from portal.questions.textproc.tokens import JIEBA_DIR, words

_STOPWORDS = """
问题 请问 什么 怎么 怎么办 怎样 如何 为什么 为何 是否 能否 可否 可以 能够 希望 我们 你们 他们
她们 大家 自己 本人 领导 政府 相关 部门 有关 单位 情况 反映 关于 咨询 投诉 建议 举报 要求 请求
恳请 解决 处理 落实 现在 目前 已经 没有 一个 这个 那个 这些 那些 这里 那里 以及 还有 因为 所以
但是 而且 并且 然后 时候 什么时候 谢谢 感谢 您好 你好 尊敬 市长 书记 局长 工作 进行 存在 严重
一直 多次 不能 不是 就是 还是 需要 应该 这样 那样 那么 如果 出现 发现 现象 事情 今年 去年 明年
以后 之前 之后 已经 一些 很多 非常 特别 其中 其他 其它 等等 方面 对于 通过 由于 根据 按照 回复
答复 留言 网友 市民 群众 老百姓 居民 业主 有没有 能不能 是不是 一下 一样 不少 多少 几个 左右
同志
"""
STOPWORDS = frozenset(_STOPWORDS.split())
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE = re.compile(r"^[a-z]\d*[市区县省镇乡]?$")  # anonymised place codes (A市, A3区) and single letters


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's general-language idf table and its median (for words it does not list)."""
    table: dict[str, float] = {}
    with (JIEBA_DIR / "analyse" / "idf.txt").open(encoding="utf-8") as file:
        for line in file:
            word, _, value = line.strip().partition(" ")
            if value:
                table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2]


def _wanted(word: str) -> bool:
    return (
        len(word) >= 2
        and word not in STOPWORDS
        and bool(_HAS_CJK.search(word))
        and not _CODE.match(word)
        and not any(char.isdigit() for char in word)
    )


def suggest_tags(texts: Sequence[str], *, top_n: int = 8, exclude: Iterable[str] = ()) -> list[str]:
    """The aspects ``texts`` talk about (keywords and key phrases), best first, at most ``top_n``.

    A tag must occur in at least two texts when there are three or more. Tags in ``exclude`` (the
    interview's existing tags), and words inside or containing one of them or a better tag, are left out.
    """
    if top_n <= 0 or not texts:
        return []
    frequency: Counter[str] = Counter()
    for text in texts:
        tokens = words(text)
        candidates = {word for word in tokens if _wanted(word)}
        candidates.update(
            first + second
            for first, second in itertools.pairwise(tokens)
            if _wanted(first) and _wanted(second) and len(first + second) <= 8
        )
        frequency.update(candidates)
    idf, median = _idf()
    minimum = 2 if len(texts) >= 3 else 1
    scored = sorted(
        (
            (count * idf.get(word, median) * (1.0 + 0.1 * math.log(len(word))), word)
            for word, count in frequency.items()
            if count >= minimum
        ),
        key=lambda pair: (-pair[0], pair[1]),
    )
    excluded = {tag.strip().lower() for tag in exclude if tag.strip()}
    chosen: list[str] = []
    for _, word in scored:
        if any(word in other or other in word for other in (*chosen, *excluded)):
            continue
        chosen.append(word)
        if len(chosen) == top_n:
            break
    return chosen
