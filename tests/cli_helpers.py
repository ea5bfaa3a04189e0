"""Answers shared by the CLI tests at the network boundary."""

# A "whole"-strategy answer valid for every seed: each seed names SOCAR.
ONE_RECORD = {
    "records": [
        {
            "quotes": [{"quote": "SOCAR", "fields": ["parties", "agreement_type", "status"]}],
            "parties": [{"name": "SOCAR", "canonical": "SOCAR"}, {"name": "Partner", "canonical": "Partner"}],
            "agreement_type": "cooperation_agreement",
            "status": "signed",
        }
    ]
}
