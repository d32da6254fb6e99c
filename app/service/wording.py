"""The words for each measure, on screen and as the CSV's headings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.data.service import signposting

COUNT_LABELS = {
    "supported": _l("People supported in the period"),
    "new": _l("New people (joined in the period)"),
    "left": _l("People who left in the period"),
    "over_six_months": _l("People supported for more than 6 months at the end of the period"),
    "baselines_done": _l("Baseline assessments done"),
    "reviews_done": _l("6-week reviews done"),
    "reviews_due": _l("6-week reviews due"),
    "ongoing_reviews_done": _l("6-month reviews of ongoing support done"),
    "ongoing_reviews_due": _l("6-month reviews of ongoing support due"),
}
SHARE_LABELS = {
    "new_with_baseline": _l("New people with a baseline assessment"),
    "together": _l("Assessments completed jointly with a worker or peer mentor"),
    "up_to_date_together": _l(
        "People whose outcome scores are up to date and were completed jointly with a "
        "worker or peer mentor (the target is 90 in 100)"
    ),
    "making_progress": _l("People making positive progress (latest score above baseline)"),
}
AVERAGE_LABELS = {
    "average_baseline": _l("Average outcome score at baseline (1 to 10)"),
    "average_gain": _l("Average change among people making progress"),
}
COMPARED_LABEL = _l("People with a baseline and a later assessment")
DUE_KIND_LABELS = {
    "baseline": _l("Baseline"),
    "review": _l("6-week review"),
    "ongoing_review": _l("6-month review of ongoing support"),
}

# What a worker can record someone was signposted to: the commissioners' list.
SIGNPOST_LABELS = {
    signposting.HOUSING: _l("Housing"),
    signposting.TALKING_THERAPIES: _l("Talking therapies"),
    signposting.MONEY_ADVICE: _l("Money advice"),
    signposting.STOP_SMOKING_HEALTHY_LIFESTYLE: _l("Stop smoking and healthy lifestyle"),
    signposting.PHYSICAL_ACTIVITY: _l("Physical activity"),
    signposting.CRISIS_SECONDARY_CARE: _l("Crisis or secondary mental health care"),
    signposting.VOLUNTEERING_EDUCATION_EMPLOYMENT: _l("Volunteering, education or employment"),
}
PEER_SUPPORT_LABELS = {
    "peer_support": _l("Peer support networks the service runs (its listings in Find groups)"),
    "new_peer_support": _l("New peer support networks (listed in the period)"),
}
