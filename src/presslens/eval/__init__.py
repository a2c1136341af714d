"""Evaluation: scorers and readers of annotated data, behind `presslens eval`."""

from presslens.eval.scoring import PRF, bcubed, prf

__all__ = ["PRF", "bcubed", "prf"]
