# Golden files for vaikuttavuus.factor / adequacy (EFA, KMO, Bartlett), from psych::fa,
# psych::principal, psych::KMO and psych::cortest.bartlett. Run from tests/reference/:
#   Rscript -e 'source("_common.R"); source("fixtures_factor.R")'
bfi25 <- read_data("bfi.csv")[, 1:25]
bfi_cc <- bfi25[complete.cases(bfi25), ]
r_bfi <- cor(bfi25, use = "pairwise")

fa_values <- function(res) {
  out <- list(
    loadings = as_table(unclass(res$loadings)),
    communality = as_named(res$communality),
    uniquenesses = as_named(res$uniquenesses),
    Structure = as_table(unclass(res$Structure)),
    Vaccounted = as_table(res$Vaccounted),
    values = as_named(res$values),
    e_values = as_named(if (is.null(res$e.values)) res$values else res$e.values),
    rot_mat = if (is.null(res$rot.mat)) NULL else as_table(res$rot.mat),
    Phi = if (is.null(res$Phi)) NULL else as_table(res$Phi),
    stats = list(
      objective = res$objective, STATISTIC = res$STATISTIC, dof = res$dof, PVAL = res$PVAL,
      null_chisq = if (is.null(res$null.chisq)) NA else res$null.chisq,
      null_dof = res$null.dof, TLI = if (is.null(res$TLI)) NA else res$TLI,
      RMSEA = if (is.null(res$RMSEA)) NULL else as_named(res$RMSEA[1:3]),
      BIC = if (is.null(res$BIC)) NA else res$BIC, SABIC = if (is.null(res$SABIC)) NA else res$SABIC,
      chi = res$chi, EPVAL = res$EPVAL, rms = res$rms, crms = if (is.null(res$crms)) NA else res$crms,
      fit = res$fit, fit_off = res$fit.off
    )
  )
  if (!is.null(res$scores)) out$scores_head <- as_table(res$scores[1:10, , drop = FALSE])
  out
}

rots <- c("none", "varimax", "quartimax", "promax", "oblimin", "geominT", "geominQ")
for (fm in c("minres", "uls", "pa", "ml")) {
  for (rot in rots) {
    call <- bquote(psych::fa(bfi25, nfactors = 5, fm = .(fm), rotate = .(rot)))
    write_fixture(paste0("fa_", fm, "_", rot, "_5"), call, fa_values)
  }
}
for (rot in c("none", "varimax", "oblimin", "promax")) {
  call <- bquote(psych::principal(bfi25, nfactors = 5, rotate = .(rot)))
  write_fixture(paste0("fa_pc_", rot, "_5"), call, fa_values)
}
write_fixture("fa_minres_oblimin_3", quote(psych::fa(bfi25, nfactors = 3, fm = "minres", rotate = "oblimin")), fa_values)
write_fixture("fa_ml_varimax_3", quote(psych::fa(bfi25, nfactors = 3, fm = "ml", rotate = "varimax")), fa_values)
# correlation-matrix input with n.obs (fit statistics without pairwise counts)
write_fixture("fa_ml_oblimin_5_cor", quote(psych::fa(r_bfi, nfactors = 5, n.obs = 2800, fm = "ml", rotate = "oblimin")), fa_values)
# factor scores on the complete cases (regression = Thurstone, and Bartlett)
write_fixture("fa_scores_regression", quote(psych::fa(bfi_cc, nfactors = 5, fm = "minres", rotate = "oblimin", scores = "regression")), fa_values)
write_fixture("fa_scores_bartlett", quote(psych::fa(bfi_cc, nfactors = 5, fm = "minres", rotate = "oblimin", scores = "Bartlett")), fa_values)
write_fixture("fa_scores_varimax_bartlett", quote(psych::fa(bfi_cc, nfactors = 5, fm = "ml", rotate = "varimax", scores = "Bartlett")), fa_values)

# SPSS-style principal axes (ITERATE(25) ECONVERGE(.001)): psych's own loop runs exactly
# max.iter iterations when min.err = 0, so the number of iterations k SPSS's rule needs is found
# here (largest single communality change between iterations, starting from the SMCs) and the
# golden solution is psych's k-iteration PA solution.
spss_pa <- function(data, nf) {
  r <- cor(data, use = "pairwise")
  prev <- psych::smc(r)
  for (k in 1:25) {
    f <- psych::fa(r, nfactors = nf, fm = "pa", rotate = "none", max.iter = k, min.err = 0, warnings = FALSE)
    h <- f$communality
    if (max(abs(h - prev)) < 0.001) break
    prev <- h
  }
  list(k = k, converged = max(abs(h - prev)) < 0.001)
}
for (nf in c(3, 5)) {
  sp <- spss_pa(bfi25, nf)
  call <- bquote(psych::fa(bfi25, nfactors = .(nf), fm = "pa", rotate = "varimax", max.iter = .(sp$k), min.err = 0, warnings = FALSE))
  write_fixture(paste0("fa_pa_spss_varimax_", nf), call, function(res) c(fa_values(res), list(spss_iterations = sp$k, spss_converged = sp$converged)))
}

# Sampling adequacy and sphericity
write_fixture("kmo_bfi", quote(psych::KMO(bfi25)), function(res) list(MSA = res$MSA, MSAi = as_named(res$MSAi)))
write_fixture("kmo_bfi_cor", quote(psych::KMO(r_bfi)), function(res) list(MSA = res$MSA, MSAi = as_named(res$MSAi)))
write_fixture("bartlett_bfi", quote(psych::cortest.bartlett(bfi25)), function(res) list(chisq = res$chisq, df = res$df, p_value = res$p.value, n = nrow(bfi25)))
write_fixture("bartlett_bfi_cor", quote(psych::cortest.bartlett(r_bfi, n = 2800)), function(res) list(chisq = res$chisq, df = res$df, p_value = res$p.value, n = 2800))
write_fixture("bartlett_bfi_A", quote(psych::cortest.bartlett(bfi25[, 1:5])), function(res) list(chisq = res$chisq, df = res$df, p_value = res$p.value, n = nrow(bfi25)))
