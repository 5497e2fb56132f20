"""tokgate-runbook-links: the operator's runbook link on each kind of failure (see links.py)."""
