# Shared helpers for the fixture generators. Each fixture is a JSON file in tests/expected/
# holding the exact R call that produced it, the R/psych versions, and the values at full
# double precision (17 significant digits).
suppressPackageStartupMessages({
  library(psych)
  library(GPArotation)
  library(jsonlite)
})

EXPECTED_DIR <- normalizePath(file.path("..", "expected"), mustWork = FALSE)
DATA_DIR <- normalizePath(file.path("..", "data"), mustWork = FALSE)
dir.create(EXPECTED_DIR, showWarnings = FALSE, recursive = TRUE)

# A matrix/data.frame as {index, columns, data}; vectors keep their names when they have them.
as_table <- function(m) {
  m <- as.matrix(m)
  list(
    # I(): keep length-1 dimensions as JSON arrays (auto_unbox would turn them into strings)
    index = I(if (is.null(rownames(m))) as.character(seq_len(nrow(m))) else rownames(m)),
    columns = I(if (is.null(colnames(m))) as.character(seq_len(ncol(m))) else colnames(m)),
    data = unname(m)
  )
}
as_named <- function(v) {
  v <- unlist(v)
  list(index = I(if (is.null(names(v))) as.character(seq_along(v)) else names(v)), data = I(unname(v)))
}

# write_fixture("alpha_bfi_A", quote(psych::alpha(bfi[, 1:5], check.keys = FALSE)), function(res) list(...))
# `call` is an unevaluated expression: it is evaluated here and its deparsed text is stored verbatim.
write_fixture <- function(name, call, extract, env = parent.frame()) {
  res <- eval(call, env)
  out <- list(
    name = name,
    r_call = paste(deparse(call, width.cutoff = 500L), collapse = " "),
    r_version = R.version.string,
    psych_version = as.character(packageVersion("psych")),
    gparotation_version = as.character(packageVersion("GPArotation")),
    values = extract(res)
  )
  path <- file.path(EXPECTED_DIR, paste0(name, ".json"))
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, na = "null", null = "null", pretty = TRUE), path)
  invisible(res)
}

read_data <- function(file) read.csv(file.path(DATA_DIR, file), check.names = FALSE)
