"""tokgate's built-in error classifiers, one pluggy plugin module per concern.

Each module implements ``tokgate_classify_error``; tokgate registers them with the built-in
policy (``tokgate.errors.manager.BUILTIN_POLICY``: after every third-party plugin), and marks
them ``trylast`` so that pluggy's own order agrees. ``catch_all`` answers whatever none of them
knew. The texts callers read (messages, causes, suggestions) live in ``tokgate.errors.texts``.
"""
