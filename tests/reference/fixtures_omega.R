# Golden files for vaikuttavuus.omega.omega (psych::omega: fa minres + oblimin, schmid(), omegah()).
# Run from tests/reference/: Rscript -e 'source("_common.R"); source("fixtures_omega.R")'
bfi <- read_data("bfi.csv")

omega_values <- function(res) list(
  omega_h = res$omega_h, omega_tot = res$omega.tot, omega_lim = res$omega.lim,
  alpha = res$alpha, ecv = unname(res$ECV), g6 = res$G6,
  key = as_named(res$key),
  sl = as_table(res$schmid$sl),
  gloading = as_named(as.vector(res$schmid$gloading)),
  phi = as_table(res$schmid$phi),
  oblique = as_table(res$schmid$oblique),
  omega_group = as_table(res$omega.group)
)

write_fixture("omega_bfi25_5",
  quote(psych::omega(bfi[, 1:25], nfactors = 5, fm = "minres", rotate = "oblimin", plot = FALSE)),
  omega_values)
write_fixture("omega_bfi25_3",
  quote(psych::omega(bfi[, 1:25], nfactors = 3, fm = "minres", rotate = "oblimin", plot = FALSE)),
  omega_values)
# two group factors: psych sets equal general loadings sqrt(phi12) (option = "equal") and warns
write_fixture("omega_bfi_AC_2",
  quote(psych::omega(bfi[, 1:10], nfactors = 2, fm = "minres", rotate = "oblimin", plot = FALSE)),
  omega_values)
