"""research use: consent on assessments, anonymised records that outlive them

Revision ID: s0005
Revises: s0004
Create Date: 2026-11-30 18:15:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 's0005'
down_revision: Union[str, Sequence[str], None] = 's0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('assessments') as batch:
        batch.add_column(sa.Column('research_consent', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table('research_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.String(length=32), nullable=False),
    sa.Column('completed_month', sa.String(length=7), nullable=False),
    sa.Column('ruleset_id', sa.String(length=100), nullable=False),
    sa.Column('ruleset_version', sa.String(length=50), nullable=False),
    sa.Column('ruleset_hash', sa.String(length=64), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_research_records')),
    sa.UniqueConstraint('record_id', name=op.f('uq_research_records_record_id'))
    )
    with op.batch_alter_table('research_records') as batch:
        batch.create_index(batch.f('ix_research_records_expires_at'), ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_table('research_records')
    with op.batch_alter_table('assessments') as batch:
        batch.drop_column('research_consent')
