"""Moving local files into Django's storage (a rename for FileSystemStorage, an upload for S3)."""

import hashlib
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from portal.videos.ranges import local_path


class LocalFile(File):
    """A file on local disk that storage may move instead of copying (FileSystemStorage checks for this)."""

    def __init__(self, path: Path, name: str):
        super().__init__(open(path, "rb"), name=name)  # noqa: SIM115 -- closed by storage
        self._path = str(path)

    def temporary_file_path(self) -> str:
        return self._path


def store(field_file, path: Path, name: str) -> None:
    """Save the local file at ``path`` into ``field_file`` (without saving the model) and drop the local copy."""
    content = LocalFile(path, name)
    try:
        field_file.save(name, content, save=False)
    finally:
        content.close()
        Path(path).unlink(missing_ok=True)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def local_copy(name: str, workdir: Path):
    """A local path for a stored file: the file itself on FileSystemStorage, else a temporary download."""
    path = local_path(default_storage, name)
    if path is not None:
        yield path
        return
    with tempfile.NamedTemporaryFile(dir=workdir, suffix=Path(name).suffix) as handle:
        with default_storage.open(name, "rb") as source:
            shutil.copyfileobj(source, handle, 1024 * 1024)
        handle.flush()
        yield handle.name
