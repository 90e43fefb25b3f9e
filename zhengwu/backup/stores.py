"""The file half of a backup: the storages that hold the platform's files, and which of their files belong with
a database snapshot.

Two stores: "documents" (files.AgencyDocument: uploaded materials, FOI reply letters and released documents,
generated annual reports; private, outside MEDIA_ROOT) and "media" (the default storage, MEDIA_ROOT: images and
their renditions).

Why the snapshot comes first: a FileField's file is written to storage before the row that names it is committed.
So every file named by a row of the snapshot already exists when the snapshot is taken, and copying files after it
cannot miss one (unless it was deleted in between: the manifest then lists it as missing). The other way round, a
file uploaded between a file copy and a later snapshot would be named by the database but absent from the archive.
Files written after the snapshot that no row of it names belong to transactions the backup does not hold; they
are left out and counted in the manifest.
"""

import os

from django.core.files.storage import FileSystemStorage, default_storage


def file_stores():
    from zhengwu.files.models import document_storage

    return {"documents": document_storage(), "media": default_storage}


def same_storage(a, b):
    a, b = getattr(a, "_wrapped", a), getattr(b, "_wrapped", b)  # default_storage is a lazy object
    if isinstance(a, FileSystemStorage) and isinstance(b, FileSystemStorage):
        return os.path.abspath(a.location) == os.path.abspath(b.location)
    return type(a) is type(b) and a.deconstruct() == b.deconstruct()


def store_of(storage, stores):
    for key, store in stores.items():
        if same_storage(storage, store):
            return key
    return None


def walk(storage, folder=""):
    """Every file name in `storage` (relative, with '/')."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from walk(storage, f"{folder}/{directory}" if folder else directory)


def select_files(stores, references, snapshot_at):
    """What to copy: files existing at the snapshot or named by it. Returns (chosen, missing, after) where
    chosen is [(store key, name, referenced)], missing the referenced names not found, after the names left out."""
    referenced = {(store_of(storage, stores), name) for storage, name in references}
    chosen, after = [], []
    for key, storage in stores.items():
        for name in walk(storage):
            if (key, name) in referenced:
                chosen.append((key, name, True))
            elif storage.get_modified_time(name) <= snapshot_at:
                chosen.append((key, name, False))
            else:
                after.append({"store": key, "name": name})
    found = {(key, name) for key, name, _ in chosen}
    missing = [{"store": key or "(未备份的存储)", "name": name} for key, name in sorted(referenced - found,
                                                                                  key=lambda kn: (kn[0] or "", kn[1]))]
    return chosen, missing, after


def member_name(store, name):
    return f"files/{store}/{name}"
