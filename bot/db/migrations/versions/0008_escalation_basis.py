"""escalations.basis: why the assistant flagged a crisis or urgent message.

A JSON list of short identifiers, one per distinct basis merged into the escalation: a
safety rule id from the catalogue (bot/safety/rules, e.g. "crisis.method.lethal_dose"),
"semantic.crisis" / "semantic.urgent_symptom" (the semantic second reader) or "model"
(the NLU classifier alone). NULL when nothing flagged it (a request for a person, a
check-in score, ...) and for rows older than this column. Staff see it, with the rule's
plain-English rationale, on the console (issue 18: "staff see why a message was flagged").

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: a plain ADD COLUMN on SQLite too (no table rebuild).
    op.add_column("escalations", sa.Column("basis", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("escalations", recreate="never") as batch:
        batch.drop_column("basis")
