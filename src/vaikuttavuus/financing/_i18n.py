"""Texts of the financing report helpers in Finnish, Swedish and English."""

from __future__ import annotations

from .._validation import check_choice

LANGUAGES = ("fi", "sv", "en")

# fmt: off
_T: dict[str, dict[str, str]] = {
    "day_class": {"fi": "Etuuspäivien kertymä", "sv": "Ackumulerade förmånsdagar",
                  "en": "Accumulated benefit days"},
    "labour_market_subsidy": {"fi": "työmarkkinatuki", "sv": "arbetsmarknadsstöd",
                              "en": "labour market subsidy"},
    "basic_allowance": {"fi": "peruspäiväraha", "sv": "grunddagpenning",
                        "en": "basic allowance"},
    "earnings_related": {"fi": "ansiopäiväraha (perusosan suuruinen osuus)",
                         "sv": "inkomstrelaterad dagpenning (andel lika stor som grunddelen)",
                         "en": "earnings-related allowance (basic-part-sized portion)"},
    "rule_2025": {"fi": "1.1.2025 alkaen", "sv": "fr.o.m. 1.1.2025", "en": "from 1.1.2025"},
    "rule_pre2025": {"fi": "31.12.2024 asti", "sv": "t.o.m. 31.12.2024", "en": "until 31.12.2024"},
    "rule": {"fi": "Rahoitusmalli", "sv": "Finansieringsmodell", "en": "Financing rule"},
    "exit_day": {"fi": "Työllistyminen etuuspäivän kohdalla",
                 "sv": "Sysselsättning vid förmånsdag", "en": "Employment at benefit day"},
    "avoided": {"fi": "+{d} pv", "sv": "+{d} d", "en": "+{d} d"},
    "payer": {"fi": "Rahoittaja", "sv": "Finansiär", "en": "Payer"},
    "state": {"fi": "Valtio", "sv": "Staten", "en": "State"},
    "employees": {"fi": "Palkansaajat", "sv": "Löntagare", "en": "Employees"},
    "employers": {"fi": "Työnantajat", "sv": "Arbetsgivare", "en": "Employers"},
    "municipalities": {"fi": "Kunnat", "sv": "Kommunerna", "en": "Municipalities"},
    "share_year": {"fi": "{year} (%)", "sv": "{year} (%)", "en": "{year} (%)"},
    "change_meur": {"fi": "Muutos (milj. €)", "sv": "Förändring (mn €)",
                    "en": "Change (EUR million)"},
    "year": {"fi": "Vuosi", "sv": "År", "en": "Year"},
    "actual": {"fi": "Toteutuma-arvio (%)", "sv": "Uppskattat utfall (%)",
               "en": "Estimated actual cost (%)"},
    "state_aid": {"fi": "Laskennallinen valtionosuus (%)", "sv": "Kalkylerad statsandel (%)",
                  "en": "Calculated state aid (%)"},
    "starts": {"fi": "Kuntouttavassa työtoiminnassa aloittaneet",
               "sv": "Personer som inlett arbetsverksamhet i rehabiliteringssyfte",
               "en": "Persons starting rehabilitative work activity"},
    "partial_year": {"fi": "{year}: vain tammi–marraskuu", "sv": "{year}: endast januari–november",
                     "en": "{year}: January–November only"},
    "group": {"fi": "Ryhmä", "sv": "Grupp", "en": "Group"},
    "persons": {"fi": "Henkilöitä", "sv": "Personer", "en": "Persons"},
    "benefit_days": {"fi": "Etuuspäiviä", "sv": "Förmånsdagar", "en": "Benefit days"},
    "benefit_eur": {"fi": "Etuudet (€)", "sv": "Förmåner (€)", "en": "Benefits (EUR)"},
    "municipal_eur": {"fi": "Kunnan osuus (€)", "sv": "Kommunens andel (€)",
                      "en": "Municipal share (EUR)"},
    "per_person": {"fi": "Kunnan osuus / henkilö (€)", "sv": "Kommunens andel / person (€)",
                   "en": "Municipal share per person (EUR)"},
    "share_axis": {"fi": "Kunnan osuus etuudesta (%)", "sv": "Kommunens andel av förmånen (%)",
                   "en": "Municipality's share of the benefit (%)"},
    "day_axis": {"fi": "Kertyneet etuuspäivät", "sv": "Ackumulerade förmånsdagar",
                 "en": "Accumulated benefit days"},
    "cum_axis": {"fi": "Kunnan kustannus yhteensä (€)", "sv": "Kommunens kostnad totalt (€)",
                 "en": "Municipality's cumulative cost (EUR)"},
    "tier_title": {"fi": "Kunnan rahoitusosuus työttömyysetuudesta",
                   "sv": "Kommunens finansieringsandel av arbetslöshetsförmånen",
                   "en": "Municipal share of the unemployment benefit"},
    "cum_title": {"fi": "Yhden työttömyysjakson kustannus kunnalle ({amount} €/pv)",
                  "sv": "En arbetslöshetsperiods kostnad för kommunen ({amount} €/dag)",
                  "en": "Cost of one unemployment spell to the municipality (EUR {amount}/day)"},
    "shares_title": {"fi": "Työttömyysetuuksien rahoitus 2019 ja 2025 (arvio)",
                     "sv": "Finansiering av arbetslöshetsförmåner 2019 och 2025 (uppskattning)",
                     "en": "Financing of unemployment benefits, 2019 and 2025 (estimate)"},
    "outcome_note": {
        "fi": "Arvo on kunnalta säästyvä rahoitusosuus, kun työttömyysjakso päättyy "
              "(esim. työllistymiseen) ennen kuin siitä kertyisi vielä ilmoitettu määrä "
              "etuuspäiviä ({amount} €/pv). Arvo on brutto: se ei vähennä tuloksia, jotka olisi "
              "saavutettu ilman palvelua, eikä sisällä verotuloja tai kertymän nollautumista.",
        "sv": "Värdet är den finansieringsandel kommunen sparar när en arbetslöshetsperiod "
              "upphör (t.ex. genom sysselsättning) innan det angivna antalet förmånsdagar till "
              "hade ackumulerats ({amount} €/dag). Värdet är brutto: resultat som hade uppnåtts "
              "utan tjänsten har inte dragits av, och skatteintäkter eller att räknaren nollställs "
              "ingår inte.",
        "en": "The value is the municipal share saved when a spell ends (e.g. in employment) "
              "before the stated number of further benefit days accrue (EUR {amount}/day). It "
              "is gross: outcomes that would have happened without the service are not "
              "deducted, and taxes or the restart of the day count are not included.",
    },
    "tier_note": {
        "fi": "Lähteet: Kela 29.5.2024 ja 24.2.2025 (2025 alkaen), Kela: työmarkkinatuen "
              "laskutus kunnilta (31.12.2024 asti). Ennen vuotta 2025 laskutettiin vain "
              "työttömyyden perusteella maksetusta työmarkkinatuesta, ei palvelujen ajalta.",
        "sv": "Källor: FPA 29.5.2024 och 24.2.2025 (fr.o.m. 2025), FPA: fakturering av "
              "arbetsmarknadsstöd (t.o.m. 31.12.2024). Före 2025 fakturerades endast "
              "arbetsmarknadsstöd som betalats på grund av arbetslöshet, inte under tjänster.",
        "en": "Sources: Kela 29.5.2024 and 24.2.2025 (from 2025), Kela: billing of the labour "
              "market subsidy (until 31.12.2024). Before 2025 only labour market subsidy paid "
              "on the basis of unemployment was billed, not days in services.",
    },
    "suppressed_note": {
        "fi": "Alle {n} henkilön ryhmät on peitetty ({mark}).",
        "sv": "Grupper med färre än {n} personer är dolda ({mark}).",
        "en": "Groups of fewer than {n} persons are suppressed ({mark}).",
    },
}
# fmt: on


def check_language(language: str) -> str:
    """Validate a report language."""
    return check_choice("language", language, LANGUAGES)


def t(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language`` with ``{placeholders}`` filled."""
    return _T[key][language].format(**values)
