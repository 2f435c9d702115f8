# syntax=docker/dockerfile:1
# Build: the project builds with a JDK 25 and targets Java 21 bytecode.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
# The tests need an AWS emulator, PostgreSQL and a browser; CI runs them (.ci/run), not the image build.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp package -DskipTests \
    && java -Djarmode=tools -jar target/capacity-pilot-*.jar extract --layers --launcher --destination extracted

# Run: a JRE, a non-root user, and the jar's layers from least to most often changed so that a
# code change rebuilds only the last layer.
FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system capacitypilot && useradd --system --gid capacitypilot --home-dir /app capacitypilot
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# The embedded H2 database lives under /app/data unless spring.datasource.url points elsewhere.
RUN mkdir -p /app/data && chown capacitypilot:capacitypilot /app/data
USER capacitypilot
EXPOSE 8080
# The heap's share of the container's memory: the rest of the process needs about 330 MB, so 75 %
# of the chart's former 1 GiB limit let heavy API load past it (docs/performance.md, "Sizing").
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60"
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
