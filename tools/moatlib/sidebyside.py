# sidebyside.py: show expected and actual text in two columns, marking the lines that differ.
import difflib
import shutil

MAX_ROWS = 200


def visible(line):
    """A line with its invisible characters spelled out (tabs, escapes, trailing blanks)."""
    shown = line.encode("unicode_escape").decode("ascii").replace("\\\\", "\\")
    return shown + "\u23ce" if line != line.rstrip() else shown  # mark trailing blanks


def fit(text, width):
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def rows(expected, actual):
    """(left, mark, right) rows: ' ' same, '!' changed, '<' only expected, '>' only actual."""
    a, b = expected.splitlines(), actual.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            left = a[i1 + k] if i1 + k < i2 else None
            right = b[j1 + k] if j1 + k < j2 else None
            mark = " " if op == "equal" else "!" if left is not None and right is not None \
                else "<" if right is None else ">"
            yield left, mark, right


def side_by_side(expected, actual, indent="    "):
    """The two texts in columns headed `expected` and `actual`."""
    width = max(60, shutil.get_terminal_size((120, 24)).columns) - len(indent)
    col = (width - 3) // 2
    out = [f"{indent}{'expected':<{col}} | actual"]
    for n, (left, mark, right) in enumerate(rows(expected, actual)):
        if n == MAX_ROWS:
            out.append(f"{indent}... (more lines: see the log)")
            break
        l = "" if left is None else fit(visible(left), col)
        r = "" if right is None else fit(visible(right), col)
        sep = "|" if mark == " " else mark
        out.append(f"{indent}{l:<{col}} {sep} {r}".rstrip())
    if expected.endswith("\n") != actual.endswith("\n") and expected and actual:
        out.append(f"{indent}(the final newline differs)")
    return "\n".join(out)
