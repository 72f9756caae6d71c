"""``manage.py demo_logins``: the demo accounts and their documented passwords, as a table."""

import unicodedata

from django.core.management.base import BaseCommand

from portal.accounts.enums import Role
from portal.accounts.models import Unit, User
from portal.demo.data import DEMO_ACCOUNTS


def display_width(text: str) -> int:
    """Columns a terminal uses: two for wide (Chinese) characters, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1 for char in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(display_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    return ["  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]


class Command(BaseCommand):
    help = "列出演示账号、密码、单位和角色。 List the demo accounts with their passwords, units and roles."

    def handle(self, *args, **options):
        units = {unit.name: unit for unit in Unit.objects.filter(name__in={spec.unit for spec in DEMO_ACCOUNTS})}
        present = set(
            User.objects.filter(username__in=[spec.username for spec in DEMO_ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        rows = [("用户名 Username", "密码 Password", "单位 Unit", "角色 Role")]
        for spec in DEMO_ACCOUNTS:
            unit = units.get(spec.unit)
            roles = "、".join(str(Role(role).label) for role in spec.roles)
            codes = ", ".join(spec.roles)
            rows.append((spec.username, spec.password, str(unit) if unit else spec.unit, f"{roles} ({codes})"))
        self.stdout.write("演示账号 Demo accounts（仅供本地演示，切勿用于生产环境 / for local demonstration only）:")
        for line in table(rows):
            self.stdout.write(f"  {line}")
        missing = [spec.username for spec in DEMO_ACCOUNTS if spec.username not in present]
        if missing:
            self.stderr.write(self.style.WARNING(f"  尚未载入 not loaded：{', '.join(missing)}。请先运行 seed_demo。"))
