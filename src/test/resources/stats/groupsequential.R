# Reference group-sequential boundaries for org.trialfhir.stats.GroupSequential, computed by rpact.
#
# Regenerate (R 4.2.2 + rpact 3.3.4 were used for the committed file):
#   apt-get install -y r-base-core r-cran-rpact
#   cd src/test/resources/stats && Rscript groupsequential.R
#
# Writes groupsequential.csv next to this script: one row per design, vectors as space-separated
# numbers printed with 17 significant digits. Columns:
#   spending         obrien-fleming (rpact "asOF") or pocock (rpact "asP")
#   alpha            two-sided significance level (rpact sided = 2)
#   rates            information rates of the looks
#   z                rpact criticalValues (two-sided symmetric: alpha/2 on each side)
#   nominal_p        two-sided nominal level of each look, 2 * rpact stageLevels
#   alpha_spent      rpact alphaSpent, cumulative and two-sided
#   spending_value   the spending function itself at each rate, two-sided (what alpha_spent aims at)
suppressPackageStartupMessages(library(rpact))

num <- function(v) paste(sprintf("%.17g", as.numeric(v)), collapse = " ")

# the spending functions as rpact defines them for sided = 2: each side spends a one-sided
# Lan-DeMets function at alpha / 2 (O'Brien-Fleming-type: 2 - 2 pnorm(qnorm(1 - alpha / 4) / sqrt(t)));
# the two-sided value is twice that
spending <- function(type, alpha, t) {
  if (type == "asOF") 2 * (2 - 2 * pnorm(qnorm(1 - alpha / 4) / sqrt(t)))
  else alpha * log(1 + (exp(1) - 1) * t)
}

rates <- list(
  c(1),
  c(0.5, 1), c(0.3, 1), c(0.42, 1),
  c(1 / 3, 2 / 3, 1), c(0.25, 0.6, 1),
  c(0.25, 0.5, 0.75, 1), c(0.2, 0.45, 0.7, 1),
  c(0.2, 0.4, 0.6, 0.8, 1), c(0.1, 0.3, 0.5, 0.8, 1)
)
rows <- c()
for (type in c("asOF", "asP")) {
  for (alpha in c(0.05, 0.01)) {
    for (t in rates) {
      d <- getDesignGroupSequential(sided = 2, alpha = alpha, typeOfDesign = type, informationRates = t)
      name <- if (type == "asOF") "obrien-fleming" else "pocock"
      rows <- c(rows, paste(name, num(alpha), num(t), num(d$criticalValues), num(2 * d$stageLevels),
                            num(d$alphaSpent), num(spending(type, alpha, t)), sep = ","))
    }
  }
}
writeLines(c("spending,alpha,rates,z,nominal_p,alpha_spent,spending_value", rows), "groupsequential.csv")
cat(sprintf("groupsequential.csv %d rows\n", length(rows)))
