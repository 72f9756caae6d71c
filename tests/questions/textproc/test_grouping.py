import pytest

from portal.questions.textproc.grouping import Grouper, group_texts, normalise, split_head

pytestmark = [pytest.mark.unit]

QUESTIONS = [
    "丽发新城小区附近的搅拌站噪音扰民，晚上根本睡不着",
    "请问人才购房补贴什么时候发放？",
    "投诉丽发新城附近搅拌站噪音扰民！",
    "地铁三号线什么时候开通运营",
    "人才购房补贴一直没有发放，请问什么时候发？",
    "丽发新城旁边的搅拌站噪音太大，严重扰民。请有关部门处理。",
    "幼儿园收费太高，能否加强监管",
]


def test_normalise_folds_width_case_and_drops_punctuation():
    assert normalise("ＡＢＣ，  Hello！丽发　新城？123") == "abchello丽发新城123"


def test_near_duplicates_and_rewordings_are_grouped_and_other_topics_are_not():
    assert group_texts(QUESTIONS) == [0, 1, 0, 2, 1, 0, 3]


def test_exact_duplicates_are_always_grouped():
    assert group_texts(["孩子上学难的问题", "其他完全不同的话题：公园绿化", "孩子上学难的问题"]) == [0, 1, 0]


def test_adding_one_by_one_returns_the_first_member_key():
    grouper = Grouper()

    keys = [grouper.add(f"q{index}", text) for index, text in enumerate(QUESTIONS)]

    assert keys == ["q0", "q1", "q0", "q3", "q1", "q0", "q6"]
    assert len(grouper) == len(QUESTIONS)


def test_add_many_continues_an_existing_grouper():
    grouper = Grouper()
    grouper.add_many(enumerate(QUESTIONS[:3]))

    assert grouper.add_many([(10, QUESTIONS[4]), (11, QUESTIONS[3])]) == [1, 11]
    assert grouper.add_many([]) == []


def test_threshold_controls_how_similar_texts_must_be():
    texts = ["丽发新城搅拌站噪音扰民", "丽发新城小区道路坑洼"]

    assert group_texts(texts, threshold=0.99) == [0, 1]
    assert group_texts(texts, threshold=0.01) == [0, 0]


def test_empty_and_punctuation_only_texts_start_their_own_groups():
    assert group_texts(["", "？？？", "丽发新城搅拌站"]) == [0, 1, 2]
    assert group_texts([]) == []


def test_question_boilerplate_is_not_compared():
    assert split_head("咨询丽发新城搅拌站的相关问题？\n请问什么时候处理！") == ("丽发新城搅拌站的", "处理")
    consultations = [
        "请问关于产假延长的相关问题怎么咨询",
        "请问关于购房资格审核的相关问题怎么咨询",
        "请问关于社保缴纳基数的相关问题怎么咨询",
    ]

    assert group_texts(consultations) == [0, 1, 2]


def test_a_text_with_nothing_left_to_compare_added_alone_starts_its_own_group():
    grouper = Grouper()
    grouper.add_many(enumerate(["丽发新城搅拌站噪音扰民", "公交线路调整绕行"] * 10))

    assert grouper.add("a", "？？？") == "a"
    assert grouper.add("b", "相关问题？") == "b"
    assert grouper.add("c", "丽发新城搅拌站噪音扰民") == 0
