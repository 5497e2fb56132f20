"""The ms tokens a server runs on: ``ms_tokens`` and the ``ms_tokens_file``, one token a line.

The file is read at start and again on every reload (SIGHUP, or the file changing), so an
operator refreshes tokens every few hours, as TikTokApi's guide advises, without a restart.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from tokgate.config import Settings


class TokenFileError(ValueError):
    """The ``ms_tokens_file`` cannot be read: at start a configuration error (exit 2), on a
    reload the tokens in force stay."""


def read_ms_tokens(settings: Settings) -> tuple[SecretStr, ...]:
    """``ms_tokens``, then the file's tokens (blank lines skipped), each once; TokenFileError
    names the file when it cannot be read."""
    tokens = [token.get_secret_value() for token in settings.ms_tokens]
    if settings.ms_tokens_file:
        try:
            text = Path(settings.ms_tokens_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise TokenFileError(f"ms_tokens_file {settings.ms_tokens_file}: {reason}") from None
        tokens += [line.strip() for line in text.splitlines() if line.strip()]
    return tuple(SecretStr(token) for token in dict.fromkeys(tokens))
