"""outbox.kind: allow 'staff_message' (a staff reply relayed to a Telegram user during a
live handoff; written by bot/console/relay.py, delivered by the Telegram notifier).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_KINDS = ("escalation_opened", "escalation_updated", "reminder")
NEW_KINDS = OLD_KINDS + ("staff_message",)


def _in(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _replace_kind_check(kinds) -> None:
    # Same name as in 0001 (the naming convention turns it into ck_outbox_ck_outbox_kind).
    # SQLite: batch mode recreates the table.
    with op.batch_alter_table("outbox", recreate="auto") as batch:
        batch.drop_constraint("ck_outbox_kind", type_="check")
        batch.create_check_constraint("ck_outbox_kind", _in("kind", kinds))


def upgrade() -> None:
    _replace_kind_check(NEW_KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind = 'staff_message'")
    _replace_kind_check(OLD_KINDS)
