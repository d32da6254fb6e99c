"""Find groups: a local directory of groups and services that follows Open Referral UK."""
