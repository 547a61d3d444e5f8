"""Texts of the compensation analyses and report in Finnish, Swedish and English."""

from __future__ import annotations

from .._validation import check_choice

LANGUAGES = ("fi", "sv", "en")

_T: dict[str, dict[str, str]] = {
    "observational": {
        "fi": "Havainnoiva vertailu: sopimustyyppiä ei ole arvottu. Ero on vakioitu "
        "taustatekijöillä, mutta mittaamattomat erot asiakkaissa voivat selittää sen.",
        "sv": "Observationell jämförelse: avtalstypen har inte lottats. Skillnaden är justerad "
        "för bakgrundsfaktorer, men omätta skillnader mellan klienterna kan förklara den.",
        "en": "Observational comparison: contract type was not randomised. The difference is "
        "adjusted for case mix, but unmeasured differences between clients may explain it.",
    },
    "deadweight": {
        "fi": "Nollavaikutus (deadweight): osa työhön, koulutukseen tai työkokeiluun "
        "siirtymisistä olisi tapahtunut ilman palveluakin, joten tulosperusteinen korvaus "
        "maksaa myös tuloksista, joita palvelu ei aiheuttanut.",
        "sv": "Dödviktseffekt (deadweight): en del av övergångarna till arbete, utbildning "
        "eller arbetsprövning hade skett även utan tjänsten, så den resultatbaserade "
        "ersättningen betalar också för resultat som tjänsten inte orsakade.",
        "en": "Deadweight: some moves to work, education or a work trial would have happened "
        "without the service, so outcome-based payments also pay for outcomes the service "
        "did not cause.",
    },
    "title": {
        "fi": "Kuntouttavan työtoiminnan vaikuttavuusperusteiset korvaukset",
        "sv": "Resultatbaserad ersättning för arbetsverksamhet i rehabiliteringssyfte",
        "en": "Effectiveness-based compensation of rehabilitative work activity",
    },
    "payments": {
        "fi": "Maksut palveluntuottajille",
        "sv": "Betalningar till producenter",
        "en": "Payments to providers",
    },
    "payments_text": {
        "fi": "Päivähintaosuus, tulosperusteinen osuus ja kustannus tulosta kohden "
        "hinnaston {card} mukaan ({window}).",
        "sv": "Dagspris, resultatbaserad del och kostnad per resultat enligt prislistan {card} "
        "({window}).",
        "en": "Daily part, outcome part and cost per outcome under rate card {card} ({window}).",
    },
    "illustrative": {
        "fi": "Hinnasto on havainnollistava: hinnat ovat keksittyjä, eivät todellisia.",
        "sv": "Prislistan är illustrativ: priserna är påhittade, inte verkliga.",
        "en": "The rate card is illustrative: its prices are invented, not real.",
    },
    "rates": {
        "fi": "Tulokset palveluntuottajittain",
        "sv": "Resultat per producent",
        "en": "Outcomes by provider",
    },
    "rates_text": {
        "fi": "Työhön, koulutukseen tai työkokeiluun siirtyneiden osuus päättyneistä "
        "asiakkuuksista 95 %:n luottamusväleineen (Wilson ja Clopper–Pearson). Vielä "
        "käynnissä olevia asiakkuuksia ({active}) ei lasketa.",
        "sv": "Andelen avslutade klientrelationer som övergick till arbete, utbildning eller "
        "arbetsprövning med 95 % konfidensintervall (Wilson och Clopper–Pearson). Pågående "
        "klientrelationer ({active}) räknas inte.",
        "en": "Share of ended client relationships that moved on to work, education or a work "
        "trial, with 95 % confidence intervals (Wilson and Clopper–Pearson). Active "
        "relationships ({active}) are not counted.",
    },
    "adjusted": {
        "fi": "Taustatekijöillä vakioidut tulokset",
        "sv": "Riskjusterade resultat",
        "en": "Risk-adjusted outcomes",
    },
    "adjusted_text": {
        "fi": "Epäsuora vakiointi: odotettu tulosten määrä logistisesta mallista (ikä, "
        "sukupuoli, työttömyyden kesto, äidinkieli, aiemmat palvelut, palvelutyyppi). "
        "Vakioitu osuus = havaittu/odotettu × kaikkien osuus. Empiirinen Bayes -osuus "
        "kutistaa pienten tuottajien osuudet kohti keskiarvoa.",
        "sv": "Indirekt standardisering: förväntat antal resultat från en logistisk modell "
        "(ålder, kön, arbetslöshetens längd, modersmål, tidigare tjänster, tjänstetyp). "
        "Justerad andel = observerat/förväntat × total andel. Den empiriska Bayes-andelen "
        "drar små producenters andelar mot medeltalet.",
        "en": "Indirect standardisation: expected outcomes from a logistic model (age, sex, "
        "months unemployed, mother tongue, prior services, service type). Adjusted rate = "
        "observed/expected × overall rate. Empirical-Bayes rates pull small providers "
        "towards the mean.",
    },
    "funnel": {"fi": "Suppilokuvio", "sv": "Trattdiagram", "en": "Funnel plot"},
    "funnel_text": {
        "fi": "Vakioidut osuudet päättyneiden asiakkuuksien määrän mukaan, 95 %:n ja 99,8 %:n "
        "rajat (Spiegelhalter 2005), ylihajonta huomioitu additiivisesti (tau² = {tau2}).",
        "sv": "Justerade andelar efter antalet avslutade klientrelationer, 95 % och 99,8 % "
        "gränser (Spiegelhalter 2005), överspridning beaktad additivt (tau² = {tau2}).",
        "en": "Adjusted rates by number of ended relationships, 95 % and 99.8 % limits "
        "(Spiegelhalter 2005), over-dispersion handled additively (tau² = {tau2}).",
    },
    "contracts": {
        "fi": "Tulosperusteiset ja kiinteähintaiset sopimukset",
        "sv": "Resultatbaserade och fastprisavtal",
        "en": "Outcome-based versus fixed-price contracts",
    },
    "contracts_text": {
        "fi": "Tulososuuksien ero (tulosperusteinen − kiinteä), vakioitu logistisella "
        "regressiolla (marginaalinen vakiointi, delta-menetelmän luottamusväli); "
        "käänteistodennäköisyyspainotus (IPW) tarkistuksena.",
        "sv": "Skillnad i resultatandel (resultatbaserat − fast pris), justerad med logistisk "
        "regression (marginell standardisering, deltametodens intervall); invers "
        "sannolikhetsviktning (IPW) som kontroll.",
        "en": "Difference in outcome rates (outcome-based − fixed), adjusted by logistic "
        "regression (marginal standardisation, delta-method interval); inverse probability "
        "weighting (IPW) as a check.",
    },
    "financing": {
        "fi": "Kunnan rahoitusosuus työttömyysetuudesta",
        "sv": "Kommunens finansieringsandel av arbetslöshetsförmånen",
        "en": "Municipal share of unemployment benefit",
    },
    "merged": {
        "fi": "Harvinaiset taustamuuttujan luokat yhdistettiin vertailuluokkaan: {levels}.",
        "sv": "Sällsynta klasser av bakgrundsvariabler slogs ihop med referensklassen: {levels}.",
        "en": "Rare covariate levels were merged into the reference level: {levels}.",
    },
    "disclosure": {
        "fi": "Tietosuoja: alle 5 henkilöä kuvaavat solut on peitetty (<5); tuottajilta, "
        "joilla on 1–4 päättynyttä asiakkuutta, ei näytetä osuuksia eikä välejä.",
        "sv": "Dataskydd: celler som beskriver färre än 5 personer är dolda (<5); för "
        "producenter med 1–4 avslutade klientrelationer visas inga andelar eller intervall.",
        "en": "Disclosure control: cells describing fewer than 5 persons are suppressed (<5); "
        "providers with 1–4 ended relationships get no rates or intervals.",
    },
}

_HEADERS: dict[str, dict[str, str]] = {
    "provider": {"fi": "Tuottaja", "sv": "Producent", "en": "Provider"},
    "period": {"fi": "Jakso", "sv": "Period", "en": "Period"},
    "episodes": {"fi": "Asiakkuudet", "sv": "Klientrelationer", "en": "Episodes"},
    "billed_days": {"fi": "Laskutetut päivät", "sv": "Fakturerade dagar", "en": "Billed days"},
    "daily_part": {"fi": "Päivähinnat €", "sv": "Dagspriser €", "en": "Daily part €"},
    "outcome_part": {"fi": "Tulospalkkiot €", "sv": "Resultatersättning €", "en": "Outcome part €"},
    "total": {"fi": "Yhteensä €", "sv": "Totalt €", "en": "Total €"},
    "outcome_share": {
        "fi": "Tulosperusteinen osuus",
        "sv": "Resultatbaserad andel",
        "en": "Share paid on outcomes",
    },
    "ended": {"fi": "Päättyneet", "sv": "Avslutade", "en": "Ended"},
    "active": {"fi": "Käynnissä", "sv": "Pågående", "en": "Active"},
    "outcomes": {"fi": "Tulokset", "sv": "Resultat", "en": "Outcomes"},
    "cost_per_outcome": {"fi": "€ / tulos", "sv": "€ / resultat", "en": "€ per outcome"},
    "rate": {"fi": "Osuus", "sv": "Andel", "en": "Rate"},
    "wilson_low": {"fi": "Wilson ala", "sv": "Wilson nedre", "en": "Wilson low"},
    "wilson_high": {"fi": "Wilson ylä", "sv": "Wilson övre", "en": "Wilson high"},
    "cp_low": {"fi": "C–P ala", "sv": "C–P nedre", "en": "C–P low"},
    "cp_high": {"fi": "C–P ylä", "sv": "C–P övre", "en": "C–P high"},
    "expected": {"fi": "Odotettu", "sv": "Förväntat", "en": "Expected"},
    "oe_ratio": {"fi": "Havaittu/odotettu", "sv": "Observerat/förväntat", "en": "O/E"},
    "adjusted_rate": {"fi": "Vakioitu osuus", "sv": "Justerad andel", "en": "Adjusted rate"},
    "adjusted_low": {"fi": "Vakioitu ala", "sv": "Justerad nedre", "en": "Adjusted low"},
    "adjusted_high": {"fi": "Vakioitu ylä", "sv": "Justerad övre", "en": "Adjusted high"},
    "shrunk_rate": {"fi": "EB-osuus", "sv": "EB-andel", "en": "EB rate"},
    "position": {"fi": "Sijainti suppilossa", "sv": "Läge i tratten", "en": "Funnel position"},
    "estimate": {"fi": "Ero", "sv": "Skillnad", "en": "Difference"},
    "ci_low": {"fi": "Luottamusväli ala", "sv": "Konfidensintervall nedre", "en": "CI low"},
    "ci_high": {"fi": "Luottamusväli ylä", "sv": "Konfidensintervall övre", "en": "CI high"},
    "method": {"fi": "Menetelmä", "sv": "Metod", "en": "Method"},
}

_VALUES: dict[str, dict[str, str]] = {
    "crude": {"fi": "Vakioimaton", "sv": "Ojusterad", "en": "Crude"},
    "logistic_standardised": {
        "fi": "Logistinen malli, marginaalinen vakiointi",
        "sv": "Logistisk modell, marginell standardisering",
        "en": "Logistic model, marginal standardisation",
    },
    "ipw": {"fi": "IPW (tarkistus)", "sv": "IPW (kontroll)", "en": "IPW (check)"},
    "within": {"fi": "rajojen sisällä", "sv": "inom gränserna", "en": "within limits"},
    "above_95": {"fi": "yli 95 %:n rajan", "sv": "över 95 % gränsen", "en": "above 95 % limit"},
    "below_95": {"fi": "alle 95 %:n rajan", "sv": "under 95 % gränsen", "en": "below 95 % limit"},
    "above_998": {
        "fi": "yli 99,8 %:n rajan",
        "sv": "över 99,8 % gränsen",
        "en": "above 99.8 % limit",
    },
    "below_998": {
        "fi": "alle 99,8 %:n rajan",
        "sv": "under 99,8 % gränsen",
        "en": "below 99.8 % limit",
    },
}


def text(key: str, language: str, **fmt: object) -> str:
    """A report text in ``language`` (fi, sv, en)."""
    check_choice("language", language, LANGUAGES)
    return _T[key][language].format(**fmt) if fmt else _T[key][language]


def header(column: str, language: str) -> str:
    """Column header in ``language`` (unknown names are returned unchanged)."""
    return _HEADERS.get(column, {}).get(language, column)


def value(code: str, language: str) -> str:
    """A coded value (method, funnel position) in ``language``."""
    return _VALUES.get(code, {}).get(language, code)
