# Golden files for vaikuttavuus.cfa (lavaan::cfa, ML estimation) and the simulated
# "Vates-like" 4-factor Likert data set tests/data/cfa_vates_like.csv.
# Run from tests/reference/: Rscript -e 'source("_common.R"); source("fixtures_cfa.R")'
suppressPackageStartupMessages(library(lavaan))

# HolzingerSwineford1939 from lavaan (301 x 15; items x1..x9)
hs <- lavaan::HolzingerSwineford1939
write.csv(hs, file.path(DATA_DIR, "holzinger_swineford_1939.csv"), row.names = FALSE, na = "")

# Simulated Likert data resembling the Vates 2020 instrument: 4 factors with 8, 7, 6 and 5 items,
# N = 168, continuous responses from lavaan::simulateData cut into 5 categories.
set.seed(20201)
vates_pop <- '
  F1 =~ 0.8*v1 + 0.7*v2 + 0.75*v3 + 0.6*v4 + 0.65*v5 + 0.7*v6 + 0.55*v7 + 0.6*v8
  F2 =~ 0.7*v9 + 0.8*v10 + 0.6*v11 + 0.65*v12 + 0.7*v13 + 0.5*v14 + 0.6*v15
  F3 =~ 0.75*v16 + 0.7*v17 + 0.65*v18 + 0.6*v19 + 0.55*v20 + 0.7*v21
  F4 =~ 0.8*v22 + 0.7*v23 + 0.6*v24 + 0.65*v25 + 0.5*v26
  F1 ~~ 0.4*F2 + 0.3*F3 + 0.2*F4
  F2 ~~ 0.35*F3 + 0.25*F4
  F3 ~~ 0.3*F4
'
cont <- lavaan::simulateData(vates_pop, sample.nobs = 168L, standardized = TRUE)
vates_like <- as.data.frame(lapply(cont, function(x) as.integer(cut(x, c(-Inf, -1.3, -0.45, 0.35, 1.2, Inf)))))
names(vates_like) <- names(cont)
vates_like <- vates_like[, paste0("v", 1:26)]
write.csv(vates_like, file.path(DATA_DIR, "cfa_vates_like.csv"), row.names = FALSE)
vates_like <- read_data("cfa_vates_like.csv")

VATES_MODEL <- '
  F1 =~ v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8
  F2 =~ v9 + v10 + v11 + v12 + v13 + v14 + v15
  F3 =~ v16 + v17 + v18 + v19 + v20 + v21
  F4 =~ v22 + v23 + v24 + v25 + v26
'
HS3 <- ' visual =~ x1 + x2 + x3
 textual =~ x4 + x5 + x6
 speed =~ x7 + x8 + x9 '
HS_CROSS <- ' visual =~ x1 + x2 + x3 + x9
 textual =~ x4 + x5 + x6
 speed =~ x7 + x8 + x9 '
HS_CORRES <- ' visual =~ x1 + x2 + x3
 textual =~ x4 + x5 + x6
 speed =~ x7 + x8 + x9
 x7 ~~ x8 '
HS_EQUAL <- ' visual =~ x1 + x2 + x3
 textual =~ x4 + a*x5 + a*x6
 speed =~ x7 + x8 + x9 '
HS_SECOND <- ' visual =~ x1 + x2 + x3
 textual =~ x4 + x5 + x6
 speed =~ x7 + x8 + x9
 g =~ visual + textual + speed '
HS_FIXED <- ' visual =~ x1 + x2 + x3
 textual =~ NA*x4 + x5 + x6
 speed =~ x7 + x8 + x9
 textual ~~ 1*textual
 visual ~~ 0*speed '

FIT_NAMES <- c("npar", "fmin", "chisq", "df", "pvalue", "baseline.chisq", "baseline.df",
  "baseline.pvalue", "cfi", "tli", "logl", "unrestricted.logl", "aic", "bic", "bic2", "ntotal",
  "rmsea", "rmsea.ci.lower", "rmsea.ci.upper", "rmsea.pvalue", "srmr")

cfa_values <- function(fit) {
  pe <- lavaan::parameterEstimates(fit, standardized = TRUE, remove.eq = TRUE, remove.def = TRUE)
  mi <- lavaan::modindices(fit)
  list(
    params = list(lhs = I(pe$lhs), op = I(pe$op), rhs = I(pe$rhs), est = I(pe$est), se = I(pe$se),
      z = I(pe$z), pvalue = I(pe$pvalue), ci_lower = I(pe$ci.lower), ci_upper = I(pe$ci.upper),
      std_lv = I(pe$std.lv), std_all = I(pe$std.all)),
    fit = as.list(lavaan::fitMeasures(fit, FIT_NAMES)),
    modindices = list(lhs = I(mi$lhs), op = I(mi$op), rhs = I(mi$rhs), mi = I(mi$mi), epc = I(mi$epc),
      sepc_lv = I(mi$sepc.lv), sepc_all = I(mi$sepc.all)),
    residual_cor = as_table(lavaan::residuals(fit, type = "cor")$cov),
    implied_cov = as_table(lavaan::fitted(fit)$cov),
    r2 = as_named(lavaan::lavInspect(fit, "r2"))
  )
}

# Like write_fixture() of _common.R, but also records the lavaan version.
write_cfa_fixture <- function(name, call, extract = cfa_values, env = parent.frame()) {
  res <- eval(call, env)
  out <- list(
    name = name,
    r_call = paste(deparse(call, width.cutoff = 500L), collapse = " "),
    model = if (is.name(call[[2]])) get(as.character(call[[2]]), envir = env) else NULL,
    r_version = R.version.string,
    lavaan_version = as.character(packageVersion("lavaan")),
    psych_version = as.character(packageVersion("psych")),
    values = extract(res)
  )
  path <- file.path(EXPECTED_DIR, paste0(name, ".json"))
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, na = "null", null = "null", pretty = TRUE), path)
  invisible(res)
}

write_cfa_fixture("cfa_hs3", quote(lavaan::cfa(HS3, data = hs)))
write_cfa_fixture("cfa_hs3_stdlv", quote(lavaan::cfa(HS3, data = hs, std.lv = TRUE)))
write_cfa_fixture("cfa_hs_cross", quote(lavaan::cfa(HS_CROSS, data = hs)))
write_cfa_fixture("cfa_hs_corres", quote(lavaan::cfa(HS_CORRES, data = hs)))
write_cfa_fixture("cfa_hs_equal", quote(lavaan::cfa(HS_EQUAL, data = hs)))
write_cfa_fixture("cfa_hs_second", quote(lavaan::cfa(HS_SECOND, data = hs)))
write_cfa_fixture("cfa_hs_fixed", quote(lavaan::cfa(HS_FIXED, data = hs)))
write_cfa_fixture("cfa_vates_like", quote(lavaan::cfa(VATES_MODEL, data = vates_like)))

# MLR: Huber-White standard errors and the Yuan-Bentler (Mplus variant) scaled chi-square
MLR_FIT_NAMES <- c(FIT_NAMES, "chisq.scaled", "df.scaled", "pvalue.scaled", "chisq.scaling.factor",
  "baseline.chisq.scaled", "baseline.df.scaled", "baseline.pvalue.scaled",
  "baseline.chisq.scaling.factor", "cfi.scaled", "tli.scaled", "cfi.robust", "tli.robust",
  "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "rmsea.pvalue.scaled",
  "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust", "rmsea.pvalue.robust")
mlr_values <- function(fit) {
  out <- cfa_values(fit)
  out$fit <- as.list(lavaan::fitMeasures(fit, MLR_FIT_NAMES))
  out
}
write_cfa_fixture("cfa_hs3_mlr", quote(lavaan::cfa(HS3, data = hs, estimator = "MLR")), mlr_values)
write_cfa_fixture("cfa_hs_equal_mlr", quote(lavaan::cfa(HS_EQUAL, data = hs, estimator = "MLR")), mlr_values)
write_cfa_fixture("cfa_vates_like_mlr", quote(lavaan::cfa(VATES_MODEL, data = vates_like, estimator = "MLR")), mlr_values)

# Multi-group CFA (HolzingerSwineford1939 by school) and the measurement-invariance sequence
# with lavTestLRT chi-square differences
HS_CONFIGURAL <- quote(lavaan::cfa(HS3, data = hs, group = "school"))
HS_METRIC <- quote(lavaan::cfa(HS3, data = hs, group = "school", group.equal = "loadings"))
HS_SCALAR <- quote(lavaan::cfa(HS3, data = hs, group = "school", group.equal = c("loadings", "intercepts")))
HS_STRICT <- quote(lavaan::cfa(HS3, data = hs, group = "school",
  group.equal = c("loadings", "intercepts", "residuals")))
mg_values <- function(fit) {
  pe <- lavaan::parameterEstimates(fit, standardized = TRUE, remove.eq = TRUE, remove.def = TRUE)
  mi <- lavaan::modindices(fit)
  list(
    params = list(group = I(pe$group), lhs = I(pe$lhs), op = I(pe$op), rhs = I(pe$rhs),
      est = I(pe$est), se = I(pe$se), z = I(pe$z), pvalue = I(pe$pvalue),
      ci_lower = I(pe$ci.lower), ci_upper = I(pe$ci.upper), std_lv = I(pe$std.lv),
      std_all = I(pe$std.all)),
    fit = as.list(lavaan::fitMeasures(fit, FIT_NAMES)),
    modindices = list(group = I(mi$group), lhs = I(mi$lhs), op = I(mi$op), rhs = I(mi$rhs),
      mi = I(mi$mi), epc = I(mi$epc), sepc_lv = I(mi$sepc.lv), sepc_all = I(mi$sepc.all)),
    r2_group1 = as_named(lavaan::lavInspect(fit, "r2")[[1]]),
    r2_group2 = as_named(lavaan::lavInspect(fit, "r2")[[2]])
  )
}
write_cfa_fixture("cfa_hs_configural", HS_CONFIGURAL, mg_values)
write_cfa_fixture("cfa_hs_metric", HS_METRIC, mg_values)
write_cfa_fixture("cfa_hs_scalar", HS_SCALAR, mg_values)
write_cfa_fixture("cfa_hs_strict", HS_STRICT, mg_values)
fits <- list(eval(HS_CONFIGURAL), eval(HS_METRIC), eval(HS_SCALAR), eval(HS_STRICT))
write_cfa_fixture("cfa_hs_invariance_lrt",
  quote(lavaan::lavTestLRT(fits[[1]], fits[[2]], fits[[3]], fits[[4]])),
  function(res) list(df = I(res$Df), chisq = I(res$Chisq), chisq_diff = I(res[["Chisq diff"]]),
                     df_diff = I(res[["Df diff"]]), pvalue = I(res[["Pr(>Chisq)"]]),
                     aic = I(res$AIC), bic = I(res$BIC),
                     cfi = I(sapply(fits, lavaan::fitMeasures, "cfi")),
                     rmsea = I(sapply(fits, lavaan::fitMeasures, "rmsea"))))

# FIML (missing = "ml") on HolzingerSwineford1939 with about 8 % of x1..x9 set missing at random
set.seed(15)
hs_missing <- hs
for (v in paste0("x", 1:9)) hs_missing[[v]][runif(nrow(hs_missing)) < 0.08] <- NA
write.csv(hs_missing, file.path(DATA_DIR, "holzinger_swineford_1939_missing.csv"), row.names = FALSE, na = "")
hs_missing <- read_data("holzinger_swineford_1939_missing.csv")
fiml_values <- function(fit) {
  out <- cfa_values(fit)
  pe <- lavaan::parameterEstimates(fit, standardized = TRUE, remove.eq = TRUE, remove.def = TRUE)
  out$params$rhs <- I(pe$rhs)
  out$residual_cor <- NULL
  out
}
write_cfa_fixture("cfa_hs3_fiml", quote(lavaan::cfa(HS3, data = hs_missing, missing = "ml")), fiml_values)
write_cfa_fixture("cfa_hs_corres_fiml", quote(lavaan::cfa(HS_CORRES, data = hs_missing, missing = "ml")), fiml_values)

# WLSMV for ordered items (ordered = TRUE: DWLS on polychoric correlations, delta
# parameterization, robust standard errors, scaled-shifted chi-square)
WLSMV_FIT_NAMES <- c("npar", "chisq", "df", "pvalue", "chisq.scaled", "df.scaled", "pvalue.scaled",
  "chisq.scaling.factor", "baseline.chisq", "baseline.df", "baseline.chisq.scaled",
  "cfi", "tli", "cfi.scaled", "tli.scaled", "rmsea", "rmsea.ci.lower", "rmsea.ci.upper",
  "rmsea.pvalue", "rmsea.scaled", "rmsea.ci.lower.scaled", "rmsea.ci.upper.scaled", "rmsea.pvalue.scaled",
  "cfi.robust", "tli.robust", "rmsea.robust", "rmsea.ci.lower.robust", "rmsea.ci.upper.robust",
  "rmsea.pvalue.robust", "srmr")
wlsmv_values <- function(fit) {
  pe <- lavaan::parameterEstimates(fit, standardized = TRUE, remove.eq = TRUE, remove.def = TRUE)
  list(
    params = list(lhs = I(pe$lhs), op = I(pe$op), rhs = I(pe$rhs), est = I(pe$est), se = I(pe$se),
      z = I(pe$z), pvalue = I(pe$pvalue), ci_lower = I(pe$ci.lower), ci_upper = I(pe$ci.upper),
      std_lv = I(pe$std.lv), std_all = I(pe$std.all)),
    fit = as.list(lavaan::fitMeasures(fit, WLSMV_FIT_NAMES)),
    gamma = as_table(lavaan::lavInspect(fit, "gamma")),
    r2 = as_named(lavaan::lavInspect(fit, "r2"))
  )
}
VATES_F1 <- 'F1 =~ v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8'
write_cfa_fixture("cfa_vates_F1_wlsmv", quote(lavaan::cfa(VATES_F1, data = vates_like, ordered = TRUE)), wlsmv_values)
write_cfa_fixture("cfa_vates_like_wlsmv", quote(lavaan::cfa(VATES_MODEL, data = vates_like, ordered = TRUE)), wlsmv_values)
VATES_F1_CORRES <- 'F1 =~ v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8
  v1 ~~ v2'
write_cfa_fixture("cfa_vates_F1_corres_wlsmv_stdlv",
  quote(lavaan::cfa(VATES_F1_CORRES, data = vates_like, ordered = TRUE, std.lv = TRUE)), wlsmv_values)
