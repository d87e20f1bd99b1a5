"""Names a package re-exports, each imported from its module only on first use (PEP 562), so that
importing the package costs only what is used: a cached brief prints without importing the stages that
made it (tests/test_startup.py)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

__all__ = ["exports"]


def exports(
    package: str, modules: dict[str, list[str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, which re-exports the names ``modules`` lists
    under each of its submodules.

    A package assigns them under ``if not TYPE_CHECKING:`` and imports the same names under
    ``if TYPE_CHECKING:``: type checkers then see ordinary imports, and a misspelt name is still an error
    instead of an attribute that ``__getattr__`` might have.
    """
    home = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        module = home.get(name)
        if module is None:
            # AttributeError, nothing else: ``from package import submodule`` then imports the submodule.
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # once: from then on an ordinary attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *home})

    return __getattr__, __dir__
