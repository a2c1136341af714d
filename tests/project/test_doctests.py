"""Every docstring example of presslens runs and holds: the examples are documentation, and
documentation that no longer matches the code misleads."""

import doctest
import importlib
import pkgutil

import pytest

import presslens

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(presslens.__path__, "presslens.")
    # The entry point runs the CLI on import; the demo corpus is data.
    if not info.name.endswith("__main__") and ".demo" not in info.name
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} fail"
