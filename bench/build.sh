# Sourced first by the bench scripts, from the repository root: a JDK 21+, the packaged jar, and
# CP, the classpath on which the programs under bench/ run against the service's own classes.
source scripts/jdk.sh
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/bench-lib
CP="target/classes:target/bench-lib/*"

face_model_version() {  # the version the face card gives, which every imported reference must carry
  sed -n 's/^  "version": "\([^"]*\)",$/\1/p' models/face/model.json
}

face_forwards_per_image() {  # encoder forwards per face: 2 when the face card asks for the mirror average
  if grep -q '"mirrorAverage": true' models/face/model.json; then echo 2; else echo 1; fi
}

machine() {  # the line every report starts with
  echo "== machine"
  echo "$(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
}
