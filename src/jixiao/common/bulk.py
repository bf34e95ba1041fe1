"""Writing many rows fast, for bulk loaders (``jixiao generate``): PostgreSQL's ``COPY`` and SQLite's
``executemany``, from plain tuples, with no model instance per row (Django's ``bulk_create`` spends
most of its time building and preparing instances: about 15 µs a field).

Only for plain columns (text, numbers, decimals, booleans, foreign key ids; datetimes and JSON are
prepared by their field); the caller runs it inside its transaction. Columns the caller leaves out
get their field's default once (``auto_now`` fields: now). Ids for rows others will point to come
from :func:`reserve_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connections, models
from django.utils import timezone

PLAIN = (models.CharField, models.TextField, models.IntegerField, models.DecimalField, models.BooleanField,
         models.ForeignKey, models.AutoField, models.BigAutoField, models.FloatField)


def _default(field, connection):
    if field.has_default():
        value = field.get_default()
    elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = timezone.now()
    elif field.null:
        value = None
    elif field.empty_strings_allowed:
        value = ""
    else:
        raise ValueError(f"{field.model.__name__}.{field.name} has no default: give it a value")
    return field.get_db_prep_save(value, connection)


def insert_rows(model, columns: Sequence[str], rows: Iterable[Sequence], *, using: str = "default") -> int:
    """Insert ``rows`` (tuples in the order of ``columns``, field attnames such as ``task_id``);
    returns how many. ``id`` may be one of the columns (ids from :func:`reserve_ids`)."""
    connection = connections[using]
    fields = {f.attname: f for f in model._meta.concrete_fields}
    given = [fields[name] for name in columns]
    rest = [f for f in model._meta.concrete_fields if f.attname not in columns and not f.primary_key]
    constants = tuple(_default(f, connection) for f in rest)
    prepare = [None if isinstance(f, PLAIN) and not isinstance(f, models.JSONField) else f for f in given]
    if any(prepare):
        def full(row):
            return tuple(v if p is None else p.get_db_prep_save(v, connection) for v, p in zip(row, prepare)) + constants
    else:
        def full(row):
            return tuple(row) + constants
    names = ", ".join(connection.ops.quote_name(f.column) for f in [*given, *rest])
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(full(row))
                    count += 1
        else:
            marks = ", ".join(["%s"] * (len(given) + len(rest)))
            batch = []
            for row in rows:
                batch.append(full(row))
                if len(batch) >= 5000:
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                count += len(batch)
    return count


def reserve_ids(model, count: int, *, using: str = "default") -> list[int]:
    """``count`` new primary keys of ``model`` for rows written by :func:`insert_rows` (call inside
    the transaction that writes them: on SQLite the write lock keeps the numbers to it)."""
    if count <= 0:
        return []
    connection = connections[using]
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, pk, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX({connection.ops.quote_name(pk)}), 0) FROM "
                       f"{connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(start, (row[0] + 1) if row else 1)  # AUTOINCREMENT never gives a number twice
        return list(range(start, start + count))
