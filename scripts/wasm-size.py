#!/usr/bin/env python3
"""Where the bytes of a wasm file go (a small twiggy for this project).

Reads a .wasm file and prints:
  - the size of every section,
  - the code size grouped by crate, by module path, and by function (with the
    number of copies of a function: generic instantiations and closures have
    the same demangled name with different hashes),
  - the data section (constant strings, tables, embedded catalogs).

Function names come from the "name" custom section, so use a build that keeps
it: a release build without wasm-opt (`data-wasm-opt="0"` in index.html), or
the `target/wasm32-unknown-unknown/release/*.wasm` cargo wrote before
wasm-bindgen. Names are demangled (legacy `_ZN...E` and v0 `_R...` roughly);
build with RUSTFLAGS="-C symbol-mangling-version=v0" to see the generic
arguments of each instantiation (`Grid<BudgetRow>` vs `Grid<EconomicRow>`).

Usage:
  scripts/wasm-size.py FILE.wasm [--top N] [--depth D] [--grep REGEX]
      --top N     rows per table (default 40)
      --depth D   module-path depth of the "by module" table (default 3)
      --grep RE   only functions whose name matches RE (all tables)
      --group RE  an extra table grouped by the first match of RE in each name
                  (e.g. --group '<[A-Za-z_:]*Row>' to split by row type)
No dependencies beyond python3.
"""

import argparse
import re
import shutil
import subprocess
import sys
from collections import defaultdict

SECTION_NAMES = {
    0: "custom", 1: "type", 2: "import", 3: "function", 4: "table",
    5: "memory", 6: "global", 7: "export", 8: "start", 9: "element",
    10: "code", 11: "data", 12: "datacount",
}


def leb(buf, pos):
    """Unsigned LEB128 at pos -> (value, new pos)."""
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def name_str(buf, pos):
    n, pos = leb(buf, pos)
    return buf[pos:pos + n].decode("utf-8", "replace"), pos + n


def sections(buf):
    if buf[:4] != b"\0asm":
        sys.exit("not a wasm file")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        yield sid, pos, body, body + size
        pos = body + size


def imported_funcs(buf, start, end):
    count, pos = leb(buf, start)
    funcs = 0
    for _ in range(count):
        _, pos = name_str(buf, pos)
        _, pos = name_str(buf, pos)
        kind = buf[pos]
        pos += 1
        if kind == 0:  # func: type index
            _, pos = leb(buf, pos)
            funcs += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 3:  # global: valtype, mut
            pos += 2
        elif kind == 4:  # tag
            pos += 1
            _, pos = leb(buf, pos)
    return funcs


def code_bodies(buf, start):
    count, pos = leb(buf, start)
    sizes = []
    for _ in range(count):
        size, body = leb(buf, pos)
        sizes.append(body + size - pos)  # the size prefix counts too
        pos = body + size
    return sizes


def data_segments(buf, start):
    count, pos = leb(buf, start)
    segs = []
    for _ in range(count):
        flags, pos = leb(buf, pos)
        if flags == 2:
            _, pos = leb(buf, pos)
        if flags in (0, 2):  # active: offset expression up to `end` (0x0b)
            while buf[pos] != 0x0B:
                pos += 1
            pos += 1
        size, pos = leb(buf, pos)
        segs.append((pos, size))
        pos += size
    return segs


def function_names(buf, start, end):
    _, pos = name_str(buf, start)  # "name"
    names = {}
    while pos < end:
        sub = buf[pos]
        size, body = leb(buf, pos + 1)
        if sub == 1:
            count, p = leb(buf, body)
            for _ in range(count):
                idx, p = leb(buf, p)
                nm, p = name_str(buf, p)
                names[idx] = nm
        pos = body + size
    return names


# --- demangling (rough) -----------------------------------------------------

LEGACY_ESCAPES = [
    ("$SP$", "@"), ("$BP$", "*"), ("$RF$", "&"), ("$LT$", "<"), ("$GT$", ">"),
    ("$LP$", "("), ("$RP$", ")"), ("$C$", ","), ("..", "::"),
]


def demangle_legacy(s):
    m = re.match(r"^_?_ZN(.*)E(\.\d+)?$", s)
    if not m:
        return None
    body, parts, pos = m.group(1), [], 0
    while pos < len(body) and body[pos].isdigit():
        n = int(re.match(r"\d+", body[pos:]).group())
        pos += len(str(n))
        parts.append(body[pos:pos + n])
        pos += n
    out = []
    for p in parts:
        if p.startswith("_$"):
            p = p[1:]
        for a, b in LEGACY_ESCAPES:
            p = p.replace(a, b)
        p = re.sub(r"\$u([0-9a-f]+)\$", lambda m: chr(int(m.group(1), 16)), p)
        out.append(p)
    return "::".join(out)


def demangle_all(names):
    """Demangle with c++filt (binutils knows Rust legacy and v0) when present,
    else legacy symbols only, roughly."""
    tool = shutil.which("c++filt") or shutil.which("llvm-cxxfilt")
    if tool and names:
        out = subprocess.run([tool], input="\n".join(names), capture_output=True,
                             text=True).stdout.split("\n")
        if len(out) >= len(names):
            return out[:len(names)]
    return [demangle_legacy(n) or n for n in names]


def clean(name):
    """Name without hashes (`::h0123…`, `crate[0123…]`), closures shortened."""
    name = re.sub(r"\[[0-9a-f]{8,16}\]", "", name)
    name = re.sub(r"\.\d+$", "", name)
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    name = name.replace("{{closure}}", "{closure}")
    return name


def strip_generics(s):
    out, depth = [], 0
    for ch in s:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def path_of(name):
    """The module path a function belongs to, for grouping.

    `<A as B>::f` counts for A's path (the impl's self type); `<A>::f` too.
    """
    s = name
    if s.startswith("<"):
        depth = 0
        for i, ch in enumerate(s):
            if ch == "<":
                depth += 1
            elif ch == ">":
                depth -= 1
                if depth == 0:
                    inner = s[1:i]
                    break
        else:
            inner = s[1:]
        parts = re.split(r" as ", inner, maxsplit=1)
        s = parts[0].lstrip("&*").replace("mut ", "").replace("dyn ", "")
        # `<T as Trait>::f`, `<(A,B) as Trait>::f`, `<u64 as Trait>::f`: the trait's path.
        if len(parts) == 2 and "::" not in strip_generics(s):
            s = parts[1]
    s = strip_generics(s)
    return [p for p in s.split("::") if p]


def crate_of(name):
    p = path_of(name)
    return p[0] if p else "?"


# --- report -----------------------------------------------------------------

def table(title, rows, total, top):
    print(f"\n## {title}")
    print(f"{'bytes':>10} {'%':>6} {'fns':>5}  name")
    for key, (size, n) in sorted(rows.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"{size:>10,} {100.0 * size / total:>5.1f}% {n:>5}  {key}")
    if len(rows) > top:
        rest = sorted(rows.items(), key=lambda kv: -kv[1][0])[top:]
        print(f"{sum(v[0] for _, v in rest):>10,}        {sum(v[1] for _, v in rest):>5}  "
              f"({len(rest)} more)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--grep")
    ap.add_argument("--group")
    a = ap.parse_args()
    buf = open(a.wasm, "rb").read()

    nimports, sizes, names, segs = 0, [], {}, []
    print(f"# {a.wasm}: {len(buf):,} B")
    print("\n## sections")
    for sid, hdr, start, end in sections(buf):
        label = SECTION_NAMES.get(sid, str(sid))
        if sid == 0:
            label += " " + name_str(buf, start)[0]
        print(f"{end - hdr:>10,}  {label}")
        if sid == 2:
            nimports = imported_funcs(buf, start, end)
        elif sid == 10:
            sizes = code_bodies(buf, start)
        elif sid == 11:
            segs = data_segments(buf, start)
        elif sid == 0 and name_str(buf, start)[0] == "name":
            names = function_names(buf, start, end)

    if not names:
        print("\n(no name section: function names unknown; build without wasm-opt)")
    grep = re.compile(a.grep) if a.grep else None
    funcs = []
    raw = [names.get(nimports + i, f"func[{nimports + i}]") for i in range(len(sizes))]
    for nm, size in zip(demangle_all(raw), sizes):
        nm = clean(nm)
        if grep and not grep.search(nm):
            continue
        funcs.append((nm, size))
    total = sum(s for _, s in funcs) or 1
    print(f"\ncode: {len(funcs):,} functions, {total:,} B"
          + (f" (matching {a.grep})" if grep else ""))

    by_crate, by_mod, by_fn = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0]), \
        defaultdict(lambda: [0, 0])
    by_group = defaultdict(lambda: [0, 0])
    gre = re.compile(a.group) if a.group else None
    for nm, size in funcs:
        for d, key in ((by_crate, crate_of(nm)),
                       (by_mod, "::".join(path_of(nm)[:a.depth]) or "?"),
                       (by_fn, nm)):
            d[key][0] += size
            d[key][1] += 1
        if gre:
            m = gre.search(nm)
            k = m.group(0) if m else "(no match)"
            by_group[k][0] += size
            by_group[k][1] += 1
    table("code by crate", by_crate, total, a.top)
    table(f"code by module (depth {a.depth})", by_mod, total, a.top)
    table("code by function (fns = copies)", by_fn, total, a.top)
    if gre:
        table(f"code by {a.group}", by_group, total, a.top)

    if segs:
        dtotal = sum(s for _, s in segs)
        print(f"\n## data: {len(segs)} segments, {dtotal:,} B")
        for off, size in sorted(segs, key=lambda x: -x[1])[:5]:
            blob = buf[off:off + size]
            zeros = blob.count(0)
            print(f"{size:>10,}  ({zeros:,} zero bytes)")


if __name__ == "__main__":
    main()
