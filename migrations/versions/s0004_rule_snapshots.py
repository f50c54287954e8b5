"""rule snapshots: every rule set respondents answered with, kept by content hash

Revision ID: s0004
Revises: s0003
Create Date: 2026-11-30 18:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 's0004'
down_revision: Union[str, Sequence[str], None] = 's0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('rule_snapshots',
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('ruleset_id', sa.String(length=100), nullable=False),
    sa.Column('version', sa.String(length=50), nullable=False),
    sa.Column('files', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('hash', name=op.f('pk_rule_snapshots'))
    )


def downgrade() -> None:
    op.drop_table('rule_snapshots')
