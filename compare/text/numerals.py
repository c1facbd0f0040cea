"""Chinese numerals, read and written: 二十二 ↔ 22, 一千零二十 ↔ 1020 (十/百/千 and 万/亿 units,
零 and 〇, 两), and the financial numerals (大写数字 壹贰叁…拾, Traditional 壹貳參…拾) that number the
top level of a Taiwan-style plan (壹、 貳、 參、). Used by the parser's labels, the task-table reader
and Word's numbering."""
from __future__ import annotations

DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}


CN_NUM = "一二三四五六七八九十百千万零〇两"

# Financial numerals (大写数字), Simplified and Traditional forms (参 is 參 in a Simplified view).
FINANCIAL = "壹贰貳弍叁参參肆伍陆陸柒捌玖拾佰仟萬"
_FINANCIAL_READ = str.maketrans(FINANCIAL, "一二二二三三三四五六六七八九十百千万")
_FINANCIAL_WRITE = str.maketrans("一二三四五六七八九十百千万", "壹贰叁肆伍陆柒捌玖拾佰仟万")
_FINANCIAL_WRITE_TRADITIONAL = str.maketrans("一二三四五六七八九十百千万", "壹貳參肆伍陸柒捌玖拾佰仟萬")


def cn_number(s: str) -> int:
    """Chinese or Arabic numerals: 二十二 → 22, 十 → 10, 一百零三 → 103, 一千零二十 → 1020,
    三万零一 → 30001, 二〇二五 → 2025 (digit by digit, as years are printed); 壹拾贰 → 12."""
    s = s.strip().translate(_FINANCIAL_READ)
    if s.isdigit():
        return int(s)
    if s and not any(ch in _SMALL_UNITS or ch in _BIG_UNITS for ch in s):
        return int("".join(str(DIGITS.get(ch, 2 if ch == "两" else 0)) for ch in s) or 0)
    total, section, cur = 0, 0, 0
    for ch in s:
        if ch in DIGITS or ch == "两":
            cur = DIGITS.get(ch, 2)
        elif ch in _SMALL_UNITS:
            section += (cur or 1) * _SMALL_UNITS[ch]
            cur = 0
        elif ch in _BIG_UNITS:
            total += (section + cur or 1) * _BIG_UNITS[ch]
            section, cur = 0, 0
    return total + section + cur


def cn_numeral(n: int) -> str:
    """The printed form of n: 十二, 二十, 一百零三, 一千零二十, 一万零一."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[max(n, 0)]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        tail = "" if not low else ("零" if low < 1000 else "") + ("一" if 10 <= low < 20 else "") + cn_numeral(low)
        return cn_numeral(high) + "万" + tail
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        else:
            zero = True
    return out


def financial_numeral(n: int, traditional: bool = False) -> str:
    """n in financial numerals, which spell every digit, the one of 十 too: 3 → 叁, 12 → 壹拾贰
    (Traditional: 參, 壹拾貳)."""
    numeral = cn_numeral(n)
    numeral = "一" + numeral if numeral.startswith("十") else numeral
    return numeral.translate(_FINANCIAL_WRITE_TRADITIONAL if traditional else _FINANCIAL_WRITE)
