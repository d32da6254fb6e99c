"""A group's next session as an iCalendar file (RFC 5545), for "add to my calendar"."""

from __future__ import annotations

from datetime import datetime

from app.data.groups.models import Service
from app.data.groups.schedules import Session


def _escape(text: str) -> str:
    # Every line break, however written (a feed's bare carriage return included), is an
    # escaped \n: a raw one would end the line and start a property of its own (9.14).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return [line]
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return [parts[0]] + [" " + part for part in parts[1:]]


def _utc(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def ics_for(service: Service, session: Session, page_url: str, now_utc: datetime) -> str:
    places = [link.location for link in service.service_at_locations]
    where = ", ".join(
        part
        for part in ([places[0].name, places[0].address_1, places[0].city] if places else [])
        if part
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Keepwell//Find groups//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{service.id}-{_utc(session.starts_at_utc)}@keepwell",
        f"DTSTAMP:{_utc(now_utc)}",
        f"DTSTART:{_utc(session.starts_at_utc)}",
        f"DTEND:{_utc(session.ends_at_utc)}",
        f"SUMMARY:{_escape(service.name)}",
        f"DESCRIPTION:{_escape(service.description[:500])}",
        f"URL:{page_url}",
    ]
    if where:
        lines.append(f"LOCATION:{_escape(where)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    folded = [part for line in lines for part in _fold(line)]
    return "\r\n".join(folded) + "\r\n"
