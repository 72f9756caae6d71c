import pytest

from portal.questions.textproc.keywords import suggest_tags
from portal.questions.textproc.tokens import search_words, words

pytestmark = [pytest.mark.unit]

QUESTIONS = [
    "人才购房补贴什么时候发放？",
    "请问人才购房补贴的申请条件是什么",
    "购房补贴申请一直没有通过怎么办",
    "落户以后孩子上学怎么办",
    "人才落户需要哪些材料",
    "人才公寓租金太高了",
    "社保缴纳满一年才能申请落户吗",
]


def test_suggest_tags_finds_the_shared_aspects_best_first():
    tags = suggest_tags(QUESTIONS)

    assert tags[0] == "购房补贴"
    assert {"人才", "落户"} <= set(tags[1:3])
    assert "问题" not in tags
    assert "请问" not in tags
    assert all(QUESTIONS[0].count(tag) or any(tag in q for q in QUESTIONS[1:]) for tag in tags)


def test_suggest_tags_leaves_out_existing_tags_and_their_parts():
    tags = suggest_tags(QUESTIONS, exclude=["购房补贴"], top_n=2)

    assert len(tags) == 2
    assert "购房补贴" not in tags
    assert "补贴" not in tags
    assert "购房" not in tags


def test_suggest_tags_edge_cases():
    assert suggest_tags([]) == []
    assert suggest_tags(QUESTIONS, top_n=0) == []
    assert suggest_tags(["只有一个问题，关于搅拌站噪音"]) != []


def test_search_words_also_give_the_words_inside_a_long_word():
    assert words("丽发新城搅拌站！") == ["丽发", "新城", "搅拌站"]
    assert search_words("丽发新城搅拌站！") == ["丽发", "新城", "搅拌", "搅拌站"]
