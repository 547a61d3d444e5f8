# Pairwise-complete correlations, as used by psych's alpha/fa/KMO by default.
bfi <- read_data("bfi.csv")
write_fixture(
  "cor_bfi_pairwise",
  quote(cor(bfi[, 1:25], use = "pairwise.complete.obs")),
  function(res) list(r = as_table(res))
)
write_fixture(
  "n_bfi_pairwise",
  quote(crossprod(!is.na(bfi[, 1:25]))),
  function(res) list(n = as_table(res))
)
