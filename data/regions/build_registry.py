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

# English names of the areas, keyed by organiser municipality.
AREA_EN = {
    "638": "East Uusimaa",
    "186": "Central Uusimaa",
    "049": "Espoo",
    "257": "Kirkkonummi",
    "444": "Lohja",
    "710": "Raasepori",
    "245": "Kerava–Sipoo",
    "092": "Vantaa",
    "734": "Salo",
    "853": "Turku",
    "609": "Pori",
    "684": "Rauma",
    "109": "Hämeenlinna",
    "694": "Riihimäki",
    "837": "Tampere",
    "908": "Valkeakoski",
    "111": "Heinola",
    "398": "Lahti",
    "285": "Kotka–Hamina",
    "286": "Kouvola",
    "405": "South Karelia",
    "491": "Mikkeli",
    "740": "Savonlinna",
    "915": "Central Savo",
    "297": "Kuopio",
    "140": "Upper Savo",
    "167": "North Karelia",
    "182": "Southern Central Finland",
    "179": "Jyväskylä",
    "992": "Northern Central Finland",
    "010": "Järviseutu and Kuusiokunnat",
    "743": "Seinäjoki",
    "232": "Suupohja",
    "598": "Jakobstad region",
    "905": "Ostrobothnia",
    "272": "Central Ostrobothnia",
    "977": "Southern Oulu region",
    "564": "Oulu",
    "678": "Raahe",
    "205": "Kainuu–Koillismaa",
    "240": "Sea Lapland",
    "758": "North and East Lapland",
    "698": "Rovaniemi",
    "261": "Fell Lapland and Pello",
    "091": "Helsinki",
}

C = "confirmed"
U = "uncertain"

# Areas whose Finnish name is attested in a source (else the name is descriptive).
NAME_SOURCES = {
    "905": "seed003",
    "205": "seed001",
    "232": "seed001",
    "915": "seed001",
    "182": "seed001",
    "245": "seed001",
    "261": "lappi_names",
    "758": "lappi_names",
}
# Organisers attested in a source (else assumed: the largest member municipality).
ORGANISER_SOURCES = {"905": "seed003", "091": "seed001"}

# (name_fi, name_sv, organiser, members, basis) per employment area.
# basis: (certainty, why, source keys) applied to every member row unless the
# member is listed in the per-member override dict.
AREAS = [
    # --- Itä-Uusimaa (01): 2 areas incl. Kerava-Sipoo
    (
        "Itä-Uudenmaan työllisyysalue",
        "Östra Nylands sysselsättningsområde",
        "638",
        ["638", "018", "407", "434", "504", "616"],
        (
            C,
            "deduced: seed 001 gives Itä-Uusimaa 2 areas, one is Kerava-Sipoo; the other "
            "Itä-Uusimaa municipalities can only be in the second",
            "seed001",
        ),
    ),
    # --- Keski-Uusimaa (02): 1 area
    (
        "Keski-Uudenmaan työllisyysalue",
        "Mellersta Nylands sysselsättningsområde",
        "186",
        ["106", "186", "505", "543", "611", "858"],
        (C, "seed 001: Keski-Uusimaa has one employment area", "seed001"),
    ),
    # --- Länsi-Uusimaa (03): 4 areas
    (
        "Espoon työllisyysalue",
        "Esbo sysselsättningsområde",
        "049",
        ["049", "235"],
        (
            U,
            "split of Länsi-Uusimaa into its 4 areas reconstructed, not from a found list",
            "reconstructed",
        ),
    ),
    (
        "Kirkkonummen työllisyysalue",
        "Kyrkslätts sysselsättningsområde",
        "257",
        ["257"],
        (
            U,
            "split of Länsi-Uusimaa into its 4 areas reconstructed, not from a found list",
            "reconstructed",
        ),
    ),
    (
        "Lohjan työllisyysalue",
        "Lojo sysselsättningsområde",
        "444",
        ["444", "224", "927", "755"],
        (
            U,
            "split of Länsi-Uusimaa into its 4 areas reconstructed, not from a found list",
            "reconstructed",
        ),
    ),
    (
        "Raaseporin työllisyysalue",
        "Raseborgs sysselsättningsområde",
        "710",
        ["710", "078", "149"],
        (
            U,
            "split of Länsi-Uusimaa into its 4 areas reconstructed, not from a found list",
            "reconstructed",
        ),
    ),
    # --- Vantaa-Kerava (04): 2 areas
    (
        "Kerava–Sipoo työllisyysalue",
        "Kervo–Sibbo sysselsättningsområde",
        "245",
        ["245", "753"],
        (
            C,
            "seed 001 names the area Kerava - Sipoo and lists it as spanning two counties",
            "seed001",
        ),
    ),
    (
        "Vantaan työllisyysalue",
        "Vanda sysselsättningsområde",
        "092",
        ["092"],
        (C, "deduced: seed 001 gives Vantaa-Kerava 2 areas, Kerava is in Kerava-Sipoo", "seed001"),
    ),
    # --- Varsinais-Suomi (05): 2 areas
    (
        "Salon työllisyysalue",
        "Salo sysselsättningsområde",
        "734",
        ["734", "761"],
        (U, "split of Varsinais-Suomi into its 2 areas reconstructed", "reconstructed"),
    ),
    (
        "Turun työllisyysalue",
        "Åbo sysselsättningsområde",
        "853",
        [
            "853",
            "019",
            "202",
            "284",
            "304",
            "322",
            "400",
            "423",
            "430",
            "445",
            "480",
            "481",
            "503",
            "529",
            "538",
            "561",
            "577",
            "631",
            "636",
            "680",
            "704",
            "738",
            "833",
            "895",
            "918",
        ],
        (U, "split of Varsinais-Suomi into its 2 areas reconstructed", "reconstructed"),
    ),
    # --- Satakunta (06): 2 areas
    (
        "Porin työllisyysalue",
        "Björneborgs sysselsättningsområde",
        "609",
        ["609", "079", "102", "181", "214", "230", "271", "484", "531", "608", "747", "886"],
        (U, "split of Satakunta into its 2 areas reconstructed", "reconstructed"),
    ),
    (
        "Rauman työllisyysalue",
        "Raumo sysselsättningsområde",
        "684",
        ["684", "050", "051", "783"],
        (U, "split of Satakunta into its 2 areas reconstructed", "reconstructed"),
    ),
    # --- Kanta-Häme (07): 2 areas
    (
        "Hämeenlinnan työllisyysalue",
        "Tavastehus sysselsättningsområde",
        "109",
        ["109", "082", "165", "061", "103", "169", "834", "981"],
        (U, "split of Kanta-Häme into its 2 areas reconstructed", "reconstructed"),
    ),
    (
        "Riihimäen työllisyysalue",
        "Riihimäki sysselsättningsområde",
        "694",
        ["694", "086", "433"],
        (U, "split of Kanta-Häme into its 2 areas reconstructed", "reconstructed"),
    ),
    # --- Pirkanmaa (08): 2 own areas + Eteläinen Keski-Suomi (Kuhmoinen)
    (
        "Tampereen työllisyysalue",
        "Tammerfors sysselsättningsområde",
        "837",
        [
            "837",
            "108",
            "143",
            "177",
            "211",
            "250",
            "418",
            "508",
            "536",
            "562",
            "581",
            "604",
            "619",
            "635",
            "702",
            "790",
            "922",
            "936",
            "980",
        ],
        (U, "split of Pirkanmaa into its areas reconstructed", "reconstructed"),
    ),
    (
        "Valkeakosken työllisyysalue",
        "Valkeakoski sysselsättningsområde",
        "908",
        ["908", "020", "887"],
        (U, "split of Pirkanmaa into its areas reconstructed", "reconstructed"),
    ),
    # --- Päijät-Häme (09): 2 areas
    (
        "Heinolan työllisyysalue",
        "Heinola sysselsättningsområde",
        "111",
        ["111", "081", "781"],
        (U, "split of Päijät-Häme into its 2 areas reconstructed", "reconstructed"),
    ),
    (
        "Lahden työllisyysalue",
        "Lahtis sysselsättningsområde",
        "398",
        ["398", "016", "098", "142", "316", "560", "576"],
        (U, "split of Päijät-Häme into its 2 areas reconstructed", "reconstructed"),
    ),
    # --- Kymenlaakso (10): 2 areas
    (
        "Kotkan-Haminan työllisyysalue",
        "Kotka-Fredrikshamns sysselsättningsområde",
        "285",
        ["285", "075", "489", "624", "935"],
        (U, "split of Kymenlaakso into its 2 areas reconstructed", "reconstructed"),
    ),
    (
        "Kouvolan työllisyysalue",
        "Kouvola sysselsättningsområde",
        "286",
        ["286"],
        (U, "split of Kymenlaakso into its 2 areas reconstructed", "reconstructed"),
    ),
    # --- Etelä-Karjala (11): 1 area
    (
        "Etelä-Karjalan työllisyysalue",
        "Södra Karelens sysselsättningsområde",
        "405",
        ["405", "153", "416", "441", "580", "689", "700", "739", "831"],
        (C, "seed 001: Etelä-Karjala has one employment area", "seed001"),
    ),
    # --- Etelä-Savo (12): 2 own areas + Keski-Savo (Pieksämäki)
    (
        "Mikkelin työllisyysalue",
        "S:t Michels sysselsättningsområde",
        "491",
        ["491", "097", "178", "213", "507", "588", "623"],
        (U, "split of Etelä-Savo into its areas reconstructed", "reconstructed"),
    ),
    (
        "Savonlinnan työllisyysalue",
        "Nyslotts sysselsättningsområde",
        "740",
        ["740", "046", "681", "768"],
        (U, "split of Etelä-Savo into its areas reconstructed", "reconstructed"),
    ),
    # --- Pohjois-Savo (13): 2 own areas + Keski-Savo
    (
        "Keski-Savon työllisyysalue",
        "Mellersta Savolax sysselsättningsområde",
        "915",
        ["915", "171", "420", "593"],
        (
            U,
            "seed 001 names Keski-Savo as spanning two counties; members reconstructed "
            "(Varkaus region in Pohjois-Savo plus Pieksämäki in Etelä-Savo)",
            "seed001;reconstructed",
        ),
    ),
    (
        "Kuopion työllisyysalue",
        "Kuopio sysselsättningsområde",
        "297",
        ["297", "749", "204", "857", "686", "778", "844", "921"],
        (U, "split of Pohjois-Savo into its areas reconstructed", "reconstructed"),
    ),
    (
        "Ylä-Savon työllisyysalue",
        "Övre Savolax sysselsättningsområde",
        "140",
        ["140", "263", "402", "762", "925", "239", "595", "687"],
        (U, "split of Pohjois-Savo into its areas reconstructed", "reconstructed"),
    ),
    # --- Pohjois-Karjala (14): 1 area
    (
        "Pohjois-Karjalan työllisyysalue",
        "Norra Karelens sysselsättningsområde",
        "167",
        ["167", "090", "146", "176", "260", "276", "309", "422", "426", "541", "607", "707", "848"],
        (C, "seed 001: Pohjois-Karjala has one employment area", "seed001"),
    ),
    # --- Keski-Suomi (15): 2 own areas + Eteläinen Keski-Suomi
    (
        "Eteläisen Keski-Suomen työllisyysalue",
        "Södra Mellersta Finlands sysselsättningsområde",
        "182",
        ["182", "291"],
        (
            U,
            "seed 001 names the area and says it spans two counties; members reconstructed "
            "(Jämsä, and Kuhmoinen in Pirkanmaa)",
            "seed001;reconstructed",
        ),
    ),
    (
        "Jyväskylän työllisyysalue",
        "Jyväskylä sysselsättningsområde",
        "179",
        ["179", "077", "172", "249", "410", "435", "495", "500", "592", "850", "892"],
        (U, "split of Keski-Suomi into its areas reconstructed", "reconstructed"),
    ),
    (
        "Pohjoisen Keski-Suomen työllisyysalue",
        "Norra Mellersta Finlands sysselsättningsområde",
        "992",
        ["992", "216", "226", "256", "265", "275", "312", "601", "729", "931"],
        (U, "split of Keski-Suomi into its areas reconstructed; name descriptive", "reconstructed"),
    ),
    # --- Etelä-Pohjanmaa (16): 2 own areas + Suupohja
    (
        "Järviseudun ja Kuusiokuntien työllisyysalue",
        "Järviseutus och Kuusiokuntas sysselsättningsområde",
        "010",
        ["010", "005", "052", "300", "403", "759", "934", "989"],
        (
            U,
            "split of Etelä-Pohjanmaa into its areas reconstructed; name descriptive",
            "reconstructed",
        ),
    ),
    (
        "Seinäjoen työllisyysalue",
        "Seinäjoki sysselsättningsområde",
        "743",
        ["743", "145", "152", "233", "301", "408"],
        (
            U,
            "split of Etelä-Pohjanmaa into its areas reconstructed (Isokyrö not with Vaasa: "
            "the Vaasa area is not among seed 001's cross-county areas)",
            "reconstructed",
        ),
    ),
    (
        "Suupohjan työllisyysalue",
        "Sydösterbottens sysselsättningsområde",
        "232",
        ["232", "151", "218", "846", "287", "231"],
        (
            U,
            "seed 001 names Suupohja as spanning two counties; members reconstructed "
            "(Suupohja municipalities and Kristiinankaupunki, Kaskinen)",
            "seed001;reconstructed",
        ),
    ),
    # --- Pohjanmaa (17): 2 own areas + Suupohja
    (
        "Pietarsaaren seudun työllisyysalue",
        "Jakobstadsregionens sysselsättningsområde",
        "598",
        ["598", "599", "440", "288"],
        (
            U,
            "reconstructed: the Pohjanmaa municipalities not in the Vaasa list of seed 003 "
            "(Kruunupyy not with Kokkola: Keski-Pohjanmaa's area is not cross-county)",
            "seed001;seed003;reconstructed",
        ),
    ),
    (
        "Pohjanmaan työllisyysalue",
        "Österbottens sysselsättningsområde",
        "905",
        ["905", "893", "946", "499", "399", "475", "545", "280"],
        (
            C,
            "seed 003 lines 16-24: Vaasa organises the area; members as announced by 31.10.2023",
            "seed003",
        ),
    ),
    # --- Keski-Pohjanmaa (18): 1 area
    (
        "Keski-Pohjanmaan työllisyysalue",
        "Mellersta Österbottens sysselsättningsområde",
        "272",
        ["272", "074", "217", "236", "421", "584", "849", "924"],
        (C, "seed 001: Keski-Pohjanmaa has one employment area", "seed001"),
    ),
    # --- Pohjois-Pohjanmaa (19): 3 own areas + Kainuu-Koillismaa
    (
        "Oulun eteläisen työllisyysalue",
        "Södra Uleåborgsregionens sysselsättningsområde",
        "977",
        [
            "977",
            "009",
            "069",
            "071",
            "208",
            "317",
            "483",
            "535",
            "563",
            "626",
            "630",
            "691",
            "746",
            "791",
        ],
        (
            U,
            "split of Pohjois-Pohjanmaa into its areas reconstructed; name descriptive",
            "reconstructed",
        ),
    ),
    (
        "Oulun työllisyysalue",
        "Uleåborgs sysselsättningsområde",
        "564",
        ["564", "072", "139", "244", "425", "436", "494", "615", "785", "859", "889"],
        (U, "split of Pohjois-Pohjanmaa into its areas reconstructed", "reconstructed"),
    ),
    (
        "Raahen työllisyysalue",
        "Brahestads sysselsättningsområde",
        "678",
        ["678", "625", "748"],
        (U, "split of Pohjois-Pohjanmaa into its areas reconstructed", "reconstructed"),
    ),
    # --- Kainuu (20): 1 area, Kainuu-Koillismaa
    (
        "Kainuu–Koillismaan työllisyysalue",
        "Kajanaland–Koillismaa sysselsättningsområde",
        "205",
        ["205", "105", "290", "578", "620", "697", "765", "777", "305", "832"],
        (C, "seed 001: Kainuu has one employment area, Kainuu-Koillismaa", "seed001"),
    ),
    # --- Lappi (21): 4 areas
    (
        "Meri-Lapin työllisyysalue",
        "Havslapplands sysselsättningsområde",
        "240",
        ["240", "241", "751", "845", "851", "976"],
        (U, "split of Lappi into its 4 areas reconstructed", "reconstructed"),
    ),
    (
        "Pohjois- ja Itä-Lapin työllisyysalue",
        "Norra och Östra Lapplands sysselsättningsområde",
        "758",
        ["758", "148", "320", "583", "614", "732", "742", "890"],
        (
            U,
            "area name found in a public repository; members reconstructed",
            "lappi_names;reconstructed",
        ),
    ),
    (
        "Rovaniemen työllisyysalue",
        "Rovaniemi sysselsättningsområde",
        "698",
        ["698", "683"],
        (U, "split of Lappi into its 4 areas reconstructed", "reconstructed"),
    ),
    (
        "Tunturi-Lapin ja Pellon työllisyysalue",
        "Fjällapplands och Pello sysselsättningsområde",
        "261",
        ["047", "261", "273", "498", "854"],
        (
            U,
            "area name found in a public repository; members reconstructed",
            "lappi_names;reconstructed",
        ),
    ),
    # --- Helsinki (90)
    (
        "Helsingin työllisyysalue",
        "Helsingfors sysselsättningsområde",
        "091",
        ["091"],
        (C, "seed 001: Helsinki is its own employment area", "seed001"),
    ),
]

# Per-member overrides of the area basis (certainty, why, sources).
MEMBER_OVERRIDES = {
    # Kainuu-Koillismaa: the Kainuu members are confirmed (one area in Kainuu); the
    # Koillismaa members are inferred from the area's name.
    "305": (U, "Koillismaa member inferred from the area name (Kuusamo)", "seed001;reconstructed"),
    "832": (
        U,
        "Koillismaa member inferred from the area name (Taivalkoski)",
        "seed001;reconstructed",
    ),
}

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
        "31.12.2020, wellbeing county; the four Itä-Savo municipalities are moved from Pohjois-"
        "Savo to Etelä-Savo (Etelä-Savo region; Yle's 2021 map predates the final grouping)",
        "https://github.com/Yleisradio/geodata/blob/master/finland/README.md",
    ),
    (
        "language_2023",
        "Linguistic status of municipalities 2023-2032 (Government decree, "
        "unchanged from 2013-2022): 15 bilingual with Swedish majority incl. Korsnäs, Luoto, "
        "Närpiö by council request (kuntalehti.fi 'Kuntien kielelliseen asemaan ei muutoksia'); "
        "18 bilingual with Finnish majority (Kommunförbundet 'Tvåspråkiga kommuner'); the "
        "membership of the Finnish-majority list is from general knowledge and was not checked "
        "against the decree text",
        "https://kuntalehti.fi/uutiset/opetus-ja-kulttuuri/kuntien-kielelliseen-asemaan-ei-"
        "muutoksia-joka-kolmas-suomalainen-asuu-kaksikielisessa-kunnassa",
    ),
    (
        "lappi_names",
        "Area names 'Tunturi-Lapin ja Pellon työllisyysalue' and 'Pohjois- ja "
        "Itä-Lapin työllisyysalue' as used in a public repository's licence file (search "
        "tool, find_string 'työllisyysalue')",
        "",
    ),
    (
        "reconstructed",
        "Reconstructed by the package authors from the area structure that "
        "seed 001 fixes (number of areas per county, the five cross-county areas) and the "
        "geography of commuting regions; NOT from the official list of the 45 areas (TEM "
        "decision on employment areas), which was not available. Check against the official "
        "list and correct with load_regions(path=...)",
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

    def organiser_county(area: tuple) -> str:
        return county_of[area[2]]

    areas = sorted(AREAS, key=lambda a: (order[organiser_county(a)], a[0]))
    if len(areas) != 45:
        raise ValueError(f"{len(areas)} areas, expected 45")
    area_rows, member_area = [], {}
    for i, (name_fi, name_sv, organiser, members, basis) in enumerate(areas, start=1):
        code = f"TA{i:02d}"
        if organiser not in members:
            raise ValueError(f"{name_fi}: organiser {organiser} is not a member")
        counties = [county_of[organiser]] + sorted(
            {county_of[m] for m in members} - {county_of[organiser]}
        )
        certainty, why, source = basis
        area_rows.append(
            {
                "area_code": code,
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": f"{AREA_EN[organiser]} employment area",
                "organiser_code": organiser,
                "county_codes": ";".join(counties),
                "name_certainty": (
                    f"confirmed: {NAME_SOURCES[organiser]}"
                    if organiser in NAME_SOURCES
                    else "uncertain: descriptive name, official name not found"
                ),
                "organiser_certainty": (
                    f"confirmed: {ORGANISER_SOURCES[organiser]}"
                    if organiser in ORGANISER_SOURCES
                    else "uncertain: assumed to be the largest member municipality"
                ),
                "source": source,
                "certainty": f"{certainty}: {why}",
            }
        )
        for m in members:
            if m in member_area:
                raise ValueError(f"{m} in two areas")
            ov = MEMBER_OVERRIDES.get(m)
            c, w, s = ov if ov else basis
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
