# Reference conditional power for org.trialfhir.stats.ConditionalPower, computed by rpact.
#
# Regenerate (R 4.2.2 + rpact 3.3.4 were used for the committed file):
#   apt-get install -y r-base-core r-cran-rpact
#   cd src/test/resources/stats && Rscript conditionalpower.R
#
# rpact::getConditionalPower at the first look of a two-look group-sequential design is the B-value conditional power
# of crossing the final boundary (there is no look in between): a one-sample normal dataset of n1 subjects with mean m
# and standard deviation 1 gives Z = m * sqrt(n1); nPlanned = n2 more subjects gives t = n1 / (n1 + n2); thetaH1 = m
# is the current trend, thetaH1 = 0 the null. Columns: spending, rate (the first look's information fraction, = t),
# z (rpact's test statistic), final_z (the final critical value), cp_trend, cp_null.
suppressPackageStartupMessages(library(rpact))
num <- function(v) sprintf("%.17g", as.numeric(v))
rows <- c()
for (type in c("asOF", "asP")) {
  for (split in list(c(20, 20), c(12, 28), c(30, 10))) {
    t <- split[1] / sum(split)
    design <- getDesignGroupSequential(sided = 2, alpha = 0.05, typeOfDesign = type, informationRates = c(t, 1))
    for (m in c(0.4, 0.05, -0.1)) {
      data <- getDataset(n = split[1], means = m, stDevs = 1)
      stage <- getStageResults(design, dataInput = data, normalApproximation = TRUE, stage = 1)
      trend <- getConditionalPower(stage, nPlanned = split[2], thetaH1 = m, assumedStDev = 1)$conditionalPower[2]
      null <- getConditionalPower(stage, nPlanned = split[2], thetaH1 = 0, assumedStDev = 1)$conditionalPower[2]
      name <- if (type == "asOF") "obrien-fleming" else "pocock"
      rows <- c(rows, paste(name, num(t), num(stage$testStatistics[1]), num(design$criticalValues[2]), num(trend),
                            num(null), sep = ","))
    }
  }
}
writeLines(c("spending,rate,z,final_z,cp_trend,cp_null", rows), "conditionalpower.csv")
cat(sprintf("conditionalpower.csv %d rows\n", length(rows)))
