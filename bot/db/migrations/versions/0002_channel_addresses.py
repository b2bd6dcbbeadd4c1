"""Channel tables: encrypted channel addresses, Telegram staff alert messages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "channel_addresses",
        sa.Column("user_key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address_enc", sa.Text(), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("user_key", "channel", name="pk_channel_addresses"),
    )
    op.create_table(
        "telegram_alerts",
        sa.Column("escalation_id", sa.Integer(), nullable=False),
        sa.Column("chat_key", sa.String(64), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("shown_status", sa.String(16), nullable=False),
        sa.Column("shown_severity", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("escalation_id", name="pk_telegram_alerts"),
        sa.ForeignKeyConstraint(
            ["escalation_id"],
            ["escalations.id"],
            name="fk_telegram_alerts_escalation_id_escalations",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("telegram_alerts")
    op.drop_table("channel_addresses")
