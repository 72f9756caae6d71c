# ruff: noqa: T201 -- a command-line report
"""Evaluate the question text processing on the citizen-messages development data (internal use only).

    .venv/bin/python bench/eval_questions.py [--data ../shared/data/citizen-messages]

- categories: 5-fold cross-validation of CategorySuggester on attachment2 (development split),
  folds grouped by whitespace-stripped title so that reposts never straddle train and test;
- grouping: group_texts over attachment3, pair precision/recall/F1 against the silver hot-issue
  reference (both teams' groups joined where they share messages), counted only among the messages
  the reference covers; and the share of same-category pairs among the pairs grouped in attachment2,
  a precision check the silver reference cannot give;
- masking: synthetic valid phone, ID, card and e-mail values put into real messages (in place of
  the organisers' phone placeholders, and at random places), recall; and the share of the original
  messages (which hold no personal data) that masking alters;
- speed: grouping 10,000 texts (the real ones, cycled), and per-message times.

Reads the data where it lies and writes nothing. The last line is
``RESULT macro_f1=… group_f1=… mask_recall=… mask_fp=… group_10k_s=…``.
"""

import argparse
import collections
import csv
import itertools
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import StratifiedGroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.questions.textproc.classifier import CategorySuggester, question_text
from portal.questions.textproc.grouping import DEFAULT_THRESHOLD, group_texts
from portal.questions.textproc.screening import (
    SensitiveWordMatcher,
    id_checksum,
    luhn_valid,
    mask_personal_data,
    screen,
)

SEED = 20251001


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def evaluate_categories(data: Path) -> float:
    rows = read(data / "attachment2_labeled_messages.csv")
    texts = [question_text(row["title"], row["detail"]) for row in rows]
    labels = np.array([row["label_l1"] for row in rows])
    groups = [re.sub(r"\s", "", row["title"]) for row in rows]
    predicted = np.empty_like(labels)
    confidence = np.zeros(len(rows))
    fit_seconds = predict_seconds = 0.0
    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)
    for train, test in folds.split(texts, labels, groups):
        started = time.perf_counter()
        suggester = CategorySuggester().fit([texts[i] for i in train], labels[train].tolist())
        fit_seconds += time.perf_counter() - started
        started = time.perf_counter()
        probabilities = suggester.probabilities([texts[i] for i in test])
        predict_seconds += time.perf_counter() - started
        predicted[test] = [suggester.labels[j] for j in probabilities.argmax(axis=1)]
        confidence[test] = probabilities.max(axis=1)
    macro = f1_score(labels, predicted, average="macro")
    full = np.array([row["record"] == "full" for row in rows])
    print(f"== categories: 5-fold on attachment2 (development split, {len(rows)} rows)")
    print(classification_report(labels, predicted, digits=3))
    print(f"macro-F1 {macro:.4f}  (rows with detail {f1_score(labels[full], predicted[full], average='macro'):.4f},")
    print(f"  title-only rows {f1_score(labels[~full], predicted[~full], average='macro'):.4f})")
    print(f"mean confidence {confidence.mean():.3f} vs accuracy {(predicted == labels).mean():.3f}")
    per_message = predict_seconds / len(rows) * 1000
    print(f"training {fit_seconds / 5:.1f} s per fold; suggesting {per_message:.2f} ms per message")
    return macro


def pair_scores(predicted: dict[str, object], reference: dict[str, object]) -> tuple[float, float, float]:
    """Pair precision, recall and F1 of ``predicted`` against ``reference``, over the messages of both."""
    covered = [message for message in reference if message in predicted]
    tp = fp = fn = 0
    for a, b in itertools.combinations(covered, 2):
        same_reference, same_predicted = reference[a] == reference[b], predicted[a] == predicted[b]
        tp += same_reference and same_predicted
        fp += same_predicted and not same_reference
        fn += same_reference and not same_predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def silver_reference(rows: list[dict[str, str]]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The joined reference (one group per connected set of the teams' issues) and each team's own."""
    issues = collections.defaultdict(list)
    for row in rows:
        issues[(row["team"], row["issue_id"])].append(row["message_id"])
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for members in issues.values():
        for member in members:
            parent[root(member)] = root(members[0])
    teams: dict[str, dict[str, str]] = collections.defaultdict(dict)
    for (team, issue), members in issues.items():
        for member in members:
            teams[team][member] = issue
    return {member: root(member) for member in parent}, dict(teams)


def evaluate_grouping(data: Path) -> tuple[float, float]:
    messages = read(data / "attachment3_hot_issue_messages.csv")
    texts = [question_text(row["title"], row["detail"]) for row in messages]
    started = time.perf_counter()
    groups = group_texts(texts)
    seconds = time.perf_counter() - started
    by_message = {row["message_id"]: group for row, group in zip(messages, groups, strict=True)}
    joined, teams = silver_reference(read(data / "reference_hot_issue_groups_silver.csv"))
    precision, recall, f1 = pair_scores(by_message, joined)
    sizes = collections.Counter(groups)
    print(f"\n== grouping: attachment3 ({len(texts)} messages), threshold {DEFAULT_THRESHOLD}")
    several = sum(1 for size in sizes.values() if size > 1)
    print(f"{len(sizes)} groups, {several} with 2 or more; largest {[n for _, n in sizes.most_common(5)]}")
    print(f"silver reference (teams joined, {len(joined)} messages): pair P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    for team, reference in sorted(teams.items()):
        team_precision, team_recall, team_f1 = pair_scores(by_message, reference)
        print(f"  {team:<14} pair P {team_precision:.3f} R {team_recall:.3f} F1 {team_f1:.3f}")
    labelled = read(data / "attachment2_labeled_messages.csv")
    label_groups = group_texts([question_text(row["title"], row["detail"]) for row in labelled])
    pairs = collections.Counter(label_groups)
    same = collections.Counter(zip(label_groups, (row["label_l1"] for row in labelled), strict=True))
    grouped_pairs = sum(n * (n - 1) // 2 for n in pairs.values())
    same_pairs = sum(n * (n - 1) // 2 for n in same.values())
    print(f"attachment2: {grouped_pairs} grouped pairs, {same_pairs / max(grouped_pairs, 1):.3f} of them same category")
    print(f"grouping {seconds / len(texts) * 1000:.2f} ms per message (batch)")
    cycled = list(itertools.islice(itertools.cycle(texts), 10_000))
    started = time.perf_counter()
    group_texts(cycled)
    ten_thousand = time.perf_counter() - started
    print(f"10,000 texts grouped in {ten_thousand:.2f} s")
    return f1, ten_thousand


def mobile(rng: random.Random) -> str:
    number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
    style = rng.randrange(5)
    if style == 1:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if style == 2:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if style == 3:
        return f"+86 {number}"
    return number


def landline(rng: random.Random) -> str:
    area = rng.choice(["010", "021", "025", "027", "0731", "0734", "0512", "0755"])
    local = f"{rng.randrange(2, 10)}{rng.randrange(10**7):07d}"[: 8 if len(area) == 3 else rng.choice([7, 8])]
    style = rng.randrange(4)
    if style == 1:
        return f"({area}){local}"
    if style == 2:
        return f"{area} {local}"
    if style == 3:
        return f"{area}-{local}转{rng.randrange(100, 9999)}"
    return f"{area}-{local}"


def id_number(rng: random.Random) -> str:
    born = f"{rng.randrange(1940, 2010)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first = f"{rng.choice(['110101', '320115', '430102', '430321', '440305', '510104'])}{born}{rng.randrange(1000):03d}"
    number = first + id_checksum(first)
    return f"{number[:6]} {number[6:14]} {number[14:]}" if rng.random() < 0.2 else number


def card_number(rng: random.Random) -> str:
    prefix = rng.choice(["622202", "622848", "621700", "436742", "622588"])
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(rng.choice([16, 19]) - len(prefix) - 1))
    number = next(body + digit for digit in "0123456789" if luhn_valid(body + digit))
    if rng.random() < 0.3:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def email(rng: random.Random) -> str:
    user = rng.choice(["zhang.wei", "li_na88", "wangfang", "chen-jie", "liu2019", "hello.world"])
    domain = rng.choice(["qq.com", "163.com", "126.com", "gmail.com", "sina.com.cn", "hn.gov.cn"])
    address = f"{user}{rng.randrange(1000)}@{domain}"
    return address.replace("@", "＠") if rng.random() < 0.1 else address


GENERATORS = {"mobile": mobile, "landline": landline, "id_card": id_number, "bank_card": card_number, "email": email}
PLACEHOLDER = re.compile(r"(?:\d{4}-)?0000-00000000")


def insertion_points(text: str) -> list[int]:
    """Places between two characters where a value does not run into other digits or letters."""
    return [
        i
        for i in range(len(text) + 1)
        if not (i and text[i - 1].isascii() and text[i - 1].isalnum())
        and not (i < len(text) and text[i].isascii() and text[i].isalnum())
    ]


def evaluate_masking(data: Path) -> tuple[float, float]:
    rng = random.Random(SEED)  # noqa: S311 -- reproducible test values, not secrets
    clean = [question_text(row["title"], row["detail"]) for row in read(data / "attachment2_labeled_messages.csv")]
    clean += [question_text(row["title"], row["detail"]) for row in read(data / "attachment3_hot_issue_messages.csv")]
    clean += [question_text(row["title"], row["detail"]) for row in read(data / "attachment4_replies.csv")]
    started = time.perf_counter()
    altered = [text for text in clean if mask_personal_data(text)[1]]
    seconds = time.perf_counter() - started
    false_positive = len(altered) / len(clean)
    found = total = 0
    by_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for text in rng.sample(clean, 6000):
        kind = rng.choice(list(GENERATORS))
        value = GENERATORS[kind](rng)
        placeholder = PLACEHOLDER.search(text)
        if placeholder and kind in {"mobile", "landline"}:
            start = placeholder.start()
            text = text[:start] + value + text[placeholder.end() :]
        else:
            start = rng.choice(insertion_points(text))
            text = text[:start] + value + text[start:]
        _, findings = mask_personal_data(text)
        hit = any(f.start <= start and start + len(value) <= f.end for f in findings)
        found += hit
        total += 1
        by_kind[kind][0] += hit
        by_kind[kind][1] += 1
        if not hit and len(misses) < 5:
            misses.append(f"{kind}: {value!r} in …{text[max(0, start - 8) : start + len(value) + 8]!r}…")
    recall = found / total
    print(f"\n== masking: {total} synthetic values put into real messages")
    for kind, (hits, count) in sorted(by_kind.items()):
        print(f"  {kind:<10} recall {hits / count:.4f} ({hits}/{count})")
    print(f"recall {recall:.4f}; missed e.g. {misses[:3]}")
    print(f"clean messages altered: {len(altered)}/{len(clean)} = {false_positive:.4f}")
    for text in altered[:3]:
        findings = mask_personal_data(text)[1]
        # Digits hidden: these are real numbers the organisers left in, not to be copied anywhere.
        print("  e.g.", [(f.kind, re.sub(r"\d", "#", text[f.start : f.end])) for f in findings])
    print(f"masking {seconds / len(clean) * 1000:.3f} ms per message")
    words = [f"敏感词{i:04d}{chr(0x4E00 + i % 2000)}" for i in range(5000)]
    started = time.perf_counter()
    matcher = SensitiveWordMatcher(words)
    built = time.perf_counter() - started
    started = time.perf_counter()
    for text in clean[:2000]:
        screen(text, matcher)
    print(
        f"sensitive words: 5,000 built in {built * 1000:.0f} ms; full screening "
        f"{(time.perf_counter() - started) / 2000 * 1000:.3f} ms per message"
    )
    return recall, false_positive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data/citizen-messages", help="the citizen-messages folder")
    data = Path(parser.parse_args().data)
    if not (data / "attachment2_labeled_messages.csv").is_file():
        sys.exit(f"citizen-messages data not found at {data} (give --data; it is not part of the repository)")
    macro = evaluate_categories(data)
    group_f1, ten_thousand = evaluate_grouping(data)
    recall, false_positive = evaluate_masking(data)
    print(
        f"RESULT macro_f1={macro:.4f} group_f1={group_f1:.4f} mask_recall={recall:.4f} "
        f"mask_fp={false_positive:.4f} group_10k_s={ten_thousand:.2f}"
    )


if __name__ == "__main__":
    main()
