"""Trained models ship as NumPy archives read without pickle, never as JSON dictionaries of
weights scored by hand."""

from importlib import resources

import numpy

# A calibration table: isotonic knots per framing rule, no weights.
CALIBRATION_TABLES = {"framing_confidence.json"}


def test_every_shipped_model_is_an_archive_of_arrays():
    folder = resources.files("presslens.models")
    files = {entry.name for entry in folder.iterdir() if entry.is_file()}
    models = files - {"README.md", "__init__.py"} - CALIBRATION_TABLES
    assert models and all(name.endswith(".npz") for name in models), sorted(models)
    for name in sorted(models):
        with folder.joinpath(name).open("rb") as handle, \
                numpy.load(handle, allow_pickle=False) as archive:
            assert archive.files, name
