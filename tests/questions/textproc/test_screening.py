import datetime

import pytest

from portal.questions.textproc.screening import (
    FINDING_LABELS,
    Finding,
    SensitiveWordMatcher,
    id_checksum,
    is_valid_id_number,
    luhn_valid,
    mask_personal_data,
    screen,
    spam_signals,
)

pytestmark = [pytest.mark.unit]


def valid_id(first17: str = "32011519900307123") -> str:
    return first17 + id_checksum(first17)


def luhn_complete(body: str) -> str:
    return next(body + digit for digit in "0123456789" if luhn_valid(body + digit))


def luhn_broken(body: str) -> str:
    return next(body + digit for digit in "0123456789" if not luhn_valid(body + digit))


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in mask_personal_data(text)[1]]


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "+8613812345678", "(+86)13912345678"],
)
def test_mobile_numbers_are_masked(number):
    text = f"我的手机是{number}，请回电。"

    masked, findings = mask_personal_data(text)

    assert masked == "我的手机是【手机号已隐去】，请回电。"
    assert findings == (Finding("mobile", 5, 5 + len(number)),)
    assert text[findings[0].start : findings[0].end] == number


@pytest.mark.parametrize(
    "number",
    [
        "025-58311686",
        "(025)58311686",
        "（025）58311686",
        "0731-8456789",
        "010 65123456",
        "025-58311686转8001",
        "02558311686",
    ],
)
def test_landline_numbers_are_masked(number):
    masked, findings = mask_personal_data(f"办公室电话{number}")

    assert masked == "办公室电话【固定电话已隐去】"
    assert [(f.kind, f.start, f.end) for f in findings] == [("landline", 5, 5 + len(number))]


def test_local_number_is_masked_only_after_a_phone_word():
    assert kinds("联系电话：58311686") == ["landline"]
    assert kinds("共投入58311686元") == []


def test_id_numbers_with_valid_checksum_and_birth_date_are_masked():
    number = valid_id()
    with_x = next(
        valid_id(f"43010219850612{n:03d}") for n in range(1000) if valid_id(f"43010219850612{n:03d}")[-1] == "X"
    )
    spaced = f"{number[:6]} {number[6:14]} {number[14:]}"

    assert mask_personal_data(f"身份证号{number}。")[0] == "身份证号【身份证号已隐去】。"
    assert kinds(f"身份证：{with_x}") == ["id_card"]
    assert kinds(f"身份证：{with_x.lower()}") == ["id_card"]
    assert kinds(f"证件 {spaced} 已提交") == ["id_card"]


def test_id_numbers_failing_checks_are_not_taken_for_id_numbers():
    number = valid_id()
    wrong_check = number[:17] + ("0" if number[17] != "0" else "1")
    future = valid_id(f"320115{datetime.datetime.now(tz=datetime.UTC).year + 1}0307123")
    bad_date = valid_id("32011519901307123")  # month 13
    bad_region = valid_id("99011519900307123")

    assert not is_valid_id_number(wrong_check)
    assert not is_valid_id_number(future)
    assert not is_valid_id_number(bad_date)
    assert not is_valid_id_number(bad_region)
    for text in (wrong_check, future, bad_date, bad_region):
        assert "id_card" not in kinds(f"编号{text}")


@pytest.mark.parametrize("length", [16, 19])
def test_bank_card_numbers_passing_luhn_are_masked(length):
    card = luhn_complete("622202" + "3" * (length - 7))
    grouped = " ".join(card[i : i + 4] for i in range(0, length, 4))

    assert mask_personal_data(f"卡号{card}，户名张三")[0] == "卡号【银行卡号已隐去】，户名张三"
    assert kinds(f"卡号：{grouped}。") == ["bank_card"]
    assert kinds(f"卡号：{grouped.replace(' ', '-')}。") == ["bank_card"]


def test_card_numbers_failing_luhn_or_inside_longer_runs_are_not_masked():
    card = luhn_complete("622202123456789")

    assert kinds(f"卡号{luhn_broken('622202123456789')}") == []
    assert kinds(f"流水号{card}1234") == []
    assert kinds(f"流水号9{card}") == []


@pytest.mark.parametrize(
    "address",
    ["zhang.san@qq.com", "li_si-88@163.com", "wang+news@sina.com.cn", "ｚｈａｎｇ＠ｑｑ．ｃｏｍ", "chen@hn.gov.cn"],
)
def test_email_addresses_are_masked(address):
    masked, findings = mask_personal_data(f"邮箱：{address}，谢谢")

    assert masked == "邮箱：【电子邮箱已隐去】，谢谢"
    assert findings == (Finding("email", 3, 3 + len(address)),)


def test_email_holding_a_mobile_number_is_one_email():
    assert kinds("请发到13812345678@qq.com") == ["email"]


@pytest.mark.parametrize(
    "text",
    [
        "2025年10月1日开始施工",
        "2025-10-01发布，2025/10/01更新，20251001号文件",
        "补偿款1000000元，另有3.5万元，12345678元",
        "G328国道和S7高速，312路公交车",
        "请拨打12345市民热线",
        "邮编211800，门牌88号",
        "共有1200户、3000多人，占比12.5%",
        "系统版本v2.3.15，2019年至2025年",
        "手机号138****5678和177××××1292已打码",
        "电话0000-00000000，身份证*****************",
        "发文字号宁政发〔2025〕12号",
        "13812345678901234567",
        "合同编号20251001123456",
    ],
)
def test_no_false_hits(text):
    assert mask_personal_data(text) == (text, ())


def test_positions_refer_to_the_original_text_with_several_findings():
    text = "张三 13812345678 邮箱a@b.cn 座机(025)58311686"

    masked, findings = mask_personal_data(text)

    assert [text[f.start : f.end] for f in findings] == ["13812345678", "a@b.cn", "(025)58311686"]
    assert masked == "张三 【手机号已隐去】 邮箱【电子邮箱已隐去】 座机【固定电话已隐去】"
    assert set(FINDING_LABELS) == {"mobile", "landline", "id_card", "bank_card", "email"}


def test_full_width_digits_are_found_at_their_original_positions():
    text = "电话１３８１２３４５６７８"

    masked, findings = mask_personal_data(text)

    assert findings == (Finding("mobile", 2, 13),)
    assert masked == "电话【手机号已隐去】"


def test_sensitive_words_ignore_case_width_and_fillers():
    matcher = SensitiveWordMatcher(["赌博", "FaLun", "代开发票", "  "])

    found = matcher.find("有人 fa lun 聚众赌 博，还有代*开*发*票，又见赌博和ＦＡＬＵＮ")

    assert found == ["FaLun", "赌博", "代开发票"]
    assert matcher.find("一切正常") == []
    assert SensitiveWordMatcher([]).find("赌博") == []


def test_thousands_of_sensitive_words():
    words = [f"词{i:05d}{chr(0x4E00 + i)}" for i in range(5000)]
    matcher = SensitiveWordMatcher(words)
    text = ("这是一段很长的普通文字，" * 45) + words[4321] + "，结尾" + words[7]

    assert len(text) > 500
    assert matcher.find(text) == [words[4321], words[7]]


def test_spam_signals():
    assert spam_signals("请问小区门口的道路什么时候修好？") == []
    assert spam_signals("啊啊啊啊啊啊啊啊啊啊") == ["repeated_chars"]
    assert spam_signals("求回复求回复求回复求回复") == ["same_text_repeated"]
    assert "link" in spam_signals("详情请看 http://example.com/x 和 www.abc.cn")
    assert "link" not in spam_signals("我的邮箱是abc@qq.com")
    assert "advertising" in spam_signals("兼职日结，加微信了解")
    assert "too_many_digits" in spam_signals("1234567890123456789 0000")
    assert "no_chinese" in spam_signals("buy cheap watches now")


def test_screen_puts_it_together():
    matcher = SensitiveWordMatcher(["赌博"])

    result = screen("举报赌博窝点，我的电话13812345678，联系邮箱x@y.com", matcher)

    assert result.masked == "举报赌博窝点，我的电话【手机号已隐去】，联系邮箱【电子邮箱已隐去】"
    assert result.kinds == ("email", "mobile")
    assert result.sensitive_words == ("赌博",)
    assert result.spam_signals == ()
    assert screen("正常问题").findings == ()
