"""Every fixed text of the report and the paper questionnaire, in German and English.

Rule texts (questions, recommendations, sources) come from the rule set; only the
frame around them lives here, so both languages stay side by side and complete.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "report": "Ergebnisbericht",
        "created": "Erstellt am",
        "ruleset": "Fragenkatalog",
        "version": "Version",
        "organisation": "Organisation",
        "no_name": "Ohne Namen",
        "completeness": "Vollständigkeit der Antworten",
        "cover_note": (
            "Dieser Bericht zeigt, wie gut Ihre digitalen und persönlichen Angebote zusammenpassen. "
            "Er beruht nur auf Ihren Antworten. Er ist eine Einschätzung, keine Prüfung. "
            "Nutzen Sie ihn für das Gespräch im Team und mit Partnern."
        ),
        "contents": "Inhalt",
        "summary": "Auf einen Blick",
        "summary_intro": "So schätzen Ihre Antworten die einzelnen Themen ein. 100 ist der höchste Wert.",
        "blend_profile": "Ihr Blended-Profil",
        "blend_intro": (
            "Das Profil verbindet zwei Blickwinkel: digitale Angebote und die Verankerung vor Ort. "
            "Ein Wert ab {threshold} gilt als hoch."
        ),
        "blend_open": "Ihr Profil ist noch offen. Dafür fehlen Antworten.",
        "axis_score": "{label}: {score} von 100",
        "axis_no_score": "{label}: noch keine Bewertung",
        "next_steps": "Ihre nächsten drei Schritte",
        "next_steps_intro": "Mit diesen Empfehlungen können Sie am meisten bewegen. Details ab Seite",
        "no_next_steps": "Es gibt gerade keine Empfehlung. Ihre Antworten zeigen keine großen Lücken.",
        "dimensions": "Ihre Themen im Einzelnen",
        "score": "Punktzahl",
        "level": "Stufe",
        "no_score": "Noch keine Bewertung: Es fehlen Antworten.",
        "answered_of": "{answered} von {visible} Fragen beantwortet",
        "what_answers_show": "Was Ihre Antworten zeigen",
        "strengths": "Hier sind Sie stark",
        "no_strengths": "Noch keine Frage mit voller Punktzahl.",
        "to_next_level": "Was Sie auf die nächste Stufe bringt",
        "next_level_is": "Die nächste Stufe ist „{level}“ (ab {min} Punkten).",
        "top_level": "Sie sind auf der höchsten Stufe. Halten Sie das Erreichte fest.",
        "open_points": "noch {open} von {max} Punkten offen",
        "nothing_open": "Alle Fragen dieses Themas haben volle Punktzahl.",
        "unknown_hint": "Finden Sie heraus, was hier zutrifft:",
        "recommendations": "Empfehlungen",
        "recommendations_intro": (
            "Alle Empfehlungen, die zu Ihren Antworten passen, nach Wichtigkeit geordnet. "
            "Die ersten drei sind Ihre nächsten Schritte."
        ),
        "no_recommendations": "Zu Ihren Antworten passt gerade keine Empfehlung.",
        "next_step_badge": "Nächster Schritt",
        "topic": "Thema",
        "why": "Warum",
        "steps": "So gehen Sie vor",
        "effort": "Aufwand",
        "effort_low": "gering",
        "effort_medium": "mittel",
        "effort_high": "hoch",
        "example": "Aus der Praxis",
        "sources": "Quellen",
        "evidence": "Beleg",
        "knowledge_gaps": "Wissenslücken",
        "knowledge_gaps_intro": (
            "Diese Fragen haben Sie mit „Weiß nicht“ beantwortet oder offen gelassen. "
            "Klären Sie sie im Team. Das macht Ihr Ergebnis genauer."
        ),
        "no_gaps": "Sie haben alle Fragen beantwortet. Es gibt keine Wissenslücken.",
        "reason_unknown": "Weiß nicht",
        "reason_unanswered": "nicht beantwortet",
        "action_plan": "Aktionsplan",
        "action_plan_intro": (
            "Planen Sie hier Ihre nächsten Schritte. Schreiben Sie auf: Was tun Sie? "
            "Wer kümmert sich? Bis wann? Die ersten Zeilen enthalten Ihre nächsten Schritte."
        ),
        "what": "Was",
        "who": "Wer",
        "by_when": "Bis wann",
        "appendix": "Anhang: Ihre Antworten",
        "appendix_intro": "Alle Fragen, die Ihnen gestellt wurden, mit Ihren Antworten.",
        "question": "Frage",
        "answer": "Antwort",
        "points": "Punkte",
        "unanswered": "nicht beantwortet",
        "unknown": "Weiß nicht",
        "not_applicable": "Trifft auf uns nicht zu",
        "method": "Methode und Quellen",
        "method_scores": "So entstehen die Punktzahlen",
        "method_scores_text": (
            "Jede Antwort gibt Punkte. Für jedes Thema zählen wir die Punkte aller beantworteten Fragen "
            "zusammen. Wir teilen sie durch die höchste mögliche Punktzahl. Das ergibt einen Wert von "
            "0 bis 100. Manche Fragen zählen mehr als andere (Gewicht). „Weiß nicht“ und „Trifft auf "
            "uns nicht zu“ zählen nicht mit. „Weiß nicht“ erscheint als Wissenslücke. Fragen, die "
            "Ihnen nicht gestellt wurden, zählen ebenfalls nicht."
        ),
        "method_priority_text": (
            "Empfehlungen erscheinen, wenn ihre Bedingung auf Ihre Antworten zutrifft. Je niedriger "
            "die Punktzahl eines Themas, desto wichtiger ist die Empfehlung. Bei gleicher Wichtigkeit "
            "kommt der geringere Aufwand zuerst."
        ),
        "method_levels": "Stufen",
        "method_why": "Warum diese Themen wichtig sind",
        "evidence_levels": "Wie gut ist eine Empfehlung belegt?",
        "ev_study_hypothesis": "Annahme der Studie",
        "ev_study_hypothesis_text": (
            "Eine Ausgangsannahme oder Forschungsfrage des Projekts Blended Impact (ZiviZ, betterplace lab). "
            "Sie ist dort als Annahme formuliert, nicht als geprüftes Ergebnis."
        ),
        "ev_related_study": "Verwandte Studie",
        "ev_related_study_text": "Ergebnisse anderer Studien zu ähnlichen Fragen.",
        "ev_practice_example": "Praxisbeispiel",
        "ev_practice_example_text": "Erfahrungen eines Projekts, das so arbeitet.",
        "ev_expert_assumption": "Fachliche Einschätzung",
        "ev_expert_assumption_text": "Eine begründete Einschätzung der Autorinnen und Autoren dieses Checks.",
        "source_list": "Quellenverzeichnis",
        "rule_hash": "Prüfsumme des Fragenkatalogs",
        "page": "Seite",
        "of": "von",
        "range": "{min} bis {max} Punkte",
        # paper questionnaire
        "paper": "Fragebogen zum Ausfüllen auf Papier",
        "paper_intro": (
            "Kreuzen Sie bei jeder Frage an, was am besten passt. Wenn Sie etwas nicht wissen, "
            "kreuzen Sie „Weiß nicht“ an. Manche Fragen gelten nur für bestimmte Organisationen: "
            "Dort steht, wann Sie sie beantworten. Sie können die Antworten später in den "
            "Online-Check übertragen. Dann bekommen Sie Ihren Bericht."
        ),
        "paper_fields": "Angaben zum Ausfüllen",
        "filled_by": "Ausgefüllt von",
        "date": "Datum",
        "one_answer": "Bitte eine Antwort ankreuzen.",
        "many_answers": "Mehrere Antworten möglich.",
        "exclusive_note": "„{label}“ nur allein ankreuzen.",
        "number_hint": "Bitte eine ganze Zahl eintragen.",
        "min_max": "({min} bis {max})",
        "min_only": "(mindestens {min})",
        "text_hint": "Bitte in eigenen Worten.",
        "notes": "Notizen",
        "only_if": "Nur beantworten, wenn Sie {condition}.",
        "questions_count": "{count} Fragen",
    },
    "en": {
        "report": "Results report",
        "created": "Created on",
        "ruleset": "Question set",
        "version": "Version",
        "organisation": "Organisation",
        "no_name": "No name given",
        "completeness": "Completeness of answers",
        "cover_note": (
            "This report shows how well your digital and in-person offers fit together. It is based "
            "only on your answers. It is an assessment, not an audit. Use it to talk with your team "
            "and your partners."
        ),
        "contents": "Contents",
        "summary": "At a glance",
        "summary_intro": "This is how your answers rate each topic. 100 is the highest value.",
        "blend_profile": "Your blend profile",
        "blend_intro": (
            "The profile combines two views: digital offers and local anchoring. A value of "
            "{threshold} or more counts as high."
        ),
        "blend_open": "Your profile is still open. Some answers are missing.",
        "axis_score": "{label}: {score} of 100",
        "axis_no_score": "{label}: no score yet",
        "next_steps": "Your next three steps",
        "next_steps_intro": "These recommendations can make the biggest difference. Details from page",
        "no_next_steps": "There is no recommendation right now. Your answers show no big gaps.",
        "dimensions": "Your topics in detail",
        "score": "Score",
        "level": "Level",
        "no_score": "No score yet: answers are missing.",
        "answered_of": "{answered} of {visible} questions answered",
        "what_answers_show": "What your answers show",
        "strengths": "Your strengths here",
        "no_strengths": "No question with full points yet.",
        "to_next_level": "What takes you to the next level",
        "next_level_is": "The next level is “{level}” (from {min} points).",
        "top_level": "You are at the highest level. Secure what you have achieved.",
        "open_points": "{open} of {max} points still open",
        "nothing_open": "All questions of this topic have full points.",
        "unknown_hint": "Find out what applies here:",
        "recommendations": "Recommendations",
        "recommendations_intro": (
            "All recommendations that fit your answers, ordered by importance. The first three are "
            "your next steps."
        ),
        "no_recommendations": "No recommendation fits your answers right now.",
        "next_step_badge": "Next step",
        "topic": "Topic",
        "why": "Why",
        "steps": "How to go about it",
        "effort": "Effort",
        "effort_low": "low",
        "effort_medium": "medium",
        "effort_high": "high",
        "example": "From practice",
        "sources": "Sources",
        "evidence": "Evidence",
        "knowledge_gaps": "Knowledge gaps",
        "knowledge_gaps_intro": (
            "You answered these questions with “Don't know” or left them open. Clarify them with your "
            "team. This makes your result more accurate."
        ),
        "no_gaps": "You answered every question. There are no knowledge gaps.",
        "reason_unknown": "Don't know",
        "reason_unanswered": "not answered",
        "action_plan": "Action plan",
        "action_plan_intro": (
            "Plan your next steps here. Write down: What will you do? Who takes care of it? By when? "
            "The first rows hold your next steps."
        ),
        "what": "What",
        "who": "Who",
        "by_when": "By when",
        "appendix": "Appendix: your answers",
        "appendix_intro": "Every question you were asked, with your answers.",
        "question": "Question",
        "answer": "Answer",
        "points": "Points",
        "unanswered": "not answered",
        "unknown": "Don't know",
        "not_applicable": "Does not apply to us",
        "method": "Method and sources",
        "method_scores": "How the scores are computed",
        "method_scores_text": (
            "Every answer gives points. For each topic we add up the points of all answered questions "
            "and divide them by the highest possible total. This gives a value from 0 to 100. Some "
            "questions count more than others (weight). “Don't know” and “Does not apply to us” are "
            "left out. “Don't know” is listed as a knowledge gap. Questions you were not asked are "
            "left out as well."
        ),
        "method_priority_text": (
            "Recommendations appear when their condition matches your answers. The lower the score "
            "of a topic, the more important the recommendation. At equal importance, lower effort "
            "comes first."
        ),
        "method_levels": "Levels",
        "method_why": "Why these topics matter",
        "evidence_levels": "How well is a recommendation backed?",
        "ev_study_hypothesis": "Study assumption",
        "ev_study_hypothesis_text": (
            "A starting assumption or research question of the Blended Impact project (ZiviZ, "
            "betterplace lab). It is stated there as an assumption, not as a tested finding."
        ),
        "ev_related_study": "Related study",
        "ev_related_study_text": "Findings of other studies on similar questions.",
        "ev_practice_example": "Practice example",
        "ev_practice_example_text": "Experience of a project that works this way.",
        "ev_expert_assumption": "Expert judgement",
        "ev_expert_assumption_text": "A reasoned judgement of the authors of this check.",
        "source_list": "List of sources",
        "rule_hash": "Checksum of the question set",
        "page": "Page",
        "of": "of",
        "range": "{min} to {max} points",
        "paper": "Questionnaire to fill in on paper",
        "paper_intro": (
            "For each question, tick what fits best. If you don't know something, tick “Don't "
            "know”. Some questions only apply to certain organisations: they say when to answer "
            "them. You can enter the answers in the online check later to get your report."
        ),
        "paper_fields": "About this questionnaire",
        "filled_by": "Filled in by",
        "date": "Date",
        "one_answer": "Please tick one answer.",
        "many_answers": "Several answers possible.",
        "exclusive_note": "Tick “{label}” only on its own.",
        "number_hint": "Please enter a whole number.",
        "min_max": "({min} to {max})",
        "min_only": "(at least {min})",
        "text_hint": "In your own words, please.",
        "notes": "Notes",
        "only_if": "Only answer if {condition}.",
        "questions_count": "{count} questions",
    },
}

MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def strings(lang: str) -> dict[str, str]:
    """The fixed texts for ``lang`` (German for anything unknown)."""
    return STRINGS["en"] if lang == "en" else STRINGS["de"]
