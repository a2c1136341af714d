"""Small models trained in this repository (see the README in this folder)."""
