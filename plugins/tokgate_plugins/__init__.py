"""tokgate's built-in error classifiers, one pluggy plugin module per concern.

Each module implements ``tokgate_classify_error`` marked ``trylast``, so any third-party
plugin runs first; ``catch_all`` answers whatever none of them knew. The texts callers
read (messages, causes, suggestions) live in ``texts``.
"""
