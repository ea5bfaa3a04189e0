"""What the model is asked to write in the "whole" strategy: bounded drafts, every field backed by quotes.

These are LLM-facing shapes, not the stored record: every list and string has an upper bound (so a
grammar-constrained small model cannot loop until its context fills), and validators that read the
article from the validation context reject quotes that are not in it, so instructor re-asks with the
error text. With `{"allow_ungrounded": True}` in the context the same models parse a last answer
without those checks, so it can be kept with its quotes flagged instead of being thrown away.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from summariser.extract.merge import party_key
from summariser.schema import EVIDENCE_FIELDS, AgreementType, Status

EvidenceField = Literal[EVIDENCE_FIELDS]  # type: ignore[valid-type]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


# Fields a record always fills, so always needs a quote for; the others need one only when filled.
ALWAYS_BACKED = ("parties", "agreement_type", "status")


def _article(info: ValidationInfo) -> str | None:
    ctx = info.context or {}
    if ctx.get("allow_ungrounded"):
        return None
    text = ctx.get("text")
    return text if isinstance(text, str) else None


def _locate(quote: str, text: str):
    from summariser.grounding import align

    return align(quote, text)


class QuoteDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str = Field(
        min_length=3, max_length=300, description="A passage copied from the article exactly, character for character."
    )
    fields: list[EvidenceField] = Field(min_length=1, description="The record fields this quote supports.")

    @field_validator("quote")
    @classmethod
    def _in_article(cls, quote: str, info: ValidationInfo) -> str:
        text = _article(info)
        if text is not None and _locate(quote, text) is None:
            raise ValueError(
                f"this quote is not in the article: {quote[:120]!r}. Copy the passage from the article exactly, "
                "or leave the quote out"
            )
        return quote


class PartyDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120, description="The organisation's name as the article writes it.")
    canonical: str = Field(min_length=1, max_length=40, description="A short canonical name, e.g. 'SOCAR'.")


class SignatoryDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=80)
    title: str | None = Field(default=None, max_length=120)
    organisation: str | None = Field(default=None, max_length=120)


class RecordDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Upper bounds on the lists come from the settings (see draft_model): tight for the embedded model.
    quotes: list[QuoteDraft] = Field(min_length=1, description="Verbatim passages backing the fields below.")
    parties: list[PartyDraft] = Field(min_length=2)
    agreement_type: AgreementType
    status: Status
    date_signed: dt.date | None = Field(
        default=None, description="Leave null: the program resolves date_text against the publication date."
    )
    date_text: str | None = Field(
        default=None, max_length=60, description="The article's own words for when it was signed, copied exactly."
    )
    location: str | None = Field(default=None, max_length=80)
    signatories: list[SignatoryDraft] = Field(default_factory=list)
    scope: list[Phrase] = Field(default_factory=list, max_length=6, description="Short phrases: what it covers.")
    summary: str = Field(default="", max_length=300, description="One sentence.")

    @model_validator(mode="after")
    def _backed(self, info: ValidationInfo) -> RecordDraft:
        text = _article(info)
        if text is None:
            return self
        if self.date_text and _locate(self.date_text, text) is None:
            raise ValueError(
                f"date_text {self.date_text!r} is not in the article: copy the article's own words for the "
                "signing date, or set date_text to null"
            )
        if len(distinct_parties(self.parties)) < 2:
            raise ValueError("an agreement needs two different parties; do not list the same organisation twice")
        repeated = [name for name, items in self._lists().items() if len(set(items)) < len(items)]
        if repeated:
            raise ValueError(f"repeated items in {repeated}: list each item once")
        filled = list(ALWAYS_BACKED)
        filled += [name for name in ("location", "signatories", "scope") if getattr(self, name)]
        backed = {f for q in self.quotes for f in q.fields}
        missing = [name for name in filled if name not in backed]
        if missing:
            raise ValueError(f"no quote supports {missing}: add a verbatim quote for each, listing the field")
        return self

    def _lists(self) -> dict[str, list]:
        return {
            "quotes": [q.quote.casefold() for q in self.quotes],
            "parties": [party_key(p) for p in self.parties],
            "signatories": [s.name.casefold() for s in self.signatories],
            "scope": [s.casefold() for s in self.scope],
        }


def distinct_parties(parties: list[PartyDraft]) -> list[PartyDraft]:
    seen: dict[str, PartyDraft] = {}
    for party in parties:
        seen.setdefault(party_key(party), party)
    return list(seen.values())


class WholeDraft(BaseModel):
    """The agreements one article (or one chunk of it) states; an empty list when it states none."""

    model_config = ConfigDict(extra="forbid")

    records: list[RecordDraft] = Field(default_factory=list)


@lru_cache(maxsize=16)
def draft_model(max_records: int, max_parties: int, max_quotes: int, max_fields: int = 4) -> type[WholeDraft]:
    """The answer shape with its bounds (records, parties, quotes per answer; fields per quote) in the JSON
    schema, where a grammar-constrained model obeys them. Named WholeDraft like its base: the tool the model
    is asked to call."""
    quote = create_model(
        "QuoteDraft",
        __base__=QuoteDraft,
        fields=(list[EvidenceField], Field(min_length=1, max_length=max_fields, description="The record fields this quote supports.")),
    )
    record = create_model(
        "RecordDraft",
        __base__=RecordDraft,
        quotes=(list[quote], Field(min_length=1, max_length=max_quotes, description="Verbatim passages backing the fields below.")),  # type: ignore[valid-type]
        parties=(list[PartyDraft], Field(min_length=2, max_length=max_parties)),
        signatories=(list[SignatoryDraft], Field(default_factory=list, max_length=max_parties)),
    )
    return create_model(
        "WholeDraft",
        __base__=WholeDraft,
        __doc__=WholeDraft.__doc__,
        records=(list[record], Field(default_factory=list, max_length=max_records)),  # type: ignore[valid-type]
    )


def parse_kept(raw: str | None, text: str, shape: type[WholeDraft] = WholeDraft) -> WholeDraft | None:
    """Parse a last answer that failed grounding, without the grounding checks; None if it is not even valid."""
    if not raw:
        return None
    try:
        # strict=False: a raw line break inside a string is still readable; small models write them.
        data = json.loads(raw, strict=False)
        return shape.model_validate(data, context={"text": text, "allow_ungrounded": True})
    except ValueError:  # JSONDecodeError and ValidationError are both ValueErrors
        return None


def context_for(text: str) -> dict[str, Any]:
    return {"text": text}
