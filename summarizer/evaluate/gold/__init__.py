"""Gold annotations, one module a job: the format (``model``), reading gold files (``load``) and the
MEANTIME export (``meantime``), and matching a brief's names, quotes and dates to the gold's
(``matching``)."""

from .load import load_gold
from .model import MEANTIME_ACTORS, MEANTIME_CONSEQUENCES, MEANTIME_EVENTS, MEANTIME_SPEAKERS, GoldArticle

__all__ = [
    "MEANTIME_ACTORS",
    "MEANTIME_CONSEQUENCES",
    "MEANTIME_EVENTS",
    "MEANTIME_SPEAKERS",
    "GoldArticle",
    "load_gold",
]
