"""The one place that starts a model client, and the one message when it cannot start."""

from __future__ import annotations

from summariser.llm.base import ModelClient
from summariser.settings import Settings


class ModelStartError(RuntimeError):
    """The model could not start; no document was attempted with it."""


def start_model(settings: Settings) -> ModelClient:
    """The endpoint when one is configured, else the embedded model; any failure becomes one clear reason."""
    from summariser.llm.clients import make_client  # the clients import openai/instructor: only when needed

    try:
        client: ModelClient = make_client(settings)
    except Exception as exc:
        raise ModelStartError(f"cannot start the model {settings.model_name}: {exc}") from exc
    if client.name != settings.model_name:
        raise ModelStartError(f"model name mismatch: {client.name!r} != {settings.model_name!r}")
    return client
