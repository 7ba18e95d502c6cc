# syntax=docker/dockerfile:1.7
# The siamese-verify service with the shipped face and signature models.
#   docker build -t siamese-verify .
#   docker run --rm -p 8080:8080 -v siamese-gallery:/app/data siamese-verify
# Enrolments are kept in /app/data/gallery.db (the embedded store): a volume, so that they outlive
# the container; or set SIAMESE_GALLERY_STORE=postgres and SPRING_DATASOURCE_URL/USERNAME/PASSWORD.
# Other models: mount a folder holding model.json and its TorchScript file(s), and name it, e.g.
#   docker run -v "$PWD/my-model:/models/my-model:ro" -e SIAMESE_MODELS_MYMODEL_PATH=/models/my-model …

# ---- build: the jar, split into Spring Boot's layers, and libtorch unpacked once ----
FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
# dependencies first: this layer is rebuilt only when the pom changes
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
# the tests run in CI (scripts/test); they need the models and data that the image build does not copy
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -q -DskipTests package \
    && cp target/siamese-verify-*.jar application.jar \
    && java -Djarmode=tools -jar application.jar extract --layers --destination extracted
COPY deploy/image/ExtractNatives.java ./
RUN ENGINE_CACHE_DIR=/opt/djl-engines DJL_OFFLINE=true \
    java -cp 'extracted/dependencies/lib/*' ExtractNatives.java

# ---- runtime: glibc JRE (libtorch needs glibc, so not Alpine), non-root ----
FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 siamese \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin siamese \
    && mkdir -p /app/data /var/cache/djl \
    && chown 10001:10001 /app/data /var/cache/djl
WORKDIR /app
COPY --from=build /opt/djl-engines/ /opt/djl-engines/
# Spring Boot's layer order: what changes least first, so a release rebuilds only the last layers
COPY --from=build /src/extracted/dependencies/ ./
COPY --from=build /src/extracted/spring-boot-loader/ ./
COPY --from=build /src/extracted/snapshot-dependencies/ ./
COPY models/face/model.json models/face/model.pt models/face/detector.pt models/face/landmarks.pt models/face/
COPY models/signature/model.json models/signature/model.pt models/signature/
COPY --from=build /src/extracted/application/ ./

# heap at 55 % of the container's memory: libtorch allocates outside the heap
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=55 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    DJL_OFFLINE=true \
    ENGINE_CACHE_DIR=/opt/djl-engines \
    DJL_CACHE_DIR=/var/cache/djl
USER 10001:10001
# the embedded gallery store's directory (siamese.gallery.embedded.path, default data/)
VOLUME ["/app/data"]
# the API; the actuator (health, metrics) on 8081, not to be published to callers
EXPOSE 8080 8081
# readiness, with what the JRE image has (bash): 200 once every model is loaded and warmed up
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# ALL-SYSTEM resolves the Vector API's incubator module (identify's scan) where the runtime
# ships it, and still starts where it does not: the scan then runs plain loops, as the log says
ENTRYPOINT ["java", "--add-modules=ALL-SYSTEM", "-jar", "application.jar"]
