"""Build the packaged region registry CSVs from the raw inputs in this folder.

Run from the repository root::

    python data/regions/build_registry.py

Inputs (this folder):

* ``_raw_municipalities.tsv``: mainland municipalities (code, Finnish and Swedish
  name, population 31.12.2020, wellbeing-county key) transcribed from
  Yleisradio/geodata ``finland/finland-hva-2021.topo.json`` (see ``sources.csv``).
* the tables below: county codes and names (Statistics Finland classification
  "hyvinvointialue", codes 01-21 and 90), linguistic status of municipalities,
  and the 45 employment areas with their members and the basis of each membership.

Outputs (one copy only, shipped with the package): ``src/vaikuttavuus/regions/data/``
``counties.csv``, ``areas.csv``, ``municipalities.csv``, ``sources.csv``.
The employment-area codes ``TA01``..``TA45`` were assigned once by this script
(ordered by the organiser's county code, Helsinki 90 last, then by Finnish name)
and are stable: they are stored in the CSV and never recomputed by the loader.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "src" / "vaikuttavuus" / "regions" / "data"

# Statistics Finland classification "Hyvinvointialue 2023" (codes, fi/sv names),
# as mirrored in CSCfi/antero (VipunenTK_lisatiedot.hyvinvointialue, source column
# "Tilastokeskus"); Åland (91) is outside the reform and not included.
COUNTIES = [
    ("01", "Itä-Uudenmaan hyvinvointialue", "Östra Nylands välfärdsområde", "IU"),
    ("02", "Keski-Uudenmaan hyvinvointialue", "Mellersta Nylands välfärdsområde", "KU"),
    ("03", "Länsi-Uudenmaan hyvinvointialue", "Västra Nylands välfärdsområde", "LU"),
    ("04", "Vantaan ja Keravan hyvinvointialue", "Vanda och Kervo välfärdsområde", "VK"),
    ("05", "Varsinais-Suomen hyvinvointialue", "Egentliga Finlands välfärdsområde", "VS"),
    ("06", "Satakunnan hyvinvointialue", "Satakunta välfärdsområde", "SA"),
    ("07", "Kanta-Hämeen hyvinvointialue", "Egentliga Tavastlands välfärdsområde", "KH"),
    ("08", "Pirkanmaan hyvinvointialue", "Birkalands välfärdsområde", "PI"),
    ("09", "Päijät-Hämeen hyvinvointialue", "Päijänne-Tavastlands välfärdsområde", "PH"),
    ("10", "Kymenlaakson hyvinvointialue", "Kymmenedalens välfärdsområde", "KY"),
    ("11", "Etelä-Karjalan hyvinvointialue", "Södra Karelens välfärdsområde", "EK"),
    ("12", "Etelä-Savon hyvinvointialue", "Södra Savolax välfärdsområde", "ES"),
    ("13", "Pohjois-Savon hyvinvointialue", "Norra Savolax välfärdsområde", "PS"),
    ("14", "Pohjois-Karjalan hyvinvointialue", "Norra Karelens välfärdsområde", "PK"),
    ("15", "Keski-Suomen hyvinvointialue", "Mellersta Finlands välfärdsområde", "KS"),
    ("16", "Etelä-Pohjanmaan hyvinvointialue", "Södra Österbottens välfärdsområde", "EP"),
    ("17", "Pohjanmaan hyvinvointialue", "Österbottens välfärdsområde", "PO"),
    ("18", "Keski-Pohjanmaan hyvinvointialue", "Mellersta Österbottens välfärdsområde", "KP"),
    ("19", "Pohjois-Pohjanmaan hyvinvointialue", "Norra Österbottens välfärdsområde", "PP"),
    ("20", "Kainuun hyvinvointialue", "Kajanalands välfärdsområde", "KA"),
    ("21", "Lapin hyvinvointialue", "Lapplands välfärdsområde", "LA"),
    ("90", "Helsingin kaupunki", "Helsingfors stad", ""),
]

# The Yle 2021 map put the four Itä-Savo municipalities in Pohjois-Savo; by the
# wellbeing services act they belong to Etelä-Savo (the Etelä-Savo region).
COUNTY_OVERRIDES = {"046": "12", "681": "12", "740": "12", "768": "12"}

# Linguistic status 2023-2032 (Government decree; status unchanged from 2013-2022).
BILINGUAL_SV_MAJORITY = {  # 15, kuntalehti.fi: "viidessätoista ruotsinkielisten enemmistö"
    "149",
    "710",
    "445",
    "322",
    "280",
    "287",
    "288",
    "440",
    "475",
    "499",
    "545",
    "599",
    "598",
    "893",
    "946",
}
BILINGUAL_FI_MAJORITY = {  # 18 (Kommunförbundet: 18 with a Swedish minority)
    "049",
    "078",
    "091",
    "092",
    "235",
    "257",
    "407",
    "444",
    "434",
    "504",
    "638",
    "753",
    "755",
    "853",
    "231",
    "905",
    "272",
    "624",
}

COUNTY_EN = {
    "01": "East Uusimaa",
    "02": "Central Uusimaa",
    "03": "West Uusimaa",
    "04": "Vantaa and Kerava",
    "05": "Southwest Finland",
    "06": "Satakunta",
    "07": "Kanta-Häme",
    "08": "Pirkanmaa",
    "09": "Päijät-Häme",
    "10": "Kymenlaakso",
    "11": "South Karelia",
    "12": "South Savo",
    "13": "North Savo",
    "14": "North Karelia",
    "15": "Central Finland",
    "16": "South Ostrobothnia",
    "17": "Ostrobothnia",
    "18": "Central Ostrobothnia",
    "19": "North Ostrobothnia",
    "20": "Kainuu",
    "21": "Lapland",
}

C = "confirmed"
U = "uncertain"


def A(name_fi, name_sv, name_en, organiser, members, basis, name_src=None, org_src=None, **kw):
    """One employment area: names, organiser, members and the basis of the memberships.

    ``basis`` = (certainty, why, source keys) for every member unless ``overrides`` gives
    a member its own basis. ``name_src``/``org_src``: source key attesting the Finnish
    name / the organiser (None: descriptive name / assumed organiser).
    """
    return {
        "name_fi": name_fi,
        "name_sv": name_sv,
        "name_en": name_en,
        "organiser": organiser,
        "members": members,
        "basis": basis,
        "name_src": name_src,
        "org_src": org_src,
        "overrides": kw.get("overrides", {}),
        "note": kw.get("note", ""),
    }


DEDUCED = "deduced: the county's other areas are confirmed and seed 001 fixes their number"
GEO = "uncertain split inside the county; placed by commuting geography"

AREAS = [
    # ---------------------------------------------------------------- Uusimaa
    A(
        "Helsingin työllisyysalue",
        "Helsingfors sysselsättningsområde",
        "Helsinki",
        "091",
        ["091"],
        (C, "seed 001 and the Government: Helsinki organises alone", "seed001;vn_20240222"),
        org_src="vn_20240222",
    ),
    A(
        "Porvoon työllisyysalue",
        "Borgå sysselsättningsområde",
        "Porvoo",
        "638",
        ["638", "018", "407", "434", "504", "616"],
        (
            C,
            "KT 22.11.2023 (Porvoo area, Myrskylä added); the other Itä-Uusimaa "
            "municipalities by deduction (Sipoo is in Kerava-Sipoo)",
            "kt_20231122;seed001",
        ),
        name_src="kt_20231122",
        org_src="kt_20231122",
    ),
    A(
        "Keski-Uudenmaan työllisyysalue",
        "Mellersta Nylands sysselsättningsområde",
        "Central Uusimaa",
        "186",
        ["106", "186", "505", "543", "611", "858"],
        (
            C,
            "Mäntsälä 24.10.2023: six municipalities, Järvenpää organiser; seed 001: one area",
            "mantsala_2023;seed001",
        ),
        name_src="mantsala_2023",
        org_src="mantsala_2023",
    ),
    A(
        "Espoon työllisyysalue",
        "Esbo sysselsättningsområde",
        "Espoo",
        "049",
        ["049", "235"],
        (
            C,
            "deduced: Espoo does not organise alone (Government 22.2.2024) and Kauniainen is "
            "an enclave of Espoo; the other West Uusimaa areas are confirmed",
            "vn_20240222;deduced",
        ),
    ),
    A(
        "Hanko-Inkoo-Raaseporin työllisyysalue",
        "Hangö-Ingå-Raseborgs sysselsättningsområde",
        "Hanko-Inkoo-Raasepori",
        "710",
        ["710", "078", "149"],
        (C, "KT 22.11.2023: exemption granted to the Hanko-Inkoo-Raasepori area", "kt_20231122"),
        name_src="kt_20231122",
    ),
    A(
        "Kirkkonummen, Vihdin ja Siuntion työllisyysalue",
        "Kyrkslätts, Vichtis och Sjundeå sysselsättningsområde",
        "Kirkkonummi-Vihti-Siuntio",
        "257",
        ["257", "927", "755"],
        (
            C,
            "cooperation agreement of Kirkkonummi, Siuntio and Vihti; Kirkkonummi organiser",
            "agr_kirkkonummi",
        ),
        org_src="agr_kirkkonummi",
    ),
    A(
        "Lohjan työllisyysalue",
        "Lojo sysselsättningsområde",
        "Lohja",
        "444",
        ["444", "224"],
        (C, DEDUCED + " (Länsi-Uusimaa: 4)", "seed001;deduced"),
    ),
    A(
        "Kerava–Sipoo työllisyysalue",
        "Kervo–Sibbo sysselsättningsområde",
        "Kerava–Sipoo",
        "245",
        ["245", "753"],
        (
            C,
            "seed 001 names the area Kerava - Sipoo and lists it as spanning two counties",
            "seed001",
        ),
        name_src="seed001",
    ),
    A(
        "Vantaan työllisyysalue",
        "Vanda sysselsättningsområde",
        "Vantaa",
        "092",
        ["092"],
        (C, "Government 22.2.2024: Vantaa organises alone", "vn_20240222"),
        org_src="vn_20240222",
    ),
    # ---------------------------------------------------------------- Varsinais-Suomi
    A(
        "Turun työllisyysalue",
        "Åbo sysselsättningsområde",
        "Turku",
        "853",
        [
            "853",
            "019",
            "202",
            "322",
            "304",
            "400",
            "423",
            "430",
            "481",
            "503",
            "529",
            "538",
            "561",
            "577",
            "445",
            "631",
            "636",
            "680",
            "704",
            "738",
            "833",
            "895",
            "918",
        ],
        (
            C,
            "Turku employment area cooperation agreement: Turku organiser and 22 members",
            "agr_turku",
        ),
        name_src="agr_turku",
        org_src="agr_turku",
    ),
    A(
        "Salon työllisyysalue",
        "Salo sysselsättningsområde",
        "Salo",
        "734",
        ["734", "761", "284", "480"],
        (C, DEDUCED + " (Varsinais-Suomi: 2)", "seed001;deduced"),
    ),
    # ---------------------------------------------------------------- Satakunta
    A(
        "Etelä-Satakunnan työllisyysalue",
        "Södra Satakunta sysselsättningsområde",
        "South Satakunta",
        "684",
        ["684", "050", "051", "102", "783"],
        (
            C,
            "Eurajoki 10/2023: Rauma, Eura, Eurajoki, Huittinen, Säkylä; Rauma organiser",
            "eurajoki_2023",
        ),
        name_src="eurajoki_2023",
        org_src="eurajoki_2023",
    ),
    A(
        "Porin seudun työllisyysalue",
        "Björneborgsregionens sysselsättningsområde",
        "Pori region",
        "609",
        ["609", "079", "181", "214", "230", "271", "484", "531", "608", "747", "886"],
        (C, DEDUCED + " (Satakunta: 2)", "seed001;deduced"),
    ),
    # ---------------------------------------------------------------- Kanta-Häme
    A(
        "TyöHäme-työllisyysalue",
        "TyöHäme sysselsättningsområde",
        "TyöHäme",
        "109",
        ["109", "082", "061", "103", "834", "169", "981"],
        (
            C,
            "Hämeenlinna/Hausjärvi 10/2023: TyöHäme = Hämeenlinna, Hattula, Forssa, Humppila, "
            "Tammela, Jokioinen, Ypäjä; Hämeenlinna organiser",
            "hame_2023",
        ),
        name_src="hame_2023",
        org_src="hame_2023",
    ),
    A(
        "Etelä-Hämeen työllisyysalue",
        "Södra Tavastlands sysselsättningsområde",
        "South Häme",
        "694",
        ["694", "165", "086", "433"],
        (
            C,
            "Hausjärvi 3.10.2023: Riihimäki, Hausjärvi, Janakkala, Loppi; Riihimäki organiser",
            "hame_2023",
        ),
        name_src="hame_2023",
        org_src="hame_2023",
    ),
    # ---------------------------------------------------------------- Pirkanmaa
    A(
        "Tampereen seudun työllisyysalue",
        "Tammerforsregionens sysselsättningsområde",
        "Tampere region",
        "837",
        [
            "837",
            "020",
            "177",
            "211",
            "291",
            "418",
            "536",
            "562",
            "604",
            "635",
            "702",
            "887",
            "908",
            "922",
            "936",
            "980",
        ],
        (
            C,
            "Government 22.2.2024 puts Valkeakoski in it; the other Pirkanmaa municipalities "
            "by deduction (Läntinen Pirkanmaa and Eteläinen Keski-Suomi are confirmed)",
            "vn_20240222;seed001;deduced",
        ),
        name_src="vn_20240222",
    ),
    A(
        "Läntisen Pirkanmaan työllisyysalue",
        "Västra Birkalands sysselsättningsområde",
        "Western Pirkanmaa",
        "790",
        ["790", "108", "143", "250", "581", "619"],
        (
            C,
            "cooperation agreement: Sastamala organiser, Hämeenkyrö, Ikaalinen, Kihniö, "
            "Parkano, Punkalaidun",
            "agr_lantinen_pirkanmaa",
        ),
        name_src="agr_lantinen_pirkanmaa",
        org_src="agr_lantinen_pirkanmaa",
    ),
    # ---------------------------------------------------------------- Päijät-Häme
    A(
        "Lahden työllisyysalue",
        "Lahtis sysselsättningsområde",
        "Lahti",
        "398",
        ["398"],
        (C, "Government 22.2.2024: Lahti organises alone", "vn_20240222"),
        org_src="vn_20240222",
    ),
    A(
        "Päijät-Hämeen työllisyysalue",
        "Päijänne-Tavastlands sysselsättningsområde",
        "Päijät-Häme",
        "098",
        ["098", "016", "081", "111", "142", "316", "560", "576", "781"],
        (
            C,
            "cooperation agreement of the Päijät-Häme employment area: nine municipalities, "
            "Hollola organiser",
            "agr_paijat_hame",
        ),
        name_src="agr_paijat_hame",
        org_src="agr_paijat_hame",
    ),
    # ---------------------------------------------------------------- Kymenlaakso
    A(
        "Kouvolan työllisyysalue",
        "Kouvola sysselsättningsområde",
        "Kouvola",
        "286",
        ["286"],
        (C, "Government 22.2.2024: Kouvola organises alone", "vn_20240222"),
        org_src="vn_20240222",
    ),
    A(
        "Kotkan-Haminan seudun työllisyysalue",
        "Kotka-Fredrikshamnsregionens sysselsättningsområde",
        "Kotka-Hamina region",
        "285",
        ["285", "075", "489", "624", "935"],
        (
            C,
            "deduced: Kouvola organises alone and Kymenlaakso has 2 areas",
            "vn_20240222;seed001;deduced",
        ),
    ),
    # ---------------------------------------------------------------- Etelä-Karjala
    A(
        "Etelä-Karjalan työllisyysalue",
        "Södra Karelens sysselsättningsområde",
        "South Karelia",
        "405",
        ["405", "153", "416", "441", "580", "689", "700", "739", "831"],
        (C, "seed 001: Etelä-Karjala has one employment area", "seed001"),
    ),
    # ---------------------------------------------------------------- Etelä-Savo
    A(
        "Mikkelin työllisyysalue",
        "S:t Michels sysselsättningsområde",
        "Mikkeli",
        "491",
        ["491", "097", "178", "213", "507", "588", "593", "623"],
        (
            C,
            "agreement on the host-municipality model: Mikkeli organiser, Hirvensalmi, Juva, "
            "Kangasniemi, Mäntyharju, Pertunmaa, Pieksämäki, Puumala",
            "agr_mikkeli",
        ),
        org_src="agr_mikkeli",
    ),
    A(
        "Savonlinnan työllisyysalue",
        "Nyslotts sysselsättningsområde",
        "Savonlinna",
        "740",
        ["740", "768", "046"],
        (
            C,
            "KT 22.11.2023 (exemption granted); Sulkava: Sulkava-lehti 17.10.2024",
            "kt_20231122;sulkava_2024",
        ),
        name_src="kt_20231122",
        overrides={
            "046": (
                U,
                "Enonkoski placed with Savonlinna by geography (not found in a "
                "source; could be in Keski-Savo)",
                "reconstructed",
            )
        },
    ),
    # ---------------------------------------------------------------- Pohjois-Savo
    A(
        "Ylä-Savon työllisyysalue",
        "Övre Savolax sysselsättningsområde",
        "Upper Savo",
        "140",
        ["140", "263", "595", "762", "925"],
        (
            C,
            "Government 30.11.2023 (VN/17693/2023-TEM-253) as minuted by Iisalmi: Iisalmi, "
            "Kiuruvesi, Pielavesi, Sonkajärvi, Vieremä",
            "iisalmi_2023;kt_20231122",
        ),
        name_src="kt_20231122",
    ),
    A(
        "Kuopion työllisyysalue",
        "Kuopio sysselsättningsområde",
        "Kuopio",
        "297",
        ["297", "749", "402", "239", "687", "204", "857", "686", "778", "844", "921"],
        (U, GEO + " (Kuopio region vs Keski-Savo)", "reconstructed"),
        name_src="ely_pohjois_savo_2025",
        overrides={
            "297": (
                C,
                "the Kuopio area exists as one of Pohjois-Savo's 3 areas "
                "(seed 001) besides Ylä-Savo and Keski-Savo",
                "seed001",
            )
        },
    ),
    A(
        "Keski-Savon työllisyysalue",
        "Mellersta Savolax sysselsättningsområde",
        "Central Savo",
        "915",
        ["915", "171", "420", "681"],
        (
            U,
            "seed 001 names Keski-Savo as spanning two counties; members other than Varkaus "
            "placed by geography",
            "seed001;reconstructed",
        ),
        name_src="seed001",
        overrides={"915": (C, "seed 001 names the area (Varkaus region)", "seed001")},
    ),
    # ---------------------------------------------------------------- Pohjois-Karjala
    A(
        "Pohjois-Karjalan työllisyysalue",
        "Norra Karelens sysselsättningsområde",
        "North Karelia",
        "167",
        ["167", "090", "146", "176", "260", "276", "309", "422", "426", "541", "607", "707", "848"],
        (
            C,
            "agreement forming the Pohjois-Karjala employment area (13 municipalities); "
            "seed 001: one area",
            "agr_pohjois_karjala;seed001",
        ),
        name_src="agr_pohjois_karjala",
    ),
    # ---------------------------------------------------------------- Keski-Suomi
    A(
        "Eteläisen Keski-Suomen työllisyysalue",
        "Södra Mellersta Finlands sysselsättningsområde",
        "Southern Central Finland",
        "182",
        ["182", "172", "249", "435", "495", "508", "592", "850"],
        (
            C,
            "agreement: Jämsä organiser, Joutsa, Keuruu, Luhanka, Multia, Mänttä-Vilppula, "
            "Petäjävesi, Toivakka",
            "agr_etelainen_ks",
        ),
        name_src="agr_etelainen_ks",
        org_src="agr_etelainen_ks",
    ),
    A(
        "Pohjoisen Keski-Suomen työllisyysalue",
        "Norra Mellersta Finlands sysselsättningsområde",
        "Northern Central Finland",
        "992",
        ["992", "077", "216", "226", "256", "265", "275", "312", "410", "601", "729", "892", "931"],
        (C, "agreement: Äänekoski organiser and 12 municipalities", "agr_pohjoinen_ks"),
        name_src="agr_pohjoinen_ks",
        org_src="agr_pohjoinen_ks",
    ),
    A(
        "Jyväskylän työllisyysalue",
        "Jyväskylä sysselsättningsområde",
        "Jyväskylä",
        "179",
        ["179", "500"],
        (C, DEDUCED + " (Keski-Suomi: 3)", "seed001;deduced"),
    ),
    # ---------------------------------------------------------------- Etelä-Pohjanmaa
    A(
        "Kympin työllisyysalue",
        "Kymppi sysselsättningsområde",
        "Kymppi",
        "233",
        ["233", "005", "010", "052", "300", "403", "408", "759", "934", "989"],
        (
            C,
            "joint municipal authority Kymppi (seat Kauhava) of ten municipalities",
            "kymppi;vn_20240222",
        ),
        name_src="vn_20240222",
        org_src="kymppi",
        note="organised by the joint municipal authority Kuntayhtymä Kymppi (seat Kauhava)",
    ),
    A(
        "Seinäjoen työllisyysalue",
        "Seinäjoki sysselsättningsområde",
        "Seinäjoki",
        "743",
        ["743", "145", "152"],
        (C, DEDUCED + " (Etelä-Pohjanmaa: 3)", "seed001;deduced"),
    ),
    A(
        "Suupohjan työllisyysalue",
        "Sydösterbottens sysselsättningsområde",
        "Suupohja",
        "232",
        ["232", "151", "218", "846", "301", "287"],
        (
            C,
            "Government decision 22.2.2024: Isojoki, Karijoki, Teuva, Kauhajoki, "
            "Kristiinankaupunki, Kurikka",
            "vn_20240222",
        ),
        name_src="vn_20240222",
        note="organised by a joint municipal authority (seat assumed Kauhajoki)",
    ),
    # ---------------------------------------------------------------- Pohjanmaa
    A(
        "Pohjanmaan työllisyysalue",
        "Österbottens sysselsättningsområde",
        "Ostrobothnia",
        "905",
        ["905", "893", "946", "499", "399", "475", "545", "280", "231"],
        (
            C,
            "seed 003 lines 16-24 (Vaasa organiser, members announced by 31.10.2023); "
            "Kaskinen by Government decision 22.2.2024",
            "seed003;vn_20240222",
        ),
        name_src="seed003",
        org_src="seed003",
    ),
    A(
        "Pietarsaaren työllisyysalue",
        "Jakobstads sysselsättningsområde",
        "Jakobstad",
        "598",
        ["598", "599", "440", "288"],
        (
            C,
            "KT 22.11.2023 (exemption granted); members are the Pohjanmaa municipalities in "
            "neither the Vaasa nor the Suupohja area",
            "kt_20231122;deduced",
        ),
        name_src="kt_20231122",
    ),
    # ---------------------------------------------------------------- Keski-Pohjanmaa
    A(
        "Keski-Pohjanmaan työllisyysalue",
        "Mellersta Österbottens sysselsättningsområde",
        "Central Ostrobothnia",
        "272",
        ["272", "217", "074", "421", "236", "584", "849", "924"],
        (C, "Government decision 22.2.2024 lists the eight municipalities", "vn_20240222"),
        name_src="vn_20240222",
    ),
    # ---------------------------------------------------------------- Pohjois-Pohjanmaa
    A(
        "Oulun työllisyysalue",
        "Uleåborgs sysselsättningsområde",
        "Oulu",
        "564",
        ["564", "072", "139", "244", "425", "436", "494", "615", "785", "859", "889"],
        (U, GEO + " (Oulu / Raahe / Ylivieska-Kalajoki-Nivala)", "reconstructed"),
        name_src="radiopooki_pp",
        org_src="radiopooki_pp",
        overrides={"564": (C, "Oulu is the organiser (Radio Pooki)", "radiopooki_pp")},
    ),
    A(
        "Raahen työllisyysalue",
        "Brahestads sysselsättningsområde",
        "Raahe",
        "678",
        ["678", "625", "748"],
        (U, GEO + " (Oulu / Raahe / Ylivieska-Kalajoki-Nivala)", "reconstructed"),
        name_src="radiopooki_pp",
        org_src="radiopooki_pp",
        overrides={"678": (C, "Raahe is the organiser (Radio Pooki)", "radiopooki_pp")},
    ),
    A(
        "Ylivieska-Kalajoki-Nivala-työllisyysalue",
        "Ylivieska-Kalajoki-Nivala sysselsättningsområde",
        "Ylivieska-Kalajoki-Nivala",
        "977",
        [
            "977",
            "208",
            "535",
            "009",
            "069",
            "071",
            "317",
            "483",
            "563",
            "626",
            "630",
            "691",
            "746",
            "791",
        ],
        (U, GEO + " (Oulu / Raahe / Ylivieska-Kalajoki-Nivala)", "reconstructed"),
        name_src="radiopooki_pp",
        org_src="radiopooki_pp",
        overrides={
            c: (C, "named in the area's name (Radio Pooki)", "radiopooki_pp")
            for c in ("977", "208", "535")
        },
    ),
    # ---------------------------------------------------------------- Kainuu
    A(
        "Kainuu–Koillismaan työllisyysalue",
        "Kajanaland–Koillismaa sysselsättningsområde",
        "Kainuu–Koillismaa",
        "205",
        ["205", "105", "290", "578", "620", "697", "765", "777", "305", "832"],
        (
            C,
            "seed 001: Kainuu has one area; Radio Pooki: Kuusamo and Taivalkoski join "
            "Kainuu-Koillismaa, Kajaani organiser",
            "seed001;radiopooki_pp",
        ),
        name_src="seed001",
        org_src="radiopooki_pp",
    ),
    # ---------------------------------------------------------------- Lappi
    A(
        "Pohjois- ja Itä-Lapin työllisyysalue",
        "Norra och Östra Lapplands sysselsättningsområde",
        "North and East Lapland",
        "758",
        ["758", "148", "320", "583", "614", "732", "742", "890"],
        (
            C,
            "agreement: Sodankylä organiser, Inari, Kemijärvi, Pelkosenniemi, Posio, Salla, "
            "Savukoski, Utsjoki",
            "agr_pohjois_ita_lappi",
        ),
        name_src="kt_20231122",
        org_src="agr_pohjois_ita_lappi",
    ),
    A(
        "Tunturi-Lapin ja Pellon työllisyysalue",
        "Fjällapplands och Pello sysselsättningsområde",
        "Fell Lapland and Pello",
        "261",
        ["261", "047", "273", "498", "854"],
        (
            C,
            "named area (KT 22.11.2023: 'Tunturi-Lappi-Pello'): the Tunturi-Lappi "
            "sub-region (Enontekiö, Kittilä, Kolari, Muonio) and Pello",
            "kt_20231122;lappi_names;lappi_seutukunnat",
        ),
        name_src="lappi_names",
        note="organiser assumed (Kittilä)",
    ),
    A(
        "Meri-Lapin työllisyysalue",
        "Havslapplands sysselsättningsområde",
        "Sea Lapland",
        "240",
        ["240", "851", "241", "751", "845", "976"],
        (
            U,
            "split of the rest of Lappi between Rovaniemi and Meri-Lappi placed by geography",
            "reconstructed",
        ),
    ),
    A(
        "Rovaniemen työllisyysalue",
        "Rovaniemi sysselsättningsområde",
        "Rovaniemi",
        "698",
        ["698", "683"],
        (
            U,
            "split of the rest of Lappi between Rovaniemi and Meri-Lappi placed by geography",
            "reconstructed",
        ),
        overrides={
            "698": (
                C,
                "the fourth Lappi area besides the three named ones must hold "
                "Rovaniemi or Meri-Lappi; Rovaniemi is not in a named one",
                "seed001;deduced",
            )
        },
    ),
]

SOURCES = [
    (
        "seed001",
        "Seed deck 'Kansalliset suositukset yhdyspintojen rakentamiseksi alueilla' "
        "(shared/seeds/001_09ce0bd927ec60a5.txt, lines 64-99): areas per wellbeing county, "
        "cross-county areas",
        "../shared/seeds/001_09ce0bd927ec60a5.txt",
    ),
    (
        "seed003",
        "Vaasa city presentation on the Pohjanmaa employment area "
        "(shared/seeds/003_89ff57224bc5a1c7.txt, lines 16-24): organiser Vaasa and members "
        "as of 31.10.2023",
        "../shared/seeds/003_89ff57224bc5a1c7.txt",
    ),
    (
        "statfi_hva",
        "Statistics Finland classification 'Hyvinvointialue' (codes 01-21, "
        "Helsinki 90, Åland 91 outside the reform), fi/sv names, as mirrored in CSCfi/antero "
        "VipunenTK_lisatiedot.hyvinvointialue (tietolahde 'Tilastokeskus', 10.5.2023)",
        "https://github.com/CSCfi/antero",
    ),
    (
        "yle_hva2021",
        "Yleisradio/geodata finland/finland-hva-2021.topo.json: municipality "
        "codes, Finnish and Swedish names (Swedish names per Kotus recommendations), population "
        "31.12.2020, wellbeing county; the four Itä-Savo municipalities moved from Pohjois-Savo "
        "to Etelä-Savo (Etelä-Savo region; Yle's 2021 map predates the final grouping)",
        "https://github.com/Yleisradio/geodata/blob/master/finland/README.md",
    ),
    (
        "language_2023",
        "Linguistic status of municipalities 2023-2032 (Government decree, "
        "unchanged from 2013-2022): 15 bilingual with Swedish majority incl. Korsnäs, Luoto, "
        "Närpiö by council request (kuntalehti.fi); 18 bilingual with Finnish majority "
        "(Kommunförbundet 'Tvåspråkiga kommuner'): the Uusimaa ones as listed by a "
        "Svenska Yle/Datawrapper table of Nyland (incl. Myrskylä), Pyhtää by its own site "
        "(pyhtaa.fi/sv/kommun, 'Finlands östligaste tvåspråkiga kommun'), Turku, Vaasa, "
        "Kokkola and Kaskinen from general knowledge; not checked against the decree text",
        "https://kuntalehti.fi/uutiset/opetus-ja-kulttuuri/kuntien-kielelliseen-asemaan-ei-"
        "muutoksia-joka-kolmas-suomalainen-asuu-kaksikielisessa-kunnassa",
    ),
    (
        "vn_20240222",
        "Government press release 22.2.2024 'TE-palvelut 2024 -uudistus: Suomeen "
        "tulossa 45 työllisyysaluetta' (Lahti, Kouvola, Helsinki, Vantaa alone; Suupohja and "
        "Kymppi joint municipal authorities) and Government decision TEM/2024/18 (Keski-"
        "Pohjanmaa and Suupohja members, Kaskinen to Pohjanmaa, Valkeakoski to Tampere region)",
        "https://valtioneuvosto.fi/-//1410877/te-palvelut-2024-uudistus-suomeen-tulossa-45-"
        "tyollisyysaluetta ; https://tem.fi/paatos?decisionId=884",
    ),
    (
        "kt_20231122",
        "KT news 22.11.2023 'TE2024-uudistus etenee': exemptions for Hanko-Inkoo-"
        "Raasepori, Pietarsaari, Savonlinna, Ylä-Savo, Tunturi-Lappi-Pello, Pohjois- ja Itä-Lappi; "
        "Porvoo area with Myrskylä",
        "https://www.kt.fi/uutiset-ja-tiedotteet/2023/te2024-uudistus-etenee-suomeen-"
        "muodostumassa-44-tyollisyysaluetta",
    ),
    (
        "iisalmi_2023",
        "Iisalmi city board 18.12.2023 § 313: Government decision 30.11.2023 on "
        "the Iisalmi-Kiuruvesi-Pielavesi-Sonkajärvi-Vieremä area",
        "https://julkaisu.iisalmi.fi/ktwebscr/fileshow?docid=781876&doctype=7",
    ),
    (
        "mantsala_2023",
        "Mäntsälä 24.10.2023: Keski-Uudenmaan työllisyysalue, Järvenpää organiser",
        "https://www.mantsala.fi/ajankohtaista/keski-uudellamaalla-etenee-kuuden-kunnan-"
        "suunnitelma-yhteisesta-tyollisyysalueesta/",
    ),
    (
        "eurajoki_2023",
        "Eurajoki 10/2023: Rauma, Eura, Eurajoki, Huittinen and Säkylä form the "
        "Etelä-Satakunnan työllisyysalue, Rauma organiser",
        "https://www.eurajoki.fi/2023/10/rauma-eura-eurajoki-huittinen-ja-sakyla-perustavat-"
        "etela-satakunnan-tyollisyysalueen/",
    ),
    (
        "hame_2023",
        "Hausjärvi 3.10.2023 and Hämeenlinna: Etelä-Hämeen työllisyysalue "
        "(Riihimäki) and TyöHäme (Hämeenlinna)",
        "https://www.hausjarvi.fi/ajankohtaista/riihimaki-hausjarvi-janakkala-ja-loppi-"
        "esittavat-yhteisen-tyollisyysalueen-perus/",
    ),
    (
        "radiopooki_pp",
        "Radio Pooki: the Government confirmed 45 areas; Pohjois-Pohjanmaa: "
        "Oulu, Raahe, Ylivieska-Kalajoki-Nivala; Kuusamo and Taivalkoski join Kainuu-"
        "Koillismaa; organisers Oulu, Raahe, Ylivieska, Kajaani",
        "https://radiopooki.fi/uutiset/lappi/a-229521",
    ),
    (
        "sulkava_2024",
        "Sulkava-lehti 17.10.2024: Sulkava belongs to the Savonlinna area",
        "https://sulkavalehti.fi/2024/10/17/17390",
    ),
    (
        "kymppi",
        "Basic agreement of Kuntayhtymä Kymppi 25.9.2023 (Alajärvi, Alavus, Evijärvi, "
        "Kauhava, Kuortane, Lappajärvi, Lapua, Soini, Vimpeli, Ähtäri; seat Kauhava)",
        "https://lawinsider.com/fi/contracts/7D5BHmQYz6R",
    ),
    (
        "agr_turku",
        "Turun työllisyysalueen yhteistoimintasopimus",
        "https://lawinsider.com/fi/contracts/f0D5NNYh2fR",
    ),
    (
        "agr_kirkkonummi",
        "Kirkkonummen, Vihdin ja Siuntion yhteistoimintasopimus",
        "https://lawinsider.com/fi/contracts/7UyHpZR7bFw",
    ),
    (
        "agr_paijat_hame",
        "Yhteistoimintasopimus Päijät-Hämeen työllisyysalueen muodostamisesta",
        "https://lawinsider.com/fi/contracts/5a9ZlRdhNid",
    ),
    (
        "agr_lantinen_pirkanmaa",
        "Läntisen Pirkanmaan työllisyysalue, yhteistoimintasopimus",
        "https://lawinsider.com/fi/contracts/kkh3jHFUijz",
    ),
    (
        "agr_etelainen_ks",
        "Sopimus yhteisestä toimielimestä (Eteläisen Keski-Suomen työllisyysalue)",
        "https://lawinsider.com/fi/contracts/iccCgH8u8sY",
    ),
    (
        "agr_pohjoinen_ks",
        "Kuntien välinen sopimus Pohjoisen Keski-Suomen työllisyysalueesta",
        "https://lawinsider.com/fi/contracts/cSrIu1V3oGc",
    ),
    (
        "agr_pohjois_karjala",
        "Sopimus yhteisen toimielimen perustamisesta, Pohjois-Karjalan työllisyysalue",
        "https://lawinsider.com/fi/contracts/a8ZhbMiTEmV",
    ),
    (
        "agr_mikkeli",
        "Sopimus työvoimapalveluiden järjestämisestä vastuukuntamallina (Mikkeli)",
        "https://lawinsider.com/fi/contracts/2Aiuyroj0XP",
    ),
    (
        "agr_pohjois_ita_lappi",
        "Sopimus yhteisestä toimielimestä (Sodankylä vastuukunta)",
        "https://lawinsider.com/fi/contracts/d2XKox62IJN",
    ),
    (
        "lappi_names",
        "Area name 'Tunturi-Lapin ja Pellon työllisyysalue' as used in a public "
        "repository's licence file (search tool, find_string 'työllisyysalue')",
        "",
    ),
    (
        "ely_pohjois_savo_2025",
        "Pohjois-Savo ELY centre release 5.11.2025 (STT): Ylä-Savo, Keski-Savo and the "
        "'Kuopion työllisyysalue'",
        "https://www.sttinfo.fi/tiedote/71607658/yhteistyota-tietoa-ja-tulevaisuuteen-"
        "katsomista-ely-keskus-toi-tyollisyystoimijat-yhteen-yhteinen-katse-kohti-"
        "vaikuttavampia-palveluja?lang=fi",
    ),
    (
        "lappi_seutukunnat",
        "'Palvelujen järjestäminen yhteistoiminnassa maakunnassa', Lappi: sub-regions "
        "(Rovaniemi: Rovaniemi, Ranua; Kemi-Tornio: Kemi, Keminmaa, Simo, Tervola, Tornio; "
        "Torniolaakso: Pello, Ylitornio; Tunturi-Lappi: Enontekiö, Kittilä, Kolari, Muonio)",
        "http://docplayer.fi/2618265-Palvelujen-jarjestaminen-yhteistoiminnassa-maakunnassa.html",
    ),
    (
        "deduced",
        "Deduced: the municipalities of a county not in its confirmed areas, given the "
        "number of areas per county in seed 001 (a cross-county area counts in both counties)",
        "",
    ),
    (
        "reconstructed",
        "Placed by the package authors by commuting geography; NOT found in a "
        "source. Check against the official list and correct with load_regions(path=...)",
        "",
    ),
]


def _county_of(row: dict[str, str], key_to_code: dict[str, str]) -> str:
    if row["code"] in COUNTY_OVERRIDES:
        return COUNTY_OVERRIDES[row["code"]]
    if row["yle_hva"] == "":
        if row["code"] != "091":
            raise ValueError(f"no county for {row['code']}")
        return "90"
    return key_to_code[row["yle_hva"]]


def _language(code: str) -> str:
    if code in BILINGUAL_SV_MAJORITY:
        return "sv,fi"
    if code in BILINGUAL_FI_MAJORITY:
        return "fi,sv"
    return "fi"


def main(out: Path = OUT) -> None:
    """Write the four CSVs into ``out`` (default: the package's data folder)."""
    key_to_code = {key: code for code, _, _, key in COUNTIES if key}
    with open(HERE / "_raw_municipalities.tsv", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh, delimiter="\t"))
    munis = {r["code"]: r for r in raw}
    county_of = {code: _county_of(r, key_to_code) for code, r in munis.items()}

    order = {code: i for i, (code, *_rest) in enumerate(COUNTIES)}

    def organiser_county(area: dict) -> str:
        return county_of[area["organiser"]]

    areas = sorted(AREAS, key=lambda a: (order[organiser_county(a)], a["name_fi"]))
    if len(areas) != 45:
        raise ValueError(f"{len(areas)} areas, expected 45")
    area_rows, member_area = [], {}
    for i, area in enumerate(areas, start=1):
        code = f"TA{i:02d}"
        organiser, members = area["organiser"], area["members"]
        if organiser not in members:
            raise ValueError(f"{area['name_fi']}: organiser {organiser} is not a member")
        counties = [county_of[organiser]] + sorted(
            {county_of[m] for m in members} - {county_of[organiser]}
        )
        bases = {m: area["overrides"].get(m, area["basis"]) for m in members}
        n_uncertain = sum(b[0] == U for b in bases.values())
        certainty, why, _ = area["basis"]
        if n_uncertain:
            area_certainty = (
                f"uncertain: {n_uncertain} of {len(members)} memberships uncertain; "
                f"{area['basis'][1]}"
            )
        else:
            area_certainty = f"confirmed: {why}"
        keys = [k for b in bases.values() for k in b[2].split(";")]
        keys += [k for k in (area["name_src"], area["org_src"]) if k]
        note = area["note"]
        area_rows.append(
            {
                "area_code": code,
                "name_fi": area["name_fi"],
                "name_sv": area["name_sv"],
                "name_en": f"{area['name_en']} employment area",
                "organiser_code": organiser,
                "county_codes": ";".join(counties),
                "name_certainty": (
                    f"confirmed: {area['name_src']}"
                    if area["name_src"]
                    else "uncertain: descriptive name, official name not found"
                ),
                "organiser_certainty": (
                    f"confirmed: {area['org_src']}" + (f"; {note}" if note else "")
                    if area["org_src"]
                    else "uncertain: " + (note or "assumed to be the largest member municipality")
                ),
                "source": ";".join(dict.fromkeys(keys)),
                "certainty": area_certainty,
            }
        )
        for m in members:
            if m in member_area:
                raise ValueError(f"{m} in two areas")
            c, w, s = bases[m]
            member_area[m] = (code, f"{c}: {w}", s)
    missing = sorted(set(munis) - set(member_area))
    extra = sorted(set(member_area) - set(munis))
    if missing or extra:
        raise ValueError(f"missing {missing} extra {extra}")

    out.mkdir(parents=True, exist_ok=True)
    with open(out / "counties.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name_fi", "name_sv", "name_en", "source"])
        for code, fi, sv, _ in COUNTIES:
            en = (
                "City of Helsinki"
                if code == "90"
                else f"{COUNTY_EN[code]} wellbeing services county"
            )
            w.writerow([code, fi, sv, en, "statfi_hva"])
    with open(out / "areas.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(area_rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(area_rows)
    with open(out / "municipalities.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(
            [
                "code",
                "name_fi",
                "name_sv",
                "county_code",
                "area_code",
                "population",
                "population_year",
                "language",
                "source",
                "certainty",
            ]
        )
        for code in sorted(munis):
            r = munis[code]
            area, certainty, src = member_area[code]
            w.writerow(
                [
                    code,
                    r["name_fi"],
                    r["name_sv"],
                    county_of[code],
                    area,
                    r["population_2020"],
                    "2020",
                    _language(code),
                    f"yle_hva2021;statfi_hva;language_2023;{src}",
                    certainty,
                ]
            )
    with open(out / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["key", "description", "url"])
        w.writerows(SOURCES)


if __name__ == "__main__":
    main()
