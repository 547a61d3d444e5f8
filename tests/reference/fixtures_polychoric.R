# Golden files for vaikuttavuus.polychoric (psych::polychoric, psych 2.2.9) and the ordinal
# reliabilities (psych::alpha of the polychoric matrix, psych::omega(poly = TRUE)).
# Run from tests/reference/: Rscript -e 'source("_common.R"); source("fixtures_polychoric.R")'
# psych's optimize() stops within about 1e-4 of each pair's maximum, so every fixture also holds
# the exact maximum of psych's own likelihood (same thresholds and cells, bivariate normal
# probabilities from pbivnorm, optimize(tol = 1e-12)) and its two-step standard error
# 1 / sqrt(optimHess(-loglik)) with the thresholds held fixed.
suppressPackageStartupMessages({
  library(pbivnorm)
  library(polycor)
})
bfi <- read_data("bfi.csv")
vates_like <- read_data("cfa_vates_like.csv")

# cell probabilities of the table with row cuts rc and column cuts cc (exact, pbivnorm)
cell_probs <- function(rho, rc, cc) {
  a <- c(-Inf, rc, Inf); b <- c(-Inf, cc, Inf)
  cdf <- function(x, y) {
    x <- pmin(pmax(x, -38), 38); y <- pmin(pmax(y, -38), 38)
    pbivnorm(x, y, rho)
  }
  grid <- expand.grid(i = seq_along(a), j = seq_along(b))
  f <- matrix(cdf(a[grid$i], b[grid$j]), length(a), length(b))
  nr <- length(a); nc <- length(b)
  f[2:nr, 2:nc] - f[1:(nr - 1), 2:nc] - f[2:nr, 1:(nc - 1)] + f[1:(nr - 1), 1:(nc - 1)]
}
# -sum(counts * log P) over cells with P > 0, as psych's polyF (which uses proportions)
neg_loglik <- function(rho, rc, cc, tab) {
  p <- cell_probs(rho, rc, cc)
  use <- p > 0 & tab > 0
  -sum(tab[use] * log(p[use]))
}
# exact two-step estimate and SE of every pair with psych's global thresholds (complete data
# or pairwise complete: the table counts rows with both items observed)
exact_polychoric <- function(x) {
  x <- as.matrix(x)
  x <- x - min(x, na.rm = TRUE) + 1
  k <- max(x, na.rm = TRUE)
  tau <- apply(x, 2, function(v) qnorm(cumsum(tabulate(v, k)) / sum(!is.na(v)))[1:(k - 1)])
  p <- ncol(x)
  rho <- diag(p); se <- matrix(NA_real_, p, p)
  for (i in 2:p) for (j in 1:(i - 1)) {
    ok <- !is.na(x[, i]) & !is.na(x[, j])
    tab <- matrix(tabulate((x[ok, i] - 1) + (x[ok, j] - 1) * k + 1, k * k), k, k)
    opt <- optimize(neg_loglik, c(-1, 1), rc = tau[, i], cc = tau[, j], tab = tab, tol = 1e-12)
    h <- optimHess(opt$minimum, neg_loglik, rc = tau[, i], cc = tau[, j], tab = tab)
    rho[i, j] <- rho[j, i] <- opt$minimum
    se[i, j] <- se[j, i] <- 1 / sqrt(h[1, 1])
  }
  dimnames(rho) <- dimnames(se) <- list(colnames(x), colnames(x))
  list(rho = rho, se = se)
}

poly_values <- function(x) function(res) {
  ex <- exact_polychoric(x)
  list(rho = as_table(res$rho), tau = as_table(res$tau),
       exact_rho = as_table(ex$rho), exact_se = as_table(ex$se))
}

write_fixture("polychoric_vates_like", quote(psych::polychoric(vates_like)), poly_values(vates_like))
write_fixture("polychoric_bfi25", quote(psych::polychoric(bfi[, 1:25])), poly_values(bfi[, 1:25]))

# polycor's two-step estimate with its standard error (optim Hessian) for a few complete pairs
pairs <- list(c("v1", "v2"), c("v1", "v9"), c("v16", "v22"), c("v3", "v20"))
polycor_values <- function(res) {
  out <- lapply(pairs, function(pr) {
    r <- polycor::polychor(vates_like[[pr[1]]], vates_like[[pr[2]]], std.err = TRUE)
    list(item1 = pr[1], item2 = pr[2], rho = r$rho, se = sqrt(r$var[1, 1]))
  })
  out
}
write_fixture("polychor_polycor_pairs",
  quote(lapply(pairs, function(pr) polycor::polychor(vates_like[[pr[1]]], vates_like[[pr[2]]], std.err = TRUE))),
  function(res) polycor_values(res))

# unequal numbers of categories: psych sets global = FALSE and corrects empty cells by 0.5
vates_unequal <- vates_like[, 1:8]
vates_unequal$v8 <- pmin(vates_unequal$v8, 4L)
write_fixture("polychoric_vates_unequal", quote(psych::polychoric(vates_unequal)),
  function(res) list(rho = as_table(res$rho)))

# ordinal alpha: alpha of the polychoric matrix
alpha_values <- function(res) list(
  raw_alpha = res$total$raw_alpha, std_alpha = res$total$std.alpha, g6 = res$total[["G6(smc)"]],
  average_r = res$total$average_r, median_r = res$total$median_r,
  alpha_drop = as_named(setNames(res$alpha.drop$raw_alpha, rownames(res$alpha.drop))))
write_fixture("ordinal_alpha_vates_F1",
  quote(psych::alpha(psych::polychoric(vates_like[, paste0("v", 1:8)])$rho)), alpha_values)
write_fixture("ordinal_alpha_bfi_N",
  quote(psych::alpha(psych::polychoric(bfi[, c("N1", "N2", "N3", "N4", "N5")])$rho)), alpha_values)

# ordinal omega: psych::omega(x, poly = TRUE)
write_fixture("ordinal_omega_vates_like",
  quote(psych::omega(vates_like, nfactors = 4, poly = TRUE, plot = FALSE)),
  function(res) list(omega_h = res$omega_h, omega_tot = res$omega.tot, alpha = res$alpha,
                     rho = as_table(res$R)))
