# ruff: noqa: T201 -- a command-line report
"""Intake benchmark: sustained question submissions per second through the real view.

Each submission is a POST to the preview page's question form, through the whole middleware stack,
the anti-abuse check, screening and masking, encryption of the contact, grouping, the category
suggestion and the database writes — exactly what a netizen's browser triggers. Per-client rate
limits and the minimum fill time are switched off for the run (settings, not code), since every
request comes from one client here.

A baseline in the same run — a GET of the static privacy notice through the same stack — gives a
ratio that is comparable across these noisy 2-core machines.

    .venv/bin/python bench/intake.py [--n 2000] [--databases sqlite,postgres]

Ends with one line: RESULT intake_per_s sqlite=… postgres=…
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"


def child(n: int) -> None:
    """Runs inside a fresh process whose environment names the database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django  # noqa: PLC0415 -- set up only in the child process

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from portal.accounts.enums import UnitKind  # noqa: PLC0415
    from portal.accounts.models import Unit  # noqa: PLC0415
    from portal.interviews.enums import StepKind, StepStatus  # noqa: PLC0415
    from portal.interviews.models import Interview, InterviewStep  # noqa: PLC0415
    from portal.interviews.steps import STEPS  # noqa: PLC0415
    from portal.questions import antiabuse  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(name="城建局", kind=UnitKind.RESPONSIBLE)
    now = timezone.now()
    interview = Interview.objects.create(year=now.year, title="城镇燃气“安心用气工程”", lead_unit=unit)
    InterviewStep.objects.bulk_create(
        InterviewStep(
            interview=interview,
            kind=step.kind,
            status=StepStatus.DONE if step.kind in {StepKind.INTRODUCTION, StepKind.PREVIEW} else "not_started",
            completed_at=now if step.kind in {StepKind.INTRODUCTION, StepKind.PREVIEW} else None,
        )
        for step in STEPS
    )
    url = f"/interviews/{interview.pk}/ask/"
    topics = ["燃气管道老化", "小区加装电梯", "公交线路调整", "学校周边交通", "农田水利设施", "延迟退休政策"]
    client = Client(HTTP_USER_AGENT="bench")

    def submit(i: int) -> int:
        challenge = antiabuse.new_challenge()
        form = {
            "nickname": f"网友{i}",
            "text": (
                f"请问{topics[i % len(topics)]}的问题什么时候能解决？"
                f"我家住在第{i}号楼，联系电话1381234{i % 10000:04d}。"
            ),
            "contact": f"user{i}@example.com",
            "consent": "1",
            "challenge_token": challenge.token,
            "challenge_answer": challenge.answer,
        }
        status = client.post(url, form).status_code
        # A browser follows the redirect to the receipt page, which shows the "submitted" message and
        # so drops it. Without this, one client's unread messages would pile up in its cookie and then
        # its session (every request re-encoding them all): a cost that no netizen pays.
        client.cookies.pop("messages", None)
        return status

    def rate(fn, count: int) -> float:
        started = time.perf_counter()
        failures = sum(1 for i in range(count) if fn(i) not in {200, 302})
        elapsed = time.perf_counter() - started
        if failures:
            raise SystemExit(f"{failures} of {count} requests failed")
        return count / elapsed

    for i in range(50):  # warm-up: caches, the grouper, the category list
        submit(-i - 1)
    intake = rate(lambda i: 302 if submit(i) == 302 else 500, n)
    baseline = rate(lambda i: client.get("/privacy/").status_code, n)
    print(f"CHILD intake_per_s={intake:.1f} baseline_per_s={baseline:.1f}")


def run(database: str, n: int) -> tuple[float, float]:
    env = {
        **os.environ,
        "PORTAL_QUESTION_RATE_PER_INTERVIEW": "0",
        "PORTAL_QUESTION_RATE_PER_DAY": "0",
        "PORTAL_CHALLENGE_MIN_SECONDS": "0",
        "PORTAL_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PORTAL_LOG_LEVEL": "WARNING",
    }
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        if database == "sqlite":
            env["PORTAL_SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
            env.pop("PORTAL_DATABASE_URL", None)
        else:
            import psycopg  # noqa: PLC0415 -- only needed for the PostgreSQL run

            with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS portal_bench")
                conn.execute("CREATE DATABASE portal_bench")
            env["PORTAL_DATABASE_URL"] = PG_BENCH_URL
        env["PORTAL_MEDIA_ROOT"] = str(Path(tmp) / "media")
        result = subprocess.run(  # noqa: S603 -- our own interpreter and script
            [sys.executable, __file__, "--child", "--n", str(n)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise SystemExit(f"{database}: benchmark failed\n{result.stdout}\n{result.stderr}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("CHILD "))
    values = dict(part.split("=") for part in line.split()[1:])
    return float(values["intake_per_s"]), float(values["baseline_per_s"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="timed submissions per database")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.n)
        return
    results = {}
    for database in args.databases.split(","):
        intake, baseline = run(database, args.n)
        results[database] = intake
        print(
            f"{database:9s} intake {intake:7.1f}/s   baseline GET {baseline:7.1f}/s   "
            f"intake/baseline {intake / baseline:.3f}   ({args.n} submissions)"
        )
    print("RESULT intake_per_s " + " ".join(f"{db}={value:.1f}" for db, value in results.items()))


if __name__ == "__main__":
    main()
