"""The YAML subset of the model files (models/*.yaml), for a machine without
PyYAML: a bare GPU machine with only python3, numpy and torch (PyYAML is not a
dependency of the torch wheel). common.load_model_file uses PyYAML when it is
there and this otherwise.

The subset is what models/tools/gen_keras2_yaml.py writes through PyYAML's
dump (default_flow_style=None): block mappings and sequences (a sequence may
sit at its key's indentation, items may nest compactly as `- - - x`), flow
[...] and {...} on one line, plain / single- / double-quoted scalars, null,
booleans, ints, floats, the `!!python/tuple` tag (a tuple, as common.py's
PyYAML loader makes it), anchors `&id` and aliases `*id`, full-line comments.
Anything else raises ValueError naming the line: a model file that needs more
needs PyYAML. `python3 bench/peers/mini_yaml.py --check` compares it with
PyYAML on every model file."""
import re

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


class _Flow:
    """One flow node (a line's value after `key: ` or `- `)."""

    def __init__(self, text, anchors, where):
        self.s, self.i, self.anchors, self.where = text, 0, anchors, where

    def fail(self, what):
        raise ValueError("%s: %s at column %d of %r" % (self.where, what, self.i + 1, self.s))

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def node(self, in_flow):
        self.ws()
        anchor, tag = None, None
        while self.i < len(self.s) and self.s[self.i] in "&!":
            m = re.compile(r"[&!][!A-Za-z0-9_/.:-]*").match(self.s, self.i)
            tok = m.group(0)
            self.i = m.end()
            self.ws()
            if tok[0] == "&":
                anchor = tok[1:]
            else:
                tag = tok
        if self.i < len(self.s) and self.s[self.i] == "*":
            m = re.compile(r"\*([A-Za-z0-9_-]+)").match(self.s, self.i)
            self.i = m.end()
            if m.group(1) not in self.anchors:
                self.fail("unknown alias *%s" % m.group(1))
            v = self.anchors[m.group(1)]
        elif self.i < len(self.s) and self.s[self.i] in "[{":
            v = self.collection()
        else:
            v = self.scalar(in_flow)
        if tag == "!!python/tuple":
            if not isinstance(v, list):
                self.fail("!!python/tuple on a non-sequence")
            v = tuple(v)
        elif tag is not None:
            self.fail("unsupported tag %s" % tag)
        if anchor is not None:
            self.anchors[anchor] = v
        return v

    def collection(self):
        close = "]" if self.s[self.i] == "[" else "}"
        self.i += 1
        out = [] if close == "]" else {}
        while True:
            self.ws()
            if self.i >= len(self.s):
                self.fail("unclosed %s" % ("[" if close == "]" else "{"))
            if self.s[self.i] == close:
                self.i += 1
                return out
            if close == "]":
                out.append(self.node(True))
            else:
                k = self.node(True)
                self.ws()
                if self.i >= len(self.s) or self.s[self.i] != ":":
                    self.fail("expected ':' in a flow mapping")
                self.i += 1
                out[k] = self.node(True)
            self.ws()
            if self.i < len(self.s) and self.s[self.i] == ",":
                self.i += 1
            elif self.i >= len(self.s) or self.s[self.i] != close:
                self.fail("expected ',' or %r" % close)

    def scalar(self, in_flow):
        if self.i < len(self.s) and self.s[self.i] in "'\"":
            q = self.s[self.i]
            j, buf = self.i + 1, []
            while True:
                if j >= len(self.s):
                    self.fail("unclosed quote (multi-line strings are not supported)")
                c = self.s[j]
                if q == "'" and c == "'":
                    if self.s[j + 1:j + 2] == "'":
                        buf.append("'")
                        j += 2
                        continue
                    break
                if q == '"' and c == "\\":
                    esc = self.s[j + 1:j + 2]
                    if esc not in ('"', "\\", "/", "n", "t"):
                        self.fail("unsupported escape \\%s" % esc)
                    buf.append({"n": "\n", "t": "\t"}.get(esc, esc))
                    j += 2
                    continue
                if q == '"' and c == '"':
                    break
                buf.append(c)
                j += 1
            self.i = j + 1
            return "".join(buf)
        stop = ",]}:" if in_flow else ""
        j = self.i
        while j < len(self.s) and self.s[j] not in stop:
            if self.s[j] == ":" and in_flow:
                break
            j += 1
        text = self.s[self.i:j].strip()
        self.i = j
        if text.startswith("#") or " #" in text:
            self.fail("comments after values are not supported")
        return _plain(text)


def _plain(text):
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text)
    if text in (".inf", "+.inf", ".Inf"):
        return float("inf")
    if text in ("-.inf", "-.Inf"):
        return float("-inf")
    if text in (".nan", ".NaN"):
        return float("nan")
    return text


def load(text, name="<yaml>"):
    lines = []
    for n, raw in enumerate(text.splitlines(), 1):
        if "\t" in raw[:len(raw) - len(raw.lstrip())]:
            raise ValueError("%s:%d: tab indentation" % (name, n))
        body = raw.strip()
        if not body or body.startswith("#") or body in ("---", "..."):
            continue
        lines.append([len(raw) - len(raw.lstrip(" ")), body, "%s:%d" % (name, n)])
    anchors = {}
    pos = [0]

    def flow(text, where):
        f = _Flow(text, anchors, where)
        v = f.node(False)
        f.ws()
        if f.i != len(f.s):
            f.fail("unexpected text (wrapped values are not supported)")
        return v

    def block(indent):
        ind, body, where = lines[pos[0]]
        if body == "-" or body.startswith("- "):
            out = []
            while pos[0] < len(lines) and lines[pos[0]][0] == indent and \
                    (lines[pos[0]][1] == "-" or lines[pos[0]][1].startswith("- ")):
                _, body, where = lines[pos[0]]
                rest = body[1:].lstrip(" ")
                if not rest:
                    pos[0] += 1
                    out.append(value_below(indent, where, in_seq=True))
                    continue
                # `- rest`: rest is a node at the column it starts in.
                lines[pos[0]] = [indent + len(body) - len(rest), rest, where]
                out.append(block(lines[pos[0]][0]))
            return out
        if _key(body) is None:
            pos[0] += 1
            return flow(body, where)
        out = {}
        while pos[0] < len(lines) and lines[pos[0]][0] == indent:
            _, body, where = lines[pos[0]]
            if body.startswith("- "):
                break
            key, rest = _key(body) or (None, None)
            if key is None:
                raise ValueError("%s: expected 'key: value' in a mapping, got %r" % (where, body))
            pos[0] += 1
            anchor = None
            if rest.startswith("&") and " " not in rest:
                anchor, rest = rest[1:], ""
            if rest:
                out[key] = flow(rest, where)
            else:
                out[key] = value_below(indent, where, in_seq=False)
                if anchor:
                    anchors[anchor] = out[key]
        if pos[0] < len(lines) and lines[pos[0]][0] > indent:
            raise ValueError("%s: unexpected indentation" % lines[pos[0]][2])
        return out

    def value_below(indent, where, in_seq):
        if pos[0] >= len(lines):
            return None
        ind, body = lines[pos[0]][0], lines[pos[0]][1]
        if ind > indent:
            return block(ind)
        if ind == indent and not in_seq and (body == "-" or body.startswith("- ")):
            return block(ind)   # PyYAML puts a mapping's sequence at the key's indentation
        return None

    if not lines:
        return None
    v = block(lines[0][0])
    if pos[0] != len(lines):
        raise ValueError("%s: unexpected text" % lines[pos[0]][2])
    return v


def _key(body):
    m = re.match(r"^([A-Za-z_][A-Za-z0-9_.-]*|'[^']*'|\"[^\"]*\"):(?: (.*)|)$", body)
    if not m:
        return None
    k = m.group(1)
    if k[0] in "'\"":
        k = k[1:-1]
    return k, (m.group(2) or "").strip()


if __name__ == "__main__":
    import glob
    import os
    import sys
    if sys.argv[1:] != ["--check"]:
        sys.exit("usage: mini_yaml.py --check  (compare with PyYAML on models/*.yaml)")
    import yaml

    class Loader(yaml.SafeLoader):   # as common.load_model_file's
        pass

    Loader.add_constructor("tag:yaml.org,2002:python/tuple",
                           lambda loader, node: tuple(loader.construct_sequence(node)))
    models = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "models")
    bad = 0
    files = sorted(glob.glob(os.path.join(models, "*.yaml")))
    for path in files:
        with open(path) as f:
            text = f.read()
        want = yaml.load(text, Loader=Loader)
        got = load(text, path)
        same = got == want and repr(got) == repr(want)
        bad += not same
        print("%s %s" % ("same" if same else "DIFFERENT", path))
    sys.exit(1 if bad or not files else 0)
