"""Texts of the IPS report in Finnish, Swedish and English."""

from __future__ import annotations

from .._validation import check_choice

LANGUAGES = ("fi", "sv", "en")

_T: dict[str, dict[str, str]] = {
    "title": {"fi": "IPS-työhönvalmennuksen tulokset ja menetelmäuskollisuus",
              "sv": "IPS-arbetsstödets resultat och metodtrohet",
              "en": "IPS supported employment: outcomes and fidelity"},
    "all_regions": {"fi": "kaikki alueet", "sv": "alla områden", "en": "all regions"},
    "overview": {"fi": "Yleiskuva", "sv": "Översikt", "en": "Overview"},
    "overview_text": {
        "fi": "IPS-asiakkaat, työpaikat ja seuranta-aika. Luvut koskevat IPS-ryhmää; "
              "vertailuryhmä on mukana vain vertailuosiossa.",
        "sv": "IPS-klienter, arbeten och uppföljningstid. Siffrorna gäller IPS-gruppen; "
              "jämförelsegruppen ingår bara i jämförelseavsnittet.",
        "en": "IPS clients, jobs and follow-up. Figures are for the IPS group; the comparison "
              "group appears only in the comparison section.",
    },
    "employment": {"fi": "Työllisyysaste neljännesvuosittain", "sv": "Sysselsättningsgrad per kvartal",
                   "en": "Quarterly employment rate"},
    "employment_text": {
        "fi": "Avoimilla työmarkkinoilla neljänneksen aikana työskennelleet / neljänneksen aikana "
              "palvelussa olleet (IPS Learning Community). Toinen nimittäjä: vain lähetyshetkellä "
              "työttömät (IPS Grow vuodesta 2024).",
        "sv": "Klienter som arbetat på den öppna arbetsmarknaden under kvartalet / klienter i "
              "tjänsten under kvartalet (IPS Learning Community). Andra nämnaren: endast de som "
              "saknade arbete vid remissen (IPS Grow sedan 2024).",
        "en": "Clients who worked in a competitive job during the quarter / clients served in the "
              "quarter (IPS Learning Community). Second denominator: only clients out of work at "
              "referral (IPS Grow since 2024).",
    },
    "benchmarks": {"fi": "Yksiköt suhteessa vertailutasoihin", "sv": "Enheterna mot riktmärkena",
                   "en": "Sites against the benchmarks"},
    "benchmarks_text": {
        "fi": "Työllisyysaste viimeisten neljän neljänneksen ajalta yhdistettynä; vertailutasot "
              "31 % (vähimmäistaso), 41 % (keskitaso) ja 50 % (erinomainen).",
        "sv": "Sysselsättningsgraden för de fyra senaste kvartalen sammantaget; riktmärken 31 % "
              "(miniminivå), 41 % (genomsnitt) och 50 % (utmärkt).",
        "en": "Employment rate pooled over the last four quarters; benchmarks 31 % (minimum), "
              "41 % (average) and 50 % (excellent).",
    },
    "job_start": {"fi": "Aika ensimmäiseen työpaikkaan", "sv": "Tid till första arbetet",
                  "en": "Time to the first job"},
    "job_start_text": {
        "fi": "Päivät IPS-asiakkuuden alusta ensimmäiseen avoimien työmarkkinoiden työhön "
              "(Kaplan–Meier; sensurointi asiakkuuden päättyessä tai seurannan lopussa). "
              "Mediaanin luottamusväli: Brookmeyer–Crowley (log-log).",
        "sv": "Dagar från början av IPS-tjänsten till det första arbetet på den öppna "
              "arbetsmarknaden (Kaplan–Meier; censurering vid avslut eller uppföljningens slut). "
              "Medianens konfidensintervall: Brookmeyer–Crowley (log-log).",
        "en": "Days from enrolment to the first competitive job (Kaplan–Meier; censored at "
              "discharge or the end of follow-up). CI of the median: Brookmeyer–Crowley (log-log).",
    },
    "tenure": {"fi": "Työsuhteiden kesto", "sv": "Anställningarnas längd", "en": "Job tenure"},
    "tenure_text": {
        "fi": "Avoimien työmarkkinoiden työsuhteiden kesto päivinä (Kaplan–Meier; jatkuvat "
              "työsuhteet sensuroitu seurannan lopussa). Yksikkönä työsuhde.",
        "sv": "Anställningarnas längd i dagar (Kaplan–Meier; pågående anställningar censurerade "
              "vid uppföljningens slut). Enheten är anställningen.",
        "en": "Length of competitive jobs in days (Kaplan–Meier; ongoing jobs censored at the end "
              "of follow-up). The unit is the job.",
    },
    "caseload": {"fi": "Asiakasmäärä työhönvalmentajaa kohden", "sv": "Klienter per arbetsspecialist",
                 "en": "Caseload per employment specialist"},
    "caseload_text": {
        "fi": "Asiakkaat viimeisen neljänneksen lopussa. Menetelmäuskollisuuden kohta 1 edellyttää "
              "enintään 20 asiakasta kokoaikaista työhönvalmentajaa kohden. Yksiköistä, joissa on "
              "1–4 työhönvalmentajaa, näytetään vain kohdan 1 pisteet (keskiarvosta saisi "
              "valmentajien määrän ja yksittäisen valmentajan asiakasmäärän).",
        "sv": "Klienter vid slutet av det senaste kvartalet. Metodtrohetens punkt 1 kräver högst 20 "
              "klienter per heltidsanställd arbetsspecialist. För enheter med 1–4 "
              "arbetsspecialister visas bara poängen för punkt 1 (medelvärdet skulle avslöja "
              "antalet specialister och en enskild specialists klientantal).",
        "en": "Clients at the end of the last quarter. Fidelity item 1 wants 20 or fewer per "
              "full-time employment specialist. Sites with 1-4 specialists show the item 1 score "
              "only (the mean would give their number and a single specialist's caseload back).",
    },
    "comparison": {"fi": "IPS ja vertailuryhmä", "sv": "IPS och jämförelsegruppen",
                   "en": "IPS and the comparison group"},
    "comparison_text": {
        "fi": "Avoimilla työmarkkinoilla työskennelleet {days} päivän kuluessa alusta (vain ne, "
              "joiden seuranta-aika riittää). Riskisuhde: Katzin log-väli; erotus: Newcomben "
              "hybridi-score-väli; vakioitu vetosuhde: logistinen regressio ({covariates}).",
        "sv": "Andel som arbetat på den öppna arbetsmarknaden inom {days} dagar från start (endast "
              "de med tillräcklig uppföljning). Riskkvot: Katz log-intervall; skillnad: Newcombes "
              "hybrid-score-intervall; justerad oddskvot: logistisk regression ({covariates}).",
        "en": "Worked in a competitive job within {days} days of enrolment (complete follow-up "
              "only). Risk ratio: Katz log interval; difference: Newcombe hybrid score interval; "
              "adjusted odds ratio: logistic regression ({covariates}).",
    },
    "no_comparison": {"fi": "Aineistossa ei ole vertailuryhmää.",
                      "sv": "Data innehåller ingen jämförelsegrupp.",
                      "en": "The data have no comparison group."},
    "small_comparison": {
        "fi": "Vertailua ei esitetä: IPS- tai vertailuryhmässä on alle 5 henkilöä, joiden "
              "seuranta kattaa {days} päivää.",
        "sv": "Ingen jämförelse: IPS- eller jämförelsegruppen har färre än 5 personer med "
              "{days} dagars uppföljning.",
        "en": "No comparison: the IPS or the comparison group has fewer than 5 persons with "
              "{days} days of follow-up.",
    },
    "enrolled_later": {
        "fi": "{n} asiakasta tuli palveluun seurannan päättymisen ({as_of}) jälkeen; heitä ei "
              "ole mukana.",
        "sv": "{n} klienter kom in i tjänsten efter uppföljningens slut ({as_of}) och ingår inte.",
        "en": "{n} clients enrolled after the end of follow-up ({as_of}) are left out.",
    },
    "meta_note": {
        "fi": "Satunnaistettujen tutkimusten meta-analyyseissä IPS:n riskisuhde on ollut noin "
              "1,6–2,4 (taulukko).",
        "sv": "I metaanalyser av randomiserade studier har IPS riskkvot varit cirka 1,6–2,4 "
              "(tabellen).",
        "en": "Meta-analyses of randomised trials found risk ratios of about 1.6–2.4 for IPS "
              "(table).",
    },
    "fidelity": {"fi": "Menetelmäuskollisuus (IPS-25)", "sv": "Metodtrohet (IPS-25)",
                 "en": "Fidelity (IPS-25)"},
    "fidelity_text": {
        "fi": "Arviointien kokonaispisteet (25–125) ja luokka: erinomainen 115–125, hyvä 100–114, "
              "kohtalainen 74–99, ei IPS-mallin mukainen ≤ 73 (Becker ym. 2019).",
        "sv": "Bedömningarnas totalpoäng (25–125) och klass: utmärkt 115–125, god 100–114, "
              "godtagbar 74–99, inte IPS ≤ 73 (Becker m.fl. 2019).",
        "en": "Review totals (25–125) and band: exemplary 115–125, good 100–114, fair 74–99, "
              "not IPS ≤ 73 (Becker et al. 2019).",
    },
    "no_fidelity": {"fi": "Menetelmäuskollisuusarviointeja ei annettu.",
                    "sv": "Inga bedömningar av metodtrohet gavs.",
                    "en": "No fidelity reviews were given."},
    "data": {"fi": "Aineiston tarkistukset", "sv": "Kontroller av data", "en": "Data checks"},
    "data_text": {
        "fi": "Mitä aineistosta löytyi ja miten se käsiteltiin. Päällekkäiset työsuhteet "
              "yhdistettiin, jotta yhtäkään päivää ei lasketa kahdesti.",
        "sv": "Vad som hittades i data och hur det hanterades. Överlappande anställningar slogs "
              "ihop så att ingen dag räknas två gånger.",
        "en": "What the checks found and what was done. Overlapping jobs were merged so that no "
              "day is counted twice.",
    },
    "disclosure": {
        "fi": "Tietosuoja: alle 5 henkilöä kuvaavat solut on peitetty (<5), samoin niistä "
              "laskettavat osuudet ja mediaanit; Kaplan–Meier-käyrät päättyvät, kun riskijoukossa "
              "on alle 5 henkilöä.",
        "sv": "Dataskydd: celler som beskriver färre än 5 personer är dolda (<5), liksom andelar "
              "och medianer som räknas ur dem; Kaplan–Meier-kurvorna slutar när färre än 5 "
              "personer är i riskmängden.",
        "en": "Disclosure control: cells describing fewer than 5 persons are suppressed (<5), as "
              "are shares and medians computed from them; Kaplan–Meier curves stop where fewer "
              "than 5 persons are at risk.",
    },
    "synthetic_note": {
        "fi": "Aineisto on synteettistä (vaikuttavuus.ips.simulate_ips): luvut eivät kuvaa "
              "todellisia yksiköitä.",
        "sv": "Data är syntetiska (vaikuttavuus.ips.simulate_ips): siffrorna beskriver inte "
              "verkliga enheter.",
        "en": "The data are synthetic (vaikuttavuus.ips.simulate_ips): the figures describe no "
              "real sites.",
    },
    "funnel_text": {
        "fi": "Suppilokuvio: {days} päivän kuluessa työllistyneiden osuus yksiköittäin "
              "(Spiegelhalter 2005).",
        "sv": "Trattdiagram: andel som fått arbete inom {days} dagar per enhet (Spiegelhalter 2005).",
        "en": "Funnel plot: share working within {days} days by site (Spiegelhalter 2005).",
    },
    "no_funnel": {"fi": "Suppilokuviota ei piirretty: liian vähän asiakkaita, joiden seuranta riittää.",
                  "sv": "Inget trattdiagram: för få klienter med tillräcklig uppföljning.",
                  "en": "No funnel plot: too few clients with complete follow-up."},
    "warnings": {"fi": "Huomautukset aineistosta: {n}", "sv": "Anmärkningar om data: {n}",
                 "en": "Notes on the data: {n}"},
    "axis_quarter": {"fi": "Neljännes", "sv": "Kvartal", "en": "Quarter"},
    "axis_rate": {"fi": "Työllisyysaste (%)", "sv": "Sysselsättningsgrad (%)",
                  "en": "Employment rate (%)"},
    "axis_days": {"fi": "Päivää", "sv": "Dagar", "en": "Days"},
    "axis_no_job": {"fi": "Ei vielä työtä (osuus)", "sv": "Ännu inget arbete (andel)",
                    "en": "Not yet in a job (share)"},
    "axis_in_job": {"fi": "Työsuhde jatkuu (osuus)", "sv": "Anställningen pågår (andel)",
                    "en": "Job continues (share)"},
    "axis_score": {"fi": "Pisteet (1–5)", "sv": "Poäng (1–5)", "en": "Score (1–5)"},
    "all_sites": {"fi": "Kaikki yksiköt", "sv": "Alla enheter", "en": "All sites"},
}  # fmt: skip

_H: dict[str, dict[str, str]] = {
    "site": {"fi": "Yksikkö", "sv": "Enhet", "en": "Site"},
    "quarter": {"fi": "Neljännes", "sv": "Kvartal", "en": "Quarter"},
    "served": {"fi": "Asiakkaita", "sv": "Klienter", "en": "Served"},
    "working": {"fi": "Töissä", "sv": "I arbete", "en": "Working"},
    "employment_rate": {"fi": "Työllisyysaste %", "sv": "Sysselsättningsgrad %",
                        "en": "Employment rate %"},
    "served_out_of_work": {"fi": "Asiakkaita (työttömänä lähetettäessä)",
                           "sv": "Klienter (utan arbete vid remiss)",
                           "en": "Served (out of work at referral)"},
    "working_out_of_work": {"fi": "Töissä (työttömänä lähetettäessä)",
                            "sv": "I arbete (utan arbete vid remiss)",
                            "en": "Working (out of work at referral)"},
    "employment_rate_out_of_work": {"fi": "Työllisyysaste % (IPS Grow)",
                                    "sv": "Sysselsättningsgrad % (IPS Grow)",
                                    "en": "Employment rate % (IPS Grow)"},
    "job_starts": {"fi": "Aloitetut työt", "sv": "Påbörjade arbeten", "en": "Job starts"},
    "first_job_starts": {"fi": "Ensimmäiset työt", "sv": "Första arbeten", "en": "First jobs"},
    "share_20h": {"fi": "Vähintään 20 h/vko %", "sv": "Minst 20 h/v %", "en": "20+ h/week %"},
    "level": {"fi": "Taso", "sv": "Nivå", "en": "Level"},
    "n": {"fi": "n", "sv": "n", "en": "n"},
    "n_events": {"fi": "Tapahtumia", "sv": "Händelser", "en": "Events"},
    "n_censored": {"fi": "Sensuroituja", "sv": "Censurerade", "en": "Censored"},
    "median": {"fi": "Mediaani (pv)", "sv": "Median (dagar)", "en": "Median (days)"},
    "median_ci": {"fi": "95 %:n luottamusväli", "sv": "95 % konfidensintervall", "en": "95 % CI"},
    "specialists": {"fi": "Työhönvalmentajia", "sv": "Arbetsspecialister", "en": "Specialists"},
    "active_end": {"fi": "Asiakkaita neljänneksen lopussa", "sv": "Klienter vid kvartalets slut",
                   "en": "Clients at quarter end"},
    "caseload_mean": {"fi": "Asiakkaita / valmentaja", "sv": "Klienter / specialist",
                      "en": "Clients per specialist"},
    "caseload_max": {"fi": "Suurin asiakasmäärä", "sv": "Största antal klienter",
                     "en": "Largest caseload"},
    "specialists_over_20": {"fi": "Yli 20 asiakasta", "sv": "Över 20 klienter",
                            "en": "Over 20 clients"},
    "item1_score": {"fi": "Kohdan 1 pisteet", "sv": "Poäng punkt 1", "en": "Item 1 score"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "persons": {"fi": "Henkilöitä", "sv": "Personer", "en": "Persons"},
    "worked": {"fi": "Työllistyi", "sv": "Fick arbete", "en": "Worked"},
    "share": {"fi": "Osuus %", "sv": "Andel %", "en": "Share %"},
    "measure": {"fi": "Mittari", "sv": "Mått", "en": "Measure"},
    "estimate": {"fi": "Estimaatti", "sv": "Skattning", "en": "Estimate"},
    "ci": {"fi": "95 %:n luottamusväli", "sv": "95 % konfidensintervall", "en": "95 % CI"},
    "method": {"fi": "Menetelmä", "sv": "Metod", "en": "Method"},
    "risk_ratio": {"fi": "Riskisuhde", "sv": "Riskkvot", "en": "Risk ratio"},
    "risk_difference": {"fi": "Osuuksien erotus (%-yks.)", "sv": "Skillnad (%-enheter)",
                        "en": "Risk difference (points)"},
    "odds_ratio_adjusted": {"fi": "Vakioitu vetosuhde", "sv": "Justerad oddskvot",
                            "en": "Adjusted odds ratio"},
    "study": {"fi": "Meta-analyysi", "sv": "Metaanalys", "en": "Meta-analysis"},
    "review_date": {"fi": "Arviointipäivä", "sv": "Bedömningsdag", "en": "Review date"},
    "total": {"fi": "Yhteensä", "sv": "Totalt", "en": "Total"},
    "band": {"fi": "Luokka", "sv": "Klass", "en": "Band"},
    "staffing": {"fi": "Henkilöstö", "sv": "Personal", "en": "Staffing"},
    "organisation": {"fi": "Organisaatio", "sv": "Organisation", "en": "Organisation"},
    "services": {"fi": "Palvelut", "sv": "Tjänster", "en": "Services"},
    # data checks (vaikuttavuus.ips.ips_data log): check names and actions
    "clients_without_site": {"fi": "Asiakkaita ilman yksikköä", "sv": "Klienter utan enhet",
                             "en": "Clients without a site"},
    "ips_clients_without_specialist": {"fi": "IPS-asiakkaita ilman työhönvalmentajaa",
                                       "sv": "IPS-klienter utan arbetsspecialist",
                                       "en": "IPS clients without a specialist"},
    "duplicate_jobs": {"fi": "Kaksoiskirjatut työsuhteet", "sv": "Dubbelregistrerade arbeten",
                       "en": "Duplicate jobs"},
    "jobs_starting_after_as_of": {"fi": "Työsuhteita, jotka alkavat seurannan jälkeen",
                                  "sv": "Arbeten som börjar efter uppföljningen",
                                  "en": "Jobs starting after the follow-up"},
    "jobs_ending_after_as_of": {"fi": "Työsuhteita, jotka päättyvät seurannan jälkeen",
                               "sv": "Arbeten som slutar efter uppföljningen",
                               "en": "Jobs ending after the follow-up"},
    "jobs_before_enrolment_employed_at_referral": {
        "fi": "Ennen palvelun alkua alkaneita töitä (työssä lähetettäessä)",
        "sv": "Arbeten som började före inskrivningen (i arbete vid remissen)",
        "en": "Jobs starting before enrolment (employed at referral)"},
    "jobs_before_enrolment_out_of_work_at_referral": {
        "fi": "Ennen palvelun alkua alkaneita töitä (työtön lähetettäessä)",
        "sv": "Arbeten som började före inskrivningen (utan arbete vid remissen)",
        "en": "Jobs starting before enrolment (out of work at referral)"},
    "clients_with_overlapping_jobs": {"fi": "Asiakkaita, joilla päällekkäisiä töitä",
                                      "sv": "Klienter med överlappande arbeten",
                                      "en": "Clients with overlapping jobs"},
    "excluded": {"fi": "jätetty pois", "sv": "utelämnade", "en": "excluded"},
    "none": {"fi": "ei toimenpiteitä", "sv": "ingen åtgärd", "en": "none"},
    "no caseload": {"fi": "ei mukana asiakasmäärissä", "sv": "inte med i klientantalet",
                    "en": "no caseload"},
    "dropped": {"fi": "poistettu", "sv": "borttagna", "en": "dropped"},
    "censored at as_of": {"fi": "sensuroitu seurannan loppuun", "sv": "censurerade vid uppföljningens slut",
                          "en": "censored at the end of follow-up"},
    "kept, not a job start": {"fi": "säilytetty, ei työn aloitus", "sv": "behållna, inte en arbetsstart",
                              "en": "kept, not a job start"},
    "kept, not a job start; warned": {"fi": "säilytetty, ei työn aloitus; varoitus annettu",
                                      "sv": "behållna, inte en arbetsstart; varning given",
                                      "en": "kept, not a job start; warned"},
    "merged into spells": {"fi": "yhdistetty yhtäjaksoisiksi työjaksoiksi",
                           "sv": "sammanslagna till sammanhängande perioder",
                           "en": "merged into spells"},
    "check": {"fi": "Tarkistus", "sv": "Kontroll", "en": "Check"},
    "count": {"fi": "Määrä", "sv": "Antal", "en": "Count"},
    "action": {"fi": "Toimenpide", "sv": "Åtgärd", "en": "Action"},
    "value": {"fi": "Arvo", "sv": "Värde", "en": "Value"},
    "ips": {"fi": "IPS", "sv": "IPS", "en": "IPS"},
    "comparison": {"fi": "Vertailuryhmä", "sv": "Jämförelsegrupp", "en": "Comparison"},
    "clients": {"fi": "IPS-asiakkaita", "sv": "IPS-klienter", "en": "IPS clients"},
    "comparison_clients": {"fi": "Vertailuryhmässä", "sv": "I jämförelsegruppen",
                           "en": "In the comparison group"},
    "sites": {"fi": "Yksiköitä", "sv": "Enheter", "en": "Sites"},
    "competitive_jobs": {"fi": "Avoimien työmarkkinoiden töitä", "sv": "Arbeten på öppna marknaden",
                         "en": "Competitive jobs"},
    "follow_up": {"fi": "Seuranta päättyy", "sv": "Uppföljningen slutar", "en": "Follow-up ends"},
    "period": {"fi": "Ajanjakso", "sv": "Period", "en": "Period"},
    "below_minimum": {"fi": "alle vähimmäistason", "sv": "under miniminivån", "en": "below minimum"},
    "minimum": {"fi": "vähimmäistaso", "sv": "miniminivå", "en": "minimum"},
    "average": {"fi": "keskitaso", "sv": "genomsnitt", "en": "average"},
    "excellent": {"fi": "erinomainen", "sv": "utmärkt", "en": "excellent"},
    "exemplary": {"fi": "erinomainen", "sv": "utmärkt", "en": "exemplary"},
    "good": {"fi": "hyvä", "sv": "god", "en": "good"},
    "fair": {"fi": "kohtalainen", "sv": "godtagbar", "en": "fair"},
    "not_ips": {"fi": "ei IPS", "sv": "inte IPS", "en": "not IPS"},
    "item": {"fi": "Kohta", "sv": "Punkt", "en": "Item"},
}  # fmt: skip


def text(key: str, language: str, **kw: object) -> str:
    """A report text in ``language`` (formatted with ``kw``)."""
    check_choice("language", language, LANGUAGES)
    return _T[key][language].format(**kw)


def header(key: str, language: str) -> str:
    """A column header or label in ``language``; unknown keys are returned unchanged."""
    check_choice("language", language, LANGUAGES)
    return _H.get(key, {}).get(language, key)
