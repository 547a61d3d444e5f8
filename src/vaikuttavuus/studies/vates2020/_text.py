"""Finnish and English strings of the Vates reproduction (reports and notebook)."""

from __future__ import annotations

from vaikuttavuus._validation import check_choice

__all__ = ["LANGUAGES", "text"]

LANGUAGES = ("fi", "en")

_TEXT: dict[str, dict[str, str]] = {
    "title": {
        "fi": "Vates 2020 -tutkimuksen toisinto kalibroidulla simulaatiolla",
        "en": "Reproduction of the Vates 2020 study with a calibrated simulation",
    },
    "intro": {
        "fi": "Aineisto on simuloitu mallista, joka on kalibroitu julkaistuihin taulukoihin "
        "(Kallio 2020, Vates-säätiö). Se ei ole alkuperäinen kyselyaineisto.",
        "en": "The data are simulated from a model calibrated to the published tables "
        "(Kallio 2020, Vates Foundation). They are not the original survey data.",
    },
    "comparison": {"fi": "Julkaistu ja toistettu", "en": "Published and reproduced"},
    "loadings": {"fi": "Faktorilataukset", "en": "Factor loadings"},
    "scree": {
        "fi": "Ominaisarvot ja rinnakkaisanalyysi",
        "en": "Scree plot with parallel analysis",
    },
    "correlations": {"fi": "Yhteys etenemiseen", "en": "Association with progression"},
    "replications": {
        "fi": "Toistettavuus otoskoolla 168",
        "en": "Replicability at N = 168",
    },
    "hypotheses": {"fi": "Lähtöolettamukset", "en": "Starting hypotheses"},
    "alphas": {"fi": "Cronbachin alfa", "en": "Cronbach's alpha"},
    "ambiguities": {"fi": "Tulkintavalinnat", "en": "Reading choices"},
    "observed": {"fi": "havaittu", "en": "observed"},
    "simulated": {"fi": "satunnaisaineisto", "en": "random data"},
    "resampled": {"fi": "uudelleenotanta", "en": "resampled"},
    "factor": {"fi": "Faktori", "en": "Factor"},
    "eigenvalue": {"fi": "Ominaisarvo", "en": "Eigenvalue"},
    "published": {"fi": "julkaistu", "en": "published"},
    "reproduced": {"fi": "toistettu", "en": "reproduced"},
    "yes": {"fi": "kyllä", "en": "yes"},
    "no": {"fi": "ei", "en": "no"},
    "ns": {"fi": "ei merkitsevä", "en": "n.s."},
    "share_as_published": {
        "fi": "Osuus toistoista, joissa tulos on sama kuin julkaistu",
        "en": "Share of replications with the published result",
    },
    "power": {"fi": "Voima (p < 0,05)", "en": "Power (p < .05)"},
    "same_assignment": {
        "fi": "Väittämät samoille faktoreille",
        "en": "Same item-to-factor assignment",
    },
}


def text(key: str, language: str) -> str:
    """Return the string ``key`` in ``language`` ("fi" or "en")."""
    check_choice("language", language, LANGUAGES)
    check_choice("key", key, sorted(_TEXT))
    return _TEXT[key][language]
