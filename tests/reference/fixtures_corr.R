# Golden files for vaikuttavuus.correlation.corr_test (psych::corr.test and stats::cor.test).
# Run from tests/reference/: Rscript -e 'source("_common.R"); source("fixtures_corr.R")'
bfi <- read_data("bfi.csv")

full_n <- function(res) {
  n <- res$n
  if (length(n) == 1) n <- matrix(n, nrow(res$r), ncol(res$r), dimnames = dimnames(res$r))
  n
}
corr_values <- function(res) list(
  r = as_table(res$r), n = as_table(full_n(res)), t = as_table(res$t),
  p = as_table(res$p), ci2 = as_table(res$ci2)
)
# (adjusted p-values of the x-only case are read from ci2$p.adj, in lower-triangle order)

# x only, pairwise missing values, Holm over the upper triangle
write_fixture("corr_bfi_pearson_holm",
  quote(psych::corr.test(bfi[, 1:6], use = "pairwise", method = "pearson", adjust = "holm")),
  corr_values)
# x and y, Spearman, Benjamini-Hochberg over all x-y pairs
write_fixture("corr_bfi_xy_spearman_fdr",
  quote(psych::corr.test(bfi[, 1:4], bfi[, c(6:8, 26:28)], use = "pairwise", method = "spearman", adjust = "BH")),
  function(res) list(r = as_table(res$r), n = as_table(res$n), p = as_table(res$p.adj),
                     p_unadj = as_table(res$p), ci2 = as_table(res$ci2)))
# x and y, Pearson, Bonferroni (x and y disjoint)
write_fixture("corr_bfi_xy_pearson_bonferroni",
  quote(psych::corr.test(bfi[, 11:15], bfi[, 26:28], use = "pairwise", method = "pearson", adjust = "bonferroni")),
  function(res) list(r = as_table(res$r), n = as_table(res$n), p_adj = as_table(res$p.adj),
                     p = as_table(res$p), ci2 = as_table(res$ci2)))
# listwise deletion
write_fixture("corr_bfi_listwise_none",
  quote(psych::corr.test(na.omit(bfi[, 16:20]), method = "pearson", adjust = "none")),
  corr_values)
# Kendall tau-b (ties): psych gives r; p from cor.test's normal approximation below
write_fixture("corr_bfi_kendall_r",
  quote(psych::corr.test(bfi[1:400, 1:4], use = "pairwise", method = "kendall", adjust = "none")),
  function(res) list(r = as_table(res$r), n = as_table(full_n(res))))

# stats::cor.test for single pairs (all three methods, exact = FALSE as documented)
pairs <- list(c("A1", "A2"), c("C1", "E3"), c("N1", "age"), c("O2", "education"))
cortests <- function(method, rows) {
  out <- lapply(pairs, function(pr) {
    d <- bfi[rows, pr]
    tt <- if (method == "pearson") cor.test(d[[1]], d[[2]], method = method)
          else cor.test(d[[1]], d[[2]], method = method, exact = FALSE)
    ci <- if (is.null(tt$conf.int)) c(NA, NA) else as.numeric(tt$conf.int)
    c(estimate = unname(tt$estimate), statistic = unname(tt$statistic), p = tt$p.value,
      n = sum(complete.cases(d)), ci_low = ci[1], ci_high = ci[2])
  })
  m <- do.call(rbind, out)
  rownames(m) <- vapply(pairs, paste, "", collapse = "-")
  m
}
write_fixture("cortest_pairs_pearson", quote(cortests("pearson", 1:2800)), function(m) list(table = as_table(m)))
write_fixture("cortest_pairs_spearman", quote(cortests("spearman", 1:2800)), function(m) list(table = as_table(m)))
write_fixture("cortest_pairs_kendall", quote(cortests("kendall", 1:600)), function(m) list(table = as_table(m)))
