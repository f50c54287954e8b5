"""rendered files: finished PDFs in the database, deleted with their assessment or workshop

Revision ID: s0006
Revises: s0005
Create Date: 2026-11-30 21:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 's0006'
down_revision: Union[str, Sequence[str], None] = 's0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('rendered_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('slot', sa.String(length=40), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'],
                            name=op.f('fk_rendered_files_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'],
                            name=op.f('fk_rendered_files_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rendered_files')),
    sa.UniqueConstraint('key', name=op.f('uq_rendered_files_key'))
    )
    with op.batch_alter_table('rendered_files') as batch:
        batch.create_index(batch.f('ix_rendered_files_slot'), ['slot'], unique=False)
        batch.create_index(batch.f('ix_rendered_files_assessment_id'), ['assessment_id'], unique=False)
        batch.create_index(batch.f('ix_rendered_files_workshop_id'), ['workshop_id'], unique=False)


def downgrade() -> None:
    op.drop_table('rendered_files')
