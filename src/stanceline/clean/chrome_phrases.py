"""Page-furniture phrases in the main European news languages other than English.

`clean_lines` reads English furniture (share, subscribe, read more, comments); news comes in many
languages, and a German "Lesen Sie auch:" or a French "Pour lire la suite" is as much page
furniture as "Read more". This is a general vocabulary of such openers by function (related
links, comments, log-in and paywall prompts, donation and sharing prompts, picture credits,
update stamps, tables of contents) in German, French, Spanish, Italian, Portuguese, Dutch and
Polish, never strings of particular sites. It is used on short lines only: an opener followed by
a long sentence is prose.
"""

from __future__ import annotations

import re

# Phrases that open a furniture line whatever follows ("Lesen Sie auch: <headline>").
_OPENERS = {
    "related": (
        # de
        r"lesen sie (auch|mehr|weiter)", r"(auch|mehr) lesen", r"weiterlesen", r"mehr (zum thema|lesen|erfahren)",
        r"weitere (artikel|beiträge|themen|infos|informationen|nachrichten|meldungen)", r"auch interessant",
        r"(das|dies|dieses|diese|das thema|diese themen|diese artikel) (könnte|könnten|dürfte|dürften) "
        r"(sie|dich|euch) (auch )?interessieren",
        r"zum (artikel|beitrag)\b", r"ähnliche (artikel|beiträge)", r"verwandte (artikel|themen|beiträge)",
        r"(meist|am meisten)(-| )?(gelesen|diskutiert|kommentiert)(e|en)?",
        # fr
        r"(à )?lire (aussi|également|la suite)", r"pour lire la suite", r"voir aussi", r"sur le même (sujet|thème)",
        r"articles? (similaires|liés|associés)", r"(à )?découvrir aussi", r"les plus (lus|partagés)",
        # es
        r"leer más", r"lee (también|más)", r"(te|le) puede interesar", r"(noticias|artículos) relacionad[oa]s",
        r"ver (más|también)", r"lo más (leído|visto)",
        # it
        r"leggi (anche|di più|tutto)", r"potrebbe interessarti", r"articoli correlati", r"(i )?più (letti|visti)",
        # pt
        r"leia (mais|também)", r"veja (também|mais)", r"saiba mais", r"notícias relacionadas", r"mais lidas",
        # nl
        r"lees (ook|meer|verder)", r"gerelateerde artikelen",
        # pl
        r"czytaj (także|też|więcej|również)", r"zobacz (też|także|również)", r"przeczytaj (też|także|również)",
    ),
    "comments": (
        r"keine kommentare", r"kommentar (schreiben|verfassen|abgeben)",
        r"(laisser|ajouter) un commentaire", r"(deja|dejar) un comentario", r"lascia un commento",
        r"deixe (um|seu) comentário", r"dodaj komentarz",
    ),
    "account": (
        r"(sie sind|du bist) (aktuell |derzeit )?nicht (eingeloggt|angemeldet)",
        r"jetzt (anmelden|registrieren|abonnieren)",
        r"um (kommentare|einen kommentar) zu", r"exklusiv für abonnenten", r"connectez-vous", r"abonnez-vous",
        r"inscrivez-vous", r"pour accéder (en illimité|à (la suite|cet article|l'intégralité))", r"réservé aux abonnés",
        r"suscríbete", r"inicia sesión", r"hazte (miembro|socio)",
    ),
    "appeal": (
        r"(jede|ihre|deine) (kleine )?spende", r"jetzt spenden", r"unterstütze\b", r"unterstützen sie\b",
        r"faire un don", r"soutenez[- ]nous", r"apóyanos", r"sostienici", r"wesprzyj nas",
    ),
    "credit": (
        r"(bild|foto|fotos|bildquelle|quelle|beitragsbild|symbolbild|titelbild)\s*:", r"crédits? (photos?|images?)",
        r"(image|photo) d'illustration", r"image illustrative", r"(imagen|immagine|imagem|zdjęcie)\s*:",
    ),
    "stamp": (
        r"letzte änderung", r"zuletzt (aktualisiert|geändert)", r"aktualisiert am", r"mis à jour le",
        r"última actualización", r"ultimo aggiornamento", r"última atualização",
    ),
}
# Words that are furniture only when they stand alone as a line (a button, a section label):
# the same words open ordinary sentences and headings.
_LABELS = (
    "kommentare", "kommentieren", "teilen", "artikel teilen", "drucken", "versenden", "merken", "anmelden",
    "einloggen", "registrieren", "spenden", "inhaltsverzeichnis", "beitragsbild",
    "commentaires", "partager", "imprimer", "se connecter", "sommaire",
    "comentarios", "compartir", "imprimir", "iniciar sesión", "índice", "donar",
    "commenti", "condividi", "stampa", "accedi", "abbonati", "registrati", "indice",
    "comentários", "compartilhar", "partilhar", "assine", "apoie",
    "reacties", "delen", "inloggen", "inhoudsopgave",
    "komentarze", "udostępnij", "zaloguj", "spis treści",
)

_OPENER = re.compile(
    r"^\W*(?:" + "|".join(p for group in _OPENERS.values() for p in group) + r")(?:\W|$)", re.IGNORECASE
)
_LABEL = re.compile(r"^\W*(?:" + "|".join(re.escape(w) for w in _LABELS) + r")\W*$", re.IGNORECASE)
# Up to this many words, a line that opens with such a phrase is furniture.
MAX_WORDS = 12


def is_furniture(line: str, n_words: int) -> bool:
    """Whether a short line opens with a non-English page-furniture phrase, or is only a label."""
    if n_words > MAX_WORDS:
        return False
    return _OPENER.match(line) is not None or (n_words <= 3 and _LABEL.match(line) is not None)
