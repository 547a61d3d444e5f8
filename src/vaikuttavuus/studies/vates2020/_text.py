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
    "ambiguities": {
        "fi": "Tulkintavalinnat ja mallin oletukset",
        "en": "Reading choices and model assumptions",
    },
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
    "key_figures": {"fi": "Keskeiset luvut", "en": "Key figures"},
    "value": {"fi": "arvo", "en": "value"},
    "n_respondents": {"fi": "Vastaajia (N)", "en": "Respondents (N)"},
    "method": {"fi": "Faktorointi / rotaatio", "en": "Extraction / rotation"},
    "kmo": {"fi": "KMO", "en": "KMO"},
    "min_congruence": {
        "fi": "Pienin Tuckerin kongruenssi julkaistuun faktoriin",
        "en": "Smallest Tucker congruence with a published factor",
    },
    "consistent_count": {
        "fi": "Aineiston lukuja, jotka sopivat julkaistuihin (toistojen 95 %:n välillä)",
        "en": "Figures of the analysed data consistent with the published ones "
        "(inside the 95 % interval of the replications)",
    },
    "within_tolerance_count": {
        "fi": "Julkaistuja lukuja kalibrointitoleranssin sisällä (suuri N)",
        "en": "Published figures within the calibration tolerance (large N)",
    },
    "hypothesis_as_published": {
        "fi": "Lähtöolettamus {h} kuten julkaistu",
        "en": "Hypothesis {h} as published",
    },
    "factors": {"fi": "Faktorit", "en": "Factors"},
    "factor_name": {"fi": "Faktorin nimi", "en": "Factor name"},
    "n_items": {"fi": "Väittämiä", "en": "Statements"},
    "figure": {"fi": "Luku", "en": "Figure"},
    "difference": {"fi": "erotus", "en": "difference"},
    "rep_low": {"fi": "toistojen 2,5 %", "en": "replications 2.5 %"},
    "rep_high": {"fi": "toistojen 97,5 %", "en": "replications 97.5 %"},
    "in_interval": {
        "fi": "toistettu toistojen 95 %:n välillä",
        "en": "reproduced inside 95 % interval of replications",
    },
    "tolerance_large_n": {
        "fi": "kalibrointitoleranssi (suuri N)",
        "en": "calibration tolerance (large N)",
    },
    "within_tolerance_large_n": {
        "fi": "kalibrointitoleranssin sisällä (suuri N)",
        "en": "within calibration tolerance (large N)",
    },
    "published_class": {"fi": "julkaistu luokka", "en": "published class"},
    "reproduced_class": {"fi": "toistettu luokka", "en": "reproduced class"},
    "class_matches": {"fi": "luokka sama", "en": "class matches"},
    "as_published": {"fi": "kuten julkaistu", "en": "as published"},
    "differs": {"fi": "eroaa", "en": "differs"},
    "not_available": {"fi": "–", "en": "–"},
    "placeholder": {"fi": "[paikkamerkki, ei julkaistu]", "en": "[placeholder, unpublished]"},
    "fig_loading": {"fi": "Lataus F{k}: {item} {text}", "en": "Loading F{k}: {item} {text}"},
    "fig_variance": {"fi": "Selitetty varianssi F{k} (%)", "en": "Explained variance F{k} (%)"},
    "fig_alpha": {"fi": "Cronbachin alfa F{k}", "en": "Cronbach's alpha F{k}"},
    "fig_correlation": {"fi": "r F{k} × {outcome}", "en": "r F{k} × {outcome}"},
    "fig_n": {"fi": "Parittainen N F{k}", "en": "Pairwise N F{k}"},
    "fig_hypothesis": {"fi": "Lähtöolettamus {h}", "en": "Hypothesis {h}"},
    "alpha_not_legible": {
        "fi": "{values} (faktori ei luettavissa)",
        "en": "{values} (factor not legible)",
    },
    "comparison_note_small_n": {
        "fi": "Luvut on laskettu analysoidusta {n} vastaajan aineistosta. Tällä otoskoolla "
        "otosvaihtelu on suurta, joten jokaista aineistosta laskettua lukua verrataan saman "
        "tunnusluvun jakaumaan {reps} samankokoisessa aineistossa, jotka on simuloitu "
        "julkaistuihin lukuihin kalibroidusta mallista: sarake ”toistettu toistojen 95 %:n "
        "välillä” kertoo, osuuko aineistosta laskettu luku jakauman 2,5 %:n ja 97,5 %:n "
        "pisteiden väliin. ”Kyllä” tarkoittaa, että luku on sopusoinnussa julkaistun kanssa: "
        "samankokoinen kysely olisi voinut tuottaa sen, jos julkaistut luvut pitävät "
        "paikkansa. Mallin mukaisesta aineistosta noin 95 % luvuista saa vastauksen ”kyllä”, "
        "satunnaisesta aineistosta (esim. sekoitetut sarakkeet) useimmat ”ei”. Tämä testi "
        "riippuu analysoidusta aineistosta; se, osuuko julkaistu luku mallin toistojen "
        "väliin, ei riipu, koska malli on kalibroitu julkaistuihin lukuihin. Kalibroinnin "
        "tiukat toleranssit (lataukset ja r ±0,03, selitetty varianssi ±1,5 %-yksikköä) "
        "koskevat suurta otosta; niitä ei sovelleta tähän taulukkoon. Cronbachin alfoja ei "
        "voi verrata luku luvulta, koska julkaistusta kuvasta ei näe, mihin faktoriin mikin "
        "arvo kuuluu (ks. kohta ”{alphas}”).",
        "en": "The figures are computed from the analysed data set of {n} respondents. At "
        "this sample size sampling variation is large, so each figure computed from the data "
        "is compared with the distribution of the same statistic in {reps} surveys of the "
        "same size simulated from the model calibrated to the published figures: the column "
        "“reproduced inside 95 % interval of replications” says whether the figure from the "
        "data lies between the 2.5 % and 97.5 % points of that distribution. “Yes” means the "
        "figure is consistent with the published one: a survey of this size could have "
        "produced it if the published figures are true. For data from the model about 95 % "
        "of the figures read “yes”; for data without the published structure (e.g. permuted "
        "columns) most read “no”. This test depends on the data analysed; whether the "
        "published figure lies inside the replications' interval does not, because the model "
        "is calibrated to the published figures. The tight calibration tolerances (loadings "
        "and r ±0.03, explained variance ±1.5 percentage points) apply to a large sample; "
        "they are not applied to this table. Cronbach's alphas cannot be compared figure by "
        "figure because the slide does not show which factor each value belongs to (see the "
        "section “{alphas}”).",
    },
    "comparison_note_large_n": {
        "fi": "Luvut on laskettu yhdestä simuloidusta {n} vastaajan aineistosta. Näin suurella "
        "otoksella otosvaihtelu on pientä, joten toistettua lukua verrataan julkaistuun "
        "kalibroinnin toleranssein (lataukset ja r ±0,03, selitetty varianssi ±1,5 "
        "%-yksikköä).",
        "en": "The figures are computed from one simulated data set of {n} respondents. With "
        "a sample this large sampling variation is small, so each reproduced figure is "
        "compared with the published one using the calibration tolerances (loadings and r "
        "±0.03, explained variance ±1.5 percentage points).",
    },
    "methods": {
        "fi": "Faktorointi- ja rotaatiomenetelmien vertailu",
        "en": "Extraction and rotation methods compared",
    },
    "methods_note": {
        "fi": "Sama {n} vastaajan aineisto eri menetelmin. Otoskoolla {n} menetelmien erot "
        "ovat otosvaihtelun suuruisia, ja toleranssisarake käyttää kalibroinnin suuren otoksen "
        "toleransseja. Menetelmä on valittu suuren otoksen vertailun perusteella (testit): "
        "siinä vinokulmaiset rotaatiot toistavat julkaistun latausrakenteen, varimax ei.",
        "en": "The same data set of {n} respondents with different methods. At N = {n} the "
        "differences between methods are of the size of sampling variation, and the tolerance "
        "column uses the large-sample calibration tolerances. The method is chosen from the "
        "large-sample comparison (tests), where oblique rotations reproduce the published "
        "pattern and varimax does not.",
    },
    "methods_note_large_n": {
        "fi": "Menetelmiä verrataan suuressa simuloidussa aineistossa (N = {n}), jossa "
        "otosvaihtelu on pientä ja kalibroinnin toleranssit (lataukset ±0,03, selitetty "
        "varianssi ±1,5 %-yksikköä) ovat mielekäs testi. Varaus: malli on kalibroitu niin, "
        "että SPSS:n pääakselifaktorointi promax-rotaatiolla (pa_spss / promax) toistaa kuvat; "
        "sen ”kyllä” on siis rakenteen seuraus, eikä vertailu osoita, mitä menetelmää "
        "tutkimuksessa käytettiin. Se kertoo, mitkä muut menetelmät tuottavat saman "
        "latausrakenteen. Otoskoolla 168 menetelmien erot ovat otosvaihtelun suuruisia, "
        "joten nämä toleranssit eivät siellä ole testi.",
        "en": "The methods are compared on a large simulated data set (N = {n}), where "
        "sampling variation is small and the calibration tolerances (loadings ±0.03, explained "
        "variance ±1.5 percentage points) are a meaningful test. Caveat: the model is "
        "calibrated so that SPSS principal axis factoring with promax (pa_spss / promax) "
        "reproduces the slides; its “yes” is therefore by construction, and the comparison "
        "does not show which method the study used. It shows which other methods give the "
        "same loading pattern. At N = 168 the differences between methods are of the size of "
        "sampling variation, so these tolerances are no test there.",
    },
    "star_legend": {
        "fi": "Tähdet: * p < 0,05, ** p < 0,01, *** p < 0,001 (kaksisuuntainen, korjaamaton p, "
        "kuten kuvissa). Sanallinen tulkinta on paketin: voimakkuus |r|:n mukaan (alle 0,10 "
        "hyvin heikko, 0,10-0,30 heikko, 0,30-0,50 kohtalainen, vähintään 0,50 vahva; Cohen "
        "1988) ja ”tilastollisesti merkitsevä”, kun p < 0,05. Kuvien oma sanamuoto on "
        "taulukossa ”{table}”.",
        "en": "Stars: * p < .05, ** p < .01, *** p < .001 (two-sided, unadjusted p, as on the "
        "slides). The verbal interpretation is the package's: strength by |r| (below .10 very "
        "weak, .10-.30 weak, .30-.50 moderate, .50 and above strong; Cohen 1988) and "
        "“statistically significant” when p < .05. The slides' own wording is in the table "
        "“{table}”.",
    },
    "wording": {
        "fi": "Kuvien sanamuoto ja paketin tulkinta",
        "en": "The slides' wording and the package's label",
    },
    "slide_wording": {
        "fi": "kuvan sanamuoto",
        "en": "slide wording (Finnish original)",
    },
    "package_label": {"fi": "paketin tulkinta", "en": "package's label"},
    "kind": {"fi": "laji", "en": "kind"},
    "kind_assumption": {"fi": "oletus", "en": "assumption"},
    "kind_reading": {"fi": "kuvien tulkinta", "en": "reading of the slides"},
    "hypothesis": {"fi": "Lähtöolettamus", "en": "Hypothesis"},
    "statement": {"fi": "Väittämä", "en": "Statement"},
    "destination": {"fi": "Eteneminen", "en": "Progression"},
    "interpretation": {"fi": "Tulkinta", "en": "Interpretation"},
    "published_verdict": {"fi": "Julkaistu tulos", "en": "Published result"},
    "share_pct": {
        "fi": "Osuus toistoista kuten julkaistu",
        "en": "Share of replications as published",
    },
    "all_hypotheses": {
        "fi": "Kaikki kolme lähtöolettamusta kuten julkaistu",
        "en": "All three hypotheses as published",
    },
    "mean": {"fi": "keskiarvo", "en": "mean"},
    "sd": {"fi": "keskihajonta", "en": "SD"},
    "share_figure_pct": {
        "fi": "osuus toistoista kuten julkaistu",
        "en": "share of replications as published",
    },
    "model_alpha": {"fi": "mallin alfa", "en": "model alpha"},
    "assignment": {"fi": "Faktorit kuvan järjestyksessä", "en": "Factors in slide order"},
    "missing_factor": {"fi": "faktori ilman arvoa", "en": "factor without a value"},
    "consistent": {"fi": "sopii toistoihin", "en": "consistent with replications"},
    "max_abs_z": {"fi": "suurin |z|", "en": "largest |z|"},
    "slide_order": {"fi": "faktorijärjestyksessä", "en": "in factor order"},
    "alpha_assignments": {
        "fi": "Julkaistujen alfojen mahdolliset faktorit",
        "en": "Possible factors of the published alphas",
    },
    "alpha_note": {
        "fi": "Kuvassa on kolme alfaa neljälle faktorille. Jokainen tapa sijoittaa kolme "
        "arvoa kolmelle faktorille testataan toistojen jakaumaa vasten. Toistojen 2,5 %:n ja "
        "97,5 %:n pisteet ovat Monte Carlo -arvioita; niiden 95 %:n luottamusvälit "
        "(järjestystunnusluvuista) otetaan huomioon: ”kyllä”, kun arvot ovat välin sisällä "
        "kapeimmillakin rajoilla, ”ei”, kun jokin arvo on ulkona leveimmilläkin rajoilla, "
        "muuten ”rajatapaus”. Näin tulos ei (rajojen luottamusvälien 5 %:n virhettä lukuun "
        "ottamatta) vaihdu kyllästä eihin toistojen määrän mukaan.",
        "en": "The slide shows three alphas for four factors. Every way of placing the three "
        "values on three factors is tested against the distribution of the replications. The "
        "2.5 % and 97.5 % points of the replications are Monte Carlo estimates; their 95 % "
        "confidence intervals (from order statistics) are taken into account: “yes” when the "
        "values are inside even at the narrowest bounds, “no” when a value is outside even at "
        "the widest, otherwise “borderline”. So the verdict does not flip between yes and no "
        "with the number of replications (up to the 5 % error of the bounds' intervals).",
    },
    "alpha_robust_no": {
        "fi": "Yksikään sijoitus, jossa faktorilla {factors} on arvo, ei sovi toistoihin.",
        "en": "No assignment giving factor {factors} a value fits the replications.",
    },
    "alpha_robust_none": {
        "fi": "Jokaiselle faktorille löytyy sijoitus, joka ei ole selvästi ristiriidassa "
        "toistojen kanssa.",
        "en": "For every factor some assignment giving it a value is not clearly "
        "inconsistent with the replications.",
    },
    "borderline": {"fi": "rajatapaus", "en": "borderline"},
    "share_in_replications": {
        "fi": "{share:.0f} % toistoista",
        "en": "{share:.0f} % of replications",
    },
    "min_pairwise_n": {"fi": "pienin parittainen n", "en": "smallest pairwise n"},
    "ambiguity": {"fi": "Kohta", "en": "Issue"},
    "resolution": {"fi": "Tulkinta ja ratkaisu", "en": "Reading and resolution"},
    "source": {"fi": "Lähde (OCR-rivit)", "en": "Source (OCR lines)"},
    "max_abs_loading_diff": {
        "fi": "suurin latauksen erotus",
        "en": "largest loading difference",
    },
    "rmse_loading": {"fi": "latausten RMSE", "en": "loading RMSE"},
    "max_abs_variance_diff": {
        "fi": "suurin varianssin erotus (%-yks.)",
        "en": "largest variance difference (pp)",
    },
    "items_on_published_factor": {
        "fi": "väittämiä julkaistulla faktorilla (26:sta)",
        "en": "statements on their published factor (of 26)",
    },
    "extraction": {"fi": "faktorointi", "en": "extraction"},
    "rotation": {"fi": "rotaatio", "en": "rotation"},
}


def text(key: str, language: str) -> str:
    """Return the string ``key`` in ``language`` ("fi" or "en").

    Parameters
    ----------
    key : str
        One of the labels of the Vates 2020 report (table headings, verdicts ...).
    language : {"fi", "en"}
        Language of the string.

    Returns
    -------
    str
        The label; an unknown ``key`` or ``language`` raises a ``ValueError`` listing the
        allowed values.

    References
    ----------
    Kallio, A. (2020). Kuntien työllistämispalvelut - Elinvoiman vahvistamista vai
    sosiaalipalvelua? Slides, Vates-säätiö, 9.6.2020 (OCR text: seeds/002_349f75f0734fef79.txt).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import text
    >>> text("rotation", "fi"), text("rotation", "en")
    ('rotaatio', 'rotation')
    """
    check_choice("language", language, LANGUAGES)
    check_choice("key", key, sorted(_TEXT))
    return _TEXT[key][language]
