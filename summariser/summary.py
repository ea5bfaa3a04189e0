"""A one-sentence summary written from a record's own fields.

Used when the model wrote none (the choice strategy never asks it to write): built only from fields that
are backed by evidence, it adds no claim the record does not already make.
"""

from __future__ import annotations

from summariser.schema import AgreementRecord, AgreementType, Status

_KIND = {
    AgreementType.memorandum_of_understanding: "a memorandum of understanding",
    AgreementType.joint_venture: "a joint venture agreement",
    AgreementType.framework_agreement: "a framework agreement",
    AgreementType.cooperation_agreement: "a cooperation agreement",
    AgreementType.contract: "a contract",
    AgreementType.other: "an agreement",
}
_VERB = {
    Status.signed: "signed",
    Status.planned: "plan to sign",
    Status.under_discussion: "are discussing",
    Status.terminated: "ended",
}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def template_summary(record: AgreementRecord) -> str:
    sentence = f"{_join([p.name for p in record.parties])} {_VERB[record.status]} {_KIND[record.agreement_type]}"
    if record.location:
        sentence += f" in {record.location}"
    if record.date_signed:
        sentence += f" on {record.date_signed.isoformat()}"
    if record.scope:
        sentence += f": {record.scope[0]}"
    return sentence.rstrip(".") + "."
