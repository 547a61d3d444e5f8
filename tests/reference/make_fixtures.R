#!/usr/bin/env Rscript
# Regenerates every golden file under tests/expected/ from R psych / GPArotation / lavaan.
# Run from this directory:  Rscript make_fixtures.R      (or `make fixtures` at the top level)
# Needs the Debian packages: r-base-core r-cran-psych r-cran-gparotation r-cran-lavaan
source("_common.R")
source("export_data.R")
for (f in sort(Sys.glob("fixtures_*.R"))) {
  message("running ", f)
  source(f)
}
