"""Texts of the region report in Finnish, Swedish and English (the notebook takes every text
from here, so a report is entirely in one language)."""

from __future__ import annotations

from .._numbers import fixed_number
from .._validation import check_choice

LANGUAGES = ("fi", "sv", "en")

# fmt: off
_T: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ headings
    "report": {"fi": "Alueraportti", "sv": "Regionrapport", "en": "Region report"},
    "employment_area": {"fi": "työllisyysalue", "sv": "sysselsättningsområde",
                        "en": "employment area"},
    "wellbeing_county": {"fi": "hyvinvointialue", "sv": "välfärdsområde",
                         "en": "wellbeing services county"},
    "helsinki": {"fi": "Helsingin kaupunki (järjestää itse sosiaali- ja terveyspalvelut)",
                 "sv": "Helsingfors stad (ordnar själv social- och hälsovården)",
                 "en": "City of Helsinki (organises its own health and social services)"},
    "subtitle": {"fi": "{kind} · kausi {period} · {source}",
                 "sv": "{kind} · period {period} · {source}",
                 "en": "{kind} · period {period} · {source}"},
    "source_default": {
        "fi": "synteettinen esimerkkiaineisto (ei todellisia henkilöitä)",
        "sv": "syntetiskt exempeldata (inga verkliga personer)",
        "en": "synthetic example data (no real persons)",
    },
    "source_dir": {"fi": "aineisto: {path}", "sv": "data: {path}", "en": "data: {path}"},
    "region": {"fi": "Alue ja sen kunnat", "sv": "Området och dess kommuner",
               "en": "The region and its municipalities"},
    "published": {"fi": "Valtakunnallinen tilannekuva julkaistuista tilastoista",
                  "sv": "Nationell lägesbild enligt publicerad statistik",
                  "en": "National context from published statistics"},
    "compensation": {
        "fi": "Kuntouttava työtoiminta ja vaikuttavuusperusteinen korvaus",
        "sv": "Arbetsverksamhet i rehabiliteringssyfte och effektivitetsbaserad ersättning",
        "en": "Rehabilitative work activity and effectiveness-based compensation",
    },
    "ips": {"fi": "IPS-työhönvalmennus", "sv": "IPS – individanpassat stöd till arbete",
            "en": "IPS supported employment"},
    "survey": {"fi": "Henkilöstökyselyn psykometriikka", "sv": "Personalenkätens psykometri",
               "en": "Staff survey psychometrics"},
    # ---------------------------------------------------------- region section
    "region_intro_area": {
        "fi": "{name} on työllisyysalue, johon kuuluu {k} kuntaa ja {population} asukasta. "
              "Hyvinvointialue: {counties}.",
        "sv": "{name} är ett sysselsättningsområde med {k} kommuner och {population} invånare. "
              "Välfärdsområde: {counties}.",
        "en": "{name} is an employment area of {k} municipalities and {population} "
              "inhabitants. Wellbeing services county: {counties}.",
    },
    "region_intro_county": {
        "fi": "{name} on hyvinvointialue, johon kuuluu {k} kuntaa ja {population} asukasta. "
              "Alueen työllisyysalueet: {areas}.",
        "sv": "{name} är ett välfärdsområde med {k} kommuner och {population} invånare. "
              "Sysselsättningsområden: {areas}.",
        "en": "{name} is a wellbeing services county of {k} municipalities and {population} "
              "inhabitants. Employment areas: {areas}.",
    },
    "municipalities": {"fi": "Kunnat", "sv": "Kommuner", "en": "Municipalities"},
    "uncertain": {
        "fi": "Rekisteri merkitsee epävarmaksi näiden kuntien kuulumisen alueeseen: "
              "{municipalities}.",
        "sv": "Registret anger att följande kommuners tillhörighet till området är osäker: "
              "{municipalities}.",
        "en": "The registry marks the membership of these municipalities as uncertain: "
              "{municipalities}.",
    },
    "registry_source": {"fi": "Lähde: {source}.", "sv": "Källa: {source}.",
                        "en": "Source: {source}."},
    # ------------------------------------------------------- omission sentences
    "no_published": {
        "fi": "Julkaistuja valtakunnallisia lukuja ei ole saatavilla, joten osio jätetään pois.",
        "sv": "Inga publicerade nationella uppgifter finns tillgängliga, så avsnittet utelämnas.",
        "en": "No published national figures are available, so this section is omitted.",
    },
    "no_compensation": {
        "fi": "Alueelta ei ole kuntouttavan työtoiminnan jaksoja kaudelta {period}, joten osio "
              "jätetään pois.",
        "sv": "Det finns inga perioder av arbetsverksamhet i rehabiliteringssyfte från området "
              "för period {period}, så avsnittet utelämnas.",
        "en": "There are no rehabilitative work activity episodes for the region in period "
              "{period}, so this section is omitted.",
    },
    "no_ips": {
        "fi": "Alueella ei ole IPS-työhönvalmennuksen toimipisteitä, joten osio jätetään pois.",
        "sv": "Området har inga enheter för IPS-stöd till arbete, så avsnittet utelämnas.",
        "en": "The region has no IPS supported employment sites, so this section is omitted.",
    },
    "no_ips_period": {
        "fi": "Alueen IPS-toimipisteiltä ei ole asiakastietoja kaudelta {period}, joten osio "
              "jätetään pois.",
        "sv": "Det finns inga klientuppgifter från områdets IPS-enheter för period {period}, "
              "så avsnittet utelämnas.",
        "en": "The region's IPS sites have no client records for period {period}, so this "
              "section is omitted.",
    },
    "no_survey": {
        "fi": "Alueelta ei ole henkilöstökyselyä kaudelta {period}, joten osio jätetään pois.",
        "sv": "Det finns ingen personalenkät från området för period {period}, så avsnittet "
              "utelämnas.",
        "en": "There is no staff survey for the region in period {period}, so this section is "
              "omitted.",
    },
    "few_survey": {
        "fi": "Alueen henkilöstökyselyyn vastasi {n} henkilöä, mikä ei riitä psykometriseen "
              "analyysiin (vähintään {minimum}), joten osio jätetään pois.",
        "sv": "Personalenkäten i området besvarades av {n} personer, vilket inte räcker för en "
              "psykometrisk analys (minst {minimum}), så avsnittet utelämnas.",
        "en": "{n} staff members answered the region's survey, too few for a psychometric "
              "analysis (at least {minimum}), so this section is omitted.",
    },
    "failed": {
        "fi": "Osiota ei voitu laskea ({error}), joten se jätetään pois.",
        "sv": "Avsnittet kunde inte beräknas ({error}), så det utelämnas.",
        "en": "The section could not be computed ({error}), so it is omitted.",
    },
    "part_failed": {
        "fi": "Osaa '{part}' ei voitu laskea ({error}), joten se jätetään pois.",
        "sv": "Delen '{part}' kunde inte beräknas ({error}), så den utelämnas.",
        "en": "The part '{part}' could not be computed ({error}), so it is omitted.",
    },
    "warning": {"fi": "Laskennan varoitus: {message}", "sv": "Varning från beräkningen: {message}",
                "en": "Computation warning: {message}"},
    # ------------------------------------------------------------ other texts
    "published_intro": {
        "fi": "Koko maan luvut ({period} tai viimeisin julkaistu vuosi) alueen lukujen "
              "vertailukohdaksi.",
        "sv": "Hela landets siffror ({period} eller det senast publicerade året) som jämförelse "
              "för områdets siffror.",
        "en": "Figures for the whole country ({period} or the latest published year) to set "
              "the region's figures against.",
    },
    "survey_intro": {
        "fi": "Vates-työhönvalmennuskyselyn (2020) mittarilla kerätty henkilöstökysely: "
              "{n} vastaajaa.",
        "sv": "Personalenkät med Vates-instrumentet för arbetsträning (2020): {n} respondenter.",
        "en": "Staff survey with the Vates job coaching instrument (2020): {n} respondents.",
    },
    "disclosure": {
        "fi": "Tietosuoja: alle 5 henkilöä kuvaavat solut on peitetty (<5), eikä raportissa ole "
              "yksittäisten henkilöiden tietoja.",
        "sv": "Dataskydd: celler som beskriver färre än 5 personer är dolda (<5), och rapporten "
              "innehåller inga uppgifter om enskilda personer.",
        "en": "Disclosure control: cells describing fewer than 5 persons are suppressed (<5), "
              "and the report shows no individual persons.",
    },
    "synthetic_note": {
        "fi": "Aineisto on synteettistä: se on tuotettu paketin simulaattoreilla kunnittain, "
              "mitoitettuna kuntien todellisen väkiluvun mukaan, eikä se kuvaa todellisia "
              "asiakkaita.",
        "sv": "Data är syntetiska: de har genererats kommunvis med paketets simulatorer, "
              "dimensionerade efter kommunernas verkliga folkmängd, och beskriver inga "
              "verkliga klienter.",
        "en": "The data are synthetic: generated municipality by municipality with the "
              "package's simulators, sized from the municipalities' real population; they "
              "describe no real clients.",
    },
    "episodes_per_1000": {"fi": "Jaksoja / 1 000 asukasta", "sv": "Perioder / 1 000 invånare",
                          "en": "Episodes / 1,000 inhabitants"},
    "plot_population": {"fi": "Väkiluku", "sv": "Folkmängd", "en": "Population"},
}

# table headers (API columns are snake_case English; only what a report shows is translated)
_H: dict[str, dict[str, str]] = {
    "municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "code": {"fi": "Koodi", "sv": "Kod", "en": "Code"},
    "population": {"fi": "Väkiluku", "sv": "Folkmängd", "en": "Population"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "area": {"fi": "Työllisyysalue", "sv": "Sysselsättningsområde", "en": "Employment area"},
    "county": {"fi": "Hyvinvointialue", "sv": "Välfärdsområde",
               "en": "Wellbeing services county"},
    "episodes": {"fi": "Jaksot", "sv": "Perioder", "en": "Episodes"},
    "total": {"fi": "Yhteensä", "sv": "Totalt", "en": "Total"},
}

_LANG_VALUES: dict[str, dict[str, str]] = {
    "fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    "fi-sv": {"fi": "kaksikielinen (suomi, ruotsi)", "sv": "tvåspråkig (finska, svenska)",
              "en": "bilingual (Finnish, Swedish)"},
    "sv-fi": {"fi": "kaksikielinen (ruotsi, suomi)", "sv": "tvåspråkig (svenska, finska)",
              "en": "bilingual (Swedish, Finnish)"},
}
# fmt: on


def text(key: str, language: str, **kw: object) -> str:
    """The text ``key`` in ``language`` with ``{placeholders}`` filled from ``kw``."""
    check_choice("language", language, LANGUAGES)
    return _T[key][language].format(**kw) if kw else _T[key][language]


def header(key: str, language: str) -> str:
    """A table header in ``language`` (unknown keys are returned unchanged)."""
    check_choice("language", language, LANGUAGES)
    return _H[key][language] if key in _H else key


def language_label(value: object, language: str) -> str:
    """A municipality's language code (``fi``, ``sv``, ``fi-sv``, ``sv-fi``) as words."""
    key = str(value).strip().lower().replace("_", "-").replace("/", "-")
    if key in ("fi,sv", "fi+sv"):
        key = "fi-sv"
    if key in ("sv,fi", "sv+fi"):
        key = "sv-fi"
    return _LANG_VALUES[key][language] if key in _LANG_VALUES else str(value)


def number(value: float, language: str, digits: int = 0) -> str:
    """A number as the language writes it, the same rule as every report table
    (:func:`vaikuttavuus._numbers.fixed_number`: decimal comma and grouping from 10 000 in
    fi/sv, point and comma in en)."""
    return fixed_number(value, language, digits)


def keys() -> tuple[str, ...]:
    """Every text key (tests check fi/sv/en exist for all)."""
    return tuple(_T) + tuple(_H)


def all_texts() -> dict[str, dict[str, str]]:
    """Texts and headers by key, then language (a copy)."""
    return {k: dict(v) for k, v in {**_T, **_H}.items()}
