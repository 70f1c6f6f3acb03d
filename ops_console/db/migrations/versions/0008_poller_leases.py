"""pollers share the devices: a poller registry, device leases with fencing tokens, poller
runs tied to their poller; exactly-once made structural: unique samples per device, metric
and instant, one open health span per device, one open alarm per device and rule, one care
alert per band event, one open alarm work order per device and rule (duplicates already
present are merged first; duplicate open work orders stop the upgrade with their numbers)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_T = ops_console.db.models.base.UTCDateTime(timezone=True)
_OPEN_ORDER = "source = 'alarm' AND status NOT IN ('closed', 'cancelled')"


def _where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def _merge_duplicates() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "DELETE FROM samples WHERE id NOT IN "
            "(SELECT min(id) FROM samples GROUP BY device_id, metric, ts)"
        )
    )
    bind.execute(
        sa.text(
            "DELETE FROM care_alerts WHERE id NOT IN "
            "(SELECT min(id) FROM care_alerts GROUP BY device_id, kind, band_id, raised_at)"
        )
    )
    # an older open span of a device that has a newer one ends where it began
    bind.execute(
        sa.text(
            "UPDATE health_spans SET ends_at = starts_at WHERE ends_at IS NULL AND id NOT IN "
            "(SELECT max(id) FROM health_spans WHERE ends_at IS NULL GROUP BY device_id)"
        )
    )
    bind.execute(
        sa.text(
            "UPDATE alarms SET cleared_at = opened_at WHERE cleared_at IS NULL AND id NOT IN "
            "(SELECT max(id) FROM alarms WHERE cleared_at IS NULL GROUP BY device_id, rule)"
        )
    )
    dup = bind.execute(
        sa.text(
            f"SELECT number FROM work_orders w WHERE {_OPEN_ORDER} AND EXISTS "
            "(SELECT 1 FROM work_orders o WHERE o.id <> w.id AND o.device_id = w.device_id "
            f"AND o.alarm_rule = w.alarm_rule AND o.{_OPEN_ORDER.replace(' AND ', ' AND o.')}) "
            "ORDER BY number"
        )
    ).scalars()
    numbers = list(dup)
    if numbers:
        raise RuntimeError(
            "upgrade 0008: these open work orders were raised by alarms of the same device and "
            f"rule; close or cancel all but one of each, then upgrade again: {', '.join(numbers)}"
        )


def upgrade() -> None:
    op.create_table(
        "pollers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("scope_json", sa.Text(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("started_at", _T, nullable=False),
        sa.Column("heartbeat_at", _T, nullable=False),
        sa.Column("stopped_at", _T, nullable=True),
        sa.Column("stop_reason", sa.String(length=16), nullable=True),
        sa.Column("devices_at_stop", sa.Integer(), nullable=False),
        sa.Column("last_cycle_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pollers")),
        sa.UniqueConstraint("name", name=op.f("uq_pollers_name")),
    )
    op.create_table(
        "device_leases",
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("poller_id", sa.Integer(), nullable=True),
        sa.Column(
            "token",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
            server_default="0",
        ),
        sa.Column("changed_at", _T, nullable=True),
        sa.Column("previous_poller_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name=op.f("fk_device_leases_device_id_devices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["poller_id"],
            ["pollers.id"],
            name=op.f("fk_device_leases_poller_id_pollers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["previous_poller_id"],
            ["pollers.id"],
            name=op.f("fk_device_leases_previous_poller_id_pollers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_leases")),
    )
    op.create_index("ix_device_leases_poller", "device_leases", ["poller_id"])
    with op.batch_alter_table("poller_runs") as batch:
        batch.add_column(sa.Column("poller_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_poller_runs_poller_id_pollers"),
            "pollers",
            ["poller_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _merge_duplicates()
    op.drop_index("ix_samples_device_metric_ts", table_name="samples")
    op.create_index(
        "uq_samples_device_metric_ts", "samples", ["device_id", "metric", "ts"], unique=True
    )
    op.create_index(
        "uq_health_spans_open",
        "health_spans",
        ["device_id"],
        unique=True,
        **_where("ends_at IS NULL"),
    )
    op.create_index(
        "uq_alarms_open_device_rule",
        "alarms",
        ["device_id", "rule"],
        unique=True,
        **_where("cleared_at IS NULL"),
    )
    op.create_index(
        "uq_care_alerts_event",
        "care_alerts",
        ["device_id", "kind", "band_id", "raised_at"],
        unique=True,
    )
    op.create_index(
        "uq_work_orders_open_alarm",
        "work_orders",
        ["device_id", "alarm_rule"],
        unique=True,
        **_where(_OPEN_ORDER),
    )


def downgrade() -> None:
    op.drop_index("uq_work_orders_open_alarm", table_name="work_orders")
    op.drop_index("uq_care_alerts_event", table_name="care_alerts")
    op.drop_index("uq_alarms_open_device_rule", table_name="alarms")
    op.drop_index("uq_health_spans_open", table_name="health_spans")
    op.drop_index("uq_samples_device_metric_ts", table_name="samples")
    op.create_index("ix_samples_device_metric_ts", "samples", ["device_id", "metric", "ts"])
    with op.batch_alter_table("poller_runs") as batch:
        batch.drop_constraint(op.f("fk_poller_runs_poller_id_pollers"), type_="foreignkey")
        batch.drop_column("poller_id")
    op.drop_index("ix_device_leases_poller", table_name="device_leases")
    op.drop_table("device_leases")
    op.drop_table("pollers")
