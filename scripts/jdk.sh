# Sourced by the other scripts: exports JAVA_HOME for a JDK 21 or newer, or fails saying so.
# Looks at JAVA_HOME, then the java on PATH, then every JDK under /usr/lib/jvm.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

pick_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in /usr/lib/jvm/*; do [ -x "$dir/bin/javac" ] && candidates+=("$dir"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/javac" ] && [ "$(java_major "$home")" -ge 21 ] 2>/dev/null; then
      echo "$home"; return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(pick_jdk); then
  echo "siamese-verify needs a JDK 21 or newer (found none in JAVA_HOME, on PATH or under /usr/lib/jvm);" >&2
  echo "install one (for example: apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
