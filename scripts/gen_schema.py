"""Write schema/digest.schema.json from the Digest model (run after changing the model).

    .venv/bin/python scripts/gen_schema.py          # write it
    .venv/bin/python scripts/gen_schema.py --check  # exit 1 if the committed file is stale
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "schema" / "digest.schema.json"


def schema_text() -> str:
    from reflect.digest.build import Digest

    schema = Digest.model_json_schema(mode="serialization")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://reflect.invalid/schema/digest-v1.schema.json",
              **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    text = schema_text()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run scripts/gen_schema.py", file=sys.stderr)
            return 1
        return 0
    from reflect.fsutil import atomic_write

    atomic_write(TARGET, text.encode("utf-8"))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
