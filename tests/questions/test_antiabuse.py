"""The anti-abuse question needs no outside service and reads aloud; client keys keep no address."""

import random

import pytest

from portal.questions.antiabuse import (
    chinese_number,
    client_key,
    new_challenge,
    parse_answer,
    supporter_key,
    verify_challenge,
)
from portal.questions.exceptions import IntakeRefused

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(("n", "words"), [(0, "零"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_numbers_in_words(n, words):
    assert chinese_number(n) == words
    assert parse_answer(words) == n


@pytest.mark.parametrize(
    ("typed", "value"), [("8", 8), (" 8。", 8), ("８", 8), ("十二", 12), ("八个", None), ("", None)]
)
def test_answers_as_people_type_them(typed, value):
    assert parse_answer(typed) == value


def test_the_question_is_plain_text_and_the_token_does_not_carry_the_answer():
    challenge = new_challenge(random.Random(4))  # noqa: S311 -- seeded, so the test repeats

    assert challenge.prompt.startswith("验证问题：")
    assert challenge.prompt.endswith("（请填写数字）")
    assert ("加" in challenge.prompt) or ("减" in challenge.prompt)
    assert f'"{challenge.answer}"' not in challenge.token
    assert "answer" not in repr(challenge)


@pytest.mark.django_db
def test_the_answer_in_chinese_numerals_is_accepted(settings):
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 0
    challenge = new_challenge()

    verify_challenge(challenge.token, chinese_number(int(challenge.answer)))


@pytest.mark.django_db
def test_a_token_signed_with_another_key_is_refused(settings):
    challenge = new_challenge()
    settings.SECRET_KEY = "another-secret-key-" * 3

    with pytest.raises(IntakeRefused, match="验证问题无效"):
        verify_challenge(challenge.token, challenge.answer)


def test_client_keys_hash_address_and_agent():
    key = client_key("203.0.113.7", "Mozilla")

    assert "203.0.113.7" not in key
    assert len(key) == 64
    assert key != client_key("203.0.113.8", "Mozilla") != client_key("203.0.113.7", "Firefox")
    assert supporter_key(key) != key
