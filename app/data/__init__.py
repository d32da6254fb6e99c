"""The data layer: models and the small functions that read and write them, one package
per capability (accounts, plans, circle, outcomes, reminders, groups). Routes call these
functions and never the ORM; nothing here imports a capability package (an import
contract in pyproject.toml checks both).

Data functions flush and never commit: a request commits once, when it succeeds
(app/web.py), and CLI commands and the reminder dispatcher commit at their own
boundaries. Every models module is imported here, so the metadata is always complete
(for Alembic, the tests and the data download), whichever part of the app loads first."""

# Each package's section of a person's data download registers itself on import.
from app.data.accounts import export as _accounts_export  # noqa: F401, E402
from app.data.accounts import models as _accounts  # noqa: F401
from app.data.circle import export as _circle_export  # noqa: F401, E402
from app.data.circle import models as _circle  # noqa: F401
from app.data.groups import export as _groups_export  # noqa: F401, E402
from app.data.groups import models as _groups  # noqa: F401
from app.data.needs import bsl as _needs_bsl  # noqa: F401, E402
from app.data.needs import export as _needs_export  # noqa: F401, E402
from app.data.needs import models as _needs  # noqa: F401
from app.data.outcomes import export as _outcomes_export  # noqa: F401, E402
from app.data.outcomes import models as _outcomes  # noqa: F401
from app.data.plans import export as _plans_export  # noqa: F401, E402
from app.data.plans import models as _plans  # noqa: F401
from app.data.reminders import export as _reminders_export  # noqa: F401, E402
from app.data.reminders import models as _reminders  # noqa: F401
from app.data.service import export as _service_export  # noqa: F401, E402
from app.data.service import models as _service  # noqa: F401
