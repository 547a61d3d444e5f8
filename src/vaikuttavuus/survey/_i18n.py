"""Report texts in Finnish, Swedish and English (the notebook takes every text from here)."""

from __future__ import annotations

from .._validation import check_choice

LANGUAGES = ("fi", "sv", "en")

_T: dict[str, dict[str, str]] = {
    "title": {"fi": "Kyselyn psykometrinen raportti", "sv": "Psykometrisk rapport om enkäten",
              "en": "Psychometric report of the survey"},
    "reading": {"fi": "Aineiston lukeminen", "sv": "Inläsning av data", "en": "Reading the data"},
    "reading_text": {
        "fi": "Tiedostosta luetut rivit ja vastaukset sekä koodikirjan avulla tehdyt muunnokset.",
        "sv": "Rader och svar som lästes från filen samt omkodningar enligt kodboken.",
        "en": "Rows and answers read from the file and what the codebook recoded.",
    },
    "responses": {"fi": "Vastaajat ja vastausjakaumat", "sv": "Respondenter och svarsfördelningar",
                  "en": "Respondents and answer distributions"},
    "responses_text": {
        "fi": "Väittämien vastausjakaumat (%). Käänteiset väittämät on esitetty alkuperäisinä.",
        "sv": "Svarsfördelningar för påståendena (%). Omvända påståenden visas som de besvarades.",
        "en": "Answer distributions of the statements (%). Reverse-keyed items are shown as answered.",
    },
    "missing": {"fi": "Puuttuvat vastaukset", "sv": "Bortfall", "en": "Missing answers"},
    "missing_text": {
        "fi": "Puuttuvien vastausten määrä väittämittäin ja vastaajittain (jakaumana).",
        "sv": "Antal saknade svar per påstående och per respondent (som fördelning).",
        "en": "Missing answers per item and per respondent (as a distribution).",
    },
    "adequacy": {"fi": "Aineiston soveltuvuus faktorianalyysiin",
                 "sv": "Datas lämplighet för faktoranalys", "en": "Suitability for factor analysis"},
    "factors": {"fi": "Faktorien määrä ja eksploratiivinen faktorianalyysi",
                "sv": "Antal faktorer och explorativ faktoranalys",
                "en": "Number of factors and exploratory factor analysis"},
    "reliability": {"fi": "Summamuuttujien reliabiliteetti", "sv": "Skalornas reliabilitet",
                    "en": "Reliability of the scales"},
    "scores": {"fi": "Summamuuttujat ja niiden yhteydet", "sv": "Skalpoäng och samband",
               "en": "Scale scores and their correlations"},
    "groups": {"fi": "Ryhmävertailut", "sv": "Gruppjämförelser", "en": "Group comparisons"},
    "groups_text": {
        "fi": "Summamuuttujien keskiarvot taustamuuttujan ryhmissä; Welchin varianssianalyysi "
              "ja Kruskal–Wallisin testi vaikutuskokoineen.",
        "sv": "Skalornas medelvärden per grupp; Welchs variansanalys och Kruskal–Wallis test "
              "med effektstorlekar.",
        "en": "Scale means by group; Welch's ANOVA and the Kruskal–Wallis test with effect sizes.",
    },
    "disclosure": {
        "fi": "Tietosuoja: alle 5 vastaajaa kuvaavat solut on peitetty (<5), eikä raportissa "
              "ole yksittäisten vastaajien tietoja.",
        "sv": "Dataskydd: celler som beskriver färre än 5 respondenter är dolda (<5), och "
              "rapporten innehåller inga uppgifter om enskilda respondenter.",
        "en": "Disclosure control: cells describing fewer than 5 respondents are suppressed "
              "(<5), and the report shows no individual respondents.",
    },
    "small_groups": {
        "fi": "Alle 5 vastaajan ryhmiä ei näytetä eikä vertailla: {groups}.",
        "sv": "Grupper med färre än 5 respondenter visas inte och jämförs inte: {groups}.",
        "en": "Groups of fewer than 5 respondents are not shown or compared: {groups}.",
    },
    "too_few_groups": {
        "fi": "{variable}: vertailuun ei jää vähintään kahta vähintään 5 vastaajan ryhmää.",
        "sv": "{variable}: det finns inte två grupper med minst 5 respondenter att jämföra.",
        "en": "{variable}: fewer than two groups of at least 5 respondents remain to compare.",
    },
    "n_factors_parallel": {
        "fi": "Rinnakkaisanalyysi ehdottaa {k} faktoria; analyysi tehtiin {k} faktorilla.",
        "sv": "Parallellanalysen föreslår {k} faktorer; analysen gjordes med {k} faktorer.",
        "en": "Parallel analysis suggests {k} factor(s); the analysis used {k}.",
    },
    "n_factors_given": {
        "fi": "Faktorien määrä annettiin: {k}.", "sv": "Antalet faktorer angavs: {k}.",
        "en": "The number of factors was given: {k}.",
    },
    "n_factors_scales": {
        "fi": "Rinnakkaisanalyysi ei ollut käytettävissä; faktorien määrä = koodikirjan "
              "summamuuttujien määrä ({k}).",
        "sv": "Parallellanalys var inte tillgänglig; antalet faktorer = antalet skalor i "
              "kodboken ({k}).",
        "en": "Parallel analysis was not available; number of factors = number of scales in "
              "the codebook ({k}).",
    },
    "efa_method": {
        "fi": "Menetelmä {method}, rotaatio {rotation}, n = {n}.",
        "sv": "Metod {method}, rotation {rotation}, n = {n}.",
        "en": "Method {method}, rotation {rotation}, n = {n}.",
    },
    "assignment": {
        "fi": "{agree}/{total} väittämää latautuu eniten sille faktorille, joka vastaa niiden "
              "summamuuttujaa koodikirjassa.",
        "sv": "{agree}/{total} påståenden laddar högst på den faktor som motsvarar deras skala "
              "i kodboken.",
        "en": "{agree}/{total} items load highest on the factor matching their codebook scale.",
    },
    "reverse_note": {
        "fi": "Käänteiset väittämät käännettiin ennen reliabiliteettia ja summamuuttujia: {items}.",
        "sv": "Omvända påståenden vändes före reliabilitet och skalpoäng: {items}.",
        "en": "Reverse-keyed items were reversed before reliability and scale scores: {items}.",
    },
    "omega_scale_note": {
        "fi": "Omega (ω_t, kokonaisomega) laskettiin kullekin summamuuttujalle sen väittämien "
              "yksifaktorimallista (minres) samoin käännöksin kuin alfa. Yhden faktorin "
              "mallissa hierarkkinen omega ei ole mielekäs, joten sitä ei raportoida "
              "summamuuttujittain.",
        "sv": "Omega (ω_t, total omega) beräknades för varje skala från en enfaktormodell "
              "(minres) av skalans påståenden, med samma omvändningar som alfa. Hierarkisk "
              "omega är inte meningsfull för en faktor och redovisas därför inte per skala.",
        "en": "Omega total (ω_t) of each scale is from a one-factor model (minres) of its "
              "items, with the same reverse keying as alpha. Omega hierarchical is not "
              "meaningful for one factor and is not reported per scale.",
    },
    "omega_few_items": {
        "fi": "Omegaa ei laskettu alle 3 väittämän summamuuttujille: {scales}.",
        "sv": "Omega beräknades inte för skalor med färre än 3 påståenden: {scales}.",
        "en": "Omega was not computed for scales of fewer than 3 items: {scales}.",
    },
    "omega_note": {
        "fi": "Lisäksi omega (kokonais- ja hierarkkinen) laskettiin kaikista summamuuttujien "
              "väittämistä yhdessä, ryhmäfaktoreita yhtä monta kuin summamuuttujia "
              "(Schmid–Leiman).",
        "sv": "Dessutom beräknades omega (total och hierarkisk) för alla skalornas påståenden "
              "tillsammans, med lika många gruppfaktorer som skalor (Schmid–Leiman).",
        "en": "In addition, omega (total and hierarchical) was computed for all scale items "
              "together, with as many group factors as scales (Schmid–Leiman).",
    },
    "no_scales": {
        "fi": "Koodikirjassa ei ole summamuuttujia.", "sv": "Kodboken har inga skalor.",
        "en": "The codebook declares no scales.",
    },
    "no_outcomes": {
        "fi": "Koodikirjassa ei ole tulosmuuttujia.", "sv": "Kodboken har inga utfallsvariabler.",
        "en": "The codebook declares no outcome variables.",
    },
    "no_background": {
        "fi": "Koodikirjassa ei ole taustamuuttujia.", "sv": "Kodboken har inga bakgrundsvariabler.",
        "en": "The codebook declares no background variables.",
    },
    "constant": {
        "fi": "Vakiomuuttujat jätettiin korrelaatioista pois: {variables}.",
        "sv": "Konstanta variabler utelämnades ur korrelationerna: {variables}.",
        "en": "Constant variables were left out of the correlations: {variables}.",
    },
    "respondents": {"fi": "Vastaajia", "sv": "Respondenter", "en": "Respondents"},
    "items": {"fi": "Väittämiä", "sv": "Påståenden", "en": "Items"},
    "likert_axis": {"fi": "Osuus vastaajista (%)", "sv": "Andel respondenter (%)",
                    "en": "Share of respondents (%)"},
    "likert_hidden": {
        "fi": "Kuviosta on jätetty pois alle 5 vastaajan osat.",
        "sv": "Delar med färre än 5 respondenter visas inte i figuren.",
        "en": "Segments of fewer than 5 respondents are not drawn.",
    },
    "kmo": {"fi": "KMO (Kaiser–Meyer–Olkin)", "sv": "KMO (Kaiser–Meyer–Olkin)",
            "en": "KMO (Kaiser–Meyer–Olkin)"},
    "bartlett": {"fi": "Bartlettin sfäärisyystesti", "sv": "Bartletts sfäricitetstest",
                 "en": "Bartlett's test of sphericity"},
    "per_item": {"fi": "Väittämittäin", "sv": "Per påstående", "en": "Per item"},
    "per_respondent": {"fi": "Vastaajittain: puuttuvien vastausten määrä",
                       "sv": "Per respondent: antal saknade svar",
                       "en": "Per respondent: number of missing answers"},
    "loadings": {"fi": "Faktorilataukset", "sv": "Faktorladdningar", "en": "Factor loadings"},
    "phi": {"fi": "Faktorien korrelaatiot", "sv": "Faktorkorrelationer",
            "en": "Factor correlations"},
    "item_stats": {"fi": "Väittämäanalyysi", "sv": "Påståendeanalys", "en": "Item statistics"},
    "scale_desc": {"fi": "Summamuuttujien kuvailu", "sv": "Beskrivning av skalorna",
                   "en": "Scale score descriptives"},
    "scale_corr": {"fi": "Korrelaatiot", "sv": "Korrelationer", "en": "Correlations"},
    "group_means": {"fi": "Ryhmien keskiarvot", "sv": "Gruppmedelvärden", "en": "Group means"},
    "group_tests": {"fi": "Testit", "sv": "Test", "en": "Tests"},
    "suppressed_rows": {
        "fi": "{n} riviä peitettiin, koska ne kuvaavat alle 5 vastaajaa.",
        "sv": "{n} rader doldes eftersom de beskriver färre än 5 respondenter.",
        "en": "{n} row(s) were suppressed because they describe fewer than 5 respondents.",
    },
    "dont_know": {"fi": "En osaa sanoa", "sv": "Vet inte", "en": "Don't know"},
    "no_answer": {"fi": "Ei vastausta", "sv": "Inget svar", "en": "No answer"},
}  # fmt: skip


def text(key: str, language: str, **kwargs: object) -> str:
    """The text ``key`` in ``language`` with ``{placeholders}`` filled in."""
    check_choice("language", language, LANGUAGES)
    return _T[key][language].format(**kwargs)
