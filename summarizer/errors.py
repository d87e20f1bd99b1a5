"""The exceptions summarizer raises, all under one root.

SummarizerError
├── ConfigError        a setting is missing or wrong: the message names the argument and variable
├── InputError         the article cannot be read or holds no text
├── BackendError       the model could not be reached or did not answer in time
│   └── MissingRecording   replay-only mode met a request that was never recorded
└── ExtractionError    the model's answers kept failing validation
"""

from __future__ import annotations

__all__ = [
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
    """The article could not be read, or holds no text to summarize."""


class BackendError(SummarizerError):
    """The model backend failed: unreachable, refusing, or too slow after all retries."""


class MissingRecording(BackendError):
    """A request has no recorded response and the cache may not call a model."""


class ExtractionError(SummarizerError):
    """The model's answers kept failing validation after every re-ask."""
