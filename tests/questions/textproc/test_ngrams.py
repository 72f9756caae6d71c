import pytest

from portal.questions.textproc.ngrams import index_text, matches, query_tokens

pytestmark = [pytest.mark.unit]

TEXTS = {
    "mixing": "丽发新城附近的搅拌站噪音扰民，G328国道旁",
    "subsidy": "A市人才购房补贴什么时候发放？",
    "wifi": "图书馆的Wi-Fi信号太差",
}


def search(query):
    return sorted(name for name, text in TEXTS.items() if matches(index_text(text), query))


def test_index_text_is_space_delimited_distinct_tokens():
    index = index_text("搅拌站搅拌 G328")

    assert index == " 搅 拌 站 搅拌 拌站 站搅 g328 "
    assert index_text("") == " "
    assert index_text("，。！") == " "


def test_query_tokens():
    assert query_tokens("搅拌站") == ["搅拌", "拌站"]
    assert query_tokens("城") == ["城"]
    assert query_tokens("  丽发  ＷＩ-ＦＩ ") == ["丽发", "wi", "fi"]
    assert query_tokens("？") == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("搅拌站", ["mixing"]),
        ("搅拌站 噪音", ["mixing"]),
        ("噪音扰民", ["mixing"]),
        ("购房补贴", ["subsidy"]),
        ("补", ["subsidy"]),
        ("g328", ["mixing"]),
        ("wifi", []),
        ("wi-fi", ["wifi"]),
        ("A市", ["subsidy"]),
        ("搅拌机", []),
        ("补贴搅拌", []),
        ("", []),
    ],
)
def test_a_query_matches_the_texts_that_contain_it(query, found):
    assert search(query) == found


def test_the_database_filter_form_finds_whole_tokens_only():
    index = index_text("2025年预算")

    assert all(f" {token} " in index for token in query_tokens("2025"))
    assert not all(f" {token} " in index for token in query_tokens("202"))
