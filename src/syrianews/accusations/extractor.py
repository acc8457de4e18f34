"""The accusations extractor: acts of accusing, denying and condemning in one article.

Runs after the mention and quote extractors and reuses their rows: actor IDs come from
``found["mentions"]`` (so accusations and mentions agree), speakers from ``found["quotes"]``
(an accusation inside a quote, or one whose subject the sentence drops, is the speaker's).

One row per distinct (kind, accuser, accused, negated) in the article, as the annotation
guideline counts them: the first occurrence is kept (title first, then body order) and
``n_occurrences`` says how often the article repeats it. Negated acts (لم يتهم) are kept,
flagged ``negated=True``, so users can drop them; they are rare."""
from __future__ import annotations

from typing import Any, Callable

from ..document import Document
from ..records import Article
from . import anaphora
from .actorinfo import ActorInfo, load_actor_info
from .acts import Act, Quote, rows
from .chunks import Group, Mention, Sentence, actor_of, role
from .denials import denied_accusation, link_denials, resolve_denied
from .roles import Roles, find_roles
from .text import fold, sentences, tokenize
from .titles import person_for_title, titled_persons
from .triggers import TriggerMatch, find_triggers, may_carry_trigger, may_hold_trigger

MAX_CLAIM = 300  # characters of claim text kept
PREVIOUS_SENTENCES = 3  # how far back a dropped subject is looked for
TITLE_ORIGIN = -10**9  # article position of the title's offset 0: the title comes before the body


class AccusationExtractor:
    """Fills the ``accusations`` table from an article and its mention and quote rows."""

    name = "accusations"
    tables = ("accusations",)
    requires = ("mentions", "quotes")  # actor IDs from the mentions, speakers from the quotes
    assigns: tuple[str, ...] = ()

    def __init__(self, config: dict[str, Any] | None = None, info: ActorInfo | None = None):
        self.info = info if info is not None else load_actor_info(config)
        self.parents = self.info.parents
        self._doc: Document | None = None  # the article being read (its shared analysis)

    # -- public ------------------------------------------------------------------------
    def extract(self, article: Article | Document, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        doc = Document.of(article)
        article = doc.article
        mentions = (doc.mentions if doc.mentions is not None else found.get("mentions", [])) or []
        quotes = (doc.quotes if doc.quotes is not None else found.get("quotes", [])) or []
        self._doc = doc  # the units' sentences and chunks come from the shared analysis
        acts: list[Act] = []
        titled = titled_persons(article, mentions, self.info)
        real = [m for m in mentions if m.get("form") != "implied"]
        history = sorted(((m["start"] + (TITLE_ORIGIN if m.get("in_title") else 0), m["actor_id"]) for m in real),
                         key=lambda x: x[0])
        if article.title:
            title_mentions = [self._mention(m, 0) for m in mentions if m.get("in_title") and m.get("form") != "implied"]
            self._unit(article.title, True, None, 0, title_mentions, [], acts, titled, history, TITLE_ORIGIN)
        starts = doc.paragraph_starts
        body_mentions = [m for m in mentions if not m.get("in_title") and m.get("form") != "implied"]
        for k, (para, base) in enumerate(zip(article.paragraphs, starts)):
            end = base + len(para)
            ums = [self._mention(m, base) for m in body_mentions if base <= m["start"] and m["end"] <= end]
            uqs = [
                Quote(q["quote_id"], max(q["start"], base) - base, min(q["end"], end) - base, q.get("speaker"),
                      q.get("speaker_actor_id"), q.get("verb"))
                for q in quotes
                if q.get("start") is not None and q["start"] < end and q["end"] > base
            ]
            self._unit(para, False, k, base, ums, uqs, acts, titled, history, base)
        link_denials(acts, self.parents)
        return {"accusations": rows(article.article_id, acts, self.info)}

    def _mention(self, row: dict, base: int) -> Mention:
        """A mention row with offsets into its unit; ``implied`` parents are left out (the
        affiliation chain already holds them)."""
        surface = row.get("surface") or ""
        return Mention(row["actor_id"], row["start"] - base, row["end"] - base, surface, self.info.clitic(surface),
                       row.get("form") or "")

    # -- one title or paragraph --------------------------------------------------------
    def _unit(self, text: str, in_title: bool, paragraph: int | None, base: int,
              mentions: list[Mention], quotes: list[Quote], acts: list[Act], titled: dict,
              history: list[tuple[int, str]] | None = None, origin: int = 0) -> None:
        if not may_hold_trigger(text):
            return
        spans = self._doc.unit_sentences(text) if self._doc is not None else sentences(text)
        for n_sent, (ss, se) in enumerate(spans):
            if not may_carry_trigger(text, ss, se):
                continue  # no word of it can be a trigger: its chunks are not needed
            tokens = self._doc.unit_chunks(text, ss, se) if self._doc is not None else tokenize(text, ss, se)
            trigs = find_triggers(tokens)
            if not trigs:
                continue
            earlier = spans[max(0, n_sent - PREVIOUS_SENTENCES):n_sent]

            def prev_subject(earlier=earlier) -> tuple | None:  # computed only when needed
                return next(filter(None, (self._subject_of(text, sp, mentions, titled) for sp in reversed(earlier))), None)
            sent = Sentence(text, tokens, [m for m in mentions if m.start < se and m.end > ss], self.parents, titled,
                            history, origin, self.info.types)
            carried: Group | None = None
            in_sentence: list[Act] = []
            denied_at: dict[int, Act] = {}  # token index of a denial's object → the denial
            last: list[Act] = []  # the acts of the previous trigger
            for n, trig in enumerate(trigs):
                nxt = trigs[n + 1].index if n + 1 < len(trigs) else None
                coordinated = (n > 0 and bool(last) and _coordinated(trigs[n - 1], trig))
                roles = find_roles(sent, trig, nxt, coordinated)
                if roles.skip:
                    continue
                if roles.subject_only:
                    carried = roles.accuser
                    continue
                new = self._act(sent, trig, roles, text, ss, se, in_title, paragraph, base, quotes, carried, in_sentence, acts,
                                prev_subject)
                carried = None
                if coordinated:
                    new = _share_roles(last, new)
                last = new
                if trig.entry.kind == "deny" and roles.object_first is not None:
                    denied_at[roles.object_first] = new[0]
                elif trig.entry.pos == "masdar" and trig.index in denied_at:
                    denied_accusation(new[0], denied_at[trig.index])
                in_sentence.extend(new)
                acts.extend(new)

    def _act(self, sent: Sentence, trig: TriggerMatch, roles: Roles, text: str, ss: int, se: int,
             in_title: bool, paragraph: int | None, base: int, quotes: list[Quote], carried: Group | None,
             in_sentence: list[Act], acts: list[Act], prev_subject: Callable[[], tuple | None] | None = None) -> list[Act]:
        tok = sent.tokens[trig.index]
        e = trig.entry
        act = Act(e.kind, e.cameo, tok.text, base + tok.start, base + tok.end, in_title, paragraph,
                  text[ss:se].strip(), negated=roles.negated)
        quote = next((q for q in quotes if q.start <= tok.start < q.end), None)
        if quote is not None:
            act.quote_id = quote.quote_id

        # accused first: a fallback for a dropped subject must not pick the object
        if e.kind == "deny":
            resolve_denied(act, sent, roles, self._named)
        elif roles.accused:
            lead = next((g for g in roles.accused if g.has_actor()), roles.accused[0])
            act.accused, act.accused_actor_id = self._named(sent, lead)
            act.accused_from_claim = roles.accused_from_claim

        # accuser
        if roles.accuser is not None:
            act.accuser, act.accuser_actor_id = self._named(sent, roles.accuser)
        elif roles.accuser_pronoun:
            g = _last_actor_group(sent, trig.index)
            if g is not None:
                act.accuser, act.accuser_actor_id = self._named(sent, g)
        elif roles.subject_dropped:
            self._dropped_subject(act, sent, trig, quote, quotes, carried, in_sentence, acts, prev_subject)

        out = [act]
        if roles.accused_pronoun and e.kind != "deny":
            # اتهم X أوروبا ... وحمّلها المسؤولية: the pronoun is the accused just named
            prev = next((a for a in reversed(in_sentence) if a.accuser_actor_id == act.accuser_actor_id
                         and a.accuser == act.accuser and a.accused), None)
            if prev is not None:
                act.accused, act.accused_actor_id = prev.accused, prev.accused_actor_id
        if e.kind != "deny":
            for g2 in [g for g in roles.accused if g.has_actor()][1:]:  # حزب العمال وتنظيم الدولة: one act each
                twin = Act(**{**act.__dict__})
                twin.accused, twin.accused_actor_id = self._named(sent, g2)
                out.append(twin)
            if roles.accused and not any(g.has_actor() for g in roles.accused):
                for other in anaphora.resolve(sent, roles.accused[0], self.info.types)[1:]:  # التنظيمين: one act each
                    twin = Act(**{**act.__dict__})
                    twin.accused_actor_id = other
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
                         prev_subject: Callable[[], tuple | None] | None) -> None:
        """A subject the clause leaves out: the enclosing quote's speaker, the repeated verb's
        subject, the sentence's earlier accuser, the sentence's first actor, the quote this verb
        introduces, the paragraph's last accuser, the last speaker before it, the previous
        sentence's subject."""
        if quote is not None and (quote.speaker or quote.speaker_actor_id):
            act.accuser, act.accuser_actor_id = quote.speaker, quote.speaker_actor_id
            return
        if carried is not None:
            act.accuser, act.accuser_actor_id = self._named(sent, carried)
            return
        prev = next((a for a in reversed(in_sentence) if a.accuser or a.accuser_actor_id), None)
        if prev is not None:
            act.accuser, act.accuser_actor_id = prev.accuser, prev.accuser_actor_id
            return
        g = _first_actor_group(sent, trig.index)
        if g is not None:
            act.accuser, act.accuser_actor_id = self._named(sent, g)
            return
        tok = sent.tokens[trig.index]
        own = next((q for q in quotes if q.verb and fold(q.verb) == tok.key and q.start > tok.start), None)
        if own is not None and (own.speaker or own.speaker_actor_id) and not self._is_object(own, act, sent, trig):
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
        subject = prev_subject() if prev_subject is not None else None
        if subject is not None:
            act.accuser, act.accuser_actor_id = subject

    @staticmethod
    def _is_object(q: Quote, act: Act, sent: Sentence, trig: TriggerMatch) -> bool:
        """The quote's speaker is what this rule took for the object (اتهم X بأن ...: X is accused)."""
        if q.speaker_actor_id and q.speaker_actor_id == act.accused_actor_id:
            return True
        after = fold(sent.text[sent.tokens[trig.index].end:q.start]) if q.start > sent.tokens[trig.index].end else ""
        return bool(q.speaker) and fold(q.speaker) in after and bool(act.accused) and fold(act.accused) in fold(q.speaker)

    def _named(self, sent: Sentence, g: Group) -> tuple[str | None, str | None]:
        """(surface, actor) of a group; a bare title of a state is the person it stands for."""
        actor = actor_of(g, self.parents)
        if actor is None:  # التنظيم الإرهابي: the armed group named last
            found = anaphora.resolve(sent, g, self.info.types)
            return sent.surface(g), found[0] if found else None
        return sent.surface(g), person_for_title(sent, g, actor, self.info) or actor

    def _subject_of(self, text: str, span: tuple[int, int], mentions: list[Mention], titled: dict) -> tuple | None:
        """(surface, actor) of a sentence's first actor outside a prepositional phrase."""
        ss, se = span
        ms = [m for m in mentions if m.start < se and m.end > ss]
        if not ms:
            return None
        tokens = tokenize(text, ss, se)
        sent = Sentence(text, tokens, ms, self.parents, titled, types=self.info.types)
        g = _first_actor_group(sent, len(tokens))
        return self._named(sent, g) if g is not None else None

    # -- rows --------------------------------------------------------------------------





def _coordinated(prev: TriggerMatch, trig: TriggerMatch) -> bool:
    """يستنكر ويشجب: two verbs of one act joined by و, with one subject and one object."""
    return (trig.index == prev.index + 1 and trig.prefix[:1] == "و" and trig.entry.kind == prev.entry.kind
            and trig.entry.pos == prev.entry.pos == "verb" and not prev.suffix)


def _share_roles(first: list[Act], second: list[Act]) -> list[Act]:
    """The second verb takes the first one's subject; the first takes the second one's object
    when it had none (its object came after both verbs)."""
    lead = first[0]
    for a in second:
        a.accuser, a.accuser_actor_id = lead.accuser, lead.accuser_actor_id
        if a.accused_actor_id == a.accuser_actor_id:
            a.accused_actor_id = None
    if not lead.accused and not lead.accused_actor_id and len(first) == 1:
        lead.accused, lead.accused_actor_id = second[0].accused, second[0].accused_actor_id
        if lead.accused_actor_id == lead.accuser_actor_id:
            lead.accused_actor_id = None
    return second


def _last_actor_group(sent: Sentence, i: int) -> Group | None:
    """The nearest actor named before token ``i`` outside a prepositional phrase (اتهامها: her)."""
    gs = [g for g in sent.groups(0, i, across=True) if g.has_actor() and not g.prep]
    return gs[-1] if gs else None


def _first_actor_group(sent: Sentence, i: int) -> Group | None:
    """The sentence's first actor outside a prepositional phrase, before token ``i`` (its subject)."""
    gs = [g for g in sent.groups(0, i, across=True) if g.has_actor() and not g.prep]
    return gs[0] if gs else None
