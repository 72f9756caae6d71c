"""Text messages to netizens (verification codes, answers) through a pluggable gateway.

PORTAL_SMS_GATEWAY names the class. Production plugs in the operator's gateway (the 政务短信平台 or
a carrier's HTTP API) by implementing ``SmsGateway.send``; development prints to the console and
tests capture messages in ``LocmemSmsGateway.outbox``. A gateway never logs a full number.
"""

import sys
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The gateway did not accept the message."""


def mask_mobile(number: str) -> str:
    """138****5678: enough for a person to recognise the number, too little to use it."""
    return f"{number[:3]}****{number[-4:]}" if len(number) >= 8 else "****"


class SmsGateway:
    def send(self, number: str, text: str) -> None:
        """Send ``text`` to the mainland mobile ``number`` (11 digits) or raise SmsError."""
        raise NotImplementedError


class ConsoleSmsGateway(SmsGateway):
    """Development: writes the message to standard output, with the number masked."""

    def send(self, number: str, text: str) -> None:
        sys.stdout.write(f"[短信] 发往 {mask_mobile(number)}：{text}\n")
        sys.stdout.flush()


@dataclass(frozen=True)
class SmsMessage:
    number: str
    text: str


class LocmemSmsGateway(SmsGateway):
    """Tests: keeps every message in ``outbox`` (a class attribute, like Django's mail.outbox)."""

    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, number: str, text: str) -> None:
        self.outbox.append(SmsMessage(number, text))


def get_gateway() -> SmsGateway:
    return import_string(settings.PORTAL_SMS_GATEWAY)()


def send_sms(number: str, text: str) -> None:
    get_gateway().send(number, text)
