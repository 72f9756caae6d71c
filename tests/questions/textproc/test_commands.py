import csv

import pytest
from django.core.management import CommandError, call_command

from portal.questions.management.commands import classify_questions, group_questions, screen_text

pytestmark = [pytest.mark.unit]


def write_csv(path, header, rows, *, bom=False):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_classify_questions(tmp_path):
    train = write_csv(
        tmp_path / "train.csv",
        ["title", "detail", "label_l1"],
        [
            ["公交线路太少", "出行不便", "交通运输"],
            ["公交车班次间隔太长", "", "交通运输"],
            ["地铁站附近出租车乱停", "", "交通运输"],
            ["学校招生划片不合理", "", "教育文体"],
            ["幼儿园收费太高", "", "教育文体"],
            ["小学课后服务安排", "", "教育文体"],
        ],
    )
    predict = write_csv(
        tmp_path / "predict.csv",
        ["id", "title", "detail"],
        [["7", "公交车太挤", ""], ["8", "小学招生", "划片\n问题"]],
        bom=True,
    )
    out = tmp_path / "out.csv"

    call_command(classify_questions.Command(), train=str(train), predict=str(predict), out=str(out))

    assert read_csv(out) == [
        ["id", "title", "detail", "predicted_label"],
        ["7", "公交车太挤", "", "交通运输"],
        ["8", "小学招生", "划片\n问题", "教育文体"],
    ]


def test_classify_questions_refuses_a_training_file_without_labels(tmp_path):
    train = write_csv(tmp_path / "train.csv", ["title", "detail"], [["公交", ""]])
    predict = write_csv(tmp_path / "predict.csv", ["title"], [["x"]])

    with pytest.raises(CommandError, match="缺少列：label_l1"):
        call_command(classify_questions.Command(), train=str(train), predict=str(predict), out=str(tmp_path / "o.csv"))


def test_group_questions(tmp_path):
    source = write_csv(
        tmp_path / "in.csv",
        ["title", "detail", "extra"],
        [
            ["丽发新城附近搅拌站噪音扰民", "晚上睡不着", "a"],
            ["人才购房补贴什么时候发放", "", "b"],
            ["投诉丽发新城搅拌站噪音扰民", "", "c"],
        ],
    )
    out = tmp_path / "out.csv"

    call_command(group_questions.Command(), input=str(source), out=str(out))

    assert [row[2:] for row in read_csv(out)] == [["extra", "group_id"], ["a", "0"], ["b", "1"], ["c", "0"]]


def test_group_questions_without_title_column(tmp_path):
    source = write_csv(tmp_path / "in.csv", ["text"], [["丽发新城"]])

    with pytest.raises(CommandError, match="缺少列：title"):
        call_command(group_questions.Command(), input=str(source), out=str(tmp_path / "out.csv"))


def test_screen_text(tmp_path):
    source = write_csv(
        tmp_path / "in.csv",
        ["id", "title", "detail"],
        [
            ["1", "电话13812345678", "邮箱a@b.cn，2025年10月1日"],
            ["2", "G328国道何时修好", "补偿1000000元"],
        ],
    )
    out = tmp_path / "out.csv"

    call_command(screen_text.Command(), input=str(source), out=str(out))

    assert read_csv(out) == [
        ["id", "title", "detail", "title_masked", "detail_masked", "findings"],
        [
            "1",
            "电话13812345678",
            "邮箱a@b.cn，2025年10月1日",
            "电话【手机号已隐去】",
            "邮箱【电子邮箱已隐去】，2025年10月1日",
            "email;mobile",
        ],
        ["2", "G328国道何时修好", "补偿1000000元", "G328国道何时修好", "补偿1000000元", ""],
    ]


def test_screen_text_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command(screen_text.Command(), input=str(tmp_path / "none.csv"), out=str(tmp_path / "out.csv"))
