"""Fit the trust model: from feature rows (scripts/train_trust.py) or a user's labelled articles.

The model is a logistic regression on standardised features (scikit-learn), evaluated by
cross-validation grouped by source (GroupKFold): articles of one outlet never sit on both sides
of a split, so the figure measures how the model does on outlets it has not seen.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from analyzer import features
from analyzer.article import Article, source_name
from analyzer.io.readers import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_LINE_BYTES,
    GZIP_ERRORS,
    METADATA_NAME,
    OTHER_TEXT_FIELDS,
    SPOOL_CHUNK_BYTES,
    STDIN,
    MetadataTables,
    ReadError,
    TextFieldError,
    article_list,
    bom_codec,
    decode,
    gunzipped,
    gzip_error,
    json_lines_named_json,
    json_opening,
    memory_rows,
    read_paths,
    read_table,
    record_fields,
    record_text,
    source_of,
    unzipped,
)
from analyzer.signals.base import LEXICON_LANGUAGE, language_note
from analyzer.trust.model import FORMAT_VERSION, TrustModel
from analyzer.trust.ranking import source_key

# L2 strength of the logistic regression (scikit-learn's C, inverse): moderate regularisation
# keeps weights spread over correlated signals; chosen by grouped CV on the shipped training set
# (scripts/train_trust.py --search prints the grid).
DEFAULT_C = 0.3
CV_FOLDS = 5
# Floor on a feature's scale, as a share of its range. A rare binary feature (a verification
# statement in 1 training article of 1,000) has a tiny standard deviation, so standardising would
# turn a small weight into a huge jump for the few articles that have it; with the floor, one unit
# of such a feature counts at most as much as four standard units (0.25 = std of a 50/50 flag).
SCALE_FLOOR = 0.25
# Pairwise rows (Herbrich et al. 2000, "large margin rank boundaries"): for a clean copy and a
# damaged copy of the same story, the difference of their standardised features is one more
# training row (and its negation, so the rows carry no intercept), worth this share of the
# pointwise rows' total weight. They teach the model what separates two copies of one text
# (translation evidence, attribution) rather than what separates outlets. Grouped CV on the set of
# scripts/train_trust.py, measured with evaluation/eval_trust.py: see models/MODEL_CARD.md.
# 1.5 rather than 1.0 since thinly sourced pairs count double there (pair_weights_for): at 1.0 that
# took a fifth of the weight of the other kinds' pairs and the human translation ranked above the
# machine one in 0.765 of 81 WMT pairs instead of 0.790.
PAIR_SHARE = 1.5
# Fewer labelled articles than this per class cannot give a usable model.
MIN_PER_CLASS = 2
# Fewer articles of a class than this and `train` warns that its cross-validation ROC AUC says
# little: at REFERENCE_AUC the 95% interval of an AUC (Hanley & McNeil 1982, eq. 2) is ±0.10 with 30
# articles of each class, ±0.18 with 10 and ±0.26 with 5 (auc_half_width).
MIN_CV_PER_CLASS = 30
# The shipped model's grouped-CV ROC AUC (0.8388, models/MODEL_CARD.md, evaluation/eval_trust.py),
# the AUC the interval above is computed at.
REFERENCE_AUC = 0.84
# Fewer sources than folds and GroupKFold makes one fold per source (grouped_cv): the figure then
# measures the model on a handful of outlets.
MIN_CV_GROUPS = CV_FOLDS
# analyzer's own labels count too ("clean"; "spun", "machine_translated"), so `score` output with
# a corrected `label` can be fed back.
TRUSTED = frozenset({"1", "trusted", "trustworthy", "true", "yes", "reliable", "clean"})
UNTRUSTED = frozenset({"0", "untrusted", "untrustworthy", "false", "no", "unreliable", "garbled", "spun",
                       "machine_translated", "machine translated"})


class TrainingError(ValueError):
    """Bad labelled data or a set that cannot be fitted; the message is one line."""


@dataclass
class CVReport:
    folds: int
    roc_auc: float | None
    fold_auc: list[float] = field(default_factory=list)
    oof: list[float] = field(default_factory=list)
    fitted: int = 0  # folds fitted (a fold whose training rows hold one label is not)


@dataclass
class TrainResult:
    model: TrustModel
    cv: CVReport
    n: int
    positives: int
    groups: int
    skipped: list[ReadError] = field(default_factory=list)  # labelled rows left out, with the reason
    # Why the cross-validation says little of this set (small_set_warnings); `train` prints them.
    warnings: list[str] = field(default_factory=list)
    # Articles with no source, each its own group of `groups` (so `train` does not count them as sources).
    unsourced: int = 0


@dataclass
class _Fit:
    mean: Any
    scale: Any
    coef: Any  # one weight per feature, 0 for features dropped by the sign constraints
    intercept: float

    def predict(self, x: Any) -> Any:
        import numpy as np

        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


def _sklearn_fit(x: Any, y: Any, weight: Any, c: float, signs: Sequence[int] | None = None,
                 pairs: Sequence[tuple[int, int]] = (), pair_weights: Sequence[float] | None = None,
                 pair_share: float = PAIR_SHARE) -> _Fit:
    """Standardise, then fit a logistic regression (scikit-learn).

    `pairs` holds (better, worse) row indices: each adds the pairwise rows described at PAIR_SHARE,
    in proportion to its `pair_weights` entry (equal without them).
    With `signs`, a feature whose weight comes out against its expected direction is dropped
    and the rest refitted, until every weight agrees (backward elimination, one feature at a time).
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x, sample_weight=weight)
    spread = x.max(axis=0) - x.min(axis=0)
    scale = np.maximum(scaler.scale_, SCALE_FLOOR * spread)
    scale = np.where(scale > 0, scale, 1.0)
    z = (x - scaler.mean_) / scale
    fit_weight = weight
    if len(pairs) and pair_share > 0:
        idx = np.asarray(pairs, dtype=int)
        relative = np.ones(len(idx)) if pair_weights is None else np.asarray(pair_weights, dtype=float)
        diff = z[idx[:, 0]] - z[idx[:, 1]]
        base = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=float)
        each = pair_share * base.sum() / 2 * relative / relative.sum()
        z = np.vstack([z, diff, -diff])
        y = np.concatenate([y, np.ones(len(idx), dtype=int), np.zeros(len(idx), dtype=int)])
        fit_weight = np.concatenate([base, each, each])
    active = list(range(x.shape[1]))
    while True:
        # With explicit weights the caller balances the classes itself; else sklearn's "balanced".
        clf = LogisticRegression(C=c, class_weight=None if fit_weight is not None else "balanced", max_iter=2000,
                                 solver="lbfgs")
        clf.fit(z[:, active], y, sample_weight=fit_weight)
        coef = np.zeros(x.shape[1])
        coef[active] = clf.coef_[0]
        wrong = [i for i in active if signs and signs[i] * coef[i] < 0]
        if not wrong or len(active) == 1:
            return _Fit(scaler.mean_, scale, coef, float(clf.intercept_[0]))
        active.remove(max(wrong, key=lambda i: (abs(coef[i]), -i)))


def fit_model(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    *,
    names: Sequence[str] = features.MODEL_FEATURES,
    weights: Sequence[float] | None = None,
    c: float = DEFAULT_C,
    constrained: bool = True,
    training: dict[str, Any] | None = None,
    pairs: Sequence[tuple[int, int]] = (),
    pair_weights: Sequence[float] | None = None,
) -> TrustModel:
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=int)
    w = None if weights is None else np.asarray(weights, dtype=float)
    fit = _sklearn_fit(x, y, w, c, _signs(names) if constrained else None, pairs, pair_weights)
    return TrustModel(
        feature_names=tuple(names),
        coef=tuple(round(float(v), 6) for v in fit.coef),
        intercept=round(fit.intercept, 6),
        mean=tuple(round(float(v), 6) for v in fit.mean),
        scale=tuple(round(float(v), 6) for v in fit.scale),
        lower=tuple(round(float(v), 6) for v in x.min(axis=0)),
        upper=tuple(round(float(v), 6) for v in x.max(axis=0)),
        training=training or {},
        version=FORMAT_VERSION,
    )


def _signs(names: Sequence[str]) -> list[int]:
    return [features.FEATURE_SIGNS.get(n, 0) for n in names]


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    from sklearn.metrics import roc_auc_score

    if len(set(labels)) < 2:
        return None
    return float(roc_auc_score(labels, scores))


def grouped_cv(
    rows: Sequence[Sequence[float]],
    labels: Sequence[int],
    groups: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    c: float = DEFAULT_C,
    folds: int = CV_FOLDS,
    constrained: bool = True,
    names: Sequence[str] = features.MODEL_FEATURES,
    pairs: Sequence[tuple[int, int]] = (),
    pair_weights: Sequence[float] | None = None,
) -> CVReport:
    """Out-of-fold trust for every row, folds grouped by source (GroupKFold). Pairs whose two rows
    both fall in a training fold train it (a pair spanning folds is left out).

    A fold whose training rows hold one label only cannot be fitted: its rows get 0.5 in `oof`,
    and the ROC AUC is read over the other folds' rows only, None when none was fitted. Pooled
    with the constant 0.5s it had been a figure of nothing: 0.500 for two sources of one label
    each, where no fold was fitted at all (a helper's bug hunt, bughunt24 T1)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=int)
    g = np.asarray(groups)
    w = None if weights is None else np.asarray(weights, dtype=float)
    k = min(folds, len(set(groups)))
    if k < 2:
        return CVReport(folds=0, roc_auc=None)
    oof = np.zeros(len(y))
    fitted = np.zeros(len(y), dtype=bool)
    fold_auc = []
    fitted_folds = 0
    for train, test in GroupKFold(n_splits=k).split(x, y, g):
        if len(set(y[train])) < 2:
            oof[test] = 0.5
            continue
        fitted[test] = True
        fitted_folds += 1
        position = {int(row): k for k, row in enumerate(train)}
        inside = [k for k, (a, b) in enumerate(pairs) if a in position and b in position]
        fold_pairs = [(position[pairs[k][0]], position[pairs[k][1]]) for k in inside]
        fold_weights = None if pair_weights is None else [pair_weights[k] for k in inside]
        fit = _sklearn_fit(x[train], y[train], None if w is None else w[train], c,
                           _signs(names) if constrained else None, fold_pairs, fold_weights)
        oof[test] = fit.predict(x[test])
        auc = roc_auc(list(y[test]), list(oof[test]))
        if auc is not None:
            fold_auc.append(round(auc, 4))
    return CVReport(folds=k, roc_auc=roc_auc(list(y[fitted]), list(oof[fitted])), fold_auc=fold_auc,
                    oof=[float(v) for v in oof], fitted=fitted_folds)


def weight_summary(model: TrustModel) -> list[dict[str, Any]]:
    """Standardised coefficients, largest first: which features carry the weight."""
    rows = [{"feature": n, "coef": round(c, 4)} for n, c in zip(model.feature_names, model.coef, strict=True)]
    return sorted(rows, key=lambda r: (-abs(r["coef"]), r["feature"]))


# --- a user's labelled articles -------------------------------------------------------------


# A hyphen between two letters, read as a space in a label ("-1" keeps its sign).
_WORD_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def parse_label(value: Any, where: str) -> int:
    # "machine-translated", as the seeds' metadata and most prose spell it, reads as "machine translated"
    # (bug hunt 32: such rows were skipped, "not trusted/untrusted or 1/0").
    text = " ".join(_WORD_HYPHEN_RE.sub(" ", str(value).strip().lower()).split())
    if text in TRUSTED:
        return 1
    if text in UNTRUSTED:
        return 0
    # 1.0 and 0.0 as a data tool writes a label column of floats (pandas, once the column held a
    # NaN): every row of such a file had been refused.
    if not isinstance(value, bool):
        with contextlib.suppress(ValueError, OverflowError):
            number = float(text)
            if number in (0.0, 1.0):
                return int(number)
    raise TrainingError(f"{where}: {_bad_label(value)}")


def _bad_label(value: Any) -> str:
    return f"label {value!r} is not trusted/untrusted or 1/0"


class _SkippedRow(ValueError):
    """One labelled row that cannot be used: reported, and training goes on with the others."""


@dataclass
class Labelled:
    """A user's labelled articles, and the rows that were skipped (by `path:row`, with the reason)."""

    articles: list[Article]
    labels: list[int]
    skipped: list[ReadError]
    rows: list[str] = field(default_factory=list)  # `path:row` of each article


# How rows read from standard input (`analyzer train -`) are named: "stdin:3" is its third line, and
# an article without an id is "stdin:N" (a file's rows are named by the file).
STDIN_ROWS = "stdin"


def _stdin_text(raw: bytes) -> str:
    """Standard input's bytes as text, decoded as a file is; TrainingError when empty or not text."""
    if not raw.strip():
        raise TrainingError("standard input is empty: give the labelled rows on it, or a labels file")
    try:
        return decode(raw)
    except Exception:  # noqa: BLE001 - any decoding failure is one message
        raise TrainingError("standard input is not text") from None


def _stdin_records(max_bytes: int) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    """_records of standard input, bounded as `score -` bounds it: up to `max_bytes` (--max-bytes) it
    is read whole, as a file; beyond, only JSON Lines goes on, a line at a time, each line up to
    DEFAULT_MAX_LINE_BYTES (score's --max-line-bytes; a longer one is a skipped row), and a JSON
    document, a table or a text over it is refused unread. It had been read whole, whatever its size
    (`cat dump.bin | analyzer train -` held all of it in memory; h27b, low)."""
    stream = sys.stdin
    # Gzipped rows (`aws s3 cp s3://.../labels.jsonl.gz - | analyzer train -`) are read as what they
    # hold, as `score -` reads them (bug hunt 30, S1).
    source = gunzipped(stream.buffer if stream is not None and hasattr(stream, "buffer") else io.BytesIO())
    try:
        yield from _stdin_rows(source, max_bytes)
    except GZIP_ERRORS as exc:
        raise TrainingError(f"standard input: {gzip_error(exc)}") from None


def _stdin_rows(source: IO[bytes], max_bytes: int) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    head = source.read(max_bytes + 1)
    if len(head) <= max_bytes:
        text = _stdin_text(head)
        yield from _text_records(text, STDIN_ROWS, stdin_suffix(text), told=True)
        return
    if wide := bom_codec(head[:4]):
        # UTF-16 (Windows PowerShell 5's `|`) or UTF-32 JSON Lines, recoded as a labels file's are: split
        # at b"\n" as written, every line after the first had been "not text" (review 28, L2).
        whole = io.BufferedReader(_Prepended(head, source), STDIN_CHUNK_BYTES)
        head, source = b"", codecs.EncodedFile(whole, "utf-8", wide)
    yield from _over_limit_records(head, source, STDIN_ROWS, max_bytes, "standard input", "the rows as a labels file")


class _Prepended(io.RawIOBase):
    """`head` (bytes already read from `rest`) and then `rest`, as one readable stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _over_limit_records(head: bytes, source: IO[bytes], where: str, max_bytes: int, name: str, instead: str,
                        *, jsonl: bool = False) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    """_records of labels over --max-bytes (`head`, its first max_bytes + 1 bytes, then the rest of
    `source`): JSON Lines (`jsonl` by its name, else told by its first line) goes on a line at a
    time, each line up to DEFAULT_MAX_LINE_BYTES (a longer one is a skipped row, `where:N`); a JSON
    document, a table or a text is refused unread (TrainingError naming `name`, `instead` the advice)."""
    start = len(head) - len(head.removeprefix(b"\xef\xbb\xbf").lstrip())
    while b"\n" not in head[start:] and len(head) - start <= DEFAULT_MAX_LINE_BYTES:
        more = source.read(STDIN_CHUNK_BYTES)
        if not more:
            break
        head += more
    first, newline, _ = head[start:].partition(b"\n")
    try:
        opening = decode(first) if newline and len(first) <= DEFAULT_MAX_LINE_BYTES else ""
    except Exception:  # noqa: BLE001 - not text: not JSON Lines either
        opening = ""
    if not jsonl and (not opening.lstrip().startswith("{") or stdin_suffix(opening) != ".jsonl"):
        raise _over_limit(name, max_bytes, instead)
    for n, line in enumerate(_bounded_lines(head, source, DEFAULT_MAX_LINE_BYTES), start=1):
        if line is None:
            yield f"{where}:{n}", _SkippedRow(f"line over the limit of {DEFAULT_MAX_LINE_BYTES:,} bytes")
            continue
        try:
            text = decode(line)
        except Exception:  # noqa: BLE001 - any decoding failure is one message
            yield f"{where}:{n}", _SkippedRow("not text")
            continue
        yield from _json_line_record(text, f"{where}:{n}")


def _over_limit(name: str, max_bytes: int, instead: str) -> TrainingError:
    """The error of labels over --max-bytes that are not JSON Lines."""
    return TrainingError(f"{name} is over the limit of {max_bytes:,} bytes (--max-bytes); only JSON Lines (one "
                         f"object a line) is read beyond it: give a larger --max-bytes, or {instead}")


# Bytes read at a time from standard input past --max-bytes (readers.SPOOL_CHUNK_BYTES, measured there).
STDIN_CHUNK_BYTES = SPOOL_CHUNK_BYTES


def _bounded_lines(head: bytes, rest: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of `head` then `rest` (split at "\n" only, as JSON Lines is; without it), None for a
    line of more than `limit` bytes, whose bytes are passed over rather than held."""
    carry, over = b"", False
    for reader in (io.BytesIO(head), rest):
        while piece := reader.readline(STDIN_CHUNK_BYTES):
            if not over:
                carry += piece
                if len(carry) - carry.endswith(b"\n") > limit:
                    carry, over = b"", True
            if piece.endswith(b"\n"):
                yield None if over else carry[:-1]
                carry, over = b"", False
    if over or carry:
        yield None if over else carry


def stdin_suffix(text: str) -> str:
    """The file type standard input's labels are read as, decided on their opening as `score -`
    decides (readers.stdin_articles): JSON Lines when the first line is a JSON object (but for a news
    API's response on one line, an object whose one list holds the rows, read as a .json file is),
    a JSON array or object when it opens with one, else a table: TSV when its header line holds a
    tab, else CSV."""
    opening = text.lstrip()
    if opening.startswith("{"):
        head, response = json_opening(opening)
        if isinstance(head, dict) and not response:
            return ".jsonl"
    if opening.startswith(("{", "[")):
        return ".json"
    return ".tsv" if "\t" in opening.split("\n", 1)[0] else ".csv"


def _records(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    """(where, record) per row, or (where, the reason it cannot be read). A file that cannot be read
    at all raises TrainingError. `-` reads standard input, its type told by its opening (stdin_suffix)."""
    if str(path) == STDIN:
        yield from _stdin_records(max_bytes)
        return
    # A gzipped labels file (`labels.jsonl.gz`, or gzip under a plain name) is read as what it holds,
    # as score reads one and `train -` reads gzipped standard input; it had been "not a text file",
    # exit 1 (bug hunt 33, T2). Bounded by its decompressed size, as score bounds it.
    suffix = unzipped(path).suffix.lower()
    try:
        with path.open("rb") as file:
            handle = gunzipped(file)
            # Bounded as standard input is (h28d): a labels file had been read whole, whatever its size.
            raw = handle.read(max_bytes + 1)
            if len(raw) > max_bytes:
                instead = "the rows as JSON Lines (.jsonl)"
                if suffix in (".csv", ".tsv"):  # a table is no JSON Lines, whatever its first line
                    raise _over_limit(str(path), max_bytes, instead)
                rest: IO[bytes] = handle
                if wide := bom_codec(raw[:4]):  # Windows PowerShell 5 writes UTF-16 JSON Lines
                    whole = io.BufferedReader(_Prepended(raw, handle), STDIN_CHUNK_BYTES)
                    rest, raw = codecs.EncodedFile(whole, "utf-8", wide), b""
                yield from _over_limit_records(raw, rest, str(path), max_bytes, str(path), instead,
                                               jsonl=suffix == ".jsonl")
                return
    except OSError as exc:
        raise TrainingError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except GZIP_ERRORS as exc:
        raise TrainingError(f"{path}: {gzip_error(exc, path)}") from None
    try:
        text = decode(raw)
    except Exception:  # noqa: BLE001 - any decoding failure is one message
        raise TrainingError(f"{path}: not a text file") from None
    if suffix in LABELS_SUFFIXES:
        yield from _text_records(text, str(path), suffix)
    else:
        yield from _text_records(text, str(path), stdin_suffix(text), told=True)


# The labels file types told by their extension; any other file (Excel's "Unicode Text" export is a
# UTF-16 TSV named .txt) is told by its opening, as standard input is (stdin_suffix): such a table
# had been read as JSON Lines, every row "not valid JSON" (bug hunt 28, L3).
LABELS_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")


def _text_records(text: str, path: str, suffix: str, *, told: bool = False
                  ) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    """_records of a labels file's text, read as the file type `suffix` (`told` by its opening, not
    its name); rows named `path:row`."""
    if suffix in (".csv", ".tsv"):
        table = read_table(text, "label", "\t" if suffix == ".tsv" else ",")
        if "label" not in table.header:
            how = (" read as a table by its opening (JSON Lines opens on an object, JSON on [ or {)"
                   if told else "")
            raise TrainingError(f"{path}: the table{how} has no 'label' column (a header row naming the columns "
                                "is needed)")
        # Numbered as a spreadsheet shows them: the header is row 1.
        for number, record in table.records:
            yield f"{path}:{number + 1}", record
        if table.fault is not None:
            yield f"{path}:{table.fault_row + 1}", _SkippedRow(f"malformed table row ({table.fault}); later rows "
                                                                "were not read")
        return
    if suffix == ".json":  # an array of objects, as the readers take it
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            if not json_lines_named_json(text, exc):
                raise TrainingError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
            rows = None  # JSON Lines named .json: read below, line by line
        if isinstance(rows, dict) and (listed := article_list(rows)) is not None:
            rows = listed  # a news API's response, {"articles": [...]}, as score reads it (pandas' "table" too)
        elif isinstance(rows, dict) and (table := _pandas_rows(rows)) is not None:
            rows = table
        if rows is not None:
            if not isinstance(rows, list):
                raise TrainingError(f"{path}: a .json labels file must be an array of objects (or a pandas "
                                    "DataFrame.to_json layout with a 'label' column)")
            for n, row in enumerate(rows, start=1):
                yield f"{path}:{n}", row if isinstance(row, dict) else _SkippedRow("not a JSON object")
            return
    # JSON Lines ends a line at "\n" only: str.splitlines also splits at U+2028, U+2029, NEL and
    # form feeds, which a JSON string may hold as they are (scraped text does), so a valid row was
    # cut in two and both halves skipped as bad JSON.
    for n, line in enumerate(text.split("\n"), start=1):
        yield from _json_line_record(line, f"{path}:{n}")


def _pandas_rows(data: dict[str, Any]) -> list[Any] | None:
    """The rows of a pandas DataFrame.to_json layout other than "records" and "table" (which are
    arrays of row objects already): "columns", pandas' default ({column: {index: value}}), "index"
    ({index: {column: value}}) and "split" ({"columns": [...], "index": [...], "data": [[...]]}).
    Analysts build labels in pandas, and `df.to_json("labels.json")` had been refused (bug hunt 32).
    None for any other object. Told apart by the 'label' column a labels file needs: a top-level key
    in "columns", a key of the row objects in "index"."""
    columns, cells = data.get("columns"), data.get("data")
    if isinstance(columns, list) and isinstance(cells, list) and all(isinstance(row, list) for row in cells):
        return [dict(zip(columns, row, strict=False)) for row in cells]
    values = list(data.values())
    if not values or not all(isinstance(value, dict) for value in values):
        return None
    if "label" in data:  # "columns": the rows are the index labels, in the order pandas wrote them
        index = dict.fromkeys(key for column in values for key in column)
        return [{name: column[key] for name, column in data.items() if key in column} for key in index]
    if any("label" in value for value in values):  # "index"
        return values
    return None


def _json_line_record(line: str, where: str) -> Iterable[tuple[str, dict[str, Any] | _SkippedRow]]:
    """The row of one line of JSON Lines (none for a blank line)."""
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield where, _SkippedRow(f"not valid JSON ({exc.msg})")
        return
    yield where, obj if isinstance(obj, dict) else _SkippedRow("not a JSON object")


def _labelled_article(row: dict[str, Any], where: str, base: Path, ident: str,
                      max_bytes: int | None, problems: list[ReadError], tables: MetadataTables
                      ) -> tuple[Article, int]:
    """The article and label of one row (a relative `path` read from the folder `base`);
    _SkippedRow with the reason when the row cannot be used. The problems of the metadata.csv a
    path row's file takes its row from go to `problems`; `tables`: the rows' metadata.csv tables, read
    once for all of them."""
    if "label" not in row or row["label"] in (None, ""):
        raise _SkippedRow("missing 'label'")
    try:
        label = parse_label(row["label"], where)
    except TrainingError:
        raise _SkippedRow(_bad_label(row["label"])) from None
    # Text and source as score reads a JSON record (readers.record_text): `text`, else `content`
    # or `body`; NewsAPI's source {"id": ..., "name": ...} by its name. A news API's response, which
    # train reads since b6813fe, holds both so: its rows had all been skipped, and a dict source was
    # its repr (review24 R3).
    fields = record_fields(row)
    source = (fields.get("source") or "").strip()
    ident = str(row.get("id") or "").strip() or ident
    try:
        text, _ = record_text(row)
        # With no source given, the one score infers for the record (a banner or credit in the text,
        # else its url's site): rows of a scrape with `url` and no `source` had each been a CV group
        # of their own, the ROC AUC read leaky, where score named their outlets (bug hunt 32).
        return Article(id=ident, text=text, source=source or source_of(text, fields.get("url"))), label
    except TextFieldError as exc:
        problem = exc
    if not (isinstance(row.get("path"), str) and row["path"].strip()):
        if problem.kind == "type":  # present, of another type: a number or a list is no missing text (T4)
            raise _SkippedRow(str(problem))
        raise _SkippedRow(f"needs a non-empty 'text' or 'path' (the text may be under {OTHER_TEXT_FIELDS})")
    file = Path(row["path"])
    file = file if file.is_absolute() else base / file
    # As `score` reads the file named alone: its folder's metadata.csv gives its source (and so its
    # cross-validation group). read_file alone made every such row source "unknown", each its own
    # group: a labels CSV of paths into a scrape folder leaked across the grouped CV (bug hunt 27, T3).
    read: list[Article | ReadError] = []
    for item in read_paths([file], max_bytes=max_bytes or DEFAULT_MAX_BYTES, tables=tables):
        # A problem of the metadata.csv is the table's, not the row's: its file was read. A table naming
        # another file twice had skipped every row of its folder, "cannot read scrape/1.txt (metadata lists
        # '0.txt' twice ...)" (review 32).
        (problems if isinstance(item, ReadError) and Path(item.path).name == METADATA_NAME else read).append(item)
    bad = [r for r in read if isinstance(r, ReadError)]
    if bad or not read:
        raise _SkippedRow(f"cannot read {file} ({bad[0].reason if bad else 'no article'})")
    if len(read) > 1:  # a JSON Lines, CSV or feed file: its first article alone had been fitted, silently
        raise _SkippedRow(f"{file} holds {len(read)} articles; a row labels one (give each its own row)")
    article = read[0]
    assert isinstance(article, Article)
    if source:
        # As Article spells a source it is given (one outlet one group for the grouped CV): set after
        # the article is read, "BBC  News" had stayed another group than "BBC News" (bughunt24 T5).
        article.source = source_name(source)
    return article, label


def read_labels(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Labelled:
    """Articles and 0/1 labels from JSONL, CSV/TSV or JSON-array rows with `text` or `path`, `label`,
    optional `source` (used to group the cross-validation) and `id`. A relative `path` is resolved
    against the labels file's folder.

    A row that cannot be used (bad JSON, a label that is neither trusted nor untrusted, no text, a
    file that cannot be read) is skipped and listed with its reason, as `analyzer score` skips a bad
    file: one bad row of thousands must not cost the newsroom its retraining. A file that cannot be
    read at all raises TrainingError.
    """
    labels_path = Path(path)
    if str(labels_path) == STDIN:  # a relative `path` is read from the current folder
        return _labelled(_records(labels_path, max_bytes or DEFAULT_MAX_BYTES), Path(), STDIN_ROWS, max_bytes)
    return _labelled(_records(labels_path, max_bytes or DEFAULT_MAX_BYTES), labels_path.parent, labels_path.stem,
                     max_bytes)


# The name of rows given in memory (train_from_rows): row N is `rows:N`, as row N of a labels file
# named rows.jsonl would be.
MEMORY_ROWS = "rows"


def _memory_records(rows: Iterable[Any]) -> Iterator[tuple[str, dict[str, Any] | _SkippedRow]]:
    """(where, row) of rows given in memory, numbered from 1 as a labels file's lines."""
    for n, row in enumerate(memory_rows(rows), start=1):
        where = f"{MEMORY_ROWS}:{n}"
        if not isinstance(row, dict):
            raise TypeError(f"{where}: a labelled row is a dict (`text` or `path`, `label`, optional `source` "
                            f"and `id`), not {type(row).__name__}")
        yield where, row


def _labelled(records: Iterable[tuple[str, dict[str, Any] | _SkippedRow]], base: Path, stem: str,
              max_bytes: int | None) -> Labelled:
    """read_labels over (where, row) pairs; a relative `path` is read from the folder `base`."""
    result = Labelled([], [], [])
    problems: list[ReadError] = []
    tables = MetadataTables()  # each table read once for every path row (review 32: quadratic before)
    for where, row in records:
        try:
            if isinstance(row, _SkippedRow):
                raise row
            ident = f"{stem}:{len(result.articles) + 1}"
            article, label = _labelled_article(row, where, base, ident, max_bytes, problems, tables)
        except _SkippedRow as exc:
            result.skipped.append(ReadError(where, str(exc)))
            continue
        result.articles.append(article)
        result.labels.append(label)
        result.rows.append(where)
    # Each read of a path row's file reports its metadata.csv's problems: said once, as `score` says them.
    result.skipped += dict.fromkeys(problems)
    _drop_conflicts(result)
    return result


def _drop_conflicts(read: Labelled) -> None:
    """Skip every row of a text labelled both trusted and untrusted (a slip in the labelling, or
    two annotators who disagree): fitted on both, it only blurs the model, silently. A text given
    again with the same label is read once, the later rows skipped: counted twice it weighed
    double, and under two sources (a mirror of a wire story) it sat on both sides of a
    cross-validation split and raised the AUC (session 26 bug hunt, T1: 0.986 -> 0.996 with 20 BBC
    rows repeated as "Mirror Site")."""
    labels_of: dict[str, set[int]] = {}
    first: dict[tuple[str, int], str] = {}
    for article, label, where in zip(read.articles, read.labels, read.rows, strict=True):
        key = " ".join(article.text.split())
        labels_of.setdefault(key, set()).add(label)
        first.setdefault((key, label), where)
    if len(labels_of) == len(read.articles):
        return
    keep = []
    for n, (article, label) in enumerate(zip(read.articles, read.labels, strict=True)):
        key = " ".join(article.text.split())
        if len(labels_of[key]) > 1:
            other = first[(key, 1 - label)]
            read.skipped.append(ReadError(read.rows[n], f"the same text is labelled "
                                                        f"{'untrusted' if label else 'trusted'} at {other}"))
        elif first[(key, label)] != read.rows[n]:
            read.skipped.append(ReadError(read.rows[n], f"repeats the text of {first[(key, label)]}, with the "
                                                        "same label: read once"))
        else:
            keep.append(n)
    read.skipped.sort(key=lambda e: _row_order(e.path))
    read.articles = [read.articles[n] for n in keep]
    read.labels = [read.labels[n] for n in keep]
    read.rows = [read.rows[n] for n in keep]


def score_for_training(articles: list[Article]) -> list[Article]:
    """Run the signals over the articles as `analyzer score` would (same per-source pre-pass)."""
    from analyzer.pipeline import prepare_context, score_article

    context = prepare_context(articles)
    neutral = TrustModel((), (), 0.0, (), (), (), ())
    # No time limit (0): training is a batch job, and a time-out would make the result depend on
    # the machine's load.
    return [score_article(a, context, model=neutral, time_limit=0) for a in articles]


def _enough(read: Labelled) -> None:
    """TrainingError unless the usable rows hold MIN_PER_CLASS articles of each class."""
    positives = sum(read.labels)
    if positives < MIN_PER_CLASS or len(read.labels) - positives < MIN_PER_CLASS:
        skipped = f"; {len(read.skipped)} rows skipped, the first {read.skipped[0].path}: {read.skipped[0].reason}" \
            if read.skipped else ""
        raise TrainingError(f"need at least {MIN_PER_CLASS} trusted and {MIN_PER_CLASS} untrusted articles "
                            f"(got {positives} and {len(read.labels) - positives}{skipped})")


def _row_order(where: str) -> tuple[str, int]:
    """`path:row` in the file's order."""
    path, _, row = where.rpartition(":")
    return (path, int(row)) if row.isdigit() else (where, 0)


def train_from_labels(
    labels_file: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    c: float = DEFAULT_C,
    max_bytes: int | None = None,
) -> TrainResult:
    """Retrain the trust model on a user's labelled articles; the model is `.model`, written
    atomically to `output` when one is given (as train_from_rows)."""
    read = read_labels(labels_file, max_bytes=max_bytes)
    name = "standard input" if str(labels_file) == STDIN else Path(labels_file).name
    return _train(read, f"user labels: {name}", output, c)


def train_from_rows(
    rows: Iterable[dict[str, Any]],
    output: str | os.PathLike[str] | None = None,
    *,
    c: float = DEFAULT_C,
    max_bytes: int | None = None,
) -> TrainResult:
    """train_from_labels on rows held in memory: each a dict as a labels file's row (`text`, else
    `content` or `body`, or `path`, read from the current folder when relative; `label`; optional
    `source`, which groups the cross-validation, and `id`), or a pandas DataFrame with those columns
    (a missing value, NaN, as none). A row that cannot be used is in `.skipped`, named `rows:N` (N
    from 1); a row that is not a dict raises TypeError. The model is `.model` (score_articles,
    score_paths and the others take it), written atomically to `output` when one is given."""
    # A str iterates as its letters and a dict as its keys: each was refused as "rows:1: ... not str",
    # naming a first row the caller never gave (session 26 bug hunt, A1).
    if isinstance(rows, str | os.PathLike):
        raise TypeError(f"rows is a {type(rows).__name__}: give a list of dicts or a DataFrame; for a labels file, "
                        "call train_from_labels(file)")
    if isinstance(rows, dict):
        raise TypeError("rows is one dict: give a list of dicts, one a row (a dict of columns: "
                        "pandas.DataFrame(columns) first)")
    read = _labelled(_memory_records(rows), Path(), MEMORY_ROWS, max_bytes)
    return _train(read, f"user labels: {MEMORY_ROWS} given in memory", output, c)


def _train(read: Labelled, data: str, output: str | os.PathLike[str] | None, c: float) -> TrainResult:
    """Score the labelled articles, fit the model and cross-validate it; save it to `output`."""
    if output is not None:
        # A `path` row's file is an input, as the labels file is: `train labels.csv -o scrape/a.txt`
        # wrote the model over the article a row had just read (bug hunt 28, T1).
        from analyzer.io.writers import OutputError, check_output

        try:
            check_output(output, sorted({a.path for a in read.articles if a.path}))
        except OutputError as exc:
            raise TrainingError(str(exc)) from None
    _enough(read)
    scored = score_for_training(read.articles)
    # Only articles in the lexicons' language are judged for trust (analyzer.trust.ranking): in
    # another, translation, attribution and hedging are not measured, and their zeros would teach
    # the model the language ("no sourcing: untrusted"; a helper's bug hunt, H7).
    kept = [n for n, a in enumerate(scored) if a.language == LEXICON_LANGUAGE]
    for n in sorted(set(range(len(scored))) - set(kept)):
        read.skipped.append(ReadError(read.rows[n], f"{language_note(scored[n].language)}; trust judges "
                                                    f"{LEXICON_LANGUAGE} articles only (the signals read "
                                                    f"{LEXICON_LANGUAGE})"))
    read.skipped.sort(key=lambda e: _row_order(e.path))
    scored = [scored[n] for n in kept]
    read.articles, read.labels, read.rows = scored, [read.labels[n] for n in kept], [read.rows[n] for n in kept]
    _enough(read)
    labels = read.labels
    positives = sum(labels)
    rows = [features.vector(a, names=features.MODEL_FEATURES) for a in scored]
    # Without sources every article is its own group (GroupKFold then equals plain K-fold). A news
    # agency under several names ("AFP", "Agence France-Presse") is one group, as it is one row of
    # the trust table (ranking.source_key): its copies must not sit on both sides of a fold.
    groups = _cv_groups(scored, read.rows)
    cv = grouped_cv(rows, labels, groups, c=c)
    summary = {
        "data": data,
        "articles": len(labels),
        "trusted": positives,
        "untrusted": len(labels) - positives,
        "groups": len(set(groups)),
        "cv": "GroupKFold by source",
        "cv_folds": cv.folds,
        "cv_roc_auc": None if cv.roc_auc is None else round(cv.roc_auc, 4),
        "c": c,
        "skipped_rows": len(read.skipped),
    }
    model = fit_model(rows, labels, c=c, training=summary)
    model.training["weights"] = weight_summary(model)
    if output is not None:
        model.save(output)
    warnings = small_set_warnings(positives, len(labels) - positives, groups, cv)
    unsourced = sum(a.source == "unknown" for a in scored)
    if unsourced:
        warnings.append(unsourced_warning(unsourced, len(scored)))
    return TrainResult(model, cv, len(labels), positives, len(set(groups)), read.skipped, warnings, unsourced)


# The cross-validation group of an article with no source: its id after this prefix (_cv_groups).
UNSOURCED_GROUP = "article:"


def _cv_groups(articles: Sequence[Article], rows: Sequence[str]) -> list[str]:
    """Each article's cross-validation group: its source as the trust table counts it (source_key), an
    article with none its own (`article:<id>`). An id given to two rows (two feeds' labels joined, each
    numbering from 1) is two articles: such rows had been one group, against the warning that each is its
    own, and the first line had said "from -35 sources" (review 32); the later ones are named by their row."""
    groups: list[str] = []
    taken: set[str] = set()
    for article, row in zip(articles, rows, strict=True):
        if article.source != "unknown":
            groups.append(source_key(article.source))
            continue
        group = f"{UNSOURCED_GROUP}{article.id}"
        group = f"{group} ({row})" if group in taken else group
        taken.add(group)
        groups.append(group)
    return groups


def unsourced_warning(unsourced: int, total: int) -> str:
    """The line `train` prints when articles have no source: each is its own cross-validation group,
    so copies of one story can sit on both sides of a fold (a labels file without a `source` column
    gave AUC 1.000 where the same rows grouped by source give 0.986; session 26 bug hunt)."""
    which = "no article has a source: each" if unsourced == total else \
        f"{unsourced} of {total} articles have no source: each of them"
    return (f"{which} is its own cross-validation group, so copies of one story (an outlet's versions and reprints "
            "of a report) can sit on both sides of a fold and the ROC AUC reads higher than on outlets the model has "
            "not seen; give each row its outlet in a `source` column")


def auc_half_width(positives: int, negatives: int, auc: float = REFERENCE_AUC) -> float:
    """Half-width of the 95% interval of a ROC AUC of `auc` measured on these counts (Hanley &
    McNeil 1982, "The meaning and use of the area under a ROC curve", Radiology 143, eq. 2)."""
    q1, q2 = auc / (2 - auc), 2 * auc * auc / (1 + auc)
    variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (
        positives * negatives)
    return 1.96 * math.sqrt(max(variance, 0.0))


def small_set_warnings(positives: int, negatives: int, groups: Sequence[str], cv: CVReport) -> list[str]:
    """Why the cross-validation's ROC AUC says little of this labelled set, one line each: too few
    articles of a class (MIN_CV_PER_CLASS), too few sources (MIN_CV_GROUPS), folds that could not
    be fitted. `analyzer train` on 5 articles of 5 sources wrote its model and
    printed "ROC AUC 1.000", with no word that the figure is one of chance (bughunt24 T2)."""
    found = []
    if min(positives, negatives) < MIN_CV_PER_CLASS:
        found.append(f"a small set ({positives} trusted, {negatives} untrusted): with fewer than {MIN_CV_PER_CLASS} "
                     f"articles of each class the cross-validation ROC AUC is a rough figure (at {REFERENCE_AUC}, "
                     f"its 95% interval is about ±{auc_half_width(positives, negatives):.2f} with these counts; "
                     "Hanley & McNeil 1982); label more articles before relying on the model")
    distinct = len(set(groups))
    if distinct < MIN_CV_GROUPS:
        # An article with no source is a group of its own (_cv_groups): "only 4 sources" of 1 source and 3
        # articles with none contradicted the line above it (bug hunt 33).
        unsourced = sum(1 for g in set(groups) if g.startswith(UNSOURCED_GROUP))
        what = (f"{distinct} source{'s' if distinct != 1 else ''}" if not unsourced else
                f"{distinct} groups ({distinct - unsourced} source{'s' if distinct - unsourced != 1 else ''} and "
                f"{unsourced} article{'s' if unsourced != 1 else ''} with none, each its own)")
        found.append(f"only {what}: the cross-validation holds out whole "
                     f"sources, so it measured the model on {distinct} outlet{'s' if distinct != 1 else ''} it had not "
                     f"seen (at least {MIN_CV_GROUPS} are needed for its {CV_FOLDS} folds)")
    # A label of one source leaves no fitted fold with both labels: the AUC is None, which `train`
    # says itself ("n/a ... give each label two or more sources").
    if cv.roc_auc is not None and cv.fitted < cv.folds:
        found.append(f"{cv.folds - cv.fitted} of {cv.folds} cross-validation folds could not be fitted (their "
                     "training sources held one class only)")
    return found
