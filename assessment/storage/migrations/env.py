"""Alembic environment: migrations run on the connection given by `assessment.storage.migrate`.

From the command line (``alembic -c assessment/storage/alembic.ini upgrade head``) the URL comes
from ``DATABASE_URL`` or the default SQLite file, exactly as for the app.
"""

from __future__ import annotations

from alembic import context

from assessment.storage.engine import is_sqlite, make_engine, resolve_url
from assessment.storage.schema import metadata

config = context.config


def run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    url = resolve_url(config.get_main_option("sqlalchemy.url") or None)
    engine = make_engine(url)
    with engine.connect() as conn:
        run(conn)
        if not is_sqlite(url):
            conn.commit()
    engine.dispose()
