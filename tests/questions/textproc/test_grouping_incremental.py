"""Grouper.add, which uses an index, against a plain restatement of the method (dicts, no index, no sparse matrices)."""

import math
import random
from collections import Counter

import pytest

from portal.questions.textproc import grouping
from portal.questions.textproc.grouping import Grouper, split_head

pytestmark = [pytest.mark.unit]

TOPICS = [
    "燃气管道老化漏气",
    "小区加装电梯补贴",
    "公交线路调整绕行",
    "学校周边交通拥堵",
    "农田水利设施损坏",
    "菜市场油烟噪音",
]
PLACES = ["丽发新城", "桥林街道", "春华镇金鼎村", "黄兴路步行街", "联丰路米兰春天", "城南路街道"]
ASKS = ["什么时候能解决？", "请有关部门尽快处理。", "希望能给个答复！", "已经反映多次了", "能否加强监管"]


def texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
    made = []
    for index in range(count):
        topic, place = rng.choice(TOPICS), rng.choice(PLACES)
        head = f"{place}{topic}{rng.choice(ASKS)}" if rng.random() < 0.8 else f"反映{rng.choice(TOPICS)}问题"
        body = "" if rng.random() < 0.3 else f"我家住在{place}第{index}号楼，{topic}的情况{rng.choice(ASKS)}"
        made.append(f"{head}\n{body}" if body else head)
    return made


def grams(text: str) -> Counter:
    return Counter([text[i : i + 2] for i in range(len(text) - 1)] + [text[i : i + 3] for i in range(len(text) - 2)])


def unit(vector: dict) -> dict:
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {gram: value / norm for gram, value in vector.items()} if norm else vector


def reference_keys(items: list[str]) -> list[int]:
    """The documented method, one text at a time: weights fixed when a text is added, all of them
    weighed again with one idf whenever the number of texts has grown by REWEIGHT_GROWTH."""
    tfs, df, vectors, weighted_at = [], Counter(), [], 0
    group_of, keys, norms = [], [], []

    def weigh(tf: tuple[dict, dict], n: int) -> dict:
        def idf(gram):
            if n > grouping.MAX_DF_FROM and df[gram] > grouping.MAX_DF * n:
                return 0.0
            return math.log((1.0 + n) / (1.0 + df[gram])) + 1.0

        head, body = (unit({gram: value * idf(gram) for gram, value in part.items()}) for part in tf)
        share = grouping.HEAD_WEIGHT if tf[1] else 1.0
        mixed = {gram: share * value for gram, value in head.items()}
        for gram, value in body.items():
            mixed[gram] = mixed.get(gram, 0.0) + (1.0 - share) * value
        return {gram: value for gram, value in unit(mixed).items() if value}

    for index, text in enumerate(items):
        head, body = split_head(text)
        tf = tuple({gram: 1.0 + math.log(count) for gram, count in grams(part).items()} for part in (head, body))
        tfs.append(tf)
        df.update(set(tf[0]) | set(tf[1]))
        n = index + 1
        if n < weighted_at * grouping.REWEIGHT_GROWTH:
            vectors.append(weigh(tf, n))
        else:
            vectors, weighted_at = [weigh(each, n) for each in tfs], n
            centroids = [Counter() for _ in keys]
            for member, group in enumerate(group_of):
                centroids[group].update(vectors[member])
            norms = [sum(value * value for value in centroid.values()) for centroid in centroids]
        sums: dict[int, float] = {}
        for member in range(index):
            similarity = sum(value * vectors[member].get(gram, 0.0) for gram, value in vectors[index].items())
            if similarity >= grouping.FLOOR:
                sums[group_of[member]] = sums.get(group_of[member], 0.0) + similarity
        best, best_score, best_sum = -1, grouping.DEFAULT_THRESHOLD, 0.0
        for group, total in sums.items():
            if total / math.sqrt(norms[group]) >= best_score:
                best, best_score, best_sum = group, total / math.sqrt(norms[group]), total
        if best < 0:
            best = len(keys)
            keys.append(index)
            norms.append(1.0)
        else:
            norms[best] += 2.0 * best_sum + 1.0
        group_of.append(best)
    return [keys[group] for group in group_of]


@pytest.mark.parametrize(("newest", "few_members"), [(16, 32), (3, 1)])
def test_adding_one_by_one_groups_as_the_plain_method_does(monkeypatch, newest, few_members):
    # Small limits, so that a few hundred texts reach every path: idf cut-off, index runs and merges,
    # both ways of scoring groups.
    monkeypatch.setattr(grouping, "MAX_DF_FROM", 60)
    monkeypatch.setattr(grouping, "NEWEST", newest)
    monkeypatch.setattr(grouping, "FEW_MEMBERS", few_members)
    items = texts(240)
    grouper = Grouper()

    keys = [grouper.add(index, text) for index, text in enumerate(items)]

    assert keys == reference_keys(items)
    assert 6 < len(set(keys)) < 120  # a test that groups something and not everything
    assert len(grouper) == len(items)


def test_a_batch_continues_after_texts_added_one_by_one():
    items = texts(60)
    grouper = Grouper()
    one_by_one = [grouper.add(index, text) for index, text in enumerate(items[:40])]

    batch = grouper.add_many(enumerate(items[40:], start=40))
    after = grouper.add(60, items[0])

    assert one_by_one == reference_keys(items[:40])
    assert len(batch) == 20
    assert after == one_by_one[0]
    assert len(grouper) == 61


def test_a_renamed_group_key_is_given_to_later_members():
    grouper = Grouper()
    assert grouper.add("old", "丽发新城小区附近的搅拌站噪音扰民") == "old"

    grouper.rename("old", "new")

    assert grouper.add("later", "投诉丽发新城附近搅拌站噪音扰民！") == "new"
