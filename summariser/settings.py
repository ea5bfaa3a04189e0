"""All settings in one place: defaults < config file (TOML) < environment < command-line options.

Environment variables use the prefix SUMMARISER_ (e.g. SUMMARISER_STORE); the endpoint also honours
the standard OPENAI_API_KEY / OPENAI_BASE_URL. The config file is `config.toml` in the user's config
directory, or the file named by SUMMARISER_CONFIG.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

APP_NAME = "summariser"
EMBEDDED_MODEL_NAME = "SmolLM2-135M-Instruct.Q4_1"


def config_path() -> Path:
    return Path(os.environ.get("SUMMARISER_CONFIG") or Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml")


def default_store() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / "store.db"


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return "reviewer"


# Settings whose 0 means "follow the model": (name, embedded value, endpoint value).
_MODEL_FOLLOWING = (
    ("max_tokens", 768, 8192),
    ("max_records", 5, 60),
    ("max_parties", 6, 30),
    ("max_quotes", 8, 30),
)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SUMMARISER_", extra="ignore", populate_by_name=True)

    # --- where things are
    store: Path = Field(default_factory=default_store, description="SQLite store file.")

    # --- which model
    provider: Literal["auto", "embedded", "openai"] = Field(
        default="auto", description="auto: the endpoint when an API key is set, else the embedded model."
    )
    model: str = Field(default="gpt-4o-mini", description="Model name on the OpenAI-compatible endpoint.")
    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("api_key", "SUMMARISER_API_KEY", "OPENAI_API_KEY")
    )
    base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("base_url", "SUMMARISER_BASE_URL", "OPENAI_BASE_URL")
    )
    strategy: Literal["auto", "choice", "whole"] = Field(
        default="auto",
        description="auto: whole on an endpoint model, choice on the embedded one; "
        "choice: the program proposes sentences, names and enums and the model chooses; "
        "whole: the model writes whole records with quotes (capable models).",
    )
    choice_questions: Annotated[list[str] | None, NoDecode] = Field(
        default=None,
        description="choice strategy: which questions the model answers (status, agreement_type, parties, "
        "confirm); the program's own first choice answers the rest. Default: status and agreement_type on "
        "the embedded model, all four on an endpoint.",
    )

    # --- limits and resilience
    timeout_s: float = Field(default=60.0, gt=0, description="Per-request timeout against the endpoint.")
    max_retries: int = Field(default=4, ge=0, description="Retries on 429 / 5xx / timeouts, with backoff.")
    max_reasks: int = Field(default=2, ge=0, description="Times an invalid or ungrounded answer is sent back.")
    max_tokens: int = Field(
        default=0, ge=0, description="Completion tokens per request; 0 follows the model (768 embedded, 8192 endpoint)."
    )
    temperature: float | None = Field(
        default=0.0, ge=0, description="Sampling temperature; null leaves it unset (models that reject it)."
    )
    max_tokens_per_document: int = Field(default=40_000, gt=0, description="Budget across all requests for one document.")
    concurrency: int = Field(default=4, ge=1, description="Requests in flight against an endpoint.")
    chunk_chars: int = Field(default=6_000, gt=500, description="Articles longer than this are split into chunks.")
    chunk_overlap_sentences: int = Field(default=2, ge=0)
    max_document_bytes: int = Field(default=10_000_000, gt=0, description="Larger files are refused with a message.")
    document_budget_s: float = Field(
        default=120.0, gt=0, description="Seconds one document may take; past it the document fails with that reason "
        "and the batch goes on."
    )

    # --- the whole strategy: bounds per answer follow the model (0 = tight on embedded, loose on an endpoint)
    max_records: int = Field(default=0, ge=0, description="Records per answer; 0 follows the model (5 / 60).")
    max_parties: int = Field(default=0, ge=0, description="Parties per record; 0 follows the model (6 / 30).")
    max_quotes: int = Field(default=0, ge=0, description="Quotes per record; 0 follows the model (8 / 30).")
    summary_language: str = Field(
        default="English", min_length=2, description="Language of summaries and scope; quotes stay in the article's."
    )
    whole_hints: bool = Field(default=True, description="Offer the rule pipeline's findings to the model as hints.")
    examples_budget_tokens: int = Field(
        default=1500, ge=0, description="Prompt tokens for few-shot examples from the reviewed register; 0: none."
    )
    examples_max: int = Field(default=6, ge=0, description="Few-shot examples per request at most.")

    # --- Batch API
    batch_poll_s: float = Field(default=30.0, gt=0, description="First wait between Batch API polls; grows 1.5x to 5 min.")

    # --- cost
    prices: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="US dollars per million tokens, [input, output] by model; adds to or overrides prices.toml.",
    )

    # --- embedded model
    embedded_threads: int = Field(default=2, ge=1)
    embedded_context: int = Field(default=2048, ge=512)

    # --- review
    reviewer: str = Field(default_factory=_default_reviewer)
    keys: dict[str, str] = Field(
        default_factory=dict, description="Review app key remapping: binding id -> key, e.g. {accept = 'y'}."
    )

    @field_validator("temperature", mode="before")
    @classmethod
    def _null_temperature(cls, value: Any) -> Any:
        # TOML has no null and the environment only strings: "null" / "none" / "" mean "leave it out".
        if isinstance(value, str) and value.strip().casefold() in ("", "null", "none"):
            return None
        return value

    @field_validator("choice_questions", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        # Friendlier than JSON in an environment variable: SUMMARISER_CHOICE_QUESTIONS=status,parties
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_path()))

    @property
    def use_embedded(self) -> bool:
        if self.provider == "embedded":
            return True
        if self.provider == "openai":
            return False
        return self.api_key is None and self.base_url is None

    @model_validator(mode="after")
    def _follow_the_model(self) -> Settings:
        # A tight bound keeps a grammar-constrained 135M model from looping; a capable model needs room
        # for an article listing many accords (one real article lists 29).
        tight = self.use_embedded
        for name, small, large in _MODEL_FOLLOWING:
            if getattr(self, name) == 0:
                object.__setattr__(self, name, small if tight else large)
        return self

    @property
    def resolved_strategy(self) -> str:
        """The strategy that runs: `auto` is `whole` for an endpoint model and `choice` for the embedded one."""
        if self.strategy != "auto":
            return self.strategy
        return "choice" if self.use_embedded else "whole"

    @property
    def model_name(self) -> str:
        """The model as recorded in provenance."""
        return f"embedded:{EMBEDDED_MODEL_NAME}" if self.use_embedded else self.model

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to store with a run or export: never the key."""
        data = self.model_dump(mode="json", exclude={"api_key", "keys"})
        data["api_key_set"] = self.api_key is not None
        return data


def load_settings(**overrides: Any) -> Settings:
    """Settings with command-line overrides; options left as None do not override."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


SOURCES = ("default", "config file", "environment", "option")


def describe_settings(**overrides: Any) -> dict[str, Any]:
    """Effective settings, where each came from (default, config file, environment, option), and the
    resolved strategy. The API key is never included: only whether one is set and where from."""
    from pydantic_settings import EnvSettingsSource

    settings = load_settings(**overrides)
    given = {k for k, v in overrides.items() if v is not None}
    env = EnvSettingsSource(Settings)()
    toml = TomlConfigSettingsSource(Settings, toml_file=config_path())()
    out: dict[str, Any] = {}
    for name in Settings.model_fields:
        source = "option" if name in given else "environment" if name in env else "config file" if name in toml else "default"
        if name == "api_key":
            out[name] = {"value": "set" if settings.api_key is not None else None, "source": source}
            continue
        out[name] = {"value": settings.model_dump(mode="json", include={name})[name], "source": source}
    return {
        "config_file": str(config_path()),
        "settings": out,
        "resolved": {
            "strategy": settings.resolved_strategy,
            "model": settings.model_name,
            "endpoint": None if settings.use_embedded else (settings.base_url or "https://api.openai.com/v1"),
        },
    }
