"""escalations.reasons: every reason merged into an escalation, most urgent first.

Before, merging a second alert from the same person kept only one reason, so a crisis
that arrived after an urgent-symptom message (same severity) stayed hidden under
"urgent symptom" (issue 19). The column is a JSON list of reason names; ``reason`` stays
the first (most urgent) of them. Existing rows get ``[reason]``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The reasons at the time of this migration (a data migration must not follow the models).
REASONS = ("crisis", "urgent_symptom", "distress_score", "request_human", "caregiver_flag", "missed_doses")


def upgrade() -> None:
    # NOT NULL with a default is a plain ADD COLUMN on SQLite too (no table rebuild, so
    # the rows pointing at escalations are not touched).
    op.add_column("escalations", sa.Column("reasons", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    escalations = sa.table("escalations", sa.column("reason", sa.String), sa.column("reasons", sa.JSON))
    bind = op.get_bind()
    for reason in REASONS:  # one UPDATE per known value; the JSON is bound, never built as SQL
        bind.execute(escalations.update().where(escalations.c.reason == reason).values(reasons=[reason]))


def downgrade() -> None:
    with op.batch_alter_table("escalations", recreate="never") as batch:
        batch.drop_column("reasons")
