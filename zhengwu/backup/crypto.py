"""Streaming encryption of a backup archive with a passphrase (BACKUP_ENCRYPTION_KEY).

Why not Fernet: it encrypts one message held in memory, and an archive can be many gigabytes. This is the STREAM
construction (Hoang, Reyhanitabar, Rogaway, Vizár) over AES-256-GCM from `cryptography`: the archive is cut into
1 MiB chunks, each sealed on its own with a nonce made of a random prefix, the chunk's counter and a last-chunk
flag. So no chunk can be altered, reordered, dropped or appended, and a truncated file is detected, while neither
side ever holds more than one chunk. The key is derived from the passphrase with scrypt and a random salt kept in
the header, which every chunk also authenticates.

File: MAGIC (8) · salt (16) · nonce prefix (7), then frames: flag (1: 0 more follow, 1 last) · length (4) ·
ciphertext with its 16-byte tag.
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"ZWBKAES1"
CHUNK = 1024 * 1024
SALT_SIZE = 16
PREFIX_SIZE = 7
HEADER_SIZE = len(MAGIC) + SALT_SIZE + PREFIX_SIZE
TAG_SIZE = 16


class DecryptionError(Exception):
    """The passphrase is wrong, or the file was altered or cut short."""


def derive_key(passphrase, salt):
    # n=2**15, r=8: about 32 MB and a tenth of a second, once per archive; guessing a passphrase costs the same.
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _nonce(prefix, counter, last):
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def is_encrypted(path):
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


class EncryptingWriter:
    """A write-only file object: what is written goes to `sink` encrypted. `finish()` seals the last chunk."""

    def __init__(self, sink, passphrase):
        salt, self.prefix = os.urandom(SALT_SIZE), os.urandom(PREFIX_SIZE)
        self.header = MAGIC + salt + self.prefix
        self.aead = AESGCM(derive_key(passphrase, salt))
        self.sink, self.buffer, self.counter = sink, bytearray(), 0
        sink.write(self.header)

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        # Keep at least one byte back: the last chunk is only known at finish().
        while len(self.buffer) > CHUNK:
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self):
        pass

    def _seal(self, chunk, last):
        sealed = self.aead.encrypt(_nonce(self.prefix, self.counter, last), chunk, self.header)
        self.sink.write(struct.pack(">BI", 1 if last else 0, len(sealed)) + sealed)
        self.counter += 1

    def finish(self):
        self._seal(bytes(self.buffer), last=True)
        self.buffer.clear()


class DecryptingReader:
    """A read-only file object over an encrypted archive; raises DecryptionError on a wrong key or any change."""

    def __init__(self, source, passphrase):
        self.header = source.read(HEADER_SIZE)
        if len(self.header) != HEADER_SIZE or not self.header.startswith(MAGIC):
            raise DecryptionError("不是本平台加密的备份文件。")
        salt = self.header[len(MAGIC):len(MAGIC) + SALT_SIZE]
        self.prefix = self.header[len(MAGIC) + SALT_SIZE:]
        self.aead = AESGCM(derive_key(passphrase, salt))
        self.source, self.counter, self.done = source, 0, False
        self.chunk, self.position = b"", 0

    def readable(self):
        return True

    def _open_next(self):
        frame = self.source.read(5)
        if len(frame) < 5:
            raise DecryptionError("备份文件不完整（被截断）。")
        flag, length = struct.unpack(">BI", frame)
        if flag not in (0, 1) or length > CHUNK + TAG_SIZE:
            raise DecryptionError("备份文件已损坏。")
        sealed = self.source.read(length)
        try:
            chunk = self.aead.decrypt(_nonce(self.prefix, self.counter, flag == 1), sealed, self.header)
        except InvalidTag:
            raise DecryptionError("无法解密：BACKUP_ENCRYPTION_KEY 不对，或备份文件已被改动。") from None
        self.counter += 1
        if flag == 1:
            self.done = True
            if self.source.read(1):
                raise DecryptionError("备份文件末尾有多余数据。")
        return chunk

    def read(self, size=-1):
        parts, wanted = [], size
        while wanted != 0:
            if self.position >= len(self.chunk):
                if self.done:
                    break
                self.chunk, self.position = self._open_next(), 0
                continue
            end = len(self.chunk) if wanted < 0 else min(len(self.chunk), self.position + wanted)
            parts.append(self.chunk[self.position:end])
            if wanted > 0:
                wanted -= end - self.position
            self.position = end
        return b"".join(parts)
