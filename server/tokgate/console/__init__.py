"""Terminal front ends (``tokgate watch``, ``tokgate user``) built on the Python client."""
