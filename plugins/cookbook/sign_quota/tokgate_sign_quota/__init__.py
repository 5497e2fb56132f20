"""tokgate-sign-quota: a paid sign provider's quota answers, classified (see plugin.py)."""
