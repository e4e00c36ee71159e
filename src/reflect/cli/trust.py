"""Encryption at rest: encrypt, decrypt, unlock, lock. Plain Markdown stays the default."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def encrypt(
    key_file: Optional[Path] = typer.Option(
        None, "--key-file", help="Keep the secret key in this file (created if missing) instead of behind a "
                                 "passphrase; it is remembered in your settings."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Encrypt the journal with age: every entry becomes an .md.age file.

    You choose a passphrase (asked twice; or REFLECT_PASSPHRASE), or a key file you keep
    somewhere safe. Without it the journal cannot be read, by you either: there is no recovery.
    Safe to interrupt: run it again and it finishes. New entries are encrypted as they are
    saved, without asking for the passphrase; reading asks for it once per command (or use
    `reflect unlock`). What this protects against: docs/encryption.md.

    Examples:

      reflect encrypt

      reflect encrypt --key-file /media/usb/reflect.key
    """
    from ..crypto import ask_passphrase, encrypt_journal
    from ..journal import open_journal

    journal = open_journal()
    remember_key = key_file is not None
    result = encrypt_journal(journal, key_file=key_file,
                             passphrase_getter=lambda: ask_passphrase("New passphrase for the journal: ", confirm=True))
    if remember_key and _is_journal_key(journal.root, key_file):
        from ..config import load_config, save_config

        cfg = load_config()
        cfg.key_file = str(key_file.expanduser().resolve())
        save_config(cfg)
        result.notes.append(f"The key is in {cfg.key_file} (remembered in your settings). Keep a copy somewhere "
                            "safe: without it the journal cannot be read.")
    _report(result, "encrypted", as_json)


def decrypt(as_json: bool = typer.Option(False, "--json", help="Print the result as JSON.")) -> None:
    """Turn an encrypted journal back into plain Markdown files (needs the key).

    Safe to interrupt: run it again and it finishes.

    Example:

      reflect decrypt
    """
    from ..crypto import decrypt_journal
    from ..journal import open_journal

    result = decrypt_journal(open_journal())
    _report(result, "decrypted", as_json)


def unlock(
    minutes: float = typer.Option(30, "--minutes", "-m", min=1, max=24 * 60,
                                  help="Stay unlocked this long (kept in memory-backed, owner-only storage)."),
) -> None:
    """Ask for the passphrase once and stay unlocked for a while (like sudo), until `reflect lock`.

    While unlocked, anyone using your account can read the journal.

    Examples:

      reflect unlock

      reflect unlock --minutes 10
    """
    from ..crypto import JournalCipher, is_encrypted, remember
    from ..errors import UsageError
    from ..journal import open_journal
    from ..render import console

    root = open_journal().root
    if not is_encrypted(root):
        raise UsageError("This journal is not encrypted, so there is nothing to unlock.")
    cipher = JournalCipher.load(root)
    path = remember(root, cipher.identity(), minutes)
    console().print(f"Unlocked for {minutes:g} minutes. `reflect lock` locks it now. [dim]({path.parent})[/dim]")


def lock() -> None:
    """Forget the key kept by `reflect unlock`.

    Example:

      reflect lock
    """
    from ..crypto import forget
    from ..journal import open_journal
    from ..render import console

    was = forget(open_journal().root)
    console().print("Locked." if was else "Already locked.")


def _is_journal_key(root: Path, key_file: Path) -> bool:
    from ..crypto import _private_read, parse_identity, read_marker
    from ..errors import ReflectError

    try:
        identity = parse_identity(_private_read(key_file.expanduser()), key_file)
        return str(identity.to_public()) == read_marker(root).recipient
    except ReflectError:
        return False


def _report(result, verb: str, as_json: bool) -> None:
    from ..render import console, print_json, warn

    if as_json:
        print_json({verb: result.converted, "already": result.already, "skipped": result.skipped,
                    "notes": result.notes})
    else:
        out = console()
        out.print(f"{result.converted} entries {verb}" + (f", {result.already} already were." if result.already else "."))
        for note in result.notes:
            out.print(f"[yellow]note[/yellow] {note}")
        for line in result.skipped:
            warn(line)
    if result.skipped:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(encrypt)
    app.command()(decrypt)
    app.command()(unlock)
    app.command()(lock)
