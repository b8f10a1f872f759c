"""The digest (`stanceline.analyze.digest`) written out: Markdown, a standalone HTML page, or the
HTML body the web app embeds in its own page. Article text is untrusted: Markdown makes it inert,
HTML escapes it (Jinja autoescape)."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from markupsafe import Markup

from stanceline.analyze.digest import Digest, Ref

STANCE_VERB = {
    "support": "supports",
    "oppose": "opposes",
    "conditional": "supports with conditions",
    "neutral": "is non-committal on",
}


def verb(stance: str) -> str:
    return STANCE_VERB.get(stance, stance)


def ref_path(r: Ref) -> str:
    """The web page and anchor of a line's evidence (`stanceline serve` answers it)."""
    return f"/documents/{r.doc_id}#{r.anchor}"


def ref_label(r: Ref) -> str:
    name = r.outlet or r.title or f"document {r.doc_id[:8]}"
    return f"{name}, {r.date or 'undated'}"


_MD_SPECIAL = set("\\`*_[]()#+!|{}~")


def md(text: str) -> str:
    """Article text made inert in Markdown: no emphasis, links or raw HTML can come from it."""
    out = []
    for ch in " ".join(text.split()):
        if ch in _MD_SPECIAL:
            out.append("\\" + ch)
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "&":
            out.append("&amp;")
        else:
            out.append(ch)
    return "".join(out)


def _md_link(r: Ref, base_url: str) -> str:
    return f"[{md(ref_label(r))}]({base_url}{ref_path(r)})"


def render_markdown(d: Digest, *, base_url: str = "") -> str:
    lines = [f"# stanceline digest — {md(d.period)}", ""]
    lines.append(f"_{d.documents} documents from {d.outlets} outlets. Every line links to the sentence it rests on._")
    lines.append("")
    if not d.sections:
        lines += ["No positions on any tracked issue in this period.", ""]
    for s in d.sections:
        lines += [f"## {md(s.issue)}", ""]
        tally = ", ".join(f"{n} {k}" for k, n in sorted(s.tally.items(), key=lambda kv: -kv[1]))
        lines += [f"_Positions in the period: {tally}._", ""]
        if s.developments:
            lines += ["### Where they stand", ""]
            for dv in s.developments:
                link = _md_link(dv.ref, base_url)
                lines.append(f"- **{md(dv.actor)}** {verb(dv.stance)} — {md(dv.evidence)} ({link})")
            lines.append("")
        if s.moves:
            lines += ["### Who moved", ""]
            for m in s.moves:
                lines.append(
                    f"- **{md(m.actor)}**: {m.from_stance} → **{m.to_stance}**. "
                    f"Before: {md(m.before_evidence)} ({_md_link(m.before, base_url)}). "
                    f"After: {md(m.after_evidence)} ({_md_link(m.after, base_url)})"
                )
            lines.append("")
        if s.quotes:
            lines += ["### Notable quotes", ""]
            for q in s.quotes:
                lines.append(f"> “{md(q.text)}” — **{md(q.speaker)}** ({_md_link(q.ref, base_url)})")
                lines.append("")
    if d.stories:
        lines += ["## Stories", ""]
        for st in d.stories:
            outlets = f" — {md(', '.join(st.outlets))}" if st.outlets else ""
            lines.append(
                f"- [{md(st.label)}]({base_url}/stories/{st.id}) ({st.n_documents} documents, "
                f"{md(st.start or '?')} – {md(st.end or '?')}){outlets}"
            )
        lines.append("")
    return "\n".join(lines)


_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>stanceline digest — {{ d.period }}</title>
<style>
body{font:16px/1.55 Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1,h2,h3{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;line-height:1.25}
h1{font-size:1.6rem;border-bottom:3px solid #1d2330;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccd}
h3{font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:#556}
.meta,.src{color:#667;font-size:.85rem;font-family:system-ui,sans-serif}
blockquote{margin:.8rem 0;padding-left:1rem;border-left:3px solid #b7c3d9}
.stance{font-family:system-ui,sans-serif;font-size:.8rem;padding:0 .35rem;border-radius:3px;background:#eef}
.stance-support{background:#d9f0e1}.stance-oppose{background:#f6d8d8}
.stance-conditional{background:#fbecc8}.stance-neutral{background:#e6e8ee}
a{color:#1f4fa3}
</style></head><body>
{% include "body" %}
</body></html>"""

DIGEST_BODY = """<h1>stanceline digest <span class="meta">— {{ d.period }}</span></h1>
<p class="meta">{{ d.documents }} documents from {{ d.outlets }} outlets. Every line links to the
sentence it rests on.</p>
{% if not d.sections %}<p>No positions on any tracked issue in this period.</p>{% endif %}
{% for s in d.sections %}
<section class="digest-issue">
<h2>{{ s.issue }}</h2>
<p class="meta">Positions in the period:
{% for k, n in s.tally|dictsort(by="value", reverse=true) -%}
<span class="stance stance-{{ k }}">{{ n }} {{ k }}</span> {% endfor %}</p>
{% if s.developments %}<h3>Where they stand</h3><ul>
{% for dv in s.developments %}<li><a href="{{ base }}/actors/{{ dv.actor_key|urlencode }}"><b>{{ dv.actor }}</b></a>
<span class="stance stance-{{ dv.stance }}">{{ verb(dv.stance) }}</span> —
<span class="evidence">{{ dv.evidence }}</span>
<a class="src" href="{{ base }}{{ path(dv.ref) }}">{{ label(dv.ref) }}</a></li>
{% endfor %}</ul>{% endif %}
{% if s.moves %}<h3>Who moved</h3><ul>
{% for m in s.moves %}<li><b>{{ m.actor }}</b>:
<span class="stance stance-{{ m.from_stance }}">{{ m.from_stance }}</span>
→ <span class="stance stance-{{ m.to_stance }}">{{ m.to_stance }}</span><br>
before: <span class="evidence">{{ m.before_evidence }}</span>
<a class="src" href="{{ base }}{{ path(m.before) }}">{{ label(m.before) }}</a><br>
after: <span class="evidence">{{ m.after_evidence }}</span>
<a class="src" href="{{ base }}{{ path(m.after) }}">{{ label(m.after) }}</a></li>
{% endfor %}</ul>{% endif %}
{% if s.quotes %}<h3>Notable quotes</h3>
{% for q in s.quotes %}<blockquote>“{{ q.text }}”<br><span class="src">— <b>{{ q.speaker }}</b>,
<a href="{{ base }}{{ path(q.ref) }}">{{ label(q.ref) }}</a></span></blockquote>
{% endfor %}{% endif %}
</section>
{% endfor %}
{% if d.stories %}<section><h2>Stories</h2><ul>
{% for st in d.stories %}<li><a href="{{ base }}/stories/{{ st.id|urlencode }}">{{ st.label }}</a>
<span class="meta">{{ st.n_documents }} documents, {{ st.start or "?" }} – {{ st.end or "?" }}
{%- if st.outlets %} · {{ st.outlets|join(", ") }}{% endif %}</span></li>
{% endfor %}</ul></section>{% endif %}
"""


def _env() -> Environment:
    env = Environment(loader=DictLoader({"page": _HTML, "body": DIGEST_BODY}), autoescape=True)
    env.globals.update(path=ref_path, label=ref_label, verb=verb)
    return env


def render_body(d: Digest, *, base_url: str = "") -> Markup:
    """The digest's HTML without the page around it, for embedding in the web app's own page."""
    return Markup(_env().get_template("body").render(d=d, base=base_url))


def render_html(d: Digest, *, base_url: str = "") -> str:
    """A standalone HTML page; every string from an article is escaped by Jinja's autoescape."""
    return _env().get_template("page").render(d=d, base=base_url)
