"""Dates and periods in text, resolved to intervals against the publication date.

``find_times(text, published=...)`` returns every time expression with its ``[start, end)``
offsets and, when it can be placed, the interval it denotes: "early December 2024" ->
2024-12-01..2024-12-10; "on Friday" -> the Friday before publication (after it, in a sentence
in the future tense); "just weeks later" -> a range after the previous expression. A relative
expression with no anchor stays unresolved and says why.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from factdesk.claims.numbers import SMALL_NUMBERS

MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **SMALL_NUMBERS,
    "several": 3,
    "a few": 2,
    "few": 2,
    "couple of": 2,
    "a couple of": 2,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Any year from 1000 on, where a month or a preposition says it is one ("18 June 1815", "since
# Lord Liverpool in 1812"); a bare number before 1900 is a count.
_OLD_YEAR = r"(?P<year>1[0-8]\d\d)"
_ANY_YEAR = r"(?P<year>(?:1\d|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?P<part>early|mid|middle of|late|the end of|end of|the beginning of|beginning of|the start of|start of)[\s-]*"
_NUM = r"(?P<num>\d+|a few|a couple of|couple of|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression: where it stands and what interval it denotes."""

    text: str
    start: int
    end: int
    interval: tuple[date, date] | None
    granularity: str
    anchor: str  # absolute | publication | previous | none
    note: str | None = None

    @property
    def resolved(self) -> bool:
        return self.interval is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "resolved": self.resolved,
            "interval": [self.interval[0].isoformat(), self.interval[1].isoformat()]
            if self.interval
            else None,
            "granularity": self.granularity,
            "anchor": self.anchor,
            "note": self.note,
        }


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _part_of_month(part: str | None, year: int, month: int) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    part = (part or "").strip().lower()
    if part.startswith("early") or "beginning" in part or "start" in part:
        return date(year, month, 1), date(year, month, 10)
    if part.startswith("mid") or part.startswith("middle"):
        return date(year, month, 11), date(year, month, 20)
    if part.startswith("late") or "end" in part:
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _part_of_year(part: str | None, year: int) -> tuple[date, date]:
    part = (part or "").strip().lower()
    if part.startswith("early") or "beginning" in part or "start" in part:
        return date(year, 1, 1), date(year, 4, 30)
    if part.startswith("mid") or part.startswith("middle"):
        return date(year, 5, 1), date(year, 8, 31)
    if "end" in part:
        return date(year, 10, 1), date(year, 12, 31)
    if part.startswith("late"):
        return date(year, 9, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}


def _season(name: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[name]
    if name == "winter":  # winter 2024 = December 2024 .. February 2025
        return date(year, 12, 1), month_end(year + 1, 2)
    return date(year, first, 1), month_end(year, last)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _count(raw: str) -> int:
    raw = raw.lower().strip()
    return int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw, 1)


def _span(unit: str, anchor: date, offset: int) -> tuple[date, date]:
    """The calendar unit (week, month, year) ``offset`` units from the one holding ``anchor``."""
    if unit == "day":
        day = anchor + timedelta(days=offset)
        return day, day
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=offset)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _add_months(anchor.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    if unit == "decade":
        start = (anchor.year // 10 + offset) * 10
        return date(start, 1, 1), date(start + 9, 12, 31)
    year = anchor.year + offset
    return date(year, 1, 1), date(year, 12, 31)


HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}

# How far "two months later" or "three weeks ago" may stray from the exact count.
TOLERANCE_DAYS = {"day": 0, "week": 3, "month": 15}
TOLERANCE_MONTHS = {"year": 6, "decade": 24}


def _around(point: date, unit: str) -> tuple[date, date]:
    """``point`` widened by how loosely "N units ago/later" is meant."""
    if unit in TOLERANCE_MONTHS:
        return _add_months(point, -TOLERANCE_MONTHS[unit]), _add_months(
            point, TOLERANCE_MONTHS[unit]
        )
    delta = timedelta(days=TOLERANCE_DAYS[unit])
    return point - delta, point + delta


# Order matters: longer, more specific patterns first; matches may not overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        (
            "holiday_year",
            rf"\b(?P<holiday>Christmas Day|Christmas Eve|New Year's Day|New Year's Eve|Independence Day|Halloween|Valentine's Day),?\s+(?:of\s+)?{_YEAR}\b",
        ),
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("numeric", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
        (
            "between_years",
            r"\b(?:between|from) (?P<y1>(?:19|20)\d\d) (?:and|to|through|until) (?P<y2>(?:19|20)\d\d)\b",
        ),
        ("month_day_year", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_ANY_YEAR}\b"),
        ("day_month_year", rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_ANY_YEAR}\b"),
        ("month_rel_year", rf"\b(?:{_PART})?{_MONTH}\s+(?:of\s+)?(?P<rel>last|this|next) year\b"),
        ("part_month_year", rf"\b{_PART}{_MONTH},?\s+(?:of\s+)?{_ANY_YEAR}\b"),
        ("month_year", rf"\b{_MONTH},?\s+(?:of\s+)?{_ANY_YEAR}\b"),
        (
            "quarter",
            r"\b(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?|q(?P<qn>[1-4]))\s+(?P<year>(?:19|20)\d\d)\b",
        ),
        ("half", r"\b(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+(?P<year>(?:19|20)\d\d)\b"),
        (
            "season_year",
            r"\b(?:(?P<part>early|mid|late)[\s-]*)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b",
        ),
        ("part_year", rf"\b{_PART}{_YEAR}\b"),
        ("decade", r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]*)?(?P<decade>(?:19|20)\d0)s\b"),
        ("since_year", r"\b(?P<prep>since|until|till|by|through) (?P<year>(?:19|20)\d\d)\b"),
        (
            "month_day",
            rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?!\s*(?:million|billion|percent|%))",
        ),
        (
            "day_month",
            rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)",
        ),
        ("part_month", rf"\b{_PART}{_MONTH}\b"),
        ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
        (
            "later",
            rf"\b(?:just\s+|only\s+)?(?:(?P<the>the)\s+|{_NUM}\s+)?{_UNIT}\s+(?P<dir>later|earlier|before|after)\b(?=\s*(?:$|[,.;:!?]))",
        ),
        (
            "following",
            r"\b(?:the\s+(?P<dir>following|next|previous|prior)|(?P<dir2>following|previous|prior))\s+(?P<unit>day|week|month|year)\b(?!\s+(?:of|to))",
        ),
        ("within", rf"\bwithin\s+(?:the\s+)?(?:next|coming|past|last)?\s*{_NUM}?\s*{_UNIT}\b"),
        ("in_n", rf"\bin\s+(?:the\s+next\s+)?{_NUM}\s+{_UNIT}\b"),
        ("earlier_this", r"\b(?P<which>earlier|later) (?:this|in the) (?P<unit>week|month|year)\b"),
        (
            "this_unit",
            r"\b(?P<which>this|last|next|past|coming) (?P<unit>week|weekend|month|year|decade)\b",
        ),
        ("relative_weekday", rf"\b(?P<which>last|next|this|on|coming|past)\s+{_WEEKDAY}\b"),
        ("weekday", rf"\b{_WEEKDAY}(?:'s)?\b"),
        (
            "deictic",
            r"\b(?P<word>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night|overnight)\b",
        ),
        (
            "this_season",
            r"\b(?P<which>this|last|next) (?P<season>spring|summer|fall|autumn|winter)\b",
        ),
        ("month", rf"\b(?:in|since|by|until|last|next|this|early|mid|late)\s+{_MONTH}\b(?!\s*\d)"),
        (
            "year",
            rf"\b(?:in|since|by|of|from|during|until|before|after|through|for)\s+{_YEAR}\b(?!\s*(?:million|billion|people|%))",
        ),
        (
            "year",
            rf"\b(?:in|since|from|during|until|before|after|through)\s+{_OLD_YEAR}\b"
            rf"(?!\s*(?:[a-z%]|[.,]\d|\d))",
        ),
        ("bare_year", rf"(?<![\d$.,])\b{_YEAR}\b(?!\s*(?:million|billion|people|percent|%|\d))"),
    ]
]


_FUTURE_RE = re.compile(
    r"\b(will|won't|shall|'ll|going to|expected to|plans? to|scheduled to|set to|is to|are to|"
    r"next|upcoming|coming)\b",
    re.IGNORECASE,
)


def future_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of the sentences that speak of the future ("will", "is expected to")."""
    from factdesk.textutil import split_sentences

    return [(s, e) for s, e in split_sentences(text) if _FUTURE_RE.search(text[s:e])]


def find_times(
    text: str,
    *,
    published: date | None = None,
    future_spans: list[tuple[int, int]] | None = None,
) -> list[TimeExpr]:
    """Every time expression in ``text``, resolved where it can be.

    Args:
        text: The text to read.
        published: The publication date, anchor of relative expressions ("on Friday").
        future_spans: ``[start, end)`` of sentences in the future tense, where a bare weekday
            or month points forward rather than back; found by :func:`future_sentences` when
            not given.
    """
    if future_spans is None:
        future_spans = future_sentences(text)
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str]]] = []
    for name, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if name in ("month", "year"):
                start = match.start("month") if name == "month" else match.start("year")
            if any(start < e and s < end for s, e in taken):
                continue
            if not _capitalised(match) or _HOLIDAY_RE.search(text[max(0, start - 8) : start]):
                continue
            taken.append((start, end))
            found.append((name, match))
    found.sort(key=lambda item: item[1].start())
    out: list[TimeExpr] = []
    previous: TimeExpr | None = None
    for name, match in found:
        future = any(s <= match.start() < e for s, e in (future_spans or []))
        expr = _resolve(name, match, published=published, previous=previous, future=future)
        if expr is None:
            continue
        out.append(expr)
        if expr.interval is not None:
            previous = expr
    return out


_HOLIDAY_RE = re.compile(r"(black|good|cyber|ash|holy|giving|super)\s+$", re.IGNORECASE)


def _capitalised(match: re.Match[str]) -> bool:
    """Month and weekday names count only when capitalised ("may" is mostly a verb)."""
    for group in ("month", "weekday"):
        if (
            group in match.re.groupindex
            and match.group(group)
            and not match.group(group)[0].isupper()
        ):
            return False
    return True


def _expr(
    match: re.Match[str],
    interval: tuple[date, date] | None,
    granularity: str,
    anchor: str,
    note: str | None = None,
    *,
    start: int | None = None,
) -> TimeExpr:
    s = match.start() if start is None else start
    return TimeExpr(
        match.string[s : match.end()], s, match.end(), interval, granularity, anchor, note
    )


def _needs_anchor(match: re.Match[str], granularity: str) -> TimeExpr:
    return _expr(
        match,
        None,
        granularity,
        "none",
        "relative expression with no publication date to anchor it",
    )


def _month_of(match: re.Match[str]) -> int:
    return MONTHS[
        match.group("month").lower().rstrip(".")[:3]
        if match.group("month").lower()[:4] != "sept"
        else "sept"
    ]


def _resolve(
    name: str, m: re.Match[str], *, published: date | None, previous: TimeExpr | None, future: bool
) -> TimeExpr | None:
    g = m.groupdict()
    try:
        if name == "holiday_year":
            h_month, h_day = HOLIDAYS[g["holiday"].lower()]
            when = date(int(g["year"]), h_month, h_day)
            return _expr(m, (when, when), "day", "absolute")
        if name == "iso":
            day = date(int(g["year"]), int(g["m"]), int(g["d"]))
            return _expr(m, (day, day), "day", "absolute")
        if name == "numeric":
            day = date(int(g["year"]), int(g["m"]), int(g["d"]))
            return _expr(m, (day, day), "day", "absolute")
        if name in ("month_day_year", "day_month_year"):
            day = date(int(g["year"]), _month_of(m), int(g["day"]))
            return _expr(m, (day, day), "day", "absolute")
        if name == "month_rel_year":
            if published is None:
                return _needs_anchor(m, "month")
            year = published.year + {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
            granularity = "part_of_month" if g.get("part") else "month"
            return _expr(
                m, _part_of_month(g.get("part"), year, _month_of(m)), granularity, "publication"
            )
        if name == "part_month_year":
            year, month = int(g["year"]), _month_of(m)
            return _expr(m, _part_of_month(g["part"], year, month), "part_of_month", "absolute")
        if name == "month_year":
            year, month = int(g["year"]), _month_of(m)
            return _expr(m, (date(year, month, 1), month_end(year, month)), "month", "absolute")
        if name == "between_years":
            return _expr(
                m, (date(int(g["y1"]), 1, 1), date(int(g["y2"]), 12, 31)), "years", "absolute"
            )
        if name == "quarter":
            q = (
                int(g["qn"])
                if g.get("qn")
                else {
                    "first": 1,
                    "1st": 1,
                    "second": 2,
                    "2nd": 2,
                    "third": 3,
                    "3rd": 3,
                    "fourth": 4,
                    "4th": 4,
                }[g["q"].lower()]
            )
            year = int(g["year"])
            return _expr(
                m, (date(year, 3 * q - 2, 1), month_end(year, 3 * q)), "quarter", "absolute"
            )
        if name == "half":
            year = int(g["year"])
            first = g["h"].lower() == "first"
            return _expr(
                m,
                (date(year, 1, 1), date(year, 6, 30))
                if first
                else (date(year, 7, 1), date(year, 12, 31)),
                "half_year",
                "absolute",
            )
        if name == "season_year":
            return _expr(m, _season(g["season"].lower(), int(g["year"])), "season", "absolute")
        if name == "part_year":
            return _expr(m, _part_of_year(g["part"], int(g["year"])), "part_of_year", "absolute")
        if name == "decade":
            start = int(g["decade"])
            part = (g.get("part") or "").lower()
            first_year, last_year = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(
                part, (0, 9)
            )
            return _expr(
                m,
                (date(start + first_year, 1, 1), date(start + last_year, 12, 31)),
                "decade",
                "absolute",
            )
        if name == "since_year":
            year = int(g["year"])
            prep = g["prep"].lower()
            if prep == "since":
                end = published or date(year, 12, 31)
                return _expr(
                    m,
                    (date(year, 1, 1), max(end, date(year, 1, 1))),
                    "open_range",
                    "publication" if published else "absolute",
                )
            return _expr(
                m,
                (date(year, 1, 1), date(year, 12, 31)),
                "year",
                "absolute",
                f"'{prep}' bounds the period at this year",
            )
        if name in ("year", "bare_year"):
            year = int(g["year"])
            start = m.start("year")
            return _expr(m, (date(year, 1, 1), date(year, 12, 31)), "year", "absolute", start=start)
        # Everything below needs an anchor.
        if name in ("later",):
            unit = g["unit"].lower()
            n = _count(g["num"]) if g.get("num") else (1 if g.get("the") else None)
            direction = 1 if g["dir"].lower() in ("later", "after") else -1
            if previous is None or previous.interval is None:
                return _expr(
                    m, None, unit, "none", "relative to an earlier time the text does not give"
                )
            if n is not None and previous.interval[0] != previous.interval[1]:
                # "a year earlier" than October 2019 is October 2018: shift the whole period.
                lo = _offset(previous.interval[0], unit, direction * n)
                hi = _offset(previous.interval[1], unit, direction * n)
                return _expr(m, (lo, hi), unit, "previous")
            base = previous.interval[1] if direction > 0 else previous.interval[0]
            if n is None:  # "weeks later": between one and eight of them
                near, far = (
                    _offset(base, unit, direction),
                    _offset(base, unit, direction * (8 if unit == "week" else 3)),
                )
            else:
                near, far = _around(_offset(base, unit, direction * n), unit)
            lo, hi = sorted((near, far))
            return _expr(m, (lo, hi), unit, "previous")
        if name == "following":
            unit = g["unit"].lower()
            direction = 1 if (g["dir"] or g["dir2"]).lower() in ("following", "next") else -1
            if previous is None or previous.interval is None:
                if published is None:
                    return _needs_anchor(m, unit)
                return _expr(m, _span(unit, published, direction), unit, "publication")
            base = previous.interval[1] if direction > 0 else previous.interval[0]
            return _expr(m, _span(unit, base, direction), unit, "previous")
        if published is None:
            return _needs_anchor(m, name)
        if name == "ago":
            unit, n = g["unit"].lower(), _count(g["num"])
            point = _offset(published, unit, -n)
            if unit in ("month", "year"):  # "two years ago" names a calendar year
                return _expr(m, _span(unit, point, 0), unit, "publication")
            return _expr(m, _around(point, unit), unit, "publication")
        if name in ("within", "in_n"):
            unit, n = g["unit"].lower(), _count(g.get("num") or "1")
            # "the first pandemic in 41 years", "the lowest level in five years": a length of
            # time looked back over, not a date.
            before = m.string[max(0, m.start() - 80) : m.start()].rsplit(".", 1)[-1]
            if name == "in_n" and _LOOK_BACK.search(before):
                return None
            past = bool(re.search(r"past|last", m.group(), re.I))
            other = _offset(published, unit, -n if past else n)
            lo, hi = sorted((published, other))
            return _expr(m, (lo, hi), unit, "publication")
        if name == "earlier_this":
            unit = g["unit"].lower()
            lo, hi = _span(unit, published, 0)
            return _expr(
                m,
                (lo, published) if g["which"].lower() == "earlier" else (published, hi),
                unit,
                "publication",
            )
        if name == "this_unit":
            unit, which = g["unit"].lower(), g["which"].lower()
            if unit == "weekend":
                # The weekend just passed (Saturday before publication) or the one to come.
                last_saturday = published - timedelta(days=(published.weekday() - 5) % 7)
                coming_saturday = published + timedelta(days=(5 - published.weekday()) % 7)
                if which in ("last", "past"):
                    saturday = (
                        last_saturday - timedelta(days=7)
                        if published.weekday() in (5, 6)
                        else last_saturday
                    )
                elif which in ("next", "coming"):
                    saturday = coming_saturday + (
                        timedelta(days=7)
                        if which == "next" and published.weekday() in (5, 6)
                        else timedelta(0)
                    )
                else:  # "this weekend": the coming one, unless the sentence is in the past
                    saturday = (
                        coming_saturday
                        if (future or published.weekday() in (4, 5, 6))
                        else last_saturday
                    )
                return _expr(m, (saturday, saturday + timedelta(days=1)), "weekend", "publication")
            offset = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[which]
            if which == "past" or (unit == "decade" and which == "last"):
                # "the past year": the twelve months up to publication
                return _expr(m, (_offset(published, unit, -1), published), unit, "publication")
            if unit == "decade" and which in ("next", "coming"):
                return _expr(m, (published, _offset(published, unit, 1)), unit, "publication")
            return _expr(m, _span(unit, published, offset), unit, "publication")
        if name in ("relative_weekday", "weekday"):
            target = WEEKDAYS[g["weekday"].lower()]
            which = (g.get("which") or "").lower()
            forward = which in ("next", "coming") or (which in ("", "on", "this") and future)
            if forward:
                delta = (target - published.weekday()) % 7
                if which == "next" and delta == 0:
                    delta = 7
                day = published + timedelta(days=delta)
            else:
                delta = (published.weekday() - target) % 7
                if which in ("last", "past") and delta == 0:
                    delta = 7
                day = published - timedelta(days=delta)
            return _expr(m, (day, day), "day", "publication")
        if name == "deictic":
            word = g["word"].lower()
            offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
            day = published + timedelta(days=offset)
            return _expr(m, (day, day), "day", "publication")
        if name == "this_season":
            season, which = g["season"].lower(), g["which"].lower()
            this_year = (
                published.year - 1
                if season == "winter" and published.month <= 2
                else published.year
            )
            lo, hi = _season(season, this_year)
            if which == "last":  # the most recent season of that name that has ended
                lo, hi = _season(season, this_year if hi < published else this_year - 1)
            elif which == "next":  # the next one that has not begun
                lo, hi = _season(season, this_year if lo > published else this_year + 1)
            return _expr(m, (lo, hi), "season", "publication")
        if name in ("month_day", "day_month", "part_month", "month"):
            month = _month_of(m)
            year = _year_for_month(month, published, future, m.group().lower())
            start = (
                m.start("month")
                if name == "month" and not m.group().lower().startswith(("early", "mid", "late"))
                else m.start()
            )
            if name in ("month_day", "day_month"):
                day = date(year, month, int(g["day"]))
                return _expr(m, (day, day), "day", "publication")
            part = g.get("part") or (m.group().split()[0] if name == "month" else None)
            return _expr(
                m,
                _part_of_month(part, year, month),
                "month" if not g.get("part") else "part_of_month",
                "publication",
                start=start,
            )
    except (ValueError, KeyError):
        return None
    return None


# A superlative or "first" a few words before "in N years", in one noun phrase ("the first
# pandemic in 41 years", "its lowest level in five years"); not across a verb ("the first
# trains will run in three years") nor inside a word ("best-selling").
_LOOK_BACK = re.compile(
    r"(?<![\w-])(?:first|highest|lowest|largest|biggest|smallest|worst|best|fewest|"
    r"longest|shortest|strongest|weakest|deadliest|hottest|coldest|wettest|driest|fastest|"
    r"slowest|sharpest|steepest)(?![\w-])"
    r"(?:\s+(?!(?:will|would|shall|should|can|could|may|might|must|to|is|are|was|were|be|been|"
    r"has|have|had|and|or|but)\b)[\w'’-]+){0,3}\s*$",
    re.I,
)


def _offset(day: date, unit: str, n: int) -> date:
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "month":
        return _add_months(day, n)
    if unit == "decade":
        return _add_months(day, 120 * n)
    return _add_months(day, 12 * n)


def _year_for_month(month: int, published: date, future: bool, text: str) -> int:
    """A month named without a year: last/next/this, else the tense decides."""
    if text.startswith("last"):
        return published.year - 1 if month >= published.month else published.year
    if text.startswith("next"):
        return published.year + 1 if month <= published.month else published.year
    if future:
        return published.year + 1 if month < published.month else published.year
    return published.year - 1 if month > published.month else published.year
