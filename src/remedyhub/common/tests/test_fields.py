import pytest
from django.core.exceptions import FieldError
from django.db import connection, models

from remedyhub.common.fields import EncryptedTextField


class Note(models.Model):
    """A throw-away model whose table exists only during these tests."""

    text = EncryptedTextField(null=True)
    label = models.CharField(max_length=20, default="")

    class Meta:
        app_label = "common"

    def __str__(self) -> str:
        return self.label


@pytest.fixture
def note_table(transactional_db):
    # common has no migrations, so the test database may already have made this table
    # (syncdb of unmigrated apps) when this module was imported before it was set up.
    if Note._meta.db_table in connection.introspection.table_names():
        yield
        return
    with connection.schema_editor() as editor:
        editor.create_model(Note)
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(Note)


def raw_column(pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {Note._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_only_ciphertext(note_table):
    note = Note.objects.create(text="Supervisor Rahim beat Mina on 3 May")
    stored = raw_column(note.pk)
    assert "Rahim" not in stored and "Mina" not in stored
    assert stored.startswith("v1:")
    assert Note.objects.get(pk=note.pk).text == "Supervisor Rahim beat Mina on 3 May"


def test_null_stays_null(note_table):
    note = Note.objects.create(text=None)
    assert raw_column(note.pk) is None
    assert Note.objects.filter(text__isnull=True).count() == 1


def test_searching_inside_ciphertext_is_refused(note_table):
    with pytest.raises(FieldError, match="encrypted"):
        Note.objects.filter(text="anything").count()
