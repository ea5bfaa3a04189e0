"""The agreement record: the one shape every step (extract, store, review, export) agrees on.

A record is only as good as its evidence: every field the extractor fills should be backed by an
`Evidence` quote whose offsets slice back to the quote in the document text.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator


class AgreementType(StrEnum):
    memorandum_of_understanding = "memorandum_of_understanding"
    joint_venture = "joint_venture"
    framework_agreement = "framework_agreement"
    cooperation_agreement = "cooperation_agreement"
    contract = "contract"
    other = "other"


class Status(StrEnum):
    signed = "signed"
    planned = "planned"
    under_discussion = "under_discussion"
    terminated = "terminated"


class MatchKind(StrEnum):
    """How a quote was located in the document, from most to least trustworthy."""

    exact = "exact"
    normalised = "normalised"
    fuzzy = "fuzzy"
    ungrounded = "ungrounded"


# Field names evidence may support; kept as data so the review app and export can validate edits.
EVIDENCE_FIELDS = (
    "parties",
    "agreement_type",
    "status",
    "date_signed",
    "location",
    "signatories",
    "scope",
    "summary",
)


class Party(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="The organisation's name as the article writes it.")
    canonical: str = Field(
        min_length=1,
        description="A short canonical name used to match the same organisation across articles (e.g. 'SOCAR').",
    )


class Signatory(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    title: str | None = None
    organisation: str | None = None


class Evidence(BaseModel):
    """A verbatim quote from the document, located by character offsets into `Document.text`.

    Invariant: when `match` is not `ungrounded`, `start`/`end` are set and `text[start:end]` is the
    matched span (equal to `quote` for exact matches, equal after normalisation or close for the others).
    """

    model_config = ConfigDict(extra="forbid")

    fields: list[str] = Field(min_length=1, description="Record fields this quote supports.")
    quote: str = Field(min_length=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    match: MatchKind = MatchKind.ungrounded
    score: float | None = Field(default=None, description="Similarity 0-100 for fuzzy matches.")

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in EVIDENCE_FIELDS]
        if unknown:
            raise ValueError(f"unknown evidence field(s) {unknown}; expected some of {list(EVIDENCE_FIELDS)}")
        return value

    @model_validator(mode="after")
    def _offsets_consistent(self) -> Evidence:
        grounded = self.match is not MatchKind.ungrounded
        if grounded and (self.start is None or self.end is None):
            raise ValueError("grounded evidence needs start and end offsets")
        if not grounded and (self.start is not None or self.end is not None):
            raise ValueError("ungrounded evidence must not carry offsets")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError("evidence end must be after start")
        return self

    @property
    def grounded(self) -> bool:
        return self.match is not MatchKind.ungrounded


class AgreementRecord(BaseModel):
    """One agreement as an article states it. Unknown is null, never a guess."""

    model_config = ConfigDict(extra="forbid")

    parties: list[Party] = Field(min_length=2)
    agreement_type: AgreementType
    status: Status
    date_signed: dt.date | None = Field(
        default=None,
        description="Only a date the article gives for the signing; the publication date is not a signing date.",
    )
    date_text: str | None = Field(default=None, description="The article's own words for the signing date.")
    location: str | None = None
    signatories: list[Signatory] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list, description="Short phrases saying what the agreement covers.")
    summary: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    # Which rules of the extractor produced the record ("pack.fr", "status.signed", "parties.between"...), in
    # the order they fired: shown by `summarise explain`; kept in memory only (never stored or exported).
    _rules: list[str] = PrivateAttr(default_factory=list)

    @property
    def rules(self) -> list[str]:
        return self._rules

    @property
    def ungrounded_evidence(self) -> list[Evidence]:
        return [e for e in self.evidence if not e.grounded]

    def evidence_for(self, field: str) -> list[Evidence]:
        return [e for e in self.evidence if field in e.fields]


class Document(BaseModel):
    """An article as the reviewer sees it. Offsets everywhere refer to `text`."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="sha256 hex of the document text: the same article under two names is one document.")
    path: str = Field(description="The path as given when the article was read.")
    reported: dt.date | None = Field(default=None, description="The article's own date, from its metadata.")
    text: str


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0

    def add(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            requests=self.requests + other.requests,
        )


class ExtractionResult(BaseModel):
    """What extracting one document produced, with enough provenance to store and export it."""

    document_id: str
    records: list[AgreementRecord] = Field(default_factory=list)
    model: str
    prompt_version: str
    schema_version: str
    usage: Usage = Field(default_factory=Usage)
    model_seconds: float = Field(default=0.0, description="Wall time spent inside model calls.")
    warnings: list[str] = Field(default_factory=list)
    example_ids: list[str] = Field(default_factory=list, description="Reviewed records offered as few-shot examples.")


# Bump when AgreementRecord changes shape: the batch cache keys on it.
SCHEMA_VERSION = "1"
