"""The accusations extractor: acts of accusing, denying and condemning in one article.

Runs after the mention and quote extractors and reuses their rows: actor IDs come from
``found["mentions"]`` (so accusations and mentions agree), speakers from ``found["quotes"]``
(an accusation inside a quote, or one whose subject the sentence drops, is the speaker's).

One row per distinct (kind, accuser, accused, negated) in the article, as the annotation
guideline counts them: the first occurrence is kept (title first, then body order) and
``n_occurrences`` says how often the article repeats it. Negated acts (لم يتهم) are kept,
flagged ``negated=True``, so users can drop them; they are rare."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..records import Article
from .roles import Group, Mention, Roles, Sentence, actor_of, find_roles, role
from .text import fold, sentences, tokenize
from .triggers import TriggerMatch, find_triggers

MAX_CLAIM = 300  # characters of claim text kept


@dataclass
class Quote:
    quote_id: str
    start: int  # offsets into the unit
    end: int
    speaker: str | None
    speaker_actor_id: str | None
    verb: str | None


@dataclass
class Act:
    kind: str
    cameo: str
    trigger: str
    trigger_start: int
    trigger_end: int
    in_title: bool
    paragraph: int | None
    sentence: str
    accuser: str | None = None
    accuser_actor_id: str | None = None
    accused: str | None = None
    accused_actor_id: str | None = None
    claim: str | None = None
    negated: bool = False
    quote_id: str | None = None
    answers: "Act | None" = None
    anaphoric: bool = False  # a denial of "these claims": answers the latest accusation
    n_occurrences: int = 1
    accusation_id: str | None = field(default=None)


def load_parents(config: dict[str, Any] | None = None) -> dict[str, str | None]:
    """actor_id → affiliation, from the actor catalogue (package file plus user files).

    Used only to tell apposition (الرئيس التركي رجب طيب اردوغان: TUR above ERDOGAN) from two
    actors in a row (اتهمت روسيا الولايات المتحدة); without a catalogue every actor stands alone."""
    extra = list((config or {}).get("actors_files", []) or [])
    try:
        from ..actors.catalogue import load_catalogue

        return {a.actor_id: a.affiliation for a in load_catalogue(extra).actors}
    except Exception:  # catalogue missing or broken: the mention extractor reports that
        pass
    parents: dict[str, str | None] = {}
    path = resources.files("syrianews").joinpath("data", "actors.csv")
    if path.is_file():
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("actor_id"):
                    parents[row["actor_id"].strip()] = (row.get("affiliation") or "").strip() or None
    return parents


class AccusationExtractor:
    """Fills the ``accusations`` table from an article and its mention and quote rows."""

    name = "accusations"
    tables = ("accusations",)

    def __init__(self, config: dict[str, Any] | None = None, parents: dict[str, str | None] | None = None):
        self.parents = parents if parents is not None else load_parents(config)

    # -- public ------------------------------------------------------------------------
    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        mentions = found.get("mentions", []) or []
        quotes = found.get("quotes", []) or []
        acts: list[Act] = []
        if article.title:
            title_mentions = [_mention(m, 0) for m in mentions if m.get("in_title")]
            self._unit(article.title, True, None, 0, title_mentions, [], acts)
        starts = article.paragraph_starts()
        body_mentions = [m for m in mentions if not m.get("in_title")]
        for k, (para, base) in enumerate(zip(article.paragraphs, starts)):
            end = base + len(para)
            ums = [_mention(m, base) for m in body_mentions if base <= m["start"] and m["end"] <= end]
            uqs = [
                Quote(q["quote_id"], max(q["start"], base) - base, min(q["end"], end) - base, q.get("speaker"),
                      q.get("speaker_actor_id"), q.get("verb"))
                for q in quotes
                if q.get("start") is not None and q["start"] < end and q["end"] > base
            ]
            self._unit(para, False, k, base, ums, uqs, acts)
        self._link_denials(acts)
        return {"accusations": self._rows(article.article_id, acts)}

    # -- one title or paragraph --------------------------------------------------------
    def _unit(self, text: str, in_title: bool, paragraph: int | None, base: int,
              mentions: list[Mention], quotes: list[Quote], acts: list[Act]) -> None:
        prev_span: tuple[int, int] | None = None
        for ss, se in sentences(text):
            tokens = tokenize(text, ss, se)
            trigs = find_triggers(tokens)
            span, prev_span = prev_span, (ss, se)
            if not trigs:
                continue
            prev_subject = self._subject_of(text, span, mentions) if span else None
            sent = Sentence(text, tokens, [m for m in mentions if m.start < se and m.end > ss], self.parents)
            carried: Group | None = None
            in_sentence: list[Act] = []
            denied_at: dict[int, Act] = {}  # token index of a denial's object → the denial
            for n, trig in enumerate(trigs):
                nxt = trigs[n + 1].index if n + 1 < len(trigs) else None
                roles = find_roles(sent, trig, nxt)
                if roles.skip:
                    continue
                if roles.subject_only:
                    carried = roles.accuser
                    continue
                new = self._act(sent, trig, roles, text, ss, se, in_title, paragraph, base, quotes, carried, in_sentence, acts,
                                prev_subject)
                carried = None
                if trig.entry.kind == "deny" and roles.object_first is not None:
                    denied_at[roles.object_first] = new[0]
                elif trig.entry.pos == "masdar" and trig.index in denied_at:
                    _denied_accusation(new[0], denied_at[trig.index])
                in_sentence.extend(new)
                acts.extend(new)

    def _act(self, sent: Sentence, trig: TriggerMatch, roles: Roles, text: str, ss: int, se: int,
             in_title: bool, paragraph: int | None, base: int, quotes: list[Quote], carried: Group | None,
             in_sentence: list[Act], acts: list[Act], prev_subject: tuple | None = None) -> list[Act]:
        tok = sent.tokens[trig.index]
        e = trig.entry
        act = Act(e.kind, e.cameo, tok.text, base + tok.start, base + tok.end, in_title, paragraph,
                  text[ss:se].strip(), negated=roles.negated)
        quote = next((q for q in quotes if q.start <= tok.start < q.end), None)
        if quote is not None:
            act.quote_id = quote.quote_id

        # accuser
        if roles.accuser is not None:
            act.accuser, act.accuser_actor_id = sent.surface(roles.accuser), actor_of(roles.accuser, self.parents)
        elif roles.accuser_pronoun:
            g = _last_actor_group(sent, trig.index)
            if g is not None:
                act.accuser, act.accuser_actor_id = sent.surface(g), actor_of(g, self.parents)
        elif roles.subject_dropped:
            self._dropped_subject(act, sent, trig, quote, quotes, carried, in_sentence, acts, prev_subject)

        # accused
        if e.kind == "deny":
            self._denied(act, sent, roles)
        out = [act]
        if e.kind != "deny" and roles.accused:
            g = roles.accused[0]
            act.accused, act.accused_actor_id = sent.surface(g), actor_of(g, self.parents)
            for g2 in roles.accused[1:]:  # حزب العمال وتنظيم الدولة: one act per coordinated accused
                twin = Act(**{**act.__dict__})
                twin.accused, twin.accused_actor_id = sent.surface(g2), actor_of(g2, self.parents)
                out.append(twin)
        for a in out:
            self._finish(a, sent, roles, text, se)
        return out

    def _finish(self, act: Act, sent: Sentence, roles: Roles, text: str, se: int) -> None:
        if act.accused_actor_id and act.accused_actor_id == act.accuser_actor_id:
            act.accused_actor_id = None  # an actor accusing itself is a chunking slip, not data
        if roles.claim_index is not None and roles.claim_index < len(sent.tokens):
            t = sent.tokens[roles.claim_index]
            start = t.start
            if role(t) == "that" and t.key in ("ان", "بان") and roles.claim_index + 1 < len(sent.tokens):
                start = sent.tokens[roles.claim_index + 1].start
            claim = text[start:se].strip().rstrip(".")
            act.claim = claim[:MAX_CLAIM] or None

    def _dropped_subject(self, act: Act, sent: Sentence, trig: TriggerMatch, quote: Quote | None,
                         quotes: list[Quote], carried: Group | None, in_sentence: list[Act], acts: list[Act],
                         prev_subject: tuple | None) -> None:
        """A subject the clause leaves out: the enclosing quote's speaker, the repeated verb's
        subject, the sentence's earlier accuser, the sentence's first actor, the quote this verb
        introduces, the paragraph's last accuser, the last speaker before it, the previous
        sentence's subject."""
        if quote is not None and (quote.speaker or quote.speaker_actor_id):
            act.accuser, act.accuser_actor_id = quote.speaker, quote.speaker_actor_id
            return
        if carried is not None:
            act.accuser, act.accuser_actor_id = sent.surface(carried), actor_of(carried, self.parents)
            return
        prev = next((a for a in reversed(in_sentence) if a.accuser or a.accuser_actor_id), None)
        if prev is not None:
            act.accuser, act.accuser_actor_id = prev.accuser, prev.accuser_actor_id
            return
        g = _first_actor_group(sent, trig.index)
        if g is not None:
            act.accuser, act.accuser_actor_id = sent.surface(g), actor_of(g, self.parents)
            return
        tok = sent.tokens[trig.index]
        own = next((q for q in quotes if q.verb and fold(q.verb) == tok.key and q.start > tok.start), None)
        if own is not None and (own.speaker or own.speaker_actor_id):
            act.accuser, act.accuser_actor_id = own.speaker, own.speaker_actor_id
            return
        prev = next((a for a in reversed(acts) if a.paragraph == act.paragraph and a.in_title == act.in_title
                     and (a.accuser or a.accuser_actor_id)), None)
        if prev is not None:
            act.accuser, act.accuser_actor_id = prev.accuser, prev.accuser_actor_id
            return
        before = [q for q in quotes if q.end <= tok.start and (q.speaker or q.speaker_actor_id)]
        if before:
            act.accuser, act.accuser_actor_id = before[-1].speaker, before[-1].speaker_actor_id
            return
        if prev_subject is not None:
            act.accuser, act.accuser_actor_id = prev_subject

    def _subject_of(self, text: str, span: tuple[int, int], mentions: list[Mention]) -> tuple | None:
        """(surface, actor) of a sentence's first actor outside a prepositional phrase."""
        ss, se = span
        ms = [m for m in mentions if m.start < se and m.end > ss]
        if not ms:
            return None
        tokens = tokenize(text, ss, se)
        sent = Sentence(text, tokens, ms, self.parents)
        g = _first_actor_group(sent, len(tokens))
        return (sent.surface(g), actor_of(g, self.parents)) if g is not None else None

    def _denied(self, act: Act, sent: Sentence, roles: Roles) -> None:
        """Whose claim is denied: اتهامات X / مزاعم X / ما تردده X name it; هذه المعلومات points
        back to the latest accusation (resolved in :meth:`_link_denials`)."""
        i = roles.object_first
        if i is None:
            if roles.accused:
                g = roles.accused[0]
                act.accused, act.accused_actor_id = sent.surface(g), actor_of(g, self.parents)
            return
        toks = sent.tokens
        t = toks[i]
        r = role(t)
        key = t.key[1:] if t.key[:1] in ("و", "ف") and len(t.key) > 3 else t.key
        bare = key[2:] if key.startswith("ال") else key
        if r == "demonstrative":
            act.anaphoric = True
            return
        holder_from = None
        if bare in _claim_nouns() or any(bare.startswith(c) for c in _claim_nouns()):
            if bare in _claim_nouns():
                holder_from = i + 1
            else:
                act.anaphoric = True  # اتهاماتها: a pronoun names the claimant
                return
        elif key == "ما":
            holder_from = i + 2
        if holder_from is None:
            return
        for g in sent.groups(holder_from, min(len(toks), holder_from + 3)):
            if g.prep:
                break
            if g.demonstrative:
                act.anaphoric = True
                return
            if g.has_actor():
                act.accused, act.accused_actor_id = sent.surface(g), actor_of(g, self.parents)
                return
        if key.startswith("ال"):
            act.anaphoric = True  # نفى الاتهامات: the accusations just reported

    def _link_denials(self, acts: list[Act]) -> None:
        """A denial answers the latest earlier accusation when it points back to it, or when the
        denier is the one that accusation accused; its accused is then that accuser."""
        for k, act in enumerate(acts):
            if act.kind != "deny" or act.accused_actor_id:
                continue
            earlier = [a for a in acts[:k] if a.kind == "accuse" and not a.negated]
            target = None
            if act.anaphoric and earlier:
                target = earlier[-1]
            elif act.accuser_actor_id:
                target = next((a for a in reversed(earlier) if a.accused_actor_id and
                               a.accused_actor_id in _chain(act.accuser_actor_id, self.parents)), None)
            if target is not None:
                act.answers = target
                act.accused, act.accused_actor_id = target.accuser, target.accuser_actor_id
                if act.accused_actor_id == act.accuser_actor_id:
                    act.accused_actor_id = None

    # -- rows --------------------------------------------------------------------------
    def _rows(self, article_id: str, acts: list[Act]) -> list[dict]:
        kept: dict[tuple, Act] = {}
        order: list[Act] = []
        for a in acts:
            key = (a.kind, a.accuser_actor_id or _key(a.accuser), a.accused_actor_id or _key(a.accused), a.negated)
            if key in kept:
                kept[key].n_occurrences += 1
                if a.answers is not None and kept[key].answers is None:
                    kept[key].answers = a.answers
                continue
            kept[key] = a
            order.append(a)
        for n, a in enumerate(order, 1):
            a.accusation_id = f"{article_id}-a{n:03d}"
        rows = []
        for a in order:
            answers = a.answers
            while answers is not None and answers.accusation_id is None:  # a merged duplicate
                answers = next((b for b in order if b.kind == answers.kind and b.accuser_actor_id == answers.accuser_actor_id
                                and b.accused_actor_id == answers.accused_actor_id), None)
            rows.append({
                "accusation_id": a.accusation_id,
                "article_id": article_id,
                "kind": a.kind,
                "cameo": a.cameo,
                "accuser": a.accuser,
                "accuser_actor_id": a.accuser_actor_id,
                "accused": a.accused,
                "accused_actor_id": a.accused_actor_id,
                "trigger": a.trigger,
                "trigger_start": a.trigger_start,
                "trigger_end": a.trigger_end,
                "in_title": a.in_title,
                "claim": a.claim,
                "sentence": a.sentence,
                "paragraph": a.paragraph,
                "negated": a.negated,
                "quote_id": a.quote_id,
                "answers_accusation_id": answers.accusation_id if answers is not None else None,
                "n_occurrences": a.n_occurrences,
            })
        return rows


def _denied_accusation(acc: Act, denial: Act) -> None:
    """نفت موسكو اتهامات واشنطن: the genitive after the masdar is the accuser, the denier is the
    accused, and the denial answers this accusation."""
    if acc.accuser is None and acc.accuser_actor_id is None:
        acc.accuser, acc.accuser_actor_id = acc.accused, acc.accused_actor_id
    acc.accused, acc.accused_actor_id = denial.accuser, denial.accuser_actor_id
    if acc.accused_actor_id == acc.accuser_actor_id:
        acc.accused_actor_id = None
    denial.answers = acc


def _mention(row: dict, base: int) -> Mention:
    return Mention(row["actor_id"], row["start"] - base, row["end"] - base, row.get("surface") or "")


def _key(surface: str | None) -> str | None:
    return " ".join(fold(surface).split()) if surface else None


def _chain(actor: str, parents: dict[str, str | None]) -> list[str]:
    from .roles import chain
    return chain(actor, parents)


def _claim_nouns() -> set[str]:
    from .roles import cues
    return {k for k, v in cues().items() if v == "claim_noun"}


def _last_actor_group(sent: Sentence, i: int) -> Group | None:
    """The nearest actor named before token ``i`` outside a prepositional phrase (اتهامها: her)."""
    gs = [g for g in sent.groups(0, i, across=True) if g.has_actor() and not g.prep]
    return gs[-1] if gs else None


def _first_actor_group(sent: Sentence, i: int) -> Group | None:
    """The sentence's first actor outside a prepositional phrase, before token ``i`` (its subject)."""
    gs = [g for g in sent.groups(0, i, across=True) if g.has_actor() and not g.prep]
    return gs[0] if gs else None
