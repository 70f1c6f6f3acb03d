"""SNMPv3 notifications for the trap receiver: USM checks, inform responses, discovery reports.

Two cases (RFC 3414 §1.5.1, RFC 3412 §7.2):

* a **trap** is sent by an authoritative agent: its message carries the agent's engine ID,
  with the keys localised to it. Any engine ID is accepted for a configured user (keys
  localised per engine ID, cached); each sender's clock is tracked (per address and engine
  ID) so a replayed or stale trap falls outside the time window.
* an **inform** is sent to us as the authoritative engine: the sender first discovers our
  engine ID (we answer with a usmStatsUnknownEngineIDs report carrying our ID, boots and
  time), then sends the inform localised to our engine ID, which we acknowledge with a
  Response at the same security level.

Every refusal returns a counter name and a reason, and where the sender asked for reports
(informs), the report it needs (unknown user, wrong digest, time window, ...).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ops_console.polling import ber, usm
from ops_console.polling.credentials import SnmpCredential

LEVEL_NAMES = {
    0: "noAuthNoPriv",
    usm.FLAG_AUTH: "authNoPriv",
    usm.FLAG_AUTH | usm.FLAG_PRIV: "authPriv",
}


@dataclass(frozen=True)
class V3Notification:
    """An accepted v3 message (a trap, an inform, or a request to an agent built on this USM);
    ``reply`` is the Response to send for an inform. ``respond()`` answers any other request
    from what is kept here: its message id, context and user (None below authNoPriv)."""

    pdu: ber.Pdu
    user: str
    engine_id: bytes
    reply: bytes | None
    msg_id: int = 0
    context_engine_id: bytes = b""
    context_name: bytes = b""
    usm_user: usm.UsmUser | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class V3Refusal:
    """A v3 message not accepted: the counter to raise, why, and a report to send back (or None)."""

    counter: str
    reason: str
    reply: bytes | None = None


class TrapUsm:
    """The receiver's USM: its own engine (for informs) and the configured v3 users.

    Attributes:
        engine_id: our snmpEngineID (a fresh random one per receiver unless given; senders
            of informs discover it, so it need not survive a restart).
        boots: our snmpEngineBoots (1 for a fresh engine ID).
    """

    _CLOCKS_MAX = 100_000

    def __init__(
        self,
        credentials: Iterable[SnmpCredential] = (),
        *,
        engine_id: bytes | None = None,
        boots: int = 1,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine_id = engine_id or usm.new_engine_id()
        self.boots = boots
        self._mono = monotonic
        self._started = monotonic()
        self._users: dict[bytes, list[usm.UsmUser]] = {}
        self._by_cred: dict[SnmpCredential, usm.UsmUser] = {}
        # (sender address, engine ID) → its clock: cloned devices may share an engine ID
        self._clocks: dict[tuple[str, bytes], usm.EngineClock] = {}
        self._salt = usm.new_salt()
        self.problems: list[str] = []
        self.set_users(credentials)

    def set_users(self, credentials: Iterable[SnmpCredential]) -> None:
        """Take the configured v3 users (pass phrases hashed once per credential)."""
        users: dict[bytes, list[usm.UsmUser]] = {}
        by_cred: dict[SnmpCredential, usm.UsmUser] = {}
        problems = []
        for cred in credentials:
            if not cred.is_v3 or cred in by_cred:
                continue
            user = self._by_cred.get(cred)
            if user is None:
                try:
                    user = usm.UsmUser(cred)
                except usm.UsmError as exc:
                    problems.append(f"v3 user {cred.user!r} cannot receive notifications: {exc}")
                    continue
            by_cred[cred] = user
            users.setdefault(user.name, []).append(user)
        self._users, self._by_cred, self.problems = users, by_cred, problems

    @property
    def users(self) -> int:
        return len(self._by_cred)

    def now(self) -> int:
        """Our snmpEngineTime."""
        return min(usm.MAX_BOOTS, int(self._mono() - self._started))

    # receiving ---------------------------------------------------------------------------

    def handle(self, data: bytes, host: str) -> V3Notification | V3Refusal:
        """Check one v3 message from ``host``; never raises for anything a network sends."""
        try:
            msg = usm.decode(data)
        except usm.UsmError as exc:
            return V3Refusal("malformed", str(exc))
        ours = msg.engine_id == self.engine_id
        if not msg.engine_id or (not ours and msg.reportable):
            # discovery of our engine ID (an inform's first step), or an inform sent to an
            # engine ID we do not have (we restarted with a new one): tell the sender ours
            if not msg.reportable:
                return V3Refusal("v3_unknown_engine", "unreportable message without an engine ID")
            return V3Refusal(
                "v3_discovery",
                f"engine ID discovery from {host}",
                self._report(msg, usm.UNKNOWN_ENGINE_IDS, None),
            )
        level = msg.flags & (usm.FLAG_AUTH | usm.FLAG_PRIV)
        candidates = self._users.get(msg.user, [])
        if not candidates:
            return V3Refusal(
                "v3_unknown_user",
                f"unknown SNMPv3 user {msg.user.decode('utf-8', 'replace')!r}",
                self._report(msg, usm.UNKNOWN_USER_NAMES, None) if msg.reportable else None,
            )
        at_level = [u for u in candidates if u.level == level]
        if not at_level:
            configured = ", ".join(sorted({LEVEL_NAMES[u.level] for u in candidates}))
            return V3Refusal(
                "v3_wrong_level",
                f"SNMPv3 user {msg.user.decode('utf-8', 'replace')!r} sent {LEVEL_NAMES[level]}, "
                f"configured for {configured}",
                self._report(msg, usm.UNSUPPORTED_SEC_LEVELS, None) if msg.reportable else None,
            )
        user = at_level[0]
        if level:
            user = next((u for u in at_level if usm.verify(msg, u)), None)  # type: ignore[assignment]
            if user is None:
                return V3Refusal(
                    "v3_wrong_digest",
                    "SNMPv3 authentication failed: wrong auth key or protocol (usmStatsWrongDigests)",
                    self._report(msg, usm.WRONG_DIGESTS, None) if msg.reportable else None,
                )
            window = self._in_window(msg, ours, host)
            if window is not None:
                return V3Refusal(
                    "v3_not_in_time_window",
                    window,
                    self._report(msg, usm.NOT_IN_TIME_WINDOWS, user) if msg.reportable else None,
                )
        try:
            scoped = usm.open_scoped(msg, user)
        except usm.UsmError as exc:
            return V3Refusal(
                "v3_decryption_error" if level & usm.FLAG_PRIV else "malformed",
                str(exc),
                self._report(msg, usm.DECRYPTION_ERRORS, None)
                if msg.reportable and level & usm.FLAG_PRIV
                else None,
            )
        pdu = scoped.pdu
        reply = None
        if pdu.tag == ber.INFORM:
            if not ours:
                return V3Refusal("malformed", "inform not addressed to our engine ID")
            # the Response carries the inform's context (RFC 3412 §7.1 step 3)
            reply = self._encode(
                msg.msg_id, user if level else None,
                ber.encode_pdu_only(ber.RESPONSE, pdu.request_id, pdu.varbinds),
                scoped.context_engine_id, scoped.context_name,
            )  # fmt: skip
        return V3Notification(
            pdu, user.name.decode("utf-8", "replace"), msg.engine_id, reply, msg.msg_id,
            scoped.context_engine_id, scoped.context_name, user if level else None,
        )  # fmt: skip

    def respond(self, note: V3Notification, pdu: bytes) -> bytes:
        """Encode ``pdu`` (a Response) for the sender of ``note``, at its security level."""
        return self._encode(
            note.msg_id, note.usm_user, pdu, note.context_engine_id, note.context_name
        )

    def _in_window(self, msg: usm.V3Message, ours: bool, host: str) -> str | None:
        """RFC 3414 §3.2.7: None when the message is timely, else why not."""
        if ours:  # we are authoritative (an inform): our own clock decides
            if (
                msg.boots != self.boots
                or self.boots == usm.MAX_BOOTS
                or abs(msg.time - self.now()) > usm.TIME_WINDOW_S
            ):
                return "SNMPv3 inform outside our time window (usmStatsNotInTimeWindows)"
            return None
        key = (host, msg.engine_id)
        clock = self._clocks.get(key)
        now = self._mono()
        if clock is None:  # first trap from this engine: it sets the clock
            if len(self._clocks) >= self._CLOCKS_MAX:
                self._clocks.clear()
            self._clocks[key] = usm.EngineClock(msg.boots, msg.time, now, msg.time)
            return None
        if clock.accept(msg.boots, msg.time, now):
            return None
        return (
            f"SNMPv3 trap outside the sender's time window (boots {msg.boots}, time {msg.time}; "
            f"last seen boots {clock.boots}, time ≈{clock.now(now)}): replayed or stale"
        )

    # sending -----------------------------------------------------------------------------

    def _report(self, msg: usm.V3Message, counter_oid: str, user: usm.UsmUser | None) -> bytes:
        """A Report for ``msg``'s sender; authenticated (authNoPriv) only for notInTimeWindow."""
        vb = ((counter_oid, ber.Value(ber.COUNTER32, 1)),)
        pdu = ber.encode_pdu_only(ber.REPORT, self._request_id(msg, user), vb)
        if user is not None:
            user = user.without_privacy()  # reports go out at authNoPriv (RFC 3414 §3.2.7 a)
        return self._encode(msg.msg_id, user, pdu, self.engine_id, b"")

    def _request_id(self, msg: usm.V3Message, user: usm.UsmUser | None) -> int:
        """The request-id of the message being reported on, when it can be read (else 0)."""
        try:
            return usm.open_scoped(msg, user).pdu.request_id
        except usm.UsmError:
            return 0

    def _encode(self, msg_id: int, user: usm.UsmUser | None, pdu: bytes, context_engine_id: bytes,
                context_name: bytes) -> bytes:  # fmt: skip
        self._salt += 1
        return usm.encode(
            msg_id, 0, self.engine_id, self.boots, self.now(), user,
            usm.scoped_pdu(context_engine_id, pdu, context_name), salt=self._salt,
        )  # fmt: skip
