"""Write the small files of tests/data/io/ as Finnish organisations export them.

Run once from the repository root (``python tests/data/io/make_fixtures.py``); the files
are committed, and the tests read them as a user would.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
HEAD = (
    "episode_id;client_id;provider;service_type;contract_type;start;end;end_status;age;"
    "months_unemployed"
)


def write(name: str, text: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(text.replace("\n", "\r\n").encode(encoding))


def main() -> None:
    # Webropol CSV: a title row above the header (UTF-8 with BOM, semicolons)
    write(
        "webropol_title_row.csv",
        "Henkilöstökysely 2024 – työllisyyspalvelut\n"
        "id;q1;q2;ryhmä;osuus\n"
        "1;Täysin samaa mieltä;Jokseenkin eri mieltä;Pieni kunta;0,25\n"
        "2;Täysin eri mieltä;En osaa sanoa;Iso kunta;0,5\n"
        "3;Jokseenkin samaa mieltä;Täysin samaa mieltä;Iso kunta;\n",
        "utf-8-sig",
    )
    # Webropol CSV: a row of question texts under the header
    write(
        "webropol_question_row.csv",
        "id;q1;q2;ryhmä;osuus\n"
        ";Työni on mielekästä;Saan esihenkilöltäni tukea;Kunnan koko;Työllistyneiden osuus\n"
        "1;Täysin samaa mieltä;Jokseenkin eri mieltä;Pieni kunta;0,25\n"
        "2;Täysin eri mieltä;En osaa sanoa;Iso kunta;0,5\n",
    )
    # Excel workbook with two sheets (spring and autumn rounds)
    book = openpyxl.Workbook()
    spring = book.active
    spring.title = "Kevät"
    for row in [["id", "q1", "q2", "ryhmä", "osuus"], [1, 5, 4, "Pieni kunta", 0.25],
                [2, 1, 2, "Iso kunta", 0.5]]:  # fmt: skip
        spring.append(row)
    autumn = book.create_sheet("Syksy")
    for row in [["id", "q1", "q2", "ryhmä", "osuus"], [11, 2, 2, "Iso kunta", 0.1],
                [12, 3, 5, "Iso kunta", 0.2], [13, 4, 1, "Pieni kunta", 0.3]]:  # fmt: skip
        autumn.append(row)
    book.save(HERE / "two_sheets.xlsx")
    # Excel workbook whose formula cells were written by a program that does not calculate
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Data"
    for row in [["id", "q1", "q2", "ryhmä", "osuus"], [1, 5, 4, "Pieni kunta", "=1/4"],
                [2, 1, 2, "Iso kunta", "=1/2"]]:  # fmt: skip
        ws.append(row)
    book.save(HERE / "formulas_without_values.xlsx")
    # Registry extract: yyyymmdd integers
    write(
        "registry_yyyymmdd.csv",
        "episode_id,client_id,provider,service_type,contract_type,start,end,end_status\n"
        "e1,c1,Provider A,1A,fixed,20240301,20240630,work\n"
        "e2,c2,Provider A,1B,outcome_based,20240115,20240920,education\n"
        "e3,c3,Provider B,1C,outcome_based,20240402,,active\n",
    )
    # Episodes as a Finnish Excel/ERP export: d.m.yyyy with every day <= 12, semicolons,
    # Windows-1252, decimal commas, trailing spaces in a provider name
    write(
        "episodes_fi_days_le_12.csv",
        HEAD + "\n"
        "e1;c1;Palvelu Ääritalo Oy;1A;fixed;1.3.2024;12.6.2024;work;34;9,5\n"
        "e2;c2;Provider C ;1B;outcome_based;2.1.2024;11.9.2024;education;51;24\n"
        "e3;c3;Provider C;1C;outcome_based;05.04.2024;;active;29;3,25\n"
        "e4;c4;Palvelu Ääritalo Oy;1A;outcome_based;10.2.2024;1.12.2024;unemployment;45;1 200\n",
        "cp1252",
    )
    write("episodes_iso.csv", (
        HEAD.replace(";", ",") + "\n"
        "e1,c1,Palvelu Ääritalo Oy,1A,fixed,2024-03-01,2024-06-12,work,34,9.5\n"
        "e2,c2,Provider C,1B,outcome_based,2024-01-02,2024-09-11,education,51,24\n"
        "e3,c3,Provider C,1C,outcome_based,2024-04-05,,active,29,3.25\n"
        "e4,c4,Palvelu Ääritalo Oy,1A,outcome_based,2024-02-10,2024-12-01,unemployment,45,1200\n"
    ))  # fmt: skip
    # one row with an extra ';' in free text
    write(
        "episodes_extra_separator.csv",
        "episode_id;client_id;provider;service_type;contract_type;start;end;end_status;note\n"
        "e1;c1;Provider A;1A;fixed;1.3.2024;12.6.2024;work;ok\n"
        "e2;c2;Provider A;1B;fixed;2.1.2024;11.9.2024;work;siirtyi; palkkatuki\n"
        "e3;c3;Provider B;1C;fixed;5.4.2024;;active;\n",
    )
    write("episodes_header_only.csv", HEAD + "\n")
    (HERE / "empty.csv").write_bytes(b"")
    write("duplicate_header.csv", "id;q1;q1;q2\n1;5;4;3\n2;1;2;3\n")
    write("episodes_no_client.csv", (
        "episode_id;provider;service_type;contract_type;start;end;end_status\n"
        "e1;Provider A;1A;fixed;1.3.2024;12.6.2024;work\n"
    ))  # fmt: skip
    # IPS jobs with Finnish hours and wages; and one with a unit written in the cell
    write("ips_jobs_fi.csv", (
        "client;start;end;hours_per_week;hourly_wage;competitive\n"
        "c1;1.3.2024;;37,5;12,50;True\n"
        "c2;2.4.2024;30.6.2024;20;13,05;True\n"
    ))  # fmt: skip
    write("ips_jobs_units.csv", (
        "client;start;end;hours_per_week;hourly_wage;competitive\n"
        "c1;1.3.2024;;37,5;12,50;True\n"
        "c2;2.4.2024;30.6.2024;20 h;13,05;True\n"
    ))  # fmt: skip
    write("ips_records_fi.csv", (
        "client;site;specialist;enrolled;discharged;employed_at_referral\n"
        "c1;Tampere ;s1;10.1.2024;;False\n"
        "c2;Tampere;s1;1.2.2024;;False\n"
    ))  # fmt: skip
    write("ips_records_no_site.csv", (
        "client;specialist;enrolled;discharged;employed_at_referral\n"
        "c1;s1;10.1.2024;;False\n"
    ))  # fmt: skip
    # a truncated gzip file, as left by an interrupted copy
    full = gzip.compress(("municipality,period\n" + "091,2024\n" * 200).encode())
    (HERE / "truncated.csv.gz").write_bytes(full[: len(full) // 2])


if __name__ == "__main__":
    main()
