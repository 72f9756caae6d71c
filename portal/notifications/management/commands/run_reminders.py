"""``manage.py run_reminders``: the reminder worker (docs/developer/reminders.md).

Without ``--once`` it sends what is due, sleeps ``--interval`` seconds and starts again until stopped
(SIGINT/SIGTERM end it after the current round). ``--once`` sends what is due and exits, for cron.
Each round also starts the daily jobs not yet started today (portal/core/daily.py).
Any number of workers may run at once: each reminder is claimed by one of them and sent once.
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from portal.core.daily import start_daily_jobs
from portal.notifications.sending import new_worker_id, run_once


class Command(BaseCommand):
    help = "发送到期的提醒（站内消息和电子邮件），每条只发送一次；可同时运行多个。 Send due reminders."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="发送当前到期的提醒后退出（用于 cron）。")
        parser.add_argument("--batch", type=int, default=50, help="每次领取的提醒条数（默认 50）。")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="两轮之间等待的秒数（默认 PORTAL_REMINDER_INTERVAL_SECONDS，60）。",
        )

    def handle(self, *args, once: bool = False, batch: int = 50, interval: float | None = None, **options):
        if batch < 1:
            raise CommandError("--batch 须为正整数。")
        interval = settings.PORTAL_REMINDER_INTERVAL_SECONDS if interval is None else interval
        if interval < 0:
            raise CommandError("--interval 不能为负数。")
        worker_id = new_worker_id()
        self.stopping = False
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(f"提醒发送进程 {worker_id} 已启动，每 {interval:g} 秒检查一次。")
        while True:
            if not once:
                close_old_connections()  # like db_worker: a long-lived process drops broken or expired connections
            report = run_once(worker_id, batch=batch)
            for job in start_daily_jobs():
                self.stdout.write(f"每日任务 {job} 已启动。")
            if report.anything or once:
                self.stdout.write(
                    f"提醒：领取 {report.claimed} 条，发送 {report.sent} 条，取消 {report.cancelled} 条，"
                    f"待重试 {report.retried} 条，失败 {report.failed} 条，收回超时 {report.released} 条。"
                )
            if once or self.stopping:
                return
            deadline = time.monotonic() + interval
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
            if self.stopping:
                return

    def _stop(self, signum, frame):
        self.stopping = True
