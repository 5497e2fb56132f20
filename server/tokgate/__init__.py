"""tokgate: a gRPC gateway to TikTok LIVE events and TikTok data, with typed errors."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tokgate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
