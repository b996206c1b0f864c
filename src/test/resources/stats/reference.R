# Reference values for org.trialfhir.stats, computed by R.
#
# Regenerate (R 4.2.2 + survival 3.5-3 were used for the committed files):
#   apt-get install -y r-base-core r-cran-survival
#   cd src/test/resources/stats && Rscript reference.R
#
# Writes, next to this script: ranksum.csv, signedrank.csv, twobytwo.csv, survival.csv, quantile.csv.
# Format: comma-separated columns with a header row; a vector is one column of space-separated
# numbers; every number is printed with 17 significant digits (exact round trip of an IEEE double);
# "NA" marks a value R does not give (NA, NaN or an error). The seeded sweeps make the data; the
# Java tests read data and R's results from these files and never run R.

# Stress check (not committed): SWEEP_SCALE=20 OUT_DIR=/tmp/x Rscript reference.R makes 20 times
# more random cases into another directory; the defaults write the committed fixtures here.

suppressPackageStartupMessages(library(survival))
scale <- as.integer(Sys.getenv("SWEEP_SCALE", "1"))
out_dir <- Sys.getenv("OUT_DIR", ".")

num <- function(v) {
  if (length(v) == 0) return("")
  paste(ifelse(is.na(v), "NA", sprintf("%.17g", as.numeric(v))), collapse = " ")
}
write_rows <- function(file, header, rows) {
  writeLines(c(paste(header, collapse = ","), unlist(rows)), file.path(out_dir, file))
  cat(sprintf("%-15s %d rows\n", file, length(rows)))
}
method_of <- function(test) if (grepl("exact", test$method)) "exact" else "normal-cc"

# ---------------------------------------------------------------- rank-sum: wilcox.test(x, y, conf.int = TRUE)
ranksum_row <- function(id, x, y) {
  full <- tryCatch(suppressWarnings(wilcox.test(x, y, conf.int = TRUE)), error = function(e) NULL)
  test <- if (is.null(full)) suppressWarnings(wilcox.test(x, y)) else full
  est <- lower <- upper <- level <- NA
  if (!is.null(full)) {
    est <- full$estimate; lower <- full$conf.int[1]; upper <- full$conf.int[2]
    level <- attr(full$conf.int, "conf.level")
  }
  paste(id, num(x), num(y), num(test$statistic), num(test$p.value), method_of(test),
        num(est), num(lower), num(upper), num(level), sep = ",")
}

set.seed(1)
cont <- function(n, mean = 10, sd = 3) round(rnorm(n, mean, sd), 2)
ranksum_cases <- list(
  list("3v3-separated", c(4, 5, 6), c(1, 2, 3)),
  list("1v1", 2, 1),
  list("1v4", 3, c(1, 2, 4, 5)),
  list("5v5-interleaved", c(1.1, 2.3, 3.6, 4.2, 5.9), c(1.5, 2.8, 3.1, 4.8, 5.2)),
  list("r-depression-ties", c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30),
       c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)),
  list("sirs-18v24", sample(0:4, 18, TRUE, c(.05, .15, .3, .3, .2)), sample(0:4, 24, TRUE, c(.1, .25, .3, .25, .1))),
  list("sofa-24v18", sample(0:16, 24, TRUE), sample(2:18, 18, TRUE)),
  list("continuous-18v24", cont(18, 11), cont(24)),
  list("continuous-5v30", cont(5, 12), cont(30)),
  list("continuous-30v5", cont(30), cont(5, 12)),
  list("continuous-49v49", cont(49, 10.5), cont(49)),
  list("continuous-50v20", cont(50, 10.5), cont(20)),
  list("continuous-20v50", cont(20, 10.5), cont(50)),
  list("continuous-60v55", cont(60, 10.8), cont(55)),
  list("platelets-70v65", round(rlnorm(70, log(90), .6)), round(rlnorm(65, log(110), .6))),
  list("all-equal", rep(2, 5), rep(2, 6)),
  list("each-arm-constant", rep(1, 4), rep(3, 5)),
  list("one-tie-only", c(1, 2, 3, 4), c(4, 5, 6)),
  list("far-apart-1v59", 1, 2:60)
)
rows <- lapply(ranksum_cases, function(k) ranksum_row(k[[1]], k[[2]], k[[3]]))
set.seed(20261125)
for (i in 1:(100 * scale)) {
  m <- sample(c(1:12, 15, 18, 20, 24, 30, 45, 49, 50, 55, 70), 1)
  n <- sample(c(1:12, 15, 18, 20, 24, 30, 45, 49, 50, 55, 70), 1)
  kind <- sample(c("continuous", "sirs", "sofa", "platelets"), 1)
  shift <- sample(c(0, 0.5, 1, 3), 1)
  gen <- switch(kind,
    continuous = function(k, s) round(rnorm(k, 10 + s, 3), 2),
    sirs = function(k, s) pmin(4, pmax(0, round(rnorm(k, 2 + s / 3, 1.2)))),
    sofa = function(k, s) pmin(24, pmax(0, round(rnorm(k, 8 + s, 4)))),
    platelets = function(k, s) round(rlnorm(k, log(100 * (1 + s / 4)), .5)))
  rows[[length(rows) + 1]] <- ranksum_row(sprintf("sweep-%03d-%s-%dv%d", i, kind, m, n), gen(m, shift), gen(n, 0))
}
write_rows("ranksum.csv", c("id", "x", "y", "w", "p", "method", "estimate", "lower", "upper", "conf_level"), rows)

# ------------------------------------------------------ signed-rank: wilcox.test(b, f, paired = TRUE, conf.int = TRUE)
signedrank_row <- function(id, b, f) {
  ok <- complete.cases(b, f)
  d <- b[ok] - f[ok]
  full <- tryCatch(suppressWarnings(wilcox.test(b, f, paired = TRUE, conf.int = TRUE)), error = function(e) NULL)
  test <- if (is.null(full)) suppressWarnings(wilcox.test(b, f, paired = TRUE)) else full
  est <- lower <- upper <- level <- NA
  if (!is.null(full)) {
    est <- full$estimate; lower <- full$conf.int[1]; upper <- full$conf.int[2]
    level <- attr(full$conf.int, "conf.level")
  }
  paste(id, num(b), num(f), sum(ok), sum(!ok), sum(d == 0), num(test$statistic), num(test$p.value),
        method_of(test), num(est), num(lower), num(upper), num(level), sep = ",")
}

set.seed(2)
paired <- function(n, drift, sd = 2, digits = 1) {
  b <- round(rnorm(n, 10, 3), digits)
  list(b, round(b - drift + rnorm(n, 0, sd), digits))
}
signedrank_cases <- list(
  list("5-all-positive", c(5, 6, 7, 8, 9), c(4, 4.5, 5, 5.2, 3)),
  list("8-distinct", c(12.1, 9.4, 15.2, 8.8, 10.0, 11.7, 14.3, 9.9), c(10.3, 9.9, 12.0, 8.1, 10.6, 9.2, 11.1, 7.3)),
  list("3-pairs", c(3, 5, 9), c(1, 6, 4)),
  list("zero-differences", c(4, 3, 4, 2, 3, 4, 1, 3, 2, 4, 3, 2), c(2, 3, 1, 2, 1, 2, 1, 0, 2, 1, 2, 2)),
  list("sirs-day1-day10-21", sample(1:4, 21, TRUE), sample(0:3, 21, TRUE)),
  list("all-zero", c(2, 3, 4, 5), c(2, 3, 4, 5)),
  list("one-nonzero", c(2, 3, 4), c(2, 3, 1)),
  list("two-nonzero-with-zero", c(2, 3, 4), c(2, 2, 2)),
  list("all-differences-equal", c(5, 6, 7, 8), c(4, 5, 6, 7)),
  list("missing-followup", c(10, 12, 9, 14, 11, 13, 8), c(7, NA, 6.5, 10, NA, 9, 8.5)),
  list("missing-baseline", c(NA, 12, 9, 14, 11, 13), c(7, 11, 6.5, 10, 12, 9)),
  list("49-distinct", round(rnorm(49, 10, 3), 3), round(rnorm(49, 9, 3), 3)),
  list("50-distinct", round(rnorm(50, 10, 3), 3), round(rnorm(50, 9, 3), 3)),
  list("80-sofa", sample(4:16, 80, TRUE), sample(0:14, 80, TRUE))
)
rows <- lapply(signedrank_cases, function(k) signedrank_row(k[[1]], k[[2]], k[[3]]))
set.seed(20261126)
for (i in 1:(100 * scale)) {
  n <- sample(c(1:15, 18, 21, 24, 30, 45, 49, 50, 51, 60, 80), 1)
  kind <- sample(c("continuous", "sirs", "sofa", "platelets"), 1)
  drift <- sample(c(0, 0.5, 1, 2), 1)
  bf <- switch(kind,
    continuous = paired(n, drift, digits = 2),
    sirs = { b <- sample(0:4, n, TRUE); list(b, pmax(0, pmin(4, b - round(drift / 2 + rnorm(n, 0, 1))))) },
    sofa = { b <- sample(2:18, n, TRUE); list(b, pmax(0, b - round(drift * 2 + rnorm(n, 0, 3)))) },
    platelets = { b <- round(rlnorm(n, log(80), .5)); list(b, round(b * exp(rnorm(n, drift / 4, .4)))) })
  b <- bf[[1]]; f <- bf[[2]]
  if (n > 3 && runif(1) < 0.3) f[sample(n, max(1, n %/% 6))] <- NA   # died or missing on day 10
  rows[[length(rows) + 1]] <- signedrank_row(sprintf("sweep-%03d-%s-%d", i, kind, n), b, f)
}
write_rows("signedrank.csv", c("id", "baseline", "followup", "pairs", "dropped_incomplete", "dropped_zero",
                               "v", "p", "method", "estimate", "lower", "upper", "conf_level"), rows)

# ------------------------------------------------------------------------------------------ 2x2 tables
# Arm 1 = first row (a events of n1), arm 2 = second row (c events of n2). Column "support" = number of
# tables with these margins (1 means Fisher's test has nothing to compare). Katz is computed from its
# formula, with 1/2 added to every cell when a cell is 0; Newcombe from prop.test's Wilson limits.
z <- qnorm(0.975)
twobytwo_row <- function(a, n1, c, n2) {
  tab <- matrix(c(a, c, n1 - a, n2 - c), 2)
  lo <- max(0, n1 - (n1 + n2 - a - c)); hi <- min(n1, a + c)
  fisher <- fisher.test(tab)$p.value
  chi <- suppressWarnings(chisq.test(tab, correct = TRUE))
  wilson <- function(x, n) if (n == 0) c(NA, NA) else prop.test(x, n, correct = FALSE)$conf.int[1:2]
  w1 <- wilson(a, n1); w2 <- wilson(c, n2)
  p1 <- if (n1 > 0) a / n1 else NA; p2 <- if (n2 > 0) c / n2 else NA
  rd <- p1 - p2
  rd_lower <- rd - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
  rd_upper <- rd + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
  haldane <- any(c(a, n1 - a, c, n2 - c) == 0)
  h <- if (haldane) 0.5 else 0
  rr <- ((a + h) / (n1 + 2 * h)) / ((c + h) / (n2 + 2 * h))
  se <- sqrt(1 / (a + h) - 1 / (n1 + 2 * h) + 1 / (c + h) - 1 / (n2 + 2 * h))
  paste(a, n1, c, n2, hi - lo + 1, num(fisher), num(chi$statistic), num(chi$p.value),
        num(w1[1]), num(w1[2]), num(w2[1]), num(w2[2]), num(rd), num(rd_lower), num(rd_upper),
        as.integer(haldane), num(rr), num(exp(log(rr) - z * se)), num(exp(log(rr) + z * se)), sep = ",")
}
tables <- list(c(3, 18, 9, 24), c(0, 18, 5, 24), c(5, 24, 0, 18), c(0, 18, 0, 24), c(18, 18, 24, 24),
               c(2, 2, 0, 3), c(1, 1, 0, 1), c(0, 5, 0, 5), c(7, 20, 7, 20), c(10, 40, 4, 38),
               c(1, 10, 9, 10), c(0, 1, 1, 1), c(6, 30, 12, 30), c(4, 4, 1, 6), c(26, 80, 38, 81))
set.seed(20261127)
for (i in 1:(300 * scale)) {
  n1 <- sample(1:60, 1); n2 <- sample(1:60, 1)
  r1 <- runif(1); r2 <- if (runif(1) < 0.5) r1 else runif(1)
  tables[[length(tables) + 1]] <- c(rbinom(1, n1, r1), n1, rbinom(1, n2, r2), n2)
}
rows <- lapply(tables, function(t) twobytwo_row(t[1], t[2], t[3], t[4]))
write_rows("twobytwo.csv", c("a", "n1", "c", "n2", "support", "fisher_p", "chisq", "chisq_p",
                             "wilson1_lower", "wilson1_upper", "wilson2_lower", "wilson2_upper",
                             "rd", "rd_lower", "rd_upper", "haldane", "rr", "rr_lower", "rr_upper"), rows)

# ------------------------------------------------------------------------------------------- survival
# Times in days, event 1 = death. Per arm: summary(survfit(Surv(time, event) ~ 1)) at the death times
# (time, n.risk, n.event, surv, std.err, lower, upper; conf.type = "log", R's default); survdiff chisq, p.
km_cols <- function(t, s) {
  if (sum(s) == 0) return(rep("", 7))
  k <- summary(survfit(Surv(t, s) ~ 1))
  c(num(k$time), num(k$n.risk), num(k$n.event), num(k$surv), num(k$std.err), num(k$lower), num(k$upper))
}
survival_row <- function(id, t1, s1, t2, s2) {
  d <- data.frame(t = c(t1, t2), s = c(s1, s2), g = rep(1:2, c(length(t1), length(t2))))
  lr <- tryCatch(suppressWarnings(survdiff(Surv(t, s) ~ g, data = d)), error = function(e) NULL)
  chisq <- p <- NA
  # survdiff itself reports 0 on 0 degrees of freedom when an arm never has anyone at risk at a death
  if (!is.null(lr) && sum(d$s) > 0 && sum(lr$exp > 0) == 2) {
    chisq <- lr$chisq; p <- pchisq(lr$chisq, 1, lower.tail = FALSE)
  }
  paste(c(id, num(t1), num(s1), num(t2), num(s2), km_cols(t1, s1), km_cols(t2, s2), num(chisq), num(p)),
        collapse = ",")
}
set.seed(3)
trial <- function(n, rate, censor = 0.1, horizon = 28) {
  t <- round(pmin(rexp(n, rate), horizon), 1)
  s <- as.integer(t < horizon)
  lost <- runif(n) < censor
  t[lost] <- round(pmin(t[lost], runif(sum(lost), 0, horizon)), 1)
  s[lost] <- 0L
  list(pmax(t, 0.1), s)
}
surv_cases <- list(
  list("hand-5-each", c(1, 2, 2, 3, 5), c(1, 1, 0, 1, 1), c(2, 4, 4, 6, 8), c(0, 1, 1, 0, 1)),
  list("ties-death-censor-same-day", c(3, 3, 3, 7, 7, 28, 28), c(1, 1, 0, 1, 0, 0, 0),
       c(3, 5, 7, 7, 28, 28), c(1, 0, 1, 1, 0, 0)),
  list("zero-deaths-arm-1", c(28, 28, 28, 10, 28), c(0, 0, 0, 0, 0), c(4, 9, 28, 12, 28, 20), c(1, 1, 0, 1, 0, 1)),
  list("zero-deaths-both", c(28, 28, 5), c(0, 0, 0), c(28, 14, 28), c(0, 0, 0)),
  list("everyone-dies", c(1, 2, 3, 4), c(1, 1, 1, 1), c(2, 5, 6), c(1, 1, 1)),
  list("single-subject-arm", 5, 1, c(2, 8, 28, 28), c(1, 1, 0, 0)),
  list("arm-1-gone-before-first-death", c(1, 2), c(0, 0), c(5, 6, 9), c(1, 1, 0))
)
rows <- lapply(surv_cases, function(k) survival_row(k[[1]], k[[2]], k[[3]], k[[4]], k[[5]]))
set.seed(20261128)
for (i in 1:(50 * scale)) {
  n1 <- sample(c(2:10, 18, 24, 30, 45, 60), 1); n2 <- sample(c(2:10, 18, 24, 30, 45, 60), 1)
  r <- runif(1, 0.002, 0.06)
  a1 <- trial(n1, r * sample(c(0.5, 0.7, 1), 1), runif(1, 0, 0.3))
  a2 <- trial(n2, r, runif(1, 0, 0.3))
  rows[[length(rows) + 1]] <- survival_row(sprintf("sweep-%03d-%dv%d", i, n1, n2), a1[[1]], a1[[2]], a2[[1]], a2[[2]])
}
km_names <- function(arm) paste0("km", arm, "_", c("time", "n_risk", "n_event", "surv", "std_err", "lower", "upper"))
write_rows("survival.csv", c("id", "time1", "event1", "time2", "event2", km_names(1), km_names(2),
                             "logrank_chisq", "logrank_p"), rows)

# ------------------------------------------------------------------------------------------- quantiles
set.seed(4)
samples <- list(c(7), c(3, 1), c(1, 2, 3, 4), c(2, 2, 2, 3, 4, 4, 0), c(5.5, 1.25, 9, 3.75, 3.75, 12),
                sample(0:4, 18, TRUE), sample(0:24, 25, TRUE), round(rnorm(31, 100, 40), 1), round(runif(10), 4))
probs <- c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1)
rows <- lapply(samples, function(x) paste(num(x), num(probs), num(quantile(x, probs, type = 7, names = FALSE)), sep = ","))
write_rows("quantile.csv", c("x", "probs", "quantiles"), rows)

# Constants the Java code uses, for the record (not read by the tests).
cat(sprintf("qnorm(0.975) = %.17g\n", qnorm(0.975)))
alpha <- 1 - 0.95
for (k in 0:5) cat(sprintf("qnorm(%.17g / 2, lower.tail = FALSE) = %.17g\n", alpha * 2^k, qnorm(alpha * 2^k / 2, lower.tail = FALSE)))
