"""Staff training: courses, training records, the staff × course matrix, expiring certificates,
and the certification check that dispatch uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVarTuple

from ..db import Session
from ..db.models import Course, TrainingRecord, User
from ..db.repos import training as repo
from ..db.repos import workorders as wo_repo
from ..domain import training as rules
from ..domain.clock import DEFAULT_ZONE
from ..domain.errors import NotFound, Problem, ValidationError
from ..domain.lifecycle import Role
from . import audit
from .base import ServiceBase
from .context import ROLES, Actor
from .formats import JsonFields, at_line
from .formats.csv_input import read_csv

COURSE_HEADER = ("code", "title", "categories", "validity_months", "mandatory_for")
RECORD_HEADER = ("username", "course", "completed_on", "score", "certificate_no")
_Fields = TypeVarTuple("_Fields")
# Roles whose people appear in the matrix even without records.
MATRIX_ROLES = (Role.TECHNICIAN, Role.LIAISON, Role.MANAGER)


@dataclass(frozen=True)
class CourseInfo:
    code: str
    title: str
    categories: tuple[str, ...]
    validity_months: int
    mandatory_for: tuple[str, ...]


@dataclass(frozen=True)
class MatrixCell:
    """One staff member's standing on one course.

    Attributes:
        status: valid, expiring (within 30 days), expired or missing.
        mandatory: the course is mandatory for the person's role.
        expires_on: the best record's expiry, None when missing.
    """

    course: str
    status: str
    mandatory: bool
    expires_on: date | None
    certificate_no: str | None


@dataclass(frozen=True)
class MatrixRow:
    username: str
    display_name: str
    role: str
    organization: str | None
    cells: tuple[MatrixCell, ...]

    @property
    def mandatory_gaps(self) -> int:
        """Mandatory courses missing or expired."""
        return sum(1 for c in self.cells if c.mandatory and c.status in ("missing", "expired"))


@dataclass(frozen=True)
class TrainingMatrix:
    today: date
    courses: tuple[CourseInfo, ...]
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class ExpiringCertificate(JsonFields):
    username: str
    display_name: str
    course: str
    course_title: str
    completed_on: date
    expires_on: date
    days_left: int
    certificate_no: str | None

    json_fields = ("username", "course", "expires_on", "days_left", "certificate_no")


@dataclass(frozen=True)
class ImportCount:
    created: int
    updated: int
    unchanged: int


def local_today(now: datetime) -> date:
    return now.astimezone(DEFAULT_ZONE).date()


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (text or "").split(";") if x.strip())


def _domain_course(c: Course) -> rules.Course:
    return rules.Course(c.code, frozenset(_split(c.categories)), c.validity_months)


def _domain_record(r: TrainingRecord) -> rules.TrainingRecord:
    return rules.TrainingRecord(r.course.code, r.completed_on, r.expires_on)


# -- the certification check (used by dispatch, inside the caller's transaction) ----------


def certification(
    session: Session, user_ids: Iterable[int], category: str, today: date
) -> dict[int, str]:
    """Return each user's best certification status for a device category on ``today``."""
    ids = list(user_ids)
    courses = {c.code: _domain_course(c) for c in repo.all_courses(session)}
    by_user: dict[int, list[rules.TrainingRecord]] = {i: [] for i in ids}
    for r in repo.records(session, ids):
        by_user[r.user_id].append(_domain_record(r))
    return {
        uid: rules.status_for_category(category, recs, courses, today).value
        for uid, recs in by_user.items()
    }


def is_certified(session: Session, user_id: int, category: str, today: date) -> bool:
    """Whether a user holds a valid (unexpired) certification for a device category."""
    status = certification(session, [user_id], category, today)[user_id]
    return rules.is_valid(rules.CertStatus(status))


def _problems(where: str, problems: list[str]) -> ValidationError:
    if len(problems) == 1:
        return ValidationError.of("{where}: {problem}", where=where, problem=problems[0])
    return ValidationError.of(
        "{where}: {n} problems", problems=problems, where=where, n=len(problems)
    )


def _course_rows(
    s: Session, now: datetime, rows: list[tuple[int, dict[str, str]]], problems: list[str]
) -> list[tuple[str, str, tuple[str, ...], int, tuple[str, ...]]]:
    """(code, title, categories, validity months, mandatory for) of each row of a courses file."""
    categories = {code for code, *_ in _categories(s)}
    parsed = []
    seen: set[str] = set()
    for line, r in rows:
        code = (r.get("code") or "").strip()
        title = (r.get("title") or "").strip()
        cats = _split(r.get("categories"))
        roles = _split(r.get("mandatory_for"))
        if not code:
            problems.append(at_line(line, Problem.of("code: missing")))
        elif code in seen:
            problems.append(at_line(line, Problem.of("code: {code} appears twice", code=code)))
        seen.add(code)
        if not title:
            problems.append(at_line(line, Problem.of("title: missing")))
        for c in cats:
            if c not in categories:
                problems.append(
                    at_line(line, Problem.of("categories: unknown category {value!r}", value=c))
                )
        for role in roles:
            if role not in ROLES:
                problems.append(
                    at_line(
                        line,
                        Problem.of("mandatory_for: unknown role {value!r}", value=role),
                    )
                )
        months_text = (r.get("validity_months") or "").strip()
        if not months_text.isdigit() or int(months_text) <= 0:
            problems.append(
                at_line(
                    line,
                    Problem.of(
                        "validity_months: {value!r} is not a positive whole number",
                        value=months_text,
                    ),
                )
            )
            continue
        parsed.append((code, title, cats, int(months_text), roles))
    return parsed


def _record_rows(
    s: Session, now: datetime, rows: list[tuple[int, dict[str, str]]], problems: list[str]
) -> list[tuple[User, Course, date, int | None, str | None]]:
    """(user, course, completed on, score, certificate number) of each row of a records file."""
    courses = {c.code: c for c in repo.all_courses(s)}
    users = wo_repo.users_by_names(s, [(r.get("username") or "").strip() for _, r in rows])
    parsed = []
    for line, r in rows:
        username = (r.get("username") or "").strip()
        code = (r.get("course") or "").strip()
        user = users.get(username)
        course = courses.get(code)
        if user is None:
            problems.append(
                at_line(line, Problem.of("username: no user named {name!r}", name=username))
            )
        if course is None:
            problems.append(
                at_line(line, Problem.of("course: no course with code {code!r}", code=code))
            )
        try:
            completed = date.fromisoformat((r.get("completed_on") or "").strip())
        except ValueError:
            problems.append(
                at_line(
                    line,
                    Problem.of(
                        "completed_on: {value} is not a date (YYYY-MM-DD)",
                        value=repr(r.get("completed_on")),
                    ),
                )
            )
            continue
        if completed > local_today(now):
            problems.append(
                at_line(
                    line,
                    Problem.of("completed_on: {day} is in the future", day=completed.isoformat()),
                )
            )
        score_text = (r.get("score") or "").strip()
        score = None
        if score_text:
            if not score_text.isdigit() or int(score_text) > 100:
                problems.append(
                    at_line(
                        line,
                        Problem.of("score: {value!r} is not a number 0-100", value=score_text),
                    )
                )
            else:
                score = int(score_text)
        if user is not None and course is not None:
            parsed.append(
                (
                    user,
                    course,
                    completed,
                    score,
                    (r.get("certificate_no") or "").strip() or None,
                )
            )
    return parsed


class TrainingService(ServiceBase):
    """Courses, training records and the views over them."""

    # courses ----------------------------------------------------------------------
    def import_courses(self, actor: Actor, path: Path) -> ImportCount:
        """Create or update courses from ``code,title,categories,validity_months,mandatory_for``.

        All or nothing; every bad row reported as ``line N: problem``.
        """
        return self._import(actor, path, COURSE_HEADER, _course_rows, self._save_course)

    def save_course(
        self,
        actor: Actor,
        code: str,
        title: str,
        categories: Iterable[str],
        validity_months: int,
        mandatory_for: Iterable[str] = (),
    ) -> CourseInfo:
        """Create or update one course."""
        actor.require("training.write")
        if validity_months <= 0:
            raise ValidationError.of("validity_months: must be a positive number of months")
        bad_roles = [r for r in mandatory_for if r not in ROLES]
        if bad_roles:
            raise ValidationError.of(
                "mandatory_for: unknown role {bad_roles_0!r}", bad_roles_0=bad_roles[0]
            )
        with self.db.write() as s:
            known = {c for c, *_ in _categories(s)}
            bad = [c for c in categories if c not in known]
            if bad:
                raise ValidationError.of("categories: unknown category {bad_0!r}", bad_0=bad[0])
            self._save_course(
                s, actor, self.clock.now(), code, title, categories, validity_months, mandatory_for
            )
            c = repo.course_by_code(s, code)
            assert c is not None
            return _course_info(c)

    def _save_course(
        self,
        s: Session,
        actor: Actor,
        now: datetime,
        code: str,
        title: str,
        categories: Iterable[str],
        validity_months: int,
        mandatory_for: Iterable[str],
    ) -> int:
        values = {
            "title": title,
            "categories": ";".join(categories),
            "validity_months": validity_months,
            "mandatory_for": ";".join(mandatory_for),
        }
        _, saved = audit.save(
            s,
            repo.course_by_code(s, code),
            values,
            create=lambda: Course(code=code, **values),
            at=now,
            actor=actor.username,
            entity="course",
            entity_id=code,
            actions=("course.create", "course.update"),
        )
        return saved

    def courses(self, actor: Actor) -> list[CourseInfo]:
        actor.require("read")
        with self.db.read() as s:
            return [_course_info(c) for c in repo.all_courses(s)]

    # records ----------------------------------------------------------------------
    def import_records(self, actor: Actor, path: Path) -> ImportCount:
        """Load training records from ``username,course,completed_on,score,certificate_no``.

        A row with the same user, course and certificate number (or completion date when
        there is none) updates that record. All or nothing.
        """
        return self._import(actor, path, RECORD_HEADER, _record_rows, self._save_record)

    def _import(
        self,
        actor: Actor,
        path: Path,
        header: tuple[str, ...],
        parse: Callable[
            [Session, datetime, list[tuple[int, dict[str, str]]], list[str]],
            list[tuple[*_Fields]],
        ],
        save: Callable[[Session, Actor, datetime, *_Fields], int],
    ) -> ImportCount:
        """Read a CSV file and parse every row (any bad one refuses the file, each reported as
        ``line N: problem``), then save them in one transaction, counting what each save did."""
        actor.require("training.write")
        rows = read_csv(path, header)
        now = self.clock.now()
        with self.db.write() as s:
            problems: list[str] = []
            parsed = parse(s, now, rows, problems)
            if problems:
                raise _problems(Path(path).name, problems)
            count = [0, 0, 0]
            for row in parsed:
                count[save(s, actor, now, *row)] += 1
        return ImportCount(*count)

    def record(
        self,
        actor: Actor,
        username: str,
        course_code: str,
        completed_on: date,
        *,
        score: int | None = None,
        certificate_no: str | None = None,
    ) -> None:
        """Record (or update) one completion of a course."""
        actor.require("training.write")
        now = self.clock.now()
        if completed_on > local_today(now):
            raise ValidationError.of(
                "completed_on: {completed_on} is in the future", completed_on=completed_on
            )
        with self.db.write() as s:
            user = wo_repo.users_by_names(s, [username]).get(username)
            if user is None:
                raise NotFound.of("no user named {username!r}", username=username)
            course = repo.course_by_code(s, course_code)
            if course is None:
                raise NotFound.of("no course with code {course_code!r}", course_code=course_code)
            self._save_record(s, actor, now, user, course, completed_on, score, certificate_no)

    def _save_record(
        self,
        s: Session,
        actor: Actor,
        now: datetime,
        user: User,
        course: Course,
        completed: date,
        score: int | None,
        cert: str | None,
    ) -> int:
        expires = rules.expiry_date(completed, course.validity_months)
        assert expires is not None
        values = {
            "completed_on": completed,
            "score": score,
            "certificate_no": cert,
            "expires_on": expires,
        }
        _, saved = audit.save(
            s,
            repo.record_for(s, user.id, course.id, cert, completed),
            values,
            create=lambda: TrainingRecord(user_id=user.id, course_id=course.id, **values),
            at=now,
            actor=actor.username,
            entity="training_record",
            entity_id=f"{user.username}/{course.code}/{cert or completed.isoformat()}",
            actions=("training.record", "training.update"),
        )
        return saved

    # views ------------------------------------------------------------------------
    def matrix(
        self,
        actor: Actor,
        today: date | None = None,
        *,
        warning_days: int = rules.DEFAULT_WARNING_DAYS,
    ) -> TrainingMatrix:
        """Return staff × courses: valid, expiring (within 30 days), expired or missing.

        Staff are the active technicians, liaisons and managers, and anyone else with records.
        """
        actor.require("read")
        today = today or local_today(self.clock.now())
        with self.db.read() as s:
            courses = repo.all_courses(s)
            users = repo.active_users(s)
            records = repo.records(s)
            by_user: dict[int, list[TrainingRecord]] = {}
            for r in records:
                by_user.setdefault(r.user_id, []).append(r)
            rows = []
            for u in users:
                if u.role not in MATRIX_ROLES and u.id not in by_user:
                    continue
                if actor.role == Role.TECHNICIAN and u.id != actor.user_id:
                    continue
                cells = []
                for c in courses:
                    mine = [r for r in by_user.get(u.id, []) if r.course_id == c.id]
                    best = None
                    best_status = rules.CertStatus.MISSING
                    for r in mine:
                        st = rules.status_on(_domain_record(r), today, warning_days=warning_days)
                        if (
                            best is None
                            or _rank(st) > _rank(best_status)
                            or (_rank(st) == _rank(best_status) and r.expires_on > best.expires_on)
                        ):
                            best, best_status = r, st
                    cells.append(
                        MatrixCell(
                            c.code,
                            best_status.value,
                            u.role in _split(c.mandatory_for),
                            best.expires_on
                            if best is not None and best_status != rules.CertStatus.MISSING
                            else None,
                            best.certificate_no if best is not None else None,
                        )
                    )
                rows.append(
                    MatrixRow(
                        u.username,
                        u.display_name,
                        u.role,
                        u.organization.name if u.organization else None,
                        tuple(cells),
                    )
                )
            return TrainingMatrix(today, tuple(_course_info(c) for c in courses), tuple(rows))

    def expiring(
        self, actor: Actor, days: int = 30, today: date | None = None
    ) -> list[ExpiringCertificate]:
        """Return the certificates still valid today that expire within ``days`` days, soonest first.

        A certificate already renewed (a later record of the same course valid beyond the
        horizon) is not listed.
        """
        actor.require("read")
        if days < 0:
            raise ValidationError.of("--days: must not be negative")
        today = today or local_today(self.clock.now())
        with self.db.read() as s:
            out = []
            by_key: dict[tuple[int, int], list[TrainingRecord]] = {}
            for r in repo.records(s):
                by_key.setdefault((r.user_id, r.course_id), []).append(r)
            for recs in by_key.values():
                latest = max(recs, key=lambda r: r.expires_on)
                found = rules.expiring_within([_domain_record(latest)], today, days)
                if not found:
                    continue
                if actor.role == Role.TECHNICIAN and latest.user_id != actor.user_id:
                    continue
                out.append(
                    ExpiringCertificate(
                        latest.user.username,
                        latest.user.display_name,
                        latest.course.code,
                        latest.course.title,
                        latest.completed_on,
                        latest.expires_on,
                        (latest.expires_on - today).days,
                        latest.certificate_no,
                    )
                )
            return sorted(out, key=lambda e: (e.expires_on, e.username, e.course))

    def certified(
        self, actor: Actor, username: str, category: str, today: date | None = None
    ) -> str:
        """Return a user's best certification status for a device category."""
        actor.require("read")
        today = today or local_today(self.clock.now())
        with self.db.read() as s:
            user = wo_repo.users_by_names(s, [username]).get(username)
            if user is None:
                raise NotFound.of("no user named {username!r}", username=username)
            return certification(s, [user.id], category, today)[user.id]

    def certified_many(
        self, actor: Actor, usernames: list[str], category: str, today: date | None = None
    ) -> dict[str, str]:
        """Each user's best certification status for a device category, in one read
        (the assign dialog asks for every technician of the community at once)."""
        actor.require("read")
        today = today or local_today(self.clock.now())
        with self.db.read() as s:
            users = wo_repo.users_by_names(s, usernames)
            unknown = sorted(set(usernames) - set(users))
            if unknown:
                raise NotFound.of("no user named {username!r}", username=unknown[0])
            ids = [u.id for u in users.values()]
            status = certification(s, ids, category, today)
            return {name: status[u.id] for name, u in users.items()}

    def mandatory_gaps(
        self, actor: Actor, today: date | None = None
    ) -> dict[str, tuple[tuple[str, str], ...]]:
        """Staff with a mandatory certificate expired or missing, by login: (course, status).

        The assign dialog and the Training page put a warning badge on them.
        """
        matrix = self.matrix(actor, today)
        out: dict[str, tuple[tuple[str, str], ...]] = {}
        for row in matrix.rows:
            gaps = tuple(
                (c.course, c.status)
                for c in row.cells
                if c.mandatory and c.status in ("missing", "expired")
            )
            if gaps:
                out[row.username] = gaps
        return out


_RANKS = {"valid": 3, "expiring": 2, "expired": 1, "missing": 0}


def _rank(status: rules.CertStatus) -> int:
    return _RANKS[status.value]


def _course_info(c: Course) -> CourseInfo:
    return CourseInfo(
        c.code, c.title, _split(c.categories), c.validity_months, _split(c.mandatory_for)
    )


def _categories(s: Session) -> list[tuple[str, str, str]]:
    from ..db.repos import inventory as inv_repo

    return [(c.code, c.name_en, c.name_zh) for c in inv_repo.categories(s)]
