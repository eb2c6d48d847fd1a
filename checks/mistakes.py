"""Name the kind of mistake in a reader's function, from its outputs at every input tried.

A diagnosis is a claim about the reader's code, so it is made only when the
evidence proves it: the relation (wrong sign, a factor, a constant offset,
an argument left out, ...) must hold at every input the check tried, and
must tell the reader's answer apart from the right one. One input where the
two agree by coincidence (x = 0 makes x**3 - 3*x look like x) proves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from checks.reader import as_number_array, fmt

_RTOL = 1e-6


@dataclass
class Outcome:
    """One input tried: its arguments, the reader's result, the right result."""

    args: tuple
    got: object
    expected: object


def _close(a, b, tol) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=_RTOL, atol=max(tol, 1e-12)))


def _nice(number: float) -> str:
    # 0.5 -> "1/2", 8 -> "8", 1.3 -> "1.3": factors read best as small fractions.
    fraction = Fraction(number).limit_denominator(100)
    if abs(float(fraction) - number) <= 1e-9 * max(1.0, abs(number)):
        return str(fraction)
    return fmt(number)


def shape_hint(got, expected) -> str:
    """A sentence on how the reader's shape differs from the right one, or ""."""
    got, expected = as_number_array(got), as_number_array(expected)
    if got is None or expected is None:
        return ""
    if expected.ndim == 0 and got.size > 1:
        return " It should be a single number: are the parts added up (np.sum, or np.dot)?"
    if got.ndim == 2 and got.shape == expected.shape[::-1]:
        return " It is transposed: rows and columns are swapped (.T)."
    return ""


class Evidence:
    """The reader's outputs at every input tried, and what they prove."""

    def __init__(self, records, names, reference, ns, tol):
        self.names, self.reference, self.ns, self.tol = names, reference, ns, tol
        self.records = []  # (args, got array, expected array), comparable ones only
        for record in records:
            got, expected = as_number_array(record.got), as_number_array(record.expected)
            if got is not None and expected is not None and got.shape == expected.shape:
                self.records.append((record.args, got, expected))
        self.complete = len(self.records) == len(records)

    # -- the evidence, input by input -------------------------------------------------

    def _finite(self):
        return [(a, g, e) for a, g, e in self.records if np.all(np.isfinite(g)) and np.all(np.isfinite(e))]

    def _holds(self, candidate) -> bool:
        """True when candidate(args, expected) equals the reader's result at every input
        and differs from the right result at some input."""
        records = self._finite()
        if not records:
            return False
        differs = False
        for args, got, expected in records:
            try:
                with np.errstate(all="ignore"):
                    value = as_number_array(candidate(args, expected))
            except Exception:  # noqa: BLE001 - a candidate that cannot apply proves nothing
                return False
            if value is None or not _close(got, value, self.tol):
                return False
            differs = differs or not _close(expected, value, self.tol)
        return differs

    # -- diagnoses, most specific first -----------------------------------------------

    def diagnose(self, mistakes=None) -> str:
        """One sentence naming the mistake the outputs prove, or ""."""
        if not self.records:
            return ""
        overflow = self._overflow()
        if overflow:
            return overflow
        for finder in (lambda: self._authors(mistakes), self._echo, self._constant, self._argument,
                       self._whole, self._offset, self._scaled_argument, self._power, self._total):
            found = finder()
            if found:
                return " " + found
        return ""

    def _overflow(self) -> str:
        # nan or inf where the right answer is a number, and right everywhere else.
        def broke(g, e):
            return not np.all(np.isfinite(g)) and np.all(np.isfinite(e))
        broken = [(a, g, e) for a, g, e in self.records if broke(g, e)]
        if not broken or not all(_close(g, e, self.tol) for _, g, e in self.records if not broke(g, e)):
            return ""
        largest = max((float(np.max(np.abs(a))) for a in broken[0][0] if as_number_array(a) is not None), default=0.0)
        if largest >= 100:
            cause = ("a number grew too large for a float (np.exp of anything above about 709 is infinity, "
                     "and inf / inf is nan). Rearrange the formula so that no huge number is formed")
        else:
            cause = "something is divided by 0 (or a number overflowed). Check what the division divides by"
        return f" It is right at every other input tried, but not at this one: {cause}."

    def _authors(self, mistakes) -> str:
        for sentence, function in (mistakes or {}).items():
            if self._holds(lambda args, _e, f=function: f(*args)):
                return sentence
        return ""

    def _echo(self) -> str:
        for k, name in enumerate(self.names):
            if self._holds(lambda args, _e, k=k: args[k]):
                return f"It returns its input `{name}` unchanged."
        return ""

    def _constant(self) -> str:
        values = [g for _, g, _ in self._finite()]
        expected = [e for _, _, e in self._finite()]
        if len(values) < 2 or any(not _close(v, values[0], self.tol) for v in values):
            return ""
        if all(_close(e, expected[0], self.tol) for e in expected):
            return ""
        return f"It returns {fmt(values[0])} whatever the input: the result does not depend on the arguments."

    def _argument(self) -> str:
        # The reader's result is the right formula with one argument changed.
        for k, name in enumerate(self.names):
            def changed(new, k=k):
                return lambda args, _e: self.reference(*args[:k], new(args[k]), *args[k + 1:])
            if self._holds(changed(np.zeros_like)):
                return f"It gives what the right formula gives when `{name}` is 0: it leaves out `{name}`."
            if self._holds(changed(lambda a: -np.asarray(a, dtype=float))):
                return (f"It gives what the right formula gives for minus `{name}`: the sign in front of "
                        f"`{name}` (or of its term) is flipped.")
            if self._holds(changed(np.ones_like)):
                return f"It gives what the right formula gives when `{name}` is 1: the factor `{name}` is missing."
            if self._holds(changed(lambda a: np.asarray(a)[::-1] if np.ndim(a) == 1 else None)):
                return f"It uses the numbers of `{name}` in reverse order: pair each one with the right partner."
            if name in self.ns and as_number_array(self.ns[name]) is not None:
                if self._holds(changed(lambda a, g=self.ns[name]: g)):
                    return (f"It gives what the right formula gives with the global `{name}` "
                            f"({fmt(self.ns[name])}): use the argument `{name}` the function receives.")
        for i, first in enumerate(self.names):
            for j in range(i + 1, len(self.names)):
                def swapped(args, _e, i=i, j=j):
                    moved = list(args)
                    moved[i], moved[j] = moved[j], moved[i]
                    return self.reference(*moved)
                if self._holds(swapped):
                    return f"It uses `{first}` where `{self.names[j]}` belongs and the other way round."
        return ""

    def _scaled_argument(self) -> str:
        # One argument counted several times (e.g. a bias added once per input).
        for k, name in enumerate(self.names):
            for times in (2, 3, 4, 5, 6, 8, 10):
                def scaled(args, _e, k=k, n=times):
                    return self.reference(*args[:k], n * np.asarray(args[k], dtype=float), *args[k + 1:])
                if self._holds(scaled):
                    return (f"It gives what the right formula gives with {times} * `{name}`: "
                            f"`{name}` is counted {times} times.")
        return ""

    def _whole(self) -> str:
        # The right answer with its sign flipped, scaled, upside down or taken from 1.
        if self._holds(lambda _a, e: -e):
            return "It has the right size but the wrong sign at every input tried."
        ratios = [g / e for _, g, e in self._finite() for g, e in zip(g.ravel(), e.ravel()) if abs(e) > 1e-12]
        if ratios:
            ratio = float(ratios[int(np.argmax(np.abs(ratios)))])
            if ratio not in (0.0, 1.0) and self._holds(lambda _a, e: ratio * e):
                if ratio == 2:
                    return "It is exactly twice the right answer at every input tried: a factor 2 too many."
                if ratio == 0.5:
                    return "It is exactly half the right answer at every input tried: a factor 2 is missing."
                if ratio > 1:
                    return (f"It is exactly {_nice(ratio)} times the right answer at every input tried: "
                            f"a factor {_nice(ratio)} too many (a sum where a mean belongs, or a division left out?).")
                return (f"It is exactly {_nice(ratio)} of the right answer at every input tried: "
                        f"it divides by {_nice(1 / ratio)} where it should not (a mean where a sum belongs?).")
        if self._holds(lambda _a, e: 1 / e):
            return ("It gives 1 divided by the right answer at every input tried: the fraction is upside down "
                    "(or brackets are missing around its bottom line).")
        if self._holds(lambda _a, e: 1 - e):
            return "It gives 1 minus the right answer at every input tried: it measures the opposite case."
        return ""

    def _offset(self) -> str:
        records = self._finite()
        if len({float(np.sum(e)) for _, _, e in records}) < 2:
            return ""  # the right answers are all the same: an offset cannot be told from anything else
        gap = float((records[0][1] - records[0][2]).ravel()[0])
        if gap == 0 or not self._holds(lambda _a, e: e + gap):
            return ""
        way = "too high" if gap > 0 else "too low"
        return (f"It is {fmt(abs(gap))} {way} at every input tried: a constant term is missing, "
                f"extra, or has the wrong sign.")

    def _power(self) -> str:
        # The gap is c * x**k for one numeric argument x: the x**k term is wrong.
        records = self._finite()
        for k, name in enumerate(self.names):
            xs = [as_number_array(args[k]) for args, _, _ in records]
            if any(x is None or x.ndim != 0 for x in xs) or len({float(x) for x in xs}) < 3:
                continue
            for power in (1, 2, 3, 4):
                samples = [(float(x), float((g - e).ravel()[0])) for x, (_, g, e) in zip(xs, records)]
                usable = [gap / x ** power for x, gap in samples if x != 0]
                if not usable:
                    continue
                c = usable[int(np.argmax(np.abs(usable)))]
                if c == 0 or not self._holds(lambda args, e, c=c, k=k, p=power: e + c * np.asarray(args[k], float) ** p):
                    continue
                term = name if power == 1 else f"{name}**{power}"
                return (f"It is off by exactly {_nice(c)} * {term} at every input tried: the term with {term} "
                        f"has the wrong factor or sign (or is missing or extra).")
        return ""

    def _total(self) -> str:
        # The right answers add up to 1 (probabilities); the reader's do not.
        records = self._finite()
        if not records or any(e.ndim == 0 or not np.allclose(e.sum(axis=-1), 1.0) for _, _, e in records):
            return ""
        sums = [g.sum(axis=-1) for _, g, _ in records]
        if all(np.allclose(total, 1.0) for total in sums):
            return ""
        proportional = all(np.allclose(g, e * g.sum(axis=-1, keepdims=True), rtol=_RTOL) for _, g, e in records)
        shown = fmt(next(total for total in sums if not np.allclose(total, 1.0)))
        if proportional:
            return f"Its numbers are in the right proportions but add up to {shown}, not 1: divide by their total."
        return f"Its numbers add up to {shown}; the right ones add up to 1."
