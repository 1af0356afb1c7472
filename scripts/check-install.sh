#!/usr/bin/env bash
# Proves that loomcsp installs and that a separate project can use the installed artifacts:
#  1. `mvn install` of the whole reactor into a fresh, temporary local repository (never ~/.m2);
#  2. checks that csp-core and csp-net are there with their sources and javadoc jars and a pom
#     without a parent (flattened), so each resolves on its own;
#  3. builds and runs examples/consumer (a copy, outside the reactor) with that temporary
#     repository as its local repository, on the module path and on the class path.
# Third-party artifacts and plugins come from your own local repository (~/.m2, read only, as a
# file:// repository with releases only) and then Maven Central. No remote repository serves
# snapshots, so org.loomcsp:*:0.1.0-SNAPSHOT can only come from step 1's install.
# Exits non-zero on any failure.
#   scripts/check-install.sh [--keep]     (--keep: leave the temporary directory for inspection)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true
work="$(mktemp -d "${TMPDIR:-/tmp}/loomcsp-install.XXXXXX")"
cleanup() { if $keep; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

repo="$work/repo"
user_repo="${MAVEN_USER_REPO:-$HOME/.m2/repository}"
mkdir -p "$repo"
settings="$work/settings.xml"
cat > "$settings" <<XML
<settings>
  <profiles>
    <profile>
      <id>user-repo-read-only</id>
      <repositories>
        <repository>
          <id>user-repo</id>
          <url>file://$user_repo</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>user-repo</id>
          <url>file://$user_repo</url>
          <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>user-repo-read-only</activeProfile></activeProfiles>
</settings>
XML

version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
start=$(date +%s)

echo "== 1. mvn install into $repo"
(cd "$root" && mvn -B -q -s "$settings" -Dmaven.repo.local="$repo" install -DskipTests)

echo "== 2. what was installed"
fail=0
for m in csp-core csp-net; do
  d="$repo/org/loomcsp/$m/$version"
  for f in "$m-$version.jar" "$m-$version-sources.jar" "$m-$version-javadoc.jar" "$m-$version.pom"; do
    if [[ -s "$d/$f" ]]; then echo "ok   $m/$f"; else echo "MISSING $d/$f"; fail=1; fi
  done
  if [[ -s "$d/$m-$version.pom" ]] && grep -q "<parent>" "$d/$m-$version.pom"; then
    echo "FAIL $m's installed pom has a parent (not flattened)"; fail=1
  fi
done
[[ $fail == 0 ]] || exit 1

echo "== 3. examples/consumer against $repo"
cp -r "$root/examples/consumer" "$work/consumer"
rm -rf "$work/consumer/target"
(cd "$work/consumer" && mvn -B -s "$settings" -Dmaven.repo.local="$repo" \
    -Dloomcsp.version="$version" verify) | tee "$work/consumer.log" \
    | grep -E "^\[INFO\] --- exec|BUILD|ERROR|consumer|loomcsp" || true
grep -q "BUILD SUCCESS" "$work/consumer.log" || { echo "consumer build failed (log: $work/consumer.log)"; keep=true; exit 1; }
# Both runs happened (module path and class path).
[[ $(grep -c -- "--- exec-maven-plugin" "$work/consumer.log") -ge 2 ]] \
    || { echo "consumer did not run twice"; keep=true; exit 1; }

echo "== passed in $(( $(date +%s) - start )) s"
