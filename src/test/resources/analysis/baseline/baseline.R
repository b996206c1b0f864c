# Reference values for org.trialfhir.analysis.baseline.BaselineTableTest, computed by R.
#
# Regenerate:  cd src/test/resources/analysis/baseline && Rscript baseline.R
#
# Writes subjects.csv (the data set: one row per randomized subject, arm 0 = first arm, NA = not recorded) and
# expected.csv (per characteristic and group, R's n, median, Q1 and Q3 by quantile(type = 7) of the recorded values,
# or the category count and its percentage of the group's subjects). Group "all" is both arms together. Numbers are
# printed with 17 significant digits; the Java test never runs R.

subjects <- data.frame(
  arm       = c(0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1),
  age       = c(71, 64, 80, 55, 69, 77, NA, 58, 73, 66, 81, 62, 70),
  sex       = c("male", "female", "male", "male", NA, "female", "male", "female", "female", "male", "female", "female", "male"),
  site      = c("site-a", "site-b", "site-a", "site-a", "site-b", "site-a", NA, "site-b", "site-b", "site-a", "site-b", "site-a", "site-b"),
  apache_ii = c(22, 18, 27, 15, 24, 31, 20, 19, 25, NA, 28, 17, 23),
  sofa      = c(9, 7, 12, 6, 10, 13, 8, 7, 11, 9, NA, 6, 10),
  jaam_dic  = c(5, 4, 6, 4, 7, 5, 4, 5, 6, 4, 8, 5, NA),
  platelets = c(62, 85.5, 41, 110, 73, 38, 95, 58, 66.5, 102, 47, 79, 88),
  pt_inr    = c(1.42, 1.31, 1.78, 1.2, NA, 1.95, 1.38, 1.5, 1.27, 1.33, 1.84, 1.29, 1.61),
  stringsAsFactors = FALSE)

g <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
out <- subjects
for (col in names(out)) out[[col]] <- ifelse(is.na(out[[col]]), "NA", as.character(out[[col]]))
write.csv(out, "subjects.csv", row.names = FALSE, quote = FALSE)

groups <- list("arm-1" = subjects[subjects$arm == 0, ], "arm-2" = subjects[subjects$arm == 1, ], "all" = subjects)
rows <- c("characteristic,category,group,n,median,q1,q3,percent")
for (name in names(groups)) {
  d <- groups[[name]]
  rows <- c(rows, sprintf("n,,%s,%d,NA,NA,NA,NA", name, nrow(d)))
  for (col in c("age", "apache_ii", "sofa", "jaam_dic", "platelets", "pt_inr")) {
    v <- d[[col]][!is.na(d[[col]])]
    q <- quantile(v, c(0.5, 0.25, 0.75), type = 7, names = FALSE)
    rows <- c(rows, sprintf("%s,,%s,%d,%s,%s,%s,NA", gsub("_", "-", col), name, length(v), g(q[1]), g(q[2]), g(q[3])))
  }
  for (col in c("sex", "site")) {
    values <- ifelse(is.na(d[[col]]), "not recorded", d[[col]])
    categories <- sort(unique(ifelse(is.na(subjects[[col]]), "not recorded", subjects[[col]])))
    for (category in categories) {
      k <- sum(values == category)
      rows <- c(rows, sprintf("%s,%s,%s,%d,NA,NA,NA,%s", col, category, name, k, g(100 * k / nrow(d))))
    }
  }
}
writeLines(rows, "expected.csv")
