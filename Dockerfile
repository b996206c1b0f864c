# syntax=docker/dockerfile:1
# --- build stage: dependencies are resolved in their own layer, cached while only sources change
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY profiles ./profiles
COPY fhir-examples ./fhir-examples
RUN mvn -B -q -DskipTests package

# --- runtime stage: slim JRE, non-root user
FROM eclipse-temurin:17-jre
RUN groupadd --system trialfhir && useradd --system --gid trialfhir --home-dir /app trialfhir \
    && mkdir -p /app/data && chown -R trialfhir:trialfhir /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=trialfhir:trialfhir /build/target/trialfhir.jar /app/trialfhir.jar
USER trialfhir
# All configuration by environment, e.g. SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD for an external PostgreSQL,
# TRIALFHIR_EMBEDDED_POSTGRES_DATA_DIR for the embedded default (mount a volume there), SERVER_PORT.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    TRIALFHIR_EMBEDDED_POSTGRES_DATA_DIR=/app/data/postgres
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/trialfhir.jar"]
