# Golden values for vaikuttavuus.reliability.cronbach_alpha and vaikuttavuus.scales.scale_scores.
# Run from tests/reference/:  Rscript -e 'source("_common.R"); source("fixtures_alpha.R")'
#
# psych::alpha (2.2.9) notes that matter for the comparison:
# * keys: a numeric vector of +1/-1 per item. Reversed items are recoded as
#   max(x) + min(x) - x with min/max over the whole item matrix (no min/max arguments exist).
# * default use = "pairwise": covariances from pairwise-complete rows; item means/SDs with
#   na.rm = TRUE; n per item = colSums(!is.na(x)); the scale score is rowMeans(x, na.rm = TRUE).
# * n.obs for the Feldt interval (alpha.ci) and the standard errors is nrow(x).
# * listwise = na.omit() on the item data before alpha (SPSS RELIABILITY's rule).
bfi <- read_data("bfi.csv")

alpha_values <- function(res, x, nvar) {
  list(
    total = as_named(res$total),
    var_r = unname(res$var.r),
    alpha_drop = as_table(res$alpha.drop),
    item_stats = as_table(res$item.stats),
    n_obs = nrow(x),
    feldt_low = res$feldt$lower.ci[[1]],
    feldt_high = res$feldt$upper.ci[[1]],
    # psych::alpha.ci at another level, to test the `confidence` argument (90%)
    feldt90 = as_named(unlist(alpha.ci(res$total$raw_alpha, nrow(x), nvar, p.val = 0.10)[c("lower.ci", "upper.ci")])),
    # vaikuttavuus (pairwise) does not count rows where every item is missing; psych's
    # alpha.ci with that n (equal to the above when no row is entirely empty):
    n_nonempty = sum(rowSums(!is.na(x)) > 0),
    feldt_nonempty = as_named(unlist(alpha.ci(res$total$raw_alpha, sum(rowSums(!is.na(x)) > 0), nvar)[c("lower.ci", "upper.ci")]))
  )
}

A <- bfi[, c("A1", "A2", "A3", "A4", "A5")]
C <- bfi[, c("C1", "C2", "C3", "C4", "C5")]
N <- bfi[, c("N1", "N2", "N3", "N4", "N5")]
A_complete <- na.omit(A)
C_complete <- na.omit(C)
N_complete <- na.omit(N)
keys_A <- c(-1, 1, 1, 1, 1)
keys_C <- c(1, 1, 1, -1, -1)

# Agreeableness, A1 reversed, pairwise (psych default).
write_fixture("alpha_bfi_A", quote(psych::alpha(A, keys = keys_A)),
              function(res) alpha_values(res, A, 5))
# Conscientiousness, C4 and C5 reversed, pairwise.
write_fixture("alpha_bfi_C", quote(psych::alpha(C, keys = keys_C)),
              function(res) alpha_values(res, C, 5))
# Neuroticism, no reversal, pairwise.
write_fixture("alpha_bfi_N", quote(psych::alpha(N)),
              function(res) alpha_values(res, N, 5))
# The same scales with listwise deletion (complete rows only).
write_fixture("alpha_bfi_A_listwise", quote(psych::alpha(A_complete, keys = keys_A)),
              function(res) alpha_values(res, A_complete, 5))
write_fixture("alpha_bfi_C_listwise", quote(psych::alpha(C_complete, keys = keys_C)),
              function(res) alpha_values(res, C_complete, 5))
write_fixture("alpha_bfi_N_listwise", quote(psych::alpha(N_complete)),
              function(res) alpha_values(res, N_complete, 5))

# Scale scores: psych::scoreItems with impute = "none" is the row mean of the available
# (reverse-keyed) items, NA when none is observed; first 400 rows keep the file small.
bfi400 <- bfi[1:400, 1:15]
keys_list <- list(
  agree = c("-A1", "A2", "A3", "A4", "A5"),
  consc = c("C1", "C2", "C3", "-C4", "-C5"),
  extra = c("-E1", "-E2", "E3", "E4", "E5")
)
write_fixture("alpha_scores_bfi",
              quote(psych::scoreItems(keys_list, bfi400, impute = "none", min = 1, max = 6)),
              function(res) list(scores = as_table(res$scores)))

# Two items (A2, A3): every total and item statistic as usual. (psych's alpha.drop for two
# items holds a regression slope and the correlation, not alphas; vaikuttavuus reports NaN.)
A23 <- bfi[, c("A2", "A3")]
write_fixture("alpha_bfi_two_items", quote(psych::alpha(A23)),
              function(res) alpha_values(res, A23, 2))
