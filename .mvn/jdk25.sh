# Sourced by ./mvnw and ./shmward: points JAVA_HOME at a JDK >= 25, or stops with one clear line.
# Order: $JAVA_HOME if it is new enough, then `java` on the PATH, then the JDKs under /usr/lib/jvm.
shmward_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
shmward_pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
                   /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local major
    major=$(shmward_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "shmward: no JDK 25 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one, e.g. Temurin 25, or set JAVA_HOME." >&2
  return 1
}
shmward_pick_jdk || exit 1
