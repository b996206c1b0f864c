# A small two-arm trial for $analyze, and R's results for it.
#
# Regenerate (R 4.2.2 + survival 3.5-3 made the committed files):
#   cd src/test/resources/analysis && Rscript trial.R
#
# Writes, next to this script:
#   trial-subjects.csv   subject, arm, t0, death, period_end    (ISO instants in UTC; "" = none)
#   trial-scores.csv     subject, score, day, value, diagnosis  (the derived-score Observations; diagnosis only
#                                                               for jaam-dic: true, false or unknown)
#   trial-platelets.csv  subject, time, value, unit, status     (raw platelet counts, several a day, mixed units;
#                                                               value "" = dataAbsentReason)
#   trial-bleeding.csv   subject, date, category, coded_in      (bleeding AdverseEvents; coded_in = category|event)
#   expected.csv         section, variable, day, arm, statistic, value: R's results in the long format of
#                        $analyze's CSV output. "NA" = R gives no value there, or R gives a value the contract
#                        says is not estimable (see docs/statistics.md "Not estimable"): Fisher with one possible
#                        table, the signed-rank p when every difference is zero (V is 0 there, as R gives it).
#
# The data follow the contract's rules, computed here independently of the Java code:
#   - study day N = [T0 + 24(N-1) h, T0 + 24N h); died by day D = death < T0 + 24 D h;
#   - a subject alive at day D with period.end before it is censored there; a recorded death before day D
#     counts even after period.end (vital status known); everyone else is censored at D;
#   - survival time = minutes from T0 / 1440 (every instant is a whole minute, so equal follow-ups are equal
#     doubles in R and in Java);
#   - platelets: the day's lowest count in 10^9/L (docs/scores-spec.md §1.4), from final/amended/corrected results only;
#   - DIC resolution: JAAM DIC diagnosis true on day 1 (at risk), false on day 7 (resolved); unknown or no
#     Observation on day 7 is not resolved;
#   - safety: subjects with at least one bleeding AdverseEvent of the category dated in [T0, T0 + 28 d).
# Every number is printed with 17 significant digits.

suppressPackageStartupMessages(library(survival))
num <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", as.numeric(v)))
iso <- function(t) ifelse(is.na(t), "", format(t, "%Y-%m-%dT%H:%M:%SZ", tz = "UTC"))
method_of <- function(test) if (grepl("exact", test$method)) "exact" else "normal-cc"

set.seed(20260201)
arms <- c("rTM", "control")
n <- c(18, 24)
arm <- rep(arms, n)
N <- sum(n)
id <- sprintf("s%02d", seq_len(N))
t0 <- as.POSIXct("2026-02-01 08:00:00", tz = "UTC") + (seq_len(N) - 1) * 7 * 3600 + sample(0:59, N, TRUE) * 60
z <- rnorm(N)                                   # latent severity
rtm <- arm == "rTM"

# ---------------------------------------------------------------------------------- deaths and censoring
# minutes from T0; NA = no death recorded
death_min <- ifelse(runif(N) < ifelse(rtm, 0.4, 0.5) + 0.1 * z, round(rexp(N, 0.1) * 1440 + 30), NA)
end_min <- rep(NA, N)
day_min <- 1440
death_min[3] <- death_min[20] <- 5 * day_min + 360   # the same follow-up in both arms: one tied death time
death_min[5] <- death_min[7] <- 2 * day_min + 15     # a tie within the rTM arm
death_min[10] <- 28 * day_min                         # exactly at T0 + 28 d: not died by day 28
death_min[11] <- 28 * day_min - 1                     # one minute earlier: died
death_min[c(12, 25, 30, 40)] <- NA
end_min[12] <- 12 * day_min + 720                     # withdrawn alive: censored at 12.5 d
end_min[25] <- 20 * day_min                           # lost to follow-up: censored at 20 d
end_min[30] <- 3 * day_min + 100                      # withdrawn early
end_min[33] <- 5 * day_min; death_min[33] <- 12 * day_min + 5   # withdrawn, death known later: a death
end_min[40] <- 35 * day_min                           # period ends after day 28: followed to day 28
death <- t0 + death_min * 60
period_end <- t0 + end_min * 60

writeLines(c("subject,arm,t0,death,period_end",
             paste(id, arm, iso(t0), iso(death), iso(period_end), sep = ",")), "trial-subjects.csv")

# --------------------------------------------------------------------------------------- daily values
# A subject has data on day d when alive and on study at the start of the day.
on_day <- function(i, d) {
  start <- (d - 1) * day_min
  (is.na(death_min[i]) || death_min[i] > start) && (is.na(end_min[i]) || end_min[i] > start)
}
clamp <- function(v, lo, hi) pmin(hi, pmax(lo, round(v)))
scores <- c("sofa", "apache-ii", "sirs", "jaam-dic", "isth-dic", "jmhw-dic")
score_rows <- character(0)
plt_rows <- character(0)
truth <- list()          # (score, subject, day) -> value used by R; platelets -> day's lowest
put <- function(key, v) truth[[key]] <<- v
for (i in seq_len(N)) {
  unit <- c("10*9/L", "10*3/uL", "10*4/uL", "/uL")[(i %% 4) + 1]
  for (d in 1:10) {
    if (!on_day(i, d)) next
    better <- if (rtm[i]) 0.55 else 0.35
    v <- c(clamp(12 + 2.5 * z[i] - better * (d - 1) + rnorm(1, 0, 1.5), 0, 24),
           clamp(31 + 6 * z[i] - 1.2 * better * (d - 1) + rnorm(1, 0, 3), 0, 71),
           clamp(3 + 0.6 * z[i] - 0.12 * (d - 1) + rnorm(1, 0, 0.7), 0, 4),
           clamp(5 + z[i] - 0.5 * better * (d - 1) + rnorm(1, 0, 1), 0, 8),
           clamp(4 + z[i] - 0.3 * better * (d - 1) + rnorm(1, 0, 1), 0, 8),
           clamp(6 + 1.5 * z[i] - 0.5 * better * (d - 1) + rnorm(1, 0, 1.5), 0, 13))
    for (k in seq_along(scores)) {
      if (runif(1) < 0.05) next                       # not derived that day (missing)
      diagnosis <- ""
      if (scores[k] == "jaam-dic") {
        diagnosis <- if (v[k] >= 4) "true" else if (runif(1) < 0.15) "unknown" else "false"
        put(paste("dic", id[i], d), diagnosis)
      }
      score_rows <- c(score_rows, paste(id[i], scores[k], d, v[k], diagnosis, sep = ","))
      put(paste(scores[k], id[i], d), v[k])
    }
    # platelets: 1-3 counts a day, canonical 10^9/L with one decimal, sent in the subject's unit
    day_start <- t0[i] + (d - 1) * 86400
    counts <- round(pmax(4, 95 * exp(-0.25 * z[i] + (if (rtm[i]) 0.05 else 0.02) * (d - 1) + rnorm(sample(1:3, 1), 0, 0.2))), 1)
    minutes <- sort(sample(0:1439, length(counts)))
    if (i == 2 && d == 1) minutes[length(minutes)] <- 1440 - 1   # last minute of day 1
    shown <- function(v) switch(unit, "10*9/L" = sprintf("%.1f", v), "10*3/uL" = sprintf("%.1f", v),
                                "10*4/uL" = sprintf("%.2f", v / 10), "/uL" = sprintf("%.0f", v * 1000))
    status <- sample(c("final", "amended", "corrected"), length(counts), TRUE, c(0.9, 0.05, 0.05))
    plt_rows <- c(plt_rows, paste(id[i], iso(day_start + minutes * 60), sapply(counts, shown), unit, status, sep = ","))
    put(paste("platelets", id[i], d), min(counts))
  }
}
# Results that must NOT count: preliminary / entered-in-error values, a missing value, a count before T0, and
# one at exactly T0 + 24 h (day 2, not day 1). Each is lower than anything real, so using it would show.
plt_rows <- c(plt_rows,
              paste(id[1], iso(t0[1] + 3600), "1.0", "10*9/L", "preliminary", sep = ","),
              paste(id[2], iso(t0[2] + 7200), "1.5", "10*9/L", "entered-in-error", sep = ","),
              paste(id[3], iso(t0[3] + 600), "", "10*9/L", "final", sep = ","),
              paste(id[4], iso(t0[4] - 3600), "2.0", "10*9/L", "final", sep = ","))
if (on_day(6, 2)) {
  plt_rows <- c(plt_rows, paste(id[6], iso(t0[6] + 86400), "2.5", "10*9/L", "final", sep = ","))
  put(paste("platelets", id[6], 2), 2.5)
}
writeLines(c("subject,score,day,value,diagnosis", score_rows), "trial-scores.csv")
writeLines(c("subject,time,value,unit,status", plt_rows), "trial-platelets.csv")

# ------------------------------------------------------------------------------------- bleeding events
bleeding <- data.frame(
  subject = c(id[1], id[1], id[4], id[8], id[15], id[19], id[22], id[27], id[31], id[36], id[38], id[41], id[9], id[26]),
  offset = c(2, 9, 4, 1, 20, 3, 6, 27.9, 11, -1, 29, 0.5, 15, 5) * day_min,   # days from T0 -> minutes
  category = c("gastrointestinal", "gastrointestinal", "intracranial", "other", "gastrointestinal", "gastrointestinal",
               "other", "gastrointestinal", "other", "gastrointestinal", "intracranial", "gastrointestinal", "other",
               "intracranial"),
  coded_in = c("category", "event", "category", "event", "category", "category", "event", "category", "category",
               "category", "category", "event", "category", "event"))
idx <- match(bleeding$subject, id)
bleeding$date <- t0[idx] + bleeding$offset * 60
writeLines(c("subject,date,category,coded_in",
             paste(bleeding$subject, iso(bleeding$date), bleeding$category, bleeding$coded_in, sep = ",")),
           "trial-bleeding.csv")

# ------------------------------------------------------------------------------------------- analysis
D <- 28
out <- character(0)
row <- function(section, variable, day, arm, statistic, value) {
  value <- if (is.character(value)) value else num(value)
  out <<- c(out, paste(section, variable, day, arm, statistic, value, sep = ","))
}
zq <- qnorm(0.975)
wilson <- function(x, n) prop.test(x, n, correct = FALSE)$conf.int[1:2]
newcombe <- function(a, n1, c, n2) {
  if (n1 == 0 || n2 == 0) return(c(NA, NA, NA))
  w1 <- suppressWarnings(wilson(a, n1)); w2 <- suppressWarnings(wilson(c, n2))
  p1 <- a / n1; p2 <- c / n2
  c(p1 - p2, p1 - p2 - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), p1 - p2 + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
katz <- function(a, n1, c, n2) {
  if (a + c == 0) return(c(NA, NA, NA))
  h <- if (any(c(a, n1 - a, c, n2 - c) == 0)) 0.5 else 0
  rr <- ((a + h) / (n1 + 2 * h)) / ((c + h) / (n2 + 2 * h))
  se <- sqrt(1 / (a + h) - 1 / (n1 + 2 * h) + 1 / (c + h) - 1 / (n2 + 2 * h))
  c(rr, exp(log(rr) - zq * se), exp(log(rr) + zq * se))
}
fisher <- function(a, n1, c, n2) {
  lo <- max(0, n1 - (n1 + n2 - a - c)); hi <- min(n1, a + c)
  if (lo == hi) NA else fisher.test(matrix(c(a, c, n1 - a, n2 - c), 2))$p.value
}

# mortality
died <- !is.na(death_min) & death_min < D * day_min
time <- ifelse(died, death_min, ifelse(!is.na(end_min) & end_min < D * day_min, end_min, D * day_min)) / 1440
deaths <- unname(sapply(arms, function(a) sum(died[arm == a])))
for (k in 1:2) {
  row("arm", "", D, arms[k], "n", n[k])
  row("arm", "", D, arms[k], "deaths", deaths[k])
  row("arm", "", D, arms[k], "mortality", deaths[k] / n[k])
}
rd <- newcombe(deaths[1], n[1], deaths[2], n[2])
rr <- katz(deaths[1], n[1], deaths[2], n[2])
lr <- survdiff(Surv(time, died) ~ factor(arm, levels = arms))
mort <- c("risk-difference" = rd[1], "risk-difference-lower" = rd[2], "risk-difference-upper" = rd[3],
          "risk-ratio" = rr[1], "risk-ratio-lower" = rr[2], "risk-ratio-upper" = rr[3],
          "fisher-p" = fisher(deaths[1], n[1], deaths[2], n[2]),
          "logrank-chisq" = lr$chisq, "logrank-p" = pchisq(lr$chisq, 1, lower.tail = FALSE))
for (s in names(mort)) row("mortality", "", D, "", s, mort[[s]])
for (a in arms) {
  km <- summary(survfit(Surv(time[arm == a], died[arm == a]) ~ 1))
  for (j in seq_along(km$time)) row("survival", "", num(km$time[j]), a, "estimate", km$surv[j])
}

# comparisons and changes
value_of <- function(variable, d) sapply(id, function(s) { v <- truth[[paste(variable, s, d)]]; if (is.null(v)) NA else v })
variables <- c(setNames(paste0("http://trialfhir.org/fhir/CodeSystem/trial-score|", scores), scores),
               platelets = "http://loinc.org|777-3")
for (v in names(variables)) {
  key <- variables[[v]]
  for (d in 1:10) {
    vals <- value_of(v, d)
    x <- vals[rtm & !is.na(vals)]; y <- vals[!rtm & !is.na(vals)]
    for (k in 1:2) {
      a <- if (k == 1) x else y
      row("comparison", key, d, arms[k], "n", length(a))
      if (length(a) > 0) {
        q <- quantile(a, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
        row("comparison", key, d, arms[k], "median", q[1])
        row("comparison", key, d, arms[k], "q1", q[2])
        row("comparison", key, d, arms[k], "q3", q[3])
      }
    }
    if (length(x) > 0 && length(y) > 0) {
      full <- tryCatch(suppressWarnings(wilcox.test(x, y, conf.int = TRUE)), error = function(e) NULL)
      test <- if (is.null(full)) suppressWarnings(wilcox.test(x, y)) else full
      row("comparison", key, d, "", "w", test$statistic)
      if (!is.na(test$p.value)) {
        row("comparison", key, d, "", "ranksum-p", test$p.value)
        row("comparison", key, d, "", "ranksum-method", method_of(test))
      }
      if (!is.null(full)) {
        row("comparison", key, d, "", "hodges-lehmann", full$estimate)
        row("comparison", key, d, "", "hl-lower", full$conf.int[1])
        row("comparison", key, d, "", "hl-upper", full$conf.int[2])
      }
    }
  }
  b_all <- value_of(v, 1); f_all <- value_of(v, 10)
  for (a in arms) {
    b <- b_all[arm == a]; f <- f_all[arm == a]
    ok <- complete.cases(b, f)
    row("change", key, 10, a, "baseline-day", 1)
    row("change", key, 10, a, "pairs", sum(ok))
    if (sum(ok) > 0) {
      row("change", key, 10, a, "median-baseline", median(b[ok]))
      row("change", key, 10, a, "median-followup", median(f[ok]))
      test <- suppressWarnings(wilcox.test(b, f, paired = TRUE))
      row("change", key, 10, a, "v", test$statistic) # V = 0 when every difference is zero, p NA
      if (any(b[ok] != f[ok])) {
        row("change", key, 10, a, "signedrank-p", test$p.value)
        row("change", key, 10, a, "signedrank-method", method_of(test))
      }
    }
    bb <- b[!is.na(b)]; ff <- f[!is.na(f)]
    if (length(bb) > 0 && length(ff) > 0) {
      test <- suppressWarnings(wilcox.test(bb, ff))
      if (!is.na(test$p.value)) {
        row("change", key, 10, a, "unpaired-ranksum-p", test$p.value)
        row("change", key, 10, a, "unpaired-ranksum-method", method_of(test))
      }
    }
  }
}

# DIC resolution: JAAM DIC on day 1 -> no JAAM DIC on day 7
R <- 7
dic <- function(s, d) { v <- truth[[paste("dic", s, d)]]; if (is.null(v)) "" else v }
at_risk <- sapply(id, dic, d = 1) == "true"
resolved <- at_risk & sapply(id, dic, d = R) == "false"
ar <- unname(sapply(arms, function(a) sum(at_risk[arm == a])))
rs <- unname(sapply(arms, function(a) sum(resolved[arm == a])))
for (k in 1:2) {
  row("dic-resolution", "", R, arms[k], "at-risk", ar[k])
  row("dic-resolution", "", R, arms[k], "resolved", rs[k])
  if (ar[k] > 0) row("dic-resolution", "", R, arms[k], "proportion", rs[k] / ar[k])
}
rd <- newcombe(rs[1], ar[1], rs[2], ar[2])
row("dic-resolution", "", R, "", "risk-difference", rd[1])
row("dic-resolution", "", R, "", "risk-difference-lower", rd[2])
row("dic-resolution", "", R, "", "risk-difference-upper", rd[3])
row("dic-resolution", "", R, "", "fisher-p", fisher(rs[1], ar[1], rs[2], ar[2]))

# safety: subjects with a bleeding event of the category in [T0, T0 + 28 d)
inside <- bleeding$offset >= 0 & bleeding$offset < D * day_min
for (category in c("gastrointestinal", "intracranial", "pulmonary", "other", "any")) {
  hit <- bleeding[inside & (category == "any" | bleeding$category == category), "subject"]
  ev <- unname(sapply(arms, function(a) sum(id %in% hit & arm == a)))
  for (k in 1:2) {
    row("safety", category, D, arms[k], "n", n[k])
    row("safety", category, D, arms[k], "events", ev[k])
  }
  row("safety", category, D, "", "fisher-p", fisher(ev[1], n[1], ev[2], n[2]))
}

writeLines(c("section,variable,day,arm,statistic,value", out), "expected.csv")
cat(sprintf("%d subjects (%d deaths by day %d), %d score rows, %d platelet rows, %d expected values\n",
            N, sum(died), D, length(score_rows), length(plt_rows), length(out)))
