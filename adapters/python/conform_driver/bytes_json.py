"""Bytes as scenarios and histories spell them (harness/scenario/bytes-json.ts).

In: UTF-8 text, {"base64": ...}, {"fill": text, "size": n}. Out (what recv returns): text when
the bytes are valid UTF-8, else {"base64": ...}; either form decodes to exactly the same bytes.
"""

import base64


def bytes_to_json(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def filled(text, size):
    """`size` bytes of `text`'s UTF-8 encoding, repeated and cut at the end."""
    unit = text.encode("utf-8")
    if not unit:
        return bytes(size)
    return (unit * (size // len(unit) + 1))[:size]


def json_to_bytes(value):
    """The bytes a JSON bytes form stands for, or None if it is not one."""
    if isinstance(value, str):
        return value.encode("utf-8")
    if not isinstance(value, dict):
        return None
    if set(value) == {"base64"} and isinstance(value["base64"], str):
        return base64.b64decode(value["base64"])
    if set(value) == {"fill", "size"} and isinstance(value["fill"], str) and isinstance(value["size"], int):
        return filled(value["fill"], value["size"])
    return None
