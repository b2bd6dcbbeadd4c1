"""users.conversation_id: the Rasa conversation (sender) id, so staff can open the
transcript and take over. It is pseudonymous by construction (Telegram: "tg-" + keyed
hash; widget: a random session id), never a raw channel id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("conversation_id", sa.String(128), nullable=True))
        batch.create_index("ix_users_conversation_id", ["conversation_id"])


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_conversation_id")
        batch.drop_column("conversation_id")
