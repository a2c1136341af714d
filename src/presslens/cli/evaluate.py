"""``presslens eval``: the extractors measured against annotated data, dev and test (and the
frozen blind sets) side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from presslens.cli.common import (
    EXIT_FAILURE,
    FramingMinConfidenceOption,
    SplitOption,
    command_settings,
    err,
    framing_threshold,
    guarded,
    out,
)
from presslens.errors import UsageError

if TYPE_CHECKING:
    from presslens.eval.scoring import PRF

eval_app = typer.Typer(
    help="Measure the extractors against annotated data and print precision, recall and F1.",
    no_args_is_help=True,
)

# Set by ``--markdown`` on the group: tables come out as GitHub Markdown, for the docs.
_MARKDOWN = {"on": False}


@eval_app.callback()
def eval_options(markdown: Annotated[bool, typer.Option(
        "--markdown", help="Print the tables as Markdown (as the docs hold them).")] = False,
                 ) -> None:
    """Measure the extractors against annotated data and print precision, recall and F1."""
    _MARKDOWN["on"] = markdown


def markdown_table(table: Table) -> str:
    """A rich table as a GitHub Markdown table, its title as a bold line above it.

    >>> table = Table(title="Scores")
    >>> table.add_column("Measure"); table.add_column("F1", justify="right")
    >>> table.add_row("[bold]spans[/bold]", "0.500")
    >>> print(markdown_table(table))
    **Scores**
    <BLANKLINE>
    | Measure | F1 |
    |---|---:|
    | spans | 0.500 |
    """
    def plain(value: object) -> str:
        text = value.plain if isinstance(value, Text) else Text.from_markup(str(value)).plain
        return " ".join(text.split()).replace("|", "\\|")

    header = [plain(column.header) for column in table.columns]
    rules = ["---:" if column.justify == "right" else "---" for column in table.columns]
    cells = [[plain(cell) for cell in column.cells] for column in table.columns]
    lines = [f"**{plain(table.title)}**", ""] if table.title else []
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join(rules) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in zip(*cells, strict=True)]
    return "\n".join(lines)


def show(table: Table) -> None:
    """Print a result table: as rich draws it, or as Markdown under ``--markdown``."""
    if _MARKDOWN["on"]:
        out.print(markdown_table(table), markup=False, highlight=False)
        out.print()
    else:
        out.print(table)


def write_errors(path: Path | None, errors: list[dict]) -> None:
    """An evaluation's errors, one JSON object per line, for inspection."""
    if path is not None:
        with path.open("w", encoding="utf-8") as handle:
            for error in errors:
                handle.write(json.dumps(error, ensure_ascii=False) + "\n")


def report_unscored(missing: list[str], stale: list[str]) -> None:
    """Annotated documents an evaluation could not score, and why."""
    for ref in missing:
        err.print(f"[yellow]skipped[/yellow] {escape(ref)}: source not on this machine")
    for ref in stale:
        err.print(f"[red]stale[/red] {escape(ref)}: the cleaned text changed since it "
                  "was annotated")


@eval_app.command("entities")
@guarded
def eval_entities_command(
    gold: Annotated[Path | None, typer.Option(
        "--gold", help="Gold annotations (default: tests/data/entities/gold.jsonl).")] = None,
    split: SplitOption = "all",
) -> int:
    """Entity mentions (strict and span-only) and actor grouping (B-cubed) against gold.

    Examples:

      presslens eval entities

      presslens eval entities --split test

      presslens eval entities --split blind    # the frozen blind set and the two samples
    """
    from presslens.eval.entities import (
        DEFAULT_GOLD,
        evaluate_entities,
        hard_negatives_for,
        load_gold,
    )

    records = load_gold(gold or DEFAULT_GOLD, split)
    scores = evaluate_entities(records,
                               hard_negatives=hard_negatives_for(gold or DEFAULT_GOLD, split))
    table = Table(title=f"Entities: {scores.documents} documents ({split})",
                  title_justify="left")
    for column in ("Measure", "Precision", "Recall", "F1", "Gold"):
        table.add_column(column, justify="left" if column == "Measure" else "right")
    table.add_row("mentions, strict", *scores.strict.row(), str(scores.strict.gold))
    table.add_row("mentions, span", *scores.span.row(), str(scores.span.gold))
    table.add_row("actors, B-cubed", *scores.actors.row(), str(scores.actors.gold))
    table.add_row("actors, MUC", *scores.muc.row(), "")
    table.add_row("actors, CEAF-e", *scores.ceaf_e.row(), "")
    table.add_row("actors, CoNLL F1", "", "", f"{scores.conll_f1:.3f}", "")
    table.add_section()
    for entity_type, score in scores.by_type.items():
        table.add_row(f"  {entity_type}", *score.row(), str(score.gold))
    show(table)
    out.print(f"wrong merges: {len(scores.wrong_merges)} entities hold more than one "
              f"gold actor; hard negatives merged: {len(scores.hard_negatives_merged)} "
              f"of {scores.hard_negatives}; capitals standing for governments resolved: "
              f"{scores.metonyms_resolved} of {scores.metonyms}")
    # The blind set's errors are not listed: it confirms figures, it is not worked on.
    for actors in scores.wrong_merges if split != "blind" else []:
        out.print(f"  merged: {escape(' + '.join(actors))}")
    for a, b in scores.hard_negatives_merged if split != "blind" else []:
        out.print(f"  [red]hard negative merged[/red]: {escape(a)} + {escape(b)}")
    report_unscored(scores.missing, scores.stale)
    return EXIT_FAILURE if scores.stale else 0


@eval_app.command("quotes")
@guarded
def eval_quotes_command(
    gold: Annotated[Path | None, typer.Option(
        "--gold", help="Gold annotations (default: tests/data/quotes/gold.jsonl).")] = None,
    split: SplitOption = "all",
    polnear: Annotated[str, typer.Option(
        "--polnear", help="PolNeAR part to score too (dev or train), or 'none'.")] = "dev",
    peer: Annotated[bool, typer.Option(
        "--peer/--no-peer", help="Also score textacy's direct-quotation extractor.")] = False,
) -> int:
    """Quotes and speakers against the team's annotations, and PolNeAR speech attributions.

    Examples:

      presslens eval quotes

      presslens eval quotes --split test --polnear none --peer
    """
    from presslens.eval.quotes import (
        evaluate_polnear,
        evaluate_quotes,
        load_gold,
        quote_gold_parts,
        reliability,
    )

    extractors = ["presslens", "textacy"] if peer else ["presslens"]

    if peer:
        try:
            import textacy  # noqa: F401
        except ImportError:
            raise UsageError("--peer compares with textacy, one of the test tools: "
                             "install them with `bash scripts/setup.sh --test`") from None
    parts = quote_gold_parts(split, gold)
    columns = [(part, name) for part, _ in parts for name in extractors]
    scores = {}
    for part, path in parts:
        records = load_gold(path, part)
        for name in extractors:
            scores[(part, name)] = evaluate_quotes(records, extractor=name)
    table = Table(title="Quotes: " + ", ".join(
        f"{part} {scores[(part, 'presslens')].documents} articles, "
        f"{scores[(part, 'presslens')].content.gold} quotes" for part, _ in parts),
        title_justify="left")
    table.add_column("Measure")
    for part, name in columns:
        table.add_column(f"{part} {name if peer else ''} P / R / F1".replace("  ", " "),
                         justify="right")
    picked = [scores[c] for c in columns]

    def add_row(label: str, cells: list[PRF | None]) -> None:
        table.add_row(label, *(" / ".join(cell.row()) if cell else "—" for cell in cells))

    add_row("quote (content)", [sc.content for sc in picked])
    add_row("quote + speaker", [sc.with_speaker for sc in picked])
    for kind in ("direct", "indirect", "mixed"):
        add_row(f"  {kind}, + speaker", [sc.by_kind[kind] for sc in picked])
    first = scores[(parts[0][0], "presslens")]
    add_row(f"quote + speaker, confidence >= {first.threshold:.2f}",
            [sc.shown for sc in picked])
    for label in dict.fromkeys(label for sc in scores.values() for label in sc.fields):
        add_row(f"  matched: {label}", [sc.fields.get(label) for sc in picked])
    show(table)
    calibration = Table(title="Quote confidence: quotes (fraction right) by band",
                        title_justify="left")
    calibration.add_column("Confidence")
    for part, _ in parts:
        calibration.add_column(part, justify="right")
    bands = {part: reliability(scores[(part, "presslens")].judged) for part, _ in parts}
    for position, (band, _, _) in enumerate(bands[parts[0][0]]):
        calibration.add_row(band, *(f"{bands[p][position][1]} ({bands[p][position][2]:.3f})"
                                    for p, _ in parts))
    show(calibration)
    for part, _ in parts:
        report_unscored(scores[(part, "presslens")].missing,
                         scores[(part, "presslens")].stale)
    if polnear != "none":
        results = {name: evaluate_polnear(polnear, extractor=name) for name in extractors}
        if results["presslens"] is None:
            err.print("[yellow]skipped[/yellow] PolNeAR: ../shared/data/quotes is absent")
        else:
            pn = results["presslens"]
            table = Table(title=f"PolNeAR {polnear}: {pn.relations} speech attributions "
                          f"in {pn.documents} articles", title_justify="left")
            table.add_column("Measure")
            for name in extractors:
                table.add_column(f"{name} P / R / F1", justify="right")
            for label, attribute in (("content", "content"), ("content + source", "source"),
                                     ("content + cue", "cue")):
                table.add_row(label, *(" / ".join(getattr(results[n], attribute).row())
                                       for n in extractors))
            show(table)
    return EXIT_FAILURE if any(scores[(p, "presslens")].stale for p, _ in parts) else 0


@eval_app.command("dates")
@guarded
def eval_dates_command(
    split: SplitOption = "all",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every wrong or undated document here as JSON lines.")] = None,
    dateline_day: Annotated[bool, typer.Option(
        "--dateline-day", help="Give each text a dateline with its true month and day but no "
        "year (\"WASHINGTON, Dec. 2 –\"), and measure how often the year is found.")] = False,
) -> int:
    """Publication dates inferred from the text, with the true date hidden.

    Wikinews articles (2019: dev, 2020: test), the TimeML documents and PolNeAR's articles
    (train: dev, dev: test): how many texts bound their date at all, how often the window
    they allow holds the true date, how many are narrow enough (a year at most) for a date
    to be chosen, and how close that date is.

    Examples:

      presslens eval dates --split dev

      presslens eval dates --split dev --dateline-day
    """
    from presslens.eval.publication_dates import (
        CLOSE_DAYS,
        evaluate_publication_dates,
        polnear_texts,
        timeml_texts,
        wikinews_texts,
    )

    given = ", a dateline with month and day given" if dateline_day else ""
    table = Table(title=f"Publication dates inferred with the true date hidden ({split}{given})",
                  title_justify="left")
    for column in ("Documents", "Texts", "Date line right", "Windowed", "Window holds",
                   "Dated", "Exact day", f"Within {CLOSE_DAYS} days"):
        table.add_column(column, justify="left" if column == "Documents" else "right")
    misses: list[dict] = []
    for name, texts in (("Wikinews", wikinews_texts(split)),
                        ("TimeML", timeml_texts(split)),
                        ("PolNeAR", polnear_texts(split))):
        if not texts:
            err.print(f"[yellow]skipped[/yellow] {name}: not on this machine")
            continue
        scores = evaluate_publication_dates(texts, dateline_day=dateline_day)
        windowed, dated = max(scores.windowed, 1), max(scores.dated, 1)
        table.add_row(name, str(scores.documents),
                      f"{scores.date_lines_right}/{scores.date_lines}", str(scores.windowed),
                      f"{scores.window_holds / windowed:.3f}", str(scores.dated),
                      f"{scores.exact / dated:.3f}", f"{scores.close / dated:.3f}")
        misses += scores.misses
    show(table)
    out.print("A date line above the body is checked, then hidden from the inference. "
              "Window holds is a share of the windowed texts (those whose text bounds the "
              "date at least on one side); exact and close are shares of the dated ones "
              "(a window of a year at most, or closed by a date line at the end).")
    write_errors(errors, misses)
    return 0


@eval_app.command("time")
@guarded
def eval_time_command(
    split: SplitOption = "all",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every miss, spurious and wrong value here as JSON lines.")
    ] = None,
) -> int:
    """Time expressions against TimeML (TempEval-3 TBAQ-cleaned, 256 news documents).

    Prints TempEval-3 figures: strict and relaxed extraction, type and value accuracy over
    relaxed matches, value F1, per type, and spurious expressions per 10,000 words.

    Examples:

      presslens eval time

      presslens eval time --split test --errors time-errors.jsonl
    """
    from presslens.eval.time import evaluate_time, load_timeml, timeml_dir

    folder = timeml_dir()
    if folder is None:
        err.print("[yellow]skipped[/yellow] ../shared/data/timeml/tbaq-cleaned is absent")
        return 0
    documents = load_timeml(folder, split)
    scores = evaluate_time(documents)
    table = Table(title=f"Time expressions: {scores.documents} TimeML documents ({split}), "
                  f"{scores.relaxed.gold} TIMEX3", title_justify="left")
    for column in ("Measure", "Precision", "Recall", "F1"):
        table.add_column(column, justify="left" if column == "Measure" else "right")
    table.add_row("extent, strict", *scores.strict.row())
    table.add_row("extent, relaxed", *scores.relaxed.row())
    table.add_row("value F1", "", "", f"{scores.value_f1:.3f}")
    table.add_section()
    for timex_type, (score, value_accuracy) in scores.per_type.items():
        table.add_row(f"  {timex_type} ({score.gold}), value acc. {value_accuracy:.3f}",
                      *score.row())
    show(table)
    out.print(f"type accuracy {scores.type_accuracy:.3f} · value accuracy "
              f"{scores.value_accuracy:.3f} · spurious per 10,000 words "
              f"{scores.false_positives_per_10k_words:.1f}")
    write_errors(errors, scores.errors)
    return 0


@eval_app.command("events")
@guarded
def eval_events_command(
    split: SplitOption = "test",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write every wrongly typed sentence here as JSON lines.")] = None,
) -> int:
    """PLOVER event coding on the public PLOVER sentences: type accuracy and macro-F1 given
    the marked actor and target, and end-to-end triple accuracy; then precision on the
    team's annotated articles.

    Examples:

      presslens eval events

      presslens eval events --split dev --errors event-errors.jsonl
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.events import DEFAULT_GOLD as ARTICLES_GOLD
    from presslens.eval.events import (
        evaluate_annotated,
        evaluate_events,
        events_dir,
        load_coded_sentences,
    )

    folder = events_dir()
    if folder is None:
        err.print("[yellow]skipped[/yellow] ../shared/data/events is absent")
        return 0
    scores = evaluate_events(load_coded_sentences(folder, split))
    table = Table(title=f"Events: {scores.sentences} PLOVER sentences ({split})",
                  title_justify="left")
    for column in ("Measure", "Value"):
        table.add_column(column, justify="left" if column == "Measure" else "right")
    table.add_row("type accuracy (marks given)", f"{scores.type_accuracy:.3f}")
    table.add_row("type macro-F1 (marks given)", f"{scores.macro_f1:.3f}")
    table.add_row("triple accuracy (end to end)", f"{scores.triple_accuracy:.3f}")
    for corpus, (count, type_accuracy, triple) in scores.by_corpus.items():
        table.add_row(f"  {corpus} ({count}): type / triple",
                      f"{type_accuracy:.3f} / {triple:.3f}")
    table.add_section()
    for label, (precision, recall, f1, gold) in scores.per_type.items():
        table.add_row(f"  {label} ({gold}) P / R / F1",
                      f"{precision:.2f} / {recall:.2f} / {f1:.2f}")
    show(table)
    write_errors(errors, scores.errors)
    annotated = evaluate_annotated(load_annotations(ARTICLES_GOLD, split))
    table = Table(title=f"Events in {annotated.documents} annotated articles ({split}), "
                  f"{annotated.events.gold} events", title_justify="left")
    for column in ("Measure", "Precision", "Recall", "F1"):
        table.add_column(column, justify="left" if column == "Measure" else "right")
    table.add_row("event (sentence and type)", *annotated.events.row())
    table.add_row("event + actor", *annotated.with_actor.row())
    table.add_row("ASSAULT events", *annotated.attacks.row())
    show(table)
    report_unscored(annotated.missing, annotated.stale)
    show(event_trust_table())
    return 0


def event_trust_table() -> Table:
    """Events judged whole (type, actor and target right) on every annotated split, and how
    far their confidence can be trusted."""
    from presslens.eval.events import judged_splits, trust_rows
    from presslens.event_confidence import default_min_confidence

    splits = judged_splits()
    table = Table(title="Events judged whole: type, actor and target", title_justify="left")
    table.add_column("Measure", justify="left")
    for split in splits:
        table.add_column(split, justify="right")
    for row in trust_rows(splits, default_min_confidence()):
        table.add_row(*row)
    return table


@eval_app.command("framing")
@guarded
def eval_framing_command(
    split: SplitOption = "test",
    blind: Annotated[bool, typer.Option(
        "--blind", help="Also score the frozen blind set (tests/data/blind/framing).")] = False,
    min_confidence: FramingMinConfidenceOption = None,
) -> int:
    """Framing: persuasion-technique spans and techniques on held-out articles of the
    Propaganda Techniques Corpus, scare quotes, weasel attributions and unattributed
    claims on the team's annotated articles, and the outlet-voice figures: precision of
    the flags shown (from the calibrated threshold), label recall, and flags per 1,000
    words of neutral Wikinews reports.

    Examples:

      presslens eval framing

      presslens eval framing --split dev

      presslens eval framing --blind
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.framing import (
        BOOTSTRAP_ROUNDS,
        LABELS_GOLD,
        evaluate_labelled_actors,
        evaluate_ptc,
        load_ptc,
        ptc_dir,
    )
    from presslens.eval.framing import DEFAULT_GOLD as FRAMING_GOLD
    from presslens.eval.framing import evaluate_annotated as evaluate_framing_articles

    folder = ptc_dir()
    if folder is None:
        err.print("[yellow]skipped[/yellow] ../shared/data/framing is absent")
    else:
        scores = evaluate_ptc(load_ptc(folder, split))
        table = Table(title=f"Techniques: {scores.articles} PTC articles ({split})",
                      title_justify="left")
        for column in ("Measure", "Precision", "Recall", "F1"):
            table.add_column(column, justify="left" if column == "Measure" else "right")
        table.add_row("span identification (partial overlap)",
                      *scores.span_identification.row())
        table.add_row("technique on gold spans (micro-F1)", "", "",
                      f"{scores.technique_micro_f1:.3f}")
        table.add_section()
        for label, score in scores.per_technique.items():
            table.add_row(f"  {label} ({score.gold})", *score.row())
        show(table)
        low, high = scores.span_f1_interval
        out.print(f"span F1, 95% interval over the articles (bootstrap, "
                  f"{BOOTSTRAP_ROUNDS:,} resamples): {low:.3f} to {high:.3f}")
    annotated = evaluate_framing_articles(load_annotations(FRAMING_GOLD, split))
    table = Table(title=f"Framing in {annotated.documents} annotated articles ({split})",
                  title_justify="left")
    for column in ("Label", "Precision", "Recall", "F1", "Gold"):
        table.add_column(column, justify="left" if column == "Label" else "right")
    for label, score in annotated.per_label.items():
        table.add_row(label, *score.row(), str(score.gold))
    show(table)
    system_share, gold_share = annotated.claim_share
    out.print(f"unattributed share of claim sentences: presslens {system_share:.2f}, "
              f"annotators {gold_share:.2f}")
    report_unscored(annotated.missing, annotated.stale)
    labels = evaluate_labelled_actors(load_annotations(LABELS_GOLD, split))
    attachment, counts = labels.attachment, labels.counts
    out.print(f"actor a label is applied to, in {labels.documents} annotated articles: "
              f"precision {attachment.precision:.3f}, recall {attachment.recall:.3f}, "
              f"F1 {attachment.f1:.3f} ({counts['found']} of {counts['gold']} gold "
              f"labels found, {counts['named']} given an actor, {counts['right']} the "
              "right one)")
    on_gold, label_records = counts["label_records_on_gold"], counts["label_records"]
    out.print(f"actor_label records on a gold label: {on_gold} of {label_records} "
              f"(precision {on_gold / label_records if label_records else 0.0:.3f})")
    report_unscored(labels.missing, labels.stale)
    from presslens.eval.outlet_voice import outlet_voice_lines

    threshold = framing_threshold(command_settings(min_confidence=min_confidence))
    for line in outlet_voice_lines(split, threshold, blind=blind):
        out.print(escape(line))
    return 0


@eval_app.command("stories")
@guarded
def eval_stories_command(
    small: Annotated[bool, typer.Option(
        "--small", help="The small first set (demo corpus and Wikinews, dev and test) "
        "instead of the weeks set.")] = False,
) -> int:
    """Grouping articles into stories against labelled stories (B-cubed), presslens beside
    two plain baselines (TF-IDF and MiniLM embeddings, average linkage) on the same articles:
    the weeks set's dev half and its frozen blind half.

    Examples:

      presslens eval stories

      presslens eval stories --small
    """
    from presslens.eval.documents import load_annotations
    from presslens.eval.stories import (
        BLIND_GOLD,
        DEFAULT_GOLD,
        DEV_GOLD,
        METHODS,
        evaluate_stories,
    )

    sets = ([("dev", DEFAULT_GOLD, "dev"), ("test", DEFAULT_GOLD, "test")] if small
            else [("dev", DEV_GOLD, "all"), ("blind", BLIND_GOLD, "all")])

    scores = {name: evaluate_stories(load_annotations(path, split), methods=METHODS)
              for name, path, split in sets}
    table = Table(title="Stories, B-cubed: " + "; ".join(
        f"{name} {s.articles} articles in {s.stories} stories"
        for name, s in scores.items()), title_justify="left")
    for column in ("Method", "Set", "Precision", "Recall", "F1", "Stories found"):
        table.add_column(column, justify="left" if column in ("Method", "Set")
                         else "right")
    for method in METHODS:
        for name, s in scores.items():
            found, prf = s.by_method[method]
            table.add_row(method, name, *prf.row(), str(found))
        table.add_section()
    show(table)
    for s in scores.values():
        report_unscored(s.missing, s.stale)
    return 0
