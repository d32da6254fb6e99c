"""Opening a listing for a page: anyone may read an active one; service managers also
see retired ones."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app import access
from app.data.groups.listings import get_service
from app.data.groups.models import Service


def open_listing(service_id: str) -> Service:
    service = get_service(service_id)
    if service is None or (service.status != "active" and not is_manager()):
        abort(404)
    return service


def is_manager() -> bool:
    return access.may_manage_directory(current_user)
