"""An example third-party tokgate error plugin (see plugin.py)."""
