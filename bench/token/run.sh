#!/usr/bin/env bash
# CPU per bearer-token check, embedded issuer's JWK source vs its public key given once (TokenDecodeBench.java).
# Setting: ROUNDS (tokens per measurement, default 20000).
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
./mvnw -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
java -cp "$(cat "$cp")" bench/token/TokenDecodeBench.java "${ROUNDS:-20000}"
