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

# One factor (vaikuttavuus.omega.omega_total): psych says "Omega_h for 1 factor is not
# meaningful, just omega_t", so only omega.tot, alpha, the keys and the loadings are stored.
omega1_values <- function(res) list(
  omega_tot = res$omega.tot, alpha = res$alpha,
  key = as_named(res$key),
  sl = as_table(res$schmid$sl[, c("g", "h2", "u2"), drop = FALSE])
)
# flip = TRUE (default): A1 loads negatively and is reversed by psych
write_fixture("omega1_bfi_A",
  quote(psych::omega(bfi[, c("A1", "A2", "A3", "A4", "A5")], nfactors = 1, plot = FALSE)),
  omega1_values)
# A1 reversed in the data (7 - x on the 1..6 scale): the same omega.tot, no flip needed
bfi_A_rev <- within(bfi[, c("A1", "A2", "A3", "A4", "A5")], A1 <- 7 - A1)
write_fixture("omega1_bfi_A_rev",
  quote(psych::omega(bfi_A_rev, nfactors = 1, plot = FALSE)), omega1_values)
# key given (all +1): psych sets flip = FALSE, so A1 stays unreversed (the scale as scored)
write_fixture("omega1_bfi_A_nokey",
  quote(psych::omega(bfi[, c("A1", "A2", "A3", "A4", "A5")], nfactors = 1, key = c(1, 1, 1, 1, 1), plot = FALSE)),
  omega1_values)
# C4, C5 load negatively: flipped by psych
write_fixture("omega1_bfi_C",
  quote(psych::omega(bfi[, c("C1", "C2", "C3", "C4", "C5")], nfactors = 1, plot = FALSE)),
  omega1_values)
# Neuroticism, 5 items all positive
write_fixture("omega1_bfi_N",
  quote(psych::omega(bfi[, c("N1", "N2", "N3", "N4", "N5")], nfactors = 1, plot = FALSE)),
  omega1_values)
# maximum likelihood instead of minres
write_fixture("omega1_bfi_C_ml",
  quote(psych::omega(bfi[, c("C1", "C2", "C3", "C4", "C5")], nfactors = 1, fm = "ml", plot = FALSE)),
  omega1_values)
