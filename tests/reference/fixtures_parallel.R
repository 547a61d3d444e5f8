# Golden files for vaikuttavuus.parallel.parallel_analysis (psych::fa.parallel).
# Observed eigenvalues and the suggested numbers are deterministic; the simulated and resampled
# eigenvalues are random, so besides psych's means we store per-column quantiles (at the quant used),
# standard deviations and n.iter to let the tests use Monte Carlo standard errors.
# Run from tests/reference/: Rscript -e 'source("_common.R"); source("fixtures_parallel.R")'
bfi <- read_data("bfi.csv")

# psych returns a bare NA for results it does not compute (e.g. pc.sim with fa = "fa")
vec <- function(v) if (length(v) > 1) as_named(v) else NULL
parallel_values <- function(quant) function(res) {
  v <- res$values
  list(
    fa_values = vec(res$fa.values), pc_values = vec(res$pc.values),
    nfact = res$nfact, ncomp = res$ncomp,
    pc_sim = vec(res$pc.sim), pc_simr = vec(res$pc.simr),
    fa_sim = vec(res$fa.sim), fa_simr = vec(res$fa.simr),
    n_iter = nrow(v),
    value_mean = as_named(colMeans(v)),
    quant = quant,
    value_quantile = as_named(apply(v, 2, quantile, quant)),
    value_sd = as_named(apply(v, 2, sd))
  )
}

# fa.parallel iterates with parallel::mclapply; forked workers draw their own random streams, so
# set.seed alone does not make the file reproducible. One core makes it so (values are identical
# on every run of this script).
old_cores <- options(mc.cores = 1L)
set.seed(20240601)
write_fixture("parallel_bfi25_both",
  quote(psych::fa.parallel(bfi[, 1:25], fm = "minres", fa = "both", n.iter = 1000, quant = 0.95, plot = FALSE)),
  parallel_values(0.95))
set.seed(20240602)
write_fixture("parallel_bfi10_fa",
  quote(psych::fa.parallel(bfi[1:500, 1:10], fm = "minres", fa = "fa", n.iter = 500, quant = 0.9, plot = FALSE)),
  parallel_values(0.9))
options(old_cores)
