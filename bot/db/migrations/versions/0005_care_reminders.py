"""Care reminders: medication and appointment reminders with adherence tracking.

Adds ``care_reminders`` and ``reminder_occurrences`` (UNIQUE(reminder_id, slot, due_at)
makes re-planning idempotent), outbox kind 'care_reminder' and escalation reason
'missed_doses' (CHECK constraints replaced portably, as in 0004).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

OLD_KINDS = ("escalation_opened", "escalation_updated", "reminder", "staff_message")
NEW_KINDS = OLD_KINDS + ("care_reminder",)
OLD_REASONS = ("crisis", "urgent_symptom", "distress_score", "request_human", "caregiver_flag")
NEW_REASONS = OLD_REASONS + ("missed_doses",)


def _in(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _replace_check(table: str, name: str, column: str, values) -> None:
    # SQLite: batch mode recreates the table; PostgreSQL: drop + add constraint.
    with op.batch_alter_table(table, recreate="auto") as batch:
        batch.drop_constraint(name, type_="check")
        batch.create_check_constraint(name, _in(column, values))


def _replace_reason_check(values) -> None:
    """Replace the escalations reason CHECK without losing rows that point at escalations.

    SQLite recreates the table, and with foreign keys on, dropping the old table fires
    ON DELETE actions (telegram_alerts CASCADE, audit_log SET NULL) that cannot be switched
    off inside the migration's transaction: keep copies and put them back.
    """
    if op.get_bind().dialect.name != "sqlite":
        _replace_check("escalations", "ck_escalations_reason", "reason", values)
        return
    op.execute(
        "CREATE TEMP TABLE _keep_audit_esc AS SELECT id, escalation_id FROM audit_log WHERE escalation_id IS NOT NULL"
    )
    op.execute("CREATE TEMP TABLE _keep_telegram_alerts AS SELECT * FROM telegram_alerts")
    _replace_check("escalations", "ck_escalations_reason", "reason", values)
    op.execute(
        "INSERT INTO telegram_alerts SELECT * FROM _keep_telegram_alerts k WHERE "
        "k.escalation_id NOT IN (SELECT escalation_id FROM telegram_alerts)"
    )
    op.execute(
        "UPDATE audit_log SET escalation_id = (SELECT k.escalation_id FROM "
        "_keep_audit_esc k WHERE k.id = audit_log.id) "
        "WHERE id IN (SELECT id FROM _keep_audit_esc)"
    )
    op.execute("DROP TABLE _keep_audit_esc")
    op.execute("DROP TABLE _keep_telegram_alerts")


def upgrade() -> None:
    op.create_table(
        "care_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("pattern", sa.String(16), nullable=False),
        sa.Column("time_of_day", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("days_on", sa.Integer(), nullable=True),
        sa.Column("days_off", sa.Integer(), nullable=True),
        sa.Column("interval_weeks", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("planned_until", TS, nullable=False),
        sa.Column("missed_escalated_until", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_care_reminders"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_care_reminders_user_id_users",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(_in("kind", ("medication", "appointment")), name="ck_care_reminders_kind"),
        sa.CheckConstraint(
            _in("pattern", ("daily", "cycle", "every_n_weeks", "once")), name="ck_care_reminders_pattern"
        ),
        sa.CheckConstraint(_in("status", ("active", "paused")), name="ck_care_reminders_status"),
        sa.CheckConstraint("length(time_of_day) = 5", name="ck_care_reminders_time_of_day"),
        sa.CheckConstraint("days_on IS NULL OR (days_on >= 1 AND days_on <= 60)", name="ck_care_reminders_days_on"),
        sa.CheckConstraint("days_off IS NULL OR (days_off >= 0 AND days_off <= 60)", name="ck_care_reminders_days_off"),
        sa.CheckConstraint(
            "interval_weeks IS NULL OR (interval_weeks >= 1 AND interval_weeks <= 26)",
            name="ck_care_reminders_interval_weeks",
        ),
        sa.CheckConstraint(
            "pattern <> 'cycle' OR (days_on IS NOT NULL AND days_off IS NOT NULL)",
            name="ck_care_reminders_cycle_fields",
        ),
        sa.CheckConstraint(
            "pattern <> 'every_n_weeks' OR interval_weeks IS NOT NULL", name="ck_care_reminders_interval_fields"
        ),
    )
    op.create_index("ix_care_reminders_status", "care_reminders", ["status"])
    op.create_index("ix_care_reminders_user_id", "care_reminders", ["user_id"])
    op.create_table(
        "reminder_occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(16), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("responded_at", TS, nullable=True),
        sa.Column("snoozed_until", TS, nullable=True),
        sa.Column("snooze_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("followup_sent_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_reminder_occurrences"),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["care_reminders.id"],
            name="fk_reminder_occurrences_reminder_id_care_reminders",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_reminder_occurrences_user_id_users",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("reminder_id", "slot", "due_at", name="uq_reminder_occurrences_reminder_id_slot_due_at"),
        sa.CheckConstraint(_in("slot", ("dose", "day_before", "day_of")), name="ck_reminder_occurrences_slot"),
        sa.CheckConstraint(
            _in("status", ("pending", "sent", "taken", "skipped", "missed", "snoozed", "not_sent")),
            name="ck_reminder_occurrences_status",
        ),
        sa.CheckConstraint("snooze_count >= 0", name="ck_reminder_occurrences_snooze_count"),
    )
    op.create_index("ix_reminder_occurrences_status_due_at", "reminder_occurrences", ["status", "due_at"])
    op.create_index("ix_reminder_occurrences_user_id_local_date", "reminder_occurrences", ["user_id", "local_date"])
    _replace_check("outbox", "ck_outbox_kind", "kind", NEW_KINDS)
    _replace_reason_check(NEW_REASONS)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind = 'care_reminder'")
    # Escalations are kept as records of help offered: fold the new reason into the
    # closest old one rather than deleting them.
    op.execute("UPDATE escalations SET reason = 'caregiver_flag' WHERE reason = 'missed_doses'")
    _replace_reason_check(OLD_REASONS)
    _replace_check("outbox", "ck_outbox_kind", "kind", OLD_KINDS)
    op.drop_index("ix_reminder_occurrences_user_id_local_date", table_name="reminder_occurrences")
    op.drop_index("ix_reminder_occurrences_status_due_at", table_name="reminder_occurrences")
    op.drop_table("reminder_occurrences")
    op.drop_index("ix_care_reminders_user_id", table_name="care_reminders")
    op.drop_index("ix_care_reminders_status", table_name="care_reminders")
    op.drop_table("care_reminders")
