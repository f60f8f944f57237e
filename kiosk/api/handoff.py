"""掌上办: short-lived links that open one visit's result on the resident's own phone.

A link is ``<hall server>/m/<token>``: the token is 128 random bits, nothing personal, and
only its SHA-256 is stored, so the table alone opens nothing. A link opens one visit until
it expires (``[server] link_hours``, 24 h by default) or staff revoke it. What the phone shows
(``content``) is written by the kiosk when it makes the link: masked facts only.

BLOCKING calls; domain errors only (``StoreUnavailable``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from kiosk.api.store import Store
from kiosk.assist import audit
from kiosk.assist.times import aware, utcnow
from kiosk.assist.vocabulary import StaffInfo
from kiosk.catalog.schema import ChooseStep
from kiosk.flow.engine import FlowEngine
from kiosk.store.models import PhoneLink, Visit

__all__ = ["LinkView", "PhoneLinks", "PhoneVisit", "link_url", "phone_content"]

Now = Callable[[], dt.datetime]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/m/{token}"


@dataclass(frozen=True)
class LinkView:
    id: int
    visit_id: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked: bool
    # What the link shows, so staff can tell one link from another: the ticket's number, or
    # that it carries a receipt ("" for a visit's result alone).
    ticket_number: str = ""
    receipt: bool = False

    def live(self, now: dt.datetime) -> bool:
        return not self.revoked and now < self.expires_at


@dataclass(frozen=True)
class PhoneVisit:
    """What a resident's phone may see of their visit."""

    link_id: int
    visit_id: str
    service_id: str
    language: str
    outcome: str | None
    expires_at: dt.datetime
    content: Mapping[str, Any]  # facts (label, value), message, chosen values: masked only


class PhoneLinks:
    def __init__(self, store: Store, hours: float = 24.0, now: Now = utcnow) -> None:
        self.store = store
        self.lifetime = dt.timedelta(hours=hours)
        self.now = now

    def issue(
        self,
        visit_id: str,
        kiosk_id: str,
        content: Mapping[str, Any],
        *,
        service_id: str = "",
        language: str = "zh",
    ) -> str:
        """A new link's token (shown once, in the QR). The visit row may still be in the
        kiosk's writer queue, so service and language are kept with the link too."""
        token = secrets.token_urlsafe(16)
        body = dict(content)
        body.setdefault("service", service_id)
        body.setdefault("language", language)
        with self.store.guard("make a phone link"), self.store.sessions.begin() as session:
            session.add(
                PhoneLink(
                    token_hash=_hash(token),
                    visit_id=visit_id,
                    kiosk_id=kiosk_id,
                    content=body,
                    expires_at=self.now() + self.lifetime,
                )
            )
        return token

    def open(self, token: str) -> PhoneVisit | None:
        """The visit behind a live link; None for an unknown, expired or revoked one (the
        page says the same for all three: a guessed token learns nothing)."""
        if not token or len(token) > 64:
            return None
        with self.store.guard("open a phone link"), self.store.sessions() as session:
            link = session.scalars(
                select(PhoneLink).where(PhoneLink.token_hash == _hash(token))
            ).first()
            if link is None or link.revoked_at is not None:
                return None
            if self.now() >= aware(link.expires_at):
                return None
            visit = session.get(Visit, link.visit_id)
            content = dict(link.content or {})
            return PhoneVisit(
                link.id,
                link.visit_id,
                visit.service_id if visit else str(content.get("service", "")),
                visit.language if visit else str(content.get("language", "zh")),
                visit.outcome if visit else None,
                aware(link.expires_at),
                content,
            )

    def for_visit(self, visit_id: str) -> list[LinkView]:
        with self.store.guard("read phone links"), self.store.sessions() as session:
            rows = session.scalars(
                select(PhoneLink).where(PhoneLink.visit_id == visit_id).order_by(PhoneLink.id)
            ).all()
            return [
                LinkView(
                    r.id,
                    r.visit_id,
                    aware(r.created_at),
                    aware(r.expires_at),
                    r.revoked_at is not None,
                    str((r.content.get("ticket") or {}).get("number", "")),
                    bool(r.content.get("receipt")),
                )
                for r in rows
            ]

    def revoke(self, link_id: int, who: StaffInfo, place: str) -> bool:
        """Staff close a link at once (a phone lost, a link shared by mistake); audited.
        False when there was no such link or it was already revoked."""
        with self.store.guard("revoke a phone link"), self.store.sessions.begin() as session:
            done = session.execute(
                update(PhoneLink)
                .where(PhoneLink.id == link_id, PhoneLink.revoked_at.is_(None))
                .values(revoked_at=self.now(), revoked_by=who.id)
                .execution_options(synchronize_session=False)
            )
            if not done.rowcount:  # type: ignore[attr-defined]
                return False
            visit_id = session.scalar(select(PhoneLink.visit_id).where(PhoneLink.id == link_id))
            audit.record(
                session,
                audit.Entry("phone_link_revoked", who.id, place, visit_id, {"link": link_id}),
            )
        return True


def phone_content(engine: FlowEngine) -> dict[str, Any]:
    """What a visit's phone page may show, taken from the visit when the link is made: the
    backends' facts (masked by them: card and phone numbers), their messages, the ticket, and
    the options chosen (a guide topic). Never what was typed, never a name or an ID number."""
    s = engine.state
    facts: list[dict[str, Any]] = []
    messages: list[dict[str, str]] = []
    ticket: dict[str, str] = {}
    for answer in s.results.values():
        if answer.get("error"):
            continue
        values = answer.get("values") or {}
        if "number" in values and "counter" in values:
            ticket = {k: str(values[k]) for k in ("number", "counter", "ahead") if k in values}
            continue
        for fact in answer.get("facts") or ():
            facts.append(
                {"label": dict(fact["label"]), "value": fact["value"], "en": fact.get("value_en")}
            )
        if answer.get("message"):
            messages.append(dict(answer["message"]))
    chosen = {}
    for step in engine.service.steps:
        if isinstance(step, ChooseStep) and step.field in s.values:
            chosen[step.field] = s.values[step.field]
    return {
        "service": s.service_id,
        "language": s.language,
        "facts": facts,
        "messages": messages,
        "ticket": ticket,
        "chosen": chosen,
        "print_error": s.print_error,
    }
