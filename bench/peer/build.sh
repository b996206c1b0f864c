#!/usr/bin/env bash
# Builds the peer of the ingest benchmark: the HAPI FHIR JPA server starter at its HAPI 8.8.0 release (tag
# image/v8.8.0-1), with its plain defaults, outside this repository (its code is never committed here).
#   bench/peer/build.sh            # -> $PEER_DIR/target/ROOT.war, then bench/run.sh measures it as "peer"
# Settings: STARTER_GIT (the starter's git URL or a local clone), PEER_DIR (/tmp/hapi-jpaserver-starter).
set -euo pipefail
STARTER_GIT=${STARTER_GIT:-https://github.com/hapifhir/hapi-fhir-jpaserver-starter.git}
PEER_DIR=${PEER_DIR:-/tmp/hapi-jpaserver-starter}
TAG=image/v8.8.0-1
rm -rf "$PEER_DIR" && mkdir -p "$PEER_DIR"
if [ -d "$STARTER_GIT" ]; then
  # a local (possibly partial) mirror: a few large test fixtures may be absent, and the build skips tests
  git -C "$STARTER_GIT" archive "$TAG" | tar -x -C "$PEER_DIR" || true
else
  git clone --quiet --depth 1 --branch "$TAG" "$STARTER_GIT" "$PEER_DIR"
fi
mvn -q -B -f "$PEER_DIR/pom.xml" -Dmaven.test.skip=true package
ls -la "$PEER_DIR/target/ROOT.war"
