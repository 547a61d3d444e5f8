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
        "fi": "Alle 5 vastaajan ryhmiä ei näytetä eikä vertailla, eikä niitä ryhmiä, joista "
        "pienen ryhmän tiedot voisi päätellä erotuksena: {groups}.",
        "sv": "Grupper med färre än 5 respondenter visas inte och jämförs inte, inte heller "
        "grupper ur vilka en liten grupps uppgifter kunde räknas ut som en differens: {groups}.",
        "en": "Groups of fewer than 5 respondents are not shown or compared, nor groups from "
        "which a small group's figures could be worked out by difference: {groups}.",
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
    "ignored_columns": {
        "fi": "Koodikirjaan kuulumattomia sarakkeita ei luettu: {columns}.",
        "sv": "Kolumner som inte finns i kodboken lästes inte: {columns}.",
        "en": "Columns not in the codebook were not read: {columns}.",
    },
    "factor_match_note": {
        "fi": "Faktorit on numeroitu eksploratiivisen analyysin järjestyksessä, eivätkä ne ole "
              "koodikirjan summamuuttujia. Kunkin faktorin kohdalla on summamuuttuja, jonka "
              "väittämistä useimpien suurin lataus on sillä faktorilla.",
        "sv": "Faktorerna är numrerade i den explorativa analysens ordning och är inte "
              "kodbokens skalor. För varje faktor anges den skala vars påståenden oftast "
              "laddar högst på faktorn.",
        "en": "Factors are numbered in the order of the exploratory analysis; they are not the "
              "codebook's scales. Each factor is matched to the scale most of whose items load "
              "highest on it.",
    },
}  # fmt: skip


def text(key: str, language: str, **kwargs: object) -> str:
    """The text ``key`` in ``language`` with ``{placeholders}`` filled in."""
    check_choice("language", language, LANGUAGES)
    return _T[key][language].format(**kwargs)


# Texts of the presentation tables: column headers, index names and row labels. The API
# objects keep their snake_case English names; only the report's tables are translated.
_H: dict[str, dict[str, str]] = {
    # summary figures and table headings
    "n_factors": {"fi": "Faktoreita", "sv": "Faktorer", "en": "Factors"},
    "efa_agreement": {"fi": "Väittämiä oman summamuuttujansa faktorilla",
                      "sv": "Påståenden på sin skalas faktor",
                      "en": "Items on their scale's factor"},
    "value": {"fi": "Arvo", "sv": "Värde", "en": "Value"},
    "variance": {"fi": "Selitetty varianssi", "sv": "Förklarad varians",
                 "en": "Explained variance"},
    "parallel": {"fi": "Rinnakkaisanalyysin ominaisarvot", "sv": "Parallellanalysens egenvärden",
                 "en": "Eigenvalues of the parallel analysis"},
    "factor_match": {"fi": "Faktorit ja koodikirjan summamuuttujat",
                     "sv": "Faktorerna och kodbokens skalor",
                     "en": "Factors and the codebook's scales"},
    "omega_all": {"fi": "Omega, kaikki summamuuttujien väittämät",
                  "sv": "Omega, alla skalornas påståenden",
                  "en": "Omega, all scale items"},
    "all_items": {"fi": "Kaikki väittämät", "sv": "Alla påståenden", "en": "All items"},
    "distribution": {"fi": "Vastausjakaumat (%)", "sv": "Svarsfördelningar (%)",
                     "en": "Answer distributions (%)"},
    "msa": {"fi": "MSA", "sv": "MSA", "en": "MSA"},
    # reading log
    "rows_read": {"fi": "Luettuja rivejä", "sv": "Inlästa rader", "en": "Rows read"},
    "answers_read": {"fi": "Luettuja vastauksia", "sv": "Inlästa svar", "en": "Answers read"},
    "recoded_from_text": {"fi": "Tekstistä koodattuja", "sv": "Omkodade från text",
                          "en": "Recoded from text"},
    "set_missing": {"fi": "Puuttuviksi merkittyjä", "sv": "Satta som saknade",
                    "en": "Set missing"},
    "role": {"fi": "Rooli", "sv": "Roll", "en": "Role"},
    "item": {"fi": "Väittämä", "sv": "Påstående", "en": "Item"},
    "background": {"fi": "Taustamuuttuja", "sv": "Bakgrundsvariabel", "en": "Background"},
    "outcome": {"fi": "Tulosmuuttuja", "sv": "Utfallsvariabel", "en": "Outcome"},
    "answers": {"fi": "Vastauksia", "sv": "Svar", "en": "Answers"},
    "numeric": {"fi": "Numeerisia", "sv": "Numeriska", "en": "Numeric"},
    "recoded": {"fi": "Tekstistä koodattuja", "sv": "Omkodade från text",
                "en": "Recoded from text"},
    "dont_know": {"fi": "En osaa sanoa", "sv": "Vet inte", "en": "Don't know"},
    "missing_code": {"fi": "Puuttuvan tiedon koodi", "sv": "Bortfallskod",
                     "en": "Missing-value code"},
    "out_of_range": {"fi": "Asteikon ulkopuolella", "sv": "Utanför skalan", "en": "Out of range"},
    "valid": {"fi": "Kelvollisia", "sv": "Giltiga", "en": "Valid"},
    "empty": {"fi": "Tyhjiä", "sv": "Tomma", "en": "Empty"},
    # missingness
    "n_answered": {"fi": "Vastanneita", "sv": "Svarande", "en": "Answered"},
    "n_missing": {"fi": "Puuttuu", "sv": "Saknas", "en": "Missing"},
    "pct_missing": {"fi": "Puuttuu (%)", "sv": "Saknas (%)", "en": "Missing (%)"},
    "n_respondents": {"fi": "Vastaajia", "sv": "Respondenter", "en": "Respondents"},
    "pct": {"fi": "%", "sv": "%", "en": "%"},
    "n_missing_items": {"fi": "Puuttuvia vastauksia", "sv": "Saknade svar",
                        "en": "Missing answers"},
    # adequacy
    "kmo": {"fi": "KMO", "sv": "KMO", "en": "KMO"},
    "bartlett_chi_square": {"fi": "Bartlettin testi: χ²", "sv": "Bartletts test: χ²",
                            "en": "Bartlett's test: χ²"},
    "bartlett_df": {"fi": "Bartlettin testi: vapausasteet", "sv": "Bartletts test: frihetsgrader",
                    "en": "Bartlett's test: degrees of freedom"},
    "bartlett_p_value": {"fi": "Bartlettin testi: p", "sv": "Bartletts test: p",
                         "en": "Bartlett's test: p"},
    # factor analysis
    "factor": {"fi": "Faktori", "sv": "Faktor", "en": "Factor"},
    "factor_n": {"fi": "Faktori {k}", "sv": "Faktor {k}", "en": "Factor {k}"},
    "scale": {"fi": "Summamuuttuja", "sv": "Skala", "en": "Scale"},
    "h2": {"fi": "Kommunaliteetti (h²)", "sv": "Kommunalitet (h²)", "en": "Communality (h²)"},
    "ss_loadings": {"fi": "Latausten neliösumma", "sv": "Laddningarnas kvadratsumma",
                    "en": "Sum of squared loadings"},
    "proportion_var": {"fi": "Osuus varianssista", "sv": "Andel av variansen",
                       "en": "Proportion of variance"},
    "cumulative_var": {"fi": "Kumulatiivinen osuus varianssista",
                       "sv": "Kumulativ andel av variansen",
                       "en": "Cumulative proportion of variance"},
    "proportion_explained": {"fi": "Osuus selitetystä varianssista",
                             "sv": "Andel av den förklarade variansen",
                             "en": "Proportion of explained variance"},
    "cumulative_proportion": {"fi": "Kumulatiivinen osuus selitetystä varianssista",
                              "sv": "Kumulativ andel av den förklarade variansen",
                              "en": "Cumulative proportion of explained variance"},
    "best_scale": {"fi": "Parhaiten vastaava summamuuttuja", "sv": "Bäst motsvarande skala",
                   "en": "Best-matching scale"},
    "primary_items": {"fi": "Väittämiä, joiden suurin lataus on tällä faktorilla",
                      "sv": "Påståenden med högst laddning på faktorn",
                      "en": "Items loading highest on this factor"},
    "scale_items_here": {"fi": "Summamuuttujan väittämistä tällä faktorilla",
                         "sv": "Skalans påståenden på faktorn",
                         "en": "Of the scale's items on this factor"},
    "no_scale": {"fi": "ei vastaavaa summamuuttujaa", "sv": "ingen motsvarande skala",
                 "en": "no matching scale"},
    "number": {"fi": "Nro", "sv": "Nr", "en": "No."},
    "observed_fa": {"fi": "Havaittu (faktorit)", "sv": "Observerat (faktorer)",
                    "en": "Observed (factors)"},
    "simulated_fa": {"fi": "Simuloitu (faktorit)", "sv": "Simulerat (faktorer)",
                     "en": "Simulated (factors)"},
    "resampled_fa": {"fi": "Uudelleenotanta (faktorit)", "sv": "Omsamplat (faktorer)",
                     "en": "Resampled (factors)"},
    "observed_pc": {"fi": "Havaittu (pääkomponentit)", "sv": "Observerat (komponenter)",
                    "en": "Observed (components)"},
    "simulated_pc": {"fi": "Simuloitu (pääkomponentit)", "sv": "Simulerat (komponenter)",
                     "en": "Simulated (components)"},
    "resampled_pc": {"fi": "Uudelleenotanta (pääkomponentit)", "sv": "Omsamplat (komponenter)",
                     "en": "Resampled (components)"},
    "simulated_fa_mean": {"fi": "Simuloitu, keskiarvo (faktorit)",
                          "sv": "Simulerat, medelvärde (faktorer)",
                          "en": "Simulated, mean (factors)"},
    "resampled_fa_mean": {"fi": "Uudelleenotanta, keskiarvo (faktorit)",
                          "sv": "Omsamplat, medelvärde (faktorer)",
                          "en": "Resampled, mean (factors)"},
    "simulated_pc_mean": {"fi": "Simuloitu, keskiarvo (pääkomponentit)",
                          "sv": "Simulerat, medelvärde (komponenter)",
                          "en": "Simulated, mean (components)"},
    "resampled_pc_mean": {"fi": "Uudelleenotanta, keskiarvo (pääkomponentit)",
                          "sv": "Omsamplat, medelvärde (komponenter)",
                          "en": "Resampled, mean (components)"},
    # reliability
    "k": {"fi": "Väittämiä", "sv": "Påståenden", "en": "Items"},
    "n": {"fi": "n", "sv": "n", "en": "n"},
    "alpha": {"fi": "Alfa (α)", "sv": "Alfa (α)", "en": "Alpha (α)"},
    "ci_low": {"fi": "95 %:n LV, alaraja", "sv": "95 % KI, nedre", "en": "95 % CI, lower"},
    "ci_high": {"fi": "95 %:n LV, yläraja", "sv": "95 % KI, övre", "en": "95 % CI, upper"},
    "omega_total": {"fi": "Kokonaisomega (ω_t)", "sv": "Total omega (ω_t)",
                    "en": "Omega total (ω_t)"},
    "omega_hierarchical": {"fi": "Hierarkkinen omega (ω_h)", "sv": "Hierarkisk omega (ω_h)",
                           "en": "Omega hierarchical (ω_h)"},
    "std_alpha": {"fi": "Standardoitu alfa", "sv": "Standardiserad alfa",
                  "en": "Standardised alpha"},
    "average_r": {"fi": "Väittämien keskikorrelaatio", "sv": "Medelkorrelation",
                  "en": "Average inter-item r"},
    "items": {"fi": "Väittämiä", "sv": "Påståenden", "en": "Items"},
    "group_factors": {"fi": "Ryhmäfaktoreita", "sv": "Gruppfaktorer", "en": "Group factors"},
    "mean": {"fi": "Keskiarvo", "sv": "Medelvärde", "en": "Mean"},
    "sd": {"fi": "Keskihajonta", "sv": "Standardavvikelse", "en": "SD"},
    "median": {"fi": "Mediaani", "sv": "Median", "en": "Median"},
    "r_drop": {"fi": "Korjattu osioiden ja summan korrelaatio",
               "sv": "Korrigerad korrelation med skalan", "en": "Corrected item-total r"},
    "alpha_if_deleted": {"fi": "Alfa ilman väittämää", "sv": "Alfa utan påståendet",
                         "en": "Alpha if item deleted"},
    # correlations and groups
    "x": {"fi": "Muuttuja 1", "sv": "Variabel 1", "en": "Variable 1"},
    "y": {"fi": "Muuttuja 2", "sv": "Variabel 2", "en": "Variable 2"},
    "r": {"fi": "r", "sv": "r", "en": "r"},
    "p_value": {"fi": "p", "sv": "p", "en": "p"},
    "label": {"fi": "Tulkinta", "sv": "Tolkning", "en": "Interpretation"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "groups": {"fi": "Ryhmiä", "sv": "Grupper", "en": "Groups"},
    "welch_f": {"fi": "Welchin F", "sv": "Welchs F", "en": "Welch's F"},
    "df1": {"fi": "df₁", "sv": "df₁", "en": "df₁"},
    "df2": {"fi": "df₂", "sv": "df₂", "en": "df₂"},
    "welch_p_value": {"fi": "Welchin p", "sv": "Welchs p", "en": "Welch's p"},
    "eta_sq": {"fi": "η²", "sv": "η²", "en": "η²"},
    "kruskal_h": {"fi": "Kruskal–Wallisin H", "sv": "Kruskal–Wallis H", "en": "Kruskal–Wallis H"},
    "kruskal_p_value": {"fi": "Kruskal–Wallisin p", "sv": "Kruskal–Wallis p", "en": "Kruskal–Wallis p"},
    "epsilon_sq": {"fi": "ε²", "sv": "ε²", "en": "ε²"},
}  # fmt: skip


def header(key: str, language: str, **kwargs: object) -> str:
    """The table header / row label ``key`` in ``language``; unknown keys are returned as is
    (names that are data, e.g. answer labels, item texts)."""
    check_choice("language", language, LANGUAGES)
    entry = _H.get(key)
    return key if entry is None else entry[language].format(**kwargs)


# Notes of the reading log (io.read_survey writes them in English) as regular expressions.
_NOTES: tuple[tuple[str, dict[str, str]], ...] = (
    (r"numbers with a decimal comma were read as decimals",
     {"fi": "Desimaalipilkulliset luvut luettiin desimaalilukuina.",
      "sv": "Tal med decimalkomma lästes som decimaltal.",
      "en": "Numbers with a decimal comma were read as decimals."}),
    (r"(?P<n>\d+) completely empty row\(s\) were skipped",
     {"fi": "{n} täysin tyhjää riviä ohitettiin.", "sv": "{n} helt tomma rader hoppades över.",
      "en": "{n} completely empty row(s) were skipped."}),
    (r"SPSS value labels were mapped through the codebook",
     {"fi": "SPSS-arvoselitteet muunnettiin koodikirjan avulla.",
      "sv": "SPSS-värdeetiketter omkodades enligt kodboken.",
      "en": "SPSS value labels were mapped through the codebook."}),
    (r"the file is not UTF-8; it was read as (?P<enc>.+)",
     {"fi": "Tiedosto ei ole UTF-8-muodossa; se luettiin merkistöllä {enc}.",
      "sv": "Filen är inte i UTF-8; den lästes som {enc}.",
      "en": "The file is not UTF-8; it was read as {enc}."}),
    (r"the file is UTF-16 \(with a byte order mark\)",
     {"fi": "Tiedosto on UTF-16-muodossa (tavujärjestysmerkillä).",
      "sv": "Filen är i UTF-16 (med byte order mark).",
      "en": "The file is UTF-16 (with a byte order mark)."}),
    (r"the text looks doubly encoded.*",
     {"fi": "Teksti näyttää kahdesti koodatulta (esim. 'Ã¤' eikä 'ä'): vastaukset eivät "
            "ehkä vastaa koodikirjaa.",
      "sv": "Texten ser dubbelkodad ut (t.ex. 'Ã¤' i stället för 'ä'): svaren kanske inte "
            "motsvarar kodboken.",
      "en": "The text looks doubly encoded (e.g. 'Ã¤' for 'ä'): answers may not match the "
            "codebook."}),
    (r"(?P<n>\d+) answer\(s\) outside the scale were set missing: (?P<values>.*)",
     {"fi": "{n} asteikon ulkopuolista vastausta merkittiin puuttuviksi: {values}.",
      "sv": "{n} svar utanför skalan sattes som saknade: {values}.",
      "en": "{n} answer(s) outside the scale were set missing: {values}."}),
)  # fmt: skip

_TIMES = {"fi": "kertaa", "sv": "gånger", "en": "times"}


def _count(n: int) -> str:
    """A count as published: fewer than MIN_CELL_SIZE (but not 0) reads "<5" (disclosure control)."""
    from ..disclosure import MIN_CELL_SIZE

    return f"<{MIN_CELL_SIZE}" if 0 < n < MIN_CELL_SIZE else str(n)


def reading_note(note: str, language: str) -> str:
    """A note of the reading log in ``language`` (a note not known here is kept as is)."""
    import re

    check_choice("language", language, LANGUAGES)
    for pattern, texts in _NOTES:
        m = re.fullmatch(pattern, note.strip().rstrip("."), flags=re.DOTALL)
        if m:
            kw = m.groupdict()
            if "values" in kw:  # answers outside the scale: counts of persons per value
                kw["n"] = _count(int(kw["n"]))
                kw["values"] = re.sub(
                    r"\((\d+) times\)",
                    lambda c: f"({_count(int(c.group(1)))} {_TIMES[language]})",
                    kw["values"],
                )
            return texts[language].format(**kw)
    return note
