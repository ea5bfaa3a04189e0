"""Smoke-test the embedded model in a child process: exits non-zero if llama.cpp crashes.

The Makefile runs this after installing, because pip may reuse a cached llama-cpp-python wheel that
was built for another CPU and dies with SIGILL at the first evaluation.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
from summariser.llm.embedded import load_llama
llm = load_llama()
out = llm.create_completion("The capital of France is", max_tokens=2, temperature=0)
print("embedded model ok:", repr(out["choices"][0]["text"]))
"""


def main() -> int:
    proc = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"embedded model check failed (exit {proc.returncode}): {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return 1
    print(proc.stdout.strip(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
