"""The object tokgate loads (entry point ``webhook_notifier``): a notifier configured from the
environment when tokgate loads its plugins, so a missing or bad URL stops the start with the
reason instead of losing every notification later."""

from __future__ import annotations

from tokgate_webhook_notifier.notifier import WebhookNotifier

notifier = WebhookNotifier.from_environment()
