"""tokgate-webhook-notifier: every failure's summary POSTed to a webhook (see notifier.py)."""
