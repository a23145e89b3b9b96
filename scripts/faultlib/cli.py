"""Fault cases (cli): bad input, bad settings, strict stdio, bad file arguments."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from .common import CASES, LAB, REBUILD, ROOT, Case, Result, can_drop_root, case, cli, one_line
from .index import _garble

# --------------------------------------------------------------------------- cli: bad input, bad settings, strict stdio

QUERY = "业主投诉物业维修不及时"


@case("cli", "empty query: exit 2, one line")
def _cli_empty() -> Result:
    return one_line(cli("search", ""), "查询")


@case("cli", "whitespace-only query: exit 2, one line")
def _cli_blank() -> Result:
    return one_line(cli("search", " \t\u3000 ", "--json"), "查询")


BAD_SETTINGS = [("ADVISOR_DENSE_WEIGHT", "abc"), ("ADVISOR_FUSION", "bogus"), ("ADVISOR_TOP_K", "0"),
                ("ADVISOR_TOKENIZER", "words"), ("ADVISOR_MAX_QUERY_CHARS", "1e9x"), ("ADVISOR_DENSE_WEIGHT", "nan")]


def _cli_setting(name: str, value: str) -> Result:
    out = cli("search", QUERY, env={name: value})
    ok, message = one_line(out, name)
    return ok and b"Input should" not in out.stderr, message


for _name, _value in BAD_SETTINGS:
    CASES.append(Case("cli", f"bad setting {_name}={_value}: one Chinese line, exit 2",
                      lambda n=_name, v=_value: _cli_setting(n, v)))


def _cli_top_k(value: str) -> Result:
    out = cli("search", QUERY, "--top-k", value)
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode == 2 and "Traceback" not in err and "--top-k" in err, err.strip().splitlines()[-1][:120]


for _k in ("-1", "0", "51", "abc"):
    CASES.append(Case("cli", f"--top-k {_k} rejected", lambda k=_k: _cli_top_k(k)))


def _jsonl(out: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]


STDIN = (b"\xef\xbb\xbf" + QUERY.encode() + b"\n\xff\xfe\xc3(\xe6\x8a\n\n" + "物业费太贵\x00".encode() + b"\r\n"
         + bytes(b for b in range(1, 32) if b != 10) * 20 + b"\n")


def _cli_stdin(env: dict[str, str]) -> Result:
    out = cli("search", "--stdin", "--jsonl", "--top-k", "2", stdin=STDIN, env=env)
    try:
        rows = _jsonl(out)
    except ValueError as exc:
        return False, f"invalid JSON line: {exc}"
    shape = ["hits" in r for r in rows] == [True, False, False, True, False]
    ok = (out.returncode == 0 and shape and "UTF-8" in rows[1].get("error", "") and rows[0]["query"] == QUERY
          and "二进制" in rows[4].get("error", ""))
    return ok, f"rc={out.returncode} lines={len(rows)} errors={[r.get('error', '')[:30] for r in rows]}"


CASES.append(Case("cli", "invalid UTF-8 on --stdin: valid JSONL, error line, batch continues",
                  lambda: _cli_stdin({})))
CASES.append(Case("cli", "--stdin with PYTHONIOENCODING=ascii:strict", lambda: _cli_stdin(
    {"PYTHONIOENCODING": "ascii:strict"})))


@case("cli", "text output with PYTHONIOENCODING=ascii:strict: no crash")
def _cli_ascii_text() -> Result:
    out = cli("search", QUERY, "--top-k", "1", env={"PYTHONIOENCODING": "ascii:strict"})
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode == 0 and "Traceback" not in err and b"\\u" in out.stdout, f"rc={out.returncode} {err[-120:]!r}"


@case("cli", "error with PYTHONIOENCODING=ascii:strict: exit 2, one line")
def _cli_ascii_error() -> Result:
    return one_line(cli("search", "", env={"PYTHONIOENCODING": "ascii:strict"}), chinese=False)


@case("cli", "20,000-character query: truncated with a warning")
def _cli_long() -> Result:
    out = cli("search", "业主投诉维修不及时" * 2300, "--json", "--top-k", "1")
    data = json.loads(out.stdout) if out.returncode == 0 else {}
    ok = len(data.get("query", "")) == 2000 and any("截取" in w for w in data.get("warnings", []))
    return ok, f"rc={out.returncode} warnings={data.get('warnings')}"


@case("cli", "binary query: exit 2, one line")
def _cli_binary() -> Result:
    return one_line(cli("search", "".join(chr(i) for i in range(1, 32)) * 20 + "投诉"), "二进制")


@case("cli", "HTML/Markdown injection in the query: searched as text")
def _cli_injection() -> Result:
    query = "<script>alert(1)</script> **业主** [点我](javascript:alert(1)) 投诉漏水 | --- |"
    out = cli("search", query, "--json", "--top-k", "2")
    data = json.loads(out.stdout) if out.returncode == 0 else {}
    return out.returncode == 0 and len(data.get("hits", [])) == 2, f"rc={out.returncode} query={data.get('query')!r}"


@case("cli", "undecodable bytes in argv: no crash")
def _cli_argv_bytes() -> Result:
    out = cli("search", os.fsdecode(b"\xff\xfe") + QUERY, "--json", "--top-k", "1")
    err = out.stderr.decode("utf-8", "replace")
    return out.returncode in (0, 2) and "Traceback" not in err, f"rc={out.returncode} {err[-100:]!r}"


@case("cli", "output pipe closed early (| head): no traceback")
def _cli_broken_pipe() -> Result:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    env.update(ADVISOR_INDEX_DIR=str(LAB.real_index()), ADVISOR_DATA_DIR=str(LAB.root / "cli-data"))
    queries = (QUERY + "\n") * 40
    script = f"{sys.executable} -m advisor search --stdin | head -c 100 > /dev/null"
    out = subprocess.run(["bash", "-c", script], input=queries.encode(), capture_output=True, cwd=ROOT, env=env,
                         timeout=300)
    err = out.stderr.decode("utf-8", "replace")
    return "Traceback" not in err and "Error" not in err, f"stderr={err[-160:]!r}"


@case("cli", "missing index: exit 2, names the rebuild command")
def _cli_no_index() -> Result:
    return one_line(cli("search", QUERY, env={"ADVISOR_INDEX_DIR": str(LAB.root / "no-index")}), REBUILD)


@case("cli", "corrupt index: exit 2, names the rebuild command")
def _cli_corrupt_index() -> Result:
    copy = LAB.root / "cli-corrupt" / "index"
    shutil.copytree(LAB.real_index(), copy)
    _garble("dense.faiss")(copy)
    return one_line(cli("search", QUERY, env={"ADVISOR_INDEX_DIR": str(copy)}), REBUILD)


@case("cli", "eval with a missing query file: exit 2, one line")
def _cli_eval_missing() -> Result:
    return one_line(cli("eval", "--queries", str(LAB.root / "none.jsonl")), "none.jsonl")


@case("cli", "eval with a query file that is not UTF-8 JSONL: exit 2, one line")
def _cli_eval_garbage() -> Result:
    path = LAB.root / "garbage.jsonl"
    path.write_bytes(b"\xff\xfe{not json\n")
    return one_line(cli("eval", "--queries", str(path)), "garbage.jsonl")


@case("cli", "scenario --output into a missing folder: exit 2, one line")
def _cli_output_missing() -> Result:
    return one_line(cli("scenario", "--query", QUERY, "--output", str(LAB.root / "no" / "card.md")), "card.md")


@case("cli", "users add with a read-only data folder (real, as nobody): exit 2, one line")
def _cli_users_read_only() -> Result:
    folder = LAB.root / "ro-users"
    folder.mkdir(mode=0o555)
    if not can_drop_root():
        return True, "skipped: needs root to run a child as nobody"
    return one_line(cli("users", "add", "alice", "--role", "staff", stdin=b"password123\n",
                        env={"ADVISOR_DATA_DIR": str(folder)}, index=False, user="nobody"), "ro-users")


@case("cli", "build into a folder that cannot be written: exit 2, one line")
def _cli_build_unwritable() -> Result:
    blocker = LAB.root / "cli-blocker"
    blocker.write_text("file")
    return one_line(cli("build", "--quiet", env={"ADVISOR_INDEX_DIR": str(blocker / "index")}, index=False),
                    "索引无法写入")
