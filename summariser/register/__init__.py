"""The register: records from many articles grouped into agreements.

identity.py   when two records may be one agreement (parties, types, dates)
linking.py    proposing agreements at scale (blocking on party names), then applying reviewers' link decisions
view.py       one agreement's merged fields, its reports and the places where they disagree
scoring.py    pairwise precision / recall of "same agreement" links against a gold file's `same_as`
"""
