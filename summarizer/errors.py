"""The exceptions summarizer raises, all under one root.

SummarizerError
├── ConfigError        a setting is missing or wrong: the message names the argument and variable
├── InputError         the article cannot be read, holds no text, or is too long to send
├── BackendError       the model could not be reached, refused, or did not answer in time
│   └── MissingRecording   replay-only mode met a request that was never recorded
├── ExtractionError    the model gave nothing usable: every pass failed, or its answer broke the client
└── ArchiveError       the archive cannot be opened, read or written: damaged, newer, or busy too long

A pass whose answers keep failing validation is no error: its items are dropped with a warning
(``RunInfo.warnings``). Library exceptions (openai's, httpx's) are mapped to these in
``summarizer.backends.errors``.
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "BackendError",
    "ConfigError",
    "ExtractionError",
    "InputError",
    "MissingRecording",
    "SummarizerError",
]


class SummarizerError(Exception):
    """Base of every error summarizer raises on purpose."""


class ConfigError(SummarizerError):
    """A setting is missing or invalid."""


class InputError(SummarizerError):
    """The article could not be read, holds no text to summarize, or is too long to send."""


class BackendError(SummarizerError):
    """The model backend failed: unreachable, refusing, or too slow after all retries."""


class MissingRecording(BackendError):
    """A request has no recorded response and the cache may not call a model."""


class ExtractionError(SummarizerError):
    """The model gave nothing usable: every pass failed, so the brief would be empty, or an answer
    broke the client library in a way no re-ask can mend."""


class ArchiveError(SummarizerError):
    """The archive of briefs cannot be used: its file is damaged or not an archive (it is never replaced),
    was made by a newer summarizer, or stayed locked by another writer for too long."""
